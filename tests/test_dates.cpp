// SPDX-License-Identifier: GPL-3.0-or-later
// The date extractor, Hijri conversion and publication-date parsing, table-driven.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fahras/extract/dates.hpp"

using namespace fahras;
using namespace fahras::dates;

namespace {

/// The values the extractor finds, joined with spaces; Hijri dates as value@hijri-form,
/// relative ones with a trailing `~`.
std::string found(std::string_view text, std::string_view pubdate = {}) {
    ExtractOptions options;
    if (!pubdate.empty()) options.pubdate = parse_date_string(pubdate);
    std::string out;
    for (const MentionedDate& d : extract_dates(text, options)) {
        if (!out.empty()) out += ' ';
        out += d.value();
        if (d.calendar == Calendar::hijri) out += "@" + d.hijri;
        if (d.kind == DateKind::relative) out += "~";
    }
    return out;
}

struct Row {
    const char* text;
    const char* pubdate;  ///< "" for none
    const char* expected;
};

// ≥ 100 positive phrases: the three Gregorian month systems, paired forms, numeric dates,
// Arabic-Indic digits, Hijri dates in both digit systems, relative expressions.
const Row positives[] = {
    // Levantine / Iraqi names.
    {"في آب/ أغسطس 2014", "", "2014-08"},
    {"في نيسان/أبريل 2014 احتجاجا", "", "2014-04"},
    {"منذ كانون الثاني 2011", "", "2011-01"},
    {"في كانون الأول 2016", "", "2016-12"},
    {"مطلع تشرين الأول 2015", "", "2015-10"},
    {"في تشرين الثاني 2013", "", "2013-11"},
    {"في 3 شباط 2012", "", "2012-02-03"},
    {"يوم 15 آذار 2011", "", "2011-03-15"},
    {"في أيار 2018", "", "2018-05"},
    {"في 5 حزيران 1967", "", "1967-06-05"},
    {"في 14 تموز 2015", "", "2015-07-14"},
    {"منذ أيلول 2015", "", "2015-09"},
    {"في تشرين اول 2014", "", "2014-10"},
    {"في 25 كانون ثاني 2011", "", "2011-01-25"},
    {"في ايار 2018", "", "2018-05"},
    {"في اذار 2011", "", "2011-03"},
    {"في 30 أيلول 2015", "", "2015-09-30"},
    {"وفي آب 2014 حين كان", "", "2014-08"},
    // Egyptian / Gulf transliterations and variants.
    {"18 سبتمبر 2015", "", "2015-09-18"},
    {"في 25 يناير 2011", "", "2011-01-25"},
    {"في فبراير 2018", "", "2018-02"},
    {"مارس 2018", "", "2018-03"},
    {"في إبريل 2017", "", "2017-04"},
    {"في أبريل 2017", "", "2017-04"},
    {"في ابريل 2017", "", "2017-04"},
    {"في 30 يونيو 2013", "", "2013-06-30"},
    {"في 30 يونيه 2013", "", "2013-06-30"},
    {"في يوليو 2018", "", "2018-07"},
    {"في 23 يوليه 1952", "", "1952-07-23"},
    {"في أغسطس 2014", "", "2014-08"},
    {"في اغسطس 2014", "", "2014-08"},
    {"في 6 أكتوبر 1973", "", "1973-10-06"},
    {"في اكتوبر 1973", "", "1973-10"},
    {"في نوفمبر 2016", "", "2016-11"},
    {"في 31 ديسمبر 2017", "", "2017-12-31"},
    {"في 11 مايو 2018", "", "2018-05-11"},
    {"بتاريخ 18 من سبتمبر 2015", "", "2015-09-18"},
    {"في 18 من شهر سبتمبر 2015", "", "2015-09-18"},
    {"خلال شهر أغسطس 2014", "", "2014-08"},
    {"في 29 فبراير 2016", "", "2016-02-29"},
    {"بأغسطس 2014", "", "2014-08"},
    {"وأكتوبر 2015", "", "2015-10"},
    // Maghrebi names.
    {"الأربعاء 18 جانفي 2017", "", "2017-01-18"},
    {"في فيفري 2016", "", "2016-02"},
    {"في 9 أفريل 2015", "", "2015-04-09"},
    {"في ماي 2014", "", "2014-05"},
    {"في 14 جانفي 2011", "", "2011-01-14"},
    {"في جوان 2016", "", "2016-06"},
    {"في 25 جويلية 2017", "", "2017-07-25"},
    {"في أوت 2013", "", "2013-08"},
    {"في 13 أوت 2016", "", "2016-08-13"},
    {"في شتنبر 2016", "", "2016-09"},
    {"في 7 أكتوبر 2016", "", "2016-10-07"},
    {"في نونبر 2015", "", "2015-11"},
    {"في دجنبر 2015", "", "2015-12"},
    {"في 20 غشت 2015", "", "2015-08-20"},
    {"في يوليوز 2011", "", "2011-07"},
    {"في 5 ديسمبر 2016 بقاعة الكوليزي", "", "2016-12-05"},
    // Paired forms.
    {"18 سبتمبر (أيلول) 2015", "", "2015-09-18"},
    {"في أيلول (سبتمبر) 2015", "", "2015-09"},
    {"في 9 نيسان/ أبريل 2003", "", "2003-04-09"},
    {"في شباط/فبراير 2011", "", "2011-02"},
    {"في تموز/يوليو 2014", "", "2014-07"},
    {"في كانون الثاني/يناير 2016", "", "2016-01"},
    {"في تشرين الأول/أكتوبر 2015", "", "2015-10"},
    {"في حزيران - يونيو 2014", "", "2014-06"},
    // Paired with a space only: one date, not a day in the publication year plus a month.
    {"12 تموز يوليو 2006", "2015-07-30", "2006-07-12"},
    {"في 3 أيلول سبتمبر 2015", "", "2015-09-03"},
    {"في آذار مارس 2011", "", "2011-03"},
    // Numeric dates, digit systems and the م suffix.
    {"بتاريخ 2015/9/18", "", "2015-09-18"},
    {"بتاريخ 18/09/2015", "", "2015-09-18"},
    {"بتاريخ 18-9-2015", "", "2015-09-18"},
    {"بتاريخ 2015-09-18", "", "2015-09-18"},
    {"بتاريخ 18.09.2015", "", "2015-09-18"},
    {"في ١٨ سبتمبر ٢٠١٥", "", "2015-09-18"},
    {"في ١٨/٩/٢٠١٥م", "", "2015-09-18"},
    {"في 18 سبتمبر 2015م", "", "2015-09-18"},
    {"في 18 سبتمبر 2015 م", "", "2015-09-18"},
    {"في أغسطس ٢٠١٤م", "", "2014-08"},
    {"في ۱۸ سبتمبر ۲۰۱۵", "", "2015-09-18"},
    // Years alone, only when unambiguous.
    {"منذ عام 2014", "", "2014"},
    {"في العام 2011", "", "2011"},
    {"في 2014.", "", "2014"},
    {"سنة 1948", "", "1948"},
    {"بحلول عام 2030", "", "2030"},
    {"منذ 2011،", "", "2011"},
    {"عام 2014م", "", "2014"},
    {"ولد عام ١٩٧٠", "", "1970"},
    // Hijri dates, both digit systems (Umm al-Qura).
    {"10 شوال 1436هـ", "", "2015-07-26@1436-10-10"},
    {"1 رمضان 1436 هـ", "", "2015-06-18@1436-09-01"},
    {"١ رمضان ١٤٣٦هـ", "", "2015-06-18@1436-09-01"},
    {"في 1 محرم 1437هـ", "", "2015-10-14@1437-01-01"},
    {"في 10 ذي الحجة 1436هـ", "", "2015-09-23@1436-12-10"},
    {"في ذو الحجة 1436", "", "2015-09@1436-12"},
    {"في شهر رمضان 1436هـ", "", "2015-06@1436-09"},
    {"في 5 ربيع الأول 1437هـ", "", "2015-12-16@1437-03-05"},
    {"في جمادى الآخرة 1436هـ", "", "2015-03@1436-06"},
    {"في جمادى الأولى 1436", "", "2015-02@1436-05"},
    {"الموافق ٢٤ شعبان ١٤٣٦هـ", "", "2015-06-11@1436-08-24"},
    {"في 15 رجب 1436هـ", "", "2015-05-04@1436-07-15"},
    {"العام 1436هـ", "", "2014@1436"},
    {"عام 1437 هجرية", "", "2015@1437"},
    {"بتاريخ 1436/10/5هـ", "", "2015-07-21@1436-10-05"},
    {"في 20 ذي القعدة 1436هـ", "", "2015-09-04@1436-11-20"},
    {"في صفر 1437هـ", "", "2015-11@1437-02"},
    // Relative expressions against a publication date (2015-09-18 was a Friday).
    {"أجريا مكالمة اليوم الجمعة", "2015-09-18", "2015-09-18~"},
    {"اليوم (الاثنين)", "2015-07-20", "2015-07-20~"},
    {"وقال كيري، أمس، إن", "2015-09-18", "2015-09-17~"},
    {"أول أمس", "2015-09-18", "2015-09-16~"},
    {"أول من أمس", "2015-09-18", "2015-09-16~"},
    {"أمس الأول", "2015-09-18", "2015-09-16~"},
    {"وصل غدا إلى", "2015-09-18", "2015-09-19~"},
    {"بعد غد", "2015-09-18", "2015-09-20~"},
    {"يوم الخميس الماضي", "2015-09-18", "2015-09-17~"},
    {"الجمعة الماضي", "2015-09-18", "2015-09-11~"},
    {"الاثنين المقبل", "2015-09-18", "2015-09-21~"},
    {"مساء الخميس", "2015-09-18", "2015-09-17~"},
    {"يوم الأحد", "2015-09-18", "2015-09-20~"},
    {"الأسبوع الماضي", "2015-09-18", "2015-09-11~"},
    {"الشهر الماضي", "2015-09-18", "2015-08~"},
    {"الشهر الجاري", "2015-01-10", "2015-01~"},
    {"الشهر المقبل", "2015-12-10", "2016-01~"},
    {"العام الماضي", "2015-09-18", "2014~"},
    {"السنة المقبلة", "2015-09-18", "2016~"},
    {"في 30 الشهر الجاري", "2015-09-18", "2015-09-30~"},
    {"في أواخر أيلول الجاري", "2015-09-18", "2015-09~"},
    {"في آب الماضي", "2015-09-18", "2015-08~"},
    {"يوم 14 جانفي الفارط", "2017-03-03", "2017-01-14~"},
    {"في أكتوبر الماضي", "2015-09-18", "2014-10~"},
    {"يوم 21 ديسمبر الحالي", "2016-12-10", "2016-12-21~"},
    {"ابتداء من 21 ديسمبر", "2016-12-10", "2016-12-21~"},
    {"في 28 ديسمبر", "2017-01-05", "2016-12-28~"},
    {"حتى اليوم", "2015-09-18", "2015-09-18~"},
    {"صباح اليوم الأربعاء المقبل", "2015-07-21", "2015-07-22~"},
    {"اليوم الجمعة المقبل", "2015-09-18", "2015-09-25~"},
    {"اليوم\u00A0الجمعة", "2015-09-18", "2015-09-18~"},  // NO-BREAK SPACE, as in the seed
    {"آب/ أغسطس\u00A02014", "", "2014-08"},
    {"في 27 رمضان", "2015-07-10", "2015-07-14@1436-09-27~"},
    // Several dates in one text.
    {"بين 3 شباط 2012 و5 آذار 2013", "", "2012-02-03 2013-03-05"},
    {"في آب/ أغسطس 2014 وفي نيسان/أبريل 2014", "", "2014-08 2014-04"},
};

// ≥ 20 texts that must yield no date.
const Row negatives[] = {
    {"استمر لنحو 50 دقيقة", "2015-09-18", ""},
    {"نحو 2400 روسي يقاتلون", "", ""},
    {"قتل 40 شخصا", "", ""},
    {"مارس الرئيس صلاحياته", "", ""},
    {"مارس 50 نشاطا", "", ""},
    {"درجة الحرارة 45 مئوية", "", ""},
    {"اشترى 2000 م من القماش", "", ""},
    {"سجل 1436 هدفا", "", ""},
    {"أصيب 12 شخصا في 2014 حادثا", "", ""},
    {"بلغت 2014 نقطة", "", ""},
    {"في اليوم التالي", "2015-09-18", ""},
    {"اليوم العالمي للمرأة", "2015-09-18", ""},
    {"قالت صحيفة اليوم السعودية", "2015-09-18", ""},
    {"عين اليوم – جدة", "2015-09-18", ""},
    {"أمس", "", ""},
    {"الشهر الماضي", "", ""},
    {"في شهر رمضان المبارك", "", ""},
    {"عدد صفر", "", ""},
    {"35 أبريل 2015", "", ""},
    {"31 نيسان 2015", "", ""},
    {"29 فبراير 2015", "", ""},
    {"بتاريخ 32/13/2015", "", ""},
    {"رقم 055-123-4567", "", ""},
    {"النتيجة 3-1", "", ""},
    {"أب وأم", "", ""},
    {"باب الحارة", "", ""},
    {"الجمعة", "2015-09-18", ""},
    {"صلاة الجمعة", "2015-09-18", ""},
    {"عام 1436 دون علامة", "", ""},
    {"مايو 5 أشخاص", "", ""},
    {"الساعة 10:30", "", ""},
};

}  // namespace

TEST_CASE("dates: extractor finds the dates of real-looking phrases", "[dates]") {
    for (const Row& row : positives) {
        INFO(row.text << " (published " << row.pubdate << ")");
        CHECK(found(row.text, row.pubdate) == row.expected);
    }
    STATIC_REQUIRE(std::size(positives) >= 100);
}

TEST_CASE("dates: extractor finds nothing in negatives", "[dates]") {
    for (const Row& row : negatives) {
        INFO(row.text);
        CHECK(found(row.text, row.pubdate).empty());
    }
    STATIC_REQUIRE(std::size(negatives) >= 20);
}

TEST_CASE("dates: spans are UTF-8 byte offsets of the raw text", "[dates]") {
    const std::string text = "كانت في آب/ أغسطس 2014 حين كان";
    const auto dates = extract_dates(text);
    REQUIRE(dates.size() == 1);
    CHECK(dates[0].text == "آب/ أغسطس 2014");
    CHECK(text.substr(dates[0].start, dates[0].end - dates[0].start) == dates[0].text);
    CHECK(dates[0].precision == Precision::month);
    CHECK(dates[0].kind == DateKind::absolute);

    const std::string hijri = "وذلك في ١٠ شوال ١٤٣٦هـ الماضي";
    const auto h = extract_dates(hijri);
    REQUIRE(h.size() == 1);
    CHECK(h[0].text == "١٠ شوال ١٤٣٦هـ");
    CHECK(h[0].calendar == Calendar::hijri);
    CHECK(h[0].hijri == "1436-10-10");
}

TEST_CASE("dates: Hijri <-> Gregorian known pairs (Umm al-Qura)", "[dates]") {
    // Pairs from public calendars where the Saudi announcement (start of Ramadan, Eid al-Fitr,
    // Eid al-Adha, Islamic new year) and the Umm al-Qura calendar agree. Sighting-based
    // announcements sometimes differ from Umm al-Qura by a day (1 Ramadan 1439: calendar
    // 16 May 2018, fasting began 17 May), so such dates are left out.
    struct Pair {
        CivilDate hijri;
        CivilDate gregorian;
    };
    const Pair pairs[] = {
        {{1436, 9, 1}, {2015, 6, 18}},    // 1 Ramadan 1436
        {{1436, 10, 1}, {2015, 7, 17}},   // Eid al-Fitr 1436
        {{1437, 1, 1}, {2015, 10, 14}},   // 1 Muharram 1437
        {{1435, 9, 1}, {2014, 6, 28}},    // 1 Ramadan 1435
        {{1437, 9, 1}, {2016, 6, 6}},     // 1 Ramadan 1437
        {{1438, 9, 1}, {2017, 5, 27}},    // 1 Ramadan 1438
        {{1438, 10, 1}, {2017, 6, 25}},   // Eid al-Fitr 1438
        {{1439, 10, 1}, {2018, 6, 15}},   // Eid al-Fitr 1439
        {{1439, 12, 10}, {2018, 8, 21}},  // Eid al-Adha 1439
        {{1440, 1, 1}, {2018, 9, 11}},    // 1 Muharram 1440
        {{1440, 9, 1}, {2019, 5, 6}},     // 1 Ramadan 1440
        {{1441, 1, 1}, {2019, 8, 31}},    // 1 Muharram 1441
    };
    for (const Pair& p : pairs) {
        INFO(p.hijri.year << "-" << p.hijri.month << "-" << p.hijri.day);
        const auto g = hijri_to_gregorian(p.hijri);
        REQUIRE(g.has_value());
        CHECK(*g == p.gregorian);
        const auto back = gregorian_to_hijri(p.gregorian);
        REQUIRE(back.has_value());
        CHECK(*back == p.hijri);
    }
    CHECK_FALSE(hijri_to_gregorian({1436, 13, 1}).has_value());
    CHECK_FALSE(hijri_to_gregorian({1436, 1, 31}).has_value());
    // The tabular calendar can be chosen instead.
    CHECK(hijri_to_gregorian({1436, 9, 1}, "islamic-civil").has_value());
}

TEST_CASE("dates: civil-date arithmetic", "[dates]") {
    CHECK(weekday({2015, 9, 18}) == 5);  // a Friday
    CHECK(weekday({1970, 1, 1}) == 4);
    CHECK(weekday({1969, 12, 28}) == 0);
    CHECK(add_days({2015, 12, 31}, 1) == CivilDate{2016, 1, 1});
    CHECK(add_days({2016, 3, 1}, -1) == CivilDate{2016, 2, 29});
    CHECK(civil_from_days(days_from_civil({2000, 2, 29})) == CivilDate{2000, 2, 29});
    CHECK(to_iso({2014, 8, 0}, Precision::month) == "2014-08");
}

TEST_CASE("dates: publication date strings", "[dates]") {
    struct DateRow {
        const char* text;
        const char* expected;  ///< "" when it must not parse
    };
    const DateRow rows[] = {
        {"2015-09-18", "2015-09-18"},
        {"2018-02-18T21:35:43+04:00", "2018-02-18"},
        {"2018-02-06T11:53:25Z", "2018-02-06"},
        {"2015-09-18 10:00:00", "2015-09-18"},
        {"20150918", "2015-09-18"},
        {"Tue, 06 Feb 2018 11:53:25 +0000", "2018-02-06"},
        {"6 Feb 2018 11:53 GMT", "2018-02-06"},
        {"Fri, 18 Sep 15 10:00:00 +0300", "2015-09-18"},
        {"18/09/2015", "2015-09-18"},
        {"18/9/2015 10:30", "2015-09-18"},
        {"18-09-2015", "2015-09-18"},
        {" 2015/09/18 ", "2015-09-18"},
        {"", ""},
        {"yesterday", ""},
        {"2015-13-01", ""},
        {"31/02/2015", ""},
        {"2015-09", ""},
        // Hijri dates with their suffix, as in text (Umm al-Qura); Arabic month names.
        {"10 شوال 1436 هـ", "2015-07-26"},
        {"1436/10/10هـ", "2015-07-26"},
        {"1436/10/10 هـ", "2015-07-26"},
        {"18 أيلول 2015", "2015-09-18"},
        {"12 تموز يوليو 2006", "2006-07-12"},
        // A numeric date with a Hijri year is Hijri without the suffix too, as in text.
        {"1436-10-10", "2015-07-26"},
        {"10/10/1436", "2015-07-26"},
        {"1436-10-10T10:00:00", "2015-07-26"},
        {"1436-13-01", ""},
        {"غدا", ""},
        {"أيلول 2015", ""},  // a month, not a day
    };
    for (const DateRow& r : rows) {
        INFO(r.text);
        const auto d = parse_date_string(r.text);
        CHECK((d ? to_iso(*d, Precision::day) : std::string()) == r.expected);
    }
}

TEST_CASE("dates: why a metadata date is not used", "[dates]") {
    CHECK(metadata_date_problem("").empty());
    CHECK(metadata_date_problem("2015-09-18").empty());
    CHECK(metadata_date_problem("10 شوال 1436 هـ").empty());
    CHECK(metadata_date_problem("غدا") ==
          "date 'غدا' is not a date (day, month and year); no publication date taken from it");
    CHECK(metadata_date_problem("1436-10-10").empty());
}

TEST_CASE("dates: publication date from path and dateline, with its source", "[dates]") {
    CHECK(to_iso(*date_from_path("archive/2015-09-18/story.txt"), Precision::day) == "2015-09-18");
    CHECK(to_iso(*date_from_path("a/20150918_1.txt"), Precision::day) == "2015-09-18");
    CHECK(to_iso(*date_from_path("news/2015/09/18/a.txt"), Precision::day) == "2015-09-18");
    CHECK_FALSE(date_from_path("seeds/000_d7d323a442f094ad.txt").has_value());
    CHECK_FALSE(date_from_path("ids/123456789.txt").has_value());

    const auto meta = resolve_pubdate("2018-02-18T21:35:43+04:00", "2015-09-18.txt", "");
    CHECK(meta.source == DateSource::metadata);
    CHECK(meta.date == CivilDate{2018, 2, 18});
    const auto path = resolve_pubdate("", "2015/09/18/x.txt", "");
    CHECK(path.source == DateSource::path);
    const auto line = resolve_pubdate(
        "garbage", "x.txt", "بيروت - الجمعة 18 أيلول 2015\n\nقال مسؤول إن الحرب بدأت في 2011.");
    CHECK(line.source == DateSource::dateline);
    CHECK(line.date == CivilDate{2015, 9, 18});
    CHECK(resolve_pubdate("", "x.txt", "نص بلا تاريخ").source == DateSource::none);
}

TEST_CASE("dates: user dates for filters", "[dates]") {
    CHECK(parse_user_date("2014")->second == Precision::year);
    CHECK(parse_user_date("2014-08")->first == CivilDate{2014, 8, 0});
    CHECK(parse_user_date("2014/08/18")->second == Precision::day);
    CHECK_FALSE(parse_user_date("2014-13").has_value());
    CHECK_FALSE(parse_user_date("14-08-2014").has_value());
    CHECK_FALSE(parse_user_date("soon").has_value());
}
