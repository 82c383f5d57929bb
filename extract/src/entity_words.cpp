// SPDX-License-Identifier: GPL-3.0-or-later
#include "entity_words.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "arabic_letters.hpp"
#include "fahras/common/analyzer.hpp"
#include "fahras/common/utf8.hpp"

namespace fahras::entity_words {

using namespace arabic_letters;

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> out;
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find(' ', begin);
        if (end == std::string_view::npos) end = text.size();
        if (end > begin) out.emplace_back(text.substr(begin, end - begin));
        begin = end + 1;
    }
    return out;
}

/// Letters of a folded word after the article.
std::size_t letters_after_article(std::string_view folded) {
    const std::size_t n = utf8::length(folded);
    return folded.starts_with("\u0627\u0644") ? n - 2 : n;
}

/// The readings of a folded word, the word itself first: و/ف, then ب/ك/ل, then لل → ال.
/// Ill-formed bytes read as U+FFFD REPLACEMENT CHARACTER in the readings after the first.
std::vector<Reading> readings(std::string_view folded) {
    std::vector<Reading> out;
    out.push_back({std::string(folded), 0});
    std::string sanitised;
    std::string_view s = folded;
    if (utf8::first_invalid(folded) != std::string_view::npos) {
        sanitised = utf8::sanitize(folded);
        s = sanitised;
    }
    // The first three code points and where each starts; `n` code points in all.
    const std::size_t n = utf8::length(s);
    if (n <= min_stem_letters) return out;
    std::array<char32_t, 3> w{};
    std::array<std::size_t, 3> starts{};
    std::size_t pos = 0;
    for (std::size_t k = 0; k < 3; ++k) {
        starts[k] = pos;
        w[k] = utf8::decode(s, pos);
    }
    std::size_t at = 0;
    if (n > at + min_stem_letters && (w[at] == waw || w[at] == feh)) {
        ++at;
        out.push_back({std::string(s.substr(starts[at])), at});
    }
    if (n > at + min_stem_letters && (w[at] == beh || w[at] == kaf || w[at] == lam)) {
        if (w[at] == lam && w[at + 1] == lam) {
            // لل + noun: the preposition ل merged with the article's alef.
            out.push_back({"\u0627" + std::string(s.substr(starts[at + 1])), at + 1, true});
        }
        out.push_back({std::string(s.substr(starts[at + 1])), at + 1});
    }
    return out;
}

/// The cleaned form of a token without its first `letters` code points.
std::string drop_letters(const std::string& exact, std::size_t letters) {
    std::size_t pos = 0;
    for (std::size_t i = 0; i < letters && pos < exact.size(); ++i) (void)utf8::decode(exact, pos);
    return exact.substr(pos);
}

bool starts_with_article(std::string_view folded) {
    return folded.starts_with("\u0627\u0644");
}

/// A nisba adjective with the article (الأمريكي، الروسية): skipped between a title and a name.
bool is_nisba(std::string_view folded) {
    if (!starts_with_article(folded)) return false;
    const std::u32string w = utf8::to_u32(folded);
    if (w.size() < 5) return false;
    return w.back() == yeh || (w.back() == heh && w[w.size() - 2] == yeh);
}

namespace {

/// True when `folded` is a name `g` gives a country (an ISO 3166-1 entry).
bool names_country(const std::u32string& folded, const Gazetteer& g) {
    const auto* found = g.find_exact(utf8::from_u32(folded));
    return found != nullptr && std::any_of(found->begin(), found->end(), [&](std::size_t e) {
               return g.at(e).id.starts_with("iso3166-1:");
           });
}

}  // namespace

bool is_demonym(std::string_view folded, const Gazetteer& g) {
    // Broken plurals of nationalities and peoples, which no suffix rule finds.
    static const std::unordered_set<std::string> plurals = [] {
        std::unordered_set<std::string> s;
        for (const char* w : {"روس",   "عرب",    "أكراد",   "كرد",     "أتراك", "ترك",   "فرس",
                              "ألمان", "إنجليز", "إنكليز",  "هنود",    "يهود",  "أفغان", "أرمن",
                              "شيشان", "صرب",    "أمريكان", "أميركان", "أجانب", "طاجيك", "أوزبك",
                              "تتار",  "أمازيغ", "بربر",    "دروز",    "إغريق", "يونان", "فرنجة"}) {
            s.insert(Analyzer::fold_word(w));
        }
        return s;
    }();
    static const std::u32string article = U"\u0627\u0644";
    // U+064A ARABIC LETTER YEH + U+0648 ARABIC LETTER WAW / U+0646 ARABIC LETTER NOON /
    // U+0627 ARABIC LETTER ALEF / U+062A ARABIC LETTER TEH / U+0647 ARABIC LETTER HEH (teh
    // marbuta once folded): the nisba endings, longest first.
    static const std::u32string suffixes[] = {U"\u064A\u0648\u0646", U"\u064A\u064A\u0646",
                                              U"\u064A\u0627\u062A", U"\u064A\u0647", U"\u064A"};
    for (const Reading& r : readings(folded)) {
        std::u32string w = utf8::to_u32(r.word);
        if (w.starts_with(article)) w.erase(0, 2);
        if (plurals.contains(utf8::from_u32(w))) return true;
        for (const std::u32string& suffix : suffixes) {
            if (w.size() < suffix.size() + 2 || !w.ends_with(suffix)) continue;
            const std::u32string stem = w.substr(0, w.size() - suffix.size());
            for (const std::u32string& country :
                 {stem, stem + U"\u0627", stem + U"\u064A\u0627", article + stem,
                  article + stem + U"\u064A\u0647"}) {
                if (names_country(country, g)) return true;
            }
            break;  // one ending per word: الروسيين is not روسيي + ن
        }
    }
    return false;
}

/// The cue words, folded.
const std::unordered_map<std::string, Cue>& cue_words() {
    static const std::unordered_map<std::string, Cue> cues = [] {
        std::unordered_map<std::string, Cue> m;
        for (const char* w : {"الرئيس",  "الرئيسه", "الملك",    "الامير",    "الاميره", "الشيخ",
                              "السفير",  "السفيره", "المستشار", "المستشاره", "الجنرال", "العقيد",
                              "اللواء",  "العميد",  "الوزير",   "الوزيره",   "المبعوث", "المبعوثه",
                              "الدكتور", "السيد",   "السيده",   "النائب",    "القاضي",  "المدرب",
                              "اللاعب",  "الفنان",  "الفنانه",  "الكاتب",    "الامين"}) {
            m.emplace(Analyzer::fold_word(w), Cue::person_title);
        }
        for (const char* w : {"وزير", "وزيره", "رئيس", "رئيسه", "مدير", "مديره", "قائد", "زعيم",
                              "امين", "نائب", "سفير", "مستشار"}) {
            m.emplace(Analyzer::fold_word(w), Cue::office);
        }
        for (const char* w : {"الناطق", "الناطقه", "المتحدث", "المتحدثه"}) {
            m.emplace(Analyzer::fold_word(w), Cue::spokesperson);
        }
        for (const char* w : {"حزب", "حركه", "تنظيم", "وكاله", "جماعه", "جبهه", "منظمه", "شركه",
                              "صحيفه", "قناه", "جامعه", "نادي"}) {
            m.emplace(Analyzer::fold_word(w), Cue::organisation);
        }
        for (const char* w : {"مدينه", "محافظه", "بلده", "قريه", "ولايه", "مقاطعه", "جزيره"}) {
            m.emplace(Analyzer::fold_word(w), Cue::place);
        }
        return m;
    }();
    return cues;
}

}  // namespace fahras::entity_words
