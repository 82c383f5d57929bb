// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the query language's limits and of its newer operators: nesting and length bounds,
// linear parsing, NUL, queries with no searchable words, `*`, prefix search (`word*`) and
// NEAR, over a small database built with the indexer's make_document().
#include <algorithm>
#include <chrono>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/stem.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/indexer/document.hpp"
#include "fahras/query/cli.hpp"
#include "fahras/query/query_parser.hpp"
#include "fahras/query/search.hpp"
#include "test_articles_db.hpp"
#include "test_support.hpp"

namespace {

using fahras::MatchMode;
using Ids = std::set<std::string>;

/// Articles for prefixes and proximity. p1–p5 spell the اقتصاد family with and without
/// clitics; p6 has سوريا and روسيا three words apart; p7 has a word that starts like the
/// family without belonging to it.
std::vector<fahras::Article> articles() {
    std::vector<fahras::Article> out;
    const auto add = [&](std::string id, std::string title, std::string body, std::string date,
                         std::string source) {
        fahras::Article a;
        a.id = std::move(id);
        a.title = std::move(title);
        a.body = std::move(body);
        a.date = std::move(date);
        a.source = std::move(source);
        a.path = "corpus/" + a.id + ".txt";
        out.push_back(std::move(a));
    };
    add("p1", "تقرير", "تحسن الاقتصاد السوري هذا العام.", "2015-01-01", "bbc");
    add("p2", "أخبار", "صدرت دراسة اقتصادية جديدة عن البنك.", "2015-01-02", "bbc");
    add("p3", "نشرة", "قال الوزير والاقتصادي المعروف إن الأسعار ارتفعت.", "2015-01-03", "cnn");
    add("p4", "اقتصاد الخليج", "تراجعت أسعار النفط مجددا.", "2015-01-04", "cnn");
    add("p5", "مقال", "اهتمت الحكومة بالاقتصاد والتعليم.", "2015-01-05", "bbc");
    add("p6", "لقاء", "بحثت سوريا أمس مع كبار مسؤولي روسيا ملف اللاجئين.", "2015-01-06", "cnn");
    add("p7", "رأي", "اقتصر الحديث على الرياضة.", "2015-01-07", "bbc");
    return out;
}

const std::string& syntax_db() {
    return fahras::test::articles_db<articles>();
}

fahras::SearchResult search(const std::string& query, MatchMode mode = MatchMode::all) {
    fahras::Searcher searcher(syntax_db());
    fahras::SearchOptions options;
    options.match = mode;
    options.limit = 100;
    return searcher.search(query, options);
}

Ids found(const std::string& query, MatchMode mode = MatchMode::all) {
    Ids out;
    for (const auto& hit : search(query, mode).hits) out.insert(hit.id);
    return out;
}

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

std::string nested(std::size_t depth, const std::string& inside = "سوريا") {
    return repeat("(", depth) + inside + repeat(")", depth);
}

/// Seconds one parse of `text` takes (the best of five), with no length limit.
double parse_seconds(const std::string& text) {
    fahras::QueryParser parser(MatchMode::any);
    parser.set_max_bytes(0);
    double best = 1e9;
    for (int i = 0; i < 5; ++i) {
        const auto start = std::chrono::steady_clock::now();
        (void)parser.parse(text);
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        best = std::min(best, took.count());
    }
    return best;
}

}  // namespace

TEST_CASE("parentheses nest up to max_query_nesting deep, deeper is a syntax error",
          "[query][syntax]") {
    CHECK_NOTHROW(fahras::parse_query(nested(fahras::max_query_nesting)));
    CHECK(found(nested(fahras::max_query_nesting)) == Ids{"p1", "p6"});
    CHECK_NOTHROW(fahras::parse_query(repeat("-(a ", 100) + "b" + repeat(")", 100)));
    const std::string deep = nested(fahras::max_query_nesting + 1);
    CHECK_THROWS_AS(fahras::parse_query(deep), fahras::QueryError);
    CHECK_THROWS_WITH(fahras::parse_query(deep),
                      Catch::Matchers::Contains("column 101") &&
                          Catch::Matchers::Contains("nested more than 100 deep"));
    // Far deeper than any stack: once a SIGSEGV (12,000) and an ASan stack overflow (3,000).
    for (const std::size_t depth : {3000U, 12000U, 200000U}) {
        CAPTURE(depth);
        CHECK_THROWS_AS(fahras::parse_query(nested(depth)), fahras::QueryError);
        CHECK_THROWS_AS(fahras::parse_query(repeat("(", depth)), fahras::QueryError);
    }
}

TEST_CASE("a query longer than max_query_bytes is refused", "[query][syntax]") {
    const std::string word = "سوريا ";  // 11 bytes
    std::string at_limit = repeat(word, fahras::max_query_bytes / word.size());
    at_limit.resize(fahras::max_query_bytes, 'x');
    CHECK_NOTHROW(fahras::parse_query(at_limit));
    const std::string over = at_limit + "x";
    CHECK_THROWS_AS(fahras::parse_query(over), fahras::QueryError);
    CHECK_THROWS_WITH(fahras::parse_query(over), Catch::Matchers::Contains("65537 bytes") &&
                                                     Catch::Matchers::Contains("65536"));
}

TEST_CASE("parsing time is linear in the query's length", "[query][syntax]") {
    // Each word once recomputed its column from the start of the query: 4 times the length
    // took 16 times as long (100 KB: over a minute). Linear: about 4 times; the bound leaves
    // room for a machine busy with other builds (a few milliseconds of noise).
    const std::string words = "مسؤول (رفيع OR \"الإدارة الأمريكية\") -دمشق title:سوري ";
    const std::string small = repeat(words, 1000);  // ~86 KB
    const std::string large = repeat(words, 4000);  // ~344 KB
    const double t_small = parse_seconds(small);
    const double t_large = parse_seconds(large);
    CAPTURE(small.size(), large.size(), t_small, t_large);
    CHECK(t_large < 10 * t_small + 0.25);
    // Columns are still counted in code points from the start of the query.
    CHECK_THROWS_WITH(fahras::QueryParser().parse(repeat("سوريا ", 1000) + ")"),
                      Catch::Matchers::Contains("column 6001"));
}

TEST_CASE("a NUL inside a query is a syntax error", "[query][syntax]") {
    const std::string query = std::string("مسؤول") + '\0' + "رفيع";
    CHECK_THROWS_AS(fahras::parse_query(query), fahras::QueryError);
    CHECK_THROWS_WITH(fahras::parse_query(query),
                      Catch::Matchers::Contains("column 6") && Catch::Matchers::Contains("NUL"));
    CHECK_THROWS_WITH(fahras::parse_query(std::string("\"a") + '\0' + "\""),
                      Catch::Matchers::Contains("column 3"));
    CHECK_THROWS_AS(fahras::parse_query(std::string(1, '\0')), fahras::QueryError);
}

TEST_CASE("a query with no searchable words is an error, while * matches every article",
          "[query][syntax]") {
    const std::vector<std::string> nothing = {
        "؟", "في من", "\"\"", "«»", "\xd8\xff", "- + =", "NOT ؟", "(؟) OR ..", "في -من",
    };
    for (const MatchMode mode : {MatchMode::all, MatchMode::any, MatchMode::auto_}) {
        for (const std::string& q : nothing) {
            CAPTURE(q, static_cast<int>(mode));
            CHECK_THROWS_AS(fahras::QueryParser(mode).parse(q), fahras::QueryError);
            CHECK_THROWS_WITH(fahras::QueryParser(mode).parse(q),
                              Catch::Matchers::Contains("no searchable words"));
        }
    }
    // Words, filters, exclusions, quoted or exact stop words: something to search.
    for (const char* q : {"سوريا", "source:bbc", "-سوريا", "\"في\"", "=في", "في سوريا", "date:2015",
                          "*", "* -سوريا"}) {
        CAPTURE(q);
        CHECK_NOTHROW(fahras::parse_query(q, MatchMode::auto_));
    }
    // A blank query is a search by the options' filters alone (everything without them).
    CHECK(fahras::parse_query("  ").match_all);

    const auto all = search("*");
    REQUIRE(all.hits.size() == articles().size());
    CHECK(all.hits.front().id == "p7");  // newest first, as for filters alone
    CHECK(fahras::parse_query("*").match_all);
    CHECK(found("* source:bbc", MatchMode::auto_) == Ids{"p1", "p2", "p5", "p7"});
    CHECK(found("* -الاقتصاد") == Ids{"p6", "p7"});  // p1–p5 share the stem اقتصاد
    CHECK(found("سوريا *") == Ids{"p1", "p6"});
}

TEST_CASE("word* finds the words starting with it, through clitics", "[query][syntax]") {
    struct Row {
        const char* query;
        Ids expected;
    };
    const std::vector<Row> rows = {
        {"اقتصا*", {"p1", "p2", "p3", "p4", "p5"}},    // not اقتصر (p7)
        {"الاقتصا*", {"p1", "p2", "p3", "p4", "p5"}},  // the article goes, as in a stem
        {"إقتصا*", {"p1", "p2", "p3", "p4", "p5"}},    // folded: إ is ا
        {"اقتص*", {"p1", "p2", "p3", "p4", "p5", "p7"}},
        {"اقتصادي*", {"p2", "p3"}},  // اقتصادية، والاقتصادي
        {"title:اقتصا*", {"p4"}},
        {"اقتصا* -title:اقتصا*", {"p1", "p2", "p3", "p5"}},
        {"اقتصا* source:cnn", {"p3", "p4"}},
        {"سوري*", {"p1", "p6"}},  // السوري، سوريا: a suffix the stem lost
        {"اقتصاد*", {"p1", "p2", "p3", "p4", "p5"}},
        {"zzz*", {}},
    };
    for (const MatchMode mode : {MatchMode::all, MatchMode::auto_}) {
        for (const auto& row : rows) {
            CAPTURE(row.query, static_cast<int>(mode));
            CHECK(found(row.query, mode) == row.expected);
        }
    }
    // Snippets mark the words the prefix matched, clitics and all.
    const auto marked = [](const fahras::Hit& hit) {
        std::vector<std::string> out;
        for (const auto& part : hit.snippet) {
            if (part.highlighted) out.push_back(part.text);
        }
        return out;
    };
    for (const auto& hit : search("اقتصا* OR سوريا").hits) {
        CAPTURE(hit.id);
        if (hit.id == "p1") CHECK(marked(hit) == std::vector<std::string>{"الاقتصاد", "السوري"});
        if (hit.id == "p3") CHECK(marked(hit) == std::vector<std::string>{"والاقتصادي"});
        if (hit.id == "p5") CHECK(marked(hit) == std::vector<std::string>{"بالاقتصاد"});
    }
    CHECK(fahras::prefix_word_forms("الاقتصا").size() == 8);
    CHECK(fahras::prefix_word_forms("zq") == std::vector<std::string>{"zq"});
    CHECK(fahras::strip_article_prefix("الاقتصا") == "اقتصا");
    CHECK(fahras::strip_article_prefix("ال") == "ال");
    CHECK(fahras::strip_article_prefix("وزي") == "وزي");  // a lone و may be a root letter
    CHECK(fahras::stem_prefixes().size() == 7);
    // Misused: exact forms, filters, several words before the '*'.
    for (const char* q : {"=اقتصا*", "source:bb*", "2015م*", "title:*"}) {
        CAPTURE(q);
        CHECK_THROWS_AS(fahras::parse_query(q), fahras::QueryError);
    }
}

TEST_CASE("a prefix that expands past max_prefix_terms is a clear QueryError", "[query][syntax]") {
    const fahras::test::TempDir dir;
    const std::string path = (dir / "db").string();
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
        std::string body;
        for (Xapian::termcount i = 0; i <= fahras::max_prefix_terms; ++i) {
            body += "zq" + std::to_string(i) + " ";
        }
        fahras::Article a;
        a.id = "many";
        a.title = "t";
        a.body = body;
        db.replace_document(fahras::id_term(a.id),
                            fahras::make_document(a, fahras::default_analyzer()));
        db.commit();
    }
    fahras::Searcher searcher(path);
    const fahras::SearchOptions options;
    CHECK_THROWS_AS(searcher.search("zq* OR t", options), fahras::QueryError);
    CHECK_THROWS_WITH(
        searcher.search("zq* OR t", options),
        Catch::Matchers::Contains("zq*") && Catch::Matchers::Contains("more than 1000"));
    CHECK(searcher.search("zq99*", options).hits.size() == 1);  // zq99, zq990 … zq999
}

TEST_CASE("a NEAR b, a NEAR/n b: words at most n apart, in either order", "[query][syntax]") {
    struct Row {
        const char* query;
        Ids expected;
    };
    // p6: "بحثت سوريا أمس مع كبار مسؤولي روسيا": سوريا and روسيا are 5 positions apart.
    const std::vector<Row> rows = {
        {"سوريا NEAR روسيا", {"p6"}},
        {"سوريا NEAR/5 روسيا", {"p6"}},
        {"روسيا NEAR/5 سوريا", {"p6"}},
        {"سوريا NEAR/4 روسيا", {}},
        {"سوريا NEAR/2 امس NEAR/3 روسيا", {"p6"}},
        {"سوريا NEAR/1 أمس NEAR/3 روسيا", {}},
        {"بحثت NEAR/1 سوريا -روسيا", {}},
        {"(سوريا NEAR/5 روسيا) OR النفط", {"p4", "p6"}},
        {"title:لقاء NEAR/200 روسيا", {"p6"}},
        {"near", {}},  // lower case: a word
    };
    for (const auto& row : rows) {
        CAPTURE(row.query);
        CHECK(found(row.query) == row.expected);
    }
    struct Bad {
        const char* query;
        const char* message;
    };
    const std::vector<Bad> bad = {
        {"سوريا NEAR", "column 7"},
        {"NEAR سوريا", "column 1"},
        {"سوريا NEAR/0 روسيا", "NEAR/n needs a distance"},
        {"سوريا NEAR/x روسيا", "NEAR/n needs a distance"},
        {"سوريا NEAR/1001 روسيا", "NEAR/n needs a distance"},
        {"\"سوريا أمس\" NEAR روسيا", "single words"},
        {"سوريا NEAR =روسيا", "single words"},
        {"سوريا NEAR روس*", "single words"},
        {"سوريا NEAR source:bbc", "single words"},
        {"(سوريا) NEAR روسيا", "NEAR goes between two words"},
        {"سوريا NEAR (روسيا)", "NEAR goes between two words"},
        {"سوريا NEAR 2015م", "2 words"},
    };
    for (const auto& row : bad) {
        CAPTURE(row.query);
        CHECK_THROWS_AS(fahras::parse_query(row.query), fahras::QueryError);
        CHECK_THROWS_WITH(fahras::parse_query(row.query), Catch::Matchers::Contains(row.message));
    }
}

TEST_CASE("fahras-query: no searchable words exits 2, '*' lists everything", "[query][syntax]") {
    const auto run = [](const std::vector<std::string>& args, const std::string& input = {}) {
        std::istringstream in(input);
        std::ostringstream out, err;
        fahras::Console console{in, out, err, false, input.empty()};
        const int status = fahras::query_main(args, console);
        return std::tuple{status, err.str(), out.str()};
    };
    const std::string& db = syntax_db();
    for (const char* q : {"؟", "في من", "\"\"", ""}) {
        CAPTURE(q);
        const auto [status, err, out] = run({"--db", db, q});
        CHECK(status == fahras::query_error);
        CHECK(err.find("no searchable words") != std::string::npos);
    }
    CHECK(std::get<0>(run({"--db", db, "*"})) == fahras::query_hits);
    CHECK(std::get<0>(run({"--db", db, "--from", "2015-01-03", ""})) == fahras::query_hits);
    // From stdin: the line is an error, the others run; exit 2.
    const auto [status, err, out] = run({"--db", db}, "سوريا\nفي من\n" + std::string("a\0b\n", 4));
    CHECK(status == fahras::query_error);
    CHECK(err.find("stdin line 2: no searchable words") != std::string::npos);
    CHECK(err.find("stdin line 3: query syntax error at column 2: a NUL") != std::string::npos);
    // The help says so.
    const std::string help = std::get<2>(run({"--help"}));
    for (const char* text : {"word*", "NEAR/3", "'*'", "no searchable words", "65536"}) {
        CAPTURE(text);
        CHECK(help.find(text) != std::string::npos);
    }
}
