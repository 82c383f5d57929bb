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
//   sequence := ( item | near )+                    (joined by the implicit operator)
//   near     := [ "+" | "-" ] word ( ( "NEAR" | "NEAR/" n ) word )+
//   item     := "(" or_expr ")" | [ "+" | "-" ] atom
//   atom     := "*" | word | word* | "phrase" | =word | ="phrase"
//             | title:word | title:word* | title:"phrase"
//             | source:NAME | category:NAME | agency:NAME
//             | person:NAME | place:NAME | org:NAME   (NAME quoted when it has spaces)
//             | date:DATE | date:FROM..TO | year:YYYY | mentioned:DATE | mentioned:FROM..TO
//             | hijri:YYYY | hijri:YYYY-MM
//
// Phrases may also be written «…» or “…”. AND, OR, NOT and NEAR are keywords only in upper
// case; "and" is an ordinary word. The implicit operator is AND (MatchMode::all), OR
// (MatchMode::any) or free-text ranking (MatchMode::auto_). In a sequence `+x` must match and `-x`
// must not, whatever the implicit operator (Xapian's "love" and "hate").

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

/// The longest query QueryParser accepts by default, in bytes (QueryParser::set_max_bytes()).
/// Parsing is linear in the length; the bound keeps one request from holding a server's CPU
/// and memory (each word becomes a query node) with a pasted document.
inline constexpr std::size_t max_query_bytes = 64 * 1024;

/// The deepest nesting of parentheses accepted: `((a))` is 2 deep. The parser recurses once
/// per level, so the bound turns a hostile query into a syntax error, not a stack overflow.
inline constexpr std::size_t max_query_nesting = 100;

/// The most distinct words one form of a prefix search (`word*`, prefix_words_query()) may
/// expand to; past it the search fails with Xapian::WildcardError (Searcher reports a
/// QueryError asking for a longer prefix).
inline constexpr Xapian::termcount max_prefix_terms = 1000;

/// The message of the QueryError for a query with no searchable words (see QueryParser).
inline constexpr std::string_view no_searchable_words =
    "no searchable words in the query (punctuation and words such as في، من are not "
    "searched; * matches every article)";

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
    /// True when the query has no words it looks for, only filters, `*`, exclusions (or nothing
    /// at all): the hits are listed newest first.
    bool match_all = false;
    /// The fields that filter (source:, category:, agency:, person:, place:, org:, date:,
    /// year:, mentioned:, hijri:): one clause per field holding all its values (any of them),
    /// in field order, then one clause per excluded value, in query order.
    std::vector<FilterClause> filters;
    /// The prefix searches of the query as written (`اقتصا*`), for error messages.
    std::vector<std::string> prefixes;
    /// The folded word starts of the wanted prefix searches, in every form searched
    /// (prefix_word_forms()): highlighting marks the words of the hits that start so
    /// (expand_highlight_prefixes() in highlight.hpp).
    std::vector<std::string> highlight_prefixes;
};

/// The forms a prefix search looks for, as starts of folded words: `folded` without an article
/// (strip_article_prefix(): `الاقتصا` is `اقتصا`), then, for an Arabic start, the same after
/// each clitic of stem_prefixes() (`الاقتصا`, `والاقتصا`, … `واقتصا`), the clitic forms a stem
/// reaches.
[[nodiscard]] std::vector<std::string> prefix_word_forms(std::string_view folded);

/// The words starting with `folded`, the folded start of a word (`اقتصا`), as terms of
/// `term_prefix` ("": any title or body word, schema::title: title words): an OP_SYNONYM of
/// OP_WILDCARDs, one per form of prefix_word_forms(), over the folded positional terms (the
/// unstemmed forms: a stem has lost the suffixes a prefix may reach into, as in سوريا →
/// سور), so `اقتصا*` finds اقتصادية، الاقتصاد، والاقتصادي. Each wildcard expands to at most
/// max_prefix_terms words, with WILDCARD_LIMIT_ERROR.
[[nodiscard]] Xapian::Query prefix_words_query(std::string_view folded,
                                               std::string_view term_prefix = "");

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
///   / category_term() exactly as the indexer does). Several values of one field are OR'ed,
///   different fields AND'ed; `-source:x` excludes. An unknown field (`foo:bar`) is not an error:
///   it is searched as plain text.
/// - `person:NAME`, `place:NAME`, `org:NAME`: boolean filters on the entities NAME resolves to
///   (any spelling, or Latin letters: see EntityResolver), resolved when the search is
///   planned; combined like source: (several values of one field: any of them).
/// - `agency:NAME`: a filter like `source:`, on the agencies an article credits;
///   NAME is any alias, Arabic or Latin (`agency:رويترز`, `agency:afp`, `agency:"أ ف ب"`).
/// - `word*`: the words starting with `word` (folded), prefix_words_query(); `title:word*` in
///   titles.
/// - `*`: every article (the way to list everything, with filters or alone).
/// - `a NEAR b`, `a NEAR/n b`: both words (folded, as in phrases, not stemmed) at most n
///   positions apart (10 for NEAR) in either order; a chain `a NEAR/2 b NEAR/3 c` needs all
///   of them within 1 + 2 + 3 positions (Xapian's OP_NEAR window). Operands are single words,
///   plain or title:, not phrases (Xapian's OP_NEAR takes terms only).
/// - `date:2015-09`, `date:2015-09..2015-10`, `year:2014`, `mentioned:2014-08`,
///   `mentioned:2014-01..2014-06` (dates YYYY, YYYY-MM or YYYY-MM-DD), `hijri:1436-09` (a Hijri
///   month or year mentioned in the text, as written): boolean filters on the
///   publication date and on dates mentioned in the text (date_filters.hpp), combined like
///   source:. A value that is not a date is a QueryError.
///
/// Throws QueryError, whose message gives the 1-based column (in characters) of the problem,
/// for an unclosed quote or parenthesis, an unmatched `)`, empty parentheses, parentheses
/// nested more than max_query_nesting deep, an operator with nothing on one side, a misused
/// NEAR, a field with no value, or a NUL character; QueryError without a column for a query
/// longer than the maximum (max_query_bytes), and for a query with no searchable words: one
/// that is not blank but has no word to search, no filter and no `*` (only punctuation,
/// invalid bytes, `""`, or only stop words such as في من outside quotes). A blank query
/// (empty or spaces only) is no error: it matches every article (ParsedQuery::match_all), for
/// searches by options alone (--from, --agency …).
class QueryParser {
  public:
    explicit QueryParser(MatchMode mode = MatchMode::all,
                         const Analyzer& analyzer = default_analyzer(), RankingOptions ranking = {})
        : m_mode(mode), m_analyzer(&analyzer), m_ranking(ranking) {}

    /// Parses `text`. Thread-safe (the parser keeps no state between calls).
    [[nodiscard]] ParsedQuery parse(std::string_view text) const;

    [[nodiscard]] MatchMode mode() const noexcept { return m_mode; }

    /// The longest query accepted, in bytes (default max_query_bytes; 0: no limit).
    void set_max_bytes(std::size_t bytes) noexcept { m_max_bytes = bytes; }

  private:
    MatchMode m_mode;
    const Analyzer* m_analyzer;
    RankingOptions m_ranking;  ///< MatchMode::auto_ only
    std::size_t m_max_bytes = max_query_bytes;
};

/// Shorthand for QueryParser(mode).parse(text).
[[nodiscard]] ParsedQuery parse_query(std::string_view text, MatchMode mode = MatchMode::all);

}  // namespace fahras
