// SPDX-License-Identifier: GPL-3.0-or-later
// One extraction (entity_extraction.hpp): the tagger-first merge of tagger spans, gazetteer
// names and cues, and the passes after it (repeated names, name parts, surnames alone).
#include <algorithm>
#include <map>
#include <set>

#include "fahras/common/utf8.hpp"

#include "entity_extraction.hpp"
#include "entity_words.hpp"

namespace fahras::extraction {

using namespace entity_words;

std::vector<EntityMention> Extraction::run(const std::vector<TaggedSpan>& tagged, bool tagger_ran) {
    m_confirm = tagger_ran;
    m_tagged_kind.assign(m_tokens.size(), -1);
    for (const TaggedSpan& span : tagged) {
        if (span.confidence < m_o.min_tagger_confidence) continue;
        for (std::size_t t = span.first; t < span.last && t < m_tokens.size(); ++t) {
            m_tagged_kind[t] = static_cast<int>(span.kind);
        }
    }
    // Tagger first: its spans measure better than gazetteer names of other bounds and than
    // cues (docs/ENTITIES.md, Measurements); the gazetteer names them and fills the rest.
    const bool tagger_first = tagger_ran && m_o.tagger_first;
    if (tagger_first) {
        for (const TaggedSpan& span : tagged) add_tagged(span, true);
    }
    if (!tagger_first || m_o.gazetteer_fill != ExtractorOptions::Fill::none) {
        m_trusted_only = tagger_first && m_o.gazetteer_fill == ExtractorOptions::Fill::trusted;
        for (std::size_t i = 0; i < m_tokens.size();) i += match_at(i);
    }
    if (!tagger_first) {
        for (const TaggedSpan& span : tagged) add_tagged(span, false);
    }
    if (m_o.cues && (!tagger_ran || m_o.cues_with_tagger)) {
        for (std::size_t i = 0; i < m_tokens.size(); ++i) cue_at(i);
    }
    // Whole names repeated first, then surnames alone.
    if (m_o.repeat_names && tagger_ran) repeat_names();
    if (m_o.coreference && tagger_ran) name_parts();
    if (m_o.coreference) coreference();
    std::sort(m_out.begin(), m_out.end(), [](const EntityMention& a, const EntityMention& b) {
        return a.first_token < b.first_token;
    });
    return std::move(m_out);
}

bool Extraction::joined(std::size_t i) const {
    const std::string_view gap =
        m_text.substr(m_tokens[i - 1].end, m_tokens[i].start - m_tokens[i - 1].end);
    return std::all_of(gap.begin(), gap.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '#'; });
}

bool Extraction::fill_trusted(const Entity& e) {
    if (trusted(e)) return true;
    for (const char* mined :
         {"geonames:", "wikifane:", "anercorp:", "dr5hn:", "wikidata:", "iso3166-2:"}) {
        if (e.id.starts_with(mined)) return false;
    }
    return true;
}

EntityMention Extraction::make_mention(std::size_t first, std::size_t last, std::size_t clitic,
                                       MentionSource source) const {
    EntityMention m;
    m.first_token = first;
    m.last_token = last;
    m.start = m_tokens[first].start;
    m.end = m_tokens[last - 1].end;
    m.source = source;
    for (std::size_t t = first; t < last; ++t) {
        if (!m.surface.empty()) m.surface += ' ';
        m.surface += t == first ? drop_letters(m_tokens[t].exact, clitic) : m_tokens[t].exact;
    }
    return m;
}

void Extraction::set_entity(EntityMention& m, const Entity& e) {
    m.id = e.id;
    m.name = e.name;
    m.latin = e.latin;
    m.kind = e.kind;
}

void Extraction::set_unknown(EntityMention& m, std::string_view folded) const {
    if (const auto* found = m_g.find_exact(std::string(folded)); found && found->size() == 1) {
        set_entity(m, m_g.at(found->front()));
        return;
    }
    m.id = unknown_entity_id(folded);
    m.name = m.surface;
}

void Extraction::push(EntityMention m) {
    // آل (folded ال) + a name is a family or dynasty (آل سعود، آل ثاني), not a person, from
    // whatever source (WikiFANE lists «آل سعود» as a person).
    if (m.kind == EntityKind::person && m_tokens[m.first_token].folded == "\u0627\u0644") {
        return;
    }
    // Nationality words (روس، الأميركيون، السوريين) are no person, unless the mention is a
    // known person's surname (طاهر المصري … المصري).
    if (m.kind == EntityKind::person && (m.id.empty() || m.id.starts_with("name:")) &&
        demonyms_only(m)) {
        return;
    }
    for (std::size_t t = m.first_token; t < m.last_token; ++t) m_taken[t] = true;
    if (m.kind == EntityKind::person && m.last_token - m.first_token >= 2) {
        if (const Entity* e = m_g.find_id(m.id)) {
            const std::string& last = m_tokens[m.last_token - 1].folded;
            if (!m_g.is_common(last, cue_common_rank) && utf8::length(last) >= min_stem_letters) {
                m_surnames.emplace(last, e);
            }
        }
    }
    m_out.push_back(std::move(m));
}

bool Extraction::demonyms_only(const EntityMention& m) const {
    for (std::size_t t = m.first_token; t < m.last_token; ++t) {
        if (!is_demonym(m_tokens[t].folded, m_g)) return false;
    }
    return true;
}

std::string Extraction::folded_span(std::size_t first, std::size_t last,
                                    std::size_t clitic_of_first) const {
    std::string out;
    for (std::size_t t = first; t < last; ++t) {
        if (!out.empty()) out += ' ';
        out += t == first ? drop_letters(m_tokens[t].folded, clitic_of_first) : m_tokens[t].folded;
    }
    return out;
}

bool Extraction::name_as(EntityMention& m, const std::vector<std::size_t>* found) const {
    if (found == nullptr) return false;
    std::vector<std::size_t> same;
    for (const std::size_t e : *found) {
        if (m_g.at(e).kind == m.kind) same.push_back(e);
    }
    if (same.empty()) return false;
    if (same.size() == 1) {
        set_entity(m, m_g.at(same.front()));
    } else {
        for (const std::size_t e : same) m.candidates.push_back(m_g.at(e).id);
    }
    return true;
}

void Extraction::add_tagged(TaggedSpan span, bool resolve) {
    if (span.confidence < m_o.min_tagger_confidence || span.first >= span.last ||
        span.last > m_tokens.size()) {
        return;
    }
    for (std::size_t t = span.first; t < span.last; ++t) {
        if (!(resolve ? word(t) : arabic(t)) || (t > span.first && !joined(t))) return;
    }
    if (resolve && span.kind == EntityKind::person) span.last = completed_last(span);
    const std::string folded = folded_span(span.first, span.last, 0);
    const std::size_t words = span.last - span.first;
    // Spelled-out Latin letters alone (اف ام "FM" out of «جوهرة اف ام», تي في "TV") name
    // nothing: every word of at most two letters. A listed one (بي بي سي) is the gazetteer's.
    if (resolve && std::all_of(m_tokens.begin() + static_cast<std::ptrdiff_t>(span.first),
                               m_tokens.begin() + static_cast<std::ptrdiff_t>(span.last),
                               [](const Token& t) { return utf8::length(t.folded) <= 2; })) {
        return;
    }
    if (!resolve) {
        if (words == 1 && common(folded)) return;
        EntityMention m = make_mention(span.first, span.last, 0, MentionSource::tagger);
        m.kind = span.kind;
        set_unknown(m, folded);
        push(std::move(m));
        return;
    }
    for (const Reading& r : token_readings(span.first)) {
        const std::string phrase = r.word + folded.substr(m_tokens[span.first].folded.size());
        EntityMention m = make_mention(span.first, span.last, r.clitic, MentionSource::tagger);
        m.kind = span.kind;
        if (name_as(m, m_g.find_exact(phrase))) {
            if (r.article) m.surface.insert(0, "\u0627");
            push(std::move(m));
            return;
        }
    }
    if (span.kind == EntityKind::person) {
        if (const Entity* e = person_in_context(span, folded)) {
            EntityMention m = make_mention(span.first, span.last, 0, MentionSource::tagger);
            set_entity(m, *e);
            push(std::move(m));
            return;
        }
    }
    // A surname alone after the full name (نجيب محفوظ … محفوظ) is that person.
    if (words == 1 && span.kind == EntityKind::person) {
        for (const Reading& r : token_readings(span.first)) {
            const auto it = m_surnames.find(r.word);
            if (it == m_surnames.end()) continue;
            EntityMention m = make_mention(span.first, span.last, r.clitic, MentionSource::tagger);
            set_entity(m, *it->second);
            push(std::move(m));
            return;
        }
    }
    // … or, named in no earlier mention, the one gazetteer person with this last name.
    if (words == 1 && span.kind == EntityKind::person && !m_g.is_common(folded, cue_common_rank)) {
        if (const auto it = m_surname_of.find(folded);
            it != m_surname_of.end() && it->second != std::size_t(-1)) {
            EntityMention m = make_mention(span.first, span.last, 0, MentionSource::tagger);
            set_entity(m, m_g.at(it->second));
            push(std::move(m));
            return;
        }
    }
    // A lone common word is a name only when the gazetteer knows it as one of this type or
    // the tagger is sure of it.
    if (words == 1 && common(folded) && span.confidence < m_o.common_word_confidence) return;
    const std::size_t clitic = article_clitic(span.first);
    EntityMention m = make_mention(span.first, span.last, clitic, MentionSource::tagger);
    m.kind = span.kind;
    // The spelling key, under the restrictions of match_at(): never a one-word place.
    std::vector<std::size_t> close;
    if (clitic == 0 && letters_after_article(folded) >= min_variant_letters &&
        !(words == 1 && span.kind == EntityKind::place)) {
        close = close_key_matches(folded, words);
    }
    const bool keyed = !close.empty() && name_as(m, &close);
    if (!keyed && !(clitic == 0 && loosely_named(m, folded, words))) {
        m.id = unknown_entity_id(folded_span(span.first, span.last, clitic));
        m.name = m.surface;
    }
    push(std::move(m));
}

std::size_t Extraction::article_clitic(std::size_t i) const {
    const std::string& whole = m_tokens[i].folded;
    if (m_g.find_exact(whole) != nullptr) return 0;
    for (const Reading& r : token_readings(i)) {
        // The article and one letter are no word (وكالة is not و + ك + «الة»).
        if (r.clitic != 0 && !r.article && starts_with_article(r.word) &&
            letters_after_article(r.word) >= 2 && (known_word(r.word) || written_alone(r.word))) {
            return r.clitic;
        }
    }
    return 0;
}

bool Extraction::known_word(const std::string& folded) const {
    return common(folded) || m_g.find_exact(folded) != nullptr || m_g.is_prefix(folded);
}

bool Extraction::written_alone(std::string_view folded) const {
    return std::any_of(m_tokens.begin(), m_tokens.end(),
                       [&](const Token& t) { return t.folded == folded; });
}

std::size_t Extraction::name_words(std::size_t j, std::size_t max, bool person) const {
    std::size_t n = 0;
    while (n < max && arabic(j + n) && (n == 0 || joined(j + n))) {
        const std::string& w = m_tokens[j + n].folded;
        // The first word may be a frequent first name, not a frequent word; later words may
        // not be frequent at all.
        if (m_g.is_common(w, n == 0 ? cue_common_rank : std::size_t(-1)) || utf8::length(w) < 3) {
            break;
        }
        if (n == 0 && person && starts_with_article(w)) break;
        if (n == 0 && !person && utf8::length(w) < min_key_letters) break;
        ++n;
    }
    return n;
}

void Extraction::repeat_names() {
    std::map<std::string, const EntityMention*> names;  // folded name → first mention
    for (const EntityMention& m : m_out) {
        if (m.id.empty() && m.candidates.empty()) continue;
        names.emplace(fold_name(m.surface), &m);
    }
    if (names.empty()) return;
    // The words that open a longer name ("a", "a b" of "a b c"): a phrase that is none of
    // them is not extended, as no name can start with it.
    std::set<std::string, std::less<>> openings;
    for (const auto& [name, mention] : names) {
        for (std::size_t space = name.find(' '); space != std::string::npos;
             space = name.find(' ', space + 1)) {
            openings.insert(name.substr(0, space));
        }
    }
    std::vector<EntityMention> found;
    for (std::size_t i = 0; i < m_tokens.size(); ++i) {
        if (!word(i)) continue;
        for (const Reading& r : token_readings(i)) {
            std::string phrase = r.word;
            std::size_t j = i + 1;
            auto it = names.find(phrase);
            std::size_t best_last = it != names.end() ? j : 0;
            const EntityMention* best = it != names.end() ? it->second : nullptr;
            for (; j < m_tokens.size() && j - i < m_g.max_words() + 2 && word(j) && joined(j) &&
                   openings.contains(phrase);
                 ++j) {
                phrase += ' ';
                phrase += m_tokens[j].folded;
                if (const auto hit = names.find(phrase); hit != names.end()) {
                    best_last = j + 1;
                    best = hit->second;
                }
            }
            if (best == nullptr) continue;
            EntityMention m = make_mention(i, best_last, r.clitic, MentionSource::coreference);
            if (r.article) m.surface.insert(0, "\u0627");
            m.kind = best->kind;
            m.id = best->id;
            m.name = best->name;
            m.latin = best->latin;
            m.candidates = best->candidates;
            for (std::size_t t = i; t < best_last; ++t) m_taken[t] = true;
            found.push_back(std::move(m));
            i = best_last - 1;
            break;
        }
    }
    for (EntityMention& m : found) m_out.push_back(std::move(m));
}

void Extraction::name_parts() {
    std::map<std::string, const EntityMention*> full;  // first or last word → mention
    for (const EntityMention& m : m_out) {
        if (m.kind != EntityKind::person || m.id.empty() || m.last_token - m.first_token < 2) {
            continue;
        }
        const std::string_view first = std::string_view(m.surface).substr(0, m.surface.find(' '));
        for (const std::string& word :
             {Analyzer::fold_word(first), m_tokens[m.last_token - 1].folded}) {
            const auto [it, added] = full.emplace(word, &m);
            if (!added && it->second != nullptr && it->second->id != m.id) it->second = nullptr;
        }
    }
    for (EntityMention& m : m_out) {
        if (m.kind != EntityKind::person || m.last_token - m.first_token != 1 ||
            !m.id.starts_with("name:")) {
            continue;
        }
        const auto it = full.find(m.id.substr(5));
        if (it == full.end() || it->second == nullptr) continue;
        m.id = it->second->id;
        m.name = it->second->name;
        m.latin = it->second->latin;
    }
}

void Extraction::coreference() {
    std::map<std::string, const EntityMention*> surnames;
    for (const EntityMention& m : m_out) {
        if (m.kind != EntityKind::person || m.id.empty() || m.last_token - m.first_token < 2) {
            continue;
        }
        const std::string& last = m_tokens[m.last_token - 1].folded;
        if (!m_g.is_common(last, cue_common_rank) && utf8::length(last) >= min_stem_letters) {
            surnames.emplace(last, &m);
        }
    }
    if (surnames.empty()) return;
    std::vector<EntityMention> found;
    for (std::size_t i = 0; i < m_tokens.size(); ++i) {
        if (!arabic(i)) continue;
        for (const Reading& r : token_readings(i)) {
            const auto it = surnames.find(r.word);
            if (it == surnames.end() || it->second->first_token > i) continue;
            EntityMention m = make_mention(i, i + 1, r.clitic, MentionSource::coreference);
            m.id = it->second->id;
            m.name = it->second->name;
            m.latin = it->second->latin;
            m.kind = EntityKind::person;
            found.push_back(std::move(m));
            break;
        }
    }
    for (EntityMention& m : found) push(std::move(m));
}

}  // namespace fahras::extraction
