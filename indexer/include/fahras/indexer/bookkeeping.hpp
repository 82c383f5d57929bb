// SPDX-License-Identifier: GPL-3.0-or-later
// The omindex-style bookkeeping of an incremental run: which documents and files the run saw,
// and so which articles it deletes (omindex keeps the same in its `updated` bitmap and
// index_handle_deletion()). The run (run_one.cpp) applies what this decides.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "fahras/indexer/state.hpp"

namespace fahras {

/// A file recorded by an earlier run under this run's inputs that the walk did not find.
struct VanishedFile {
    std::string path;     ///< as recorded (FileRecord::path)
    std::string key;      ///< its FileState key
    bool exists = false;  ///< still there, but no longer an input (reached through another
                          ///< path only, turned into a FIFO): its articles go all the same
};

/// What one run has seen: the docids it stored or found unchanged, and the keys of the files
/// its walk found. It holds no database; the questions about one take it.
class RunBookkeeping {
  public:
    /// `roots`: absolute paths of the run's inputs; `unreachable`: directories under them that
    /// the walk could not read.
    RunBookkeeping(std::vector<std::string> roots, std::vector<std::string> unreachable)
        : m_roots(std::move(roots)), m_unreachable(std::move(unreachable)) {}

    /// The walk found file `key` (to read, unchanged, or unreadable): it has not vanished.
    void file_found(const std::string& key) { m_found.insert(key); }
    /// Document `did` was stored, or found unchanged, in this run.
    void article_seen(Xapian::docid did);
    /// True when article_seen(did) was called.
    [[nodiscard]] bool was_seen(Xapian::docid did) const noexcept {
        return did < m_seen.size() && m_seen[did];
    }

    /// The documents of file `key` in `db` (its `XFILE` term) that this run did not see: the
    /// articles a changed file no longer holds once it was read. None when the file was not
    /// read `complete`ly (it failed, or had bad records): what is missing may just be
    /// unreadable, and nothing is lost. Throws Xapian::Error.
    [[nodiscard]] std::vector<Xapian::docid> unseen_articles(const Xapian::Database& db,
                                                             const std::string& key,
                                                             bool complete = true) const;

    /// The files of `state` under the run's roots that the walk did not find, by path: files
    /// gone, and paths that are no longer inputs. Left out: files outside the roots (other
    /// runs index them), files under an unreachable directory, and paths that exist but cannot
    /// be looked at (permissions): what cannot be seen is not taken as gone.
    [[nodiscard]] std::vector<VanishedFile> vanished(const FileState& state) const;

  private:
    std::vector<std::string> m_roots;
    std::vector<std::string> m_unreachable;
    std::unordered_set<std::string> m_found;  ///< keys of the files found this run
    std::vector<bool> m_seen;                 ///< by docid
};

}  // namespace fahras
