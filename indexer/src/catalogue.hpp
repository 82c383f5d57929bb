// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The entity catalogue: for every entity id seen, its type, display names and spelling
// variants, kept in the database metadata (schema::meta_entity_prefix + id) for
// `fahras-query entities`, name resolution and facet labels.

#include <map>
#include <set>
#include <string>

#include <xapian.h>

#include "fahras/extract/entity_extractor.hpp"

namespace fahras {

/// The entities seen since the last write, merged into the metadata at each commit.
class EntityCatalogue {
  public:
    /// Keeps what the catalogue needs to know of an entity mention (at most 32 variants).
    void remember(const DocumentEntity& e);
    /// Writes the entities remembered since the last call into `db`'s metadata, merging the
    /// variants already recorded and the gazetteer's aliases (`gazetteer` may be null), and
    /// forgets them.
    void write(Xapian::WritableDatabase& db, const Gazetteer* gazetteer);

  private:
    struct Entry {
        EntityKind kind = EntityKind::place;
        std::string name;
        std::string latin;
        std::set<std::string> variants;
    };
    std::map<std::string, Entry> m_entries;
};

}  // namespace fahras
