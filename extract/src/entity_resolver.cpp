// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/extract/entity_resolver.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "fahras/common/utf8.hpp"

#include "entity_words.hpp"  // edit_distance

namespace fahras {

using entity_words::edit_distance;
using entity_words::split_words;

namespace {

bool has_arabic(std::string_view s) {
    std::size_t pos = 0;
    while (pos < s.size()) {
        const char32_t cp = utf8::decode(s, pos);
        if (cp >= 0x0600 && cp <= 0x06FF) return true;
    }
    return false;
}

/// Runs an ICU transform; empty when ICU lacks it. ICU transliterators are not thread-safe:
/// one lock per transform.
std::string icu_transform(const char* id, std::string_view text) {
    struct Transform {
        std::unique_ptr<icu::Transliterator> t;
        std::mutex lock;
    };
    static std::map<std::string, Transform> transforms;
    static std::mutex map_lock;
    Transform* tr = nullptr;
    {
        const std::lock_guard guard(map_lock);
        auto [it, added] = transforms.try_emplace(id);
        if (added) {
            UErrorCode status = U_ZERO_ERROR;
            it->second.t.reset(icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(id),
                                                                   UTRANS_FORWARD, status));
            if (U_FAILURE(status)) it->second.t.reset();
        }
        tr = &it->second;
    }
    if (!tr->t) return {};
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    {
        const std::lock_guard guard(tr->lock);
        tr->t->transliterate(u);
    }
    std::string out;
    u.toUTF8String(out);
    return out;
}

/// Lower-case ASCII letters and spaces of a Latin string (accents dropped).
std::string ascii_lower(std::string_view latin) {
    std::string ascii = icu_transform("Latin-ASCII", latin);
    if (ascii.empty()) ascii = std::string(latin);
    std::string out;
    for (const char c : ascii) {
        if (c >= 'A' && c <= 'Z')
            out += static_cast<char>(c - 'A' + 'a');
        else if (c >= 'a' && c <= 'z')
            out += c;
        else if ((c == ' ' || c == '-') && !out.empty() && out.back() != ' ')
            out += ' ';
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

/// The spelling used to rank transliterations with the same skeleton: vowels and semivowels
/// merged (o/u/w, e/i/y), h after a consonant and doubled letters dropped.
std::string rich(std::string_view ascii) {
    std::string out;
    for (std::size_t i = 0; i < ascii.size(); ++i) {
        char c = ascii[i];
        if (c == 'o' || c == 'w') c = 'u';
        if (c == 'e' || c == 'y') c = 'i';
        if (c == ' ') continue;
        if (!out.empty() && out.back() == c) continue;
        out += c;
    }
    return out;
}

/// Our own Arabic letter table, used when ICU has no Arabic-Latin transform.
std::string fallback_transliteration(std::string_view arabic) {
    static const std::unordered_map<char32_t, const char*> table = {
        {0x0627, "a"},  {0x0628, "b"}, {0x062A, "t"},  {0x062B, "th"}, {0x062C, "j"}, {0x062D, "h"},
        {0x062E, "kh"}, {0x062F, "d"}, {0x0630, "dh"}, {0x0631, "r"},  {0x0632, "z"}, {0x0633, "s"},
        {0x0634, "sh"}, {0x0635, "s"}, {0x0636, "d"},  {0x0637, "t"},  {0x0638, "z"}, {0x0639, ""},
        {0x063A, "gh"}, {0x0641, "f"}, {0x0642, "q"},  {0x0643, "k"},  {0x0644, "l"}, {0x0645, "m"},
        {0x0646, "n"},  {0x0647, "h"}, {0x0648, "w"},  {0x064A, "y"},  {0x0621, ""},  {0x0020, " "},
    };
    std::string out;
    std::size_t pos = 0;
    while (pos < arabic.size()) {
        const auto it = table.find(utf8::decode(arabic, pos));
        if (it != table.end()) out += it->second;
    }
    return out;
}

/// Other readings of a lower-case ASCII name that Arabic transliterations follow: w as a v
/// (German Wilhelm → فيلهلم), v as a w (Persian Velayati → ولايتي), s before t or p as sh
/// (German Steiner → شتاينر).
std::vector<std::string> latin_readings(const std::string& ascii) {
    std::vector<std::string> out;
    auto swap_all = [&](char from, char to) {
        if (ascii.find(from) == std::string::npos) return;
        std::string s = ascii;
        std::replace(s.begin(), s.end(), from, to);
        out.push_back(std::move(s));
    };
    swap_all('w', 'v');
    swap_all('v', 'w');
    if (ascii.size() > 2 && ascii[0] == 's' && (ascii[1] == 't' || ascii[1] == 'p')) {
        out.push_back("sh" + ascii.substr(1));
    }
    return out;
}

}  // namespace

std::string_view to_string(ResolveMethod method) noexcept {
    switch (method) {
        case ResolveMethod::none:
            return "none";
        case ResolveMethod::exact:
            return "exact";
        case ResolveMethod::variant:
            return "variant";
        case ResolveMethod::latin:
            return "latin";
        case ResolveMethod::transliteration:
            return "transliteration";
    }
    return "none";
}

std::string latin_skeleton(std::string_view latin) {
    const std::string s = ascii_lower(latin);
    std::string out;
    auto put = [&out](char c) {
        if (out.empty() || out.back() != c) out += c;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const char next = i + 1 < s.size() ? s[i + 1] : '\0';
        const char after = i + 2 < s.size() ? s[i + 2] : '\0';
        if (c == 't' && next == 's' && after == 'h') continue;  // تش: "tsh" is "ch"
        if (c == 's' && next == 'c' && after == 'h') {
            put('S');
            i += 2;
            continue;
        }  // German
        // A soft c (Cecily, Marcio) is an s; s and z meet (Mendes → مينديز, Susana → سوزانا).
        if (c == 'c' && (next == 'e' || next == 'i' || next == 'y')) {
            put('s');
            continue;
        }
        if (c == 'z') {
            put('s');
            continue;
        }
        if (next == 'h' && (c == 's' || c == 'c')) {
            put('S');
            ++i;
            continue;
        }
        if (next == 'h' && c == 'k') {
            put('X');
            ++i;
            continue;
        }
        if (next == 'h' && c == 'g') {
            put('G');
            ++i;
            continue;
        }
        if (next == 'h' && c == 't') {
            put('t');
            ++i;
            continue;
        }
        if (next == 'h' && c == 'd') {
            put('d');
            ++i;
            continue;
        }
        if (next == 'h' && c == 'p') {
            put('F');
            ++i;
            continue;
        }
        switch (c) {
            case 'g':
            case 'j':
                put('G');
                break;
            case 'k':
            case 'c':
            case 'q':
                put('K');
                break;
            case 'f':
            case 'v':
                put('F');
                break;
            case 'b':
            case 'p':
                put('B');
                break;
            case 'x':
                put('K');
                put('s');
                break;
            case 'a':
            case 'e':
            case 'i':
            case 'o':
            case 'u':
            case 'w':
            case 'y':
            case 'h':
            case ' ':
                break;
            default:
                put(c);
        }
    }
    return out;
}

std::string transliterate_arabic(std::string_view arabic) {
    // U+0629 ARABIC LETTER TEH MARBUTA ends a word in a vowel in Latin spellings (سورية →
    // Syria, الغوطة → Ghouta): write it as an alef, which the folding keeps (it would fold the
    // teh marbuta to a heh, an "h").
    std::string text(arabic);
    for (std::size_t at = text.find("\u0629"); at != std::string::npos;
         at = text.find("\u0629", at + 2)) {
        const std::size_t after = at + 2;
        if (after == text.size() || text[after] == ' ') text.replace(at, 2, "\u0627");
    }
    const std::string folded = fold_name(text);
    std::string latin = icu_transform("Arabic-Latin; Latin-ASCII", folded);
    if (latin.empty()) latin = fallback_transliteration(folded);
    return ascii_lower(latin);
}

struct EntityResolver::Impl {
    struct Spelling {
        std::size_t entity;
        std::string rich;
        std::string plain;    ///< the transliteration itself, to break ties
        std::size_t penalty;  ///< 1 for one word of a longer name or a name without its article
    };

    std::vector<Entity> entities;
    Gazetteer arabic;  // the same entities, for folded and key lookups
    std::unordered_map<std::string, std::vector<std::size_t>> latin_full;
    std::unordered_map<std::string, std::vector<std::size_t>> latin_word;
    std::unordered_map<std::string, std::vector<Spelling>> skeletons;

    void add_transliteration(std::size_t index, std::string_view name) {
        const std::string latin = transliterate_arabic(name);
        if (latin.empty()) return;
        add_spelling(index, latin, 0);
        // The article ال ("al") is left out of most Latin spellings (الغوطة → Ghouta, الأسد →
        // Assad): a name or a word that starts with it is also kept without it.
        const std::vector<std::string> words = split_words(latin);
        const std::vector<std::string> arabic_words = split_words(fold_name(name));
        const bool aligned = words.size() == arabic_words.size();
        auto article = [&](std::size_t w) {
            return aligned && arabic_words[w].starts_with("\u0627\u0644") &&
                   words[w].starts_with("al") && words[w].size() >= 5;
        };
        if (words.size() == 1) {
            if (article(0)) add_spelling(index, words[0].substr(2), 1);
            return;
        }
        for (std::size_t w = 0; w < words.size(); ++w) {
            const std::string word = article(w) ? words[w].substr(2) : words[w];
            if (word.size() >= 3 && !word.starts_with("al")) add_spelling(index, word, 1);
        }
    }

    void add_spelling(std::size_t index, const std::string& latin, std::size_t penalty) {
        std::string plain = latin;
        plain.erase(std::remove(plain.begin(), plain.end(), ' '), plain.end());
        skeletons[latin_skeleton(latin)].push_back({index, rich(latin), std::move(plain), penalty});
    }

    /// A Latin name or alias, whole; `words`: its single words too (the English name only —
    /// GeoNames aliases such as "Oakland i California" would make California Oakland).
    void add_latin(std::size_t index, std::string_view name, bool words) {
        const std::string key = ascii_lower(name);
        if (key.empty()) return;
        auto push = [index](std::vector<std::size_t>& list) {
            if (std::find(list.begin(), list.end(), index) == list.end()) list.push_back(index);
        };
        push(latin_full[key]);
        if (!words || key.find(' ') == std::string::npos) return;
        for (const std::string& word : split_words(key)) {
            if (word.size() >= 3) push(latin_word[word]);
        }
    }
};

EntityResolver::EntityResolver(std::vector<Entity> entities) : m_impl(std::make_unique<Impl>()) {
    Impl& d = *m_impl;
    d.entities = std::move(entities);
    for (std::size_t i = 0; i < d.entities.size(); ++i) {
        const Entity& e = d.entities[i];
        d.arabic.add(e);
        if (!e.latin.empty()) d.add_latin(i, e.latin, true);
        for (const std::string& alias : e.aliases) {
            if (has_arabic(alias))
                d.add_transliteration(i, alias);
            else
                d.add_latin(i, alias, false);
        }
        d.add_transliteration(i, e.name);
    }
}

EntityResolver::~EntityResolver() = default;
EntityResolver::EntityResolver(EntityResolver&&) noexcept = default;
EntityResolver& EntityResolver::operator=(EntityResolver&&) noexcept = default;

const Entity* EntityResolver::find_id(std::string_view id) const {
    return m_impl->arabic.find_id(id);
}

Resolution EntityResolver::resolve(std::string_view name, std::optional<EntityKind> kind) const {
    const Impl& d = *m_impl;
    Resolution r;
    auto accept = [&](const Entity& e) { return !kind || e.kind == *kind; };
    auto take = [&](const std::vector<std::size_t>* list, ResolveMethod method,
                    const Gazetteer* g) {
        if (list == nullptr) return false;
        for (const std::size_t i : *list) {
            const Entity& e = g != nullptr ? g->at(i) : d.entities[i];
            if (accept(e) && std::find(r.ids.begin(), r.ids.end(), e.id) == r.ids.end()) {
                r.ids.push_back(e.id);
            }
        }
        if (r.ids.empty()) return false;
        r.method = method;
        return true;
    };
    // A canonical id, as a facet shows it: drill down from the facet to the articles.
    if (const Entity* e = d.arabic.find_id(name); e != nullptr && accept(*e)) {
        r.ids.push_back(e->id);
        r.method = ResolveMethod::exact;
        return r;
    }
    if (has_arabic(name)) {
        const std::string folded = fold_name(name);
        if (take(d.arabic.find_exact(folded), ResolveMethod::exact, &d.arabic)) return r;
        if (take(d.arabic.find_key(name_key(folded)), ResolveMethod::variant, &d.arabic)) {
            return r;
        }
        // Written long vowels (بوتن/بوتين): only for a name of four letters or more.
        if (utf8::length(folded) >= 4) {
            take(d.arabic.find_loose_key(name_loose_key(folded)), ResolveMethod::variant,
                 &d.arabic);
        }
        return r;
    }
    const std::string key = ascii_lower(name);
    if (key.empty()) return r;
    if (const auto it = d.latin_full.find(key);
        it != d.latin_full.end() && take(&it->second, ResolveMethod::latin, nullptr)) {
        return r;
    }
    if (const auto it = d.latin_word.find(key);
        it != d.latin_word.end() && take(&it->second, ResolveMethod::latin, nullptr)) {
        return r;
    }
    // Transliteration: same skeleton (or one edit away for longer ones), then closest spelling.
    const std::string skeleton = latin_skeleton(key);
    if (skeleton.empty()) return r;
    const std::string wanted = rich(key);
    std::string plain = key;
    plain.erase(std::remove(plain.begin(), plain.end(), ' '), plain.end());
    // Ranked by the distance between vowel-merged spellings, then (ties) between the letters
    // as written: Bonnie is بوني before البوني.
    std::size_t best = std::string::npos;
    std::size_t best_tie = std::string::npos;
    std::set<std::size_t> best_entities;
    auto consider = [&](const std::vector<Impl::Spelling>& list, const std::string& spelling,
                        std::size_t penalty) {
        for (const Impl::Spelling& s : list) {
            if (!accept(d.entities[s.entity])) continue;
            const std::size_t score = edit_distance(spelling, s.rich) * 2 + penalty + s.penalty;
            if (score > best) continue;
            const std::size_t tie = edit_distance(plain, s.plain);
            if (score < best || tie < best_tie) {
                best = score;
                best_tie = tie;
                best_entities.clear();
            }
            if (tie == best_tie) best_entities.insert(s.entity);
        }
    };
    if (const auto it = d.skeletons.find(skeleton); it != d.skeletons.end()) {
        consider(it->second, wanted, 0);
    }
    // Other readings of the Latin letters (German w and initial s, Persian v …), a little
    // further away.
    for (const std::string& other : latin_readings(key)) {
        const std::string other_skeleton = latin_skeleton(other);
        if (other_skeleton == skeleton) continue;
        if (const auto it = d.skeletons.find(other_skeleton); it != d.skeletons.end()) {
            consider(it->second, rich(other), 1);
        }
    }
    // One edit away from the skeleton: only when the spelling is close too (a different
    // consonant is a different name more often than not).
    if (best_entities.empty() && skeleton.size() >= 3) {
        for (const auto& [other, list] : d.skeletons) {
            if (other.size() + 1 >= skeleton.size() && other.size() <= skeleton.size() + 1 &&
                edit_distance(other, skeleton) == 1) {
                consider(list, wanted, 2);
            }
        }
        if (best > wanted.size()) return r;
    }
    // Nothing close: say so rather than name the nearest wrong entity. A one-consonant
    // skeleton (Anna, Hilali) leaves too many names: one letter's difference at most.
    if (best_entities.empty() || (skeleton.size() < 2 && best > 2)) return r;
    for (const std::size_t i : best_entities) r.ids.push_back(d.entities[i].id);
    r.method = ResolveMethod::transliteration;
    return r;
}

}  // namespace fahras
