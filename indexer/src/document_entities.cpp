// SPDX-License-Identifier: GPL-3.0-or-later
#include <nlohmann/json.hpp>

#include "document_entities.hpp"

#include "fahras/common/facet_values.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/stored_fields.hpp"

namespace fahras {

void add_entities(Xapian::Document& doc, nlohmann::json& data,
                  const std::vector<DocumentEntity>& entities) {
    std::vector<std::string> persons;
    std::vector<std::string> places;
    std::vector<std::string> organisations;
    nlohmann::json list = nlohmann::json::array();
    for (const DocumentEntity& e : entities) {
        const std::string term = entity_term(e.kind, e.id);
        if (term.empty()) continue;
        doc.add_boolean_term(term);
        switch (e.kind) {
            case EntityKind::person:
                persons.push_back(e.id);
                break;
            case EntityKind::place:
                places.push_back(e.id);
                break;
            case EntityKind::organisation:
                organisations.push_back(e.id);
                break;
        }
        nlohmann::json item = {{stored::entity::id, e.id},
                               {stored::entity::type, std::string(to_string(e.kind))},
                               {stored::entity::name, e.name},
                               {stored::entity::count, e.count}};
        if (!e.latin.empty()) item[stored::entity::latin] = e.latin;
        list.push_back(std::move(item));
    }
    set_multi_values(doc, schema::slot_persons, schema::entity_slot_capacity, persons,
                     schema::slot_packed_persons);
    set_multi_values(doc, schema::slot_places, schema::entity_slot_capacity, places,
                     schema::slot_packed_places);
    set_multi_values(doc, schema::slot_organisations, schema::entity_slot_capacity, organisations,
                     schema::slot_packed_organisations);
    if (!list.empty()) data[stored::entities] = std::move(list);
}

}  // namespace fahras
