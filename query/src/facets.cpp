// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/facets.hpp"

#include <algorithm>
#include <map>

#include "fahras/common/schema.hpp"
#include "fahras/query/entity_filters.hpp"

namespace fahras {

const std::vector<FacetSpec>& facet_specs() {
    static const std::vector<FacetSpec> specs = [] {
        std::vector<FacetSpec> s;
        s.push_back({"source", schema::slot_source, 1, {}, {}});
        s.push_back({"category", schema::slot_category, 1, {}, {}});
        // News (issue #8): agencies credited, multi-valued.
        s.push_back({"agency", schema::slot_agency_first, schema::agency_capacity, {}, {}});
        // Dates (issue #3): publication year and year-month from the "YYYYMMDD" date slot,
        // and the year-months mentioned in the text (a slot range).
        s.push_back({"year", schema::slot_date, 1,
                     [](std::string_view v) { return std::string(v.substr(0, 4)); }, {}});
        s.push_back({"month", schema::slot_date, 1,
                     [](std::string_view v) {
                         return v.size() < 6 ? std::string()
                                             : std::string(v.substr(0, 4)) + "-" +
                                                   std::string(v.substr(4, 2));
                     },
                     {}});
        s.push_back({"mentioned_month", schema::slot_mentioned_month_first,
                     schema::mentioned_month_capacity, {}, {}});
        // Entities (docs/ENTITIES.md): canonical ids, labelled with their display names.
        const auto label = [](std::string_view id) { return entity_label(id); };
        s.push_back({"persons", schema::slot_persons, schema::entity_slot_capacity, {}, label});
        s.push_back({"places", schema::slot_places, schema::entity_slot_capacity, {}, label});
        s.push_back({"organisations", schema::slot_organisations, schema::entity_slot_capacity,
                     {}, label});
        return s;
    }();
    return specs;
}

FacetCounter::FacetCounter(const Xapian::Database& db, std::vector<FacetSpec> specs)
    : m_specs(std::move(specs)), m_db(db) {}

FacetCounter::~FacetCounter() = default;

void FacetCounter::attach(Xapian::Enquire& enquire) {
    for (std::size_t i = 0; i < m_specs.size(); ++i) {
        const FacetSpec& spec = m_specs[i];
        for (unsigned k = 0; k < spec.capacity; ++k) {
            const Xapian::valueno slot = spec.first_slot + k;
            // Slots of a range fill from the first: an empty slot means the rest are too.
            if (m_db.get_value_freq(slot) == 0) break;
            auto spy = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
            enquire.add_matchspy(spy.get());
            m_spies.push_back({i, std::move(spy)});
        }
    }
}

std::vector<Facet> FacetCounter::results(std::size_t top) const {
    std::vector<std::map<std::string, Xapian::doccount>> counts(m_specs.size());
    for (const SlotSpy& s : m_spies) {
        const FacetSpec& spec = m_specs[s.spec];
        for (auto it = s.spy->values_begin(); it != s.spy->values_end(); ++it) {
            const std::string stored = *it;
            std::string value = spec.value_of ? spec.value_of(stored) : stored;
            if (value.empty()) continue;
            counts[s.spec][std::move(value)] += it.get_termfreq();
        }
    }
    std::vector<Facet> out;
    out.reserve(m_specs.size());
    for (std::size_t i = 0; i < m_specs.size(); ++i) {
        Facet facet;
        facet.name = m_specs[i].name;
        facet.distinct = counts[i].size();
        for (auto& [value, count] : counts[i]) facet.values.push_back({value, {}, count});
        // Largest count first; the map gave value order, which stable_sort keeps for ties.
        std::stable_sort(facet.values.begin(), facet.values.end(),
                         [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
        if (top != 0 && facet.values.size() > top) facet.values.resize(top);
        if (m_specs[i].label_of) {
            for (FacetCount& v : facet.values) v.label = m_specs[i].label_of(v.value);
        }
        out.push_back(std::move(facet));
    }
    return out;
}

Xapian::doccount FacetCounter::documents_seen() const {
    return m_spies.empty() ? 0 : m_spies.front().spy->get_total();
}

}  // namespace fahras
