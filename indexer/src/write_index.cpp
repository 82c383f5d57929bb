// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/write_index.hpp"

#include <algorithm>

namespace fahras {

WriteIndex::WriteIndex(std::string path) : m_path(std::move(path)) {
    open_snapshot();
}

void WriteIndex::open_snapshot() {
    try {
        if (m_have_snapshot) {
            m_snapshot.reopen();
        } else {
            m_snapshot = Xapian::Database(m_path);
            m_have_snapshot = true;
        }
    } catch (const Xapian::DatabaseOpeningError&) {
        // A database created by this run and not committed yet: nothing to read.
        m_have_snapshot = false;
        m_snapshot = Xapian::Database();
    }
}

Xapian::docid WriteIndex::find(const std::string& idterm) {
    if (const auto it = m_ids.find(idterm); it != m_ids.end()) return it->second;
    if (!m_have_snapshot) return 0;
    for (int attempt = 0;; ++attempt) {
        try {
            const Xapian::PostingIterator p = m_snapshot.postlist_begin(idterm);
            if (p == m_snapshot.postlist_end(idterm)) return 0;
            const Xapian::docid did = *p;
            // Rewritten since the commit: then its id is in m_ids; so it was deleted.
            return m_touched.count(did) != 0 ? 0 : did;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt > 0) throw;
            m_snapshot.reopen();
        }
    }
}

bool WriteIndex::postings(const std::string& term, Xapian::doccount max_postings,
                          const std::function<void(Xapian::docid)>& f) {
    const auto pending = m_postings.find(term);
    const std::size_t pending_count = pending == m_postings.end() ? 0 : pending->second.size();
    std::vector<Xapian::docid> stored;
    if (m_have_snapshot) {
        for (int attempt = 0;; ++attempt) {
            try {
                stored.clear();
                const Xapian::doccount tf = m_snapshot.get_termfreq(term);
                // Fewer than tf - |touched| of them still hold the term: enough to refuse.
                const std::size_t least =
                    tf - std::min<std::size_t>(tf, m_touched.size()) + pending_count;
                if (least > max_postings) return false;
                for (auto p = m_snapshot.postlist_begin(term); p != m_snapshot.postlist_end(term);
                     ++p) {
                    if (m_touched.count(*p) == 0) stored.push_back(*p);
                }
                break;
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt > 0) throw;
                m_snapshot.reopen();
            }
        }
    }
    const std::size_t tf = stored.size() + pending_count;
    if (tf == 0 || tf > max_postings) return false;
    for (const Xapian::docid did : stored) f(did);
    if (pending_count != 0) {
        for (const Xapian::docid did : pending->second) f(did);
    }
    return true;
}

void WriteIndex::forget(Xapian::docid did) {
    const auto it = m_docs.find(did);
    if (it == m_docs.end()) return;
    for (const std::string& term : it->second.terms) {
        auto& list = m_postings[term];
        list.erase(std::remove(list.begin(), list.end(), did), list.end());
        if (list.empty()) m_postings.erase(term);
    }
    const auto id = m_ids.find(it->second.idterm);
    if (id != m_ids.end() && id->second == did) m_ids.erase(id);
    m_docs.erase(it);
}

void WriteIndex::stored(Xapian::docid did, const std::string& idterm,
                        std::vector<std::string> terms) {
    forget(did);
    m_touched.insert(did);
    m_ids[idterm] = did;
    for (const std::string& term : terms) m_postings[term].push_back(did);
    m_docs[did] = Pending{idterm, std::move(terms)};
}

void WriteIndex::deleted(Xapian::docid did) {
    forget(did);
    m_touched.insert(did);
}

void WriteIndex::committed() {
    m_ids.clear();
    m_docs.clear();
    m_postings.clear();
    m_touched.clear();
    open_snapshot();
}

}  // namespace fahras
