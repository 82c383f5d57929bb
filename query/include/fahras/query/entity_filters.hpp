// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Entities on the query side: the catalogue of entities a database holds (written by the
// indexer as metadata), resolving --person/--place/--org/--entity and person:/place:/org: to
// boolean terms, and facet labels. docs/ENTITIES.md.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "fahras/extract/entities.hpp"
#include "fahras/extract/entity_resolver.hpp"

namespace fahras {

/// An entity filter as asked: a name in any spelling or in Latin letters, of one type or any.
struct EntityFilterOption {
    std::optional<EntityKind> kind;  ///< none: --entity (any type)
    std::string name;
    bool excluded = false;  ///< `-person:NAME`
};

/// What an entity filter resolved to, reported in JSON as "resolved_entities".
struct ResolvedEntityFilter {
    std::string input;
    std::optional<EntityKind> kind;
    ResolveMethod method = ResolveMethod::none;
    std::vector<Entity> entities;  ///< id, kind, name, latin (aliases left empty)
    bool excluded = false;

    /// More than one entity: the filter matches any of them, and the output says so.
    [[nodiscard]] bool ambiguous() const noexcept { return entities.size() > 1; }
};

/// One entity of the catalogue with its article count.
struct CatalogueEntity {
    Entity entity;
    std::vector<std::string> variants;  ///< spellings seen in the articles
    Xapian::doccount articles = 0;
};

/// Every entity recorded in the catalogue (metadata schema::meta_entity_prefix) of each of
/// `shards` — or of `db` itself when `shards` is empty — merged by id (the first shard's name,
/// the spellings of all), with article counts from `db` (term frequencies of its boolean term,
/// so over a stub they are totals across shards). Xapian reads the metadata of a stub's first
/// shard only, hence the shards (open_shards()).
[[nodiscard]] std::vector<CatalogueEntity> load_entity_catalogue(
    const Xapian::Database& db, const std::vector<Xapian::Database>& shards = {});

/// The display name of an entity id that needs no database: the name inside an id of an
/// unknown entity ("name:…"), or the shipped gazetteer's name. Empty when unknown.
[[nodiscard]] std::string entity_label(std::string_view id);

/// Display names of entity ids from one database's catalogue, for facet labels. Each Searcher
/// owns one (like the Searcher, not to be shared between threads without a lock).
class EntityLabels {
  public:
    /// Records the name of `id`.
    void add(const std::string& id, const std::string& name) { m_names[id] = name; }

    /// Records the catalogue names of those of `ids` not known yet, reading only their own
    /// metadata keys, shard by shard (the first shard holding one wins, as in
    /// load_entity_catalogue()). Facet labels need the names of the ~30 values shown, not the
    /// whole catalogue and resolver, which cost seconds on a large database.
    void load(const std::vector<Xapian::Database>& shards, const std::vector<std::string>& ids);

    /// The recorded name of `id`, else entity_label(id).
    [[nodiscard]] std::string label(std::string_view id) const;

  private:
    std::map<std::string, std::string, std::less<>> m_names;
};

/// Resolves one filter. `resolver` may be null (no catalogue): then only the id of an unknown
/// name can match.
[[nodiscard]] ResolvedEntityFilter resolve_entity_filter(const EntityResolver* resolver,
                                                         const EntityFilterOption& option);

/// The boolean terms a resolved filter matches (any of them): the entities' terms, or when
/// nothing resolved, the terms an unknown name found by context cues would have.
[[nodiscard]] std::vector<std::string> entity_filter_terms(const ResolvedEntityFilter& filter);

}  // namespace fahras
