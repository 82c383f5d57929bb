// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The writer's view of the database without asking the WritableDatabase for postings.
// Xapian 1.4 flushes a term's buffered postings, and every buffered document
// length, into the B-tree whenever a postlist is opened on a WritableDatabase; the per-article
// id lookup and the story clustering's shingle lookups did that hundreds of times per article
// and made the writer the bottleneck. WriteIndex answers the same questions exactly from a
// read-only snapshot of the last commit plus an in-memory index of what was written since,
// which is cleared at each commit (so its memory is bounded by --commit-every).

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <xapian.h>

namespace fahras {

class WriteIndex {
  public:
    /// `path` is the database the writer writes; the snapshot is opened on it.
    explicit WriteIndex(std::string path);

    /// The docid holding id term `idterm` in the database as written so far, or 0.
    [[nodiscard]] Xapian::docid find(const std::string& idterm);

    /// Calls `f` for every document holding `term` as written so far, unless more than
    /// `max_postings` hold it (or none); returns whether `f` was called. Only for the terms
    /// passed to stored() (the shingle terms).
    bool postings(const std::string& term, Xapian::doccount max_postings,
                  const std::function<void(Xapian::docid)>& f);

    /// `did` was (re)written with id term `idterm` and these indexed `terms`.
    void stored(Xapian::docid did, const std::string& idterm, std::vector<std::string> terms);
    /// `did` was deleted.
    void deleted(Xapian::docid did);
    /// The database was committed: the snapshot moves to the new revision.
    void committed();

  private:
    struct Pending {
        std::string idterm;
        std::vector<std::string> terms;
    };
    void forget(Xapian::docid did);
    void open_snapshot();

    std::string m_path;
    Xapian::Database m_snapshot;  ///< the last commit (empty before the first one)
    bool m_have_snapshot = false;
    std::unordered_map<std::string, Xapian::docid> m_ids;  ///< written since the commit
    std::unordered_map<Xapian::docid, Pending> m_docs;     ///< written since the commit
    std::unordered_map<std::string, std::vector<Xapian::docid>> m_postings;  ///< of m_docs
    std::unordered_set<Xapian::docid> m_touched;  ///< rewritten or deleted since the commit
};

}  // namespace fahras
