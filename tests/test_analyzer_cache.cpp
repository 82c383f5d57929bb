// SPDX-License-Identifier: GPL-3.0-or-later
// Analyzer::analyze() looks the clean, fold and stem steps of words up in a per-thread
// FoldCache: these tests check that it gives the tokens the uncached pipeline gives, on first
// sight, on second sight, after the cache starts afresh, and when a sink analyses text itself.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/analyzer_steps.hpp"

using namespace fahras;

namespace {

/// Every field of a token, for comparison.
struct Seen {
    std::size_t start;
    std::size_t end;
    std::uint32_t position;
    TokenKind kind;
    std::string exact;
    std::string folded;
    std::string stem;
    bool operator==(const Seen&) const = default;
};

/// The pipeline without any cache: analyze_unstemmed() with no cache, then stem_token().
std::vector<Seen> uncached(std::string_view text) {
    std::vector<Seen> out;
    analyze_unstemmed(default_analyzer(), text, nullptr, [&](const Token& t) {
        out.push_back({t.start, t.end, t.position, t.kind, t.exact, t.folded, stem_token(t)});
    });
    return out;
}

std::vector<Seen> cached(std::string_view text) {
    std::vector<Seen> out;
    default_analyzer().analyze(text, [&](const Token& t) {
        out.push_back({t.start, t.end, t.position, t.kind, t.exact, t.folded, t.stem});
    });
    return out;
}

/// Texts whose words take each path of the clean step: plain ASCII, NFKC and case folding,
/// harakat and tatweel dropped, a U+FDFA ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM that
/// cleans to several words, a U+007C VERTICAL LINE inside an Arabic word, invalid UTF-8,
/// words over the length limit, digits of both kinds, and the same letters as different kinds.
const char* const texts[] = {
    "وزيرا الدفاع الأميركي والروسي وزيرا الدفاع",
    "قال مسئول رفيع في 2015م قال مسئول",
    "طائرات F-16 في ٢٠١٤ و F16 و f16",
    "ﻻ سلام مع «داعش» ﻻ سلام",
    "مُحَمَّد ﷺ مُحَمَّد ﷺ الـــعربية",
    "ا|لأميركي ا|لأميركي الأميركي",
    "bad \xff\xfe utf8 bad \xff\xfe",
    "Ｆｕｌｌｗｉｄｔｈ ＡＢＣ Straße STRASSE",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b",
    "3D 3 D 3.5 ٣٫٥ 2,500",
    "",
};

}  // namespace

TEST_CASE("the word cache gives the tokens of the uncached pipeline", "[analyzer]") {
    for (const char* text : texts) {
        INFO(text);
        const std::vector<Seen> expected = uncached(text);
        CHECK(cached(text) == expected);  // first sight (or seen by an earlier test)
        CHECK(cached(text) == expected);  // second sight: from the cache
    }
}

TEST_CASE("the word cache starts afresh and stays right", "[analyzer]") {
    // More distinct words than the cache holds, then the table again.
    std::string many;
    for (std::size_t i = 0; i <= FoldCache::max_words + 10; ++i) {
        many += "w" + std::to_string(i) + " ";
    }
    std::size_t count = 0;
    default_analyzer().analyze(many, [&](const Token&) { ++count; });
    CHECK(count == FoldCache::max_words + 11);
    for (const char* text : texts) {
        INFO(text);
        CHECK(cached(text) == uncached(text));
    }
}

TEST_CASE("a sink may analyse text itself while the cache is in use", "[analyzer]") {
    const std::string outer = "وزيرا الدفاع الأميركي";
    std::vector<Seen> inner_seen;
    std::vector<Seen> outer_seen;
    default_analyzer().analyze(outer, [&](const Token& t) {
        outer_seen.push_back({t.start, t.end, t.position, t.kind, t.exact, t.folded, t.stem});
        for (const Seen& s : cached(texts[1])) inner_seen.push_back(s);
    });
    CHECK(outer_seen == uncached(outer));
    std::vector<Seen> expected_inner;
    for (int i = 0; i < 3; ++i) {
        for (const Seen& s : uncached(texts[1])) expected_inner.push_back(s);
    }
    CHECK(inner_seen == expected_inner);
}

TEST_CASE("FoldCache keeps stems only when asked", "[analyzer]") {
    FoldCache with(true);
    FoldCache without;
    const auto& a = with.parts("والروسي", TokenKind::arabic);
    REQUIRE(a.size() == 1);
    CHECK(a[0].exact == "والروسي");
    CHECK(a[0].folded == "والروسي");
    CHECK(a[0].stem == "روس");
    const auto& b = without.parts("والروسي", TokenKind::arabic);
    REQUIRE(b.size() == 1);
    CHECK(b[0].stem.empty());
    // The kind decides the stem: the same letters as an "other" word are not stemmed.
    const auto& c = with.parts("والروسي", TokenKind::other);
    REQUIRE(c.size() == 1);
    CHECK(c[0].stem == "والروسي");
    // U+FDFA ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM cleans to four words.
    CHECK(with.parts("ﷺ", TokenKind::arabic).size() == 4);
}
