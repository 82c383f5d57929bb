// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/stories.hpp"

#include <algorithm>
#include <cstdio>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"

namespace fahras {

namespace {

std::size_t parse_count(const std::string& value) {
    std::size_t n = 0;
    for (const char c : value) {
        if (c < '0' || c > '9') return 0;
        n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    return n;
}

bool accept(std::size_t shared, std::size_t na, std::size_t nb, const StoryOptions& o,
            bool same_source) {
    const std::size_t smaller = std::min(na, nb);
    if (smaller == 0 || shared < o.min_shared) return false;
    const double least =
        same_source ? std::max(o.min_containment, o.same_source_containment) : o.min_containment;
    return static_cast<double>(shared) / static_cast<double>(smaller) >= least;
}

}  // namespace

std::string StoryOptions::describe() const {
    char buffer[160];
    std::snprintf(buffer, sizeof buffer,
                  "k=%zu mod=%u max=%zu shared=%zu containment=%.3f same-source=%.3f days=%d",
                  fingerprint.shingle_words, static_cast<unsigned>(fingerprint.modulus),
                  fingerprint.max_samples, min_shared, min_containment, same_source_containment,
                  max_days);
    return buffer;
}

bool same_story(const Fingerprint& a, const Fingerprint& b, const StoryOptions& options,
                bool same_source) noexcept {
    return accept(shared_samples(a.samples, b.samples), a.samples.size(), b.samples.size(), options,
                  same_source);
}

namespace {

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
long days_from_civil(long y, unsigned m, unsigned d) noexcept {
    y -= m <= 2 ? 1 : 0;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

long day_number(std::string_view ymd) noexcept {
    if (ymd.size() != 8) return -1;
    long v[3] = {0, 0, 0};
    const std::size_t widths[3] = {4, 2, 2};
    std::size_t at = 0;
    for (int i = 0; i < 3; ++i) {
        for (std::size_t j = 0; j < widths[i]; ++j, ++at) {
            if (ymd[at] < '0' || ymd[at] > '9') return -1;
            v[i] = v[i] * 10 + (ymd[at] - '0');
        }
    }
    if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31) return -1;
    return days_from_civil(v[0], static_cast<unsigned>(v[1]), static_cast<unsigned>(v[2]));
}

}  // namespace

long days_between(std::string_view a, std::string_view b) noexcept {
    const long x = day_number(a);
    const long y = day_number(b);
    if (x < 0 || y < 0) return -1;
    return x > y ? x - y : y - x;
}

namespace {

/// The article id of a stored document (its data's "id"), or "" when unreadable.
std::string article_id_of(const Xapian::Document& doc) {
    const nlohmann::json data = nlohmann::json::parse(doc.get_data(), nullptr, false);
    if (!data.is_object()) return {};
    const auto it = data.find("id");
    return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

StoryAssignment StoryClusterer::place(const Xapian::Document& doc, const std::string& article_id,
                                      const Fingerprint& fp) {
    // The stored version of this very article (when re-indexing) is not a candidate.
    Xapian::docid self = 0;
    if (m_index != nullptr) {
        self = m_index->find(id_term(article_id));
    } else {
        const std::string idterm = id_term(article_id);
        const Xapian::PostingIterator it = m_db.postlist_begin(idterm);
        if (it != m_db.postlist_end(idterm)) self = *it;
    }
    const std::string own_date = doc.get_value(schema::slot_date);
    const std::string own_source = doc.get_value(schema::slot_source);

    // Every stored article that passes the near-duplicate test, with its score.
    std::unordered_map<Xapian::docid, double> accepted;
    if (m_options.enabled && !fp.empty()) {
        std::unordered_map<Xapian::docid, std::size_t> shared;
        for (const std::uint32_t h : fp.samples) {
            const std::string term = shingle_term(h);
            if (m_index != nullptr) {
                m_index->postings(term, m_options.max_postings, [&](Xapian::docid did) {
                    if (did != self) ++shared[did];
                });
                continue;
            }
            const Xapian::doccount tf = m_db.get_termfreq(term);
            if (tf == 0 || tf > m_options.max_postings) continue;
            for (auto it = m_db.postlist_begin(term); it != m_db.postlist_end(term); ++it) {
                if (*it != self) ++shared[*it];
            }
        }
        for (const auto& [did, n] : shared) {
            if (n < m_options.min_shared) continue;
            const Xapian::Document other = m_db.get_document(did);
            const std::size_t other_count =
                parse_count(other.get_value(schema::slot_shingle_count));
            const bool same_source =
                !own_source.empty() && other.get_value(schema::slot_source) == own_source;
            if (!accept(n, fp.samples.size(), other_count, m_options, same_source)) continue;
            accepted[did] = static_cast<double>(n) /
                            static_cast<double>(std::min(fp.samples.size(), other_count));
        }
    }

    std::string key = story_key(article_id);
    std::string root = article_id;
    std::string story_date = own_date;
    bool decided = false;
    if (self != 0) {
        // A re-indexed root stays the root while its new text still matches one of its
        // members; else the members are re-rooted and the article is placed afresh.
        const Xapian::Document stored = m_db.get_document(self);
        const std::string old_key = stored.get_value(schema::slot_story);
        if (!old_key.empty() && stored.get_value(schema::slot_story_root) == article_id) {
            const std::string term = story_term(old_key);
            bool has_members = false;
            bool still_matches = false;
            for (auto it = m_db.postlist_begin(term); it != m_db.postlist_end(term); ++it) {
                if (*it == self) continue;
                has_members = true;
                if (accepted.contains(*it)) still_matches = true;
            }
            if (has_members && still_matches) {
                key = old_key;
                decided = true;
            } else if (has_members) {
                reroot(old_key, self);
            }
        }
    }

    if (!decided && !accepted.empty()) {
        // Candidate stories: those whose root is itself an accepted match. Best score first,
        // then the root indexed first (lowest docid), so the choice is deterministic.
        struct Choice {
            double score = -1;
            Xapian::docid did = 0;
            std::string key, root, date;
        } best;
        std::vector<Xapian::docid> dids;
        dids.reserve(accepted.size());
        for (const auto& [did, score] : accepted) dids.push_back(did);
        std::sort(dids.begin(), dids.end());
        for (const Xapian::docid did : dids) {
            const double score = accepted.at(did);
            if (score <= best.score) continue;
            const Xapian::Document other = m_db.get_document(did);
            const std::string other_root = other.get_value(schema::slot_story_root);
            const std::string other_key = other.get_value(schema::slot_story);
            if (other_root.empty() || other_key.empty()) continue;
            // Is `did` the root of its story? Its id term is that of the story's root.
            const std::string root_term = id_term(other_root);
            const Xapian::PostingIterator r = m_db.postlist_begin(root_term);
            if (r == m_db.postlist_end(root_term) || *r != did) continue;
            const std::string root_date = other.get_value(schema::slot_date);
            if (days_between(own_date, root_date) > m_options.max_days) continue;
            best = {score, did, other_key, other_root, root_date};
        }
        if (best.did != 0) {
            key = best.key;
            root = best.root;
            story_date = best.date;
            ++m_stats.joined;
        }
    }

    return {std::move(key), std::move(root), std::move(story_date)};
}

void StoryClusterer::remove(Xapian::docid did) {
    const Xapian::Document doc = m_db.get_document(did);
    const std::string key = doc.get_value(schema::slot_story);
    if (key.empty()) return;
    const std::string id = article_id_of(doc);
    if (id.empty() || doc.get_value(schema::slot_story_root) != id) return;  // not a root
    reroot(key, did);
}

void StoryClusterer::reroot(const std::string& key, Xapian::docid leaving) {
    const std::string old_term = story_term(key);
    std::vector<Xapian::docid> members;  // in docid order: the first indexed first
    for (auto it = m_db.postlist_begin(old_term); it != m_db.postlist_end(old_term); ++it) {
        if (*it != leaving) members.push_back(*it);
    }
    if (members.empty()) return;
    const Xapian::Document first = m_db.get_document(members.front());
    const std::string new_root = article_id_of(first);
    if (new_root.empty()) return;
    const std::string new_key = story_key(new_root);
    const std::string new_term = story_term(new_key);
    const std::string new_date = first.get_value(schema::slot_date);
    ++m_stats.merged;
    for (const Xapian::docid did : members) {
        Xapian::Document doc = m_db.get_document(did);
        doc.remove_term(old_term);
        doc.add_boolean_term(new_term);
        doc.add_value(schema::slot_story, new_key);
        doc.add_value(schema::slot_story_root, new_root);
        if (new_date.empty()) {
            doc.remove_value(schema::slot_story_date);
        } else {
            doc.add_value(schema::slot_story_date, new_date);
        }
        m_db.replace_document(did, doc);
        ++m_stats.relabelled;
    }
}

}  // namespace fahras
