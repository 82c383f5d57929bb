// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of facet storage (set_multi_values) and facet counting (FacetCounter, --facets).
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/facet_values.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/indexer/document.hpp"
#include "fahras/query/cli.hpp"
#include "fahras/query/facets.hpp"
#include "fahras/query/search.hpp"
#include "test_support.hpp"

namespace {

using Counts = std::map<std::string, Xapian::doccount>;

/// A test-only multi-valued facet in the slots reserved for the facet framework.
constexpr Xapian::valueno tag_slot = 4;
constexpr unsigned tag_capacity = 3;

struct Doc {
    const char* id;
    const char* body;
    const char* source;
    const char* category;
    std::vector<std::string> tags;
};

/// Sources: bbc ×3, cnn ×2, alarabia ×1. Tags (multi-valued): x in d1 d2 d3 d4, y in d1 d5,
/// z in d2, w only past d6's capacity.
const std::vector<Doc>& docs() {
    static const std::vector<Doc> d = {
        {"d1", "سوريا روسيا", "bbc", "politics", {"x", "y"}},
        {"d2", "سوريا لبنان", "bbc", "politics", {"x", "z", "x"}},
        {"d3", "سوريا", "cnn", "economy", {"x"}},
        {"d4", "لبنان", "cnn", "sport", {"x"}},
        {"d5", "سوريا العراق", "bbc", "politics", {"y"}},
        {"d6", "مصر", "alarabia", "culture", {"a", "b", "c", "w"}},
    };
    return d;
}

const std::string& test_db() {
    static const fahras::test::TempDir dir;
    static const std::string path = [] {
        const std::string p = (dir / "db").string();
        Xapian::WritableDatabase db(p, Xapian::DB_CREATE_OR_OPEN);
        for (const Doc& d : docs()) {
            fahras::Article a;
            a.id = d.id;
            a.body = d.body;
            a.source = d.source;
            a.category = d.category;
            Xapian::Document doc = fahras::make_document(a, fahras::default_analyzer());
            fahras::set_multi_values(doc, tag_slot, tag_capacity, d.tags);
            db.replace_document(fahras::id_term(a.id), doc);
        }
        db.set_metadata(std::string(fahras::schema::meta_version),
                        std::to_string(fahras::schema::version));
        db.commit();
        return p;
    }();
    return path;
}

std::vector<fahras::FacetSpec> test_specs() {
    std::vector<fahras::FacetSpec> specs = fahras::facet_specs();
    specs.push_back({"tag", tag_slot, tag_capacity, {}, {}});
    // Same slots, values mapped: x and y are "xy", the rest not counted.
    specs.push_back({"xy", tag_slot, tag_capacity,
                     [](std::string_view v) { return v == "x" || v == "y" ? "xy" : ""; },
                     [](std::string_view v) { return "label of " + std::string(v); }});
    return specs;
}

/// Facet name → (value → count) for `query` over the test DB.
std::map<std::string, Counts> count(const Xapian::Query& query, std::size_t top = 0) {
    Xapian::Database db(test_db());
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    fahras::FacetCounter counter(db, test_specs());
    counter.attach(enquire);
    (void)enquire.get_mset(0, 1, db.get_doccount());
    std::map<std::string, Counts> out;
    for (const fahras::Facet& f : counter.results(top)) {
        Counts& c = out[f.name];
        for (const auto& v : f.values) c[v.value] = v.count;
    }
    return out;
}

}  // namespace

TEST_CASE("set_multi_values writes distinct values into consecutive slots", "[facets]") {
    Xapian::Document doc;
    CHECK(fahras::set_multi_values(doc, 10, 3, {"a", "", "b", "a", "c", "d"}) == 3);
    CHECK(doc.get_value(10) == "a");
    CHECK(doc.get_value(11) == "b");
    CHECK(doc.get_value(12) == "c");
    CHECK(doc.get_value(13).empty());  // past the capacity: "d" dropped
    CHECK(fahras::get_multi_values(doc, 10, 3) == std::vector<std::string>{"a", "b", "c"});

    // Rewriting with fewer values clears the rest of the range.
    CHECK(fahras::set_multi_values(doc, 10, 3, {"z"}) == 1);
    CHECK(fahras::get_multi_values(doc, 10, 3) == std::vector<std::string>{"z"});
    CHECK(doc.get_value(11).empty());
    CHECK(doc.values_count() == 1);

    CHECK(fahras::set_multi_values(doc, 10, 3, {}) == 0);
    CHECK(doc.values_count() == 0);
}

TEST_CASE("FacetCounter counts single- and multi-valued facets over the whole match",
          "[facets]") {
    const auto all = count(Xapian::Query::MatchAll);
    CHECK(all.at("source") == Counts{{"bbc", 3}, {"cnn", 2}, {"alarabia", 1}});
    CHECK(all.at("category") ==
          Counts{{"politics", 3}, {"economy", 1}, {"sport", 1}, {"culture", 1}});
    // d2 lists x twice: counted once. d6's fourth tag w is past the capacity.
    CHECK(all.at("tag") == Counts{{"x", 4}, {"y", 2}, {"z", 1}, {"a", 1}, {"b", 1}, {"c", 1}});
    // x and y map to one value: d1 has both and counts twice (once per slot that maps to it).
    CHECK(all.at("xy") == Counts{{"xy", 6}});

    // Only matching documents are counted: سوريا is in d1 d2 d3 d5.
    const auto syria = count(Xapian::Query("Z" + fahras::Analyzer::stem_word("سوريا")));
    CHECK(syria.at("source") == Counts{{"bbc", 3}, {"cnn", 1}});
    CHECK(syria.at("tag") == Counts{{"x", 3}, {"y", 2}, {"z", 1}});
}

TEST_CASE("FacetCounter orders by count, then value, and cuts to the top N", "[facets]") {
    Xapian::Database db(test_db());
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    fahras::FacetCounter counter(db, test_specs());
    counter.attach(enquire);
    (void)enquire.get_mset(0, 0, db.get_doccount());
    CHECK(counter.documents_seen() == 6);
    for (const fahras::Facet& f : counter.results(2)) {
        if (f.name == "tag") {
            CHECK(f.distinct == 6);
            REQUIRE(f.values.size() == 2);
            CHECK(f.values[0] == fahras::FacetCount{"x", "", 4});
            CHECK(f.values[1] == fahras::FacetCount{"y", "", 2});
        }
        if (f.name == "category") {
            REQUIRE(f.values.size() == 2);
            CHECK(f.values[0].value == "politics");
            CHECK(f.values[1].value == "culture");  // ties in value order
        }
        if (f.name == "xy") {
            REQUIRE(f.values.size() == 1);
            CHECK(f.values[0].label == "label of xy");
        }
    }
}

TEST_CASE("Searcher fills facets over every match, whatever the page size", "[facets]") {
    fahras::Searcher searcher(test_db());
    fahras::SearchOptions options;
    options.limit = 1;
    options.facets = true;
    const fahras::SearchResult result = searcher.search("سوريا", options);
    CHECK(result.hits.size() == 1);
    CHECK(result.facets_exact);
    CHECK(result.facets_counted == 4);
    REQUIRE(result.facets.size() == fahras::facet_specs().size());
    CHECK(result.facets[0].name == "source");
    REQUIRE(result.facets[0].values.size() == 2);
    CHECK(result.facets[0].values[0] == fahras::FacetCount{"bbc", "", 3});
    CHECK(result.facets[0].values[1] == fahras::FacetCount{"cnn", "", 1});

    options.facets = false;
    CHECK(searcher.search("سوريا", options).facets.empty());
}

TEST_CASE("fahras-query --facets in JSON, text and TSV", "[facets]") {
    const auto run = [](std::vector<std::string> args) {
        std::istringstream in;
        std::ostringstream out;
        std::ostringstream err;
        fahras::Console console{in, out, err, false, true};
        args.insert(args.begin(), {"--db", test_db()});
        const int status = fahras::query_main(args, console);
        INFO(err.str());
        CHECK(status == 0);
        return out.str();
    };
    const auto json = nlohmann::json::parse(
        run({"--format", "json", "--facets", "--limit", "0", "سوريا"}));
    CHECK(json.at("facets_exact") == true);
    CHECK(json.at("facets_counted") == 4);
    const auto& source = json.at("facets").at("source");
    REQUIRE(source.size() == 2);
    CHECK(source[0] == nlohmann::json({{"value", "bbc"}, {"count", 3}}));
    CHECK(json.at("facets").at("category") ==
          nlohmann::json::parse(R"([{"value": "politics", "count": 3},
                                    {"value": "economy", "count": 1}])"));

    const auto plain = nlohmann::json::parse(run({"--format", "json", "سوريا"}));
    CHECK_FALSE(plain.contains("facets"));

    const std::string text = run({"--facets", "--facet-top", "1", "سوريا"});
    CHECK(text.find("Facets (all 4 matches):") != std::string::npos);
    CHECK(text.find("source: bbc (3)  \u2026 1 more") != std::string::npos);

    const std::string tsv = run({"--format", "tsv", "--facets", "سوريا"});
    CHECK(tsv.find("#facet\tsource\tbbc\t3\n") != std::string::npos);
    CHECK(tsv.find("#facet\tsource\tcnn\t1\n") != std::string::npos);
}
