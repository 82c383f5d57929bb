// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/stem.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_set>

#include "fahras/common/utf8.hpp"

namespace fahras {

namespace {

// The stemmer sees folded text only: أ إ آ ٱ are ا, ة is ه, ى is ي, ؤ ئ are ء.

/// A prefix and the least number of letters that must remain after removing it.
struct Affix {
    std::u32string_view text;
    std::size_t min_remaining;
};

/// Article and conjunction prefixes, longest first; at most one is removed. The article
/// forms leave two letters at least (بالحج → حج); a lone و leaves three (وقال → قال).
constexpr std::array<Affix, 7> prefixes{{
    {U"وال", 2},
    {U"فال", 2},
    {U"بال", 2},
    {U"كال", 2},
    {U"لل", 2},
    {U"ال", 2},
    {U"و", 3},
}};

/// Suffixes, tried in this order, each removed at most once. The guards keep names and short
/// words whole: ان needs five letters left (لبنان، ايران، برلمان، عثمان stay), ون four
/// (قانون، كانون stay), ين four (تشرين، بوتين stay); the others three. ا comes before ه and ي so
/// that the nisba family meets: سوريا → سوري → سور, سوريه → سور, سوري → سور.
constexpr std::array<Affix, 9> suffixes{{
    {U"ها", 3},
    {U"ان", 5},
    {U"ات", 3},
    {U"ون", 4},
    {U"ين", 4},
    {U"يه", 3},
    {U"ا", 3},
    {U"ه", 3},
    {U"ي", 3},
}};

/// Stems whose initial و is a root letter, not the conjunction: a word starting with one of
/// these keeps its و (وزيرا → وزير, not زيرا). Folded spellings.
const std::unordered_set<std::u32string>& root_waw_stems() {
    static const std::unordered_set<std::u32string> stems{
        U"وزير", U"وزار", U"وطن",    U"وقت",    U"وضع",   U"وصل",  U"وجه",   U"وقع",  U"وفد",
        U"وكال", U"ولاي", U"واشنطن", U"وكيل",   U"وسط",   U"وحد",  U"وثيق",  U"وعد",  U"وفق",
        U"ورد",  U"وصف",  U"وجود",   U"وزن",    U"وظيف",  U"وقف",  U"وادي",  U"واقع", U"واجب",
        U"وسيل", U"وراء", U"وداع",   U"ورق",    U"وعي",   U"وفاه", U"وفات",  U"وحيد", U"وديع",
        U"وسام", U"وصول", U"وضوح",   U"وقود",   U"وباء",  U"ونس",  U"وهران", U"ويلز", U"وليد",
        U"وائل", U"وءام", U"وليم",   U"ويليام", U"وارسو", U"وحش",  U"وسيم",  U"وطني", U"وفيق",
        U"ورث",  U"ورش",  U"وزع",    U"وصي",    U"وعظ",   U"وفر",  U"وقاي",  U"وهب",  U"وثاءق",
    };
    return stems;
}

/// Words the prefix rules must not touch: their ال is part of the word.
const std::unordered_set<std::u32string>& unprefixable_words() {
    static const std::unordered_set<std::u32string> words{
        U"الله",   U"الذي",   U"التي",   U"الذين", U"اللذين",
        U"اللتين", U"اللذان", U"اللتان", U"الان",  U"الا",
    };
    return words;
}

/// Words (after any prefix) the suffix rules must leave whole: names and months that end
/// in letters the rules would strip.
const std::unordered_set<std::u32string>& unsuffixable_words() {
    static const std::unordered_set<std::u32string> words{
        U"فلسطين",    U"حزيران",   U"سليمان",    U"باكستان",    U"افغانستان",
        U"كازاخستان", U"ازبكستان", U"طاجيكستان", U"تركمانستان", U"قيرغيزستان",
        U"كردستان",   U"داغستان",  U"هندوستان",  U"هذين",       U"هاتين",
    };
    return words;
}

bool is_arabic_letter(char32_t c) noexcept {
    return (c >= 0x0621 && c <= 0x064A) || (c >= 0x0671 && c <= 0x06D3) ||
           (c >= 0x06FA && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
           (c >= 0x08A0 && c <= 0x08FF);
}

bool starts_with(const std::u32string& w, std::u32string_view p) {
    return w.size() >= p.size() && std::u32string_view(w).substr(0, p.size()) == p;
}

bool ends_with(const std::u32string& w, std::u32string_view s) {
    return w.size() >= s.size() && std::u32string_view(w).substr(w.size() - s.size()) == s;
}

/// True if `w` (after any article) begins with a stem whose initial و is a root letter.
bool has_root_waw(const std::u32string& w) {
    const auto& stems = root_waw_stems();
    for (std::size_t n = 2; n <= w.size() && n <= 7; ++n) {
        if (stems.count(w.substr(0, n)) != 0U) return true;
    }
    return false;
}

}  // namespace

const std::vector<std::string>& stem_prefixes() {
    static const std::vector<std::string> out = [] {
        std::vector<std::string> list;
        for (const Affix& p : prefixes) list.push_back(utf8::from_u32(p.text));
        return list;
    }();
    return out;
}

bool is_arabic_word(std::string_view folded) {
    const std::u32string w = utf8::to_u32(folded);
    return !w.empty() && std::all_of(w.begin(), w.end(), is_arabic_letter);
}

std::string_view strip_article_prefix(std::string_view folded) {
    if (!is_arabic_word(folded)) return folded;
    const std::u32string w = utf8::to_u32(folded);
    for (const Affix& p : prefixes) {
        if (p.text == U"و" || !starts_with(w, p.text) ||
            w.size() - p.text.size() < p.min_remaining) {
            continue;
        }
        return folded.substr(utf8::from_u32(p.text).size());
    }
    return folded;
}

std::string stem_arabic(std::string_view folded) {
    std::u32string w = utf8::to_u32(folded);
    if (w.size() < 3 || !std::all_of(w.begin(), w.end(), is_arabic_letter)) {
        return std::string(folded);
    }
    if (unprefixable_words().count(w) != 0U) return std::string(folded);

    for (const Affix& p : prefixes) {
        if (!starts_with(w, p.text) || w.size() - p.text.size() < p.min_remaining) continue;
        std::u32string rest = w.substr(p.text.size());
        if (p.text == U"و" && has_root_waw(w) && !has_root_waw(rest)) break;
        w = std::move(rest);
        break;
    }
    if (unsuffixable_words().count(w) != 0U) return utf8::from_u32(w);

    for (const Affix& s : suffixes) {
        if (ends_with(w, s.text) && w.size() - s.text.size() >= s.min_remaining) {
            w.resize(w.size() - s.text.size());
        }
    }
    return utf8::from_u32(w);
}

}  // namespace fahras
