// SPDX-License-Identifier: GPL-3.0-or-later
// Date terms, slots and document data written by make_document().
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>

#include "fahras/common/schema.hpp"
#include "fahras/indexer/document.hpp"

using namespace fahras;

namespace {

std::set<std::string> terms_with(const Xapian::Document& doc, const std::string& prefix) {
    std::set<std::string> out;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        const std::string t = *it;
        if (t.starts_with(prefix) && t.size() > prefix.size() &&
            std::isdigit(static_cast<unsigned char>(t[prefix.size()])) != 0) {
            out.insert(t);
        }
    }
    return out;
}

Article seed() {
    Article a;
    a.id = "seed-1";
    a.title = "وزيرا الدفاع يتحادثان";
    a.body =
        "جددا الاتصالات اليوم الجمعة لبحث النزاع. استمر لنحو 50 دقيقة. "
        "والمرة الأخيرة كانت في آب/ أغسطس 2014 حين كان هاغل. وانقطعت في نيسان/أبريل 2014. "
        "وذلك في 10 ذي الحجة 1436هـ.";
    a.date = "2015-09-18T10:00:00+03:00";
    a.path = "seeds/a.txt";
    return a;
}

}  // namespace

TEST_CASE("document dates: publication terms and slots", "[document][dates]") {
    const Xapian::Document doc = make_document(seed(), default_analyzer());
    CHECK(doc.get_value(schema::slot_date) == "20150918");
    CHECK(terms_with(doc, "Y") == std::set<std::string>{"Y2015"});
    CHECK(terms_with(doc, "M") == std::set<std::string>{"M201509"});
    CHECK(terms_with(doc, "D") == std::set<std::string>{"D20150918"});
}

TEST_CASE("document dates: mentioned terms, facet slots and data", "[document][dates]") {
    const Xapian::Document doc = make_document(seed(), default_analyzer());
    // اليوم الجمعة → 2015-09-18; آب/ أغسطس 2014; نيسان/أبريل 2014; 10 ذي الحجة 1436 → 2015-09-23.
    CHECK(terms_with(doc, "XMY") == std::set<std::string>{"XMY2014", "XMY2015"});
    CHECK(terms_with(doc, "XMM") == std::set<std::string>{"XMM201408", "XMM201404", "XMM201509"});
    CHECK(terms_with(doc, "XMD") == std::set<std::string>{"XMD20150918", "XMD20150923"});
    CHECK(terms_with(doc, "XHM") == std::set<std::string>{"XHM143612"});
    CHECK(terms_with(doc, "XHY") == std::set<std::string>{"XHY1436"});

    // Distinct months, most mentioned first (2015-09 twice), then in order of appearance.
    const Xapian::valueno first = schema::slot_mentioned_month_first;
    CHECK(doc.get_value(first) == "2015-09");
    CHECK(doc.get_value(first + 1) == "2014-08");
    CHECK(doc.get_value(first + 2) == "2014-04");
    CHECK(doc.get_value(first + 3).empty());

    const auto data = nlohmann::json::parse(doc.get_data());
    CHECK(data.at("date") == "2015-09-18");
    CHECK(data.at("date_raw") == "2015-09-18T10:00:00+03:00");
    CHECK(data.at("date_source") == "metadata");
    const auto& mentioned = data.at("mentioned_dates");
    REQUIRE(mentioned.size() == 4);
    CHECK(mentioned[0].at("value") == "2015-09-18");
    CHECK(mentioned[0].at("text") == "اليوم الجمعة");
    CHECK(mentioned[0].at("kind") == "relative");
    CHECK(mentioned[1].at("value") == "2014-08");
    CHECK(mentioned[1].at("text") == "آب/ أغسطس 2014");
    const std::string body = seed().body;
    const auto start = mentioned[1].at("start").get<std::size_t>();
    const auto end = mentioned[1].at("end").get<std::size_t>();
    CHECK(body.substr(start, end - start) == "آب/ أغسطس 2014");
    CHECK(mentioned[3].at("calendar") == "hijri");
    CHECK(mentioned[3].at("hijri") == "1436-12-10");
}

TEST_CASE("document dates: sources of the publication date", "[document][dates]") {
    Article a = seed();
    a.date = "";
    a.path = "archive/2015-09-18/a.txt";
    auto data = nlohmann::json::parse(make_document(a, default_analyzer()).get_data());
    CHECK(data.at("date_source") == "path");
    CHECK(data.at("date") == "2015-09-18");

    a.path = "a.txt";
    a.body = "دمشق - 18 أيلول 2015\nقال مسؤول أمس إن";
    data = nlohmann::json::parse(make_document(a, default_analyzer()).get_data());
    CHECK(data.at("date_source") == "dateline");
    CHECK(data.at("date") == "2015-09-18");

    a.body = "نص بلا تاريخ";
    const Xapian::Document doc = make_document(a, default_analyzer());
    data = nlohmann::json::parse(doc.get_data());
    CHECK(data.at("date_source") == "");
    CHECK(doc.get_value(schema::slot_date).empty());
    CHECK(terms_with(doc, "Y").empty());
}

TEST_CASE("document dates: the date field is an ISO date or empty, the input kept raw",
          "[document][dates]") {
    Article a = seed();
    a.path = "a.txt";
    a.body = "نص بلا تاريخ";
    // Unparsable, or not a day: no date, the raw string kept.
    for (const char* raw : {"غدا", "2015", "أيلول 2015"}) {
        CAPTURE(raw);
        a.date = raw;
        const Xapian::Document doc = make_document(a, default_analyzer());
        const auto data = nlohmann::json::parse(doc.get_data());
        CHECK(data.at("date") == "");
        CHECK(data.at("date_raw") == raw);
        CHECK(data.at("date_source") == "");
        CHECK(doc.get_value(schema::slot_date).empty());
    }
    // Hijri metadata dates, converted with the Umm al-Qura calendar (10 Shawwal 1436 =
    // 26 July 2015, as in text).
    for (const char* raw :
         {"10 شوال 1436 هـ", "1436/10/10هـ", "الأحد 10 شوال 1436هـ", "1436-10-10"}) {
        CAPTURE(raw);
        a.date = raw;
        const Xapian::Document doc = make_document(a, default_analyzer());
        const auto data = nlohmann::json::parse(doc.get_data());
        CHECK(data.at("date") == "2015-07-26");
        CHECK(data.at("date_source") == "metadata");
        CHECK(doc.get_value(schema::slot_date) == "20150726");
    }
}

TEST_CASE("document dates: the diagnostic switch skips mentioned dates only", "[document][dates]") {
    DocumentOptions options;
    options.extract_dates = false;
    const Xapian::Document doc = make_document(seed(), default_analyzer(), options);
    CHECK(doc.get_value(schema::slot_date) == "20150918");
    CHECK(terms_with(doc, "XMM").empty());
    CHECK(nlohmann::json::parse(doc.get_data()).at("mentioned_dates").empty());
}
