// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// `fahras-query --batch`: many queries against one open database, written as a TREC run or
// as JSON Lines, for evaluation (scripts/eval.sh) and benchmarks (../shared/bench).

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/query/search.hpp"

namespace fahras {

/// What a batch writes per query.
enum class BatchFormat {
    trec,  ///< `qid Q0 docid rank score runtag`, one line per hit (docid = the article's id)
    json,  ///< one JSON object per query: {"qid", then the fields of to_json(), with the
           ///< facets when SearchOptions::facets}
};

/// How to run a batch.
struct BatchOptions {
    BatchFormat format = BatchFormat::trec;
    std::string run_tag = "fahras";  ///< last column of the TREC format
    /// Print `LATENCY_MS n=N p50=X p95=Y mean=Z` on the error stream: in-process search time
    /// per query, measured after a warm-up run of the first `warmup` queries; then the same
    /// statistics of the CPU time of the searching thread, `LATENCY_CPU_MS n=… p50=… p95=…
    /// mean=…` (on a shared machine wall time also counts the waits for a core).
    bool latency = false;
    std::size_t warmup = 10;
};

/// One query of a batch.
struct BatchQuery {
    std::string qid;       ///< before the first tab, or the 1-based line number
    std::string text;      ///< the query
    std::size_t line = 0;  ///< 1-based line of the input
};

/// Reads `qid<TAB>query` or `query` lines; blank lines (and blank queries) are skipped, a
/// trailing CR is dropped.
[[nodiscard]] std::vector<BatchQuery> read_batch(std::istream& in);

/// Nearest-rank percentiles and mean of per-query latencies in milliseconds.
struct LatencyStats {
    std::size_t n = 0;
    double p50 = 0;
    double p95 = 0;
    double mean = 0;
};

/// Statistics of `ms` (all zero when empty).
[[nodiscard]] LatencyStats latency_stats(std::vector<double> ms);

/// `text` with the characters of the query syntax (quotes, parentheses, field colons)
/// replaced by spaces: how a batch retries a line that is not a valid query, so that typed
/// questions with a stray quote are still searched as words.
[[nodiscard]] std::string plain_words(std::string_view text);

/// True when a result counts as "found something" for the exit status: it has hits, or, with
/// --limit 0 (counting only), some article matches (Searcher checks at least one match, so
/// the count's lower bound is 0 only when nothing does).
[[nodiscard]] bool found(const SearchResult& result, const SearchOptions& options);

/// Runs every query of `in` with `searcher` and writes the results to `out` in
/// `batch.format`. A query that cannot be parsed is retried as plain_words(); if that fails
/// too, `fahras-query: error: stdin line N: …` goes to `err` and the batch goes on.
/// Returns query_hits when some query had hits, query_no_hits when none had, query_error
/// when some query could not be run.
int run_batch(Searcher& searcher, const SearchOptions& search, const BatchOptions& batch,
              std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace fahras
