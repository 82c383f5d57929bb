// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/entity_extractor.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include "fahras/common/ner.hpp"
#include "fahras/common/utf8.hpp"

#include "entity_words.hpp"  // readings, cue words (private to common/src)

namespace fahras {

namespace {

using namespace entity_words;

/// The work of one extract() call.
class Extraction {
  public:
    Extraction(const Gazetteer& g, const ExtractorOptions& o, std::string_view text,
               const std::vector<Token>& tokens,
               const std::unordered_map<std::string, std::size_t>& surname_of)
        : m_g(g), m_o(o), m_text(text), m_tokens(tokens), m_taken(tokens.size(), false),
          m_surname_of(surname_of) {}

    /// `tagger_ran`: `tagged` is a tagger's verdict on the whole text (possibly "nothing"),
    /// so that a common word may be asked for its confirmation.
    std::vector<EntityMention> run(const std::vector<TaggedSpan>& tagged, bool tagger_ran) {
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
        if (m_o.coreference) coreference();
        std::sort(m_out.begin(), m_out.end(), [](const EntityMention& a, const EntityMention& b) {
            return a.first_token < b.first_token;
        });
        return std::move(m_out);
    }

  private:
    [[nodiscard]] bool arabic(std::size_t i) const {
        return i < m_tokens.size() && m_tokens[i].kind == TokenKind::arabic && !m_taken[i];
    }

    /// True when only spaces separate token i-1 from token i (no punctuation, no line break
    /// between paragraphs): names never span those.
    [[nodiscard]] bool joined(std::size_t i) const {
        const std::string_view gap =
            m_text.substr(m_tokens[i - 1].end, m_tokens[i].start - m_tokens[i - 1].end);
        return std::all_of(gap.begin(), gap.end(), [](char c) { return c == ' ' || c == '\t'; });
    }

    [[nodiscard]] bool common(std::string_view folded) const { return m_g.is_common(folded); }

    /// False when a tagger ran and did not tag token i as a `kind` name. A single word that
    /// is also a frequent ordinary word (المدينة "the city" / Medina, الخبر "the news" /
    /// Khobar, بشار a given name / Béchar, خادم "servant") is taken for a name only when the
    /// tagger, which sees the context, agrees; without a tagger it is taken as before.
    [[nodiscard]] bool confirmed(std::size_t i, EntityKind kind) const {
        return !m_confirm || !m_o.confirm_common_words ||
               m_tagged_kind[i] == static_cast<int>(kind);
    }

    /// Entries trusted without context: hand-curated ones and countries.
    static bool trusted(const Entity& e) {
        return e.id.starts_with("fahras:") || e.id.starts_with("iso3166-1:");
    }

    /// Entries taken without a tagger's span when a tagger ran (ExtractorOptions::Fill::
    /// trusted): trusted ones and a user's own (`fahras-index --gazetteer`), i.e. any entry
    /// not mined by scripts/build-gazetteer.py, whose names measured 0.2 precision there.
    static bool fill_trusted(const Entity& e) {
        if (trusted(e)) return true;
        for (const char* mined : {"geonames:", "wikifane:", "anercorp:", "dr5hn:", "wikidata:",
                                  "iso3166-2:"}) {
            if (e.id.starts_with(mined)) return false;
        }
        return true;
    }

    /// Tries gazetteer names starting at token i; returns how many tokens to advance.
    std::size_t match_at(std::size_t i) {
        if (!arabic(i)) return 1;
        std::size_t best_len = 0;
        const std::vector<std::size_t>* best = nullptr;
        Reading best_reading;
        MentionSource best_source = MentionSource::gazetteer;
        const std::size_t max_words = m_g.max_words();
        for (const Reading& r : readings(m_tokens[i].folded)) {
            std::string phrase = r.word;
            for (std::size_t len = 1; len <= max_words; ++len) {
                if (len > 1) {
                    const std::size_t j = i + len - 1;
                    if (!arabic(j) || !joined(j) || !m_g.is_prefix(phrase)) break;
                    phrase += ' ';
                    phrase += m_tokens[j].folded;
                }
                if (const auto* found = m_g.find_exact(phrase); found && len > best_len) {
                    best_len = len;
                    best = found;
                    best_reading = r;
                    best_source = MentionSource::gazetteer;
                }
            }
        }
        if (best == nullptr) {
            // Spelling variants through the match key: one or two words without clitics (a
            // clitic and a key together stretch too far: لوران → وران), never a common word.
            for (const Reading& r : readings(m_tokens[i].folded)) {
                if (r.clitic != 0) break;
                if (common(r.word) || letters_after_article(r.word) < min_variant_letters) continue;
                std::string phrase = r.word;
                for (std::size_t len = 1; len <= 2; ++len) {
                    if (len == 2) {
                        if (!arabic(i + 1) || !joined(i + 1) || common(m_tokens[i + 1].folded)) {
                            break;
                        }
                        phrase += ' ';
                        phrase += m_tokens[i + 1].folded;
                    }
                    const auto* found = m_g.find_key(name_key(phrase));
                    // A one-word place by key is too often another word or another place
                    // (كارتر → كريتر): places need their exact name or a listed alias.
                    if (found != nullptr && len == 1 &&
                        std::any_of(found->begin(), found->end(), [&](std::size_t e) {
                            return m_g.at(e).kind == EntityKind::place;
                        })) {
                        found = nullptr;
                    }
                    if (found != nullptr && len > best_len) {
                        best_len = len;
                        best = found;
                        best_reading = r;
                        best_source = MentionSource::variant;
                    }
                }
                if (best != nullptr) break;
            }
        }
        if (best_len <= 1 && m_o.coreference) {
            // A surname alone after the full name is that person, whatever else it may name.
            for (const Reading& r : readings(m_tokens[i].folded)) {
                const auto it = m_surnames.find(r.word);
                if (it == m_surnames.end()) continue;
                EntityMention m = make_mention(i, i + 1, r.clitic, MentionSource::coreference);
                set_entity(m, *it->second);
                push(std::move(m));
                return 1;
            }
        }
        if (best == nullptr) return 1;
        if (m_trusted_only && std::none_of(best->begin(), best->end(), [&](std::size_t e) {
                return fill_trusted(m_g.at(e));
            })) {
            return 1;
        }
        if (best_len == 1 && common(best_reading.word) &&
            std::none_of(best->begin(), best->end(),
                         [&](std::size_t e) { return trusted(m_g.at(e)); }) &&
            !confirmed(i, m_g.at(best->front()).kind)) {
            return 1;
        }
        EntityMention m = make_mention(i, i + best_len, best_reading.clitic, best_source);
        if (best_reading.article) m.surface.insert(0, "\u0627");
        const Entity& first = m_g.at(best->front());
        m.kind = first.kind;
        if (best->size() == 1) {
            set_entity(m, first);
        } else {
            for (const std::size_t e : *best) m.candidates.push_back(m_g.at(e).id);
        }
        push(std::move(m));
        return best_len;
    }

    EntityMention make_mention(std::size_t first, std::size_t last, std::size_t clitic,
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

    static void set_entity(EntityMention& m, const Entity& e) {
        m.id = e.id;
        m.name = e.name;
        m.latin = e.latin;
        m.kind = e.kind;
    }

    /// A name no gazetteer holds: its id comes from its match key.
    void set_unknown(EntityMention& m, std::string_view folded) const {
        if (const auto* found = m_g.find_exact(std::string(folded)); found && found->size() == 1) {
            set_entity(m, m_g.at(found->front()));
            return;
        }
        m.id = unknown_entity_id(folded);
        m.name = m.surface;
    }

    void push(EntityMention m) {
        // آل (folded ال) + a name is a family or dynasty (آل سعود، آل ثاني), not a person, from
        // whatever source (WikiFANE lists «آل سعود» as a person).
        if (m.kind == EntityKind::person && m_tokens[m.first_token].folded == "\u0627\u0644") {
            return;
        }
        for (std::size_t t = m.first_token; t < m.last_token; ++t) m_taken[t] = true;
        if (m.kind == EntityKind::person && m.last_token - m.first_token >= 2) {
            if (const Entity* e = m_g.find_id(m.id)) {
                const std::string& last = m_tokens[m.last_token - 1].folded;
                if (!m_g.is_common(last, cue_common_rank) &&
                    utf8::length(last) >= min_stem_letters) {
                    m_surnames.emplace(last, e);
                }
            }
        }
        m_out.push_back(std::move(m));
    }

    [[nodiscard]] std::string folded_span(std::size_t first, std::size_t last,
                                          std::size_t clitic_of_first) const {
        std::string out;
        for (std::size_t t = first; t < last; ++t) {
            if (!out.empty()) out += ' ';
            out += t == first ? drop_letters(m_tokens[t].folded, clitic_of_first)
                              : m_tokens[t].folded;
        }
        return out;
    }

    /// Arabic or Latin-script word not yet in a mention (a tagger span may hold Latin names).
    [[nodiscard]] bool word(std::size_t i) const {
        return i < m_tokens.size() && !m_taken[i] &&
               (m_tokens[i].kind == TokenKind::arabic || m_tokens[i].kind == TokenKind::latin);
    }

    /// Names `m` after the gazetteer entries of its own type in `found`: one entry gives its
    /// id, several make the mention ambiguous (no id, candidates). False when none has the type.
    bool name_as(EntityMention& m, const std::vector<std::size_t>* found) const {
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

    /// `resolve`: the tagger's span and type are kept and the gazetteer only names it (its
    /// text with the first word's clitics taken off, then its spelling key); otherwise the old
    /// way (the gazetteer's unique entry of that name, whatever its type).
    void add_tagged(const TaggedSpan& span, bool resolve) {
        if (span.confidence < m_o.min_tagger_confidence || span.first >= span.last ||
            span.last > m_tokens.size()) {
            return;
        }
        for (std::size_t t = span.first; t < span.last; ++t) {
            if (!(resolve ? word(t) : arabic(t)) || (t > span.first && !joined(t))) return;
        }
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
        for (const Reading& r : readings(m_tokens[span.first].folded)) {
            const std::string phrase =
                r.word + folded.substr(m_tokens[span.first].folded.size());
            EntityMention m = make_mention(span.first, span.last, r.clitic, MentionSource::tagger);
            m.kind = span.kind;
            if (name_as(m, m_g.find_exact(phrase))) {
                if (r.article) m.surface.insert(0, "\u0627");
                push(std::move(m));
                return;
            }
        }
        // A surname alone after the full name (نجيب محفوظ … محفوظ) is that person.
        if (words == 1 && span.kind == EntityKind::person) {
            for (const Reading& r : readings(m_tokens[span.first].folded)) {
                const auto it = m_surnames.find(r.word);
                if (it == m_surnames.end()) continue;
                EntityMention m =
                    make_mention(span.first, span.last, r.clitic, MentionSource::tagger);
                set_entity(m, *it->second);
                push(std::move(m));
                return;
            }
        }
        // … or, named in no earlier mention, the one gazetteer person with this last name.
        if (words == 1 && span.kind == EntityKind::person &&
            !m_g.is_common(folded, cue_common_rank)) {
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
        const bool keyed = clitic == 0 && letters_after_article(folded) >= min_variant_letters &&
                           !(words == 1 && span.kind == EntityKind::place) &&
                           name_as(m, m_g.find_key(name_key(folded)));
        if (!keyed) {
            m.id = unknown_entity_id(folded_span(span.first, span.last, clitic));
            m.name = m.surface;
        }
        push(std::move(m));
    }

    /// Letters of token i that are a conjunction or preposition before the article
    /// (والحكومة → الحكومة, as the tagger strips them), else 0: an unknown name's id and
    /// surface go without them.
    [[nodiscard]] std::size_t article_clitic(std::size_t i) const {
        for (const Reading& r : readings(m_tokens[i].folded)) {
            if (r.clitic != 0 && !r.article && starts_with_article(r.word)) return r.clitic;
        }
        return 0;
    }

    /// Name words after a cue at `j`: not common, Arabic, at most `max` (the first may not
    /// carry the article for a person). Returns the number of words.
    [[nodiscard]] std::size_t name_words(std::size_t j, std::size_t max, bool person) const {
        std::size_t n = 0;
        while (n < max && arabic(j + n) && (n == 0 || joined(j + n))) {
            const std::string& w = m_tokens[j + n].folded;
            // The first word may be a frequent first name, not a frequent word; later words may
            // not be frequent at all.
            if (m_g.is_common(w, n == 0 ? cue_common_rank : std::size_t(-1)) ||
                utf8::length(w) < 3) {
                break;
            }
            if (n == 0 && person && starts_with_article(w)) break;
            if (n == 0 && !person && utf8::length(w) < min_key_letters) break;
            ++n;
        }
        return n;
    }

    void cue_at(std::size_t i) {
        if (i >= m_tokens.size() || m_tokens[i].kind != TokenKind::arabic) return;
        const auto& cues = cue_words();
        Cue cue{};
        std::size_t clitic = 0;
        bool found = false;
        for (const Reading& r : readings(m_tokens[i].folded)) {
            if (const auto it = cues.find(r.word); it != cues.end()) {
                cue = it->second;
                clitic = r.clitic;
                found = true;
                break;
            }
        }
        if (!found) return;
        std::size_t j = i + 1;
        auto skip_nisbas = [&] {
            for (int k = 0; k < 2 && j < m_tokens.size() && !m_taken[j] &&
                            is_nisba(m_tokens[j].folded);
                 ++k) {
                ++j;
            }
        };
        switch (cue) {
            case Cue::organisation:
            case Cue::place: {
                if (m_taken[i]) return;
                const std::size_t n = name_words(j, 2, false);
                if (n == 0) return;
                const bool org = cue == Cue::organisation;
                const std::size_t first = org ? i : j;
                EntityMention m = make_mention(first, j + n, org ? clitic : 0, MentionSource::cue);
                m.kind = org ? EntityKind::organisation : EntityKind::place;
                set_unknown(m, folded_span(first, j + n, org ? clitic : 0));
                push(std::move(m));
                return;
            }
            case Cue::office:
                if (j < m_tokens.size() && starts_with_article(m_tokens[j].folded)) ++j;
                skip_nisbas();
                break;
            case Cue::spokesperson: {
                if (j >= m_tokens.size() || m_tokens[j].folded != "باسم") return;
                ++j;
                // The organisation: a mention already found, or up to two words with the article.
                const auto taken = std::find_if(m_out.begin(), m_out.end(), [&](const auto& m) {
                    return m.first_token == j;
                });
                if (taken != m_out.end()) {
                    j = taken->last_token;
                } else {
                    for (int k = 0; k < 2 && j < m_tokens.size() &&
                                    starts_with_article(m_tokens[j].folded);
                         ++k) {
                        ++j;
                    }
                }
                skip_nisbas();
                break;
            }
            case Cue::person_title:
                skip_nisbas();
                break;
        }
        const std::size_t n = name_words(j, 3, true);
        if (n == 0 || (j > 0 && !joined(j))) return;
        // One frequent word after a title (رئيس الوزراء خادم «الحرمين»): a name only if the
        // tagger agrees.
        if (n == 1 && common(m_tokens[j].folded) && !confirmed(j, EntityKind::person)) return;
        EntityMention m = make_mention(j, j + n, 0, MentionSource::cue);
        m.kind = EntityKind::person;
        set_unknown(m, folded_span(j, j + n, 0));
        if (m.kind != EntityKind::person) return;  // a known non-person name: leave it
        push(std::move(m));
    }

    /// Other occurrences of the names found so far, in untaken words: the same entity.
    void repeat_names() {
        std::map<std::string, const EntityMention*> names;  // folded name → first mention
        for (const EntityMention& m : m_out) {
            if (m.id.empty() && m.candidates.empty()) continue;
            names.emplace(fold_name(m.surface), &m);
        }
        if (names.empty()) return;
        std::vector<EntityMention> found;
        for (std::size_t i = 0; i < m_tokens.size(); ++i) {
            if (!word(i)) continue;
            for (const Reading& r : readings(m_tokens[i].folded)) {
                std::string phrase = r.word;
                std::size_t j = i + 1;
                auto it = names.find(phrase);
                std::size_t best_last = it != names.end() ? j : 0;
                const EntityMention* best = it != names.end() ? it->second : nullptr;
                for (; j < m_tokens.size() && j - i < m_g.max_words() + 2 && word(j) && joined(j);
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

    /// A person's last name alone, after the full name: the same person.
    void coreference() {
        std::map<std::string, const EntityMention*> surnames;
        for (const EntityMention& m : m_out) {
            if (m.kind != EntityKind::person || m.id.empty() ||
                m.last_token - m.first_token < 2) {
                continue;
            }
            const std::string& last = m_tokens[m.last_token - 1].folded;
            if (!m_g.is_common(last, cue_common_rank) &&
                utf8::length(last) >= min_stem_letters) {
                surnames.emplace(last, &m);
            }
        }
        if (surnames.empty()) return;
        std::vector<EntityMention> found;
        for (std::size_t i = 0; i < m_tokens.size(); ++i) {
            if (!arabic(i)) continue;
            for (const Reading& r : readings(m_tokens[i].folded)) {
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

    const Gazetteer& m_g;
    const ExtractorOptions& m_o;
    std::string_view m_text;
    const std::vector<Token>& m_tokens;
    std::vector<bool> m_taken;
    bool m_confirm = false;
    bool m_trusted_only = false;  ///< match_at() takes fill_trusted() entries only
    std::vector<int> m_tagged_kind;  ///< per token: EntityKind of a tagger span, or -1
    std::vector<EntityMention> m_out;
    /// EntityExtractor::m_surname_of.
    const std::unordered_map<std::string, std::size_t>& m_surname_of;
    /// Last words of persons named in full so far (gazetteer persons only).
    std::map<std::string, const Entity*> m_surnames;
};

}  // namespace

std::string_view to_string(MentionSource source) noexcept {
    switch (source) {
        case MentionSource::gazetteer: return "gazetteer";
        case MentionSource::variant: return "variant";
        case MentionSource::cue: return "cue";
        case MentionSource::tagger: return "tagger";
        case MentionSource::coreference: return "coreference";
    }
    return "gazetteer";
}

std::string unknown_entity_id(std::string_view folded_name) {
    return "name:" + std::string(folded_name);
}

EntityExtractor::EntityExtractor(const Gazetteer& gazetteer, ExtractorOptions options,
                                 const NerTagger* tagger)
    : m_gazetteer(gazetteer), m_options(options), m_tagger(tagger) {
    const auto& entities = m_gazetteer.entities();
    for (std::size_t e = 0; e < entities.size(); ++e) {
        if (entities[e].kind != EntityKind::person) continue;
        std::vector<std::string> names{entities[e].name};
        names.insert(names.end(), entities[e].aliases.begin(), entities[e].aliases.end());
        for (const std::string& name : names) {
            const std::string folded = fold_name(name);
            const std::size_t space = folded.rfind(' ');
            if (space == std::string::npos) continue;  // one word, or a Latin alias's last
            const std::string last = folded.substr(space + 1);
            if (utf8::length(last) < min_stem_letters) continue;
            const auto [it, added] = m_surname_of.emplace(last, e);
            if (!added && it->second != e) it->second = std::size_t(-1);
        }
    }
}

std::vector<EntityMention> EntityExtractor::extract(std::string_view text,
                                                    const std::vector<Token>& tokens,
                                                    const std::vector<TaggedSpan>& tagged) const {
    if (tagged.empty() && m_tagger != nullptr) {
        std::vector<TaggedSpan> spans;
        for (const NerSpan& span : m_tagger->tag(text, tokens)) {
            TaggedSpan t{span.first, span.last, EntityKind::person, span.confidence};
            switch (span.type) {
                case EntityType::person: t.kind = EntityKind::person; break;
                case EntityType::place: t.kind = EntityKind::place; break;
                case EntityType::organisation: t.kind = EntityKind::organisation; break;
                case EntityType::misc: continue;
            }
            spans.push_back(t);
        }
        return Extraction(m_gazetteer, m_options, text, tokens, m_surname_of).run(spans, true);
    }
    return Extraction(m_gazetteer, m_options, text, tokens, m_surname_of).run(tagged, !tagged.empty());
}

std::vector<DocumentEntity> document_entities(const std::vector<EntityMention>& mentions) {
    std::vector<DocumentEntity> out;
    std::unordered_map<std::string, std::size_t> index;
    for (const EntityMention& m : mentions) {
        if (m.id.empty()) continue;
        auto [it, added] = index.emplace(m.id, out.size());
        if (added) {
            out.push_back({m.id, m.kind, m.name, m.latin, 0, m.first_token, {}});
        }
        DocumentEntity& e = out[it->second];
        ++e.count;
        if (std::find(e.variants.begin(), e.variants.end(), m.surface) == e.variants.end()) {
            e.variants.push_back(m.surface);
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const DocumentEntity& a, const DocumentEntity& b) {
        if (a.count != b.count) return a.count > b.count;
        return a.first < b.first;
    });
    return out;
}

}  // namespace fahras
