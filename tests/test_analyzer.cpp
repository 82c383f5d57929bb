// SPDX-License-Identifier: GPL-3.0-or-later
// Table tests of the analysis pipeline (a first set; the full table comes with issue 2's next pass).
#include <catch2/catch.hpp>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/fold.hpp"
#include "fahras/common/normalize.hpp"

using namespace fahras;

TEST_CASE("fold meets spelling variants", "[analyzer]") {
    struct Row { const char* a; const char* b; };
    const Row rows[] = {
        {"مسؤول", "مسئول"}, {"شؤون", "شئون"}, {"رؤوس", "رءوس"}, {"أحمد", "احمد"},
        {"إسلام", "اسلام"}, {"آخر", "اخر"}, {"مستشفى", "مستشفي"}, {"مدرسة", "مدرسه"},
        {"٢٠١٥", "2015"}, {"۲۰۱۵", "2015"}, {"کتاب", "كتاب"}, {"عـــربي", "عربي"},
        {"مُحَمَّد", "محمد"}, {"ﻻ", "لا"},
    };
    for (const Row& r : rows) {
        INFO(r.a << " vs " << r.b);
        CHECK(Analyzer::fold_word(r.a) == Analyzer::fold_word(r.b));
    }
}

TEST_CASE("stems meet and stay apart", "[analyzer]") {
    struct Row { const char* word; const char* stem; };
    const Row rows[] = {
        {"وزيرا", "وزير"}, {"الوزير", "وزير"}, {"والوزير", "وزير"}, {"الدفاع", "دفاع"},
        {"الأمريكية", "امريك"}, {"أمريكي", "امريك"}, {"سورية", "سور"}, {"سوريا", "سور"},
        {"لبنان", "لبنان"}, {"قانون", "قانون"}, {"بوتين", "بوتين"}, {"الله", "الله"},
    };
    for (const Row& r : rows) {
        INFO(r.word);
        CHECK(Analyzer::stem_word(r.word) == r.stem);
    }
}

TEST_CASE("tokens keep byte offsets of the raw text", "[analyzer]") {
    const std::string text = "قال «بوتين»، 2015م F16 ا|لأميركي";
    const auto tokens = default_analyzer().analyze(text);
    std::vector<std::string> exact;
    for (const auto& t : tokens) exact.push_back(t.exact);
    CHECK(exact == std::vector<std::string>{"قال", "بوتين", "2015", "م", "f16", "الأميركي"});
    CHECK(text.substr(tokens[1].start, tokens[1].end - tokens[1].start) == "بوتين");
    CHECK(clean("").empty());
}
