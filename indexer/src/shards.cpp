// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/shards.hpp"

#include <cstdint>
#include <string>

#include "fahras/common/errors.hpp"
#include "fahras/common/hash.hpp"
#include "fahras/common/stub.hpp"
#include "fahras/indexer/generations.hpp"

namespace fs = std::filesystem;

namespace fahras {

namespace {

std::string shard_name(std::size_t k) {
    return "shard-" + std::to_string(k);
}

}  // namespace

std::string_view routing_key(const Article& article) noexcept {
    return article.url.empty() ? std::string_view(article.id) : std::string_view(article.url);
}

std::size_t shard_of(std::string_view key, std::size_t n) noexcept {
    if (n <= 1) return 0;
    // FNV-1a, 64 bits: fixed constants, no seed, the same on every machine.
    return static_cast<std::size_t>(hash::fnv1a(key) % n);
}

std::vector<fs::path> shard_paths(const fs::path& db) {
    const fs::path live = live_generation(db);
    if (live.empty() || !is_stub_directory(live)) return {};
    const fs::path stub_file = live / stub::file_name;
    std::vector<fs::path> shards;
    for (const stub::Line& line : stub::read(stub_file)) {
        const std::string expected = shard_name(shards.size());
        if (line.type != "auto" || line.arg != expected) {
            throw DatabaseError(stub_file.string() + ": expected 'auto " + expected + "', found '" +
                                line.type + ' ' + line.arg +
                                "': not a stub written by fahras-index");
        }
        shards.push_back(live / expected);
    }
    return shards;
}

std::vector<fs::path> write_shard_stub(const fs::path& dir, std::size_t n) {
    std::vector<fs::path> shards;
    std::vector<stub::Line> lines;
    for (std::size_t k = 0; k < n; ++k) {
        lines.push_back({"auto", shard_name(k)});
        shards.push_back(dir / shard_name(k));
    }
    stub::write(
        dir / stub::file_name,
        "Fahras: the " + std::to_string(n) + " shards of this database (fahras-index --shards)",
        lines);
    return shards;
}

}  // namespace fahras
