// SPDX-License-Identifier: GPL-3.0-or-later
// The stored document data round trip: what the indexer writes (make_document) the query side
// reads back (Searcher::article, fill_fields), key for key, through stored_fields.hpp.
#include <catch2/catch.hpp>

#include <xapian.h>

#include "fahras/common/analyzer.hpp"
#include "fahras/extract/entity_extractor.hpp"
#include "fahras/indexer/document.hpp"
#include "fahras/query/search.hpp"
#include "test_support.hpp"

using namespace fahras;

TEST_CASE("every stored field written by the indexer is read back by the query side",
          "[schema][document]") {
    Article a;
    a.id = "roundtrip-1";
    a.title = "وزير الدفاع الروسي سيرغي شويغو يزور دمشق في 12 تموز 2006";
    a.body =
        "قال الرئيس الروسي فلاديمير بوتين في موسكو يوم 5 رمضان 1438 هـ إن المحادثات "
        "مستمرة. وأضاف بوتين أن روسيا ستواصل دعمها.";
    a.date = "2017-05-31";
    a.source = "alarabia";
    a.url = "https://example.org/a/1";
    a.author = "مراسل";
    a.category = "سياسة";
    a.path = "news/2017.jsonl";
    a.line = 42;

    const auto extractor = make_entity_extractor(ExtractorSetup{});
    DocumentOptions options;
    options.extractor = extractor.get();
    const AnalysedDocument analysed = analyse_document(a, default_analyzer(), options);
    REQUIRE_FALSE(analysed.entities.empty());

    const test::TempDir dir;
    const std::string db = (dir / "db").string();
    {
        Xapian::WritableDatabase w(db, Xapian::DB_CREATE_OR_OPEN);
        w.add_document(analysed.doc);
        w.commit();
    }
    Searcher searcher(db);
    const std::optional<ArticleView> view = searcher.article(a.id);
    REQUIRE(view);
    const Hit& hit = view->hit;
    CHECK(hit.id == a.id);
    CHECK(hit.title == a.title);
    CHECK(view->body == a.body);
    CHECK(hit.date == "2017-05-31");
    CHECK(hit.date_source == "metadata");
    CHECK(hit.source == a.source);
    CHECK(hit.url == a.url);
    CHECK(hit.author == a.author);
    CHECK(hit.category == a.category);
    CHECK(hit.path == a.path);
    CHECK(hit.line == 42);

    // Entities: the same list, in the same order, every member.
    REQUIRE(hit.entities.size() == analysed.entities.size());
    bool some_latin = false;
    for (std::size_t i = 0; i < hit.entities.size(); ++i) {
        const DocumentEntity& e = analysed.entities[i];
        CHECK(hit.entities[i].id == e.id);
        CHECK(hit.entities[i].type == std::string(to_string(e.kind)));
        CHECK(hit.entities[i].name == e.name);
        CHECK(hit.entities[i].latin == e.latin);
        CHECK(hit.entities[i].count == e.count);
        some_latin = some_latin || !e.latin.empty();
    }
    CHECK(some_latin);

    // Mentioned dates: a Gregorian one in the title, a Hijri one in the body, with offsets
    // that cut the words they came from out of their field.
    bool title_date = false;
    bool hijri_date = false;
    for (const HitDate& d : hit.mentioned_dates) {
        const std::string& field = d.field == "title" ? a.title : a.body;
        REQUIRE((d.field == "title" || d.field == "body"));
        REQUIRE(d.end <= field.size());
        CHECK(field.substr(d.start, d.end - d.start) == d.text);
        CHECK_FALSE(d.value.empty());
        CHECK_FALSE(d.precision.empty());
        CHECK((d.kind == "absolute" || d.kind == "relative"));
        if (d.field == "title" && d.value == "2006-07-12") title_date = true;
        if (d.calendar == "hijri") {
            hijri_date = true;
            CHECK_FALSE(d.hijri.empty());
        }
    }
    CHECK(title_date);
    CHECK(hijri_date);
}
