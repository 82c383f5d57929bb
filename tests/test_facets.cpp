// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of facet storage (set_multi_values) and facet counting (FacetCounter, --facets).
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

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

/// A test-only multi-valued facet in the slots reserved for the facet framework, written as
/// a range (4–6) and packed (slot 7).
constexpr Xapian::valueno tag_slot = 4;
constexpr unsigned tag_capacity = 3;
constexpr Xapian::valueno tag_packed_slot = 7;

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
            fahras::set_multi_values(doc, tag_slot, tag_capacity, d.tags, tag_packed_slot);
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
    specs.push_back({"tag", tag_slot, tag_capacity, {}, {}, tag_packed_slot});
    // Same slots, values mapped: x and y are "xy", the rest not counted. Read as a range.
    specs.push_back({"xy", tag_slot, tag_capacity,
                     [](std::string_view v) { return v == "x" || v == "y" ? "xy" : ""; },
                     [](std::string_view v) { return "label of " + std::string(v); }});
    return specs;
}

/// How FacetCounter counts: one spy of its own (packed slots where a spec has one), or
/// Xapian's built-in ValueCountMatchSpy per slot (what remote shards run).
enum class Spies { own, builtin };

/// Facet name → (value → count) for `query` over the test DB.
std::map<std::string, Counts> count(const Xapian::Query& query, std::size_t top = 0,
                                    Spies spies = Spies::own) {
    Xapian::Database db(test_db());
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    fahras::FacetCounter counter(db, test_specs());
    counter.attach(enquire, spies == Spies::builtin);
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

TEST_CASE("set_multi_values also packs the same values into one slot", "[facets]") {
    Xapian::Document doc;
    CHECK(fahras::set_multi_values(doc, 10, 3, {"a", "", "b", "a", "c", "d"}, 20) == 3);
    CHECK(fahras::unpack_values(doc.get_value(20)) == std::vector<std::string>{"a", "b", "c"});
    CHECK(fahras::set_multi_values(doc, 10, 3, {}, 20) == 0);
    CHECK(doc.get_value(20).empty());
    CHECK(doc.values_count() == 0);
}

TEST_CASE("pack_values round-trips any bytes and stops at damage", "[facets]") {
    const std::string long_value(300, 'x');  // a length of two LEB128 bytes
    const std::vector<std::string> values = {"fahras:sergei-shoigu", "", std::string("a\0b", 3),
                                             long_value, "\xD8\xB3"};
    const std::string packed = fahras::pack_values(values);
    CHECK(packed.size() == 20 + 1 + 0 + 1 + 3 + 1 + 300 + 2 + 2 + 1);
    CHECK(fahras::unpack_values(packed) == values);
    CHECK(fahras::pack_values({}).empty());
    // Cut inside the long value: the values before it survive.
    CHECK(fahras::unpack_values(packed.substr(0, 30)) ==
          std::vector<std::string>{"fahras:sergei-shoigu", "", std::string("a\0b", 3)});
    // A length byte that promises more bytes than follow.
    CHECK(fahras::unpack_values("\x80").empty());
    CHECK(fahras::unpack_values("\x05"
                                "ab")
              .empty());
}

TEST_CASE("FacetCounter counts single- and multi-valued facets over the whole match", "[facets]") {
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

TEST_CASE("FacetCounter's own spy and the built-in per-slot spies count the same", "[facets]") {
    for (const Xapian::Query& query : {Xapian::Query(Xapian::Query::MatchAll),
                                       Xapian::Query("Z" + fahras::Analyzer::stem_word("سوريا")),
                                       Xapian::Query("Z" + fahras::Analyzer::stem_word("لبنان"))}) {
        INFO(query.get_description());
        const auto own = count(query, 0, Spies::own);
        CHECK(own == count(query, 0, Spies::builtin));
        CHECK_FALSE(own.at("tag").empty());
    }
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
    const auto json =
        nlohmann::json::parse(run({"--format", "json", "--facets", "--limit", "0", "سوريا"}));
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

TEST_CASE("sample terms mark nested uniform samples of 1 in 2^k articles", "[facets]") {
    constexpr int n = 20000;
    std::vector<int> at_least(fahras::schema::sample_levels + 1, 0);
    for (int i = 0; i < n; ++i) {
        const std::vector<std::string> terms = fahras::sample_terms("ant21:" + std::to_string(i));
        REQUIRE(terms.size() <= fahras::schema::sample_levels);
        // Nested: an article in the 1/2^k sample is in every coarser one.
        for (std::size_t k = 0; k < terms.size(); ++k) {
            CHECK(terms[k] == fahras::sample_term(static_cast<unsigned>(k + 1)));
        }
        for (std::size_t k = 1; k <= terms.size(); ++k) ++at_least[k];
    }
    for (unsigned k = 1; k <= fahras::schema::sample_levels; ++k) {
        INFO("level " << k << ": " << at_least[k]);
        const double expected = static_cast<double>(n) / static_cast<double>(1u << k);
        CHECK(std::abs(at_least[k] - expected) < 0.3 * expected);
    }
    // The indexer writes them.
    fahras::Article a;
    a.id = "ant21:7";
    a.body = "سوريا";
    const Xapian::Document doc = fahras::make_document(a, fahras::default_analyzer());
    std::vector<std::string> written;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        if ((*it).rfind(fahras::schema::sample, 0) == 0) written.push_back(*it);
    }
    CHECK(written == fahras::sample_terms(a.id));
}

TEST_CASE("Facets past --facet-limit are estimated on a sample and say so", "[facets]") {
    // 3,000 articles with سوريا: source "a" on three in four, "b" on the rest.
    static const fahras::test::TempDir dir;
    const std::string path = (dir / "db").string();
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
        for (int i = 0; i < 3000; ++i) {
            fahras::Article a;
            a.id = "doc" + std::to_string(i);
            a.body = "سوريا";
            a.source = i % 4 == 0 ? "b" : "a";
            db.replace_document(fahras::id_term(a.id),
                                fahras::make_document(a, fahras::default_analyzer()));
        }
        db.set_metadata(std::string(fahras::schema::meta_version),
                        std::to_string(fahras::schema::version));
        db.commit();
    }
    fahras::Searcher searcher(path);
    fahras::SearchOptions options;
    options.limit = 3;
    options.facets = true;

    options.facet_max_docs = 5000;  // more than match: exact
    const fahras::SearchResult exact = searcher.search("سوريا", options);
    CHECK(exact.facets_exact);
    CHECK(exact.facets_scale == 1);
    CHECK(exact.facets_counted == 3000);
    CHECK(exact.total_estimate == 3000);
    REQUIRE(exact.facets[0].values.size() == 2);
    CHECK(exact.facets[0].values[0] == fahras::FacetCount{"a", "", 2250});
    CHECK(exact.facets[0].values[1] == fahras::FacetCount{"b", "", 750});

    options.facet_max_docs = 200;  // 3000 / 16 = 187 <= 200: a 1 in 16 sample
    const fahras::SearchResult sampled = searcher.search("سوريا", options);
    CHECK_FALSE(sampled.facets_exact);
    CHECK(sampled.facets_scale == 16);
    CHECK(sampled.facets_counted > 100);
    CHECK(sampled.facets_counted < 300);
    CHECK(sampled.hits.size() == 3);
    REQUIRE(sampled.facets[0].values.size() == 2);
    const fahras::FacetCount& a = sampled.facets[0].values[0];
    CHECK(a.value == "a");
    CHECK(a.count % 16 == 0);
    CHECK(a.count > 2250 * 3 / 4);
    CHECK(a.count < 2250 * 5 / 4);
    CHECK(sampled.facets[0].values[1].value == "b");
    CHECK(sampled.facets[0].values[1].count == 16 * (sampled.facets_counted - a.count / 16));

    options.facet_max_docs = 0;  // no limit
    CHECK(searcher.search("سوريا", options).facets_exact);

    // The outputs say that the counts are estimates.
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    fahras::Console console{in, out, err, false, true};
    REQUIRE(fahras::query_main({"--db", path, "--format", "json", "--facets", "--facet-limit",
                                "200", "--limit", "0", "سوريا"},
                               console) == 0);
    const auto json = nlohmann::json::parse(out.str());
    CHECK(json.at("facets_exact") == false);
    CHECK(json.at("facets_estimated") == true);
    CHECK(json.at("facets_scale") == 16);
    out.str("");
    REQUIRE(fahras::query_main({"--db", path, "--facets", "--facet-limit", "200", "سوريا"},
                               console) == 0);
    CHECK(out.str().find("Facets (estimated: counted on a sample of ") != std::string::npos);
    out.str("");
    REQUIRE(fahras::query_main(
                {"--db", path, "--format", "tsv", "--facets", "--facet-limit", "200", "سوريا"},
                console) == 0);
    CHECK(out.str().find("#facets_estimated\t16\t") != std::string::npos);
}
