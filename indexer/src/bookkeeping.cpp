// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/bookkeeping.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>

#include "fahras/common/schema.hpp"

#include "inputs.hpp"

namespace fahras {

void RunBookkeeping::article_seen(Xapian::docid did) {
    if (did >= m_seen.size()) m_seen.resize(std::max<std::size_t>(did + 1, m_seen.size() * 2));
    m_seen[did] = true;
}

std::vector<Xapian::docid> RunBookkeeping::unseen_articles(const Xapian::Database& db,
                                                           const std::string& key,
                                                           bool complete) const {
    std::vector<Xapian::docid> unseen;
    if (!complete) return unseen;
    const std::string term = std::string(schema::source_file) + key;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        if (!was_seen(*p)) unseen.push_back(*p);
    }
    return unseen;
}

std::vector<VanishedFile> RunBookkeeping::vanished(const FileState& state) const {
    std::vector<VanishedFile> out;
    for (const auto& [key, record] : state.records()) {
        if (m_found.count(key) == 0 && is_under(record.path, m_roots) &&
            !is_under(record.path, m_unreachable)) {
            out.push_back({record.path, key, false});
        }
    }
    std::sort(out.begin(), out.end(), [](const VanishedFile& a, const VanishedFile& b) {
        return a.path != b.path ? a.path < b.path : a.key < b.key;
    });
    std::vector<VanishedFile> kept;
    for (VanishedFile& f : out) {
        struct stat st {};
        f.exists = ::stat(f.path.c_str(), &st) == 0;
        if (!f.exists && errno != ENOENT && errno != ENOTDIR) continue;
        kept.push_back(std::move(f));
    }
    return kept;
}

}  // namespace fahras
