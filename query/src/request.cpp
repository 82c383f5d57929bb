// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/request.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>

#include "fahras/common/errors.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/extract/agencies.hpp"
#include "fahras/query/date_filters.hpp"
#include "fahras/query/query_parser.hpp"
#include "fahras/query/search.hpp"
#include "fahras/query/stories.hpp"

namespace fahras {

namespace {

std::optional<EntityKind> entity_kind(FilterField field) noexcept {
    switch (field) {
        case FilterField::person:
            return EntityKind::person;
        case FilterField::place:
            return EntityKind::place;
        case FilterField::org:
            return EntityKind::organisation;
        default:
            return std::nullopt;
    }
}

FilterClause option_clause(FilterField field, std::vector<std::string> values) {
    FilterClause clause;
    clause.field = field;
    clause.strict = true;
    for (std::string& v : values) clause.values.push_back({std::move(v), 0});
    return clause;
}

}  // namespace

std::vector<FilterClause> option_filters(const SearchOptions& options) {
    std::vector<FilterClause> out;
    for (const EntityFilterOption& e : options.entity_filters) {
        const FilterField field = !e.kind                         ? FilterField::entity
                                  : *e.kind == EntityKind::person ? FilterField::person
                                  : *e.kind == EntityKind::place  ? FilterField::place
                                                                  : FilterField::org;
        FilterClause clause = option_clause(field, {e.name});
        clause.excluded = e.excluded;
        out.push_back(std::move(clause));
    }
    if (!options.from.empty() || !options.to.empty()) {
        out.push_back(option_clause(FilterField::published_between, {options.from, options.to}));
    }
    if (!options.mentioned_from.empty() || !options.mentioned_to.empty()) {
        out.push_back(option_clause(FilterField::mentioned_between,
                                    {options.mentioned_from, options.mentioned_to}));
    }
    if (!options.sources.empty())
        out.push_back(option_clause(FilterField::source, options.sources));
    if (!options.agencies.empty()) {
        out.push_back(option_clause(FilterField::agency, options.agencies));
    }
    if (!options.same_story.empty()) {
        out.push_back(option_clause(FilterField::same_story, {options.same_story}));
    }
    return out;
}

Xapian::Query date_filter_query(FilterField field, std::string_view value, std::string_view to) {
    switch (field) {
        case FilterField::date:
            return pub_date_filter(value);
        case FilterField::year:
            return year_filter(value);
        case FilterField::mentioned:
            return mentioned_filter(value);
        case FilterField::hijri:
            return hijri_filter(value);
        case FilterField::published_between:
            return pub_date_range(value, to);
        case FilterField::mentioned_between:
            return mentioned_range(value, to);
        default:
            throw std::logic_error("date_filter_query: not a date field");
    }
}

CompiledFilters::CompiledFilters(const std::vector<FilterClause>& clauses,
                                 const FilterContext& context) {
    std::vector<std::size_t> columns;  // of m_resolved's inputs; SIZE_MAX: an option
    for (const FilterClause& clause : clauses) {
        std::vector<Xapian::Query> any;
        const auto add_term = [&](std::string term) {
            if (!term.empty()) any.emplace_back(std::move(term));
        };
        switch (clause.field) {
            case FilterField::source:
                for (const FilterValue& v : clause.values) add_term(source_term(v.text));
                break;
            case FilterField::category:
                for (const FilterValue& v : clause.values) add_term(category_term(v.text));
                break;
            case FilterField::agency:
                for (const FilterValue& v : clause.values) {
                    if (clause.strict && find_agency(v.text) == nullptr) {
                        throw UsageError("unknown agency '" + v.text + "' (known: " +
                                         agency_codes() + ", or any of their Arabic names)");
                    }
                    add_term(agency_filter_term(v.text));
                }
                break;
            case FilterField::person:
            case FilterField::place:
            case FilterField::org:
            case FilterField::entity: {
                const EntityResolver* resolver = context.resolver ? context.resolver() : nullptr;
                for (const FilterValue& v : clause.values) {
                    ResolvedEntityFilter filter = resolve_entity_filter(
                        resolver, {entity_kind(clause.field), v.text, clause.excluded});
                    for (std::string& term : entity_filter_terms(filter)) add_term(std::move(term));
                    m_resolved.push_back(std::move(filter));
                    columns.push_back(v.column == 0 ? SIZE_MAX : v.column);
                }
                break;
            }
            case FilterField::published_between:
            case FilterField::mentioned_between:
                if (clause.values.size() == 2) {
                    any.push_back(date_filter_query(clause.field, clause.values[0].text,
                                                    clause.values[1].text));
                }
                break;
            case FilterField::same_story:
                if (context.db == nullptr) throw std::logic_error("same_story needs a database");
                for (const FilterValue& v : clause.values) {
                    any.push_back(same_story_query(*context.db, v.text));
                }
                break;
            default:  // date, year, mentioned, hijri
                for (const FilterValue& v : clause.values) {
                    try {
                        any.push_back(date_filter_query(clause.field, v.text));
                    } catch (const QueryError& e) {
                        if (v.column == 0) throw;
                        throw QueryError("query syntax error at column " +
                                         std::to_string(v.column) + ": " + e.what());
                    }
                }
        }
        if (any.empty()) continue;
        m_filters.emplace_back(any.size() == 1
                                   ? any.front()
                                   : Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end()),
                               clause.excluded);
    }
    // Entity filters are reported in the order the query text wrote them, options after.
    std::vector<std::size_t> order(m_resolved.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return columns[a] < columns[b]; });
    std::vector<ResolvedEntityFilter> sorted;
    for (const std::size_t i : order) sorted.push_back(std::move(m_resolved[i]));
    m_resolved = std::move(sorted);
}

Xapian::Query CompiledFilters::filter(Xapian::Query query) const {
    for (const auto& [any, excluded] : m_filters) {
        query = Xapian::Query(excluded ? Xapian::Query::OP_AND_NOT : Xapian::Query::OP_FILTER,
                              query, any);
    }
    return query;
}

SearchPlan plan_search(const ParsedQuery& parsed, const SearchOptions& options,
                       const FilterContext& context) {
    std::vector<FilterClause> clauses = parsed.filters;
    for (FilterClause& c : option_filters(options)) clauses.push_back(std::move(c));
    SearchPlan plan{parsed.query, {},    parsed.highlight,    CompiledFilters(clauses, context),
                    true,         false, Xapian::BAD_VALUENO, {}};
    plan.query = plan.filters.filter(parsed.query);
    plan.by_relevance = options.sort == SortOrder::relevance && !parsed.match_all;
    plan.newest_first = options.sort == SortOrder::date_desc ||
                        (options.sort == SortOrder::relevance && parsed.match_all);
    if (options.collapse) plan.collapse_key = schema::slot_story;
    if (options.facets) {
        for (const std::string& name : options.facet_names) {
            if (std::none_of(facet_specs().begin(), facet_specs().end(),
                             [&](const FacetSpec& spec) { return spec.name == name; })) {
                std::string known;
                for (const FacetSpec& spec : facet_specs()) {
                    known += (known.empty() ? "" : ", ") + spec.name;
                }
                throw UsageError("unknown facet '" + name + "' (known: " + known + ")");
            }
        }
        for (const FacetSpec& spec : facet_specs()) {
            if (options.facet_names.empty() ||
                std::find(options.facet_names.begin(), options.facet_names.end(), spec.name) !=
                    options.facet_names.end()) {
                plan.facets.push_back(spec);
            }
        }
    }
    return plan;
}

}  // namespace fahras
