// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "fahras/indexer/readers.hpp"

namespace fahras {

/// Everything `fahras-index` was asked to do.
struct IndexOptions {
    std::string db;                   ///< database directory (created when missing)
    std::vector<std::string> inputs;  ///< files and directories (recursed)
    ReaderOptions reader;
    std::size_t commit_every = 2000;  ///< commit after this many changed articles
    bool entities = true;             ///< extract and index entities (docs/ENTITIES.md)
    bool tagger = true;               ///< add the statistical tagger's names (with entities)
    /// Extra gazetteer files (the shipped TSV format), added to the shipped gazetteer.
    std::vector<std::string> gazetteers;
    bool verbose = false;             ///< one line per file
    bool quiet = false;               ///< no summary
};

/// What a run did. `failed` counts bad files and bad records; `skipped` counts files of an
/// unsupported type and articles with no text.
struct IndexSummary {
    std::size_t files = 0;
    std::size_t indexed = 0;   ///< new articles
    std::size_t replaced = 0;  ///< articles whose id was already in the database
    std::size_t skipped = 0;
    std::size_t failed = 0;
    std::size_t bytes = 0;     ///< bytes of title + body text analysed
    double seconds = 0;

    /// 0 when all went well, 1 when some inputs failed.
    [[nodiscard]] int exit_status() const noexcept { return failed == 0 ? 0 : 1; }
};

/// Indexes `options.inputs` into `options.db`. Input errors go to `err` compiler-style and are
/// counted; progress and the summary go to `log`. Throws DatabaseError / UsageError for fatal
/// problems (the database cannot be opened or written, an input path does not exist).
IndexSummary run_index(const IndexOptions& options, std::ostream& log, std::ostream& err);

/// The one-line summary printed at the end of a run.
[[nodiscard]] std::string format_summary(const IndexSummary& summary);

}  // namespace fahras
