// SPDX-License-Identifier: GPL-3.0-or-later
// The pieces of an indexing run, internal to fahras_indexer: run_index() (run.cpp, the entry
// point) runs run_one() (run_one.cpp) on one database or run_shards() (run_shards.cpp) on the
// shards of one; the boilerplate pass is in run_boilerplate.cpp, the database's opening and
// room checks in write_database.cpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include <xapian.h>

#include "fahras/indexer/boilerplate.hpp"
#include "fahras/indexer/indexer.hpp"
#include "fahras/indexer/readers.hpp"

#include "inputs.hpp"

namespace fahras {

using Clock = std::chrono::steady_clock;

/// Seconds since `t`, for the durations of IndexSummary.
inline double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

/// Xapian's message with the system's reason when it has one: "Error writing block 1307 (No
/// space left on device)".
inline std::string xapian_reason(const Xapian::Error& e) {
    const char* system = e.get_error_string();
    return system != nullptr && *system != '\0' ? e.get_msg() + " (" + system + ")" : e.get_msg();
}

/// What one run does as one of the N runs of a sharded run (`--shards N`, shards.hpp): it
/// reads every input but keeps only the articles shard_of() gives it (file records and
/// deletions follow: an article routed elsewhere is never stored, and a file's unseen articles
/// are deleted as always), and it takes the boilerplate table learned once for all shards.
struct ShardRole {
    std::size_t index = 0;
    std::size_t count = 1;
    const BoilerplateTable* learned = nullptr;  ///< null: learn it in the run itself
};

/// Indexes `options.inputs` into the one database at `db_path` (incrementally; the caller
/// holds the lock and handles --rebuild generations). Input errors go to `err`.
IndexSummary run_one(const IndexOptions& options, const std::string& db_path, std::ostream& log,
                     std::ostream& err, const ShardRole& role = {});

/// Runs one run_one() per shard, in parallel threads, and sums what they did.
IndexSummary run_shards(const IndexOptions& options,
                        const std::vector<std::filesystem::path>& shards, std::ostream& log,
                        std::ostream& err);

/// Creates the new sharded database `db` (missing or an empty directory) with `n` empty shards
/// and returns their paths.
std::vector<std::filesystem::path> create_shards(const std::filesystem::path& db, std::size_t n);

/// Opens (creating if needed) the database for writing and checks its schema version.
/// Returns true in `created` when the schema version had to be written (a new database).
/// With `migrated_from`, a database of a version it can migrate (schema.hpp) gets the current
/// version, and the old one is returned there for the caller to migrate the data; otherwise
/// (and for any other version) DatabaseError.
Xapian::WritableDatabase open_for_writing(const std::string& path, bool& created,
                                          int* migrated_from = nullptr);

/// Throws DatabaseError ("No space left on device") when the file system of database `path`
/// has clearly too little room for a commit of `pending_bytes` of analysed text (four times
/// that, plus 1 MiB): Xapian 1.4's glass commit can abort the process (an exception escaping
/// a destructor: "terminate called without an active exception") when the disk fills in the
/// middle of it, where a failed write elsewhere is a clean exception.
void ensure_room_to_commit(const std::string& path, std::uintmax_t pending_bytes);

/// In-flight limit of a run's pipeline: `options.queue`, or 256 per worker — enough for the
/// workers to go on analysing while the writer commits (a commit of 2,000 articles takes about
/// as long as the workers need for 500), so that the writer, the pipeline's critical path, finds
/// a full queue afterwards; each analysed article waiting holds ~100 KB (docs/PERFORMANCE.md).
std::size_t queue_capacity(const IndexOptions& options, std::size_t workers);

/// Bytes of article text (title + body) a run's pipelines hold in flight at most: the queue
/// bounds the number of articles, this their size (a JSON Lines file of 7 MiB records would
/// otherwise hold a queue of them). Twice --max-record-size, and at least 32 MiB.
std::size_t in_flight_bytes(const ReaderOptions& reader);

/// Analysis worker threads of a run: options.threads, or the number of cores when 0; 0 when
/// that is 1 (the analysis then runs in the writer's thread).
std::size_t worker_count(const IndexOptions& options);

/// The boilerplate-learning pass (news): reads every article of `files` and counts
/// its body lines into `table` (BoilerplateTable::observe), in input order, with the line
/// keys computed by `workers` threads (0: in this thread) and at most `queue` articles in
/// flight. Errors are ignored (the indexing pass reports them). Learning from the counts is
/// the caller's (BoilerplateTable::learn). Returns the CPU seconds the pass used, all its
/// threads (CpuSummary::boilerplate).
double observe_boilerplate(const std::vector<InputFile>& files, const ReaderOptions& reader,
                           std::size_t workers, std::size_t queue, BoilerplateTable& table);

}  // namespace fahras
