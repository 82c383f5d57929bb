// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The shards behind a database path. Xapian opens a stub file (docs/SCALING.md) as one database
// and answers postings, statistics and values across all of its shards, but metadata only from
// the first shard; the entity catalogue (metadata written by each indexing run into its own
// shard) must be read shard by shard, so this opens them one by one.

#include <string>
#include <vector>

#include <xapian.h>

namespace fahras {

/// The databases a path stands for: a database directory is itself; a stub file lists
/// databases, one per line (`auto|glass|chert|honey PATH`, PATH relative to the stub's
/// directory, which may itself be a stub; `remote HOST:PORT`; `remote :PROGRAM ARGS`; blank
/// lines and `#` comments skipped), each opened on its own. A line this does not understand
/// makes the whole path count as one database (what Xapian itself opened), so callers see no
/// less than before. Throws Xapian::Error when a listed database cannot be opened.
[[nodiscard]] std::vector<Xapian::Database> open_shards(const std::string& path);

/// True when the stub file at `path` (or a stub it lists) has a `remote` line: such a shard
/// runs only Xapian's built-in match spies (facets.hpp). Opens nothing; false for a database
/// directory and for anything unreadable.
[[nodiscard]] bool any_remote_shard(const std::string& path);

}  // namespace fahras
