// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalogue.hpp"

#include "fahras/common/catalogue_entry.hpp"

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
        const std::string key = catalogue_key(id);
        if (key.empty()) continue;
        if (const auto old = decode_catalogue_entry(db.get_metadata(key))) {
            for (const std::string& v : old->variants) {
                if (c.variants.size() < max_variants) c.variants.insert(v);
            }
        }
        CatalogueEntry entry{std::string(to_string(c.kind)), c.name, c.latin, {}, {}};
        if (gazetteer != nullptr) {
            if (const Entity* e = gazetteer->find_id(id)) entry.aliases = e->aliases;
        }
        entry.variants.assign(c.variants.begin(), c.variants.end());
        db.set_metadata(key, encode_catalogue_entry(entry));
    }
    m_entries.clear();
}

}  // namespace fahras
