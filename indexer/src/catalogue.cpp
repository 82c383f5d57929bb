// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogue.hpp"

#include <nlohmann/json.hpp>

#include "fahras/common/schema.hpp"

namespace fahras {

namespace {
constexpr std::size_t max_variants = 32;  ///< per entity: enough to show, bounded in size
}

void EntityCatalogue::remember(const DocumentEntity& e) {
    auto [it, added] = m_entries.try_emplace(e.id);
    Entry& c = it->second;
    if (added) {
        c.kind = e.kind;
        c.name = e.name;
        c.latin = e.latin;
    }
    for (const std::string& v : e.variants) {
        if (c.variants.size() < max_variants) c.variants.insert(v);
    }
}

void EntityCatalogue::write(Xapian::WritableDatabase& db, const Gazetteer* gazetteer) {
    for (auto& [id, c] : m_entries) {
        const std::string key = std::string(schema::meta_entity_prefix) + id;
        if (key.size() > 240) continue;  // Xapian's metadata key limit
        nlohmann::json old = nlohmann::json::parse(db.get_metadata(key), nullptr, false);
        if (old.is_object()) {
            for (const auto& v : old.value("variants", nlohmann::json::array())) {
                if (v.is_string() && c.variants.size() < max_variants) {
                    c.variants.insert(v.get<std::string>());
                }
            }
        }
        nlohmann::json aliases = nlohmann::json::array();
        if (gazetteer != nullptr) {
            if (const Entity* e = gazetteer->find_id(id)) {
                for (const std::string& a : e->aliases) aliases.push_back(a);
            }
        }
        const nlohmann::json entry = {{"type", std::string(to_string(c.kind))},
                                      {"name", c.name},
                                      {"latin", c.latin},
                                      {"aliases", std::move(aliases)},
                                      {"variants", c.variants}};
        db.set_metadata(key, entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    m_entries.clear();
}

}  // namespace fahras
