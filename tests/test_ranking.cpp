// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of ranking options, --match auto and `fahras-query --batch` (TREC and JSON Lines runs).
#include <map>
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
#include "fahras/query/batch.hpp"
#include "fahras/query/cli.hpp"
#include "fahras/query/ranking.hpp"
#include "fahras/query/search.hpp"
#include "test_articles_db.hpp"
#include "test_support.hpp"

namespace {

using fahras::MatchMode;
using fahras::RankingOptions;
using Ids = std::set<std::string>;

/// r1 and r2 share سوريا; only r1 has عاصمة; r3 has the question words and nothing else.
const std::string& ranking_db() {
    static const fahras::test::TempDir dir;
    static const std::string path = [] {
        const std::string p = (dir / "db").string();
        Xapian::WritableDatabase db(p, Xapian::DB_CREATE_OR_OPEN);
        const auto add = [&](const std::string& id, const std::string& title,
                             const std::string& body) {
            fahras::Article a;
            a.id = id;
            a.title = title;
            a.body = body;
            db.replace_document(fahras::id_term(id),
                                fahras::make_document(a, fahras::default_analyzer()));
        };
        add("r1", "دمشق", "دمشق هي عاصمة سوريا وأكبر مدنها.");
        add("r2", "حلب", "حلب مدينة في شمال سوريا.");
        add("r3", "سؤال", "ما هي الأشياء التي في هذا النص؟ من أين وكيف ومتى.");
        add("r4", "القاهرة", "القاهرة عاصمة مصر.");
        db.set_metadata(std::string(fahras::schema::meta_version),
                        std::to_string(fahras::schema::version));
        db.commit();
        return p;
    }();
    return path;
}

Ids found(const std::string& query, MatchMode mode, const RankingOptions& ranking) {
    fahras::Searcher searcher(ranking_db());
    fahras::SearchOptions options;
    options.match = mode;
    options.ranking = ranking;
    Ids out;
    for (const auto& hit : searcher.search(query, options).hits) out.insert(hit.id);
    return out;
}

struct CliRun {
    int status = -1;
    std::string out;
    std::string err;
};

CliRun run_cli(std::vector<std::string> args, const std::string& input) {
    std::istringstream in(input);
    std::ostringstream out;
    std::ostringstream err;
    fahras::Console console{in, out, err, false, false};
    CliRun run;
    run.status = fahras::query_main(args, console);
    run.out = out.str();
    run.err = err.str();
    return run;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace

TEST_CASE("ranking specs parse over the defaults", "[ranking]") {
    const RankingOptions defaults;
    CHECK(fahras::parse_ranking_spec("") == defaults);
    CHECK(fahras::SearchOptions{}.match == MatchMode::auto_);  // the measured default
    const RankingOptions r = fahras::parse_ranking_spec(
        "k1=1.5,b=0.3,and_max=2,stop=1,exact=0.5,"
        "folded=0.25,title=2,prox=1,window=4");
    CHECK(r.k1 == 1.5);
    CHECK(r.b == 0.3);
    CHECK(r.and_max_words == 2);
    CHECK(r.stop_words);
    CHECK(r.exact_boost == 0.5);
    CHECK(r.folded_boost == 0.25);
    CHECK(r.title_boost == 2);
    CHECK(r.proximity_boost == 1);
    CHECK(r.proximity_window == 4);
    CHECK_FALSE(fahras::parse_ranking_spec("stop=0", r).stop_words);
    CHECK(fahras::parse_ranking_spec("stop=0", r).k1 == 1.5);  // the rest stays

    for (const char* bad : {"k1", "k1=x", "k1=-1", "nope=1", "b=0.5x"}) {
        INFO(bad);
        CHECK_THROWS_AS(fahras::parse_ranking_spec(bad), fahras::UsageError);
    }
}

TEST_CASE("stop words are question and function words in any spelling", "[ranking]") {
    struct Row {
        const char* word;
        bool stop;
    };
    const std::vector<Row> rows{
        {"متى", true},    {"متي", true},  {"في", true},   {"فى", true},
        {"على", true},    {"إلى", true},  {"الى", true},  {"أين", true},
        {"التي", true},   {"ما", true},   {"كيف", true},  {"سوريا", false},
        {"عاصمة", false}, {"مصر", false}, {"كان", false}, {"2017", false},
    };
    for (const Row& row : rows) {
        INFO(row.word);
        CHECK(fahras::is_stop_word(fahras::Analyzer::fold_word(row.word)) == row.stop);
    }
}

TEST_CASE("match auto ANDs short queries and ORs long ones without stop words", "[ranking]") {
    RankingOptions r;
    r.and_max_words = 2;
    r.stop_words = true;
    struct Row {
        const char* query;
        Ids want;
    };
    const std::vector<Row> rows{
        {"عاصمة سوريا", {"r1"}},                           // two words: AND
        {"ما هي عاصمة سوريا", {"r1"}},                     // stop words left out, AND of two
        {"ما هي عاصمة سوريا الكبرى", {"r1", "r2", "r4"}},  // three content words: OR
        {"\"عاصمة سوريا\" في", {"r1"}},                    // a phrase is kept, في left out
        {"عاصمة -سوريا", {"r4"}},                          // exclusion keeps its meaning
        {"+سوريا حلب القاهرة عاصمة", {"r1", "r2"}},        // + is required
    };
    for (const Row& row : rows) {
        INFO(row.query);
        CHECK(found(row.query, MatchMode::auto_, r) == row.want);
    }
    // Only stop words: nothing to search (they are in nearly every article).
    CHECK_THROWS_WITH(found("ما هي", MatchMode::auto_, r),
                      Catch::Matchers::Contains("no searchable words"));
    // without stop-word removal the question words must match too under AND
    r.and_max_words = 10;
    r.stop_words = false;
    CHECK(found("هي عاصمة سوريا", MatchMode::auto_, r) == Ids{"r1"});
    CHECK(found("ما هي عاصمة سوريا", MatchMode::auto_, r).empty());
    // --match all is untouched by the ranking options
    r.stop_words = true;
    CHECK(found("من عاصمة سوريا", MatchMode::all, r).empty());
}

TEST_CASE("boosts rank but never match on their own", "[ranking]") {
    RankingOptions r;
    r.exact_boost = 1;
    r.folded_boost = 1;
    r.title_boost = 1;
    r.proximity_boost = 1;
    r.and_max_words = 0;
    CHECK(found("عاصمة سوريا", MatchMode::auto_, r) == Ids{"r1", "r2", "r4"});
    fahras::Searcher searcher(ranking_db());
    fahras::SearchOptions options;
    options.match = MatchMode::auto_;
    options.ranking = r;
    const auto result = searcher.search("عاصمة سوريا", options);
    REQUIRE_FALSE(result.hits.empty());
    CHECK(result.hits.front().id == "r1");  // both words, adjacent
}

TEST_CASE("experiment keys of --ranking parse, and every scheme ranks", "[ranking]") {
    const RankingOptions r = fahras::parse_ranking_spec(
        "scheme=pl2,delta=0.5,c=2,coord=1.5,depth=50,prf=3,prf_terms=5,prf_weight=0.2,fwords=1");
    CHECK(r.scheme == RankingOptions::Scheme::pl2);
    CHECK(r.delta == 0.5);
    CHECK(r.dfr_c == 2);
    CHECK(r.coord == 1.5);
    CHECK(r.rerank_depth == 50);
    CHECK(r.prf_docs == 3);
    CHECK(r.prf_terms == 5);
    CHECK(r.prf_weight == 0.2);
    CHECK(r.function_words);
    CHECK(fahras::make_weight(RankingOptions{})->name() == "Xapian::BM25Weight");
    CHECK(fahras::make_weight(r)->name() == "Xapian::PL2Weight");
    for (const char* bad : {"scheme=nope", "scheme=", "coord=x"}) {
        INFO(bad);
        CHECK_THROWS_AS(fahras::parse_ranking_spec(bad), fahras::UsageError);
    }
    for (const char* scheme : {"bm25", "bm25plus", "pl2", "pl2plus", "dlh", "dph", "inl2", "ifb2",
                               "ineb2", "bb2", "lm"}) {
        INFO(scheme);
        const RankingOptions s = fahras::parse_ranking_spec(std::string("scheme=") + scheme);
        fahras::Searcher searcher(ranking_db());
        fahras::SearchOptions options;
        options.ranking = s;
        const auto result = searcher.search("دمشق عاصمة سوريا", options);
        REQUIRE_FALSE(result.hits.empty());
        CHECK(result.hits.front().id == "r1");  // the only article with all three words
    }
}

TEST_CASE("questions are told from keyword and title queries", "[ranking]") {
    struct Row {
        const char* query;
        bool question;
    };
    const Row rows[] = {
        {"ما هي عاصمة سوريا", true},
        {"- متى تأسست جامعة دمشق", true},  // the "- " of pasted questions
        {"اين تقع مدينة حلب", true},       // أين without hamza
        {"وماذا قال وزير الدفاع", true},   // with a conjunction
        {"من هو رئيس روسيا", true},
        {"عاصمة سوريا ؟", true},  // U+061F ARABIC QUESTION MARK
        {"Who is Shoigu?", true},
        {"وزير الدفاع الروسي يتحادث مع نظيره الأميركي", false},  // a news title
        {"عاصمة سوريا", false},
        {"2015 ما حدث", false},  // a number first
        {"", false},
        {"مأرب", false},  // begins like ما but is a word
    };
    for (const Row& row : rows) {
        INFO(row.query);
        CHECK(fahras::is_question(row.query) == row.question);
    }
    const RankingOptions r = fahras::parse_ranking_spec("qscheme=dlh");
    REQUIRE(r.question_scheme.has_value());
    CHECK(*r.question_scheme == RankingOptions::Scheme::dlh);
    CHECK_FALSE(fahras::parse_ranking_spec("qscheme=dlh,qscheme=same").question_scheme.has_value());
    CHECK_THROWS_AS(fahras::parse_ranking_spec("qscheme=nope"), fahras::UsageError);
}

TEST_CASE("function words leave the ranked words only when asked", "[ranking]") {
    RankingOptions r;
    CHECK(found("وكيف حلب", MatchMode::auto_, r) == Ids{"r2", "r3"});  // r3 has وكيف
    r.function_words = true;
    CHECK(found("وكيف حلب", MatchMode::auto_, r) == Ids{"r2"});
}

TEST_CASE("coordination puts documents with more of the words first", "[ranking]") {
    // c1 repeats the rare word; c2 has both words once in a longer text.
    static const fahras::test::TempDir dir;
    const std::string path = (dir / "db").string();
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
        const auto add = [&](const std::string& id, const std::string& body) {
            fahras::Article a;
            a.id = id;
            a.title = id;
            a.body = body;
            db.replace_document(fahras::id_term(id),
                                fahras::make_document(a, fahras::default_analyzer()));
        };
        add("c1", "زلزال زلزال زلزال زلزال");
        add("c2", "وقع زلزال قوي قرب جزيرة بعيدة في المحيط أمس وشعر به السكان");
        for (int i = 0; i < 6; ++i) add("f" + std::to_string(i), "جزيرة في البحر");
        db.set_metadata(std::string(fahras::schema::meta_version),
                        std::to_string(fahras::schema::version));
        db.commit();
    }
    fahras::Searcher searcher(path);
    fahras::SearchOptions options;
    const auto first = [&](double coord) {
        options.ranking.coord = coord;
        const auto result = searcher.search("زلزال جزيرة", options);
        REQUIRE(result.hits.size() == 8);
        return result.hits.front().id;
    };
    CHECK(first(0) == "c1");  // BM25 alone: the repeated rare word wins
    CHECK(first(2) == "c2");  // both words
    options.offset = 1;       // paging sees the same reordered list
    options.ranking.coord = 2;
    const auto page = searcher.search("زلزال جزيرة", options);
    REQUIRE_FALSE(page.hits.empty());
    CHECK(page.hits.front().id == "c1");
    CHECK(page.hits.front().rank == 2);
}

TEST_CASE("feedback terms reorder but never add matches", "[ranking]") {
    RankingOptions r;
    const Ids plain = found("عاصمة", MatchMode::auto_, r);
    r.prf_docs = 2;
    r.prf_weight = 1;
    CHECK(found("عاصمة", MatchMode::auto_, r) == plain);
    fahras::Searcher searcher(ranking_db());
    fahras::SearchOptions options;
    options.ranking = r;
    const auto result = searcher.search("عاصمة", options);
    REQUIRE(result.hits.size() == 2);
    for (const auto& hit : result.hits) CHECK(hit.score > 0);

    // The feedback query holds stems of the top hits (r1, r4), not the query's own.
    Xapian::Database db(ranking_db());
    Xapian::Enquire enquire(db);
    const std::string capital =
        std::string(fahras::schema::stem) + fahras::Analyzer::stem_word("عاصمة");
    enquire.set_query(Xapian::Query(capital));
    const Xapian::Query extra = fahras::feedback_query(enquire, enquire.get_mset(0, 2), r);
    std::set<std::string> terms(extra.get_unique_terms_begin(), extra.get_unique_terms_end());
    CHECK_FALSE(terms.empty());
    CHECK(terms.count(capital) == 0);
    for (const auto& t : terms) {
        INFO(t);
        CHECK(t.rfind(std::string(fahras::schema::stem), 0) == 0);
        CHECK(t.rfind(std::string(fahras::schema::title_stem), 0) != 0);
    }
    CHECK(terms.count(std::string(fahras::schema::stem) + fahras::Analyzer::stem_word("مصر")) == 1);
}

TEST_CASE("batch input lines give qids and queries", "[batch]") {
    std::istringstream in("q1\tدمشق\r\n\nسوريا\n  \t\nq9\t  \nq3\t\"عاصمة\n");
    const auto queries = fahras::read_batch(in);
    REQUIRE(queries.size() == 3);
    CHECK(queries[0].qid == "q1");
    CHECK(queries[0].text == "دمشق");
    CHECK(queries[1].qid == "3");  // the line number
    CHECK(queries[1].text == "سوريا");
    CHECK(queries[2].qid == "q3");
    CHECK(queries[2].line == 6);
    CHECK(fahras::plain_words("\"عاصمة (سوريا) title:x «a»") ==
          std::string(" عاصمة  سوريا  title x ") + "  a  ");
}

TEST_CASE("latency statistics use nearest ranks", "[batch]") {
    const auto s = fahras::latency_stats({5, 1, 4, 2, 3, 6, 7, 8, 9, 10});
    CHECK(s.n == 10);
    CHECK(s.p50 == 5);
    CHECK(s.p95 == 10);
    CHECK(s.mean == Approx(5.5));
    CHECK(fahras::latency_stats({}).n == 0);
    CHECK(fahras::latency_stats({2.5}).p95 == 2.5);
}

TEST_CASE("batch: trec format writes a TREC run", "[batch][cli]") {
    const auto run = run_cli({"--db", ranking_db(), "--batch", "--format", "trec", "--limit", "5"},
                             "q1\tعاصمة\nحلب\nq3\t\"سوريا\nq4\tلاشيءهنا\n");
    CHECK(run.status == fahras::query_hits);
    const auto lines = lines_of(run.out);
    REQUIRE(lines.size() == 5);  // 2 for q1, 1 for line 2, 2 for the retried q3, 0 for q4
    std::set<std::string> q1;
    for (const auto& line : lines) {
        std::istringstream f(line);
        std::string qid, q0, docid, rank, score, tag;
        f >> qid >> q0 >> docid >> rank >> score >> tag;
        CHECK(q0 == "Q0");
        CHECK(tag == "fahras");
        CHECK(std::stod(score) > 0);
        if (qid == "q1") q1.insert(docid);
    }
    CHECK(q1 == Ids{"r1", "r4"});
    CHECK(lines[2].rfind("2 Q0 r2 1 ", 0) == 0);
    CHECK(run.err.empty());
}

TEST_CASE("batch: json format writes JSON Lines with the qid", "[batch][cli]") {
    const auto run = run_cli({"--db", ranking_db(), "--batch", "--format", "json", "--latency"},
                             "a\tحلب\nb\tعاصمة\n");
    CHECK(run.status == fahras::query_hits);
    const auto lines = lines_of(run.out);
    REQUIRE(lines.size() == 2);
    const auto first = nlohmann::json::parse(lines[0]);
    CHECK(first["qid"] == "a");
    CHECK(first["query"] == "حلب");
    REQUIRE(first["hits"].size() == 1);
    CHECK(first["hits"][0]["id"] == "r2");
    CHECK(first["hits"][0]["snippet"].get<std::string>().find("<b>") != std::string::npos);
    CHECK(nlohmann::json::parse(lines[1])["hits"].size() == 2);
    CHECK(run.err.rfind("LATENCY_MS n=2 p50=", 0) == 0);
    CHECK(run.err.find("\nLATENCY_CPU_MS n=2 p50=") != std::string::npos);
}

TEST_CASE("batch: trec format and batch mode reject what they cannot do", "[batch][cli]") {
    CHECK(run_cli({"--db", ranking_db(), "--format", "trec", "حلب"}, "").status ==
          fahras::query_error);
    CHECK(run_cli({"--db", ranking_db(), "--batch", "--format", "tsv"}, "حلب\n").status ==
          fahras::query_error);
    CHECK(run_cli({"--db", ranking_db(), "--batch", "--format", "trec"}, "لاشيءهنا\n").status ==
          fahras::query_no_hits);
    CHECK(run_cli({"--db", ranking_db(), "--ranking", "k1=?", "حلب"}, "").status ==
          fahras::query_error);
}

TEST_CASE("a search that shows no count runs no counting match, same hits", "[batch][counts]") {
    // 300 articles, a third with عاصمة and سوريا, a third with each alone: a two-word OR
    // query has 300 matches, far more than a page of 5, and fewer than count_exact_max.
    const fahras::test::TempDir dir;
    const std::string path = (dir / "db").string();
    std::vector<fahras::Article> articles(300);
    for (std::size_t i = 0; i < articles.size(); ++i) {
        articles[i].id = "c" + std::to_string(i);
        articles[i].title = "خبر";
        articles[i].body = i % 3 == 0   ? "زار الوزير عاصمة سوريا أمس."
                           : i % 3 == 1 ? "أخبار سوريا اليوم."
                                        : "زار الوزير عاصمة أخرى.";
    }
    fahras::test::write_articles_db(path, articles);
    fahras::Searcher searcher(path);
    fahras::SearchOptions options;
    options.limit = 5;
    options.snippets = options.hit_details = false;
    const auto counted = searcher.search("عاصمة سوريا", options);
    CHECK(counted.total_exact);
    CHECK(counted.total_estimate == 300);
    options.count_total = false;
    const auto lazy = searcher.search("عاصمة سوريا", options);
    REQUIRE(lazy.hits.size() == counted.hits.size());
    for (std::size_t i = 0; i < lazy.hits.size(); ++i) {
        CHECK(lazy.hits[i].id == counted.hits[i].id);
        CHECK(lazy.hits[i].score == counted.hits[i].score);
    }
    // The ranked match stopped at the page: its bounds, not the count.
    CHECK_FALSE(lazy.total_exact);
    CHECK(lazy.total_lower >= lazy.hits.size());
    CHECK(lazy.total_lower <= 300);
    CHECK(lazy.total_upper >= 300);
    // With facets: the same hits, and the same totals, from the same counting match.
    options.count_total = true;
    options.facets = true;
    const auto faceted = searcher.search("عاصمة سوريا", options);
    CHECK(faceted.total_exact);
    CHECK(faceted.total_estimate == 300);
    CHECK(faceted.facets_counted == 300);
    REQUIRE(faceted.hits.size() == counted.hits.size());
    for (std::size_t i = 0; i < faceted.hits.size(); ++i) {
        CHECK(faceted.hits[i].id == counted.hits[i].id);
    }
    options.count_exact_max = 50;  // past the bound: an estimate, the same with facets
    options.facet_max_docs = 100;  // and the facets counted on a sample
    const auto estimated = searcher.search("عاصمة سوريا", options);
    options.facets = false;
    const auto plain = searcher.search("عاصمة سوريا", options);
    CHECK_FALSE(plain.total_exact);
    CHECK(estimated.total_estimate == plain.total_estimate);
    CHECK(estimated.total_lower == plain.total_lower);
    CHECK(estimated.total_upper == plain.total_upper);
    options.count_exact_max = 10000;
    options.facet_max_docs = 2000;
    options.count_total = false;
    // Whether anything matches is still known with --limit 0 (the exit status of a batch).
    options.limit = 0;
    CHECK(searcher.search("عاصمة سوريا", options).total_lower > 0);
    CHECK(searcher.search("لاشيءهنا", options).total_upper == 0);
}

TEST_CASE("batch: a trec run with --limit 0 still tells matches from none", "[batch][cli]") {
    CHECK(run_cli({"--db", ranking_db(), "--batch", "--format", "trec", "--limit", "0"}, "حلب\n")
              .status == fahras::query_hits);
    CHECK(
        run_cli({"--db", ranking_db(), "--batch", "--format", "trec", "--limit", "0"}, "لاشيءهنا\n")
            .status == fahras::query_no_hits);
}

TEST_CASE("a hit that shows only its id reads it from its value slot, else from the data",
          "[batch][schema]") {
    const fahras::test::TempDir dir;
    const std::string path = (dir / "db").string();
    std::vector<fahras::Article> articles(3);
    for (std::size_t i = 0; i < articles.size(); ++i) {
        articles[i].id = "a" + std::to_string(i);
        articles[i].title = "خبر";
        articles[i].body = "أخبار سوريا اليوم.";
    }
    fahras::test::write_articles_db(path, articles);
    std::map<std::string, Xapian::docid> docid_of;
    {
        // The indexer writes the id into slot_id, the same string as the stored data's.
        Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
        for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
            const Xapian::Document doc = db.get_document(did);
            const std::string id = doc.get_value(fahras::schema::slot_id);
            CHECK(doc.get_data().find("\"" + id + "\"") != std::string::npos);
            docid_of[id] = did;
        }
        REQUIRE(docid_of.size() == 3);
        // a1's slot now disagrees with its data, a2 has none (a database from before the slot).
        Xapian::Document a1 = db.get_document(docid_of["a1"]);
        a1.add_value(fahras::schema::slot_id, "from-slot");
        db.replace_document(docid_of["a1"], a1);
        Xapian::Document a2 = db.get_document(docid_of["a2"]);
        a2.remove_value(fahras::schema::slot_id);
        db.replace_document(docid_of["a2"], a2);
        db.commit();
    }
    fahras::Searcher searcher(path);
    fahras::SearchOptions options;
    options.snippets = options.hit_details = false;
    std::set<std::string> ids;
    for (const auto& hit : searcher.search("سوريا", options).hits) ids.insert(hit.id);
    CHECK(ids == std::set<std::string>{"a0", "from-slot", "a2"});
    // A hit with its details reads everything, the id included, from the data.
    options.hit_details = true;
    ids.clear();
    for (const auto& hit : searcher.search("سوريا", options).hits) ids.insert(hit.id);
    CHECK(ids == std::set<std::string>{"a0", "a1", "a2"});
}
