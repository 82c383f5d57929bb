// SPDX-License-Identifier: GPL-3.0-or-later
// fahras-index's entry point into the library: checks the options, takes the database lock and
// decides which databases a run writes — the database in place, a new --rebuild generation,
// or the shards of a sharded database (shards.hpp) — then runs run_one() (run_one.cpp) on
// each and prints or writes the summary.
#include "fahras/indexer/indexer.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "fahras/common/cpu_time.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/indexer/encoding.hpp"
#include "fahras/indexer/generations.hpp"
#include "fahras/indexer/lock.hpp"
#include "fahras/indexer/news.hpp"
#include "fahras/indexer/shards.hpp"

#include "inputs.hpp"
#include "run.hpp"

namespace fs = std::filesystem;

namespace fahras {

namespace {

/// True when `db` does not exist yet or is an empty directory.
bool is_new_database(const fs::path& db) {
    std::error_code ec;
    return !fs::exists(db, ec) || (fs::is_directory(db, ec) && fs::is_empty(db, ec));
}

}  // namespace

std::size_t queue_capacity(const IndexOptions& options, std::size_t workers) {
    return options.queue != 0 ? options.queue : 256 * std::max<std::size_t>(workers, 1);
}

std::size_t in_flight_bytes(const ReaderOptions& reader) {
    return static_cast<std::size_t>(
        std::max<std::uintmax_t>(32ull << 20, 2 * reader.max_record_size));
}

std::size_t worker_count(const IndexOptions& options) {
    std::size_t n = options.threads;
    if (n == 0) n = std::max(1u, std::thread::hardware_concurrency());
    // One thread: the analysis runs in the writer's thread (no worker threads at all).
    return n <= 1 ? 0 : n;
}

IndexSummary run_index(const IndexOptions& given, std::ostream& log, std::ostream& err) {
    if (given.db.empty()) throw UsageError("no database given (--db)");
    if (given.inputs.empty() && !given.check) {
        throw UsageError("nothing to index: give files or directories");
    }
    // Every spelling of one database (a symbolic link, "db/.", a stub naming it) is locked
    // and written as the one path it resolves to.
    IndexOptions options = given;
    options.db = database_identity(given.db).string();
    if (options.commit_every == 0) throw UsageError("--commit-every must be at least 1");
    if (options.compact && !options.rebuild) throw UsageError("--compact needs --rebuild");
    if (!options.reader.encoding.empty()) {
        (void)decode_text("", options.reader.encoding);  // UsageError for an unknown name
    }
    for (const std::string& input : options.inputs) {
        std::error_code ec;
        if (!fs::exists(input, ec)) throw UsageError("input " + input + " does not exist");
    }
    (void)input_id_prefixes(options.inputs, options.id_prefixes);  // UsageError before the lock
    {
        // The lock file lives beside the database; its directory must exist.
        std::error_code ec;
        const fs::path parent = fs::path(lock_file_of(options.db)).parent_path();
        if (!parent.empty()) fs::create_directories(parent, ec);
    }

    const auto started = Clock::now();
    const double cpu_started = process_cpu_seconds();
    const DbLock lock(options.db, options.wait_seconds);
    for (const fs::path& gone : remove_leftovers(options.db)) {
        if (!options.quiet) {
            log << "fahras-index: removed " << gone.string()
                << ", left by a run stopped before it switched its database in\n";
        }
    }
    if (options.check) {
        std::ostream silent(nullptr);
        // A database that is not there yet has nothing to check.
        if (!is_new_database(options.db)) check_database(options.db, options.quiet ? silent : log);
        if (options.inputs.empty()) return IndexSummary{};
    }
    // Sharded or not: as the database is, unless --shards says otherwise (shards.hpp).
    std::vector<fs::path> shards = shard_paths(options.db);
    const std::size_t have = std::max<std::size_t>(shards.size(), 1);
    const std::size_t want = options.shards != 0 ? options.shards : have;
    IndexSummary summary;
    if (options.rebuild) {
        Generation generation(options.db);
        if (want > 1) {
            summary = run_shards(options, write_shard_stub(generation.path(), want), log, err);
        } else {
            summary = run_one(options, generation.path().string(), log, err);
        }
        summary.rebuild = true;
        if (!summary.interrupted) {
            const auto publishing = Clock::now();
            if (options.compact) generation.compact();
            // Never switch readers to a database Xapian finds damaged.
            std::ostream silent(nullptr);
            generation.check(options.verbose ? log : silent);
            generation.publish(options.swap_grace_seconds);
            summary.publish_seconds = seconds_since(publishing);
        }
    } else {
        // A first build writes the whole database in many commits, which leave its B-trees
        // about half full; compacting it once at the end halves its size for ~2 % of the
        // run's CPU (docs/PERFORMANCE.md). Later, incremental runs add to it as it is.
        const bool first_build = is_new_database(options.db);
        if (want != have) {
            if (have > 1 || !is_new_database(options.db)) {
                throw UsageError("database " + options.db + " has " + std::to_string(have) +
                                 (have == 1 ? " shard" : " shards") + ", not " +
                                 std::to_string(want) +
                                 ": change the number of shards with --rebuild --shards N");
            }
            shards = create_shards(options.db, want);
        }
        summary = shards.empty() ? run_one(options, options.db, log, err)
                                 : run_shards(options, shards, log, err);
        if (first_build && !summary.interrupted && !is_new_database(options.db)) {
            const auto compacting = Clock::now();
            if (shards.empty()) {
                compact_database(options.db);
            } else {
                for (const fs::path& shard : shards) compact_database(shard);
            }
            summary.publish_seconds = seconds_since(compacting);
        }
    }
    summary.seconds = seconds_since(started);
    summary.cpu.process = process_cpu_seconds() - cpu_started;

    if (!options.report.empty()) {
        std::ofstream out(options.report, std::ios::trunc);
        out << summary_json(summary, given) << '\n';
        out.close();
        if (!out) err << "fahras-index: warning: cannot write report " << options.report << '\n';
    }
    if (!options.quiet) {
        log << format_summary(summary) << '\n';
        log << format_news_summary(summary.news) << '\n';  // news
        if (options.verbose) {
            for (const auto& [source, bytes] : summary.news.by_source) {
                char share[32];
                std::snprintf(share, sizeof share, "%.2f%%",
                              bytes.first > 0 ? 100.0 * static_cast<double>(bytes.second) /
                                                    static_cast<double>(bytes.first)
                                              : 0.0);
                log << "fahras-index: news: source " << (source.empty() ? "(none)" : source) << ": "
                    << bytes.second << " of " << bytes.first << " body bytes dropped (" << share
                    << ")\n";
            }
        }
    }
    return summary;
}

}  // namespace fahras
