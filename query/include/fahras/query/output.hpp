// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/common/analyzer.hpp"
#include "fahras/extract/dates.hpp"
#include "fahras/extract/entity_extractor.hpp"
#include "fahras/query/search.hpp"

namespace fahras {

/// Output formats of fahras-query.
enum class OutputFormat {
    text,  ///< for people: a header line, then title, date, source, path and snippet per hit
    json,  ///< one JSON object per query (see to_json)
    tsv,   ///< a header line, then one tab-separated line per hit
};

/// How to write results.
struct OutputStyle {
    OutputFormat format = OutputFormat::text;
    /// Text format only: mark highlights with ANSI bold instead of `[`…`]` (for a terminal).
    bool ansi = false;
    /// JSON only: one object per line (JSON Lines, for queries read from stdin) rather than
    /// indented.
    bool json_lines = false;
    /// Write the facet counts of the result (`--facets`): JSON `facets`, `facets_counted` and
    /// `facets_exact`; a "Facets" block in text; `#facet<TAB>name<TAB>value<TAB>count[<TAB>label]`
    /// rows after the hits in TSV.
    bool facets = false;
};

/// Parses "text", "json" or "tsv"; throws UsageError for anything else.
[[nodiscard]] OutputFormat parse_output_format(std::string_view name);

/// The JSON form of a result, on one line. This is a contract: `query` (string), `total_estimate`,
/// `offset`, `hits`: [{`rank`, `id`, `score`, `title`, `date`, `source`, `url`, `path`,
/// `snippet`}]; fields may be added (`percent`, `author`, `category`, `line`, `story`, and with
/// --collapse `other_versions` and `other_sources`), never renamed.
/// The snippet is HTML-escaped with matches in `<b>`…`</b>`, as Omega does. With `with_facets`:
/// `facets` {name: [{`value`, `count`, (`label`)}]}, `facets_counted`, `facets_exact`.
/// `total_exact` (bool), `total_lower`, `total_upper`: total_estimate is the exact number of
/// matching articles when total_exact (SearchOptions::count_exact_max), else Xapian's estimate
/// within those bounds; with --collapse it counts articles, not stories.
[[nodiscard]] std::string to_json(const SearchResult& result, bool with_facets = false);

/// The JSON form of one stored article (`fahras-query show --format json`, `/api/article`), on
/// one line: the fields of a hit (`id`, `title`, `date`, `source`, `url`, `path`, `author`,
/// `category`, `line`, `entities`, `story`, `agencies`, `date_source`, `mentioned_dates`)
/// without rank, score and snippet, then `body` (as given), `mentions` (the entity mentions
/// the extractor finds in the title and body: {`type`, `text`, `start`, `end`, `id`, `name`,
/// (`latin`), `field`}, UTF-8 byte offsets into the field) and `versions` (the other stored
/// versions of its story: {`id`, `title`, `date`, `source`, `path`}).
[[nodiscard]] std::string article_to_json(const ArticleView& article,
                                          const std::vector<EntityMention>& title_mentions,
                                          const std::vector<EntityMention>& body_mentions);

/// The text form of one stored article, for people: title, a line of date, source and path,
/// the entities, the whole body, the other versions of its story.
void write_article(std::ostream& out, const ArticleView& article);

/// Writes one result in `style`. `first` is false for the second and later results of a
/// batch: the text format puts a blank line between results and TSV writes its header once.
void write_result(std::ostream& out, const SearchResult& result, const OutputStyle& style,
                  bool first = true);

/// Writes the error a batch query got, in the batch's format (JSON: {"query", "error"}; text
/// and TSV: nothing, the error goes to stderr only).
void write_query_error(std::ostream& out, std::string_view query, std::string_view message,
                       const OutputStyle& style);

/// The JSON form of `fahras-query analyze`, on one line: {"text", "tokens": [{"start", "end",
/// "position", "kind", "raw", "exact", "folded", "stem"}], "dates": [{"text", "start", "end",
/// "value", "precision", "calendar", "hijri" (Hijri only), "kind"}]}, offsets in UTF-8 bytes of
/// `text` (`raw` is text[start, end)).
[[nodiscard]] std::string analysis_to_json(
    std::string_view text, const std::vector<Token>& tokens,
    const std::vector<dates::MentionedDate>& found_dates = {});

/// As above, plus `entities`: [{"type", "text", "start", "end", "id", "name", "latin", "source"}]
/// — `text` is text[start, end), the whole mention with its clitics; an ambiguous name has an
/// empty id, "ambiguous": true and "resolved_entities": [{"id", "name", "type", "latin"}] (its
/// candidates).
[[nodiscard]] std::string analysis_to_json(
    std::string_view text, const std::vector<Token>& tokens,
    const std::vector<EntityMention>& mentions,
    const std::vector<dates::MentionedDate>& found_dates = {});

/// Writes the analysis of `text` as JSON (one line when `style.json_lines`) or as an aligned
/// table followed by one `date` line per date found.
void write_analysis(std::ostream& out, std::string_view text, const std::vector<Token>& tokens,
                    const OutputStyle& style,
                    const std::vector<dates::MentionedDate>& found_dates = {});

/// As above, with the entity mentions (JSON `entities`; a table of them in text) and dates.
void write_analysis(std::ostream& out, std::string_view text, const std::vector<Token>& tokens,
                    const std::vector<EntityMention>& mentions, const OutputStyle& style,
                    const std::vector<dates::MentionedDate>& found_dates = {});

}  // namespace fahras
