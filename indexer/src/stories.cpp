// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/stories.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

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

bool accept(std::size_t shared, std::size_t na, std::size_t nb, const StoryOptions& o) {
    const std::size_t smaller = std::min(na, nb);
    if (smaller == 0 || shared < o.min_shared) return false;
    return static_cast<double>(shared) / static_cast<double>(smaller) >= o.min_containment;
}

}  // namespace

std::string StoryOptions::describe() const {
    char buffer[128];
    std::snprintf(buffer, sizeof buffer, "k=%zu mod=%u max=%zu shared=%zu containment=%.3f",
                  fingerprint.shingle_words, static_cast<unsigned>(fingerprint.modulus),
                  fingerprint.max_samples, min_shared, min_containment);
    return buffer;
}

bool same_story(const Fingerprint& a, const Fingerprint& b, const StoryOptions& options) noexcept {
    return accept(shared_samples(a.samples, b.samples), a.samples.size(), b.samples.size(),
                  options);
}

std::string story_key(std::string_view root_article_id) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(stable_hash(root_article_id)));
    return hex;
}

std::string story_term(std::string_view key) { return std::string(schema::story) + std::string(key); }

void StoryClusterer::assign(Xapian::Document& doc, const std::string& article_id,
                            const Fingerprint& fp) {
    // The stored version of this very article (when re-indexing) is not a candidate.
    Xapian::docid self = 0;
    {
        const std::string idterm = id_term(article_id);
        const Xapian::PostingIterator it = m_db.postlist_begin(idterm);
        if (it != m_db.postlist_end(idterm)) self = *it;
    }

    std::string root = article_id;
    std::set<std::string> joined_keys;  // stories this article links to
    if (m_options.enabled && !fp.empty()) {
        std::unordered_map<Xapian::docid, std::size_t> shared;
        for (const std::uint32_t h : fp.samples) {
            const std::string term = shingle_term(h);
            const Xapian::doccount tf = m_db.get_termfreq(term);
            if (tf == 0 || tf > m_options.max_postings) continue;
            for (auto it = m_db.postlist_begin(term); it != m_db.postlist_end(term); ++it) {
                if (*it != self) ++shared[*it];
            }
        }
        std::vector<Xapian::docid> candidates;
        for (const auto& [did, n] : shared) {
            if (n >= m_options.min_shared) candidates.push_back(did);
        }
        std::sort(candidates.begin(), candidates.end());
        for (const Xapian::docid did : candidates) {
            const Xapian::Document other = m_db.get_document(did);
            const std::size_t other_count = parse_count(other.get_value(schema::slot_shingle_count));
            if (!accept(shared[did], fp.samples.size(), other_count, m_options)) continue;
            const std::string other_key = other.get_value(schema::slot_story);
            const std::string other_root = other.get_value(schema::slot_story_root);
            if (other_key.empty()) continue;
            joined_keys.insert(other_key);
            if (!other_root.empty() && other_root < root) root = other_root;
        }
    }
    const std::string key = story_key(root);
    if (!joined_keys.empty()) ++m_stats.joined;
    for (const std::string& old_key : joined_keys) {
        if (old_key == key) continue;
        ++m_stats.merged;
        relabel(old_key, key, root, self);
    }

    if (m_options.enabled) {
        for (const std::uint32_t h : fp.samples) doc.add_boolean_term(shingle_term(h));
    }
    doc.add_boolean_term(story_term(key));
    doc.add_value(schema::slot_story, key);
    doc.add_value(schema::slot_story_root, root);
    doc.add_value(schema::slot_shingle_count, std::to_string(fp.samples.size()));
}

void StoryClusterer::relabel(const std::string& old_key, const std::string& new_key,
                             const std::string& new_root, Xapian::docid skip) {
    const std::string old_term = story_term(old_key);
    const std::string new_term = story_term(new_key);
    std::vector<Xapian::docid> members;
    for (auto it = m_db.postlist_begin(old_term); it != m_db.postlist_end(old_term); ++it) {
        if (*it != skip) members.push_back(*it);
    }
    for (const Xapian::docid did : members) {
        Xapian::Document doc = m_db.get_document(did);
        doc.remove_term(old_term);
        doc.add_boolean_term(new_term);
        doc.add_value(schema::slot_story, new_key);
        doc.add_value(schema::slot_story_root, new_root);
        m_db.replace_document(did, doc);
        ++m_stats.relabelled;
    }
}

}  // namespace fahras
