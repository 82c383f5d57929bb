// SPDX-License-Identifier: GPL-3.0-or-later
// Table tests of the analysis pipeline, one table per step (clean, fold, tokenize, stem) and
// one for the whole pipeline. Each row is one case; a failing row names itself through INFO.
// Invisible characters are written as escapes and named in a comment.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/clean.hpp"
#include "fahras/common/fold.hpp"
#include "fahras/common/stem.hpp"
#include "fahras/common/tokenize.hpp"

using namespace fahras;

namespace {

using Words = std::vector<std::string>;

struct Row {
    const char* input;
    const char* expected;
};

/// The exact, folded or stemmed terms of every token of `text`.
Words terms(std::string_view text, std::string Token::*form) {
    Words out;
    for (const Token& t : default_analyzer().analyze(text)) out.push_back(t.*form);
    return out;
}

/// The raw text of every token tokenize() finds.
Words raw_words(std::string_view text) {
    Words out;
    for (const RawToken& t : tokenize(text)) {
        out.emplace_back(text.substr(t.start, t.end - t.start));
    }
    return out;
}

}  // namespace

TEST_CASE("clean drops marks and controls and applies NFKC case folding", "[analyzer]") {
    const Row rows[] = {
        // U+0640 ARABIC TATWEEL
        {"عـــربي", "عربي"},
        {"الـسـلام", "السلام"},
        // Harakat U+064B ARABIC FATHATAN … U+0652 ARABIC SUKUN, one row each
        {"كتابًا", "كتابا"},
        {"كتابٌ", "كتاب"},
        {"كتابٍ", "كتاب"},
        {"كَتب", "كتب"},
        {"كُتب", "كتب"},
        {"كِتاب", "كتاب"},
        {"مدّة", "مدة"},
        {"قَلْب", "قلب"},
        {"مُحَمَّد", "محمد"},
        // U+0653 ARABIC MADDAH ABOVE, U+0654 ARABIC HAMZA ABOVE and U+0655 ARABIC HAMZA BELOW
        // as combining marks: NFKC composes alef + hamza above into U+0623 first.
        {"\u0627\u0654حمد", "أحمد"},
        {"\u0627\u0655سلام", "إسلام"},
        // U+0670 ARABIC LETTER SUPERSCRIPT ALEF
        {"هٰذا", "هذا"},
        // Quranic annotation marks U+06D6 … U+06ED
        {"الرحيم\u06D6", "الرحيم"},
        {"ربك\u06DA", "ربك"},
        // Format and bidi controls: U+200B ZERO WIDTH SPACE, U+200C ZWNJ, U+200D ZWJ,
        // U+200E LRM, U+200F RLM, U+202A–U+202E embeddings and overrides, U+2066–U+2069
        // isolates, U+FEFF BOM, U+00AD SOFT HYPHEN, U+061C ARABIC LETTER MARK
        {"سو\u200Bريا", "سوريا"},
        {"سو\u200Cريا", "سوريا"},
        {"سو\u200Dريا", "سوريا"},
        {"\u200Eسوريا\u200F", "سوريا"},
        {"\u202Bسوريا\u202C", "سوريا"},
        {"\u202Eسوريا\u202A", "سوريا"},
        {"\u2067سوريا\u2069", "سوريا"},
        {"\u2066سوريا\u2068", "سوريا"},
        {"\uFEFFسوريا", "سوريا"},
        {"سو\u00ADريا", "سوريا"},
        {"\u061Cسوريا", "سوريا"},
        // Presentation forms U+FB50–U+FDFF and U+FE70–U+FEFF become base letters
        {"\uFEB3\uFEEE\uFEAD\uFEF3\uFE8E", "سوريا"},  // SEEN INITIAL … ALEF FINAL
        {"\uFEFB", "لا"},                             // ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM
        {"\uFEF7", "لأ"},    // ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE ISOLATED FORM
        {"\uFDF2", "الله"},  // ARABIC LIGATURE ALLAH ISOLATED FORM (its marks dropped)
        {"\uFE8D\uFEDF\uFEE4\uFEAE\uFE8E\uFE93", "المراة"},  // taa marbuta kept by clean
        // Latin is case-folded; compatibility characters are unified
        {"Reuters", "reuters"},
        {"ＡＦＰ", "afp"},  // FULLWIDTH LATIN CAPITAL LETTERS
        {"STRASSE", "strasse"},
        // U+00A0 NO-BREAK SPACE and U+2009 THIN SPACE become U+0020 SPACE
        {"حلب\u00A0اليوم", "حلب اليوم"},
        {"حلب\u2009اليوم", "حلب اليوم"},
    };
    for (const Row& r : rows) {
        INFO(r.input);
        CHECK(clean(r.input) == r.expected);
        CHECK(clean(clean(r.input)) == clean(r.input));  // idempotent
    }
    CHECK(clean("").empty());
    CHECK(clean("\xff\xfe") == "\uFFFD\uFFFD");  // ill-formed bytes become U+FFFD
}

TEST_CASE("fold unifies letter variants and digits", "[analyzer]") {
    const Row rows[] = {
        // U+0623 ALEF WITH HAMZA ABOVE, U+0625 HAMZA BELOW, U+0622 MADDA, U+0671 WASLA → U+0627
        {"أحمد", "احمد"},
        {"إسلامية", "اسلاميه"},
        {"آخر", "اخر"},
        {"ٱلله", "الله"},
        // Hamza seats U+0624 WAW WITH HAMZA ABOVE and U+0626 YEH WITH HAMZA ABOVE → U+0621
        {"مسؤول", "مسءول"},
        {"مسئول", "مسءول"},
        {"شؤون", "شءون"},
        {"شئون", "شءون"},
        {"رؤوس", "رءوس"},
        {"رءوس", "رءوس"},
        {"رئيس", "رءيس"},
        // U+0649 ALEF MAKSURA → U+064A YEH
        {"مستشفى", "مستشفي"},
        {"على", "علي"},
        // U+0629 TEH MARBUTA → U+0647 HEH
        {"مدرسة", "مدرسه"},
        {"سورية", "سوريه"},
        // Persian and Urdu letters: U+06A9 KEHEH → KAF, U+06CC FARSI YEH → YEH, U+06D5 AE → HEH
        {"کتاب", "كتاب"},
        {"ایران", "ايران"},
        {"مدرسە", "مدرسه"},
        // U+0660–U+0669 ARABIC-INDIC and U+06F0–U+06F9 EXTENDED ARABIC-INDIC digits → ASCII
        {"٢٠١٥", "2015"},
        {"۲۰۱۵", "2015"},
        {"١٩٤٨", "1948"},
        {"۰۹", "09"},
        // Letters without a folding are untouched
        {"ثقافة", "ثقافه"},
        {"latin 42", "latin 42"},
    };
    for (const Row& r : rows) {
        INFO(r.input);
        CHECK(fold(r.input) == r.expected);
        CHECK(fold(fold(r.input)) == fold(r.input));  // idempotent
    }
}

TEST_CASE("spelling variants fold to one form", "[analyzer]") {
    struct Pair {
        const char* a;
        const char* b;
    };
    const Pair pairs[] = {
        {"مسؤول", "مسئول"}, {"شؤون", "شئون"}, {"رؤوس", "رءوس"},           {"أحمد", "احمد"},
        {"إسلام", "اسلام"}, {"آخر", "اخر"},   {"مستشفى", "مستشفي"},       {"مدرسة", "مدرسه"},
        {"٢٠١٥", "2015"},   {"۲۰۱۵", "2015"}, {"کتاب", "كتاب"},           {"عـــربي", "عربي"},
        {"مُحَمَّد", "محمد"},   {"ﻻ", "لا"},      {"الأمريكية", "الامريكيه"}, {"ألكسندر", "الكسندر"},
    };
    for (const Pair& p : pairs) {
        INFO(p.a << " vs " << p.b);
        CHECK(Analyzer::fold_word(p.a) == Analyzer::fold_word(p.b));
    }
}

TEST_CASE("tokenize splits on Arabic and ASCII punctuation, keeps numbers", "[analyzer]") {
    struct TokRow {
        const char* text;
        Words words;
    };
    const TokRow rows[] = {
        // U+060C ARABIC COMMA, U+061B ARABIC SEMICOLON, U+061F ARABIC QUESTION MARK
        {"حلب، دمشق؛ بيروت؟", {"حلب", "دمشق", "بيروت"}},
        // Guillemets and typographic quotes
        {"«داعش» و“النصرة”", {"داعش", "و", "النصرة"}},
        // U+06D4 ARABIC FULL STOP, U+066A ARABIC PERCENT SIGN
        {"انتهى۔ بدأ ٥٪", {"انتهى", "بدأ", "٥"}},
        // ASCII punctuation, brackets and slashes
        {"(الأخبار، رويترز)", {"الأخبار", "رويترز"}},
        {"آب/ أغسطس", {"آب", "أغسطس"}},
        {"a-b_c.d", {"a", "b", "c", "d"}},
        // Digits glued to Arabic letters split off; glued to Latin letters they stay
        {"2015م", {"2015", "م"}},
        {"F16 وMP3", {"F16", "و", "MP3"}},
        // Numbers keep inner decimal and thousands separators followed by a digit
        {"3.5 مليون", {"3.5", "مليون"}},
        {"2,500 دولار", {"2,500", "دولار"}},
        {"٣٫٥ ٢٬٥٠٠", {"٣٫٥", "٢٬٥٠٠"}},
        {"عام 2015.", {"عام", "2015"}},
        // Arabic and Latin letters never share a word
        {"ناساNASA", {"ناسا", "NASA"}},
        // Marks, tatweel and joiners stay inside their word
        {"عـربي مُحمد سو\u200Cريا", {"عـربي", "مُحمد", "سو\u200Cريا"}},
        // A stray bar between Arabic letters (seed 000: "ا|لأميركي") is a typing slip inside
        // one word, not a separator; clean() drops it from the exact form
        {"ا|لأميركي", {"ا|لأميركي"}},
        {"حلب | دمشق", {"حلب", "دمشق"}},
        {"", {}},
        {" \t\n ", {}},
    };
    for (const TokRow& r : rows) {
        INFO(r.text);
        CHECK(raw_words(r.text) == r.words);
    }
}

TEST_CASE("light stemmer: news words, guards and names", "[analyzer]") {
    const Row rows[] = {
        // Prefixes وال فال بال كال لل ال و
        {"الوزير", "وزير"},
        {"والوزير", "وزير"},
        {"بالحرب", "حرب"},
        {"فالحكومة", "حكوم"},
        {"كالعادة", "عاد"},
        {"للشعب", "شعب"},
        {"وقال", "قال"},
        // Root-initial و kept
        {"وزيرا", "وزير"},
        {"وزارة", "وزار"},
        {"وطنية", "وطن"},
        {"واشنطن", "واشنطن"},
        {"ووزير", "وزير"},
        // Suffixes ها ان ات ون ين يه ا ه ي
        {"حكومتها", "حكومت"},
        {"الطالبات", "طالب"},
        {"الطالبان", "طالبان"},  // ان needs five letters left: Taliban stays a name
        {"المفاوضات", "مفاوض"},
        {"المسؤولون", "مسءول"},
        {"المسؤولين", "مسءول"},
        {"الأمريكية", "امريك"},
        {"أمريكي", "امريك"},
        {"الأميركي", "اميرك"},
        {"سورية", "سور"},
        {"سوريا", "سور"},
        {"السوري", "سور"},
        {"الدفاع", "دفاع"},
        {"العسكرية", "عسكر"},
        {"الروسي", "روس"},
        {"روسيا", "روس"},
        {"الإسلامية", "اسلام"},
        {"المدينة", "مدين"},
        // Length guards: names and short words keep their letters
        {"لبنان", "لبنان"},
        {"إيران", "ايران"},
        {"قانون", "قانون"},
        {"كانون", "كانون"},
        {"بوتين", "بوتين"},
        {"تشرين", "تشرين"},
        {"فلسطين", "فلسطين"},
        {"حزيران", "حزيران"},
        {"باكستان", "باكستان"},
        {"الله", "الله"},
        {"الذين", "الذين"},
        {"حلب", "حلب"},
        {"دار", "دار"},
        {"اب", "اب"},
        // The seeds' names
        {"شويغو", "شويغو"},
        {"كيري", "كير"},
        {"زاخاروفا", "زاخاروف"},
        {"البنتاغون", "بنتاغ"},  // not a dictionary form, but every inflection meets it
        // Not purely Arabic letters: unchanged
        {"2015", "2015"},
        {"f16", "f16"},
        {"reuters", "reuters"},
    };
    for (const Row& r : rows) {
        INFO(r.input);
        CHECK(Analyzer::stem_word(r.input) == r.expected);
    }
}

TEST_CASE("words that must not be conflated stay apart", "[analyzer]") {
    struct Pair {
        const char* a;
        const char* b;
    };
    const Pair pairs[] = {
        {"وزير", "زير"},  // root-initial waw (Snowball arabic makes وزيرا → زير)
        {"وطن", "طن"},    {"وقت", "قت"},     {"لبنان", "لبن"},  // country vs. milk
        {"قانون", "قان"}, {"سلام", "اسلام"}, {"عالم", "علم"},  {"كاتب", "كتاب"}, {"بوتين", "بوت"},
    };
    for (const Pair& p : pairs) {
        INFO(p.a << " vs " << p.b);
        CHECK(Analyzer::stem_word(p.a) != Analyzer::stem_word(p.b));
    }
}

TEST_CASE("the whole pipeline on mixed text", "[analyzer]") {
    struct PipeRow {
        const char* text;
        Words exact;
        Words folded;
        Words stems;
    };
    const PipeRow rows[] = {
        {"وزيرا الدفاع الأميركي والروسي",
         {"وزيرا", "الدفاع", "الأميركي", "والروسي"},
         {"وزيرا", "الدفاع", "الاميركي", "والروسي"},
         {"وزير", "دفاع", "اميرك", "روس"}},
        {"قال مسئول رفيع في 2015م",
         {"قال", "مسئول", "رفيع", "في", "2015", "م"},
         {"قال", "مسءول", "رفيع", "في", "2015", "م"},
         {"قال", "مسءول", "رفيع", "في", "2015", "م"}},
        {"طائرات F-16 في ٢٠١٤",
         {"طائرات", "f", "16", "في", "٢٠١٤"},
         {"طاءرات", "f", "16", "في", "2014"},
         {"طاءر", "f", "16", "في", "2014"}},
        {"ﻻ سلام مع «داعش»",
         {"لا", "سلام", "مع", "داعش"},
         {"لا", "سلام", "مع", "داعش"},
         {"لا", "سلام", "مع", "داعش"}},
        {"Reuters: سيرغي شويغو",
         {"reuters", "سيرغي", "شويغو"},
         {"reuters", "سيرغي", "شويغو"},
         {"reuters", "سيرغ", "شويغو"}},
    };
    for (const PipeRow& r : rows) {
        INFO(r.text);
        CHECK(terms(r.text, &Token::exact) == r.exact);
        CHECK(terms(r.text, &Token::folded) == r.folded);
        CHECK(terms(r.text, &Token::stem) == r.stems);
    }
}

TEST_CASE("tokens keep byte offsets of the raw text and count positions", "[analyzer]") {
    const std::string text = "قال «بوتين»، 2015م F16 ا|لأميركي";
    const auto tokens = default_analyzer().analyze(text);
    Words exact;
    for (const auto& t : tokens) exact.push_back(t.exact);
    CHECK(exact == Words{"قال", "بوتين", "2015", "م", "f16", "الأميركي"});
    Words raw;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        INFO(i);
        CHECK(tokens[i].position == i);
        raw.push_back(text.substr(tokens[i].start, tokens[i].end - tokens[i].start));
    }
    CHECK(raw == Words{"قال", "بوتين", "2015", "م", "F16", "ا|لأميركي"});
    CHECK(text.substr(tokens[1].start, tokens[1].end - tokens[1].start) == "بوتين");
}
