// SPDX-License-Identifier: GPL-3.0-or-later
// How a tagged span is named beyond its exact spelling (entity_extraction.hpp): the title or
// lineage around a person, the gazetteer name it is the start of, and the loose spelling key.
#include <algorithm>

#include "fahras/common/utf8.hpp"

#include "entity_extraction.hpp"
#include "entity_words.hpp"

namespace fahras::extraction {

using namespace entity_words;  // readings, cue words

const Entity* Extraction::person_in_context(const TaggedSpan& span,
                                            const std::string& folded) const {
    auto person = [&](const std::string& name) -> const Entity* {
        const auto* found = m_g.find_exact(name);
        if (found == nullptr) return nullptr;
        const Entity* only = nullptr;
        for (const std::size_t e : *found) {
            if (m_g.at(e).kind != EntityKind::person) continue;
            if (only != nullptr) return nullptr;
            only = &m_g.at(e);
        }
        return only;
    };
    if (span.first > 0 && joined(span.first)) {
        const auto& cues = cue_words();
        for (const Reading& r : token_readings(span.first - 1)) {
            const auto it = cues.find(r.word);
            if (it == cues.end() || it->second != Cue::person_title) continue;
            if (const Entity* e = person(r.word + ' ' + folded)) return e;
        }
    }
    std::string prefix = m_tokens[span.first].folded;
    const Entity* named = nullptr;
    for (std::size_t t = span.first + 1; t + 1 < span.last; ++t) {
        prefix += ' ';
        prefix += m_tokens[t].folded;
        const std::string& next = m_tokens[t + 1].folded;
        if (next != "\u0628\u0646" && next != "\u0627\u0628\u0646" && next != "\u0627\u0644") {
            continue;  // not بن، ابن or آل (folded ال): the name may go on otherwise
        }
        if (const Entity* e = person(prefix)) named = e;
    }
    return named;
}

std::size_t Extraction::completed_last(const TaggedSpan& span) const {
    std::size_t best = span.last;
    for (const Reading& r : token_readings(span.first)) {
        std::string phrase = r.word;
        for (std::size_t t = span.first + 1; t < span.last; ++t) {
            phrase += ' ';
            phrase += m_tokens[t].folded;
        }
        for (std::size_t j = span.last; j < m_tokens.size() && word(j) && joined(j) &&
                                        j - span.first < m_g.max_words() && m_g.is_prefix(phrase);
             ++j) {
            phrase += ' ';
            phrase += m_tokens[j].folded;
            const auto* found = m_g.find_exact(phrase);
            if (found != nullptr && j + 1 > best &&
                std::any_of(found->begin(), found->end(),
                            [&](std::size_t e) { return m_g.at(e).kind == span.kind; })) {
                best = j + 1;
            }
        }
    }
    return best;
}

bool Extraction::loosely_named(EntityMention& m, const std::string& folded,
                               std::size_t words) const {
    if (m.kind == EntityKind::place) return false;
    if (words == 1 && (m_g.is_common(folded, cue_common_rank) ||
                       letters_after_article(folded) < 4 || m_surname_of.contains(folded))) {
        return false;
    }
    const std::string key = name_loose_key(folded);
    if (words == 1 && m.kind == EntityKind::person) {
        // Another spelling of a gazetteer person's last name.
        if (const auto it = m_surname_of.find(" " + key);
            it != m_surname_of.end() && it->second != std::size_t(-1) &&
            respelt_rare_words(folded, m_g.at(it->second), true)) {
            set_entity(m, m_g.at(it->second));
            return true;
        }
    }
    const auto* found = m_g.find_loose_key(key);
    if (found == nullptr) return false;
    const Entity* only = nullptr;
    for (const std::size_t e : *found) {
        const Entity& entity = m_g.at(e);
        if (entity.kind != m.kind || !respelt_rare_words(folded, entity, false)) continue;
        if (only != nullptr && only != &entity) return false;
        only = &entity;
    }
    if (only == nullptr) return false;
    set_entity(m, *only);
    return true;
}

bool Extraction::respelt_rare_words(const std::string& folded, const Entity& e,
                                    bool last_word) const {
    const std::vector<std::string> mine = split_words(folded);
    std::vector<std::string_view> names{e.name};
    names.insert(names.end(), e.aliases.begin(), e.aliases.end());
    for (const std::string_view name : names) {
        std::vector<std::string> theirs = split_words(fold_name(name));
        if (last_word && !theirs.empty()) theirs.erase(theirs.begin(), theirs.end() - 1);
        if (mine.size() != theirs.size()) continue;
        bool close = true;
        for (std::size_t w = 0; w < mine.size() && close; ++w) {
            if (mine[w] == theirs[w]) continue;
            close = (name_key(mine[w]) == name_key(theirs[w]) ||
                     (name_loose_key(mine[w]) == name_loose_key(theirs[w]) &&
                      !m_g.is_common(mine[w], cue_common_rank))) &&
                    edit_distance(utf8::to_u32(mine[w]), utf8::to_u32(theirs[w])) <= 2;
        }
        if (close) return true;
    }
    return false;
}

std::vector<std::size_t> Extraction::close_key_matches(const std::string& folded,
                                                       std::size_t words) const {
    std::vector<std::size_t> out;
    const std::string key = name_key(folded);
    const auto* found = m_g.find_key(key);
    if (found == nullptr) return out;
    const std::u32string mine = utf8::to_u32(folded);
    for (const std::size_t e : *found) {
        const Entity& entity = m_g.at(e);
        std::vector<std::string_view> names{entity.name};
        names.insert(names.end(), entity.aliases.begin(), entity.aliases.end());
        for (const std::string_view name : names) {
            const std::string other = fold_name(name);
            if (name_key(other) == key && edit_distance(mine, utf8::to_u32(other)) <= 2 * words) {
                out.push_back(e);
                break;
            }
        }
    }
    return out;
}

}  // namespace fahras::extraction
