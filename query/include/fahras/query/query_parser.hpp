// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The Fahras query language. Fahras parses queries itself instead of using Xapian::QueryParser
// because every query word must go through the very Analyzer that built the index (Xapian's
// tokenizer splits and lower-cases Arabic differently, and knows nothing of our folding).
//
//   query    := or_expr
//   or_expr  := and_expr ( "OR" and_expr )*
//   and_expr := sequence ( ( "AND" | "NOT" | "AND" "NOT" ) sequence )*
//             | "NOT" sequence ...                  (a leading NOT excludes from everything)
//   sequence := item+                               (joined by the implicit operator)
//   item     := "(" or_expr ")" | [ "+" | "-" ] atom
//   atom     := word | "phrase" | =word | ="phrase"
//             | title:word | title:"phrase" | source:NAME | category:NAME | agency:NAME
//             | person:NAME | place:NAME | org:NAME   (NAME quoted when it has spaces)
//             | date:DATE | date:FROM..TO | year:YYYY | mentioned:DATE | mentioned:FROM..TO
//             | hijri:YYYY | hijri:YYYY-MM
//
// Phrases may also be written «…» or “…”. AND, OR and NOT are keywords only in upper case;
// "and" is an ordinary word. The implicit operator is AND (MatchMode::all), OR
// (MatchMode::any) or free-text ranking (MatchMode::auto_). In a sequence `+x` must match and `-x` must not, whatever the implicit
// operator (Xapian's "love" and "hate").

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "fahras/common/analyzer.hpp"
#include "fahras/query/ranking.hpp"
#include "fahras/query/request.hpp"

namespace fahras {

/// The operator between query items that have no explicit one.
enum class MatchMode {
    all,  ///< every word must match (implicit AND)
    any,  ///< any word may match, more matches rank higher (implicit OR)
    /// Free text (`--match auto`, fahras-query's default): the words are OR'ed (short
    /// sequences AND'ed if RankingOptions::and_max_words says so), question and function
    /// words are left out, exact-word matches rank higher (see ranking.hpp). Phrases,
    /// `=exact`, fields, `+`/`-` and operators keep their meaning.
    auto_,
};

/// A parsed query: its words, ready for Xapian, and its fields as filter clauses that
/// plan_search() (request.hpp) applies with the options' own.
struct ParsedQuery {
    /// What to match and rank, without the filters: Xapian::Query::MatchAll for a query that
    /// has no words.
    Xapian::Query query;
    /// OR of the `Z` stem and unprefixed folded terms of every word the user asked *for*
    /// (words under NOT or `-` are left out), whatever operator or field they sit in. The
    /// snippet highlighter (highlight.hpp) marks a body word whose folded form or stem is
    /// one of these. Empty (Xapian::Query()) when there are no such words.
    Xapian::Query highlight;
    /// True when the query has no words, only filters (or nothing at all).
    bool match_all = false;
    /// The fields that filter (source:, category:, agency:, person:, place:, org:, date:,
    /// year:, mentioned:, hijri:): one clause per field holding all its values (any of them),
    /// in field order, then one clause per excluded value, in query order.
    std::vector<FilterClause> filters;
};

/// Parses Fahras query strings (see the grammar at the top of this file).
///
/// Words become:
/// - plain word: `Z` + stem (ranked, matches every spelling and inflection the stemmer merges);
///   a chunk the analyzer splits into several words (`2015م`, `foo:bar`) becomes a phrase;
/// - "a phrase": OP_PHRASE over the unprefixed folded terms (adjacent, in order), so
///   `"مسئول رفيع"` matches `مسؤول رفيع`; one quoted word is its folded term, not stemmed;
/// - `=word`: the exact (cleaned, unfolded) form, exact_form_query(): `XE` + the form, or for
///   a form equal to its folded form `folded AND_NOT XV` + folded; `=مسؤول` does not match
///   `مسئول`, and `=مدرسه` does not match an article that only writes `مدرسة`;
/// - `title:word`: `ZS` + stem; `title:"a phrase"`: OP_PHRASE over `S` + folded terms;
/// - `source:NAME`, `category:NAME` (NAME may be quoted): boolean filters on the whole query
///   wherever they appear (ParsedQuery::filters; CompiledFilters spells them with source_term()
///   / category_term() exactly as the indexer does). Several values of one field are OR'ed, different fields AND'ed; `-source:x`
///   excludes. An unknown field (`foo:bar`) is not an error: it is searched as plain text.
/// - `person:NAME`, `place:NAME`, `org:NAME`: boolean filters on the entities NAME resolves to
///   (any spelling, or Latin letters: see EntityResolver), resolved when the search is
///   planned; combined like source: (several values of one field: any of them).
/// - `agency:NAME` (issue #8): a filter like `source:`, on the agencies an article credits;
///   NAME is any alias, Arabic or Latin (`agency:رويترز`, `agency:afp`, `agency:"أ ف ب"`).
/// - `date:2015-09`, `date:2015-09..2015-10`, `year:2014`, `mentioned:2014-08`,
///   `mentioned:2014-01..2014-06` (dates YYYY, YYYY-MM or YYYY-MM-DD), `hijri:1436-09` (a Hijri
///   month or year mentioned in the text, as written): boolean filters on the
///   publication date and on dates mentioned in the text (date_filters.hpp), combined like
///   source:. A value that is not a date is a QueryError.
///
/// Throws QueryError, whose message gives the 1-based column (in characters) of the problem,
/// for an unclosed quote or parenthesis, an unmatched `)`, empty parentheses, an operator
/// with nothing on one side, or a field with no value.
class QueryParser {
  public:
    explicit QueryParser(MatchMode mode = MatchMode::all,
                         const Analyzer& analyzer = default_analyzer(),
                         RankingOptions ranking = {})
        : m_mode(mode), m_analyzer(&analyzer), m_ranking(ranking) {}

    /// Parses `text`. Thread-safe (the parser keeps no state between calls).
    [[nodiscard]] ParsedQuery parse(std::string_view text) const;

    [[nodiscard]] MatchMode mode() const noexcept { return m_mode; }

  private:
    MatchMode m_mode;
    const Analyzer* m_analyzer;
    RankingOptions m_ranking;  ///< MatchMode::auto_ only
};

/// Shorthand for QueryParser(mode).parse(text).
[[nodiscard]] ParsedQuery parse_query(std::string_view text, MatchMode mode = MatchMode::all);

}  // namespace fahras
