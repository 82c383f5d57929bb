// SPDX-License-Identifier: GPL-3.0-or-later
// Round trips of the schema's term spellings (terms.hpp): articles indexed by fahras-index's
// library are found by the query side's filters, which build their terms with the same
// functions, and each spelling is pinned.

#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "fahras/common/catalogue_entry.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/extract/agencies.hpp"
#include "fahras/extract/entities.hpp"
#include "fahras/query/date_filters.hpp"
#include "fahras/query/entity_filters.hpp"
#include "fahras/query/stories.hpp"
#include "index_support.hpp"
#include "test_support.hpp"

using namespace fahras;

TEST_CASE("each term set has one spelling", "[schema][terms]") {
    CHECK(date_value("2015-09-18") == "20150918");
    CHECK(date_value("2015-09") == "201509");
    CHECK(date_value("1436") == "1436");
    CHECK(date_term(schema::pub_month, "2015-09") == "M201509");
    CHECK(date_term(schema::mentioned_hijri_month, "1436-09") == "XHM143609");
    CHECK(story_key("id1") == "6055b3daf9f07df1");
    CHECK(story_term("6055b3daf9f07df1") == "XSTORY6055b3daf9f07df1");
    CHECK(shingle_term(0xabcU) == "XSH00000abc");
    CHECK(agency_term("AFP") == "XAGafp");
    CHECK(entity_id_term(schema::entity_person, "fahras:x") == "XPERfahras:x");
    CHECK(entity_id_term(schema::entity_person, "").empty());
    CHECK(entity_id_term(schema::entity_person, std::string(201, 'x')).empty());
    CHECK(entity_term(EntityKind::place, "geonames:1") == "XPLACEgeonames:1");
    CHECK(entity_term(EntityKind::organisation, "o") == "XORGo");
}

namespace {

/// A database of two wire versions of one story and an unrelated article, indexed by run_index.
struct Indexed {
    test::TempDir dir;
    Xapian::Database db;

    Indexed() {
        std::string story;
        for (int i = 0; i < 60; ++i) story += "كلمة" + std::to_string(i) + " نص الخبر الطويل ";
        std::ofstream out(dir / "in.jsonl");
        const auto line = [&](const char* id, const std::string& body, const char* date,
                              const char* source) {
            out << nlohmann::json{{"id", id},
                                  {"title", std::string("وزيرا الدفاع يتحادثان ") + id},
                                  {"body", body},
                                  {"date", date},
                                  {"source", source}}
                       .dump()
                << '\n';
        };
        line("a",
             "وقال وزير الدفاع الروسي سيرغي شويغو إن المرة الأخيرة كانت في آب/ أغسطس 2014. وذلك في "
             "10 ذي الحجة 1436هـ.\n" +
                 story + "\nفرانس24/ أ ف ب",
             "2015-09-18T10:00:00+03:00", "one");
        line("b", story + " إضافة", "2015-09-19", "two");
        line("c", "خبر آخر لا علاقة له بشيء في عام 2010.", "2016-01-02", "three");
        out.close();
        IndexOptions options;
        options.db = (dir / "db").string();
        options.inputs = {(dir / "in.jsonl").string()};
        options.quiet = true;
        const test::Run run = test::index(options);
        REQUIRE(run.summary.indexed == 3);
        db = Xapian::Database(options.db);
    }

    /// The ids of the articles `filter` matches, sorted.
    std::string ids(const Xapian::Query& filter) const {
        Xapian::Enquire enquire(db);
        enquire.set_query(filter);
        std::set<std::string> out;
        for (const Xapian::docid did : [&] {
                 std::vector<Xapian::docid> v;
                 const Xapian::MSet m = enquire.get_mset(0, 100);
                 for (auto it = m.begin(); it != m.end(); ++it) v.push_back(*it);
                 return v;
             }()) {
            out.insert(nlohmann::json::parse(db.get_document(did).get_data()).at("id"));
        }
        std::string joined;
        for (const std::string& id : out) joined += (joined.empty() ? "" : " ") + id;
        return joined;
    }
};

}  // namespace

TEST_CASE("indexed dates are found by the query side's date filters", "[schema][terms]") {
    const Indexed x;
    CHECK(x.ids(pub_date_filter("2015-09-18")) == "a");
    CHECK(x.ids(pub_date_filter("2015-09")) == "a b");
    CHECK(x.ids(year_filter("2015")) == "a b");
    CHECK(x.ids(year_filter("2016")) == "c");
    CHECK(x.ids(pub_date_range("2015-09-19", "2016")) == "b c");
    CHECK(x.ids(mentioned_filter("2014-08")) == "a");
    CHECK(x.ids(mentioned_filter("2014")) == "a");
    CHECK(x.ids(mentioned_range("2014-08-01", "2014-08-31")) == "a");
    CHECK(x.ids(hijri_filter("1436")) == "a");
    CHECK(x.ids(hijri_filter("1436-12")) == "a");
    CHECK(x.ids(hijri_filter("1436-11")).empty());
}

TEST_CASE("indexed stories and agencies are found by the query side", "[schema][terms]") {
    const Indexed x;
    CHECK(x.ids(same_story_query(x.db, "a")) == "a b");
    CHECK(x.ids(same_story_query(x.db, "c")) == "c");
    CHECK(x.ids(Xapian::Query(agency_filter_term("أ ف ب"))) == "a");
    CHECK(x.ids(Xapian::Query(agency_filter_term("AFP"))) == "a");
    CHECK(x.ids(Xapian::Query(story_term(story_key("a")))) == "a b");
}

TEST_CASE("the catalogue entry is encoded and decoded in one place", "[schema][catalogue]") {
    const CatalogueEntry entry{"person", "سيرغي شويغو", "Sergei Shoigu", {"Shoigu"}, {"شويغو"}};
    const std::string stored = encode_catalogue_entry(entry);
    CHECK(stored == R"({"aliases":["Shoigu"],"latin":"Sergei Shoigu","name":"سيرغي شويغو",)"
                    R"("type":"person","variants":["شويغو"]})");
    const auto back = decode_catalogue_entry(stored);
    REQUIRE(back);
    CHECK(back->type == "person");
    CHECK(back->name == entry.name);
    CHECK(back->latin == entry.latin);
    CHECK(back->aliases == entry.aliases);
    CHECK(back->variants == entry.variants);
    CHECK_FALSE(decode_catalogue_entry("[1]"));
    CHECK_FALSE(decode_catalogue_entry("{broken"));
    const auto odd = decode_catalogue_entry(R"({"name": 5, "variants": ["a", 1]})");
    REQUIRE(odd);
    CHECK(odd->name.empty());
    CHECK(odd->variants == std::vector<std::string>{"a"});
    CHECK(catalogue_key("fahras:x") == "fahras.entity.fahras:x");
    CHECK(catalogue_key(std::string(300, 'x')).empty());
}

TEST_CASE("the catalogue the indexer writes is what the query side reads", "[schema][catalogue]") {
    const Indexed x;
    const std::vector<CatalogueEntity> catalogue = load_entity_catalogue(x.db, {x.db});
    REQUIRE_FALSE(catalogue.empty());
    for (const CatalogueEntity& c : catalogue) {
        CAPTURE(c.entity.id);
        const std::string stored = x.db.get_metadata(catalogue_key(c.entity.id));
        const auto entry = decode_catalogue_entry(stored);
        REQUIRE(entry);
        CHECK(encode_catalogue_entry(*entry) == stored);
        CHECK(entry->type == to_string(c.entity.kind));
        CHECK(entry->name == c.entity.name);
        CHECK(entry->variants == c.variants);
        CHECK(x.ids(Xapian::Query(entity_term(c.entity.kind, c.entity.id))) == "a");
    }
}
