// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a database for writing and committing to it: what Xapian's errors mean for the run
// (a lock held by another writer, or an environment that does not let us write).
#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>
#include <string>

#include <xapian.h>

#include "fahras/common/errors.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/indexer/lock.hpp"

#include "run.hpp"

namespace fahras {

namespace {

/// The errno behind a Xapian error, recovered from its error string or the end of its
/// message ("…: Couldn't open lockfile: Read-only file system"), or 0.
int errno_of(const Xapian::Error& e) {
    std::string text = e.get_error_string() != nullptr ? e.get_error_string() : "";
    if (text.empty()) {
        const std::string msg = e.get_msg();
        const std::size_t colon = msg.rfind(": ");
        if (colon != std::string::npos) text = msg.substr(colon + 2);
    }
    for (int n = 1; n < 134; ++n) {
        if (text == std::strerror(n)) return n;
    }
    return 0;
}

}  // namespace

Xapian::WritableDatabase open_for_writing(const std::string& path, bool& created,
                                          int* migrated_from) {
    Xapian::WritableDatabase db;
    try {
        db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError& e) {
        // Xapian reports a lock it could not even try to take (a read-only directory, a full
        // disk) as a lock error too; only "held by someone else" is exit status 3.
        const int reason = errno_of(e);
        if (reason != 0 && reason != EWOULDBLOCK && reason != EAGAIN && reason != EINTR) {
            throw DatabaseError("cannot open database " + path +
                                " for writing: " + std::strerror(reason));
        }
        throw LockedError("database " + path + " is locked by another writer: " + xapian_reason(e));
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot open database " + path + " for writing: " + xapian_reason(e));
    }
    const std::string key(schema::meta_version);
    const std::string version = db.get_metadata(key);
    constexpr int ours_n = schema::version;
    const std::string ours = std::to_string(ours_n);
    created = false;
    if (version.empty()) {
        if (db.get_doccount() != 0) {
            throw DatabaseError("database " + path + " was not written by fahras-index");
        }
        db.set_metadata(key, ours);
        created = true;
    } else if (version != ours) {
        for (int v = schema::oldest_migrated_version; migrated_from != nullptr && v < ours_n; ++v) {
            if (version == std::to_string(v)) {
                db.set_metadata(key, ours);  // committed with the run's first commit
                *migrated_from = v;
                return db;
            }
        }
        throw DatabaseError("database " + path + " has schema version " + version +
                            ", this fahras-index writes version " + ours +
                            ": rebuild it with fahras-index --rebuild");
    }
    return db;
}

void ensure_room_to_commit(const std::string& path, std::uintmax_t pending_bytes) {
    struct statvfs fs {};
    if (::statvfs(path.c_str(), &fs) != 0) return;  // unknown: let Xapian try
    const std::uintmax_t room = static_cast<std::uintmax_t>(fs.f_bavail) * fs.f_frsize;
    const std::uintmax_t needed = 4 * pending_bytes + (1u << 20);
    if (room >= needed) return;
    throw DatabaseError("cannot commit to database " + path + ": " + std::strerror(ENOSPC) + " (" +
                        std::to_string(room >> 10) + " KiB free, about " +
                        std::to_string(needed >> 10) +
                        " KiB needed; nothing of this commit was written)");
}

}  // namespace fahras
