// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the query side: the query parser, searching, snippets, output formats and the CLI,
// over a small database built with the indexer's own make_document().
#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/indexer/document.hpp"
#include "fahras/query/cli.hpp"
#include "fahras/query/output.hpp"
#include "fahras/query/query_parser.hpp"
#include "fahras/query/search.hpp"
#include "test_articles_db.hpp"
#include "test_support.hpp"

namespace {

using fahras::MatchMode;
using fahras::SearchOptions;
using fahras::SearchResult;
using Ids = std::set<std::string>;

/// The test articles. Spelling variants are deliberate: a1 writes مسؤول (hamza on waw),
/// a2 writes مسئول (hamza on yeh) with رفيع far from it, a3 writes إسلامية (hamza below alef).
std::vector<fahras::Article> articles() {
    std::vector<fahras::Article> out;
    const auto add = [&](std::string id, std::string title, std::string body, std::string date,
                         std::string source, std::string category) {
        fahras::Article a;
        a.id = std::move(id);
        a.title = std::move(title);
        a.body = std::move(body);
        a.date = std::move(date);
        a.source = std::move(source);
        a.category = std::move(category);
        a.path = "corpus/" + a.id + ".txt";
        a.url = "https://example.org/" + a.id;
        out.push_back(std::move(a));
    };
    add("a1", "مسؤول رفيع يزور دمشق",
        "قال مسؤول رفيع في الإدارة الأمريكية إن المحادثات مع الجانب السوري مستمرة منذ أسابيع.",
        "2015-09-18", "AlArabia", "Politics");
    add("a2", "اقتصاد الخليج",
        "صرح مسئول في وزارة المالية بأن الموازنة الجديدة تتضمن إنفاقا رفيع المستوى على التعليم.",
        "2015-09-19", "bbc", "Economy");
    add("a3", "افتتاح كلية جديدة",
        "افتتحت في غزة كلية إسلامية جديدة للدراسات العليا عام 2015م بحضور الطلاب وأساتذة & ضيوف.",
        "2015-09-20", "aljazeera", "Education");
    add("a4", "كرة القدم", "فاز المنتخب في المباراة النهائية بهدفين نظيفين أمام جمهور كبير.",
        "2015-09-21", "alarabia", "Sports");
    add("a5", "سوريا وروسيا",
        "بحث وزير الدفاع الروسي مع نظيره الأمريكي الوضع في سوريا وسبل تفادي الصدام.", "2015-09-22",
        "bbc", "Politics");
    return out;
}

/// A database of articles(), built once for the whole test run.
const std::string& test_db() {
    return fahras::test::articles_db<articles>();
}

SearchResult search(const std::string& query, MatchMode mode = MatchMode::all,
                    std::size_t limit = 10, std::size_t offset = 0) {
    fahras::Searcher searcher(test_db());
    SearchOptions options;
    options.match = mode;
    options.limit = limit;
    options.offset = offset;
    return searcher.search(query, options);
}

Ids ids_of(const SearchResult& result) {
    Ids out;
    for (const auto& hit : result.hits) out.insert(hit.id);
    return out;
}

Ids found(const std::string& query, MatchMode mode = MatchMode::all) {
    return ids_of(search(query, mode));
}

/// The highlighted words of a snippet.
std::vector<std::string> highlighted(const fahras::Snippet& snippet) {
    std::vector<std::string> out;
    for (const auto& part : snippet) {
        if (part.highlighted) out.push_back(part.text);
    }
    return out;
}

/// Runs the CLI on `args` with `input` as stdin; returns the exit status.
struct CliRun {
    int status = -1;
    std::string out;
    std::string err;
};

CliRun run_cli(const std::vector<std::string>& args, const std::string& input = {},
               bool stdin_is_terminal = false) {
    std::istringstream in(input);
    std::ostringstream out;
    std::ostringstream err;
    fahras::Console console{in, out, err, false, stdin_is_terminal};
    CliRun run;
    run.status = fahras::query_main(args, console);
    run.out = out.str();
    run.err = err.str();
    return run;
}

}  // namespace

TEST_CASE("search matches spelling variants through folding", "[query]") {
    struct Row {
        const char* query;
        Ids expected;
    };
    const std::vector<Row> rows = {
        {"مسئول", {"a1", "a2"}},  // ئ query finds ؤ (a1) and ئ (a2)
        {"مسؤول", {"a1", "a2"}},
        {"الامريكيه", {"a1", "a5"}},  // no hamza, heh for teh marbuta; a5 has الأمريكي
        {"اسلامية", {"a3"}},          // no hamza below: finds إسلامية
        {"سوريّا", {"a1", "a5"}},      // shadda dropped; سوريا and السوري share a stem
        {"فـاز", {"a4"}},             // so is a tatweel
        {"2015", {"a3"}},             // 2015م is split into 2015 and م
    };
    for (const auto& row : rows) {
        CAPTURE(row.query);
        CHECK(found(row.query) == row.expected);
    }
}

TEST_CASE("phrases match adjacent words in order, with folding", "[query]") {
    struct Row {
        const char* query;
        Ids expected;
    };
    const std::vector<Row> rows = {
        {"\"مسئول رفيع\"", {"a1"}},  // a2 has both words, but not next to each other
        {"«مسئول رفيع»", {"a1"}},
        {"\"رفيع مسئول\"", {}},  // wrong order
        {"\"وزير الدفاع الروسي\"", {"a5"}},
        {"\"الدفاع وزير\"", {}},
        {"\"مسئول\"", {"a1", "a2"}},  // one quoted word: its folded term
        {"2015م", {"a3"}},            // one chunk, two words: a phrase
    };
    for (const auto& row : rows) {
        CAPTURE(row.query);
        CHECK(found(row.query) == row.expected);
    }
}

TEST_CASE("boolean operators, modifiers and the implicit operator", "[query]") {
    struct Row {
        const char* query;
        MatchMode mode;
        Ids expected;
    };
    const auto all = MatchMode::all;
    const auto any = MatchMode::any;
    const std::vector<Row> rows = {
        {"مسؤول دمشق", all, {"a1"}},
        {"مسؤول AND دمشق", all, {"a1"}},
        {"دمشق غزة", all, {}},
        {"دمشق غزة", any, {"a1", "a3"}},
        {"دمشق OR غزة", all, {"a1", "a3"}},
        {"مسؤول NOT دمشق", all, {"a2"}},
        {"مسؤول AND NOT دمشق", all, {"a2"}},
        {"مسؤول -دمشق", all, {"a2"}},
        {"مسؤول -\"مسؤول رفيع\"", all, {"a2"}},
        {"مسؤول -(دمشق OR غزة)", all, {"a2"}},
        {"NOT مسؤول", all, {"a3", "a4", "a5"}},
        {"(دمشق OR غزة) كلية", all, {"a3"}},
        {"دمشق OR غزة كلية", all, {"a1", "a3"}},  // the implicit AND binds tighter than OR
        {"+دمشق غزة", any, {"a1"}},               // + is required even with --match any
        {"دمشق غزة -مسؤول", any, {"a3"}},
        {"and", all, {}},               // lower-case "and" is a word
        {"مسؤول - دمشق", all, {"a1"}},  // a lone '-' is no operator
    };
    for (const auto& row : rows) {
        CAPTURE(row.query, row.mode == any);
        CHECK(found(row.query, row.mode) == row.expected);
    }
}

TEST_CASE("match mode any ranks documents with more query words first", "[query]") {
    const auto result = search("مسؤول رفيع دمشق", MatchMode::any);
    REQUIRE(result.hits.size() == 2);
    CHECK(result.hits[0].id == "a1");
    CHECK(result.hits[1].id == "a2");
    CHECK(result.hits[0].score > result.hits[1].score);
}

TEST_CASE("title, source and category fields", "[query]") {
    struct Row {
        const char* query;
        Ids expected;
    };
    const std::vector<Row> rows = {
        {"title:اقتصاد", {"a2"}},
        {"title:مسئول", {"a1"}},  // a2 has the word in its body only
        {"title:\"مسؤول رفيع\"", {"a1"}},
        {"title:\"رفيع مسؤول\"", {}},
        {"title:الدفاع", {}},               // a5 has it in the body only
        {"source:alarabia", {"a1", "a4"}},  // stored as AlArabia and alarabia
        {"source:AlArabia", {"a1", "a4"}},
        {"source:bbc source:alarabia", {"a1", "a2", "a4", "a5"}},  // values of one field: OR
        {"source:bbc category:politics", {"a5"}},                  // different fields: AND
        {"مسؤول source:bbc", {"a2"}},
        {"مسؤول -source:bbc", {"a1"}},
        {"source:\"bbc\"", {"a2", "a5"}},
        {"source:nosuchsource", {}},
        {"category:Sports", {"a4"}},
        {"foo:مسؤول", {}},  // unknown field: searched as the text "foo مسؤول"
    };
    for (const auto& row : rows) {
        CAPTURE(row.query);
        CHECK(found(row.query) == row.expected);
    }
}

TEST_CASE("=word matches the exact spelling only", "[query]") {
    CHECK(found("=مسؤول") == Ids{"a1"});
    CHECK(found("=مسئول") == Ids{"a2"});
    CHECK(found("=الأمريكية") == Ids{"a1"});
    CHECK(found("=الامريكيه").empty());
    CHECK(found("=\"مسؤول رفيع\"") == Ids{"a1"});
}

TEST_CASE("a query without words lists every matching article, newest first", "[query]") {
    const auto all = search("");
    CHECK(all.total_estimate == 5);
    REQUIRE(all.hits.size() == 5);
    CHECK(all.hits.front().id == "a5");
    CHECK(all.hits.back().id == "a1");
    CHECK(fahras::parse_query("").match_all);
    CHECK(fahras::parse_query("source:bbc").match_all);
    CHECK_FALSE(fahras::parse_query("مسؤول source:bbc").match_all);
    CHECK(found("source:bbc") == Ids{"a2", "a5"});

    // Nothing to highlight: the snippet is the opening of the body.
    const auto filtered = search("source:aljazeera");
    REQUIRE(filtered.hits.size() == 1);
    const auto& snippet = filtered.hits[0].snippet;
    REQUIRE(snippet.size() == 1);
    CHECK_FALSE(snippet[0].highlighted);
    CHECK(snippet[0].text.rfind("افتتحت في غزة كلية", 0) == 0);
}

TEST_CASE("the highlight query holds the stems and folded forms of wanted words", "[query]") {
    const auto parsed = fahras::parse_query("\"مسئول رفيع\" -دمشق title:كرة");
    std::set<std::string> terms(parsed.highlight.get_terms_begin(),
                                parsed.highlight.get_terms_end());
    const auto& analyzer = fahras::default_analyzer();
    std::set<std::string> expected;
    for (const char* word : {"مسئول", "رفيع", "كرة"}) {
        const auto tokens = analyzer.analyze(word);
        REQUIRE(tokens.size() == 1);
        expected.insert("Z" + tokens[0].stem);
        expected.insert(tokens[0].folded);
    }
    CHECK(terms == expected);  // nothing of the excluded دمشق
    CHECK(fahras::parse_query("source:bbc").highlight.empty());
}

TEST_CASE("snippets highlight words matched through folding, stemming and phrases", "[query]") {
    struct Row {
        const char* query;
        const char* id;
        std::vector<std::string> marked;
    };
    const std::vector<Row> rows = {
        {"الامريكيه", "a1", {"الأمريكية"}},
        {"\"مسئول رفيع\"", "a1", {"مسؤول", "رفيع"}},  // phrase whose words differ from the text
        {"=مسئول", "a2", {"مسئول"}},
        {"title:مسؤول", "a1", {"مسؤول"}},
        {"اسلامية", "a3", {"إسلامية"}},
    };
    for (const auto& row : rows) {
        CAPTURE(row.query);
        const auto result = search(row.query);
        const auto hit = std::find_if(result.hits.begin(), result.hits.end(),
                                      [&](const fahras::Hit& h) { return h.id == row.id; });
        REQUIRE(hit != result.hits.end());
        CHECK(highlighted(hit->snippet) == row.marked);
    }
}

TEST_CASE("snippet text is unescaped, and re-escaped only in JSON", "[query]") {
    const auto result = search("كلية");
    REQUIRE(result.hits.size() == 1);
    const std::string plain = fahras::render_snippet(result.hits[0].snippet, "[", "]");
    CHECK(plain.find("وأساتذة & ضيوف") != std::string::npos);
    CHECK(plain.find("[كلية]") != std::string::npos);
    const auto json = nlohmann::json::parse(fahras::to_json(result));
    const std::string html = json["hits"][0]["snippet"];
    CHECK(html.find("وأساتذة &amp; ضيوف") != std::string::npos);
    CHECK(html.find("<b>كلية</b>") != std::string::npos);
}

TEST_CASE("parse_snippet splits Xapian's marked, escaped output", "[query]") {
    const auto parts = fahras::parse_snippet("a &lt;b&gt; \x01word\x02 &amp; c", "\x01", "\x02");
    const fahras::Snippet expected = {{"a <b> ", false}, {"word", true}, {" & c", false}};
    CHECK(parts == expected);
}

TEST_CASE("JSON output has every contract field", "[query]") {
    const auto result = search("مسؤول", MatchMode::all, 10, 0);
    const auto json = nlohmann::json::parse(fahras::to_json(result));
    CHECK(json["query"] == "مسؤول");
    CHECK(json["total_estimate"] == 2);
    CHECK(json["offset"] == 0);
    REQUIRE(json["hits"].size() == 2);
    for (const auto& hit : json["hits"]) {
        for (const char* key :
             {"rank", "id", "score", "title", "date", "source", "url", "path", "snippet"}) {
            CAPTURE(key);
            CHECK(hit.contains(key));
        }
        CHECK(hit["rank"].is_number_integer());
        CHECK(hit["score"].is_number());
    }
    const auto& first = json["hits"][0];
    const std::string id = first["id"];
    CHECK(first["rank"] == 1);
    CHECK(first["path"] == "corpus/" + id + ".txt");
    CHECK(first["url"] == "https://example.org/" + id);
}

TEST_CASE("offset and limit page through the ranking", "[query]") {
    const auto full = search("NOT غزة", MatchMode::all, 10, 0);  // a1 a2 a4 a5
    REQUIRE(full.hits.size() == 4);
    const auto page1 = search("NOT غزة", MatchMode::all, 2, 0);
    const auto page2 = search("NOT غزة", MatchMode::all, 2, 2);
    const auto page3 = search("NOT غزة", MatchMode::all, 2, 4);
    REQUIRE(page1.hits.size() == 2);
    REQUIRE(page2.hits.size() == 2);
    CHECK(page3.hits.empty());
    CHECK(page2.offset == 2);
    CHECK(page2.total_estimate == 4);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(page1.hits[i].id == full.hits[i].id);
        CHECK(page2.hits[i].id == full.hits[i + 2].id);
        CHECK(page1.hits[i].rank == i + 1);
        CHECK(page2.hits[i].rank == i + 3);
    }
}

TEST_CASE("query syntax errors throw QueryError naming the column", "[query]") {
    struct Row {
        const char* query;
        const char* column;  ///< "column N" expected in the message
    };
    const std::vector<Row> rows = {
        {"\"مسؤول رفيع", "column 1"}, {"مسؤول «رفيع", "column 7"}, {"(مسؤول OR رفيع", "column 1"},
        {"مسؤول)", "column 6"},       {"مسؤول AND", "column 7"},   {"OR مسؤول", "column 1"},
        {"مسؤول OR", "column 7"},     {"a AND OR b", "column 3"},  {"a NOT", "column 3"},
        {"()", "column 1"},           {"title:", "column 1"},      {"مسؤول source: x", "column 7"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.query);
        CHECK_THROWS_AS(fahras::parse_query(row.query), fahras::QueryError);
        CHECK_THROWS_WITH(fahras::parse_query(row.query), Catch::Matchers::Contains(row.column));
    }
    CHECK_NOTHROW(fahras::parse_query("foo:bar"));
    // Chunks without words are no syntax error, but leave nothing to search.
    CHECK_THROWS_WITH(fahras::parse_query("- + ="),
                      Catch::Matchers::Contains("no searchable words"));
}

TEST_CASE("a missing or foreign database throws DatabaseError", "[query]") {
    const fahras::test::TempDir dir;
    const std::string missing = (dir / "nope").string();
    CHECK_THROWS_AS(fahras::Searcher(missing), fahras::DatabaseError);
    CHECK_THROWS_WITH(fahras::Searcher(missing),
                      Catch::Matchers::Contains("cannot open database " + missing));
    // A directory that is not a Xapian database.
    CHECK_THROWS_AS(fahras::Searcher(dir.path().string()), fahras::DatabaseError);
    CHECK_THROWS_WITH(fahras::Searcher(dir.path().string()),
                      Catch::Matchers::Contains("cannot open database"));
    // A database of another schema version.
    const std::string other = (dir / "other").string();
    {
        Xapian::WritableDatabase db(other, Xapian::DB_CREATE_OR_OPEN);
        db.set_metadata(std::string(fahras::schema::meta_version), "999");
        db.commit();
    }
    CHECK_THROWS_AS(fahras::Searcher(other), fahras::DatabaseError);
    CHECK_THROWS_WITH(fahras::Searcher(other), Catch::Matchers::Contains("schema version 999"));
}

TEST_CASE("analyze JSON offsets point at the raw words", "[query]") {
    const std::string text = "قال المسؤولون: «الأمريكيّة» تدرس 2015م،  وF16.";
    const auto json = nlohmann::json::parse(
        fahras::analysis_to_json(text, fahras::default_analyzer().analyze(text)));
    CHECK(json["text"] == text);
    const std::vector<std::string> raw = {"قال",  "المسؤولون", "الأمريكيّة", "تدرس",
                                          "2015", "م",         "و",         "F16"};
    REQUIRE(json["tokens"].size() == raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const auto& t = json["tokens"][i];
        CAPTURE(i);
        const std::size_t start = t["start"];
        const std::size_t end = t["end"];
        CHECK(text.substr(start, end - start) == raw[i]);
        CHECK(t["raw"] == raw[i]);
        CHECK(t["position"] == i);
        for (const char* key : {"kind", "exact", "folded", "stem"}) CHECK(t.contains(key));
    }
    CHECK(json["tokens"][2]["exact"] == "الأمريكية");  // shadda dropped
    CHECK(json["tokens"][2]["folded"] == "الامريكيه");
    CHECK(json["tokens"][7]["kind"] == "latin");
}

TEST_CASE("fahras-query CLI: exit statuses and error lines", "[query]") {
    const std::string& db = test_db();
    SECTION("hits: 0") {
        const auto run = run_cli({"--db", db, "--format", "json", "مسئول"});
        CHECK(run.status == fahras::query_hits);
        CHECK(nlohmann::json::parse(run.out)["hits"].size() == 2);
        CHECK(run.err.empty());
    }
    SECTION("no hits: 1") {
        const auto run = run_cli({"--db", db, "qqqzzzxxyy"});
        CHECK(run.status == fahras::query_no_hits);
        CHECK(run.out.find("No results") != std::string::npos);
    }
    SECTION("words are joined into one query") {
        const auto run = run_cli({"--db", db, "--format", "json", "مسؤول", "NOT", "دمشق"});
        const auto json = nlohmann::json::parse(run.out);
        CHECK(json["query"] == "مسؤول NOT دمشق");
        REQUIRE(json["hits"].size() == 1);
        CHECK(json["hits"][0]["id"] == "a2");
    }
    SECTION("an Arabic -word needs no --, a Latin one does") {
        auto run = run_cli({"--db", db, "--format", "json", "مسؤول", "-دمشق"});
        CHECK(run.status == fahras::query_hits);
        CHECK(nlohmann::json::parse(run.out)["hits"][0]["id"] == "a2");
        run = run_cli({"--db", db, "--format", "json", "--", "-F16"});
        CHECK(run.status == fahras::query_hits);
        CHECK(nlohmann::json::parse(run.out)["hits"].size() == 5);
    }
    SECTION("errors: 2, one line on stderr") {
        struct Row {
            std::vector<std::string> args;
            const char* message;
        };
        const std::vector<Row> rows = {
            {{"--db", db, "\"مسؤول"}, "column 1"},
            {{"--db", db + "-missing", "مسؤول"}, "cannot open database"},
            {{"مسؤول"}, "--db"},
            {{"--db", db, "--format", "xml", "مسؤول"}, "--format"},
            {{"--db", db, "--limit", "many", "مسؤول"}, "--limit"},
            {{"--db", db, "--nope", "مسؤول"}, "--nope"},
        };
        for (const auto& row : rows) {
            CAPTURE(row.args);
            const auto run = run_cli(row.args);
            CHECK(run.status == fahras::query_error);
            CHECK(run.err.rfind("fahras-query: error: ", 0) == 0);
            CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
            CHECK(run.err.find(row.message) != std::string::npos);
        }
    }
    SECTION("no query and a terminal on stdin: 2") {
        const auto run = run_cli({"--db", db}, "", true);
        CHECK(run.status == fahras::query_error);
    }
    SECTION("--help shows the syntax and Arabic examples") {
        const auto run = run_cli({"--help"});
        CHECK(run.status == 0);
        CHECK(run.out.find("--db") != std::string::npos);
        CHECK(run.out.find("شويغو") != std::string::npos);
        CHECK(run.out.find("-- -word") != std::string::npos);
    }
}

/// The JSON objects of a run's output, one a line.
std::vector<nlohmann::json> json_lines(const std::string& out) {
    std::istringstream lines(out);
    std::vector<nlohmann::json> objects;
    for (std::string line; std::getline(lines, line);)
        objects.push_back(nlohmann::json::parse(line));
    return objects;
}

TEST_CASE("fahras-query CLI: filters alone never read stdin; '-' and --batch do", "[query]") {
    const std::string& db = test_db();
    // Whatever stdin holds (cron's /dev/null: empty; a pipe: lines), a search by filters alone
    // is one search of every article that passes them.
    for (const std::string input : {"", "qqqzzz\n", "مسؤول\nغزة\n"}) {
        CAPTURE(input);
        for (const std::vector<std::string>& filter :
             {std::vector<std::string>{"--from", "2015-09-19", "--to", "2015-09-20"},
              std::vector<std::string>{"--mentioned-from", "2015", "--mentioned-to", "2015"}}) {
            std::vector<std::string> args = {"--db", db, "--format", "json"};
            args.insert(args.end(), filter.begin(), filter.end());
            CAPTURE(filter);
            const auto run = run_cli(args, input);
            CHECK(run.status == fahras::query_hits);
            const auto json = nlohmann::json::parse(run.out);  // one result, not JSON Lines
            CHECK(json["query"] == "");
            CHECK(json["total_estimate"].get<int>() >= 1);
        }
        const auto run = run_cli(
            {"--db", db, "--format", "json", "--from", "2015-09-19", "--to", "2015-09-20"}, input);
        Ids ids;
        const auto json = nlohmann::json::parse(run.out);
        for (const auto& hit : json["hits"]) ids.insert(hit["id"]);
        CHECK(ids == Ids{"a2", "a3"});
    }
    SECTION("'-': one query a line of stdin, filtered") {
        const auto run = run_cli({"--db", db, "--format", "json", "--from", "2015-09-19", "-"},
                                 "مسؤول\nqqqzzz\n");
        CHECK(run.status == fahras::query_hits);
        const auto objects = json_lines(run.out);
        REQUIRE(objects.size() == 2);
        CHECK(objects[0]["query"] == "مسؤول");
        CHECK(objects[0]["hits"].size() == 1);  // a2: a1 (مسؤول too) is of 2015-09-18
        CHECK(objects[1]["hits"].empty());
    }
    SECTION("neither words nor filters: piped queries, as before") {
        const auto run = run_cli({"--db", db, "--format", "json"}, "مسؤول\nغزة\n");
        CHECK(json_lines(run.out).size() == 2);
    }
}

TEST_CASE("fahras-query CLI: queries from stdin", "[query]") {
    const std::string& db = test_db();
    SECTION("JSON Lines, one object per query") {
        const auto run = run_cli({"--db", db, "--format", "json"}, "مسؤول\n\nqqqzzz\n\"غزة\n");
        CHECK(run.status == fahras::query_error);  // the third query cannot be parsed
        std::istringstream lines(run.out);
        std::vector<nlohmann::json> objects;
        for (std::string line; std::getline(lines, line);) {
            objects.push_back(nlohmann::json::parse(line));
        }
        REQUIRE(objects.size() == 3);
        CHECK(objects[0]["hits"].size() == 2);
        CHECK(objects[1]["hits"].empty());
        CHECK(objects[2].contains("error"));
        CHECK(run.err.find("stdin line 4") != std::string::npos);
    }
    SECTION("text: a blank line between queries; exit 0 when some query had hits") {
        const auto run = run_cli({"--db", db}, "qqqzzz\nغزة\n");
        CHECK(run.status == fahras::query_hits);
        CHECK(run.out.find("No results for: qqqzzz\n\nResults 1") != std::string::npos);
    }
    SECTION("text: highlights in brackets when not on a terminal") {
        const auto run = run_cli({"--db", db}, "الامريكيه\n");
        CHECK(run.out.find("[الأمريكية]") != std::string::npos);
        CHECK(run.out.find("\x1b[") == std::string::npos);
    }
}

TEST_CASE("fahras-query CLI: TSV output", "[query]") {
    const auto run = run_cli({"--db", test_db(), "--format", "tsv", "مسؤول"});
    CHECK(run.status == fahras::query_hits);
    std::istringstream lines(run.out);
    std::vector<std::string> rows;
    for (std::string line; std::getline(lines, line);) rows.push_back(line);
    REQUIRE(rows.size() == 4);
    // Columns are a contract: new ones (agencies) are appended at the end.
    CHECK(rows[0] == "rank\tid\tscore\tdate\tsource\ttitle\tpath\tsnippet\tagencies");
    // Then the number of matches, on a comment line: count, exact|estimate, lower, upper.
    CHECK(rows[1] == "#total\t2\texact\t2\t2");
    for (std::size_t i = 2; i < rows.size(); ++i) {
        CHECK(std::count(rows[i].begin(), rows[i].end(), '\t') == 8);
    }
    CHECK(rows[2].rfind("1\ta", 0) == 0);
    CHECK(rows[2].find("[مسؤول]") != std::string::npos);
}

TEST_CASE("fahras-query analyze needs no database", "[query]") {
    auto run = run_cli({"analyze", "--format", "json", "وزيرا", "الدفاع"});
    CHECK(run.status == 0);
    const auto json = nlohmann::json::parse(run.out);
    REQUIRE(json["tokens"].size() == 2);
    CHECK(json["tokens"][0]["stem"] == "وزير");
    CHECK(json["tokens"][1]["stem"] == "دفاع");

    run = run_cli({"analyze"}, "مسؤول\nمسئول\n");
    CHECK(run.status == 0);
    CHECK(run.out.find("مسءول") != std::string::npos);
    CHECK(run.out.rfind("pos", 0) == 0);

    run = run_cli({"analyze", "--format", "tsv", "x"});
    CHECK(run.status == fahras::query_error);
}
