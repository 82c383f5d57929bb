// SPDX-License-Identifier: GPL-3.0-or-later
// The work of one EntityExtractor::extract() call (private to extract/src). The class is here
// so that its two matchers — gazetteer names and context cues (entity_matching.cpp) — live
// apart from the tagger-first merge and the later passes (entity_extraction.cpp).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fahras/common/analyzer.hpp"
#include "fahras/extract/entity_extractor.hpp"

#include "entity_words.hpp"

namespace fahras::extraction {

/// The work of one extract() call.
class Extraction {
  public:
    Extraction(const Gazetteer& g, const ExtractorOptions& o, std::string_view text,
               const std::vector<Token>& tokens,
               const std::unordered_map<std::string, std::size_t>& surname_of)
        : m_g(g),
          m_o(o),
          m_text(text),
          m_tokens(tokens),
          m_taken(tokens.size(), false),
          m_surname_of(surname_of),
          m_readings(tokens.size()) {}

    /// `tagger_ran`: `tagged` is a tagger's verdict on the whole text (possibly "nothing"),
    /// so that a common word may be asked for its confirmation.
    std::vector<EntityMention> run(const std::vector<TaggedSpan>& tagged, bool tagger_ran);

  private:
    /// entity_words::readings() of token i's folded form, computed on first use: the
    /// matchers and the later passes ask for the readings of the same tokens again and again.
    /// (A word always has one reading, itself, so an empty entry is one not yet computed.)
    [[nodiscard]] const std::vector<entity_words::Reading>& token_readings(std::size_t i) const {
        if (m_readings[i].empty()) m_readings[i] = entity_words::readings(m_tokens[i].folded);
        return m_readings[i];
    }

    [[nodiscard]] bool arabic(std::size_t i) const {
        return i < m_tokens.size() && m_tokens[i].kind == TokenKind::arabic && !m_taken[i];
    }

    /// True when only spaces separate token i-1 from token i (no punctuation, no line break
    /// between paragraphs): names never span those. A hashtag sign before a word is no break
    /// (Al Arabiya writes «دونالد #ترمب»).
    [[nodiscard]] bool joined(std::size_t i) const;

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
    static bool fill_trusted(const Entity& e);

    /// Tries gazetteer names starting at token i; returns how many tokens to advance
    /// (entity_matching.cpp).
    std::size_t match_at(std::size_t i);

    EntityMention make_mention(std::size_t first, std::size_t last, std::size_t clitic,
                               MentionSource source) const;

    static void set_entity(EntityMention& m, const Entity& e);

    /// A name no gazetteer holds: its id comes from its match key.
    void set_unknown(EntityMention& m, std::string_view folded) const;

    void push(EntityMention m);

    /// True when every word of `m` is a nationality word (entity_words::is_demonym()).
    [[nodiscard]] bool demonyms_only(const EntityMention& m) const;

    [[nodiscard]] std::string folded_span(std::size_t first, std::size_t last,
                                          std::size_t clitic_of_first) const;

    /// Arabic or Latin-script word not yet in a mention (a tagger span may hold Latin names).
    [[nodiscard]] bool word(std::size_t i) const {
        return i < m_tokens.size() && !m_taken[i] &&
               (m_tokens[i].kind == TokenKind::arabic || m_tokens[i].kind == TokenKind::latin);
    }

    /// Names `m` after the gazetteer entries of its own type in `found`: one entry gives its
    /// id, several make the mention ambiguous (no id, candidates). False when none has the type.
    bool name_as(EntityMention& m, const std::vector<std::size_t>* found) const;

    /// `resolve`: the tagger's span and type are kept and the gazetteer only names it (its
    /// text with the first word's clitics taken off, then its spelling key); otherwise the old
    /// way (the gazetteer's unique entry of that name, whatever its type).
    void add_tagged(TaggedSpan span, bool resolve);

    /// The one gazetteer person a tagged person span names with the title before it (الملك |
    /// سلمان: the alias «الملك سلمان») or through its first words when the rest continues the
    /// lineage (محمد بن سلمان | بن عبدالعزيز، سلمان بن عبدالعزيز | آل سعود); null otherwise
    /// (entity_naming.cpp).
    [[nodiscard]] const Entity* person_in_context(const TaggedSpan& span,
                                                  const std::string& folded) const;

    /// The end of a tagged person span, stretched over the untaken words after it when they
    /// complete a gazetteer person's name: a given name tagged alone before the surname
    /// (دونالد | ترامب) is the person, not a one-word name of its own. (Organisations keep the
    /// tagger's bounds: مجلس الأمن is not stretched to مجلس الأمن الدولي.)
    [[nodiscard]] std::size_t completed_last(const TaggedSpan& span) const;

    /// Names a person or organisation span through the loose key (name_loose_key(): فلاديمير
    /// بوتن is فلاديمير بوتين، بوتن alone the gazetteer person whose last name is بوتين) when it
    /// names exactly one entry of the span's type. Each word spelt otherwise than in that entry
    /// must not be among the most frequent words (محمد is not محمود، حسين not حسن: native names
    /// that differ by a long vowel are different names), and a single word needs four letters.
    bool loosely_named(EntityMention& m, const std::string& folded, std::size_t words) const;

    /// The entries with a name of the match key of `folded` that is also within two letters
    /// of it per word (entity_naming.cpp): key rules combined stretch too far (الإكبار is not
    /// الجبير, though both have the key الغبر).
    [[nodiscard]] std::vector<std::size_t> close_key_matches(const std::string& folded,
                                                             std::size_t words) const;

    /// True when a name of `e` (`last_word`: its last word) is `folded` respelt: word by word
    /// the same word, or within two letters of it with the same match key, or the same loose
    /// key for a word that is not among the most frequent ones.
    [[nodiscard]] bool respelt_rare_words(const std::string& folded, const Entity& e,
                                          bool last_word) const;

    /// Letters of token i that are a conjunction or preposition before the article
    /// (والحكومة → الحكومة, as the tagger strips them), else 0: an unknown name's id and
    /// surface go without them. The letters are a clitic only when what is left is a word the
    /// gazetteer or the common words know, or one the text writes alone elsewhere — and the
    /// whole word is not itself a name: كاليفورنيا is not ك + «اليفورنيا», nor فالنسيا ف +
    /// «النسيا».
    [[nodiscard]] std::size_t article_clitic(std::size_t i) const;

    /// A folded word the gazetteer holds as a name (or a name's first word) or as a common word.
    [[nodiscard]] bool known_word(const std::string& folded) const;

    /// True when some token of the text is exactly `folded` (no clitic before it).
    [[nodiscard]] bool written_alone(std::string_view folded) const;

    /// Name words after a cue at `j`: not common, Arabic, at most `max` (the first may not
    /// carry the article for a person). Returns the number of words.
    [[nodiscard]] std::size_t name_words(std::size_t j, std::size_t max, bool person) const;

    /// Tries a context cue (a title, role or organisation word) at token i
    /// (entity_matching.cpp).
    void cue_at(std::size_t i);

    /// Other occurrences of the names found so far, in untaken words: the same entity.
    void repeat_names();

    /// A one-word person no gazetteer names (name:سلمان، name:الشاهد) that is the first or the
    /// last word of exactly one person named in full in the same text (الملك سلمان بن
    /// عبدالعزيز، يوسف الشاهد) is that person: one entity per person in an article's facets.
    void name_parts();

    /// A person's last name alone, after the full name: the same person.
    void coreference();

    const Gazetteer& m_g;
    const ExtractorOptions& m_o;
    std::string_view m_text;
    const std::vector<Token>& m_tokens;
    std::vector<bool> m_taken;
    bool m_confirm = false;
    bool m_trusted_only = false;     ///< match_at() takes fill_trusted() entries only
    std::vector<int> m_tagged_kind;  ///< per token: EntityKind of a tagger span, or -1
    std::vector<EntityMention> m_out;
    /// EntityExtractor::m_surname_of.
    const std::unordered_map<std::string, std::size_t>& m_surname_of;
    /// Last words of persons named in full so far (gazetteer persons only).
    std::map<std::string, const Entity*> m_surnames;
    /// token_readings(): per token, its readings once computed (empty before).
    mutable std::vector<std::vector<entity_words::Reading>> m_readings;
};

}  // namespace fahras::extraction
