// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the one request model (request.hpp): the query text's fields and the options fill
// the same filter clauses, and plan_search() alone turns them into the Xapian search.
#include <set>
#include <string>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/extract/agencies.hpp"
#include "fahras/indexer/document.hpp"
#include "fahras/query/query_parser.hpp"
#include "fahras/query/request.hpp"
#include "fahras/query/search.hpp"
#include "test_support.hpp"

namespace {

using fahras::FilterClause;
using fahras::FilterField;
using fahras::SearchOptions;
using Ids = std::set<std::string>;

const std::string& request_db() {
    static const fahras::test::TempDir dir;
    static const std::string path = [] {
        const std::string p = (dir / "db").string();
        Xapian::WritableDatabase db(p, Xapian::DB_CREATE_OR_OPEN);
        // Agency credits are found by the indexing run's news cleaning, not make_document():
        // their terms are added as that run adds them.
        const auto add = [&](const char* id, const char* body, const char* date, const char* source,
                             const char* category, const char* agency = nullptr) {
            fahras::Article a;
            a.id = id;
            a.title = id;
            a.body = body;
            a.date = date;
            a.source = source;
            a.category = category;
            a.path = std::string(id) + ".txt";
            Xapian::Document doc = fahras::make_document(a, fahras::default_analyzer());
            if (agency != nullptr) doc.add_boolean_term(fahras::agency_term(agency));
            db.replace_document(fahras::id_term(a.id), doc);
        };
        add("r1", "قال مسؤول رفيع إن المحادثات مستمرة. (رويترز)", "2015-09-18", "bbc", "Politics",
            "Reuters");
        add("r2", "صرح مسئول في وزارة المالية بأن الموازنة جديدة.", "2015-10-02", "cnn", "Economy");
        add("r3", "فاز المنتخب في المباراة النهائية. (أ ف ب)", "2016-01-05", "bbc", "Sports",
            "AFP");
        add("r4", "بحث وزير الدفاع مع نظيره الوضع في سوريا.", "2014-03-30", "alarabia", "Politics");
        db.set_metadata(std::string(fahras::schema::meta_version),
                        std::to_string(fahras::schema::version));
        db.commit();
        return p;
    }();
    return path;
}

Ids ids(const std::string& query, const SearchOptions& options = {}) {
    fahras::Searcher searcher(request_db());
    Ids out;
    for (const auto& hit : searcher.search(query, options).hits) out.insert(hit.id);
    return out;
}

std::vector<std::string> texts(const FilterClause& clause) {
    std::vector<std::string> out;
    for (const auto& v : clause.values) out.push_back(v.text);
    return out;
}

}  // namespace

TEST_CASE("the query text's fields become filter clauses, one per field", "[request]") {
    const auto parsed =
        fahras::parse_query("مسؤول source:bbc date:2015 source:cnn -category:Sports -source:x");
    CHECK_FALSE(parsed.match_all);
    REQUIRE(parsed.filters.size() == 4);
    // Included fields in field order, each with all its values; excluded ones after, in order.
    CHECK(parsed.filters[0].field == FilterField::source);
    CHECK(texts(parsed.filters[0]) == std::vector<std::string>{"bbc", "cnn"});
    CHECK(parsed.filters[0].values[0].column == 7);
    CHECK(parsed.filters[1].field == FilterField::date);
    CHECK_FALSE(parsed.filters[1].excluded);
    CHECK(parsed.filters[2].field == FilterField::category);
    CHECK(parsed.filters[2].excluded);
    CHECK(parsed.filters[3].field == FilterField::source);
    CHECK(parsed.filters[3].excluded);
    // The words alone: the filters are not in ParsedQuery::query.
    for (auto t = parsed.query.get_terms_begin(); t != parsed.query.get_terms_end(); ++t) {
        CHECK((*t).rfind(std::string(fahras::schema::stem), 0) == 0);
    }
    CHECK(fahras::parse_query("source:bbc person:x").match_all);
}

TEST_CASE("options fill the same clauses, in a fixed order", "[request]") {
    SearchOptions o;
    o.same_story = "r1";
    o.agencies = {"AFP", "رويترز"};
    o.sources = {"bbc"};
    o.to = "2015";
    o.entity_filters = {{fahras::EntityKind::person, "Shoigu", false}, {std::nullopt, "حلب", true}};
    const std::vector<FilterClause> clauses = fahras::option_filters(o);
    REQUIRE(clauses.size() == 6);
    CHECK(clauses[0].field == FilterField::person);
    CHECK(clauses[1].field == FilterField::entity);
    CHECK(clauses[1].excluded);
    CHECK(clauses[2].field == FilterField::published_between);
    CHECK(texts(clauses[2]) == std::vector<std::string>{"", "2015"});
    CHECK(clauses[3].field == FilterField::source);
    CHECK(clauses[4].field == FilterField::agency);
    CHECK(texts(clauses[4]) == std::vector<std::string>{"AFP", "رويترز"});  // any of them
    CHECK(clauses[5].field == FilterField::same_story);
    for (const FilterClause& c : clauses) CHECK(c.strict);
    CHECK(fahras::option_filters(SearchOptions{}).empty());
}

TEST_CASE("an inline field and its option select the same articles", "[request]") {
    SearchOptions by_source;
    by_source.sources = {"bbc"};
    CHECK(ids("source:bbc") == Ids{"r1", "r3"});
    CHECK(ids("", by_source) == ids("source:bbc"));

    SearchOptions two_sources;
    two_sources.sources = {"bbc", "alarabia"};
    CHECK(ids("", two_sources) == Ids{"r1", "r3", "r4"});
    CHECK(ids("source:bbc source:alarabia") == ids("", two_sources));

    SearchOptions range;
    range.from = "2015-09";
    range.to = "2015-10";
    CHECK(ids("", range) == Ids{"r1", "r2"});
    CHECK(ids("date:2015-09..2015-10") == ids("", range));

    SearchOptions agency;
    agency.agencies = {"afp"};
    CHECK(ids("", agency) == Ids{"r3"});
    CHECK(ids("agency:AFP") == ids("", agency));

    // Inline and option filters add up (AND).
    CHECK(ids("source:bbc", range) == Ids{"r1"});
    CHECK(ids("مسؤول", by_source) == Ids{"r1"});
}

TEST_CASE("filter errors: columns for the query text, UsageError for options", "[request]") {
    fahras::Searcher searcher(request_db());
    CHECK_THROWS_WITH(searcher.search("مسؤول date:2015-13", {}),
                      Catch::Matchers::Contains("column 7"));
    CHECK_THROWS_AS(fahras::parse_query("year:abc"), fahras::QueryError);

    SearchOptions unknown;
    unknown.agencies = {"NoSuchAgency"};
    CHECK_THROWS_AS(searcher.search("", unknown), fahras::UsageError);
    // In the query text an unknown agency is a filter that matches nothing.
    CHECK(searcher.search("agency:NoSuchAgency", {}).hits.empty());

    SearchOptions bad_range;
    bad_range.from = "2015-99";
    CHECK_THROWS_AS(searcher.search("", bad_range), fahras::UsageError);
    SearchOptions no_story;
    no_story.same_story = "nope";
    CHECK_THROWS_WITH(searcher.search("", no_story), Catch::Matchers::Contains("no article"));
}

TEST_CASE("plan_search: sort, collapse and facets from the options", "[request]") {
    Xapian::Database db(request_db());
    const fahras::FilterContext context{{}, &db};
    SearchOptions o;
    auto plan = fahras::plan_search(fahras::parse_query("مسؤول"), o, context);
    CHECK(plan.by_relevance);
    CHECK(plan.collapse_key == Xapian::BAD_VALUENO);
    CHECK(plan.facets.empty());

    plan = fahras::plan_search(fahras::parse_query("source:bbc"), o, context);
    CHECK_FALSE(plan.by_relevance);  // no words: newest first
    CHECK(plan.newest_first);

    o.sort = fahras::SortOrder::date;
    o.collapse = true;
    o.facets = true;
    plan = fahras::plan_search(fahras::parse_query("مسؤول"), o, context);
    CHECK_FALSE(plan.by_relevance);
    CHECK_FALSE(plan.newest_first);
    CHECK(plan.collapse_key == fahras::schema::slot_story);
    CHECK(plan.facets.size() == fahras::facet_specs().size());
    o.facet_names = {"year", "source"};  // in facet_specs() order
    plan = fahras::plan_search(fahras::parse_query("مسؤول"), o, context);
    REQUIRE(plan.facets.size() == 2);
    CHECK(plan.facets[0].name == "source");
    o.facet_names = {"nope"};
    CHECK_THROWS_AS(fahras::plan_search(fahras::parse_query("x"), o, context), fahras::UsageError);
    o.facet_names.clear();
    // The words stay unfiltered for ranking; the matched query carries the filters.
    o.sources = {"bbc"};
    plan = fahras::plan_search(fahras::parse_query("مسؤول"), o, context);
    CHECK(plan.words.get_length() < plan.query.get_length());
    CHECK(plan.query.get_description().find(fahras::source_term("bbc")) != std::string::npos);
}
