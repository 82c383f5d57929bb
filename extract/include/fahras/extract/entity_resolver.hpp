// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Maps a name as a user types it — any Arabic spelling variant, or Latin letters — to the
// canonical entities it may mean. Used by fahras-query for --person/--place/--org/--entity and
// person:/place:/org:, over the entities recorded in a database.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/extract/entities.hpp"

namespace fahras {

/// How a name was resolved.
enum class ResolveMethod {
    none,             ///< nothing found
    exact,            ///< an Arabic name or alias, folded
    variant,          ///< an Arabic name through its match key (name_key())
    latin,            ///< a Latin name or alias (case and accents ignored), or one word of it
    transliteration,  ///< fuzzy match of the Latin input against transliterated Arabic names
};

/// "none", "exact", "variant", "latin", "transliteration".
[[nodiscard]] std::string_view to_string(ResolveMethod method) noexcept;

/// What a name resolved to. More than one id: the name is ambiguous (say so, don't pick).
struct Resolution {
    std::vector<std::string> ids;
    ResolveMethod method = ResolveMethod::none;
};

/// The consonant skeleton of a Latin name, in which transliterations of one Arabic name meet:
/// lower-cased, accents dropped, digraphs merged (sh, kh, gh, th, dh, ch), letters Arabic
/// spells alike merged (g/j/gh, k/c/q, f/v/ph, b/p), vowels and h, w, y dropped, doubled
/// letters single. "Shoigu" → "sg", "Aleppo" → "lb".
[[nodiscard]] std::string latin_skeleton(std::string_view latin);

/// Arabic → Latin through ICU's Arabic-Latin and Latin-ASCII transforms ("شويغو" →
/// "shwyghw"). Falls back to our own letter table when ICU lacks the transform.
[[nodiscard]] std::string transliterate_arabic(std::string_view arabic);

/// Resolves names against a set of entities. Build once (it transliterates every name).
class EntityResolver {
  public:
    explicit EntityResolver(std::vector<Entity> entities);
    ~EntityResolver();
    EntityResolver(EntityResolver&&) noexcept;
    EntityResolver& operator=(EntityResolver&&) noexcept;

    /// The entities `name` may mean, restricted to `kind` when given. A canonical id is that
    /// entity (facet values can be used as filters). Arabic input: exact
    /// folded names and aliases, then match keys. Latin input: Latin names and aliases (whole,
    /// then a single word of them: "Kerry" → John Kerry), then the closest transliterations
    /// (same consonant skeleton, then fewest edits between the spellings).
    [[nodiscard]] Resolution resolve(std::string_view name,
                                     std::optional<EntityKind> kind = std::nullopt) const;

    [[nodiscard]] const Entity* find_id(std::string_view id) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace fahras
