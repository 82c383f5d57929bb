// SPDX-License-Identifier: GPL-3.0-or-later
// Date filters, ranges, sorting and date facets over a small database.
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "fahras/common/errors.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/indexer/document.hpp"
#include "fahras/query/cli.hpp"
#include "fahras/query/date_filters.hpp"
#include "fahras/query/search.hpp"
#include "test_support.hpp"

using namespace fahras;

namespace {

using Ids = std::vector<std::string>;

struct DatedArticle {
    const char* id;
    const char* date;
    const char* body;
};

// Each article says سوريا; dates and mentioned dates vary.
const DatedArticle dated[] = {
    {"d1", "2015-09-18", "سوريا: والمرة الأخيرة كانت في آب/ أغسطس 2014 والاتصال اليوم الجمعة."},
    {"d2", "2015-10-02", "سوريا: انقطعت الاتصالات في نيسان/أبريل 2014 ثم في آب 2014."},
    {"d3", "2014-08-20", "سوريا: قال مسؤول أمس إن المحادثات بدأت في 10 شوال 1436هـ."},
    {"d4", "Fri, 06 Feb 2015 11:53:25 +0000", "سوريا: لا تاريخ آخر هنا."},
    {"d5", "", "سوريا: مقال بلا تاريخ نشر يذكر أيلول 2015."},
};

const std::string& date_db() {
    static const test::TempDir dir;
    static const std::string path = [] {
        const std::string p = (dir / "db").string();
        Xapian::WritableDatabase db(p, Xapian::DB_CREATE_OR_OPEN);
        for (const DatedArticle& d : dated) {
            Article a;
            a.id = d.id;
            a.title = std::string("خبر ") + d.id;
            a.body = d.body;
            a.date = d.date;
            a.path = std::string("corpus/") + d.id + ".txt";
            db.replace_document(id_term(a.id), make_document(a, default_analyzer()));
        }
        db.set_metadata(std::string(schema::meta_version), std::to_string(schema::version));
        db.commit();
        return p;
    }();
    return path;
}

SearchResult search(std::string_view query, SearchOptions options = {}) {
    options.limit = 20;
    Searcher searcher(date_db());
    return searcher.search(query, options);
}

std::set<std::string> ids(const SearchResult& r) {
    std::set<std::string> out;
    for (const Hit& h : r.hits) out.insert(h.id);
    return out;
}

Ids ordered_ids(const SearchResult& r) {
    Ids out;
    for (const Hit& h : r.hits) out.push_back(h.id);
    return out;
}

}  // namespace

TEST_CASE("date query: inline filters", "[dates][query]") {
    struct Row {
        const char* query;
        std::set<std::string> expected;
    };
    const Row rows[] = {
        {"سوريا year:2015", {"d1", "d2", "d4"}},
        {"سوريا year:2014", {"d3"}},
        {"سوريا year:2014..2015", {"d1", "d2", "d3", "d4"}},
        {"سوريا date:2015-09", {"d1"}},
        {"سوريا date:2015-09-18", {"d1"}},
        {"سوريا date:2015-09..2015-10", {"d1", "d2"}},
        {"سوريا date:2015-02..", {"d1", "d2", "d4"}},
        {"سوريا date:..2015-02-06", {"d3", "d4"}},
        {"سوريا year:2014 OR year:2015", {"d1", "d2", "d3", "d4"}},
        {"سوريا date:2015 -date:2015-09", {"d2", "d4"}},
        {"سوريا mentioned:2014-08", {"d1", "d2", "d3"}},
        {"سوريا mentioned:2014-04", {"d2"}},
        {"سوريا mentioned:2014", {"d1", "d2", "d3"}},
        {"سوريا mentioned:2015-07-26", {"d3"}},     // 10 Shawwal 1436
        {"سوريا mentioned:2014-08-19", {"d3"}},     // أمس, published 2014-08-20
        {"سوريا mentioned:2015-09-18", {"d1"}},     // اليوم الجمعة
        {"سوريا mentioned:2015-09", {"d1", "d5"}},  // and أيلول 2015
        {"سوريا mentioned:2014-04..2014-07", {"d2"}},
        {"سوريا mentioned:2015-07-20..2015-07-31", {"d3"}},
        {"سوريا mentioned:2014-08 date:2015-10", {"d2"}},
        {"سوريا hijri:1436-10", {"d3"}},  // 10 شوال 1436هـ
        {"سوريا hijri:1436", {"d3"}},
        {"سوريا hijri:1436-09", {}},
    };
    for (const Row& row : rows) {
        INFO(row.query);
        CHECK(ids(search(row.query)) == row.expected);
    }
}

TEST_CASE("date query: bad date values are query errors", "[dates][query]") {
    for (const char* q :
         {"date:2015-13", "year:2015-09", "mentioned:soon", "date:..", "date:2016..2015"}) {
        INFO(q);
        CHECK_THROWS_AS(search(q), QueryError);
    }
}

TEST_CASE("date query: --from/--to, --mentioned-from/--mentioned-to", "[dates][query]") {
    SearchOptions o;
    o.from = "2015-02";
    o.to = "2015-09";
    CHECK(ids(search("سوريا", o)) == std::set<std::string>{"d1", "d4"});
    o.to.clear();
    CHECK(ids(search("سوريا", o)) == std::set<std::string>{"d1", "d2", "d4"});
    SearchOptions m;
    m.mentioned_from = "2014-08-01";
    m.mentioned_to = "2014-08-31";
    CHECK(ids(search("سوريا", m)) == std::set<std::string>{"d1", "d2", "d3"});
    m.mentioned_from = "2015";
    m.mentioned_to = "2015";
    CHECK(ids(search("سوريا", m)) == std::set<std::string>{"d1", "d3", "d5"});
    SearchOptions bad;
    bad.from = "2015-02-30";
    CHECK_THROWS_AS(search("سوريا", bad), UsageError);
}

TEST_CASE("date query: sorting by publication date", "[dates][query]") {
    SearchOptions o;
    o.sort = SortOrder::date_desc;
    CHECK(ordered_ids(search("سوريا", o)) == Ids{"d2", "d1", "d4", "d3", "d5"});
    o.sort = SortOrder::date;
    CHECK(ordered_ids(search("سوريا", o)) == Ids{"d5", "d3", "d4", "d1", "d2"});
    CHECK(parse_sort_order("-date") == SortOrder::date_desc);
    CHECK_THROWS_AS(parse_sort_order("newest"), UsageError);
}

TEST_CASE("date query: year, month and mentioned_month facets", "[dates][query]") {
    SearchOptions o;
    o.facets = true;
    o.facet_top = 0;
    const SearchResult r = search("سوريا", o);
    std::map<std::string, std::map<std::string, Xapian::doccount>> got;
    for (const Facet& f : r.facets) {
        for (const FacetCount& c : f.values) got[f.name][c.value] = c.count;
    }
    using Counts = std::map<std::string, Xapian::doccount>;
    CHECK(got["year"] == Counts{{"2014", 1}, {"2015", 3}});
    CHECK(got["month"] == Counts{{"2014-08", 1}, {"2015-02", 1}, {"2015-09", 1}, {"2015-10", 1}});
    CHECK(got["mentioned_month"] ==
          Counts{{"2014-04", 1}, {"2014-08", 3}, {"2015-07", 1}, {"2015-09", 2}});

    o.facet_top = 1;
    const SearchResult top = search("سوريا", o);
    for (const Facet& f : top.facets) {
        if (f.name == "mentioned_month") {
            REQUIRE(f.values.size() == 1);
            CHECK(f.values[0].value == "2014-08");
        }
    }
}

TEST_CASE("date query: hits carry date, date_source and mentioned dates", "[dates][query]") {
    SearchOptions o;
    o.sort = SortOrder::date_desc;
    const SearchResult r = search("سوريا year:2015", o);
    REQUIRE(r.hits.size() == 3);
    CHECK(r.hits[1].id == "d1");
    CHECK(r.hits[1].date == "2015-09-18");
    CHECK(r.hits[1].date_source == "metadata");
    REQUIRE(r.hits[1].mentioned_dates.size() == 2);
    CHECK(r.hits[1].mentioned_dates[0].value == "2014-08");
    CHECK(r.hits[1].mentioned_dates[0].text == "آب/ أغسطس 2014");
    CHECK(r.hits[1].mentioned_dates[1].value == "2015-09-18");
    CHECK(r.hits[1].mentioned_dates[1].kind == "relative");
    CHECK(r.hits[2].date == "2015-02-06");  // from an RFC 822 date

    std::ostringstream out, err;
    std::istringstream in;
    Console console{in, out, err};
    const int status = query_main({"--db", date_db(), "--format", "json", "--sort", "-date",
                                   "--facets", "--from", "2015", "سوريا"},
                                  console);
    INFO(err.str());
    REQUIRE(status == query_hits);
    const auto json = nlohmann::json::parse(out.str());
    CHECK(json.at("hits").at(0).at("id") == "d2");
    CHECK(json.at("hits").at(0).at("date_source") == "metadata");
    CHECK(json.at("hits").at(0).at("mentioned_dates").at(0).at("value") == "2014-04");
    CHECK(json.at("facets").at("year").at(0).at("value") == "2015");
    CHECK(json.at("facets").at("year").at(0).at("count") == 3);
    CHECK(json.at("facets").contains("mentioned_month"));
}

TEST_CASE("date query: analyze lists dates, relative ones with --pubdate", "[dates][query]") {
    const auto analyse = [](std::vector<std::string> args) {
        std::ostringstream out, err;
        std::istringstream in;
        Console console{in, out, err};
        args.insert(args.begin(), "analyze");
        REQUIRE(query_main(args, console) == query_hits);
        return nlohmann::json::parse(out.str()).at("dates");
    };
    const auto with = analyse({"--format", "json", "--pubdate", "2015-09-18",
                               "جددا الاتصالات اليوم الجمعة وفي آب/ أغسطس 2014"});
    REQUIRE(with.size() == 2);
    CHECK(with[0].at("value") == "2015-09-18");
    CHECK(with[0].at("kind") == "relative");
    CHECK(with[0].at("text") == "اليوم الجمعة");
    CHECK(with[1].at("value") == "2014-08");
    CHECK(with[1].at("calendar") == "gregorian");
    const auto without = analyse({"--format", "json", "اليوم الجمعة وفي 10 شوال 1436هـ"});
    REQUIRE(without.size() == 1);
    CHECK(without[0].at("calendar") == "hijri");
    CHECK(without[0].at("hijri") == "1436-10-10");
    CHECK(without[0].at("value") == "2015-07-26");

    std::ostringstream out, err;
    std::istringstream in;
    Console console{in, out, err};
    CHECK(query_main({"analyze", "--pubdate", "yesterday", "أمس"}, console) == query_error);
}
