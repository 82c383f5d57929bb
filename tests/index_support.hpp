// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers of the unit tests that index files and look at the database.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <xapian.h>

#include "fahras/common/schema.hpp"
#include "fahras/indexer/indexer.hpp"

namespace fahras::test {

/// Writes `text` to `p`, creating its directories.
inline void write(const std::filesystem::path& p, const std::string& text) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::trunc) << text;
}

/// Moves the mtime of `p` forward, so that a rewrite in the same clock tick still counts.
inline void bump_mtime(const std::filesystem::path& p) {
    std::filesystem::last_write_time(p,
                                     std::filesystem::last_write_time(p) + std::chrono::seconds(2));
}

/// The article ids in the database (its `Q` terms).
inline std::set<std::string> ids_in(const std::string& db_path) {
    Xapian::Database db(db_path);
    std::set<std::string> ids;
    const std::string prefix(schema::id);
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        ids.insert((*t).substr(prefix.size()));
    }
    return ids;
}

/// What run_index() returned and printed.
struct Run {
    IndexSummary summary;
    std::string log, err;
};

inline Run index(const IndexOptions& options) {
    std::ostringstream log, err;
    Run r;
    r.summary = run_index(options, log, err);
    r.log = log.str();
    r.err = err.str();
    return r;
}

}  // namespace fahras::test
