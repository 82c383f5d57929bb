// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the snippet highlighter (query/highlight.hpp) and of the lazy reader of document
// data (query/document_data.hpp).
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "fahras/query/document_data.hpp"
#include "fahras/query/highlight.hpp"
#include "fahras/query/query_parser.hpp"
#include "fahras/query/search.hpp"

namespace {

/// The highlight terms of `query`, all of weight 1 (the weights come from a database).
std::vector<fahras::HighlightTerm> terms_of(const std::string& query) {
    const auto parsed = fahras::parse_query(query);
    std::vector<fahras::HighlightTerm> out;
    for (auto it = parsed.highlight.get_unique_terms_begin();
         it != parsed.highlight.get_unique_terms_end(); ++it) {
        out.push_back({*it, 1.0});
    }
    return out;
}

std::string render(const fahras::Snippet& snippet) {
    return fahras::render_snippet(snippet, "[", "]");
}

std::string snippet_of(const std::string& query, const std::string& text, std::size_t bytes) {
    return render(fahras::Highlighter(terms_of(query)).snippet(text, bytes));
}

/// True when `s` is well-formed UTF-8.
bool valid_utf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        }
        i += n;
    }
    return true;
}

}  // namespace

TEST_CASE("the highlighter marks what the analysis pipeline matches", "[highlight]") {
    struct Row {
        const char* what;
        const char* query;
        const char* text;
        const char* expected;  // whole text fits: no cut
    };
    const std::vector<Row> rows = {
        {"clitic article and conjunction", "الحكومة", "قالت والحكومة إن الحكومة ستجتمع",
         "قالت [والحكومة] إن [الحكومة] ستجتمع"},
        {"folded spelling (hamza seat)", "مسئول", "قال مسؤول رفيع", "قال [مسؤول] رفيع"},
        {"stem: nisba and feminine forms", "سوريا", "الحكومة السورية في سوريا",
         "الحكومة [السورية] في [سوريا]"},
        {"phrase: both words marked", "\"مسؤول رفيع\"", "قال مسؤول رفيع في الإدارة",
         "قال [مسؤول] [رفيع] في الإدارة"},
        {"Latin words, case folded", "Reuters", "نقلت reuters عن REUTERS",
         "نقلت [reuters] عن [REUTERS]"},
        {"excluded words are not marked", "روسيا -سوريا", "روسيا و سوريا", "[روسيا] و سوريا"},
        {"whitespace runs collapse", "غزة", "  في\n\nغزة  اليوم ", "في [غزة] اليوم"},
        {"stems meet, other words stay plain", "سور", "السورية سور المدينة",
         "[السورية] [سور] المدينة"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.what, row.query);
        CHECK(snippet_of(row.query, row.text, 240) == row.expected);
    }
}

TEST_CASE("the highlighter picks the passage with the most wanted words", "[highlight]") {
    // 30 filler words (~ 6 bytes each) between a lone early match and a later passage that
    // has both words.
    std::string filler;
    for (int i = 0; i < 30; ++i) filler += " كلام";
    const std::string text = "الوزير" + filler + " وقال الوزير في دمشق" + filler;
    const std::string out = snippet_of("الوزير دمشق", text, 80);
    CHECK(out.find("[الوزير] في [دمشق]") != std::string::npos);
    CHECK(out.rfind("\u2026", 0) == 0);  // text left out before
    CHECK(out.size() >= 3);
    CHECK(out.substr(out.size() - 3) == "\u2026");  // and after
    CHECK(valid_utf8(out));

    // The same words twice beat one word thrice.
    const std::string repeats = "غزة غزة غزة" + filler + " غزة رفح" + filler;
    const std::string best = snippet_of("غزة رفح", repeats, 40);
    CHECK(best.find("[رفح]") != std::string::npos);
}

TEST_CASE("the highlighter starts at the text's opening when the match fits there", "[highlight]") {
    const std::string text = "في غزة اليوم، قال مسؤول إن الطرق مغلقة. وأضاف أن المعبر مفتوح.";
    const std::string out = snippet_of("مسؤول", text, 60);
    CHECK(out.rfind("في غزة اليوم، قال [مسؤول]", 0) == 0);
    CHECK(out.substr(out.size() - 3) == "\u2026");
    CHECK(valid_utf8(out));
}

TEST_CASE("the highlighter cuts at word ends, never inside a code point", "[highlight]") {
    std::string text;
    for (int i = 0; i < 100; ++i) text += "كلمة ";
    text += "الهدف ";
    for (int i = 0; i < 100; ++i) text += "كلمة ";
    for (const std::size_t bytes : {7u, 20u, 33u, 100u, 241u}) {
        CAPTURE(bytes);
        const auto snippet = fahras::Highlighter(terms_of("هدف")).snippet(text, bytes);
        const std::string out = render(snippet);
        CHECK(valid_utf8(out));
        CHECK(out.find("[الهدف]") != std::string::npos);
        // Text left out at both ends, and only whole words between the ellipses.
        REQUIRE(out.size() > 6);
        CHECK(out.rfind("\u2026", 0) == 0);
        CHECK(out.substr(out.size() - 3) == "\u2026");
        std::istringstream words(out.substr(3, out.size() - 6));
        for (std::string w; words >> w;) {
            CAPTURE(w);
            CHECK((w == "كلمة" || w == "[الهدف]"));
        }
        std::size_t shown = 0;
        for (const auto& part : snippet) shown += part.text.size();
        // The budget (or the one marked word, when it is longer) plus two ellipses.
        CHECK(shown <= std::max<std::size_t>(bytes, 10) + 2 * 3);
    }
}

TEST_CASE("a text without a wanted word gets its opening", "[highlight]") {
    const std::string text = "افتتحت في غزة كلية جديدة للدراسات العليا بحضور الطلاب";
    const auto snippet = fahras::Highlighter(terms_of("دمشق")).snippet(text, 25);
    REQUIRE(snippet.size() == 1);
    CHECK_FALSE(snippet[0].highlighted);
    CHECK(snippet[0].text == "افتتحت في غزة\u2026");
    CHECK(fahras::lead_snippet(text, 25) == snippet);
    CHECK(fahras::Highlighter(terms_of("source:bbc")).empty());
}

TEST_CASE("document data members are found without a full parse", "[highlight]") {
    const nlohmann::json data = {
        {"id", "a\"1"},
        {"title", "عنوان \\ مع \n سطر"},
        {"body", "نص {فيه} [أقواس] و\"علامات\" \\\" "},
        {"line", 12},
        {"entities", {{{"id", "p1"}, {"name", "اسم"}}}},
        {"emoji", "\U0001F600"},
    };
    for (const bool ascii : {false, true}) {
        CAPTURE(ascii);
        const std::string dumped = data.dump(-1, ' ', ascii);
        const fahras::DocumentData doc(dumped);
        REQUIRE(doc.is_object());
        for (const char* key : {"id", "title", "body", "emoji"}) {
            CAPTURE(key);
            CHECK(doc.string(key) == data[key].get<std::string>());
        }
        CHECK(doc.unsigned_number("line") == 12u);
        CHECK_FALSE(doc.unsigned_number("title"));
        CHECK(doc.string("line").empty());
        CHECK(doc.string("missing").empty());
        REQUIRE(doc.raw("entities"));
        CHECK(nlohmann::json::parse(*doc.raw("entities")) == data["entities"]);
        const auto elements = fahras::json_array_elements(*doc.raw("entities"));
        REQUIRE(elements.size() == 1);
        CHECK(fahras::DocumentData(elements[0]).string("name") == "اسم");
    }
    for (const char* broken : {"", "[]", "{\"a\":", "{\"a\":\"x}", "{\"a\" \"b\"}", "nope"}) {
        CAPTURE(broken);
        const fahras::DocumentData doc(broken);
        CHECK_FALSE(doc.is_object());
        CHECK(doc.string("a").empty());
    }
    CHECK(fahras::DocumentData("{}").is_object());
    CHECK(fahras::json_array_elements("[]").empty());
    CHECK(fahras::json_array_elements("[1, \"a,]\" ,{\"b\":[2]}]") ==
          std::vector<std::string_view>{"1", "\"a,]\"", "{\"b\":[2]}"});
    CHECK(fahras::json_array_elements("[1,").empty());
    CHECK(fahras::json_array_elements("{}").empty());
    CHECK(fahras::decode_json_string("\"\\ud83d\\ude00\"") == std::string("\U0001F600"));
    CHECK(fahras::decode_json_string("\"\\ud83d\"") == std::string("\uFFFD"));
    CHECK_FALSE(fahras::decode_json_string("\"\\x\""));
}

TEST_CASE("Highlighter::marks gives every matching whole word of a text, in order", "[highlight]") {
    const fahras::Highlighter highlighter(terms_of("مسئولين"));
    const std::string text = "قال مسؤولين  في\nبالمسؤولية، وأضاف المسؤول: لا مسألة";
    std::vector<std::string> marked;
    std::size_t last_end = 0;
    for (const auto& [start, end] : highlighter.marks(text)) {
        CHECK(start >= last_end);
        last_end = end;
        marked.push_back(text.substr(start, end - start));
    }
    CHECK(marked == std::vector<std::string>{"مسؤولين", "بالمسؤولية", "المسؤول"});
    CHECK(fahras::Highlighter(terms_of("كلمة")).marks(text).empty());
}
