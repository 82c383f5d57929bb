// SPDX-License-Identifier: GPL-3.0-or-later
// One writer per database: an flock(2)-held lock file next to the database.
#pragma once

#include <string>

#include "fahras/common/errors.hpp"

namespace fahras {

/// Another writer holds the database. Exit status 3 of fahras-index.
class LockedError : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
};

/// The lock file of database `db`: `db` + ".lock", next to it (not inside it, so that it stays
/// the same file when --rebuild swaps what is inside or replaces a plain database directory).
[[nodiscard]] std::string lock_file_of(const std::string& db);

/// Holds the write lock of one database for its lifetime.
///
/// The lock is an flock(2) on the lock file, so the kernel releases it when the holder exits
/// in any way, kill -9 included: a lock file left behind is never stale. The file's content
/// ("pid N since T") only serves the message of the writer that is turned away.
class DbLock {
  public:
    /// Takes the lock of `db`, waiting up to `wait_seconds` for another writer to finish.
    /// Throws LockedError ("database is being updated by another fahras-index, pid N, since T")
    /// when it stays held, DatabaseError when the lock file cannot be created.
    DbLock(const std::string& db, double wait_seconds);
    ~DbLock();
    DbLock(const DbLock&) = delete;
    DbLock& operator=(const DbLock&) = delete;

  private:
    int m_fd = -1;
};

}  // namespace fahras
