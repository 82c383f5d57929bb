// SPDX-License-Identifier: GPL-3.0-or-later
// DocumentBuilder: the two stages that make an indexing run's document.
#include <set>
#include <string>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/extract/agencies.hpp"
#include "fahras/indexer/document_builder.hpp"
#include "fahras/indexer/stories.hpp"
#include "test_support.hpp"

using namespace fahras;

namespace {

Article wire_article() {
    Article a;
    a.id = "wire-1";
    a.title = "وزيرا الدفاع يتحادثان";
    a.body =
        "القاهرة (رويترز) - أعلنت وزارة الدفاع أن مسؤولا رفيعا تحدث مع نظيره عن التعاون "
        "العسكري بين البلدين في المنطقة خلال الأسبوع الماضي.";
    a.date = "2015-09-18";
    a.source = "Al Akhbar";
    a.path = "wire/a.jsonl";
    a.line = 7;
    return a;
}

std::set<std::string> terms_of(const Xapian::Document& doc) {
    std::set<std::string> out;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) out.insert(*it);
    return out;
}

std::set<std::string> with_prefix(const Xapian::Document& doc, std::string_view prefix) {
    std::set<std::string> out;
    for (const std::string& t : terms_of(doc)) {
        if (t.rfind(prefix, 0) == 0) out.insert(t);
    }
    return out;
}

}  // namespace

TEST_CASE(
    "document builder: analyse adds the agencies and the fingerprint to the article's "
    "document",
    "[document][builder]") {
    const NewsOptions news;
    const DocumentBuilder builder(default_analyzer(), {}, nullptr, news);
    const Article a = wire_article();
    const AnalysedArticle analysed = builder.analyse(a);
    CHECK(analysed.news.agencies == std::vector<std::string>{"Reuters"});
    CHECK(with_prefix(analysed.doc, schema::agency) ==
          std::set<std::string>{agency_term("Reuters")});
    CHECK_FALSE(analysed.fingerprint.samples.empty());
    // Nothing the run decides is there yet.
    CHECK(with_prefix(analysed.doc, schema::source_file).empty());
    CHECK(with_prefix(analysed.doc, schema::story).empty());
    CHECK(analysed.doc.get_value(schema::slot_article_hash).empty());
    // The rest is analyse_document()'s.
    const AnalysedDocument plain = analyse_document(a, default_analyzer());
    std::set<std::string> expected = terms_of(plain.doc);
    expected.insert(agency_term("Reuters"));
    CHECK(terms_of(analysed.doc) == expected);
    CHECK(analysed.doc.get_data() == plain.doc.get_data());
}

TEST_CASE("document builder: finish adds the file, hash, line and story", "[document][builder]") {
    NewsOptions news;
    const StoredAs stored{"00112233aabbccdd", "feedfacecafebeef", 7,
                          StoryAssignment{"0123456789abcdef", "wire-0", "20150917"}};
    SECTION("stories enabled: the shingle terms too") {
        const DocumentBuilder builder(default_analyzer(), {}, nullptr, news);
        AnalysedArticle analysed = builder.analyse(wire_article());
        const std::size_t samples = analysed.fingerprint.samples.size();
        const FinishedDocument done = builder.finish(std::move(analysed), stored);
        const Xapian::Document& doc = done.doc;
        CHECK(with_prefix(doc, schema::source_file) ==
              std::set<std::string>{std::string(schema::source_file) + "00112233aabbccdd"});
        CHECK(doc.get_value(schema::slot_article_hash) == "feedfacecafebeef");
        CHECK(doc.get_value(schema::slot_article_line) == "7");
        CHECK(with_prefix(doc, schema::story) ==
              std::set<std::string>{story_term("0123456789abcdef")});
        CHECK(doc.get_value(schema::slot_story) == "0123456789abcdef");
        CHECK(doc.get_value(schema::slot_story_root) == "wire-0");
        CHECK(doc.get_value(schema::slot_story_date) == "20150917");
        CHECK(doc.get_value(schema::slot_shingle_count) == std::to_string(samples));
        REQUIRE(samples > 0);
        CHECK(done.shingles.size() == samples);
        const std::set<std::string> shingles(done.shingles.begin(), done.shingles.end());
        CHECK(with_prefix(doc, schema::shingle) == shingles);
    }
    SECTION("stories disabled, no line, no story date") {
        news.stories.enabled = false;
        const DocumentBuilder builder(default_analyzer(), {}, nullptr, news);
        StoredAs whole = stored;
        whole.line = 0;
        whole.story.date.clear();
        const FinishedDocument done = builder.finish(builder.analyse(wire_article()), whole);
        CHECK(done.shingles.empty());
        CHECK(with_prefix(done.doc, schema::shingle).empty());
        CHECK(done.doc.get_value(schema::slot_article_line).empty());
        CHECK(done.doc.get_value(schema::slot_story_date).empty());
        CHECK(done.doc.get_value(schema::slot_story) == "0123456789abcdef");
    }
}

TEST_CASE("document builder: restamp_line moves only the line", "[document][builder]") {
    Xapian::Document doc;
    doc.set_data(R"({"id":"a","line":3})");
    doc.add_value(schema::slot_article_line, "3");
    doc.add_boolean_term("Qa");
    CHECK_FALSE(restamp_line(doc, 3));
    CHECK(restamp_line(doc, 9));
    CHECK(nlohmann::json::parse(doc.get_data()).at("line") == 9);
    CHECK(doc.get_value(schema::slot_article_line) == "9");
    CHECK(terms_of(doc) == std::set<std::string>{"Qa"});
    CHECK(restamp_line(doc, 0));
    CHECK(doc.get_value(schema::slot_article_line).empty());
    CHECK_FALSE(restamp_line(doc, 0));
}

TEST_CASE("document builder: a copy of a stored article joins its story through place()",
          "[document][builder][stories]") {
    test::TempDir dir;
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE_OR_OPEN);
    const NewsOptions news;
    StoryClusterer stories(db, news.stories);
    const DocumentBuilder builder(default_analyzer(), {}, nullptr, news);
    const auto store = [&](Article a, const std::string& id, const std::string& source) {
        a.id = id;
        a.source = source;
        a.body +=
            " وقال المتحدث باسم الوزارة في مؤتمر صحفي عقده مساء اليوم إن المحادثات تناولت "
            "سبل تعزيز التعاون في مجالات التدريب وتبادل الخبرات ومكافحة الإرهاب وأمن "
            "الحدود المشتركة وأكد الجانبان أهمية مواصلة التنسيق بين المؤسستين العسكريتين "
            "في البلدين الشقيقين خلال المرحلة المقبلة";
        AnalysedArticle analysed = builder.analyse(a);
        const StoryAssignment story = stories.place(analysed.doc, a.id, analysed.fingerprint);
        FinishedDocument done = builder.finish(std::move(analysed), {"k", "h", 0, story});
        db.replace_document(id_term(a.id), done.doc);
        return story;
    };
    const StoryAssignment first = store(wire_article(), "root", "outlet A");
    CHECK(first.key == story_key("root"));
    CHECK(first.root == "root");
    CHECK(first.date == "20150918");
    const StoryAssignment copy = store(wire_article(), "copy", "outlet B");
    CHECK(copy.key == first.key);
    CHECK(copy.root == "root");
    CHECK(stories.stats().joined == 1);
    CHECK(db.get_termfreq(story_term(first.key)) == 2);
}
