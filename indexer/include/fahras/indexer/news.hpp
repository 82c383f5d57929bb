// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The news-aware part of indexing, as the indexer calls it: cleaning settings,
// agency terms and values, and the counts the run reports.

#include <array>
#include <cstddef>
#include <iosfwd>
#include <map>
#include <string>

#include <xapian.h>

#include "fahras/indexer/boilerplate.hpp"
#include "fahras/indexer/stories.hpp"

namespace fahras {

/// News settings of an indexing run.
struct NewsOptions {
    CleaningOptions cleaning;
    StoryOptions stories;
};

/// What the news cleaning did in a run.
struct NewsSummary {
    std::array<std::size_t, drop_reason_count> lines{};  ///< dropped lines, by DropReason
    std::size_t body_bytes = 0;                          ///< body bytes seen
    std::size_t dropped_bytes = 0;                       ///< of which dropped from the indexed text
    /// Per source: {body bytes, dropped bytes}.
    std::map<std::string, std::pair<std::size_t, std::size_t>> by_source;
    std::size_t learned_lines = 0;  ///< boilerplate lines known (learned now or before)
    std::size_t with_agency = 0;    ///< articles crediting at least one agency
    StoryStats stories;

    /// Adds one article's cleaning.
    void add(const std::string& source, std::size_t body_bytes, const NewsText& text);
};

/// Logs the lines news cleaning dropped from `article`'s body, one per line:
/// "path:line: dropped REASON (body line N): TEXT".
void log_dropped_lines(std::ostream& log, const Article& article, const NewsText& text);

/// Adds the agency terms (`XAG…`) and agency values (slot_agency_first…) of `text` to `doc`.
void add_news_terms(Xapian::Document& doc, const NewsText& text);

/// One summary line: "fahras-index: news: N lines (X% of body text) dropped (related_link a,
/// …); L boilerplate lines known; J articles joined a story (M re-rooted, R relabelled)".
[[nodiscard]] std::string format_news_summary(const NewsSummary& summary);

}  // namespace fahras
