// SPDX-License-Identifier: GPL-3.0-or-later
#include "entity_words.hpp"

#include "fahras/common/analyzer.hpp"
#include "fahras/common/utf8.hpp"
#include "arabic_letters.hpp"

namespace fahras::entity_words {

using namespace arabic_letters;

/// Letters of a folded word after the article.
std::size_t letters_after_article(std::string_view folded) {
    const std::size_t n = utf8::length(folded);
    return folded.starts_with("\u0627\u0644") ? n - 2 : n;
}

/// The readings of a folded word, the word itself first: و/ف, then ب/ك/ل, then لل → ال.
std::vector<Reading> readings(std::string_view folded) {
    std::vector<Reading> out;
    out.push_back({std::string(folded), 0});
    const std::u32string w = utf8::to_u32(folded);
    std::size_t at = 0;
    if (w.size() > at + min_stem_letters && (w[at] == waw || w[at] == feh)) {
        ++at;
        out.push_back({utf8::from_u32(w.substr(at)), at});
    }
    if (w.size() > at + min_stem_letters && (w[at] == beh || w[at] == kaf || w[at] == lam)) {
        if (w[at] == lam && w[at + 1] == lam) {
            // لل + noun: the preposition ل merged with the article's alef.
            out.push_back({utf8::from_u32(U"\u0627" + w.substr(at + 1)), at + 1, true});
        }
        out.push_back({utf8::from_u32(w.substr(at + 1)), at + 1});
    }
    return out;
}

/// The cleaned form of a token without its first `letters` code points.
std::string drop_letters(const std::string& exact, std::size_t letters) {
    std::size_t pos = 0;
    for (std::size_t i = 0; i < letters && pos < exact.size(); ++i) (void)utf8::decode(exact, pos);
    return exact.substr(pos);
}

bool starts_with_article(std::string_view folded) { return folded.starts_with("\u0627\u0644"); }

/// A nisba adjective with the article (الأمريكي، الروسية): skipped between a title and a name.
bool is_nisba(std::string_view folded) {
    if (!starts_with_article(folded)) return false;
    const std::u32string w = utf8::to_u32(folded);
    if (w.size() < 5) return false;
    return w.back() == yeh || (w.back() == heh && w[w.size() - 2] == yeh);
}

/// The cue words, folded.
const std::unordered_map<std::string, Cue>& cue_words() {
    static const std::unordered_map<std::string, Cue> cues = [] {
        std::unordered_map<std::string, Cue> m;
        for (const char* w : {"الرئيس", "الرئيسه", "الملك", "الامير", "الاميره", "الشيخ",
                              "السفير", "السفيره", "المستشار", "المستشاره", "الجنرال", "العقيد",
                              "اللواء", "العميد", "الوزير", "الوزيره", "المبعوث", "المبعوثه",
                              "الدكتور", "السيد", "السيده", "النائب", "القاضي", "المدرب",
                              "اللاعب", "الفنان", "الفنانه", "الكاتب", "الامين"}) {
            m.emplace(Analyzer::fold_word(w), Cue::person_title);
        }
        for (const char* w : {"وزير", "وزيره", "رئيس", "رئيسه", "مدير", "مديره", "قائد",
                              "زعيم", "امين", "نائب", "سفير", "مستشار"}) {
            m.emplace(Analyzer::fold_word(w), Cue::office);
        }
        for (const char* w : {"الناطق", "الناطقه", "المتحدث", "المتحدثه"}) {
            m.emplace(Analyzer::fold_word(w), Cue::spokesperson);
        }
        for (const char* w : {"حزب", "حركه", "تنظيم", "وكاله", "جماعه", "جبهه", "منظمه",
                              "شركه", "صحيفه", "قناه", "جامعه", "نادي"}) {
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
