// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "fahras/extract/entity_extractor.hpp"
#include "fahras/query/batch.hpp"
#include "fahras/query/entity_filters.hpp"
#include "fahras/query/output.hpp"
#include "fahras/query/search.hpp"

namespace fahras {

/// Exit statuses of fahras-query (also in --help).
enum QueryExit : int {
    query_hits = 0,     ///< at least one hit (for several queries: at least one had hits)
    query_no_hits = 1,  ///< the query (every query) found nothing
    query_error = 2,    ///< bad options, a query syntax error, the database cannot be read
};

/// The streams a run talks to, and what they are connected to.
struct Console {
    std::istream& in;   ///< queries (or texts to analyse) when none are given as arguments
    std::ostream& out;  ///< results
    std::ostream& err;  ///< `fahras-query: error: …` lines
    bool ansi = false;  ///< `out` is a terminal that takes ANSI bold for highlights
    bool in_is_terminal = false;  ///< `in` is a terminal (so there are no piped queries)
};

/// Everything a search run was asked to do.
struct QueryOptions {
    std::string db;  ///< database directory (required)
    OutputFormat format = OutputFormat::text;
    SearchOptions search;
    std::vector<std::string> words;  ///< joined with spaces into one query; none: read stdin
    bool batch = false;              ///< --batch: run_batch() over stdin
    BatchOptions batch_options;      ///< format, run tag, latency of --batch
};

/// Everything `fahras-query analyze` was asked to do.
struct AnalyzeOptions {
    OutputFormat format = OutputFormat::text;  ///< text or json
    std::vector<std::string> words;  ///< joined with spaces into one text; none: read stdin
    /// Publication date (YYYY-MM-DD) against which relative dates (أمس، الشهر الماضي) are
    /// resolved; empty: relative dates are not reported.
    std::string pubdate;
    /// The entity extractor, set up as fahras-index's (`--gazetteer`, `--no-tagger`,
    /// `--ner-article-pass`), so that the entities are those indexing would find.
    ExtractorSetup extraction;
};

/// Everything `fahras-query entities` was asked to do.
struct EntitiesOptions {
    std::string db;
    OutputFormat format = OutputFormat::text;  ///< text (TSV-like lines) or json
    std::string type;                          ///< person, place, org; empty: all
    std::size_t top = 50;                      ///< entities shown, most articles first (0: all)
    /// Only entities with a word of their name (any variant), Latin name or id starting with
    /// this; several words: the name (or a word of it) starts with them.
    std::string prefix;
};

/// Everything `fahras-query show` was asked to do.
struct ShowOptions {
    std::string db;
    OutputFormat format = OutputFormat::text;  ///< text or json
    std::string id;                            ///< the article's id
    ExtractorSetup extraction;                 ///< mentions found as fahras-index finds them
};

/// Writes one stored article: article_to_json() or write_article(). Returns query_hits, or
/// query_no_hits (and a message on console.err) when no article has that id.
int run_show(const ShowOptions& options, Console& console);

/// The entities of `catalogue` that `options` asks for (type, prefix of the name or of any
/// word of it, in Arabic or Latin letters), most articles first, cut to options.top.
[[nodiscard]] std::vector<const CatalogueEntity*> select_entities(
    const std::vector<CatalogueEntity>& catalogue, const EntitiesOptions& options);

/// {"entities": [{"id", "type", "name", "latin", "articles", "variants"}]}, indented by
/// `indent` (-1: one line).
[[nodiscard]] std::string entities_to_json(const std::vector<const CatalogueEntity*>& entities,
                                           int indent = -1);

/// Lists the entities of the database with their article counts and the spellings seen:
/// text lines `articles<TAB>type<TAB>id<TAB>name[ / latin]<TAB>variant|variant…`, or JSON
/// {"entities": [{"id", "type", "name", "latin", "articles", "variants"}]}. Returns query_hits,
/// or query_no_hits when nothing is listed.
int run_entities(const EntitiesOptions& options, Console& console);

/// Runs one query (from `options.words`) or one query per non-empty line of `console.in`, and
/// writes the results. Returns query_hits or query_no_hits, or query_error when a query read
/// from stdin could not be parsed (that line's error is reported and the batch goes on).
/// Throws UsageError when there is no database or no query, QueryError for a bad query given
/// as words, DatabaseError when the database cannot be opened or read.
int run_query(const QueryOptions& options, Console& console);

/// The `analyze --format json` object of `text` (analysis_to_json() with the mentions of
/// `extractor` and the dates found, relative ones against options.pubdate). Throws UsageError
/// for a pubdate that is not YYYY-MM-DD.
[[nodiscard]] std::string analyze_to_json(const std::string& text, const EntityExtractor& extractor,
                                          const AnalyzeOptions& options);

/// article_to_json() of `article` with the mentions `extractor` finds in its title and body:
/// what `fahras-query show --format json` prints and `/api/article` answers.
[[nodiscard]] std::string article_json(const ArticleView& article,
                                       const EntityExtractor& extractor);

/// Writes what the analysis pipeline makes of the text (or of each line of `console.in`).
/// Returns query_hits. Throws UsageError for the tsv format.
int run_analyze(const AnalyzeOptions& options, Console& console);

/// The whole `fahras-query` command: parses `args` (without the program name), runs and
/// returns the exit status. Every exception is caught here and reported as one
/// `fahras-query: error: …` line on `console.err`.
int query_main(const std::vector<std::string>& args, Console& console);

}  // namespace fahras
