// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/extract/entity_extractor.hpp"
#include "fahras/indexer/document.hpp"
#include "fahras/indexer/news.hpp"
#include "fahras/indexer/readers.hpp"

namespace fahras {

/// Everything `fahras-index` was asked to do.
struct IndexOptions {
    std::string db;                   ///< database directory (created when missing)
    std::vector<std::string> inputs;  ///< files and directories (recursed)
    /// `--id-prefix` values, `INPUT=PREFIX` or `PREFIX`: what the default ids of an input's
    /// articles start with instead of the input's name (docs/SCHEMA.md).
    std::vector<std::string> id_prefixes;
    ReaderOptions reader;
    bool entities = true;  ///< extract and index entities (docs/ENTITIES.md)
    /// With entities: `--gazetteer` files, the statistical tagger (`--no-tagger`) and its
    /// second, article-level pass (`--ner-article-pass`, docs/NER.md: better names for about
    /// as much tagging time again; off by default to keep extraction within its cost budget).
    ExtractorSetup extraction;
    std::size_t commit_every = 2000;  ///< commit after this many changes (added/updated/deleted)
    /// Analysis worker threads (docs/PERFORMANCE.md); 0: one per core. With 1 the analysis
    /// runs in the writer's thread. Reading always has a thread of its own. The database is
    /// the same whatever the number.
    std::size_t threads = 0;
    /// Articles in flight between the reader and the writer (bounds memory); 0: 256 per worker.
    std::size_t queue = 0;
    bool verbose = false;            ///< one line per file
    bool quiet = false;              ///< no summary
    NewsOptions news;                ///< boilerplate, agencies, stories
    bool progress = false;           ///< a progress line (rate, ETA) on `err`: for a TTY
    double progress_seconds = 0.25;  ///< least time between two redraws of the progress line
    bool no_delete = false;          ///< keep articles whose file or line disappeared
    bool retry_failed = false;       ///< read again files that failed and did not change
    bool rebuild = false;            ///< build a new database and switch to it atomically
    bool compact = false;            ///< with `rebuild`: compact the new database first
    /// Check the database's integrity first (Xapian's Database::check, every shard): a
    /// damaged database is a DatabaseError, and nothing is written. With no inputs, only check.
    bool check = false;
    /// Shard databases (shards.hpp): 0 keeps the database as it is (sharded or not); N > 1
    /// makes a new database, or with `rebuild` a new generation, of N shards written in
    /// parallel; changing the number of an existing database needs `rebuild`.
    std::size_t shards = 0;
    double wait_seconds = 0;          ///< wait this long for another writer to finish
    double swap_grace_seconds = 1.0;  ///< `rebuild`: delay before the old database is removed
    std::string report;               ///< write a JSON summary to this file ("" = none)
    /// Polled while indexing; when it becomes true (a signal handler sets it), the run commits
    /// what is done and returns with `interrupted` set.
    const std::atomic<bool>* stop = nullptr;
    DocumentOptions document;  ///< switches of analyse_document()
};

/// One input that failed, or one bad record in it.
struct InputFailure {
    std::string path;
    std::size_t line = 0;  ///< 0 for the whole file
    std::string reason;
};

/// Where a run spent CPU time, stage by stage, in seconds: per-thread CPU clocks
/// (CLOCK_THREAD_CPUTIME_ID), which the load of a shared machine does not distort, unlike wall
/// times. A sharded run sums its shards'.
struct CpuSummary {
    double reader = 0;    ///< the reading thread: file decisions, decompression, parsing
    double analysis = 0;  ///< DocumentBuilder::analyse, in whichever threads ran it
    /// The writer's thread while indexing, deleting and committing, without the analysis it
    /// ran itself (`--threads 1`): the serial part of the pipeline.
    double writer = 0;
    double commit = 0;       ///< of `writer`: in commits (catalogue, Xapian commit, snapshot)
    double boilerplate = 0;  ///< the boilerplate-learning pass, all its threads
    double process = 0;      ///< the whole run, every thread, user + system (getrusage)
};

/// Wall seconds the pipeline's ends waited for each other: a writer that never waits for the
/// workers is the pipeline's critical path; a reader that waits often is held back by a full
/// queue (the writer or the workers are slower than it). A sharded run sums its shards'.
struct WaitSummary {
    double writer = 0;  ///< the writer waiting for the next analysed article
    double reader = 0;  ///< the reader waiting for room in the queue
};

/// What a run did. `failed` counts bad files and bad records found in this run; files that
/// failed before and did not change are not read again and counted in `known_failed` only.
/// `skipped` counts files of an unsupported type.
struct IndexSummary {
    std::size_t files = 0;            ///< input files seen
    std::size_t files_unchanged = 0;  ///< skipped by size and mtime (or content hash)
    std::size_t indexed = 0;          ///< new articles ("added")
    std::size_t replaced = 0;         ///< articles rewritten because they changed ("updated")
    std::size_t deleted = 0;          ///< articles whose file or line disappeared
    std::size_t unchanged = 0;        ///< articles left as they were
    std::size_t skipped = 0;
    std::size_t failed = 0;
    /// Articles whose id a record read earlier in the run claimed too (each warned about;
    /// the later is kept).
    std::size_t duplicates = 0;
    /// Of `duplicates`, those found against an article stored by an earlier run (a new file
    /// claiming an unchanged file's id): on a sharded database only its shard finds it.
    std::size_t duplicates_across_runs = 0;
    /// Problems inputs survived (a few invalid bytes replaced, the article indexed): reported
    /// as `path:line: warning:`, not failures.
    std::size_t warnings = 0;
    NewsSummary news;              ///< what news cleaning dropped, stories joined
    std::size_t known_failed = 0;  ///< failed files not retried (unchanged since)
    std::size_t bytes = 0;         ///< bytes of title + body text analysed
    std::size_t commits = 0;       ///< commits that wrote something (all shards)
    std::size_t shards = 1;        ///< shard databases written
    bool interrupted = false;      ///< stopped early by options.stop; the rest is for next run
    bool rebuild = false;          ///< a --rebuild: interrupted, its new database is discarded
    std::vector<InputFailure> failures;
    double seconds = 0;          ///< whole run
    double scan_seconds = 0;     ///< finding the input files
    double index_seconds = 0;    ///< reading, analysing, writing
    double delete_seconds = 0;   ///< removing disappeared articles
    double commit_seconds = 0;   ///< in commit()
    double publish_seconds = 0;  ///< compaction (--rebuild, first build) and the switch
    CpuSummary cpu;              ///< CPU time by stage
    WaitSummary waits;           ///< time the pipeline's ends waited

    /// Articles added, updated or deleted.
    [[nodiscard]] std::size_t changes() const noexcept { return indexed + replaced + deleted; }
    /// 0 when all went well, 1 when some inputs failed, 2 when interrupted.
    [[nodiscard]] int exit_status() const noexcept { return interrupted ? 2 : failed == 0 ? 0 : 1; }
};

/// Indexes `options.inputs` into `options.db`, incrementally (omindex-style, see
/// docs/NIGHTLY.md), or into a new database switched in atomically with `options.rebuild`.
/// Input errors go to `err` compiler-style and are counted; progress and the summary go to
/// `log`. Throws LockedError when another writer holds the database, DatabaseError /
/// UsageError for fatal problems (the database cannot be opened or written, an input path does
/// not exist).
IndexSummary run_index(const IndexOptions& options, std::ostream& log, std::ostream& err);

/// Marks the warning of a duplicate found against an earlier run's article (in parentheses),
/// which on a sharded database only one shard's run finds and reports.
inline constexpr std::string_view taken_over_marker = "(stored by an earlier run)";

/// The one-line summary printed at the end of a run.
[[nodiscard]] std::string format_summary(const IndexSummary& summary);

/// What an interrupted run did: committed its work, or (--rebuild) discarded its new database.
[[nodiscard]] std::string interrupted_message(const IndexSummary& summary);

/// The `--report` JSON document of a run.
[[nodiscard]] std::string summary_json(const IndexSummary& summary, const IndexOptions& options);

}  // namespace fahras
