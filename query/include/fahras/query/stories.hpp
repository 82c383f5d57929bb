// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The query side of news-aware indexing: story collapsing and `--same-story` (agency filters
// are FilterClauses, request.hpp).

#include <cstddef>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "fahras/query/search.hpp"

namespace fahras {

/// `--same-story ID`: the filter matching the stored versions of the story of article `id`
/// (the article alone when it has no story key). Throws UsageError when `id` names no stored
/// article.
[[nodiscard]] Xapian::Query same_story_query(const Xapian::Database& db, std::string_view id);

/// Fills hit.story from `doc`, and with options.collapse hit.other_versions and
/// hit.other_sources from the other stored members of its story (whether or not they match
/// the query: they are the versions a reader may want instead).
void fill_story(const Xapian::Database& db, Hit& hit, const Xapian::Document& doc,
                const SearchOptions& options);

/// The stored members of story `key` other than `self`, at most `max` (index order).
[[nodiscard]] std::vector<Xapian::docid> story_members(const Xapian::Database& db,
                                                       std::string_view key, Xapian::docid self,
                                                       std::size_t max);

}  // namespace fahras
