// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/shards.hpp"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>

#include "fahras/common/errors.hpp"
#include "fahras/common/hash.hpp"
#include "fahras/indexer/generations.hpp"

namespace fs = std::filesystem;

namespace fahras {

namespace {

constexpr const char* stub_name = "XAPIANDB";

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
    std::ifstream in(live / stub_name);
    std::vector<fs::path> shards;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const std::string expected = "auto " + shard_name(shards.size());
        if (line != expected) {
            throw DatabaseError((live / stub_name).string() + ": expected '" + expected +
                                "', found '" + line + "': not a stub written by fahras-index");
        }
        shards.push_back(live / shard_name(shards.size()));
    }
    return shards;
}

std::vector<fs::path> write_shard_stub(const fs::path& dir, std::size_t n) {
    const fs::path stub = dir / stub_name;
    fs::path tmp = stub;
    tmp += ".new";
    std::vector<fs::path> shards;
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << "# Fahras: the " << n << " shards of this database (fahras-index --shards)\n";
        for (std::size_t k = 0; k < n; ++k) {
            out << "auto " << shard_name(k) << '\n';
            shards.push_back(dir / shard_name(k));
        }
        out.close();
        if (!out) throw DatabaseError("cannot write " + tmp.string());
    }
    if (std::rename(tmp.c_str(), stub.c_str()) != 0) {
        throw DatabaseError("cannot write " + stub.string());
    }
    return shards;
}

}  // namespace fahras
