// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The query side of news-aware indexing (issue #8): agency filters, story collapsing and
// `--same-story`.

#include <xapian.h>

#include "fahras/query/search.hpp"

namespace fahras {

/// `query` filtered by options.agencies (any of them) and options.same_story. Throws
/// UsageError when same_story names no stored article.
[[nodiscard]] Xapian::Query apply_news_filters(const Xapian::Database& db,
                                               const Xapian::Query& query,
                                               const SearchOptions& options);

/// Fills hit.story from `doc`, and with options.collapse hit.other_versions and
/// hit.other_sources from the other stored members of its story (whether or not they match
/// the query: they are the versions a reader may want instead).
void fill_story(const Xapian::Database& db, Hit& hit, const Xapian::Document& doc,
                const SearchOptions& options);

}  // namespace fahras
