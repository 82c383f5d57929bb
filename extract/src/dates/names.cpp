// SPDX-License-Identifier: GPL-3.0-or-later
// The month-name tables. Names are written here as journalists write them; they are folded
// with the analyser's own folding when the table is built, so every hamza, alef maqsura and
// teh marbuta spelling of a name meets its table entry.
#include "names.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>

namespace fahras::dates::detail {

namespace {

struct NameEntry {
    std::string_view name;  ///< one or two words, as written
    unsigned month;
    bool hijri;
};

// clang-format off
constexpr NameEntry names[] = {
    // Levantine / Iraqi (Syriac-derived) names.
    {"كانون الثاني", 1, false}, {"كانون ثاني", 1, false}, {"شباط", 2, false},
    {"آذار", 3, false}, {"نيسان", 4, false}, {"أيار", 5, false}, {"حزيران", 6, false},
    {"تموز", 7, false}, {"آب", 8, false}, {"أيلول", 9, false},
    {"تشرين الأول", 10, false}, {"تشرين أول", 10, false},
    {"تشرين الثاني", 11, false}, {"تشرين ثاني", 11, false},
    {"كانون الأول", 12, false}, {"كانون أول", 12, false},
    // Egyptian / Gulf transliterations and their common variants.
    {"يناير", 1, false}, {"فبراير", 2, false}, {"فبرایر", 2, false}, {"مارس", 3, false},
    {"أبريل", 4, false}, {"إبريل", 4, false}, {"ابريل", 4, false}, {"أبرايل", 4, false},
    {"مايو", 5, false}, {"يونيو", 6, false}, {"يونيه", 6, false}, {"يوليو", 7, false},
    {"يوليه", 7, false}, {"أغسطس", 8, false}, {"أغسطوس", 8, false}, {"آغسطس", 8, false},
    {"سبتمبر", 9, false}, {"أكتوبر", 10, false}, {"أوكتوبر", 10, false},
    {"اكتوبر", 10, false}, {"نوفمبر", 11, false}, {"نفمبر", 11, false},
    {"ديسمبر", 12, false}, {"دیسمبر", 12, false},
    // Maghrebi: Algerian / Tunisian (French-derived) and Moroccan names.
    {"جانفي", 1, false}, {"فيفري", 2, false}, {"أفريل", 4, false}, {"ماي", 5, false},
    {"جوان", 6, false}, {"جويلية", 7, false}, {"جوييلية", 7, false}, {"أوت", 8, false},
    {"يوليوز", 7, false}, {"غشت", 8, false}, {"شتنبر", 9, false}, {"نونبر", 11, false},
    {"دجنبر", 12, false},
    // Hijri months and their spelling variants.
    {"محرم", 1, true}, {"المحرم", 1, true}, {"صفر", 2, true},
    {"ربيع الأول", 3, true}, {"ربيع أول", 3, true}, {"ربيع الاول", 3, true},
    {"ربيع الثاني", 4, true}, {"ربيع الآخر", 4, true}, {"ربيع ثاني", 4, true},
    {"ربيع آخر", 4, true},
    {"جمادى الأولى", 5, true}, {"جمادى الأول", 5, true}, {"جمادى أولى", 5, true},
    {"جمادى الآخرة", 6, true}, {"جمادى الثانية", 6, true}, {"جمادى الآخر", 6, true},
    {"جمادى الثاني", 6, true}, {"جمادى آخرة", 6, true},
    {"رجب", 7, true}, {"شعبان", 8, true}, {"رمضان", 9, true}, {"شوال", 10, true},
    {"ذو القعدة", 11, true}, {"ذي القعدة", 11, true}, {"ذوالقعدة", 11, true},
    {"ذو الحجة", 12, true}, {"ذي الحجة", 12, true}, {"ذوالحجة", 12, true},
};
// clang-format on

/// A table entry, folded: the words of its name.
struct FoldedName {
    std::vector<std::string> words;
    unsigned month;
    bool hijri;
};

/// Folded first word → the names starting with it, longest first.
const std::map<std::string, std::vector<FoldedName>, std::less<>>& name_index() {
    static const auto index = [] {
        std::map<std::string, std::vector<FoldedName>, std::less<>> out;
        for (const NameEntry& e : names) {
            FoldedName f{{}, e.month, e.hijri};
            for (const Token& t : default_analyzer().analyze(e.name)) f.words.push_back(t.folded);
            if (f.words.empty()) continue;
            out[f.words.front()].push_back(std::move(f));
        }
        for (auto& [word, list] : out) {
            std::stable_sort(list.begin(), list.end(),
                             [](const FoldedName& a, const FoldedName& b) {
                                 return a.words.size() > b.words.size();
                             });
        }
        return out;
    }();
    return index;
}

bool is_space_gap(std::string_view gap) noexcept {
    for (const char c : gap) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
    }
    return true;
}

/// `word` and `word` without a leading proclitic, when it has one (at most three forms; no
/// allocation: this runs for every Arabic word of every article).
struct Forms {
    std::array<std::string_view, 3> form{};
    std::size_t count = 0;
};

Forms unprefixed(std::string_view word) {
    Forms out;
    out.form[out.count++] = word;
    // U+0648 ARABIC LETTER WAW, U+0641 FEH, U+0628 BEH, U+0644 LAM (2 bytes each in UTF-8).
    static constexpr std::string_view waw = "\u0648", feh = "\u0641", beh = "\u0628",
                                      lam = "\u0644";
    std::string_view rest = word;
    if (rest.starts_with(waw) || rest.starts_with(feh)) {
        rest.remove_prefix(2);
        if (rest.size() >= 4) out.form[out.count++] = rest;
    }
    if (rest.starts_with(beh) || rest.starts_with(lam)) {
        rest.remove_prefix(2);
        if (rest.size() >= 4) out.form[out.count++] = rest;
    }
    return out;
}

}  // namespace

std::optional<MonthMatch> match_month(std::string_view text, const std::vector<Token>& tokens,
                                      std::size_t i) {
    if (i >= tokens.size() || tokens[i].kind != TokenKind::arabic) return std::nullopt;
    const auto& index = name_index();
    const Forms forms = unprefixed(tokens[i].folded);
    for (std::size_t f = 0; f < forms.count; ++f) {
        const std::string_view first = forms.form[f];
        const auto it = index.find(first);
        if (it == index.end()) continue;
        for (const FoldedName& name : it->second) {
            if (i + name.words.size() > tokens.size()) continue;
            bool ok = true;
            for (std::size_t k = 1; k < name.words.size() && ok; ++k) {
                const Token& prev = tokens[i + k - 1];
                const Token& t = tokens[i + k];
                ok = t.folded == name.words[k] &&
                     is_space_gap(text.substr(prev.end, t.start - prev.end));
            }
            if (ok) return MonthMatch{name.month, name.hijri, name.words.size()};
        }
    }
    return std::nullopt;
}

std::optional<unsigned> match_weekday(std::string_view folded) {
    // Folded forms: الأحد → الاحد, الأربعاء → الاربعاء, الجمعة → الجمعه.
    static constexpr std::string_view days[] = {"الاحد",  "الاثنين", "الثلاثاء", "الاربعاء",
                                                "الخميس", "الجمعه",  "السبت"};
    if (folded.starts_with("\u0648")) folded.remove_prefix(2);  // U+0648 ARABIC LETTER WAW
    for (unsigned d = 0; d < 7; ++d) {
        if (folded == days[d]) return d;
    }
    if (folded == "الثلاثا") return 2u;
    return std::nullopt;
}

std::optional<Direction> match_direction(std::string_view folded) {
    if (is_one_of(folded, {"الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفاءت", "الفارط",
                           "الفارطه", "الفائته", "الفاءته"})) {
        return Direction::past;
    }
    if (is_one_of(folded, {"الجاري", "الجاريه", "الحالي", "الحاليه"})) return Direction::current;
    if (is_one_of(folded, {"المقبل", "المقبله", "القادم", "القادمه"})) return Direction::next;
    return std::nullopt;
}

bool is_one_of(std::string_view word,
               std::initializer_list<std::string_view> folded_words) noexcept {
    for (const std::string_view w : folded_words) {
        if (word == w) return true;
    }
    return false;
}

}  // namespace fahras::dates::detail
