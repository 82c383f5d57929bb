// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of fahras-serve's HTTP parameters → the request model (serve_params.hpp): defaults as
// fahras-query's, repeated parameters as repeated options, bad values refused with a 400 (or
// 414) naming the parameter.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "fahras/query/serve_params.hpp"

namespace {

using fahras::HttpParams;

/// The status and message of the ParamError `read` throws, or {0, ""}.
template <typename Read>
std::pair<int, std::string> refusal(Read read, const HttpParams& params) {
    try {
        (void)read(params);
    } catch (const fahras::ParamError& e) {
        return {e.status(), e.what()};
    }
    return {0, ""};
}

}  // namespace

TEST_CASE("search parameters fill the request model as the CLI options do", "[serve]") {
    const auto defaults = fahras::search_request_from({});
    const fahras::SearchOptions cli;
    CHECK(defaults.query.empty());
    CHECK(defaults.options.limit == cli.limit);
    CHECK(defaults.options.offset == cli.offset);
    CHECK(defaults.options.match == fahras::MatchMode::auto_);
    CHECK(defaults.options.sort == fahras::SortOrder::relevance);
    CHECK_FALSE(defaults.options.facets);
    CHECK_FALSE(defaults.options.collapse);

    const auto r = fahras::search_request_from({{"q", "سوريا"},
                                                {"limit", "5"},
                                                {"offset", "20"},
                                                {"sort", "-date"},
                                                {"match", "any"},
                                                {"facets", "source,year"},
                                                {"facet_top", "3"},
                                                {"collapse", "1"},
                                                {"from", "2015"},
                                                {"to", "2016-02"},
                                                {"mentioned_from", "2014"},
                                                {"mentioned_to", "2014-12"},
                                                {"person", "Shoigu"},
                                                {"person", "كيري"},
                                                {"place", "حلب"},
                                                {"org", "الأمم المتحدة"},
                                                {"entity", "x"},
                                                {"agency", "AFP"},
                                                {"agency", "رويترز"},
                                                {"source", "bbc"},
                                                {"same_story", "a1"}});
    CHECK(r.query == "سوريا");
    CHECK(r.options.limit == 5);
    CHECK(r.options.offset == 20);
    CHECK(r.options.sort == fahras::SortOrder::date_desc);
    CHECK(r.options.match == fahras::MatchMode::any);
    CHECK(r.options.facets);
    CHECK(r.options.facet_names == std::vector<std::string>{"source", "year"});
    CHECK(r.options.facet_top == 3);
    CHECK(r.options.collapse);
    CHECK(r.options.from == "2015");
    CHECK(r.options.to == "2016-02");
    CHECK(r.options.mentioned_from == "2014");
    CHECK(r.options.mentioned_to == "2014-12");
    CHECK(r.options.agencies == std::vector<std::string>{"AFP", "رويترز"});
    CHECK(r.options.sources == std::vector<std::string>{"bbc"});
    CHECK(r.options.same_story == "a1");
    // Each entity parameter is a filter of its own, like each --person option.
    REQUIRE(r.options.entity_filters.size() == 5);
    CHECK(r.options.entity_filters[0].kind == fahras::EntityKind::person);
    CHECK(r.options.entity_filters[1].name == "كيري");
    CHECK(r.options.entity_filters[2].kind == fahras::EntityKind::place);
    CHECK(r.options.entity_filters[3].kind == fahras::EntityKind::organisation);
    CHECK_FALSE(r.options.entity_filters[4].kind.has_value());
    CHECK(fahras::search_request_from({{"facets", "1"}}).options.facet_names.empty());
    CHECK(fahras::search_request_from({{"facets", "1"}}).options.facets);
    CHECK_FALSE(fahras::search_request_from({{"facets", "0"}}).options.facets);
    CHECK(fahras::search_request_from({{"limit", "100"}, {"offset", "10000"}}).options.limit ==
          100);
}

TEST_CASE("bad search parameters are refused with a message naming them", "[serve]") {
    struct Row {
        HttpParams params;
        int status;
        const char* message;
    };
    const std::vector<Row> rows = {
        {{{"limit", "101"}}, 400, "'limit' must be at most 100"},
        {{{"limit", "-1"}}, 400, "'limit' must be a whole number"},
        {{{"limit", "5x"}}, 400, "'limit' must be a whole number"},
        {{{"limit", ""}}, 400, "'limit' must be a whole number"},
        {{{"offset", "10001"}}, 400, "'offset' must be at most 10000"},
        {{{"facet_top", "99999"}}, 400, "'facet_top'"},
        {{{"sort", "newest"}}, 400, "'sort' must be relevance, date or -date"},
        {{{"match", "some"}}, 400, "'match' must be auto, all or any"},
        {{{"collapse", "yes"}}, 400, "'collapse' must be 1 or 0"},
        {{{"qq", "x"}}, 400, "unknown parameter 'qq'"},
        {{{"from", "2015"}, {"from", "2016"}}, 400, "'from' given more than once"},
        {{{"q", "a"}, {"q", "b"}}, 400, "'q' given more than once"},
        {{{"person", ""}}, 400, "'person' is empty"},
        {{{"q", std::string(1001, 'x')}}, 414, "longer than 1000 characters"},
    };
    for (const Row& row : rows) {
        const auto [status, message] = refusal(fahras::search_request_from, row.params);
        CAPTURE(row.message);
        CHECK(status == row.status);
        CHECK_THAT(message, Catch::Matchers::Contains(row.message));
    }
    // 1,000 characters are code points, not bytes: 1,000 Arabic letters pass.
    std::string arabic;
    for (int i = 0; i < 1000; ++i) arabic += "س";
    CHECK(fahras::search_request_from({{"q", arabic}}).query == arabic);
}

TEST_CASE("histogram, entities, analyze and article parameters", "[serve]") {
    const auto h =
        fahras::histogram_request_from({{"q", "سوريا"}, {"by", "month"}, {"agency", "AFP"}});
    CHECK(h.by == fahras::HistogramBy::month);
    CHECK(h.search.query == "سوريا");
    CHECK(h.search.options.agencies == std::vector<std::string>{"AFP"});
    CHECK(fahras::histogram_request_from({}).by == fahras::HistogramBy::year);
    CHECK(refusal(fahras::histogram_request_from, {{"by", "week"}}).first == 400);
    CHECK(refusal(fahras::histogram_request_from, {{"limit", "3"}}).first == 400);

    const auto e = fahras::entities_request_from({{"type", "person"}, {"q", "كيري"}, {"top", "7"}});
    CHECK(e.type == "person");
    CHECK(e.prefix == "كيري");
    CHECK(e.top == 7);
    CHECK(fahras::entities_request_from({{"type", "organisation"}}).type == "organisation");
    CHECK_THAT(refusal(fahras::entities_request_from, {{"type", "thing"}}).second,
               Catch::Matchers::Contains("'type'"));

    const auto a =
        fahras::analyze_request_from({{"text", "وزيرا الدفاع"}, {"pubdate", "2015-09-18"}});
    CHECK(a.words == std::vector<std::string>{"وزيرا الدفاع"});
    CHECK(a.pubdate == "2015-09-18");
    CHECK_THAT(refusal(fahras::analyze_request_from, {}).second,
               Catch::Matchers::Contains("'text' is required"));

    CHECK(fahras::article_id_from({{"id", "a/b.txt"}}) == "a/b.txt");
    CHECK(refusal(fahras::article_id_from, {}).first == 400);
    CHECK(refusal(fahras::article_id_from, {{"id", "a"}, {"id", "b"}}).first == 400);
}
