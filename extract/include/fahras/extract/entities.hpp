// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Named entities: the gazetteer of known people, places and organisations, and the "match
// keys" that put spelling variants of one name in one bucket. docs/ENTITIES.md explains the
// design; entity_extractor.hpp finds mentions in text, entity_resolver.hpp maps what a user
// types (any variant, or Latin letters) to entities.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace fahras {

/// The kinds of entity Fahras indexes. (The statistical tagger has its own EntityType in
/// ner.hpp; entity_extractor.cpp converts.)
enum class EntityKind { person, place, organisation };

/// "person", "place", "organisation".
[[nodiscard]] std::string_view to_string(EntityKind kind) noexcept;

/// Parses "person"/"PER", "place"/"LOC", "organisation"/"organization"/"org"/"ORG"; false for
/// anything else (MISC included).
[[nodiscard]] bool parse_entity_kind(std::string_view name, EntityKind& kind) noexcept;

/// The boolean term prefix of an entity type (schema.hpp).
[[nodiscard]] std::string_view entity_prefix(EntityKind kind) noexcept;

/// The boolean term of an entity: entity_id_term() (terms.hpp) of its type's prefix.
[[nodiscard]] std::string entity_term(EntityKind kind, std::string_view id);

/// A canonical entity: one id, one display name, every known way of writing it.
struct Entity {
    std::string id;  ///< canonical id, e.g. "fahras:sergei-shoigu", "geonames:170063"
    EntityKind kind = EntityKind::place;
    std::string name;                  ///< Arabic display name
    std::string latin;                 ///< Latin (English) name; empty when unknown
    std::vector<std::string> aliases;  ///< other Arabic and Latin names
};

/// The folded form of a name: each word through Analyzer::fold_word(), joined by one space.
[[nodiscard]] std::string fold_name(std::string_view name);

/// The match key of a folded name, where spelling variants of a transliterated name meet:
///   * U+062C ARABIC LETTER JEEM and U+0643 ARABIC LETTER KAF → U+063A ARABIC LETTER GHAIN
///     (the three spellings of a Latin "g": شويغو/شويجو، غوغل/جوجل);
///   * U+064A ARABIC LETTER YEH dropped next to U+0631 ARABIC LETTER REH inside a word
///     (الأميركي/الأمريكي);
///   * a final U+0647 ARABIC LETTER HEH (folded teh marbuta) → U+0627 ARABIC LETTER ALEF
///     (سورية/سوريا);
///   * alef after the first letter dropped (زاخاروفا/زخاروفا).
/// Keys collide more than names do: they are only used when the exact folded name is unknown,
/// for names of at least four letters, and never for a common word.
[[nodiscard]] std::string name_key(std::string_view folded);

/// A looser key: name_key() without U+0648 ARABIC LETTER WAW and U+064A ARABIC LETTER YEH
/// inside a word, the long vowels that transliterations write or leave out (بوتين/بوتن،
/// ميركل/ميركيل). Collides more still: used only for names of a known type, when neither the
/// exact name nor its name_key() is known, and when it names one entry of that type.
[[nodiscard]] std::string name_loose_key(std::string_view folded);

/// The known entities and the lookup tables of their names.
class Gazetteer {
  public:
    /// An empty gazetteer.
    Gazetteer() = default;

    /// Adds the entries of a TSV file with the header `canonical_id type arabic_name aliases
    /// english_name source` (aliases separated by `|`; types PER, LOC, ORG; MISC rows are
    /// skipped). An id already present gains the row's names. Throws InputError
    /// (`path:line: error: reason`) for a file that cannot be read or a malformed row.
    void load_tsv(const std::filesystem::path& path);

    /// Adds one entity (or merges its names into the entity with the same id).
    void add(Entity entity);

    /// Adds the common words (one folded word a line, `#` comments) that are never taken for a
    /// name by a spelling key or a context cue.
    void load_common_words(const std::filesystem::path& path);

    /// True for a folded word listed as common, among the `max_rank` most frequent (the list
    /// is ordered by frequency).
    [[nodiscard]] bool is_common(std::string_view folded_word,
                                 std::size_t max_rank = std::size_t(-1)) const {
        const auto it = m_common.find(std::string(folded_word));
        return it != m_common.end() && it->second < max_rank;
    }

    /// Entities whose folded name or alias is exactly `folded` (several: ambiguous).
    [[nodiscard]] const std::vector<std::size_t>* find_exact(const std::string& folded) const;
    /// Entities whose name or alias has the match key `key`.
    [[nodiscard]] const std::vector<std::size_t>* find_key(const std::string& key) const;
    /// Entities whose name or alias has the loose key `key` (name_loose_key()).
    [[nodiscard]] const std::vector<std::size_t>* find_loose_key(const std::string& key) const;
    /// True when some multi-word name starts with the folded words `prefix`.
    [[nodiscard]] bool is_prefix(const std::string& prefix) const {
        return m_prefixes.contains(prefix);
    }

    [[nodiscard]] const Entity& at(std::size_t index) const { return m_entities.at(index); }
    [[nodiscard]] const Entity* find_id(std::string_view id) const;
    [[nodiscard]] std::size_t size() const noexcept { return m_entities.size(); }
    [[nodiscard]] const std::vector<Entity>& entities() const noexcept { return m_entities; }
    /// Most words in any name.
    [[nodiscard]] std::size_t max_words() const noexcept { return m_max_words; }

  private:
    void index_name(std::size_t index, std::string_view name);

    std::vector<Entity> m_entities;
    std::unordered_map<std::string, std::size_t> m_by_id;
    std::unordered_map<std::string, std::vector<std::size_t>> m_exact;
    std::unordered_map<std::string, std::vector<std::size_t>> m_keys;
    std::unordered_map<std::string, std::vector<std::size_t>> m_loose_keys;
    std::unordered_set<std::string> m_prefixes;
    std::unordered_map<std::string, std::size_t> m_common;  ///< word → frequency rank
    std::size_t m_max_words = 1;
};

/// The shipped gazetteer (data/gazetteer/: curated.tsv, gazetteer-odbl.tsv and
/// gazetteer-ccbysa.tsv — one file per licence — and common-words.txt, found by
/// find_data_file()), loaded once. Throws Error when the files are missing.
[[nodiscard]] const Gazetteer& default_gazetteer();

}  // namespace fahras
