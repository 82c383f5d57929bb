// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/generations.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>

#include <xapian.h>

#include "fahras/common/errors.hpp"
#include "fahras/common/stub.hpp"

namespace fs = std::filesystem;

namespace fahras {

namespace {

const std::string stub_name(stub::file_name);
constexpr std::string_view generation_prefix = "gen-";
/// DB.rebuild-<pid>: the staging stub directory of a plain database's rebuild.
constexpr std::string_view staging_infix = ".rebuild-";
/// Stubs followed to find a database's identity, at most (a loop of stubs is an error).
constexpr int max_stub_depth = stub::max_depth;

std::string generation_name() {
    static int counter = 0;
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&now, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    return std::string(generation_prefix) + stamp + "-" + std::to_string(::getpid()) + "-" +
           std::to_string(++counter);
}

/// The generation a stub file names ("auto gen-…"), or "" when there is none.
std::string stub_target(const fs::path& file) {
    const std::vector<stub::Line> lines = stub::read(file);
    return lines.empty() ? std::string() : lines.front().arg;
}

void fsync_path(const fs::path& p, int flags) {
    const int fd = ::open(p.c_str(), flags | O_CLOEXEC);
    if (fd < 0) return;
    (void)::fsync(fd);
    ::close(fd);
}

fs::path normalised(const fs::path& db) {
    fs::path p = db.lexically_normal();
    if (!p.has_filename()) p = p.parent_path();  // "db/" → "db"
    return p;
}

bool is_generation_name(const std::string& name) {
    return name.rfind(generation_prefix, 0) == 0 && name.find('/') == std::string::npos;
}

/// `p` with symbolic links, "." and ".." resolved as far as it exists.
fs::path resolved(const fs::path& p) {
    std::error_code ec;
    fs::path out = fs::weakly_canonical(fs::absolute(p, ec), ec);
    if (ec) out = fs::absolute(p, ec).lexically_normal();
    return normalised(out);
}

/// The database the one-line stub file `file` names, when it is "auto PATH" or "glass PATH"
/// (relative to the stub's directory), or an empty path.
fs::path local_stub_target(const fs::path& file) {
    const std::vector<stub::Line> lines = stub::read(file);
    if (lines.size() != 1 || (lines[0].type != "auto" && lines[0].type != "glass")) return {};
    return stub::target(file, lines[0].arg);
}

}  // namespace

fs::path database_identity(const fs::path& db) {
    fs::path p = resolved(db);
    for (int depth = 0; depth < max_stub_depth; ++depth) {
        std::error_code ec;
        fs::path target;
        if (fs::is_regular_file(p, ec)) {
            target = local_stub_target(p);
        } else if (is_stub_directory(p) && !is_generation_name(stub_target(p / stub_name))) {
            target = local_stub_target(p / stub_name);  // a hand-written stub directory
        }
        if (target.empty()) return p;
        p = resolved(target);
    }
    throw DatabaseError("database " + db.string() + ": more than " +
                        std::to_string(max_stub_depth) + " stubs lead to it (a loop?)");
}

std::vector<fs::path> remove_leftovers(const fs::path& db) {
    std::vector<fs::path> removed;
    std::error_code ec;
    const auto remove = [&](const fs::path& p) {
        fs::remove_all(p, ec);
        if (!ec) removed.push_back(p);
    };
    const fs::path dir = normalised(db);
    if (fs::is_directory(dir, ec)) {
        const std::string live = is_stub_directory(dir) ? stub_target(dir / stub_name) : "";
        std::vector<fs::path> found;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            const std::string name = entry.path().filename().string();
            if ((is_generation_name(name) && name != live) ||
                name == std::string(stub_name) + ".new") {
                found.push_back(entry.path());
            }
        }
        for (const fs::path& p : found) remove(p);
    }
    const fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
    const std::string staging = dir.filename().string() + std::string(staging_infix);
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(parent, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > staging.size() && name.rfind(staging, 0) == 0 &&
            name.find_first_not_of("0123456789", staging.size()) == std::string::npos) {
            found.push_back(entry.path());
        }
    }
    for (const fs::path& p : found) remove(p);
    return removed;
}

void check_database(const fs::path& db, std::ostream& out) {
    std::vector<fs::path> parts{db};
    // Xapian::Database::check wants one database directory: follow the stubs to them.
    for (std::size_t i = 0; i < parts.size();) {
        if (!is_stub_directory(parts[i])) {
            ++i;
            continue;
        }
        // "auto PATH" lines: one generation, or the shards of a sharded generation.
        std::vector<fs::path> named;
        const fs::path stub_file = parts[i] / stub_name;
        for (const stub::Line& line : stub::read(stub_file)) {
            named.push_back(stub::target(stub_file, line.arg));
        }
        parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(i));
        parts.insert(parts.begin() + static_cast<std::ptrdiff_t>(i), named.begin(), named.end());
    }
    for (const fs::path& part : parts) {
        std::ostringstream problems;
        std::size_t errors = 0;
        try {
            errors = Xapian::Database::check(part.string(), 0, &problems);
        } catch (const Xapian::Error& e) {
            throw DatabaseError("database " + part.string() +
                                " is damaged: " + e.get_description());
        }
        if (errors != 0) {
            std::string first = problems.str();
            first = first.substr(0, first.find('\n'));
            throw DatabaseError(
                "database " + part.string() + " is damaged: " + std::to_string(errors) +
                " error(s) found by Xapian's check" + (first.empty() ? "" : " (" + first + ")"));
        }
        out << "fahras-index: check: " << part.string() << ": ok\n";
    }
}

bool is_stub_directory(const fs::path& db) {
    return stub::is_directory(db);
}

fs::path live_generation(const fs::path& db) {
    if (!is_stub_directory(db)) return {};
    const std::string target = stub_target(db / stub_name);
    if (target.empty()) return {};
    return stub::target(db / stub_name, target);
}

Generation::Generation(const fs::path& db) : m_db(normalised(db)) {
    std::error_code ec;
    try {
        if (!fs::exists(m_db, ec)) {
            fs::create_directories(m_db);
            m_created_db = true;
            m_stub_dir = m_db;
        } else if (!fs::is_directory(m_db, ec)) {
            throw DatabaseError("cannot rebuild " + m_db.string() + ": not a directory");
        } else if (is_stub_directory(m_db) || fs::is_empty(m_db, ec)) {
            m_stub_dir = m_db;
        } else {
            // A plain database directory: build a whole stub directory beside it and exchange
            // the two at publish() time.
            m_stub_dir = m_db;
            m_stub_dir += std::string(staging_infix) + std::to_string(::getpid());
            fs::create_directory(m_stub_dir);
        }
        m_path = m_stub_dir / generation_name();
        fs::create_directory(m_path);
    } catch (const fs::filesystem_error& e) {
        throw DatabaseError("cannot prepare a new database generation for " + m_db.string() + ": " +
                            e.code().message());
    }
}

Generation::~Generation() {
    if (m_published) return;
    std::error_code ec;
    fs::remove_all(m_path, ec);
    if (m_stub_dir != m_db) fs::remove_all(m_stub_dir, ec);
    // A database that did not exist is not left behind as an empty directory, which readers
    // could not open.
    if (m_created_db && fs::is_empty(m_db, ec)) fs::remove(m_db, ec);
}

void compact_database(const fs::path& path) {
    fs::path out = path;
    out += "-compact";
    try {
        Xapian::Database(path.string()).compact(out.string());
    } catch (const Xapian::Error& e) {
        std::error_code ec;
        fs::remove_all(out, ec);
        throw DatabaseError("cannot compact " + path.string() + ": " + e.get_msg());
    }
    // Exchanged in one step (renameat2 RENAME_EXCHANGE), so that `path` always holds a whole
    // database: a reader opening it sees the old one or the compacted one, never none.
    if (::renameat2(AT_FDCWD, out.c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) != 0) {
        const std::string reason = std::strerror(errno);
        std::error_code ec;
        fs::remove_all(out, ec);
        throw DatabaseError("cannot switch " + path.string() + " to its compacted copy: " + reason);
    }
    std::error_code ec;
    fs::remove_all(out, ec);  // now the uncompacted database
}

void Generation::compact() {
    if (!is_stub_directory(m_path)) {
        compact_database(m_path);
        return;
    }
    // A sharded generation: every directory its stub lists, one at a time.
    const fs::path stub_file = m_path / stub_name;
    for (const stub::Line& line : stub::read(stub_file)) {
        if (line.type == "auto") compact_database(stub::target(stub_file, line.arg));
    }
}

void Generation::publish(double grace_seconds) {
    const fs::path stub_file = m_stub_dir / stub_name;
    const std::string old_live =
        m_stub_dir == m_db && is_stub_directory(m_db) ? stub_target(stub_file) : std::string();
    // The generation on disk before the stub names it.
    fsync_path(m_path, O_RDONLY | O_DIRECTORY);
    stub::write(stub_file, "Fahras: the live generation of this database (fahras-index --rebuild)",
                {{"auto", m_path.filename().string()}});
    fsync_path(m_stub_dir, O_RDONLY | O_DIRECTORY);
    fs::path old;
    if (m_stub_dir != m_db) {
        // A plain database directory becomes a stub directory: swap the two directories in one
        // step (renameat2 RENAME_EXCHANGE, Linux 3.15+); the old database ends up in staging.
        if (::renameat2(AT_FDCWD, m_stub_dir.c_str(), AT_FDCWD, m_db.c_str(), RENAME_EXCHANGE) !=
            0) {
            throw DatabaseError("cannot switch " + m_db.string() +
                                " to the new database: " + std::strerror(errno));
        }
        fsync_path(m_db.parent_path().empty() ? fs::path(".") : m_db.parent_path(),
                   O_RDONLY | O_DIRECTORY);
        old = m_stub_dir;
    } else if (old_live.rfind(generation_prefix, 0) == 0 &&
               old_live.find('/') == std::string::npos && old_live != m_path.filename().string()) {
        // Only generations of our own naming are removed, never what a hand-written stub names.
        old = m_db / old_live;
    }
    m_published = true;
    if (old.empty()) return;
    std::this_thread::sleep_for(std::chrono::duration<double>(grace_seconds));
    std::error_code ec;
    fs::remove_all(old, ec);
}

}  // namespace fahras
