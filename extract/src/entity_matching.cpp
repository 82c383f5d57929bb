// SPDX-License-Identifier: GPL-3.0-or-later
// The two matchers of one extraction (entity_extraction.hpp): gazetteer names, clitics and
// spelling variants allowed (match_at), and context cues such as titles and roles (cue_at).
#include <algorithm>
#include <array>

#include "fahras/common/utf8.hpp"

#include "entity_extraction.hpp"
#include "entity_words.hpp"

namespace fahras::extraction {

using namespace entity_words;  // readings, cue words

std::size_t Extraction::match_at(std::size_t i) {
    if (!arabic(i)) return 1;
    std::size_t best_len = 0;
    const std::vector<std::size_t>* best = nullptr;
    Reading best_reading;
    MentionSource best_source = MentionSource::gazetteer;
    const std::size_t max_words = m_g.max_words();
    for (const Reading& r : token_readings(i)) {
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
        for (const Reading& r : token_readings(i)) {
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
        for (const Reading& r : token_readings(i)) {
            const auto it = m_surnames.find(r.word);
            if (it == m_surnames.end()) continue;
            EntityMention m = make_mention(i, i + 1, r.clitic, MentionSource::coreference);
            set_entity(m, *it->second);
            push(std::move(m));
            return 1;
        }
    }
    if (best == nullptr) return 1;
    if (m_trusted_only && std::none_of(best->begin(), best->end(),
                                       [&](std::size_t e) { return fill_trusted(m_g.at(e)); })) {
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

void Extraction::cue_at(std::size_t i) {
    if (i >= m_tokens.size() || m_tokens[i].kind != TokenKind::arabic) return;
    const auto& cues = cue_words();
    Cue cue{};
    std::size_t clitic = 0;
    bool found = false;
    for (const Reading& r : token_readings(i)) {
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
        for (int k = 0; k < 2 && j < m_tokens.size() && !m_taken[j] && is_nisba(m_tokens[j].folded);
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
            const auto taken = std::find_if(m_out.begin(), m_out.end(),
                                            [&](const auto& m) { return m.first_token == j; });
            if (taken != m_out.end()) {
                j = taken->last_token;
            } else {
                for (int k = 0;
                     k < 2 && j < m_tokens.size() && starts_with_article(m_tokens[j].folded); ++k) {
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

}  // namespace fahras::extraction
