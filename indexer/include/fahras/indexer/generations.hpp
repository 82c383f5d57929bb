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
#include <iosfwd>
#include <vector>

namespace fahras {

/// True when `db` is a stub directory (holds a XAPIANDB stub file).
[[nodiscard]] bool is_stub_directory(const std::filesystem::path& db);

/// The live generation of the stub directory `db` (the directory its XAPIANDB names, made
/// relative to `db` when the stub gives a relative path), or an empty path when `db` is not a
/// stub directory.
[[nodiscard]] std::filesystem::path live_generation(const std::filesystem::path& db);

/// The database `db` names, one path whatever the spelling: symbolic links, "." and ".."
/// resolved, a trailing slash dropped, and a stub *file* ("auto PATH", which Xapian opens as
/// the database PATH) or a hand-written stub directory naming a database that is not one of
/// its own generations followed to that database. A database that does not exist yet is
/// resolved as far as its path exists. Every run locks and writes this path (lock.hpp), so two
/// spellings of one database can never be written at once.
[[nodiscard]] std::filesystem::path database_identity(const std::filesystem::path& db);

/// Removes what runs killed before they switched a new database in (kill -9, a power cut), so
/// that a run starts from the live database alone: generations DB/gen-* the stub does not name
/// (all of them when DB has no stub: a first --rebuild or --shards build that never switched
/// in), a stub being written (DB/XAPIANDB.new), and staging directories DB.rebuild-<pid>
/// beside DB (a plain database's rebuild, before or just after its switch). The caller holds
/// the lock of `db` (a database_identity), so none of them belongs to a live run. Returns the
/// paths removed.
std::vector<std::filesystem::path> remove_leftovers(const std::filesystem::path& db);

/// Checks the integrity of database `db` with Xapian's Database::check: every generation and
/// shard a stub names, one at a time. Writes one line per database checked to `out`. Throws
/// DatabaseError naming the damaged database and Xapian's first complaint.
void check_database(const std::filesystem::path& db, std::ostream& out);

/// Replaces the database at `path` by a compacted copy of itself (Xapian::Database::compact
/// into `path`-compact, then exchanged with it atomically and the old copy removed). Throws
/// DatabaseError.
void compact_database(const std::filesystem::path& path);

/// A new generation being built for `db`, removed on destruction unless published.
class Generation {
  public:
    /// Creates an empty directory for the new generation: DB/gen-<time>-<pid> when DB is a
    /// stub directory or does not exist yet; when DB is a plain database directory, a staging
    /// stub directory DB.rebuild-<pid> beside it, holding the generation. The caller holds the
    /// database lock and has removed leftovers of killed runs (remove_leftovers).
    explicit Generation(const std::filesystem::path& db);
    ~Generation();
    Generation(const Generation&) = delete;
    Generation& operator=(const Generation&) = delete;

    /// Where to write the new database.
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return m_path; }

    /// Replaces the generation by a compacted copy of itself (compact_database); a sharded
    /// generation (shards.hpp) has each shard compacted instead.
    void compact();

    /// Checks the new generation (check_database) before it may be published.
    void check(std::ostream& out) const { check_database(m_path, out); }

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
    bool m_created_db = false;  ///< DB did not exist: removed too when nothing is published
};

}  // namespace fahras
