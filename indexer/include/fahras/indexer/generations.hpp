// SPDX-License-Identifier: GPL-3.0-or-later
// Database generations for atomic rebuilds (fahras-index --rebuild). See docs/NIGHTLY.md.
//
// A Fahras database path DB is either
//  - a plain Xapian database directory (what an incremental run creates), or
//  - a *stub directory*: DB/XAPIANDB is a Xapian stub file ("auto gen-…") naming the live
//    generation DB/gen-…, a complete Xapian database.
// Xapian opens both forms the same way (Xapian::Database(DB), WritableDatabase(DB)), so
// fahras-query, xapian-delve and xapian-check need nothing special.
//
// Why a stub rather than a symlink: a reader opening a database opens several files one path
// at a time. Through a symlink that is switched meanwhile it could read the version file of one
// generation and the tables of the other. The stub is read once; every later path names one
// fixed generation directory. Switching is rename(2) of a new stub over the old one: atomic.
#pragma once

#include <filesystem>

namespace fahras {

/// True when `db` is a stub directory (holds a XAPIANDB stub file).
[[nodiscard]] bool is_stub_directory(const std::filesystem::path& db);

/// The live generation of the stub directory `db` (the directory its XAPIANDB names, made
/// relative to `db` when the stub gives a relative path), or an empty path when `db` is not a
/// stub directory.
[[nodiscard]] std::filesystem::path live_generation(const std::filesystem::path& db);

/// Replaces the database at `path` by a compacted copy of itself (Xapian::Database::compact
/// into `path`-compact, then renamed over it). Throws DatabaseError.
void compact_database(const std::filesystem::path& path);

/// A new generation being built for `db`, removed on destruction unless published.
class Generation {
  public:
    /// Creates an empty directory for the new generation: DB/gen-<time>-<pid> when DB is a
    /// stub directory or does not exist yet; when DB is a plain database directory, a staging
    /// stub directory DB.rebuild-<pid> beside it, holding the generation. Leftovers of killed
    /// rebuilds (generations no stub names, staging directories) are removed first; the caller
    /// holds the database lock.
    explicit Generation(const std::filesystem::path& db);
    ~Generation();
    Generation(const Generation&) = delete;
    Generation& operator=(const Generation&) = delete;

    /// Where to write the new database.
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return m_path; }

    /// Replaces the generation by a compacted copy of itself (compact_database); a sharded
    /// generation (shards.hpp) has each shard compacted instead.
    void compact();

    /// Makes the new generation the live database, atomically: readers that open `db` from
    /// now on see it; readers that opened the old one keep reading it. The old generation is
    /// removed after `grace_seconds` (time for readers that read the old stub just before the
    /// switch to open its files). Throws DatabaseError.
    void publish(double grace_seconds);

  private:
    std::filesystem::path m_db;
    std::filesystem::path m_stub_dir;  ///< m_db, or the staging directory for a plain database
    std::filesystem::path m_path;
    bool m_published = false;
};

}  // namespace fahras
