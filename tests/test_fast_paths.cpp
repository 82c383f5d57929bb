// SPDX-License-Identifier: GPL-3.0-or-later
// Fast paths that must give what the slow ones give: clean() returns text that is_clean()
// accepts without calling ICU (checked against ICU's NFKC_Casefold itself), and
// utf8::decode() decodes ASCII and two-byte sequences inline (checked against decode_any()).
#include <string>
#include <vector>

#include <unicode/normalizer2.h>
#include <catch2/catch.hpp>

#include "fahras/common/clean.hpp"
#include "fahras/common/fold.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/common/utf8.hpp"

using namespace fahras;

namespace {

/// What clean() computes for valid UTF-8 when it calls ICU: NFKC_Casefold, then the dropped
/// code points taken out.
std::string reference_clean(const std::string& text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    REQUIRE(U_SUCCESS(status));
    std::string normalised;
    icu::StringByteSink<std::string> sink(&normalised);
    n->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink,
                     nullptr, status);
    REQUIRE(U_SUCCESS(status));
    std::string out;
    std::size_t pos = 0;
    while (pos < normalised.size()) {
        const std::size_t at = pos;
        if (!is_dropped(utf8::decode(normalised, pos))) out.append(normalised, at, pos - at);
    }
    return out;
}

std::string encode(char32_t cp) {
    std::string s;
    utf8::append(s, cp);
    return s;
}

}  // namespace

TEST_CASE("is_clean: text it accepts is its own clean form", "[analyzer]") {
    // Every code point below U+0800 that is_clean() accepts, alone and between letters.
    std::vector<std::string> kept;
    for (char32_t cp = 1; cp < 0x800; ++cp) {
        const std::string s = encode(cp);
        if (!is_clean(s)) continue;
        kept.push_back(s);
        INFO(static_cast<unsigned>(cp));
        CHECK(reference_clean(s) == s);
        CHECK(reference_clean("a" + s + "b") == "a" + s + "b");
        CHECK(reference_clean("\u0628" + s + "\u0628") == "\u0628" + s + "\u0628");
    }
    // Plain Arabic letters, digits and punctuation are accepted.
    CHECK(kept.size() > 150);
    // Every pair of accepted code points stays as it is.
    std::size_t pairs = 0;
    for (const std::string& a : kept) {
        for (const std::string& b : kept) {
            const std::string ab = a + b;
            if (reference_clean(ab) != ab) FAIL_CHECK("pair changes: " << ab);
            ++pairs;
        }
    }
    CHECK(pairs == kept.size() * kept.size());
}

TEST_CASE("is_clean: text clean() changes is refused", "[analyzer]") {
    const char* const changed[] = {
        "Reuters",          // Latin capital
        "عـربي",            // U+0640 ARABIC TATWEEL
        "كَتب",              // U+064E ARABIC FATHA
        "\u0627\u0654حمد",  // U+0654 ARABIC HAMZA ABOVE composes with alef
        "حلب\u00A0اليوم",   // U+00A0 NO-BREAK SPACE
        "سو\u200Bريا",      // U+200B ZERO WIDTH SPACE (three bytes)
        "\uFEFB",           // ARABIC LIGATURE LAM WITH ALEF ISOLATED FORM
        "\xff\xfe",         // ill-formed
        "\xd8",             // truncated
        "\xc0\xaf",         // overlong
        "ﬁ",                // U+FB01 LATIN SMALL LIGATURE FI
        "\u00AD",           // U+00AD SOFT HYPHEN
    };
    for (const char* text : changed) {
        INFO(text);
        CHECK_FALSE(is_clean(text));
    }
    // Ordinary news text is accepted, and clean() gives it back unchanged.
    const std::string line = "قال وزير الخارجية، في مؤتمر صحفي يوم 12 مارس: \"لا اتفاق\".";
    CHECK(is_clean(line));
    CHECK(clean(line) == line);
    CHECK(reference_clean(line) == line);
    CHECK(is_clean(""));
}

TEST_CASE("utf8::decode: the inline cases agree with decode_any on every two-byte start",
          "[analyzer]") {
    // Every lead byte with every second byte, followed by a continuation byte, by ASCII, or by
    // nothing (truncated), at the start and after one ASCII byte.
    for (unsigned b0 = 0; b0 < 0x100; ++b0) {
        for (unsigned b1 = 0; b1 < 0x100; ++b1) {
            for (const std::string& tail : {std::string("\x80"), std::string("a"), std::string()}) {
                for (const std::string& head : {std::string(), std::string("x")}) {
                    const std::string s =
                        head + static_cast<char>(b0) + static_cast<char>(b1) + tail;
                    std::size_t fast_pos = head.size();
                    std::size_t full_pos = head.size();
                    const char32_t fast = utf8::decode(s, fast_pos);
                    const char32_t full = utf8::decode_any(s, full_pos);
                    if (fast != full || fast_pos != full_pos) {
                        FAIL_CHECK("bytes " << b0 << " " << b1 << " tail " << tail.size());
                    }
                }
            }
        }
    }
    // A lone lead byte at the end of the text.
    for (unsigned b0 = 0x80; b0 < 0x100; ++b0) {
        const std::string s(1, static_cast<char>(b0));
        std::size_t pos = 0;
        CHECK(utf8::decode(s, pos) == utf8::invalid);
        CHECK(pos == 1);
    }
}

TEST_CASE("fold and collapse_spaces copy the unchanged runs and change the rest", "[analyzer]") {
    struct Row {
        std::string in;
        std::string folded;
    };
    const Row rows[] = {
        {"", ""},
        {"abc", "abc"},
        {"أحمد", "احمد"},                              // U+0623 at the start
        {"مسؤولة", "مسءوله"},                          // inside and at the end
        {"الأمم المتحدة ٢٠١٤", "الامم المتحده 2014"},  // several, with ASCII between
        {"a\xff"
         "b\xd8",
         "a\uFFFDb\uFFFD"},      // ill-formed and truncated bytes
        {"\uFFFDى", "\uFFFDي"},  // a real U+FFFD stays
        {"ﻻ", "ﻻ"},              // presentation forms are clean()'s work
    };
    for (const Row& r : rows) {
        INFO(r.in);
        CHECK(fold(r.in) == r.folded);
    }
    CHECK(collapse_spaces("a") == "a");
    CHECK(collapse_spaces("  a  b\t\tc \n") == "a b c");
    CHECK(collapse_spaces("قال  الرئيس") == "قال الرئيس");
    CHECK(collapse_spaces("").empty());
}
