// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>

#include <xapian.h>

namespace fahras {

/// Reads of one database tried before a DatabaseModifiedError is given up on.
inline constexpr int modified_read_attempts = 10;

/// Returns `read()`. A reader sees the revision that was current when it (re)opened the
/// database; once a writer (`fahras-index`, say with --commit-every 5) has committed twice
/// more, that revision's blocks may be reused, and reading it throws
/// Xapian::DatabaseModifiedError ("The revision being read has been discarded - you should
/// call Xapian::Database::reopen() and retry"). Then `reopen()` is called and `read()` run
/// again from the start, up to `attempts` runs in all; the last error propagates. `read` must
/// be safe to repeat (build its result afresh). Each reopen adds one to `*reopens` if given.
/// Xapian::DatabaseCorruptError is retried the same way: a glass reader that meets a block the
/// writer has just reused can report it as corrupt ("Expected block 16 to be level 1") before
/// it notices the revision is gone; a database that is really damaged fails every attempt, and
/// the last error propagates.
template <class Read, class Reopen>
auto read_retrying(Read&& read, Reopen&& reopen, std::size_t* reopens = nullptr,
                   int attempts = modified_read_attempts) -> decltype(read()) {
    for (int attempt = 1;; ++attempt) {
        try {
            if (attempt > 1) {
                reopen();  // itself reads the new revision's root blocks, so it may throw too
                if (reopens != nullptr) ++*reopens;
            }
            return read();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= attempts) throw;
        } catch (const Xapian::DatabaseCorruptError&) {
            if (attempt >= attempts) throw;
        }
    }
}

}  // namespace fahras
