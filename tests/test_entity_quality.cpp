// SPDX-License-Identifier: GPL-3.0-or-later
// Entity errors a journalist meets on real news: clitics read into names, Latin names resolved
// to the nearest wrong entity, one person split by spelling, nationalities taken for persons,
// acronyms that resolve to nothing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "fahras/extract/entities.hpp"
#include "fahras/extract/entity_extractor.hpp"
#include "fahras/extract/entity_resolver.hpp"
#include "test_support.hpp"

using namespace fahras;

namespace {

const EntityResolver& shipped_resolver() {
    static const EntityResolver r(default_gazetteer().entities());
    return r;
}

/// The mentions of `text` given one tagger span over tokens [first, last).
std::vector<EntityMention> tagged(const EntityExtractor& x, std::string_view text,
                                  std::size_t first, std::size_t last, EntityKind kind) {
    return x.extract(text, default_analyzer().analyze(text), {{first, last, kind, 0.9}});
}

}  // namespace

TEST_CASE("a proclitic comes off a tagged name only when the rest is a known word", "[entities]") {
    test::TempDir dir;
    {
        std::ofstream f(dir / "common.txt");
        f << "الحكومة\nإله\n";
    }
    Gazetteer g;
    g.add({"t:beirut", EntityKind::place, "بيروت", "", {}});
    g.load_common_words(dir / "common.txt");
    const EntityExtractor x(g);
    struct Row {
        const char* text;
        std::size_t token;
        EntityKind kind;
        const char* id;
    };
    const Row rows[] = {
        // ك + «اليفورنيا», ب + «التيمور», ف + «النسيا»: no such words, the letter is the name's.
        {"زار كاليفورنيا", 1, EntityKind::place, "name:كاليفورنيا"},
        {"زار بالتيمور", 1, EntityKind::place, "name:بالتيمور"},
        {"زار فالنسيا", 1, EntityKind::place, "name:فالنسيا"},
        // و + a common word, and و + a word the text also writes alone.
        {"قالت والحكومة", 1, EntityKind::organisation, "name:الحكومه"},
        {"وصل الغامدي ثم غادر والغامدي", 4, EntityKind::person, "name:الغامدي"},
        // و + ك + «الة»: the article and one letter are no word, even if «إله» is common.
        {"قالت وكالة", 1, EntityKind::organisation, "name:وكاله"},
    };
    for (const Row& r : rows) {
        INFO(r.text);
        const auto found = tagged(x, r.text, r.token, r.token + 1, r.kind);
        const auto at = std::find_if(found.begin(), found.end(), [&](const EntityMention& m) {
            return m.first_token == r.token;
        });
        REQUIRE(at != found.end());
        CHECK(at->id == r.id);
    }
}

TEST_CASE("California is a place of its own, typed in Arabic or in Latin", "[entities]") {
    const EntityExtractor x(default_gazetteer());
    const auto found = tagged(x, "زار كاليفورنيا", 1, 2, EntityKind::place);
    REQUIRE(found.size() == 1);
    CHECK(found.front().id == "fahras:california");
    for (const char* typed : {"كاليفورنيا", "California", "california"}) {
        INFO(typed);
        CHECK(shipped_resolver().resolve(typed, EntityKind::place).ids ==
              std::vector<std::string>{"fahras:california"});
    }
}

TEST_CASE("a Latin name resolves only to an entity whose name is close to it", "[entities]") {
    // Oakland's GeoNames alias "Oakland i California" holds the word California: no reason to
    // make California Oakland. الغوطة is Ghouta, not the closer-by-consonants غوط.
    const EntityResolver r({
        {"x:oakland", EntityKind::place, "أوكلاند", "Oakland", {"Oakland i California"}},
        {"x:ghout", EntityKind::place, "غوط", "", {}},
        {"x:ghouta", EntityKind::place, "الغوطة", "", {}},
        {"x:kerry", EntityKind::person, "جون كيري", "John Kerry", {}},
    });
    struct Row {
        const char* query;
        std::vector<std::string> ids;
    };
    const Row rows[] = {
        {"California", {}},          {"Oakland", {"x:oakland"}}, {"Ghouta", {"x:ghouta"}},
        {"al-Ghouta", {"x:ghouta"}}, {"Kerry", {"x:kerry"}},     {"Ghoutistan", {}},
    };
    for (const Row& row : rows) {
        INFO(row.query);
        CHECK(r.resolve(row.query).ids == row.ids);
    }
    CHECK(shipped_resolver().resolve("Ghouta").ids ==
          std::vector<std::string>{"fahras:eastern-ghouta"});
    CHECK(shipped_resolver().resolve("California", EntityKind::place).ids ==
          std::vector<std::string>{"fahras:california"});
}

TEST_CASE("an exact spelling wins over a looser one; the looser one joins a lone spelling",
          "[entities]") {
    const EntityResolver both({
        {"x:1", EntityKind::person, "بوتين", "", {}},
        {"x:2", EntityKind::person, "بوتن", "", {}},
    });
    CHECK(both.resolve("بوتن").ids == std::vector<std::string>{"x:2"});
    CHECK(both.resolve("بوتن").method == ResolveMethod::exact);
    const EntityResolver one({{"x:1", EntityKind::person, "فلاديمير بوتين", "", {}}});
    CHECK(one.resolve("فلاديمير بوتن").ids == std::vector<std::string>{"x:1"});
    CHECK(one.resolve("فلاديمير بوتن").method == ResolveMethod::variant);
}

TEST_CASE("spelling variants of a tagged name join the one gazetteer spelling", "[entities]") {
    Gazetteer g;
    g.add({"t:putin", EntityKind::person, "فلاديمير بوتين", "", {}});
    g.add({"t:shoigu", EntityKind::person, "سيرغي شويغو", "", {}});
    g.add({"t:abbas", EntityKind::person, "محمود عباس", "", {}});
    g.load_common_words(std::filesystem::path(FAHRAS_SOURCE_DIR) /
                        "data/gazetteer/common-words.txt");
    const EntityExtractor x(g);
    struct Row {
        const char* text;
        std::size_t first, last;
        const char* id;
    };
    const Row rows[] = {
        {"قال فلاديمير بوتن", 1, 3, "t:putin"},    {"قال بوتن", 1, 2, "t:putin"},
        {"قال سيرجي شويجو", 1, 3, "t:shoigu"},     {"قال شويجو", 1, 2, "t:shoigu"},
        {"قال محمد عباس", 1, 3, "name:محمد عباس"},  // محمد is not محمود
    };
    for (const Row& r : rows) {
        INFO(r.text);
        const auto found = tagged(x, r.text, r.first, r.last, EntityKind::person);
        REQUIRE(found.size() == 1);
        CHECK(found.front().id == r.id);
    }
}

TEST_CASE("nationality words are never persons", "[entities]") {
    const EntityExtractor x(default_gazetteer());
    for (const char* word : {"روس", "الروس", "أميركيون", "الأميركيون", "السوريون", "للسوريين",
                             "الإسرائيليين", "الفرنسي", "المصريين", "الأكراد", "وأتراك"}) {
        INFO(word);
        const std::string text = std::string("قال ") + word;
        CHECK(tagged(x, text, 1, 2, EntityKind::person).empty());
    }
    // Not every word ending in ي: a name stays a name.
    for (const char* text : {"قال زيد الخالدي", "قال كوفي عنان"}) {
        INFO(text);
        CHECK(tagged(x, text, 1, 3, EntityKind::person).size() == 1);
    }
}

TEST_CASE("acronyms and Arabic names of well-known organisations and people resolve",
          "[entities]") {
    struct Row {
        const char* query;
        const char* id;
    };
    const Row rows[] = {
        {"ISIS", "fahras:isis"},
        {"ISIL", "fahras:isis"},
        {"Daesh", "fahras:isis"},
        {"داعش", "fahras:isis"},
        {"تنظيم الدولة الإسلامية", "fahras:isis"},
        {"UN", "fahras:united-nations"},
        {"الأمم المتحدة", "fahras:united-nations"},
        {"NATO", "fahras:nato"},
        {"الناتو", "fahras:nato"},
        {"حلف شمال الأطلسي", "fahras:nato"},
        {"MBS", "fahras:mohammed-bin-salman"},
        {"محمد بن سلمان", "fahras:mohammed-bin-salman"},
        {"EU", "fahras:european-union"},
        {"IAEA", "fahras:iaea"},
        {"الوكالة الدولية للطاقة الذرية", "fahras:iaea"},
        {"OPCW", "fahras:opcw"},
        {"MSF", "fahras:msf"},
        {"WHO", "fahras:who"},
    };
    for (const Row& r : rows) {
        INFO(r.query);
        const Resolution res = shipped_resolver().resolve(r.query);
        CHECK(res.ids == std::vector<std::string>{r.id});
    }
}

TEST_CASE("a given name tagged alone before a known surname is the whole person", "[entities]") {
    const EntityExtractor x(default_gazetteer());
    const auto found = tagged(x, "قال دونالد ترامب", 1, 2, EntityKind::person);
    REQUIRE(found.size() == 1);
    CHECK(found.front().id == "fahras:donald-trump");
    CHECK(found.front().last_token == 3);
    // One-word names of footballers the news writes alone.
    for (const char* text : {"سجل ميسي", "سجل رونالدو"}) {
        INFO(text);
        const auto alone = tagged(x, text, 1, 2, EntityKind::person);
        REQUIRE(alone.size() == 1);
        CHECK(alone.front().id.starts_with("fahras:"));
    }
}

TEST_CASE("a one-word person is the person its title, lineage or article names", "[entities]") {
    const EntityExtractor x(default_gazetteer());
    struct Row {
        const char* text;
        std::size_t first, last;
        const char* id;
    };
    const Row rows[] = {
        {"قال الملك سلمان إن", 2, 3, "fahras:king-salman"},                               // title
        {"استقبل محمد بن سلمان بن عبدالعزيز الوفد", 1, 6, "fahras:mohammed-bin-salman"},  // lineage
        {"وصل سلمان بن عبدالعزيز آل سعود", 1, 6, "fahras:king-salman"},
        {"قال سلمان إن", 1, 2, "name:سلمان"},  // no context
    };
    for (const Row& r : rows) {
        INFO(r.text);
        const auto found = tagged(x, r.text, r.first, r.last, EntityKind::person);
        REQUIRE(found.size() == 1);
        CHECK(found.front().id == r.id);
    }
    // The first or last word of a person named in full in the same text.
    const std::string text = "التقى يوسف الشاهد أمس. وقال يوسف إن الشاهد سيعود";
    const auto tokens = default_analyzer().analyze(text);
    REQUIRE(tokens.size() == 9);
    const auto found = x.extract(text, tokens,
                                 {{1, 3, EntityKind::person, 0.9},
                                  {5, 6, EntityKind::person, 0.9},
                                  {7, 8, EntityKind::person, 0.9}});
    REQUIRE(found.size() == 3);
    for (const auto& m : found) CHECK(m.id == "name:يوسف الشاهد");
}

TEST_CASE("a match key names a span only when the spellings are close", "[entities]") {
    Gazetteer g;
    g.add({"t:jubeir", EntityKind::person, "عادل الجبير", "", {"الجبير"}});
    g.add({"t:shoigu", EntityKind::person, "شويغو", "", {}});
    const EntityExtractor x(g);
    struct Row {
        const char* text;
        const char* id;
    };
    // الإكبار and الجبير share the key الغبر (ك → غ, inner alef and ي before ر dropped).
    const Row rows[] = {{"قال الإكبار", "name:الاكبار"}, {"قال شويجو", "t:shoigu"}};
    for (const Row& r : rows) {
        INFO(r.text);
        const auto found = tagged(x, r.text, 1, 2, EntityKind::person);
        REQUIRE(found.size() == 1);
        CHECK(found.front().id == r.id);
    }
}

TEST_CASE("a hashtag sign inside a name does not split it", "[entities]") {
    const EntityExtractor x(default_gazetteer());
    const auto found = tagged(x, "قال الرئيس دونالد #ترمب", 2, 3, EntityKind::person);
    REQUIRE(found.size() == 1);
    CHECK(found.front().id == "fahras:donald-trump");
}
