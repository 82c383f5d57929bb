// SPDX-License-Identifier: GPL-3.0-or-later
// A sharded indexing run (--shards N; fahras/indexer/shards.hpp): one run_one() per
// shard in parallel threads over the same inputs, each keeping the articles routed to it.
#include <algorithm>
#include <exception>
#include <filesystem>
#include <ostream>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <xapian.h>

#include "fahras/common/errors.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/indexer/generations.hpp"
#include "fahras/indexer/shards.hpp"

#include "inputs.hpp"
#include "run.hpp"

namespace fs = std::filesystem;

namespace fahras {

namespace {

/// What the N runs of a sharded run did together. Every run reads every file, so the file
/// counts, input errors and failures are those of shard 0's run (the only one that reports
/// them; duplicate ids too, which every run's reading stage finds alike); articles, bytes,
/// news counts, commits, CPU times and waits are summed; durations are the longest.
IndexSummary merge_summaries(const std::vector<IndexSummary>& parts) {
    IndexSummary all = parts.front();
    for (std::size_t k = 1; k < parts.size(); ++k) {
        const IndexSummary& p = parts[k];
        all.indexed += p.indexed;
        all.replaced += p.replaced;
        all.deleted += p.deleted;
        all.duplicates += p.duplicates_across_runs;
        all.warnings += p.duplicates_across_runs;
        all.duplicates_across_runs += p.duplicates_across_runs;
        all.unchanged += p.unchanged;
        all.bytes += p.bytes;
        all.commits += p.commits;
        all.interrupted = all.interrupted || p.interrupted;
        NewsSummary& n = all.news;
        for (std::size_t r = 0; r < n.lines.size(); ++r) n.lines[r] += p.news.lines[r];
        n.body_bytes += p.news.body_bytes;
        n.dropped_bytes += p.news.dropped_bytes;
        for (const auto& [source, bytes] : p.news.by_source) {
            n.by_source[source].first += bytes.first;
            n.by_source[source].second += bytes.second;
        }
        n.with_agency += p.news.with_agency;
        n.stories.joined += p.news.stories.joined;
        n.stories.relabelled += p.news.stories.relabelled;
        n.stories.merged += p.news.stories.merged;
        all.index_seconds = std::max(all.index_seconds, p.index_seconds);
        all.delete_seconds = std::max(all.delete_seconds, p.delete_seconds);
        all.commit_seconds = std::max(all.commit_seconds, p.commit_seconds);
        all.cpu.reader += p.cpu.reader;
        all.cpu.analysis += p.cpu.analysis;
        all.cpu.writer += p.cpu.writer;
        all.cpu.commit += p.cpu.commit;
        all.waits.writer += p.waits.writer;
        all.waits.reader += p.waits.reader;
    }
    return all;
}

/// The boilerplate table of a sharded run, learned once over all inputs (what shard 0 holds
/// from earlier runs, plus this run's counts) so that every shard cleans bodies alike.
/// `cpu`: the CPU seconds of the pass (CpuSummary::boilerplate).
BoilerplateTable learn_for_shards(const IndexOptions& options, const fs::path& shard0,
                                  double& cpu) {
    BoilerplateTable table;
    try {
        std::error_code ec;
        if (fs::exists(shard0, ec)) {
            table.merge(Xapian::Database(shard0.string())
                            .get_metadata(std::string(schema::meta_boilerplate)));
        }
    } catch (const Xapian::Error& e) {
        throw DatabaseError("cannot read database " + shard0.string() + ": " + xapian_reason(e));
    }
    // Shard 0's run finds the same files and reports what is wrong with them.
    const std::vector<InputFile> files =
        collect_inputs(options.inputs, options.id_prefixes, [](const InputError&) {}).files;
    const std::size_t workers = worker_count(options);
    cpu = observe_boilerplate(files, options.reader, workers, queue_capacity(options, workers),
                              table);
    table.learn(options.news.cleaning.learn_min_articles);
    return table;
}

}  // namespace

/// Runs one run_one() per shard, in parallel threads, each with an equal part of the analysis
/// threads. Shard 0's run reports input errors and progress on `err`; the verbose lines of
/// every run go to `log` after all have finished, shard by shard.
IndexSummary run_shards(const IndexOptions& options, const std::vector<fs::path>& shards,
                        std::ostream& log, std::ostream& err) {
    const std::size_t n = shards.size();
    BoilerplateTable learned;
    double boilerplate_cpu = 0;
    if (!options.news.cleaning.keep_boilerplate) {
        learned = learn_for_shards(options, shards[0], boilerplate_cpu);
    }
    const std::size_t threads = options.threads != 0
                                    ? options.threads
                                    : std::max<std::size_t>(1, std::thread::hardware_concurrency());
    std::vector<IndexOptions> each(n, options);
    std::vector<IndexSummary> parts(n);
    std::vector<std::ostringstream> logs(n);
    std::vector<std::ostringstream> errs(n);  // shards 1…N-1: copies of shard 0's reports
    std::vector<std::exception_ptr> failures(n);
    std::vector<std::thread> running;
    for (std::size_t k = 0; k < n; ++k) {
        each[k].threads = std::max<std::size_t>(1, threads / n);
        each[k].progress = options.progress && k == 0;
        running.emplace_back([&, k] {
            try {
                const ShardRole role{k, n,
                                     options.news.cleaning.keep_boilerplate ? nullptr : &learned};
                parts[k] =
                    run_one(each[k], shards[k].string(), logs[k], k == 0 ? err : errs[k], role);
            } catch (...) {
                failures[k] = std::current_exception();
            }
        });
    }
    for (std::thread& t : running) t.join();
    for (std::size_t k = 0; k < n; ++k) {
        if (failures[k]) std::rethrow_exception(failures[k]);
    }
    for (std::size_t k = 0; k < n; ++k) log << logs[k].str();
    // What only one shard can find: a duplicate id against an article another run stored.
    for (std::size_t k = 1; k < n; ++k) {
        std::istringstream lines(errs[k].str());
        for (std::string line; std::getline(lines, line);) {
            if (line.find(taken_over_marker) != std::string::npos) err << line << '\n';
        }
    }
    IndexSummary summary = merge_summaries(parts);
    summary.shards = n;
    summary.cpu.boilerplate = boilerplate_cpu;
    return summary;
}

/// Creates the new sharded database `db` (missing or an empty directory): N empty shards with
/// their schema version, listed by a shard stub in a first generation, published at once so
/// that the incremental run that follows writes the shards in place.
std::vector<fs::path> create_shards(const fs::path& db, std::size_t n) {
    Generation generation(db);
    const std::vector<fs::path> shards = write_shard_stub(generation.path(), n);
    for (const fs::path& shard : shards) {
        bool created = false;
        Xapian::WritableDatabase w = open_for_writing(shard.string(), created);
        try {
            w.commit();
        } catch (const Xapian::Error& e) {
            throw DatabaseError("cannot write database " + shard.string() + ": " +
                                xapian_reason(e));
        }
    }
    generation.publish(0);
    return shard_paths(db);
}

}  // namespace fahras
