// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of news-aware indexing: cleaning rules, agency credits, fingerprints and
// story clustering.
#include <catch2/catch.hpp>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "fahras/common/fingerprint.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/extract/agencies.hpp"
#include "fahras/indexer/boilerplate.hpp"
#include "fahras/indexer/indexer.hpp"
#include "fahras/indexer/readers.hpp"
#include "fahras/indexer/stories.hpp"
#include "test_support.hpp"

using namespace fahras;

namespace {

std::filesystem::path source_dir() {
    return FAHRAS_SOURCE_DIR;
}

Article read_seed(const std::string& name) {
    Article out;
    const auto path = source_dir() / "sample_corpus" / "seeds" / name;
    ReaderSink sink;
    sink.article = [&](Article&& a) { out = std::move(a); };
    sink.error = [](const InputError&) {};
    read_articles(path, name, ReaderOptions{}, sink);
    return out;
}

const char* const seed_afp = "000_d7d323a442f094ad.txt";
const char* const seed_akhbar = "003_30707adeda7cd947.txt";

std::vector<DropReason> reasons_of(const NewsText& t) {
    std::vector<DropReason> out;
    for (const DroppedLine& d : t.dropped) out.push_back(d.reason);
    return out;
}

}  // namespace

TEST_CASE("agency aliases resolve to one canonical code", "[news][agencies]") {
    struct Row {
        const char* alias;
        const char* code;  // nullptr: not an agency
    };
    const Row rows[] = {
        {"أ ف ب", "AFP"},
        {"أ.ف.ب", "AFP"},
        {"ا ف ب", "AFP"},
        {"فرانس برس", "AFP"},
        {"وكالة فرانس برس", "AFP"},
        {"afp", "AFP"},
        {"رويترز", "Reuters"},
        {"REUTERS", "Reuters"},
        {"أ ب", "AP"},
        {"أسوشيتد برس", "AP"},
        {"د ب أ", "dpa"},
        {"د.ب.أ", "dpa"},
        {"الأناضول", "Anadolu"},
        {"واس", "SPA"},
        {"سانا", "SANA"},
        {"وام", "WAM"},
        {"كونا", "KUNA"},
        {"بترا", "Petra"},
        {"شينخوا", "Xinhua"},
        {"الأخبار", nullptr},
        {"سوريا", nullptr},
        {"", nullptr},
    };
    for (const Row& r : rows) {
        INFO(r.alias);
        const Agency* a = find_agency(r.alias);
        if (r.code == nullptr) {
            CHECK(a == nullptr);
        } else {
            REQUIRE(a != nullptr);
            CHECK(a->code == r.code);
        }
    }
    CHECK(agency_term("AFP") == "XAGafp");
    CHECK(agency_term(find_agency("رويترز")->code) == "XAGreuters");
}

TEST_CASE("parse_credit recognises agency and outlet credits", "[news][credits]") {
    struct Row {
        const char* text;
        bool credit;
        std::vector<std::string> agencies;
        const char* outlet;
    };
    const std::vector<Row> rows = {
        {"الأخبار، رويترز", true, {"Reuters"}, "الأخبار"},
        {"أ ف ب", true, {"AFP"}, ""},
        {"فرانس24/ أ ف ب", true, {"AFP"}, "فرانس24"},
        {"رويترز، أ ف ب", true, {"Reuters", "AFP"}, ""},
        {"رويترز وأ ف ب", false, {}, ""},  // "و" inside an item is not split (one unknown item)
        {"المصدر: وكالات", true, {}, ""},
        {"صورة أرشيفية، رويترز", true, {"Reuters"}, ""},
        {"الرئيس السوري بشار", false, {}, ""},
        {"في ضوء", false, {}, ""},
        {"الأخبار، الحياة", false, {}, ""},
        {"صورة، غزة", false, {}, ""},
    };
    for (const Row& r : rows) {
        INFO(r.text);
        std::vector<std::string> agencies;
        std::string outlet;
        REQUIRE(parse_credit(r.text, agencies, outlet) == r.credit);
        if (!r.credit) continue;
        CHECK(agencies == r.agencies);
        CHECK(outlet == r.outlet);
    }
}

TEST_CASE("clean_news line rules", "[news][boilerplate]") {
    struct Row {
        const char* title;
        const char* body;
        const char* kept;  // the indexed body
        std::vector<DropReason> dropped;
        std::vector<std::string> agencies;
    };
    using R = DropReason;
    const std::vector<Row> rows = {
        {"عنوان الخبر",
         "عنوان الخبر\nنص الخبر الأول.\nاقرأ أيضا: موسكو: نحو 2400 روسي يقاتلون",
         "نص الخبر الأول.",
         {R::repeated_title, R::related_link},
         {}},
        {"",
         "نص.\nاقرأ أيضاً:\nعنوان مقال آخر\nنص ثان.",
         "نص.\nنص ثان.",
         {R::related_link, R::related_link},
         {}},
        {"", "يفرون من القصف قرب حلب، أمس (أ ف ب)\nنص الخبر.", "نص الخبر.", {R::caption}, {"AFP"}},
        {"", "نص الخبر.\n(الأخبار، رويترز)", "نص الخبر.", {R::credit}, {"Reuters"}},
        {"", "نص الخبر.\nفرانس24/ أ ف ب", "نص الخبر.", {R::credit}, {"AFP"}},
        {"", "نص الخبر.\n\nالتعليقات", "نص الخبر.\n", {R::share_trailer}, {}},
        {"", "نص الخبر.\nشارك على فيسبوك | طباعة", "نص الخبر.", {R::share_trailer}, {}},
        {"",
         "دمشق (سانا) - أعلنت الوزارة أن الاجتماع عقد في دمشق اليوم.",
         "دمشق (سانا) - أعلنت الوزارة أن الاجتماع عقد في دمشق اليوم.",
         {},
         {"SANA"}},
        // A sentence ending in a parenthesis that is not a credit stays.
        {"", "وقال إن الأسد (الرئيس السوري)", "وقال إن الأسد (الرئيس السوري)", {}, {}},
        // A comment word in the middle of the text stays; only trailers go.
        {"", "التعليقات كثيرة على القرار.\nنص.", "التعليقات كثيرة على القرار.\nنص.", {}, {}},
    };
    for (const Row& r : rows) {
        INFO(r.body);
        Article a;
        a.title = r.title;
        a.body = r.body;
        const NewsText t = clean_news(a, nullptr, CleaningOptions{});
        CHECK(t.body == r.kept);
        CHECK(reasons_of(t) == r.dropped);
        CHECK(t.agencies == r.agencies);

        CleaningOptions keep;
        keep.keep_boilerplate = true;
        const NewsText k = clean_news(a, nullptr, keep);
        CHECK(k.body == r.body);
        CHECK(k.dropped.empty());
        CHECK(k.agencies == r.agencies);  // credits are recognised all the same
    }
}

TEST_CASE("clean_news on the seeds", "[news][boilerplate][seeds]") {
    const Article afp = read_seed(seed_afp);
    REQUIRE(!afp.body.empty());
    const NewsText t = clean_news(afp, nullptr, CleaningOptions{});
    const auto reasons = reasons_of(t);
    const auto count = [&](DropReason r) { return std::count(reasons.begin(), reasons.end(), r); };
    CHECK(count(DropReason::repeated_title) == 1);
    CHECK(count(DropReason::caption) == 1);
    CHECK(count(DropReason::related_link) == 2);
    CHECK(count(DropReason::share_trailer) == 1);
    CHECK(t.body.find("اقرأ أيضا") == std::string::npos);
    CHECK(t.body.find("التعليقات") == std::string::npos);
    CHECK(t.body.find("باسم البنتاغون بيتر كوك") != std::string::npos);
    CHECK(t.agencies == std::vector<std::string>{"AFP"});
    // Never silently lossy: every dropped line is reported, and text only shrinks by them.
    CHECK(t.body.size() + t.dropped_bytes() <= afp.body.size());

    const Article akhbar = read_seed(seed_akhbar);
    const NewsText u = clean_news(akhbar, nullptr, CleaningOptions{});
    CHECK(reasons_of(u) == std::vector<DropReason>{DropReason::credit});
    CHECK(u.agencies == std::vector<std::string>{"Reuters"});
    CHECK(u.outlet_credit == "الأخبار");
}

TEST_CASE("BoilerplateTable learns lines repeated across a source", "[news][boilerplate]") {
    BoilerplateTable table;
    const std::string footer = "يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل التطبيق.";
    for (int i = 0; i < 6; ++i) {
        Article a;
        a.source = "bbc";
        a.url = "u" + std::to_string(i);
        a.body = "خبر رقم " + std::to_string(i) + ".\n" + footer;
        table.observe(a);
        // The same URL again (one article filed under two categories) counts once.
        table.observe(a);
    }
    Article other;
    other.source = "cnn";
    other.url = "c";
    other.body = footer;
    table.observe(other);
    CHECK(table.learn(5) == 1);
    CHECK(table.is_boilerplate("bbc", line_key(footer)));
    CHECK_FALSE(table.is_boilerplate("cnn", line_key(footer)));
    CHECK_FALSE(table.is_boilerplate("bbc", line_key("خبر رقم 1.")));

    BoilerplateTable copy;
    copy.merge(table.serialize());
    copy.merge("garbage\nbbc\tnothex\n");
    CHECK(copy.size() == 1);
    CHECK(copy.is_boilerplate("bbc", line_key(footer)));

    Article next;
    next.source = "bbc";
    next.body = "خبر جديد.\n" + footer;
    const NewsText t = clean_news(next, &copy, CleaningOptions{});
    CHECK(t.body == "خبر جديد.");
    CHECK(reasons_of(t) == std::vector<DropReason>{DropReason::learned});
}

TEST_CASE("appended teaser blocks are dropped, shared paragraphs of one story are not",
          "[news][boilerplate][teaser]") {
    // Eight "cnn" articles of consecutive days: each ends with the leads of the four articles
    // before it (a sliding window, so no two teaser lines are carried by the same articles).
    const auto lead = [](int i) { return "خبر اليوم رقم " + std::to_string(i) + " عن الاقتصاد."; };
    std::vector<Article> cnn;
    for (int i = 0; i < 8; ++i) {
        Article a;
        a.source = "cnn";
        a.url = "cnn/" + std::to_string(i);
        a.body = lead(i) + "\nتفاصيل الخبر " + std::to_string(i) + " في فقرة ثانية.";
        for (int j = i - 4; j < i; ++j) a.body += "\n" + lead(j);
        cnn.push_back(a);
    }
    // Two "sky" articles, an update of one story: four trailing paragraphs in common, all
    // carried by the same two articles.
    std::vector<Article> sky;
    for (int i = 0; i < 2; ++i) {
        Article a;
        a.source = "sky";
        a.url = "sky/" + std::to_string(i);
        a.body = "مقدمة مختلفة " + std::to_string(i) + ".";
        for (int j = 0; j < 4; ++j) a.body += "\nفقرة خلفية مشتركة رقم " + std::to_string(j) + ".";
        sky.push_back(a);
    }
    BoilerplateTable table;
    for (const Article& a : cnn) table.observe(a);
    for (const Article& a : sky) table.observe(a);
    (void)table.learn(15);

    const NewsText t = clean_news(cnn[6], &table, CleaningOptions{});
    CHECK(t.body == lead(6) + "\nتفاصيل الخبر 6 في فقرة ثانية.");
    CHECK(reasons_of(t) == std::vector<DropReason>(4, DropReason::teaser));
    // A block of three is too short to tell from shared background paragraphs.
    Article three = cnn[6];
    three.body = lead(6) + "\nتفاصيل.\n" + lead(3) + "\n" + lead(4) + "\n" + lead(5);
    CHECK(clean_news(three, &table, CleaningOptions{}).dropped.empty());
    // The lead itself is never a teaser, even when other articles carry it.
    CHECK(clean_news(cnn[2], &table, CleaningOptions{}).body.starts_with(lead(2)));
    // Paragraphs shared by one set of articles (an update of the same story) stay.
    CHECK(clean_news(sky[1], &table, CleaningOptions{}).dropped.empty());
    // Two teasers that entered the rail together are carried by the same articles: a block
    // of five with four distinct sets is still a teaser block (most lines have sets of their
    // own)...
    BoilerplateTable paired;
    std::vector<Article> rail;
    for (int i = 0; i < 8; ++i) {
        Article a = cnn[static_cast<std::size_t>(i)];
        if (i >= 4) a.body += "\nخبر رفيق للخبر الثالث.";  // appended next to lead(3)'s window
        rail.push_back(a);
    }
    for (const Article& a : rail) paired.observe(a);
    (void)paired.learn(15);
    Article five = rail[6];
    five.body = lead(6) + "\nتفاصيل.\n" + lead(2) + "\n" + lead(3) + "\n" + lead(4) + "\n" +
                lead(5) + "\nخبر رفيق للخبر الثالث.";
    // lead(3) is carried by articles 3..7, the companion line by 4..7 (and this one): they
    // differ; lead(5) by 5, 6, 7 and lead(4) by 4..7 — the companion shares lead(4)'s set.
    CHECK(reasons_of(clean_news(five, &paired, CleaningOptions{})) ==
          std::vector<DropReason>(5, DropReason::teaser));
    // ...while three articles sharing four background paragraphs, one of which a fourth
    // article also quotes, carry them in two sets: not a teaser block.
    BoilerplateTable updates;
    std::vector<Article> sky3;
    for (int i = 0; i < 4; ++i) {
        Article a;
        a.source = "sky";
        a.url = "sky3/" + std::to_string(i);
        a.body = "مقدمة التحديث " + std::to_string(i) + ".";
        if (i < 3) {
            for (int j = 0; j < 4; ++j)
                a.body += "\nفقرة خلفية مشتركة رقم " + std::to_string(j) + ".";
        } else {
            a.body += "\nفقرة خلفية مشتركة رقم 0.";
        }
        sky3.push_back(a);
        updates.observe(a);
    }
    (void)updates.learn(15);
    CHECK(clean_news(sky3[1], &updates, CleaningOptions{}).dropped.empty());
    // --keep-boilerplate keeps them all.
    CleaningOptions keep;
    keep.keep_boilerplate = true;
    CHECK(clean_news(cnn[6], &table, keep).body == cnn[6].body);
    CHECK(to_string(DropReason::teaser) == "teaser");
}

TEST_CASE("fingerprints: identical, edited and unrelated texts", "[news][fingerprint]") {
    const std::string text =
        "أعلنت وزارة الدفاع الأميركية أن وزيري دفاع الولايات المتحدة وروسيا جددا الاتصالات "
        "العالية المستوى بينهما الجمعة لبحث النزاع في سورية وصرح الناطق باسم البنتاغون بيتر "
        "كوك أن وزير الدفاع الأميركي آشتون كارتر ونظيره الروسي سيرغي شويغو أجريا مكالمة "
        "هاتفية لبحث هذه المسألة وأضاف أن الوزيرين بحثا المجالات التي تتقاطع فيها الرؤيتان "
        "الأميركية والروسية ونقاط الخلاف بين البلدين وقال إن الوزيرين اتفقا على إجراء مزيد "
        "من المناقشات حول آليات الحوار بين الجيشين لتجنب حدوث أي مواجهات عرضية بينهما";
    FingerprintOptions all;
    all.modulus = 1;
    const Fingerprint a = fingerprint(text, all);
    REQUIRE(a.words > 50);
    CHECK(a.shingles == a.words - 4);
    CHECK(a.samples.size() == a.shingles);
    CHECK(std::is_sorted(a.samples.begin(), a.samples.end()));
    CHECK(containment(a, a) == Approx(1.0));
    // Spelling variants fold away: same fingerprint.
    std::string variant = text;
    variant.replace(variant.find("سورية"), std::string("سورية").size(), "سوريه");
    CHECK(fingerprint(variant, all).samples == a.samples);
    // A light edit keeps most shingles.
    std::string edited = text;
    edited.replace(edited.find("الجمعة"), std::string("الجمعة").size(), "اليوم السبت");
    CHECK(containment(a, fingerprint(edited, all)) > 0.85);
    // Unrelated text shares nothing.
    const Fingerprint u = fingerprint(
        "فاز المنتخب المغربي على نظيره التونسي بهدفين نظيفين في المباراة الودية التي جرت "
        "مساء أمس على ملعب مراكش الكبير أمام جمهور غفير",
        all);
    CHECK(containment(a, u) == 0.0);
    // Sampling keeps a content-defined subset: the samples of the default modulus are a
    // subset of all hashes, and about a quarter of them.
    const Fingerprint s = fingerprint(text);
    CHECK(shared_samples(s.samples, a.samples) == s.samples.size());
    CHECK(s.samples.size() < a.samples.size());
    // Short texts still get one shingle.
    CHECK(fingerprint("خبر عاجل", all).samples.size() == 1);
    CHECK(fingerprint("", all).empty());
    CHECK(shingle_term(0xabcU) == "XSH00000abc");
}

TEST_CASE("indexing clusters the seeds into one story, not other Syria articles",
          "[news][stories]") {
    test::TempDir dir;
    const auto corpus = dir / "corpus";
    std::filesystem::create_directories(corpus);
    for (const char* seed : {seed_afp, seed_akhbar}) {
        std::filesystem::copy_file(source_dir() / "sample_corpus" / "seeds" / seed, corpus / seed);
    }
    // Another Syria story, and a light edit of the Akhbar seed under a lower id.
    {
        std::ofstream(corpus / "010_other_syria.txt")
            << "مقتل عشرة مدنيين في غارات على إدلب\n\n"
               "قال المرصد السوري لحقوق الإنسان إن عشرة مدنيين قتلوا في غارات جوية استهدفت "
               "ريف إدلب الجنوبي في سوريا اليوم، وإن بين القتلى أطفالا ونساء. وأضاف المرصد أن "
               "الطائرات الحربية شنت أكثر من عشرين غارة على بلدات المنطقة منذ الصباح، فيما "
               "تواصلت الاشتباكات بين فصائل المعارضة وقوات النظام في ريف حماة الشمالي. ويأتي "
               "التصعيد بعد أيام من اجتماع في موسكو لبحث النزاع في سورية.\n";
        const Article akhbar = read_seed(seed_akhbar);
        std::string edited = akhbar.body;
        edited.replace(edited.find("50 دقيقة"), std::string("50 دقيقة").size(), "ساعة تقريبا");
        std::ofstream(corpus / "001_edited.txt") << edited << '\n';
    }
    IndexOptions options;
    options.db = (dir / "db").string();
    options.inputs = {corpus.string()};
    options.id_prefixes = {""};  // ids without the input's name: the seeds' file names
    options.quiet = true;
    std::ostringstream log, err;
    const IndexSummary summary = run_index(options, log, err);
    REQUIRE(summary.indexed == 4);

    Xapian::Database db(options.db);
    const auto story_of = [&](const std::string& id) {
        const std::string term = id_term(id);
        const auto it = db.postlist_begin(term);
        REQUIRE(it != db.postlist_end(term));
        return db.get_document(*it).get_value(schema::slot_story);
    };
    const std::string s_afp = story_of(seed_afp);
    CHECK(s_afp.size() == 16);
    CHECK(story_of(seed_akhbar) == s_afp);
    CHECK(story_of("001_edited.txt") == s_afp);
    CHECK(story_of("010_other_syria.txt") != s_afp);
    // The story key derives from its root, the first version indexed (inputs in name order).
    CHECK(s_afp == story_key("000_d7d323a442f094ad.txt"));
    CHECK(db.get_termfreq(story_term(s_afp)) == 3);
    CHECK(db.get_termfreq(agency_term("AFP")) == 1);
    CHECK(db.get_termfreq(agency_term("Reuters")) >= 1);

    // Re-indexing the same inputs keeps every story as it was.
    const IndexSummary again = run_index(options, log, err);
    CHECK(again.indexed == 0);  // incremental: unchanged files are skipped
    db.reopen();
    CHECK(story_of(seed_akhbar) == s_afp);
    CHECK(db.get_termfreq(story_term(s_afp)) == 3);

    // --no-stories: every article is a story of its own.
    IndexOptions lone = options;
    lone.db = (dir / "db2").string();
    lone.news.stories.enabled = false;
    (void)run_index(lone, log, err);
    Xapian::Database db2(lone.db);
    CHECK(db2.get_termfreq(story_term(s_afp)) == 1);
}

TEST_CASE("story versions must fall within the date window", "[news][stories]") {
    CHECK(days_between("20150918", "20150918") == 0);
    CHECK(days_between("20150918", "20150920") == 2);
    CHECK(days_between("20160301", "20160228") == 2);  // leap year
    CHECK(days_between("20151231", "20160101") == 1);
    CHECK(days_between("", "20150918") == -1);
    CHECK(days_between("2015-09-18", "20150918") == -1);

    test::TempDir dir;
    const Article seed = read_seed(seed_afp);
    const auto line = [&](const std::string& id, const std::string& date) {
        nlohmann::json j = {{"id", id},
                            {"title", seed.title},
                            {"body", seed.body},
                            {"date", date},
                            {"source", "s"}};
        return j.dump() + "\n";
    };
    std::ofstream(dir / "in.jsonl") << line("a", "2015-09-18") << line("b", "2015-09-19")
                                    << line("c", "2015-09-30") << line("d", "");
    IndexOptions options;
    options.db = (dir / "db").string();
    options.inputs = {(dir / "in.jsonl").string()};
    options.quiet = true;
    std::ostringstream log, err;
    (void)run_index(options, log, err);
    Xapian::Database db(options.db);
    const auto story_of = [&](const std::string& id) {
        const auto it = db.postlist_begin(id_term(id));
        REQUIRE(it != db.postlist_end(id_term(id)));
        return db.get_document(*it).get_value(schema::slot_story);
    };
    CHECK(story_of("b") == story_of("a"));
    CHECK(story_of("c") != story_of("a"));  // eleven days later: a story of its own
    CHECK(story_of("d") == story_of("a"));  // no date: not limited
}
