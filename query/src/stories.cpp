// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/stories.hpp"

#include <algorithm>

#include "fahras/common/errors.hpp"
#include "fahras/common/facet_values.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"

namespace fahras {

namespace {

/// Most story members read for one hit's other_sources.
constexpr std::size_t max_versions_read = 100;

}  // namespace

Xapian::Query same_story_query(const Xapian::Database& db, std::string_view id) {
    const std::string idterm = id_term(id);
    const Xapian::PostingIterator it = db.postlist_begin(idterm);
    if (it == db.postlist_end(idterm)) {
        throw UsageError("--same-story: no article with id '" + std::string(id) + "'");
    }
    const std::string key = db.get_document(*it).get_value(schema::slot_story);
    return key.empty() ? Xapian::Query(idterm) : Xapian::Query(story_term(key));
}

std::vector<Xapian::docid> story_members(const Xapian::Database& db, std::string_view key,
                                         Xapian::docid self, std::size_t max) {
    std::vector<Xapian::docid> out;
    const std::string term = story_term(key);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term) && out.size() < max; ++it) {
        if (*it != self) out.push_back(*it);
    }
    return out;
}

void fill_story(const Xapian::Database& db, Hit& hit, const Xapian::Document& doc,
                const SearchOptions& options) {
    hit.story = doc.get_value(schema::slot_story);
    hit.agencies = get_multi_values(doc, schema::slot_agency_first, schema::agency_capacity);
    if (!options.collapse || hit.story.empty()) return;
    const std::string term = story_term(hit.story);
    const Xapian::doccount members = db.get_termfreq(term);
    hit.other_versions = members > 0 ? members - 1 : 0;
    std::size_t read = 0;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        if (*it == hit.docid) continue;
        if (++read > max_versions_read) break;
        const std::string source = db.get_document(*it).get_value(schema::slot_source);
        if (source.empty()) continue;
        if (std::find(hit.other_sources.begin(), hit.other_sources.end(), source) ==
            hit.other_sources.end()) {
            hit.other_sources.push_back(source);
        }
    }
}

}  // namespace fahras
