// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/entity_filters.hpp"

#include <algorithm>
#include <map>

#include "fahras/common/catalogue_entry.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/extract/entity_extractor.hpp"

namespace fahras {

std::vector<CatalogueEntity> load_entity_catalogue(const Xapian::Database& db,
                                                   const std::vector<Xapian::Database>& shards) {
    std::vector<CatalogueEntity> out;
    std::map<std::string, std::size_t, std::less<>> index;  // id → position in out
    const std::string prefix(schema::meta_entity_prefix);
    const auto read = [&](const Xapian::Database& shard) {
        for (auto it = shard.metadata_keys_begin(prefix); it != shard.metadata_keys_end(prefix);
             ++it) {
            const std::string key = *it;
            std::optional<CatalogueEntry> entry = decode_catalogue_entry(shard.get_metadata(key));
            if (!entry) continue;
            CatalogueEntity c;
            c.entity.id = key.substr(prefix.size());
            if (!parse_entity_kind(entry->type, c.entity.kind)) continue;
            c.entity.name = std::move(entry->name);
            c.entity.latin = std::move(entry->latin);
            c.entity.aliases = std::move(entry->aliases);
            c.variants = std::move(entry->variants);
            const auto [at, added] = index.try_emplace(c.entity.id, out.size());
            if (added) {
                out.push_back(std::move(c));
                continue;
            }
            // Seen in an earlier shard: the first shard's name stays, spellings are pooled.
            CatalogueEntity& first = out[at->second];
            if (first.entity.latin.empty()) first.entity.latin = c.entity.latin;
            for (std::string& v : c.variants) {
                if (std::find(first.variants.begin(), first.variants.end(), v) ==
                    first.variants.end()) {
                    first.variants.push_back(std::move(v));
                }
            }
        }
    };
    if (shards.empty()) {
        read(db);
    } else {
        for (const Xapian::Database& shard : shards) read(shard);
    }
    for (CatalogueEntity& c : out) {
        for (const std::string& v : c.variants) c.entity.aliases.push_back(v);
        c.articles = db.get_termfreq(entity_term(c.entity.kind, c.entity.id));
    }
    return out;
}

void EntityLabels::load(const std::vector<Xapian::Database>& shards,
                        const std::vector<std::string>& ids) {
    for (const std::string& id : ids) {
        if (id.starts_with("name:")) continue;  // entity_label() reads the name from the id
        if (m_names.contains(id)) continue;
        const std::string key = catalogue_key(id);
        if (key.empty()) continue;
        for (const Xapian::Database& shard : shards) {
            const std::string value = shard.get_metadata(key);
            if (value.empty()) continue;
            const std::optional<CatalogueEntry> entry = decode_catalogue_entry(value);
            if (!entry) continue;
            m_names[id] = entry->name;
            break;
        }
    }
}

std::string EntityLabels::label(std::string_view id) const {
    if (!id.starts_with("name:")) {
        if (const auto it = m_names.find(id); it != m_names.end()) return it->second;
    }
    return entity_label(id);
}

std::string entity_label(std::string_view id) {
    // An unknown entity's id holds its (folded) name: the same label whatever the shard layout.
    if (id.starts_with("name:")) return std::string(id.substr(5));
    // An id of the shipped gazetteer (a database without a catalogue entry for it).
    if (const Entity* e = default_gazetteer().find_id(id)) return e->name;
    return {};
}

ResolvedEntityFilter resolve_entity_filter(const EntityResolver* resolver,
                                           const EntityFilterOption& option) {
    ResolvedEntityFilter out;
    out.input = option.name;
    out.kind = option.kind;
    out.excluded = option.excluded;
    if (resolver == nullptr) return out;
    const Resolution r = resolver->resolve(option.name, option.kind);
    out.method = r.method;
    for (const std::string& id : r.ids) {
        if (const Entity* e = resolver->find_id(id)) {
            out.entities.push_back({e->id, e->kind, e->name, e->latin, {}});
        }
    }
    return out;
}

std::vector<std::string> entity_filter_terms(const ResolvedEntityFilter& filter) {
    std::vector<std::string> terms;
    for (const Entity& e : filter.entities) {
        if (std::string t = entity_term(e.kind, e.id); !t.empty()) terms.push_back(std::move(t));
    }
    if (!terms.empty()) return terms;
    const std::string id = unknown_entity_id(fold_name(filter.input));
    for (const EntityKind k : {EntityKind::person, EntityKind::place, EntityKind::organisation}) {
        if (filter.kind && *filter.kind != k) continue;
        if (std::string t = entity_term(k, id); !t.empty()) terms.push_back(std::move(t));
    }
    return terms;
}

}  // namespace fahras
