// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/news.hpp"

#include <cstdio>
#include <ostream>

#include "fahras/common/facet_values.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/extract/agencies.hpp"

namespace fahras {

void NewsSummary::add(const std::string& source, std::size_t bytes, const NewsText& text) {
    for (const DroppedLine& d : text.dropped) ++lines[static_cast<std::size_t>(d.reason)];
    const std::size_t dropped = text.dropped_bytes();
    body_bytes += bytes;
    dropped_bytes += dropped;
    auto& s = by_source[source];
    s.first += bytes;
    s.second += dropped;
    if (!text.agencies.empty()) ++with_agency;
}

void log_dropped_lines(std::ostream& log, const Article& article, const NewsText& text) {
    for (const DroppedLine& d : text.dropped) {
        log << article.path;
        if (article.line != 0) log << ':' << article.line;
        log << ": dropped " << to_string(d.reason) << " (body line " << d.line << "): " << d.text
            << '\n';
    }
}

void add_news_terms(Xapian::Document& doc, const NewsText& text) {
    for (const std::string& code : text.agencies) doc.add_boolean_term(agency_term(code));
    (void)set_multi_values(doc, schema::slot_agency_first, schema::agency_capacity, text.agencies,
                           schema::slot_packed_agency);
}

std::string format_news_summary(const NewsSummary& s) {
    std::size_t total = 0;
    for (const std::size_t n : s.lines) total += n;
    char percent[32];
    std::snprintf(percent, sizeof percent, "%.1f%%",
                  s.body_bytes > 0 ? 100.0 * static_cast<double>(s.dropped_bytes) /
                                         static_cast<double>(s.body_bytes)
                                   : 0.0);
    std::string out = "fahras-index: news: " + std::to_string(total) + " lines (" + percent +
                      " of body text) dropped";
    std::string reasons;
    for (std::size_t i = 0; i < s.lines.size(); ++i) {
        if (s.lines[i] == 0) continue;
        if (!reasons.empty()) reasons += ", ";
        reasons +=
            std::string(to_string(static_cast<DropReason>(i))) + " " + std::to_string(s.lines[i]);
    }
    if (!reasons.empty()) out += " (" + reasons + ")";
    out += "; " + std::to_string(s.learned_lines) + " boilerplate lines known; " +
           std::to_string(s.with_agency) + " articles credit an agency; " +
           std::to_string(s.stories.joined) + " joined a story (" +
           std::to_string(s.stories.merged) + " re-rooted, " +
           std::to_string(s.stories.relabelled) + " relabelled)";
    return out;
}

}  // namespace fahras
