// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One request model for every front end. The inline query syntax (`person:`, `date:` …),
// fahras-query's options, `--batch` lines and fahras-serve's HTTP parameters all fill a
// SearchRequest: the query text plus SearchOptions. The text's fields and the options' filters
// become FilterClause values of one kind, and plan_search() alone turns them into the Xapian
// query, sort order, collapse key and facet counting a Searcher runs. A filter clause becomes a
// Xapian query in CompiledFilters (query/src/request.cpp) and nowhere else.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "fahras/query/entity_filters.hpp"
#include "fahras/query/facets.hpp"

namespace fahras {

struct ParsedQuery;
struct SearchOptions;

/// What a filter restricts. The inline fields and the options of the same name mean the same.
enum class FilterField {
    source,             ///< `source:NAME`, `--source`: the source as the input gave it
    category,           ///< `category:NAME`
    agency,             ///< `agency:NAME`, `--agency`: an agency credited, any alias
    person,             ///< `person:NAME`, `--person`: any spelling, or Latin letters
    place,              ///< `place:NAME`, `--place`
    org,                ///< `org:NAME`, `--org`
    entity,             ///< `--entity NAME`: a person, place or organisation
    date,               ///< `date:DATE` or `date:FROM..TO`: publication date (Y/M/D terms)
    year,               ///< `year:YYYY` or `year:FROM..TO`
    mentioned,          ///< `mentioned:DATE` or `mentioned:FROM..TO`: a date mentioned in the text
    hijri,              ///< `hijri:YYYY` or `hijri:YYYY-MM`: a Hijri date mentioned in the text
    published_between,  ///< `--from`/`--to`: values are {from, to}, either may be empty
    mentioned_between,  ///< `--mentioned-from`/`--mentioned-to`: values are {from, to}
    same_story,         ///< `--same-story ID`: the versions of the story of article ID
};

/// One value of a filter, and where the query text gave it (0: an option or parameter).
struct FilterValue {
    std::string text;
    std::size_t column = 0;  ///< 1-based column in the query text, for error messages
};

/// One boolean restriction: an article passes when it matches any of `values` (none of them
/// when `excluded`). The clauses of one search are AND'ed. The query text puts every value of
/// one field in one clause (`source:a source:b`: either); each `--person` option is a clause
/// of its own (all must match), all `--agency` options one clause (any of them).
struct FilterClause {
    FilterField field = FilterField::source;
    std::vector<FilterValue> values;
    bool excluded = false;  ///< `-source:x`, `NOT person:y`
    /// An option or parameter rather than the query text: an unknown agency is an error
    /// (UsageError) instead of a filter that matches nothing.
    bool strict = false;
};

/// What filters need beyond their own text: where entity names are resolved (called only
/// when some clause names an entity) and the database (for `--same-story`).
struct FilterContext {
    std::function<const EntityResolver*()> resolver;
    const Xapian::Database* db = nullptr;
};

/// The clauses of SearchOptions' filter options, in the order they apply: entity options,
/// `--from`/`--to`, `--mentioned-from`/`--mentioned-to`, `--source`, `--agency`,
/// `--same-story`.
[[nodiscard]] std::vector<FilterClause> option_filters(const SearchOptions& options);

/// The Xapian query of one value of a date field (date, year, mentioned, hijri,
/// published_between with `from`/`to`, mentioned_between). Throws QueryError (date:, year:,
/// mentioned:, hijri:) or UsageError (the range options) for a value that is not a date.
[[nodiscard]] Xapian::Query date_filter_query(FilterField field, std::string_view value,
                                              std::string_view to = {});

/// Clauses compiled to Xapian queries, applied to any query with filter().
class CompiledFilters {
  public:
    /// Compiles `clauses` in order. Entity names are resolved through `context.resolver` and
    /// reported in resolved(); a date value with a column that does not parse is a QueryError
    /// "query syntax error at column N: …". Throws UsageError for an unknown agency in a strict
    /// clause and for a `--same-story` id that names no stored article.
    CompiledFilters(const std::vector<FilterClause>& clauses, const FilterContext& context);

    /// `query` restricted by every clause (OP_FILTER, OP_AND_NOT for an excluded one).
    [[nodiscard]] Xapian::Query filter(Xapian::Query query) const;

    /// What the entity clauses resolved to, in clause order.
    [[nodiscard]] const std::vector<ResolvedEntityFilter>& resolved() const noexcept {
        return m_resolved;
    }

  private:
    std::vector<std::pair<Xapian::Query, bool>> m_filters;  ///< (any value, excluded)
    std::vector<ResolvedEntityFilter> m_resolved;
};

/// Everything Searcher runs for one request: plan_search()'s answer.
struct SearchPlan {
    Xapian::Query words;      ///< the query text's words, unfiltered (ranking, feedback)
    Xapian::Query query;      ///< words restricted by every filter: what is matched
    Xapian::Query highlight;  ///< ParsedQuery::highlight
    CompiledFilters filters;  ///< to filter a query built later (relevance feedback)
    /// Rank by relevance (BM25/DLH); false: by the date slot.
    bool by_relevance = true;
    /// With by_relevance false: newest first (`-date`, or a query without words).
    bool newest_first = false;
    /// The slot of the story key with `collapse`, else Xapian::BAD_VALUENO.
    Xapian::valueno collapse_key = Xapian::BAD_VALUENO;
    /// Count these facets over the whole match: facet_specs(), or those SearchOptions::
    /// facet_names names, in facet_specs() order; empty without SearchOptions::facets.
    std::vector<FacetSpec> facets;
};

/// The one place a request becomes a Xapian search: the words of `parsed` filtered by its
/// inline clauses, then by option_filters(options); sort, collapse and facets from `options`.
[[nodiscard]] SearchPlan plan_search(const ParsedQuery& parsed, const SearchOptions& options,
                                     const FilterContext& context);

}  // namespace fahras
