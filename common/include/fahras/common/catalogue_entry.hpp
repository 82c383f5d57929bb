// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The entity catalogue entry: the metadata value the indexer writes for every entity it
// indexed (schema::meta_entity_prefix + id) and fahras-query reads for `entities`, name
// resolution and facet labels. Encoded and decoded here only.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fahras {

/// One entity of the catalogue, as stored: the JSON object {"aliases", "latin", "name",
/// "type", "variants"}.
struct CatalogueEntry {
    std::string type;                   ///< "person", "place" or "organisation"
    std::string name;                   ///< Arabic display name
    std::string latin;                  ///< Latin name; empty when unknown
    std::vector<std::string> aliases;   ///< the gazetteer's other names
    std::vector<std::string> variants;  ///< spellings seen in the articles
};

/// The metadata key of entity `id`: schema::meta_entity_prefix + id; empty when it is too long
/// for a Xapian metadata key (such an entity has no catalogue entry).
[[nodiscard]] std::string catalogue_key(std::string_view id);

/// The stored value of `entry` (compact JSON; invalid UTF-8 replaced by U+FFFD REPLACEMENT
/// CHARACTER).
[[nodiscard]] std::string encode_catalogue_entry(const CatalogueEntry& entry);

/// The entry a stored value holds; nullopt when it is not a JSON object. Members missing or of
/// another type read as empty; array elements that are not strings are left out.
[[nodiscard]] std::optional<CatalogueEntry> decode_catalogue_entry(std::string_view value);

}  // namespace fahras
