// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the document builder (terms, positions, values, data) and of an indexing run.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "fahras/common/errors.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/indexer/document.hpp"
#include "fahras/indexer/indexer.hpp"
#include "test_support.hpp"

using namespace fahras;

namespace {

Article sample_article() {
    Article a;
    a.id = "seed-1";
    a.title = "وزيرا الدفاع يتحادثان";
    a.body = "أعلنت وزارةُ الدفاع أن مسؤولاً رفيعاً تحدث.";
    a.date = "2015-09-18T10:00:00Z";
    a.source = "Al Akhbar";
    a.category = "MiddleEast";
    a.url = "https://example.org/a";
    a.path = "seeds/a.txt";
    return a;
}

std::set<std::string> terms_of(const Xapian::Document& doc) {
    std::set<std::string> out;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) out.insert(*it);
    return out;
}

std::vector<Xapian::termpos> positions_of(const Xapian::Document& doc, const std::string& term) {
    auto it = doc.termlist_begin();
    it.skip_to(term);
    REQUIRE(it != doc.termlist_end());
    REQUIRE(*it == term);
    return {it.positionlist_begin(), it.positionlist_end()};
}

}  // namespace

TEST_CASE("make_document writes every term set of the schema", "[document]") {
    const Xapian::Document doc = make_document(sample_article(), default_analyzer());
    const auto terms = terms_of(doc);

    struct Row {
        const char* term;
        const char* why;
    };
    const Row present[] = {
        {"وزيرا", "folded title word"},
        {"الدفاع", "folded word"},
        {"وزاره", "folded body word: teh marbuta folded, damma dropped"},
        {"مسءولا", "hamza seat folded, tanwin dropped"},
        {"Zوزير", "stem of وزيرا"},
        {"Zمسءول", "stem of مسؤولاً"},
        {"XEمسؤولا", "exact form keeps the hamza seat, drops the tanwin"},
        {"XEوزارة", "exact form keeps teh marbuta"},
        {"XVوزاره", "folded word present only in another spelling"},
        {"Sوزيرا", "title word"},
        {"ZSوزير", "title stem"},
        {"Qseed-1", "id term"},
        {"XSRCal akhbar", "source term, case-folded"},
        {"XCATmiddleeast", "category term, case-folded"},
    };
    for (const Row& r : present) {
        INFO(r.term << " — " << r.why);
        CHECK(terms.count(r.term) == 1);
    }
    const char* absent[] = {"وزارة",   "Sمسءولا", "XEوزارةُ", "مسؤولا",
                            "XEوزيرا",  // exact form equal to the folded form: no XE
                            "XVالدفاع"};
    for (const char* t : absent) {
        INFO(t);
        CHECK(terms.count(t) == 0);
    }
}

TEST_CASE("title and body positions are separated by the gap", "[document]") {
    const Xapian::Document doc = make_document(sample_article(), default_analyzer());
    CHECK(positions_of(doc, "وزيرا") == std::vector<Xapian::termpos>{1});
    CHECK(positions_of(doc, "يتحادثان") == std::vector<Xapian::termpos>{3});
    // The body starts at (last title position + 1) + gap = 4 + gap; "الدفاع" is title word 2
    // and body word 3.
    const auto pos = positions_of(doc, "الدفاع");
    REQUIRE(pos.size() == 2);
    CHECK(pos[0] == 2);
    CHECK(pos[1] == 4 + schema::title_body_gap + 2);
}

TEST_CASE("title words weigh more in the stem terms", "[document]") {
    Article a;
    a.id = "x";
    a.title = "حلب";
    a.body = "حلب";
    const Xapian::Document doc = make_document(a, default_analyzer());
    auto it = doc.termlist_begin();
    it.skip_to("Zحلب");
    REQUIRE(*it == "Zحلب");
    CHECK(it.get_wdf() == schema::title_wdf_boost + 1);
}

TEST_CASE("values and document data", "[document]") {
    const Article a = sample_article();
    const Xapian::Document doc = make_document(a, default_analyzer());
    CHECK(doc.get_value(schema::slot_date) == "20150918");
    CHECK(doc.get_value(schema::slot_source) == "Al Akhbar");
    CHECK(doc.get_value(schema::slot_category) == "MiddleEast");
    const auto data = nlohmann::json::parse(doc.get_data());
    CHECK(data.at("id") == a.id);
    CHECK(data.at("title") == a.title);
    CHECK(data.at("body") == a.body);
    CHECK(data.at("url") == a.url);
    CHECK(data.at("path") == a.path);
    CHECK_FALSE(data.contains("line"));

    Article dmy = a;
    dmy.date = "18/09/2015";  // DD/MM/YYYY is a publication date too
    CHECK(make_document(dmy, default_analyzer()).get_value(schema::slot_date) == "20150918");
    Article undated = a;
    undated.date = "soon";
    undated.path = "x.txt";
    undated.body = "نص";
    CHECK(make_document(undated, default_analyzer()).get_value(schema::slot_date).empty());
}

TEST_CASE("long ids and filter values fit Xapian's term limit", "[document]") {
    const std::string long_id(600, 'a');
    const std::string t = id_term(long_id);
    CHECK(t.size() <= 240);
    CHECK(t != id_term(long_id + "b"));
    CHECK(id_term("abc") == "Qabc");
    CHECK(filter_value("  Sky   News\t") == "sky news");
    // collapse_spaces() keeps case and letters: only ASCII whitespace runs change.
    CHECK(collapse_spaces("\n  Sky \t\r\n News\f\v ") == "Sky News");
    CHECK(collapse_spaces("حلب\u00A0 سوريا") == "حلب\u00A0 سوريا");  // U+00A0 NO-BREAK SPACE kept
    CHECK(collapse_spaces(" \t\n").empty());
    CHECK(source_term("") == "");
    CHECK(source_term("BBC") == "XSRCbbc");
}

TEST_CASE("an indexing run counts, replaces and reports", "[document][indexer]") {
    test::TempDir dir;
    const auto corpus = dir / "corpus";
    std::filesystem::create_directories(corpus / "sub");
    std::ofstream(corpus / "a.txt") << "عنوان أول\n\nنص المقال الأول عن حلب.\n";
    std::ofstream(corpus / "sub" / "b.jsonl")
        << R"({"id": "b1", "title": "ثاني", "body": "نص ثان"})"
        << "\n"
        << R"({"id": "b2", "title": )"
        << "\n"
        << R"({"id": "b3", "title": "ثالث", "body": "نص ثالث"})"
        << "\n";
    std::ofstream(corpus / "notes.pdf") << "%PDF";
    std::ofstream(corpus / ".hidden.txt") << "مخفي\n\nلا يفهرس";

    IndexOptions options;
    options.db = (dir / "db").string();
    options.inputs = {corpus.string()};
    std::ostringstream log, err;

    IndexSummary first = run_index(options, log, err);
    CHECK(first.indexed == 3);
    CHECK(first.replaced == 0);
    CHECK(first.skipped == 1);
    CHECK(first.failed == 1);
    CHECK(first.exit_status() == 1);
    CHECK(err.str().find("b.jsonl:2: error:") != std::string::npos);
    CHECK(log.str().find("3 indexed, 0 replaced, 1 skipped, 1 failed") != std::string::npos);

    std::ostringstream log2, err2;
    IndexSummary second = run_index(options, log2, err2);
    // Incremental: nothing changed, nothing is rewritten (tests/test_incremental.cpp).
    CHECK(second.indexed == 0);
    CHECK(second.replaced == 0);
    CHECK(second.unchanged == 3);

    Xapian::Database db(options.db);
    CHECK(db.get_doccount() == 3);
    CHECK(db.term_exists("Qcorpus/a.txt"));
    CHECK(db.term_exists("Qb1"));
    CHECK_FALSE(db.term_exists("Qb2"));
    CHECK(db.get_metadata(std::string(schema::meta_version)) == std::to_string(schema::version));
}

TEST_CASE("fatal indexing errors are typed", "[document][indexer]") {
    test::TempDir dir;
    IndexOptions options;
    options.db = (dir / "db").string();
    options.inputs = {(dir / "missing").string()};
    std::ostringstream log, err;
    CHECK_THROWS_AS(run_index(options, log, err), UsageError);

    // A database path that is a regular file cannot be opened.
    std::ofstream(dir / "file") << "x";
    std::ofstream(dir / "in.txt") << "عنوان\n\nنص";
    options.db = (dir / "file").string();
    options.inputs = {(dir / "in.txt").string()};
    CHECK_THROWS_AS(run_index(options, log, err), DatabaseError);
}
