// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Sharded databases written by one fahras-index run (`--shards N`; docs/SCALING.md).
//
// A sharded Fahras database DB is a stub directory (generations.hpp) whose live generation
// DB/gen-… is itself a directory holding
//   - a XAPIANDB stub listing `auto shard-0` … `auto shard-(N-1)`, in this order, and
//   - the N shard databases shard-0 … shard-(N-1), each a complete Fahras database (schema
//     version, file records, entity catalogue, boilerplate table) of the articles routed to it.
// Xapian follows the two stubs, so `Xapian::Database(DB)`, fahras-query, xapian-delve and
// xapian-tcpsrv open the N shards as one database; a --rebuild swaps all N at once.
//
// Every article lives in one shard, chosen from its URL (or its id when it has no URL,
// routing_key), so an incremental run finds it again in the same shard whatever else changed,
// and the versions of one web page (the same URL filed twice, an update) are in one shard for
// the story clustering, which works within a shard (docs/SCALING.md).

#include <cstddef>
#include <filesystem>
#include <string_view>
#include <vector>

#include "fahras/common/article.hpp"

namespace fahras {

/// What routes an article to its shard: its URL, or its id when it has none.
[[nodiscard]] std::string_view routing_key(const Article& article) noexcept;

/// The shard (0 … n−1) of routing key `key`: the 64-bit FNV-1a hash of the key, modulo n.
/// Stable across versions and machines (the shards of an existing database depend on it); 0
/// when n ≤ 1.
[[nodiscard]] std::size_t shard_of(std::string_view key, std::size_t n) noexcept;

/// The shard databases of the sharded database `db`, in shard order, or an empty vector when
/// `db` is not a sharded database (a plain database, a one-generation stub directory, or
/// missing). Throws DatabaseError when the shard stub is malformed (lines other than
/// `auto shard-K` in order).
[[nodiscard]] std::vector<std::filesystem::path> shard_paths(const std::filesystem::path& db);

/// Writes the shard stub `dir`/XAPIANDB for `n` shards (atomically: a temporary file renamed)
/// and returns the shard paths `dir`/shard-K. The shard directories are not created.
std::vector<std::filesystem::path> write_shard_stub(const std::filesystem::path& dir,
                                                    std::size_t n);

}  // namespace fahras
