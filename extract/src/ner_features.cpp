// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/extract/ner_features.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "fahras/common/hash.hpp"
#include "fahras/common/utf8.hpp"

namespace fahras::ner {

namespace {

/// Values standing for the words before the start and after the end of a sentence.
constexpr std::uint64_t before_start = 0x5354415254ULL;  // "START"
constexpr std::uint64_t after_end = 0x454E44ULL;         // "END"

/// Folded trigger words (ة is ه, أ إ آ are ا, ى is ي, ؤ ئ are ء), with and without the article.
const std::unordered_map<std::string_view, Trigger>& triggers() {
    static const std::unordered_map<std::string_view, Trigger> table = [] {
        std::unordered_map<std::string_view, Trigger> t;
        for (std::string_view w :
             {"الرئيس",   "رئيس",     "الرءيس",  "رءيس",     "الرءيسه", "رءيسه",   "وزير",
              "الوزير",   "وزيره",    "الوزيره", "الناطق",   "ناطق",    "المتحدث", "متحدث",
              "المتحدثه", "متحدثه",   "السفير",  "سفير",     "الشيخ",   "شيخ",     "الملك",
              "ملك",      "الملكه",   "الامير",  "امير",     "الاميره", "السيد",   "السيده",
              "الدكتور",  "الدكتوره", "د",       "المستشار", "مستشار",  "الجنرال", "العقيد",
              "اللواء",   "العميد",   "الامين",  "زعيم",     "الزعيم",  "قاءد",    "القاءد",
              "نايب",     "ناءب",     "الناءب",  "النايب",   "المبعوث", "مبعوث",   "الممثل",
              "المدرب",   "مدرب",     "اللاعب",  "لاعب",     "النجم",   "الفنان",  "الفنانه",
              "الكاتب",   "الشاعر",   "المخرج",  "البابا",   "الامام",  "المرشد",  "القاضي",
              "المحامي",  "مدير",     "المدير",  "المندوب",  "مندوب",   "الاستاذ", "المطرب",
              "المغني",   "المغنيه",  "نظيره",   "نظيرها",   "العاهل",  "الجنرال", "المشير",
              "الرءيسان", "الزعيمان", "حاكم",    "الحاكم",   "المرشح",  "مرشح",    "السناتور",
              "النايبه",  "الملا",    "الحاج",   "ولي"}) {
            t.emplace(w, Trigger::person);
        }
        for (std::string_view w :
             {"وكاله",    "الوكاله", "حزب",     "الحزب",    "تنظيم",    "التنظيم",    "حركه",
              "الحركه",   "جماعه",   "الجماعه", "شركه",     "الشركه",   "منظمه",      "المنظمه",
              "جامعه",    "الجامعه", "مجلس",    "المجلس",   "وزاره",    "الوزاره",    "صحيفه",
              "الصحيفه",  "جبهه",    "الجبهه",  "اتحاد",    "الاتحاد",  "هيءه",       "الهيءه",
              "مءسسه",    "المءسسه", "بنك",     "البنك",    "نادي",     "النادي",     "فريق",
              "الفريق",   "منتخب",   "المنتخب", "مجموعه",   "لجنه",     "اللجنه",     "محكمه",
              "المحكمه",  "قناه",    "القناه",  "اذاعه",    "جمعيه",    "الجمعيه",    "مركز",
              "المركز",   "معهد",    "المعهد",  "مصرف",     "المصرف",   "تحالف",      "التحالف",
              "ميليشيا",  "كتاءب",   "لواء",    "جيش",      "الجيش",    "مكتب",       "برلمان",
              "البرلمان", "صندوق",   "الصندوق", "شرطه",     "الشرطه",   "سلطه",       "السلطه",
              "نقابه",    "النقابه", "رابطه",   "الرابطه",  "كليه",     "الكليه",     "اداره",
              "الاداره",  "مصلحه",   "المصلحه", "داءره",    "الداءره",  "بورصه",      "البورصه",
              "مجمع",     "المجمع",  "مستشفي",  "المستشفي", "اكاديميه", "الاكاديميه", "الامم"}) {
            t.emplace(w, Trigger::organisation);
        }
        for (std::string_view w :
             {"مدينه",   "المدينه", "بلده",  "البلده",  "قريه",  "القريه",  "محافظه",  "المحافظه",
              "ولايه",   "الولايه", "اقليم", "الاقليم", "منطقه", "المنطقه", "العاصمه", "عاصمه",
              "مخيم",    "المخيم",  "حي",    "شمال",    "جنوب",  "شرق",     "غرب",     "شمالي",
              "جنوبي",   "شرقي",    "غربي",  "ضاحيه",   "ريف",   "جزيره",   "جزر",     "بحر",
              "نهر",     "مطار",    "ميناء", "ميناء",   "بلدات", "مدن",     "قري",     "دوله",
              "جمهوريه", "مملكه",   "اماره", "وسط"}) {
            t.emplace(w, Trigger::place);
        }
        return t;
    }();
    return table;
}

bool starts_with(std::string_view s, std::string_view p) noexcept {
    return s.substr(0, p.size()) == p;
}

/// Number of code points of valid UTF-8.
std::size_t letters(std::string_view s) noexcept {
    return utf8::length(s);
}

/// Byte offsets of the code point boundaries of `s` (at most the first and last `k`).
void boundaries(std::string_view s, std::vector<std::size_t>& out) {
    out.clear();
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
    }
    out.push_back(s.size());
}

std::uint8_t shape_of(const Token& token, std::size_t n) noexcept {
    std::uint8_t length = 0;
    if (n <= 5) {
        length = static_cast<std::uint8_t>(n);
    } else {
        length = n <= 7 ? 6 : 7;
    }
    return static_cast<std::uint8_t>(static_cast<unsigned>(token.kind) * 8 + length);
}

bool is_arabic_letter_word(std::string_view folded) noexcept {
    // Folded Arabic letters are two bytes starting with 0xD8–0xDB.
    if (folded.empty()) return false;
    const auto b = static_cast<unsigned char>(folded[0]);
    return b >= 0xD8 && b <= 0xDB;
}

}  // namespace

std::uint64_t hash_bytes(std::string_view s) noexcept {
    const std::uint64_t h = hash::fnv1a(s);
    return h == 0 ? 1 : h;
}

std::uint64_t lexicon_hash(std::string_view folded) noexcept {
    std::uint64_t h = hash::fnv_offset;
    for (std::size_t i = 0; i < folded.size(); ++i) {
        auto c = static_cast<unsigned char>(folded[i]);
        // U+063A is D8 BA in UTF-8, U+062C is D8 AC.
        if (c == 0xBA && i > 0 && static_cast<unsigned char>(folded[i - 1]) == 0xD8) c = 0xAC;
        h = hash::fnv1a_byte(h, c);
    }
    return h == 0 ? 1 : h;
}

std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept {
    // splitmix64 finaliser over a combination of the two.
    const std::uint64_t z = hash::splitmix64_finalise(
        a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL + (a << 6) + (a >> 2)));
    return z == 0 ? 1 : z;
}

std::uint64_t start_phrase(std::uint64_t first_word) noexcept {
    return mix(0x50485241ULL, first_word);
}

std::uint64_t extend_phrase(std::uint64_t phrase, std::uint64_t word) noexcept {
    return mix(phrase, word);
}

std::uint64_t feature(std::uint32_t tmpl, std::uint64_t value) noexcept {
    return mix(tmpl, value);
}

Gap classify_gap(std::string_view between) noexcept {
    Gap first = Gap::space;
    std::size_t pos = 0;
    while (pos < between.size()) {
        const char32_t cp = utf8::decode(between, pos);
        Gap g = Gap::space;
        switch (cp) {
            case U' ':
            case U'\t':
            case U'\r':
            case 0x00A0:
            case 0x200F:
            case 0x200E:
            case 0x200C:
            case 0x200D:
            case 0x0640:  // ARABIC TATWEEL
                continue;
            case U'\n':
            case U'.':
            case U'!':
            case U'?':
            case 0x061F:  // ARABIC QUESTION MARK
            case 0x06D4:  // ARABIC FULL STOP
                return Gap::stop;
            case U',':
            case 0x060C:  // ARABIC COMMA
                g = Gap::comma;
                break;
            case U'"':
            case U'\'':
            case 0x00AB:
            case 0x00BB:
            case 0x201C:
            case 0x201D:
            case 0x2018:
            case 0x2019:
                g = Gap::quote;
                break;
            case U'(':
            case U'[':
            case U'{':
                g = Gap::open;
                break;
            case U')':
            case U']':
            case U'}':
                g = Gap::close;
                break;
            case U':':
            case U';':
            case 0x061B:  // ARABIC SEMICOLON
                g = Gap::colon;
                break;
            case U'-':
            case U'/':
            case 0x2013:
            case 0x2014:
                g = Gap::dash;
                break;
            default:
                g = Gap::other;
                break;
        }
        if (first == Gap::space) first = g;
    }
    return first;
}

Trigger trigger_of(std::string_view folded) noexcept {
    const auto& t = triggers();
    const auto it = t.find(folded);
    return it == t.end() ? Trigger::none : it->second;
}

std::string strip_clitics(std::string_view folded, const NerLexicon& lexicon) {
    if (!is_arabic_letter_word(folded)) return std::string(folded);
    constexpr std::string_view article = "ال";
    auto ok = [&](std::string_view rest) {
        if (letters(rest) < 2) return false;
        if (starts_with(rest, article)) return letters(rest) >= 4;
        return (lexicon.lookup(start_phrase(lexicon_hash(rest))) & lex_name_bits) != 0;
    };
    std::string_view best = folded;
    std::string_view s = folded;
    // U+0648 ARABIC LETTER WAW and U+0641 ARABIC LETTER FEH: conjunctions.
    if (starts_with(s, "و") || starts_with(s, "ف")) {
        s.remove_prefix(2);
        if (ok(s)) best = s;
    }
    // لل: the preposition ل before the article, whose alef is dropped (للجيش = ل + الجيش).
    if (starts_with(s, "لل") && letters(s) >= 4) {
        std::string out(article);
        out.append(s.substr(4));
        return out;
    }
    // U+0628 ARABIC LETTER BEH, U+0644 ARABIC LETTER LAM, U+0643 ARABIC LETTER KAF.
    if (starts_with(s, "ب") || starts_with(s, "ل") || starts_with(s, "ك")) {
        const std::string_view rest = s.substr(2);
        if (ok(rest)) best = rest;
    }
    return std::string(best);
}

void prepare_words(std::string_view text, const std::vector<Token>& tokens, std::size_t first,
                   std::size_t last, const NerLexicon& lexicon, std::vector<NerWord>& out) {
    out.clear();
    out.resize(last - first);
    std::vector<std::size_t> cuts;
    std::vector<std::uint16_t> form_bits(last - first);
    std::vector<std::uint16_t> stripped_bits(last - first);
    for (std::size_t k = first; k < last; ++k) {
        const Token& token = tokens[k];
        NerWord& w = out[k - first];
        const std::string& f = token.folded;
        w.form = hash_bytes(f);
        const std::string stripped = strip_clitics(f, lexicon);
        w.stripped = stripped == f ? w.form : hash_bytes(stripped);
        w.stem = token.stem == f ? w.form : hash_bytes(token.stem);
        w.lex_form = lexicon_hash(f);
        w.lex_stripped = stripped == f ? w.lex_form : lexicon_hash(stripped);
        boundaries(f, cuts);
        const std::size_t n = cuts.size() - 1;
        w.shape = shape_of(token, n);
        for (std::size_t j = 0; j < 3 && j < n; ++j) {
            w.prefix[j] = hash_bytes(std::string_view(f).substr(0, cuts[j + 1]));
            w.suffix[j] = hash_bytes(std::string_view(f).substr(cuts[n - j - 1]));
        }
        form_bits[k - first] = lexicon.lookup(start_phrase(w.lex_form));
        stripped_bits[k - first] = w.lex_stripped == w.lex_form
                                       ? form_bits[k - first]
                                       : lexicon.lookup(start_phrase(w.lex_stripped));
        w.word_bits = static_cast<std::uint8_t>(
            (form_bits[k - first] | stripped_bits[k - first]) &
            (lex_name_word | lex_foreign_word | lex_frequent | lex_very_frequent));
        w.trigger = trigger_of(stripped);
        w.cluster = lexicon.cluster(w.lex_form);
        w.cluster_stripped =
            w.lex_stripped == w.lex_form ? w.cluster : lexicon.cluster(w.lex_stripped);
        if (text.empty()) {
            w.gap_before = Gap::unknown;
        } else if (k == first) {
            w.gap_before = Gap::start;
        } else {
            const std::size_t from = tokens[k - 1].end;
            const std::size_t to = token.start;
            w.gap_before = to > from && to <= text.size()
                               ? classify_gap(text.substr(from, to - from))
                               : Gap::space;
        }
    }
    // Listed phrases, longest match first, left to right.
    constexpr std::uint8_t classes = lex_person | lex_place | lex_organisation | lex_misc;
    const std::size_t n = out.size();
    std::size_t i = 0;
    while (i < n) {
        std::size_t best_len = 0;
        std::uint8_t best_bits = 0;
        for (int variant = 0; variant < 2; ++variant) {
            const std::uint64_t head = variant == 0 ? out[i].lex_form : out[i].lex_stripped;
            std::uint16_t bits = variant == 0 ? form_bits[i] : stripped_bits[i];
            std::uint64_t h = start_phrase(head);
            for (std::size_t len = 1;; ++len) {
                if ((bits & classes) != 0 && len >= best_len) {
                    const auto cls = static_cast<std::uint8_t>(bits & classes);
                    best_bits = static_cast<std::uint8_t>(len == best_len ? best_bits | cls : cls);
                    best_len = len;
                }
                if ((bits & lex_prefix) == 0 || i + len >= n) break;
                h = extend_phrase(h, out[i + len].lex_form);
                bits = lexicon.lookup(h);
            }
            if (out[i].lex_stripped == out[i].lex_form) break;
        }
        if (best_len == 0) {
            ++i;
            continue;
        }
        out[i].lex_begin = best_bits;
        for (std::size_t j = i + 1; j < i + best_len; ++j) out[j].lex_inside = best_bits;
        i += best_len;
    }
}

void append_features(const std::vector<NerWord>& words, std::size_t i,
                     std::vector<std::uint64_t>& out) {
    const NerWord& w = words[i];
    const NerWord* m1 = i >= 1 ? &words[i - 1] : nullptr;
    const NerWord* m2 = i >= 2 ? &words[i - 2] : nullptr;
    const NerWord* p1 = i + 1 < words.size() ? &words[i + 1] : nullptr;
    const NerWord* p2 = i + 2 < words.size() ? &words[i + 2] : nullptr;
    const std::uint64_t f_m1 = m1 ? m1->form : before_start;
    const std::uint64_t f_p1 = p1 ? p1->form : after_end;
    const Gap gap_after =
        p1 ? p1->gap_before : (w.gap_before == Gap::unknown ? Gap::unknown : Gap::stop);

    out.push_back(feature(t_bias, 0));
    out.push_back(feature(t_form, w.form));
    out.push_back(feature(t_stripped, w.stripped));
    out.push_back(feature(t_stem, w.stem));
    out.push_back(feature(t_form_m1, f_m1));
    out.push_back(feature(t_form_p1, f_p1));
    out.push_back(feature(t_form_m2, m2 ? m2->form : before_start));
    out.push_back(feature(t_form_p2, p2 ? p2->form : after_end));
    out.push_back(feature(t_stripped_m1, m1 ? m1->stripped : before_start));
    out.push_back(feature(t_stripped_p1, p1 ? p1->stripped : after_end));
    out.push_back(feature(t_stem_m1, m1 ? m1->stem : before_start));
    out.push_back(feature(t_stem_p1, p1 ? p1->stem : after_end));
    out.push_back(feature(t_bigram_m1, mix(f_m1, w.form)));
    out.push_back(feature(t_bigram_p1, mix(w.form, f_p1)));
    for (std::uint32_t j = 0; j < 3; ++j) {
        if (w.prefix[j] != 0) out.push_back(feature(t_prefix + j, w.prefix[j]));
        if (w.suffix[j] != 0) out.push_back(feature(t_suffix + j, w.suffix[j]));
    }
    out.push_back(feature(t_shape, w.shape));
    out.push_back(feature(t_shape_m1, m1 ? m1->shape : 255));
    out.push_back(feature(t_shape_p1, p1 ? p1->shape : 255));
    for (std::uint8_t c = 0; c < 4; ++c) {
        const auto bit = static_cast<std::uint8_t>(1U << c);
        if (w.lex_begin & bit) out.push_back(feature(t_lex, c * 2U));
        if (w.lex_inside & bit) out.push_back(feature(t_lex, c * 2U + 1));
        if (m1 && ((m1->lex_begin | m1->lex_inside) & bit)) out.push_back(feature(t_lex_m1, c));
        if (p1 && ((p1->lex_begin | p1->lex_inside) & bit)) out.push_back(feature(t_lex_p1, c));
    }
    out.push_back(feature(t_bits, w.word_bits));
    out.push_back(feature(t_bits_m1, m1 ? m1->word_bits : 255));
    out.push_back(feature(t_bits_p1, p1 ? p1->word_bits : 255));
    const auto trig_m1 = static_cast<std::uint64_t>(m1 ? m1->trigger : Trigger::none);
    out.push_back(feature(t_trigger_m1, trig_m1));
    out.push_back(
        feature(t_trigger_m2, static_cast<std::uint64_t>(m2 ? m2->trigger : Trigger::none)));
    out.push_back(feature(t_trigger, static_cast<std::uint64_t>(w.trigger)));
    out.push_back(feature(t_lex_trigger, mix(trig_m1, w.lex_begin | w.lex_inside | w.word_bits)));
    const std::uint64_t lex_here = static_cast<std::uint64_t>(w.lex_begin) * 16 + w.lex_inside;
    out.push_back(feature(t_lex_context, mix(lex_here, f_m1)));
    out.push_back(feature(t_lex_bits, mix(lex_here, w.word_bits)));
    out.push_back(feature(t_gap_before, static_cast<std::uint64_t>(w.gap_before)));
    out.push_back(feature(t_gap_after, static_cast<std::uint64_t>(gap_after)));
    out.push_back(feature(t_gaps, static_cast<std::uint64_t>(w.gap_before) * 16 +
                                      static_cast<std::uint64_t>(gap_after)));
    if (i == 0) out.push_back(feature(t_first, w.shape));
    // Word clusters: the fine class of the word, of its clitic-free form and of its
    // neighbours, the coarse class, and coarse pairs with each neighbour. A word outside
    // the clustered vocabulary has class 0 (itself a signal: rare words are often names).
    const std::uint64_t none = 0xFFFF;
    const std::uint64_t c_m1 = m1 ? m1->cluster : none;
    const std::uint64_t c_p1 = p1 ? p1->cluster : none;
    out.push_back(feature(t_cluster, cluster_fine(w.cluster)));
    out.push_back(feature(t_cluster_coarse, cluster_coarse(w.cluster)));
    out.push_back(feature(t_cluster_stripped, cluster_fine(w.cluster_stripped)));
    out.push_back(feature(t_cluster_m1, m1 ? cluster_fine(m1->cluster) : none));
    out.push_back(feature(t_cluster_p1, p1 ? cluster_fine(p1->cluster) : none));
    out.push_back(
        feature(t_cluster_pair_m1, mix(m1 ? cluster_coarse(static_cast<std::uint16_t>(c_m1)) : none,
                                       cluster_coarse(w.cluster))));
    out.push_back(feature(t_cluster_pair_p1,
                          mix(cluster_coarse(w.cluster),
                              p1 ? cluster_coarse(static_cast<std::uint16_t>(c_p1)) : none)));
    out.push_back(feature(t_cluster_trigger, mix(trig_m1, cluster_fine(w.cluster_stripped))));
}

void aggregate_document(const std::vector<DocToken>& tokens, std::vector<DocContext>& out) {
    // Per word type: how often each label was given, and how often as an organisation
    // after an organisation trigger.
    struct Counts {
        std::array<std::uint16_t, label_count> labels{};
        std::uint16_t total = 0;
        std::uint16_t org_after_trigger = 0;
    };
    auto org_after_trigger = [](const DocToken& t) {
        return t.after_org_trigger && t.label != O && class_of(t.label) == 2;
    };
    FlatTable<Counts> counts;
    for (const DocToken& t : tokens) {
        if (t.key == 0) continue;
        Counts& c = counts.slot(t.key);
        ++c.labels[t.label < label_count ? t.label : 0];
        ++c.total;
        if (org_after_trigger(t)) ++c.org_after_trigger;
    }
    out.assign(tokens.size(), DocContext{});
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const DocToken& t = tokens[i];
        DocContext& d = out[i];
        d.self = t.label < label_count ? t.label : 0;
        if (t.key == 0) continue;
        const Counts& c = *counts.find(t.key);
        // The other occurrences: the counts without this token's own.
        const unsigned others = c.total - 1U;
        if (others == 0) continue;
        unsigned tagged = 0;
        unsigned best = 0;
        std::array<unsigned, 4> per_class{};
        for (std::size_t l = 1; l < label_count; ++l) {
            const unsigned n = c.labels[l] - (l == d.self ? 1U : 0U);
            tagged += n;
            per_class[class_of(l)] += n;
            if (n > best) {
                best = n;
                d.major = static_cast<std::uint8_t>(l);
            }
        }
        if (tagged == 0) {
            d.major = doc_untagged;
            d.cls = doc_untagged;
        } else {
            d.cls = static_cast<std::uint8_t>(
                1 + (std::max_element(per_class.begin(), per_class.end()) - per_class.begin()));
            d.share = tagged == others ? 3 : (2 * tagged >= others ? 2 : 1);
        }
        d.org_after_trigger = c.org_after_trigger > (org_after_trigger(t) ? 1U : 0U);
    }
}

void append_doc_features(const DocContext* doc, std::size_t n, std::size_t i,
                         std::uint32_t templates, std::vector<std::uint64_t>& out) {
    const DocContext& d = doc[i];
    if (templates & doc_by_label) {
        out.push_back(feature(t_doc_major, d.major));
        out.push_back(feature(t_doc_share, d.major * 4U + d.share));
        out.push_back(feature(t_doc_major_m1, i >= 1 ? doc[i - 1].major : 255U));
        out.push_back(feature(t_doc_major_p1, i + 1 < n ? doc[i + 1].major : 255U));
    }
    if (templates & doc_by_class) {
        out.push_back(feature(t_doc_class, d.cls));
        out.push_back(feature(t_doc_class_share, d.cls * 4U + d.share));
        out.push_back(feature(t_doc_class_m1, i >= 1 ? doc[i - 1].cls : 255U));
        out.push_back(feature(t_doc_class_p1, i + 1 < n ? doc[i + 1].cls : 255U));
    }
    if (templates & doc_own_label) {
        out.push_back(feature(t_doc_self, d.self));
        if (templates & doc_by_label)
            out.push_back(feature(t_doc_self_major, d.self * 16U + d.major));
        if (templates & doc_by_class)
            out.push_back(feature(t_doc_self_class, d.self * 16U + d.cls));
    }
    if ((templates & doc_org_trigger) && d.org_after_trigger) {
        out.push_back(feature(t_doc_org_trigger, 1));
    }
}

}  // namespace fahras::ner
