// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/shards.hpp"

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "fahras/common/stub.hpp"

namespace fs = std::filesystem;

namespace fahras {

namespace {

constexpr int max_stub_depth = stub::max_depth;

/// One `remote` line's argument: `HOST:PORT` (TCP, `[v6]:PORT` too) or `:PROGRAM ARGS`.
std::optional<Xapian::Database> open_remote(const std::string& arg) {
    if (arg.empty()) return std::nullopt;
    if (arg[0] == ':') {
        // "PROGRAM ARGS" splits as a stub line's "TYPE ARGUMENT" does.
        const auto [program, args] = stub::parse_line(std::string_view(arg).substr(1));
        if (program.empty()) return std::nullopt;
        return Xapian::Remote::open(program, args);
    }
    const std::size_t colon = arg.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == arg.size()) return std::nullopt;
    std::string host = arg.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    unsigned port = 0;
    for (const char c : arg.substr(colon + 1)) {
        if (c < '0' || c > '9' || port > 65535) return std::nullopt;
        port = port * 10 + static_cast<unsigned>(c - '0');
    }
    if (port == 0 || port > 65535) return std::nullopt;
    return Xapian::Remote::open(host, port);
}

/// Appends the shards of `path` to `out`; false when `path` is a stub this does not understand.
bool collect(const fs::path& path, int depth, std::vector<Xapian::Database>& out) {
    std::error_code ec;
    if (fs::is_directory(path, ec) || depth > max_stub_depth) {
        // A stub directory (a --rebuild generation, or the shards of fahras-index --shards)
        // is read like the stub file it holds.
        const fs::path stub_file = path / stub::file_name;
        if (depth <= max_stub_depth && fs::is_regular_file(stub_file, ec)) {
            return collect(stub_file, depth + 1, out);
        }
        out.emplace_back(path.string());
        return true;
    }
    if (std::ifstream(path).fail()) return false;
    for (const auto& [type, arg] : stub::read(path)) {
        if (type == "remote") {
            std::optional<Xapian::Database> db = open_remote(arg);
            if (!db) return false;
            out.push_back(std::move(*db));
        } else if (type == "auto" || type == "glass" || type == "chert" || type == "honey") {
            if (arg.empty()) return false;
            if (!collect(stub::target(path, arg), depth + 1, out)) return false;
        } else {
            return false;  // inmemory, or a keyword of a later Xapian
        }
    }
    return true;
}

/// Whether the stub at `path` lists a `remote` line, directly or through nested stubs.
bool lists_remote(const fs::path& path, int depth) {
    std::error_code ec;
    if (depth > max_stub_depth) return false;
    if (fs::is_directory(path, ec)) {
        const fs::path stub_file = path / stub::file_name;
        return fs::is_regular_file(stub_file, ec) && lists_remote(stub_file, depth + 1);
    }
    for (const auto& [type, arg] : stub::read(path)) {
        if (type == "remote") return true;
        if (type == "auto" && !arg.empty() && lists_remote(stub::target(path, arg), depth + 1)) {
            return true;
        }
    }
    return false;
}

}  // namespace

bool any_remote_shard(const std::string& path) {
    return lists_remote(fs::path(path), 0);
}

std::vector<Xapian::Database> open_shards(const std::string& path) {
    std::vector<Xapian::Database> shards;
    if (!collect(fs::path(path), 0, shards) || shards.empty()) {
        return {Xapian::Database(path)};
    }
    return shards;
}

}  // namespace fahras
