// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/extract/agencies.hpp"

#include <unordered_map>

#include "fahras/common/clean.hpp"
#include "fahras/common/fold.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"

namespace fahras {

namespace {

// Aliases are written as outlets write them; agency_key() takes care of hamza seats, dots and
// spacing, so "أ ف ب" covers "أ.ف.ب", "ا ف ب" and "أ. ف. ب.".
const std::vector<Agency>& table() {
    static const std::vector<Agency> list = {
        {"AFP",
         "Agence France-Presse",
         {"AFP", "أ ف ب", "فرانس برس", "فرانس پرس", "وكالة فرانس برس", "وكالة الصحافة الفرنسية",
          "فرانس بريس"}},
        {"Reuters", "Reuters", {"Reuters", "رويترز", "رويتر", "رويترس"}},
        {"AP",
         "Associated Press",
         {"AP", "أ ب", "أسوشيتد برس", "أسوشييتد برس", "أسوشيتيد برس", "الأسوشيتد برس", "أسوشيتدبرس",
          "اسوشيتدبرس", "Associated Press"}},
        {"dpa",
         "Deutsche Presse-Agentur",
         {"dpa", "د ب أ", "الوكالة الألمانية", "الألمانية للأنباء"}},
        {"Anadolu", "Anadolu Agency", {"Anadolu", "الأناضول", "الاناضول للأنباء"}},
        {"SPA", "Saudi Press Agency", {"SPA", "واس", "وكالة الأنباء السعودية"}},
        {"SANA", "Syrian Arab News Agency", {"SANA", "سانا", "وكالة الأنباء السورية"}},
        {"WAM", "Emirates News Agency", {"WAM", "وام", "وكالة أنباء الإمارات"}},
        {"KUNA", "Kuwait News Agency", {"KUNA", "كونا", "وكالة الأنباء الكويتية"}},
        {"Petra", "Jordan News Agency", {"Petra", "بترا", "وكالة الأنباء الأردنية"}},
        {"Xinhua", "Xinhua", {"Xinhua", "شينخوا", "شينهوا", "وكالة أنباء الصين الجديدة"}},
        {"QNA", "Qatar News Agency", {"QNA", "قنا", "وكالة الأنباء القطرية"}},
        {"MENA", "Middle East News Agency", {"MENA", "أ ش أ", "وكالة أنباء الشرق الأوسط"}},
        {"BNA", "Bahrain News Agency", {"BNA", "بنا", "وكالة أنباء البحرين"}},
        {"ONA", "Oman News Agency", {"ONA", "العمانية", "وكالة الأنباء العمانية"}},
        {"TAP", "Tunis Afrique Presse", {"TAP", "وات", "وكالة تونس أفريقيا للأنباء"}},
        {"MAP", "Maghreb Arabe Presse", {"MAP", "لاماب", "و م ع", "وكالة المغرب العربي للأنباء"}},
        {"APS", "Algérie Presse Service", {"APS", "وأج", "وكالة الأنباء الجزائرية"}},
        {"INA", "Iraqi News Agency", {"INA", "واع", "وكالة الأنباء العراقية"}},
        {"WAFA", "WAFA", {"WAFA", "وفا", "وكالة الأنباء الفلسطينية"}},
        {"NNA", "National News Agency (Lebanon)", {"NNA", "الوكالة الوطنية للإعلام"}},
        {"IRNA", "Islamic Republic News Agency", {"IRNA", "إرنا", "ارنا"}},
        {"TASS", "TASS", {"TASS", "تاس", "إيتار تاس"}},
        {"Sputnik", "Sputnik", {"Sputnik", "سبوتنيك"}},
        {"EFE", "Agencia EFE", {"EFE", "إفي", "إفي الإسبانية"}},
        {"ANSA", "ANSA", {"ANSA", "آنسا", "أنسا"}},
        {"UPI", "United Press International", {"UPI", "يونايتد برس", "يو بي آي"}},
    };
    return list;
}

/// "وكالة" (agency) in its folded form, dropped from the front of a key.
const std::string& agency_word() {
    static const std::string word = fold(clean("وكالة")) + " ";
    return word;
}

const std::unordered_map<std::string, const Agency*>& alias_index() {
    static const std::unordered_map<std::string, const Agency*> index = [] {
        std::unordered_map<std::string, const Agency*> map;
        for (const Agency& a : table()) {
            for (const std::string_view alias : a.aliases) map.emplace(agency_key(alias), &a);
        }
        return map;
    }();
    return index;
}

}  // namespace

std::span<const Agency> agencies() {
    return table();
}

std::string agency_key(std::string_view text) {
    const std::string folded = fold(clean(text));
    std::string out;
    out.reserve(folded.size());
    bool space = false;
    for (const char c : folded) {
        if (c == ' ' || c == '.' || c == '-' || c == '_' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    if (out.starts_with(agency_word()) && out.size() > agency_word().size()) {
        out.erase(0, agency_word().size());
    }
    return out;
}

const Agency* find_agency(std::string_view text) {
    const std::string key = agency_key(text);
    if (key.empty()) return nullptr;
    const auto& index = alias_index();
    const auto it = index.find(key);
    return it == index.end() ? nullptr : it->second;
}

bool is_generic_agency_credit(std::string_view text) {
    static const std::string arabic = agency_key("وكالات");
    static const std::string arabic_news = agency_key("وكالات الأنباء");
    const std::string key = agency_key(text);
    return key == arabic || key == arabic_news || key == "agencies";
}

std::string agency_filter_term(std::string_view name) {
    if (const Agency* a = find_agency(name)) return agency_term(a->code);
    return agency_term(name);
}

std::string agency_codes() {
    std::string out;
    for (const Agency& a : table()) {
        if (!out.empty()) out += ", ";
        out += a.code;
    }
    return out;
}

}  // namespace fahras
