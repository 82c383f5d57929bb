// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Finds entity mentions in analysed text: gazetteer names (clitic-aware, longest match, then
// spelling keys), names announced by context cues (titles, roles, «وكالة»، «حزب»، «مدينة»),
// spans of a statistical tagger when one is given, and later mentions of a person's surname in
// the same text. Precision first: see docs/ENTITIES.md.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fahras/common/analyzer.hpp"
#include "fahras/extract/entities.hpp"

namespace fahras {

/// How a mention was found.
enum class MentionSource {
    gazetteer,  ///< a gazetteer name, exactly (after folding and clitics)
    variant,    ///< a gazetteer name through its match key (شويجو for شويغو)
    cue,  ///< an unknown name after a title or role (الرئيس، وزير الدفاع، حزب)
    tagger,       ///< a span of the statistical tagger
    coreference,  ///< a person's surname alone after the full name, or a name found elsewhere
                  ///< in the same text written again (ExtractorOptions::repeat_names)
};

/// "gazetteer", "variant", "cue", "tagger", "coreference".
[[nodiscard]] std::string_view to_string(MentionSource source) noexcept;

/// A span proposed by a statistical tagger: token indices [first, last).
struct TaggedSpan {
    std::size_t first = 0;
    std::size_t last = 0;
    EntityKind kind = EntityKind::person;
    double confidence = 1.0;
};

/// One mention of an entity in a text.
struct EntityMention {
    std::size_t first_token = 0;  ///< index in the token vector
    std::size_t last_token = 0;   ///< one past the last token
    std::size_t start = 0;        ///< UTF-8 byte offset of the mention, clitics included
    std::size_t end = 0;          ///< one past its last byte
    EntityKind kind = EntityKind::place;
    std::string surface;  ///< the name as written, clitics removed (cleaned form)
    /// Canonical id, display name, Latin name. Empty id when the name is ambiguous.
    std::string id;
    std::string name;
    std::string latin;
    /// Ids of every entity the name may be, when more than one (then `id` is empty).
    std::vector<std::string> candidates;
    MentionSource source = MentionSource::gazetteer;
};

/// Settings of the extractor.
struct ExtractorOptions {
    bool cues = true;                    ///< accept unknown names after titles and roles
    bool coreference = true;             ///< surname-only mentions after a full name
    double min_tagger_confidence = 0.6;  ///< tagger spans below this are ignored
    /// When a tagger ran: a one-word gazetteer name that is also a common word (المدينة،
    /// الخبر، بشار as places), and a one-word common name after a title, are kept only where
    /// the tagger tagged that word as a name of the same type. Curated entries and countries
    /// are exempt.
    bool confirm_common_words = true;
    /// When a tagger ran: its spans (at least `min_tagger_confidence`) are placed first and
    /// win over gazetteer names and cues that overlap them; the gazetteer then only names the
    /// span (canonical id of an entry of the same type, found by the span's text or its
    /// spelling key) and finds names in the words the tagger left untagged. Off: the
    /// gazetteer wins and tagger spans only fill gaps (the behaviour before; docs/ENTITIES.md).
    bool tagger_first = true;
    /// Context cues when a tagger ran (they measured 1 right in 43 next to it).
    bool cues_with_tagger = false;
    /// With `tagger_first`: which gazetteer names are taken in words the tagger left untagged.
    enum class Fill {
        none,     ///< none: the tagger alone finds mentions
        trusted,  ///< curated entries, countries and a user's own entries (not mined lists)
        all,      ///< every gazetteer name
    };
    Fill gazetteer_fill = Fill::trusted;
    /// With `tagger_first`: a tagger span of one common word (محفوظ Mahfouz / "kept") needs
    /// this confidence unless the gazetteer names it with the span's type.
    double common_word_confidence = 0.8;
    /// When a tagger ran: a name found once (tagger or gazetteer) is the same name wherever the
    /// text writes it, clitics allowed, in words no other mention took: the tagger misses
    /// repeats that lack the context of the first mention.
    bool repeat_names = true;
};

/// The id given to a name that no gazetteer holds: "name:" + the folded name (readable, so a
/// facet can show it without a catalogue).
[[nodiscard]] std::string unknown_entity_id(std::string_view folded_name);

class NerTagger;

/// Finds entity mentions. Thread-safe; holds references to the gazetteer and the tagger.
class EntityExtractor {
  public:
    /// `tagger` (may be null): the statistical tagger (ner.hpp) whose spans extract() adds
    /// when it is given none.
    explicit EntityExtractor(const Gazetteer& gazetteer, ExtractorOptions options = {},
                             const NerTagger* tagger = nullptr);

    /// The same, owning (sharing) its gazetteer.
    explicit EntityExtractor(std::shared_ptr<const Gazetteer> gazetteer,
                             ExtractorOptions options = {}, const NerTagger* tagger = nullptr);

    /// Mentions in `text`, whose words are `tokens` (from the default analyzer), in text order,
    /// never overlapping. `tagged` (may be empty) are tagger spans over the same tokens: with
    /// `ExtractorOptions::tagger_first` they win over overlapping gazetteer names, otherwise they
    /// only add names the gazetteer lacks. When `tagged` is empty and the extractor has a
    /// tagger, the tagger's spans are used.
    [[nodiscard]] std::vector<EntityMention> extract(
        std::string_view text, const std::vector<Token>& tokens,
        const std::vector<TaggedSpan>& tagged = {}) const;

    [[nodiscard]] const Gazetteer& gazetteer() const noexcept { return m_gazetteer; }

  private:
    std::shared_ptr<const Gazetteer> m_owned_gazetteer;  ///< null when the caller owns it
    const Gazetteer& m_gazetteer;
    ExtractorOptions m_options;
    const NerTagger* m_tagger;
    /// Folded last word of a gazetteer person's name or alias (two words or more) → that
    /// person's index; `Gazetteer::npos`-like SIZE_MAX when several persons share it. Names a
    /// one-word tagger person (رونالدو → كريستيانو رونالدو) when the word is not common. The
    /// same, keyed by a space and the word's name_loose_key() (a key no folded word can be),
    /// names the other spellings of that word (بوتن → فلاديمير بوتين).
    std::unordered_map<std::string, std::size_t> m_surname_of;
};

/// How a tool sets up its entity extractor: the same switches (`--gazetteer`, `--no-tagger`,
/// `--ner-article-pass`) and the same meaning for fahras-index, `fahras-query analyze` and
/// `show`, and fahras-serve, so that each finds the entities indexing finds.
struct ExtractorSetup {
    /// TSV files whose entries are added to the shipped gazetteer (Gazetteer::load_tsv()).
    std::vector<std::string> gazetteers;
    /// Run the statistical tagger (ner.hpp: data/ner/model.bin.gz, found by find_data_file());
    /// false: gazetteer and context cues only.
    bool tagger = true;
    /// With the tagger, its second, article-level pass too (docs/NER.md).
    bool ner_article_pass = false;
};

/// The one factory of a tool's entity extractor: the shipped gazetteer (default_gazetteer())
/// plus `setup.gazetteers`, default ExtractorOptions, and the default tagger's first pass,
/// both its passes, or none. Throws InputError for a gazetteer file that cannot be read or
/// has a malformed row, Error when the shipped data files are missing.
[[nodiscard]] std::unique_ptr<EntityExtractor> make_entity_extractor(const ExtractorSetup& setup);

/// An entity of one document, with what the index needs to know of it.
struct DocumentEntity {
    std::string id;
    EntityKind kind = EntityKind::place;
    std::string name;
    std::string latin;
    std::size_t count = 0;              ///< mentions
    std::size_t first = 0;              ///< token index of the first mention
    std::vector<std::string> variants;  ///< surface forms, in order of appearance
};

/// The distinct resolved entities of `mentions` (ambiguous ones left out), most salient first:
/// more mentions first, then earlier first.
[[nodiscard]] std::vector<DocumentEntity> document_entities(
    const std::vector<EntityMention>& mentions);

}  // namespace fahras
