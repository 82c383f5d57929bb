// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/facets.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "fahras/common/facet_values.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/query/entity_filters.hpp"
#include "fahras/query/histogram.hpp"

namespace fahras {

const std::vector<FacetSpec>& facet_specs() {
    static const std::vector<FacetSpec> specs = [] {
        std::vector<FacetSpec> s;
        s.push_back({"source", schema::slot_source, 1, {}, {}});
        s.push_back({"category", schema::slot_category, 1, {}, {}});
        // News: agencies credited, multi-valued.
        s.push_back({"agency",
                     schema::slot_agency_first,
                     schema::agency_capacity,
                     {},
                     {},
                     schema::slot_packed_agency});
        // Dates: publication year and year-month from the "YYYYMMDD" date slot,
        // and the year-months mentioned in the text (a slot range).
        s.push_back(histogram_spec(HistogramBy::year));
        s.push_back(histogram_spec(HistogramBy::month));
        s.push_back({"mentioned_month",
                     schema::slot_mentioned_month_first,
                     schema::mentioned_month_capacity,
                     {},
                     {},
                     schema::slot_packed_mentioned_month});
        // Entities (docs/ENTITIES.md): canonical ids, labelled with their display names.
        const auto label = [](std::string_view id) { return entity_label(id); };
        s.push_back({"persons",
                     schema::slot_persons,
                     schema::entity_slot_capacity,
                     {},
                     label,
                     schema::slot_packed_persons});
        s.push_back({"places",
                     schema::slot_places,
                     schema::entity_slot_capacity,
                     {},
                     label,
                     schema::slot_packed_places});
        s.push_back({"organisations",
                     schema::slot_organisations,
                     schema::entity_slot_capacity,
                     {},
                     label,
                     schema::slot_packed_organisations});
        return s;
    }();
    return specs;
}

namespace {

/// std::string keys looked up by std::string_view without building a string (C++20
/// heterogeneous lookup): a packed slot's values are views into it.
struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        return std::hash<std::string_view>{}(s);
    }
};
using ValueCounts = std::unordered_map<std::string, Xapian::doccount, ViewHash, std::equal_to<>>;

void add(ValueCounts& counts, std::string_view value) {
    if (const auto it = counts.find(value); it != counts.end()) {
        ++it->second;
    } else {
        counts.emplace(value, 1);
    }
}

}  // namespace

/// Counts every facet in one pass over a document: each slot (a single slot, a packed slot,
/// or a range read up to its first empty slot) is read once, however many facets share it
/// (`year` and `month` both read the date). Values are counted as stored; FacetSpec::value_of
/// maps them in results(). Local databases only: it has no serialization for remote shards.
///
/// Values are read from one value stream per slot (Database::valuestream_begin), moved forward
/// with skip_to(): the matcher hands the documents over in increasing docid order, and a
/// stream decodes each chunk of values once, where Document::get_value() looks the document up
/// in the B-tree again for every slot (measured: docs/PERFORMANCE.md). A docid lower than the
/// last one (not expected) restarts the stream, so the counts stay right in any order. Over a
/// stub of several local shards the spy is not handed the stub's docids (tests/e2e/
/// test_shards.sh caught it), so there it reads Document::get_value() instead.
class FacetCounter::Spy : public Xapian::MatchSpy {
  public:
    // Database::size() is the number of shards (public in Xapian 1.4's database.h).
    explicit Spy(const Xapian::Database& db) : m_db(db), m_streams(db.size() == 1) {}

    /// One slot read, and its stream.
    struct Stream {
        Xapian::valueno slot = 0;
        Xapian::ValueIterator at;
        Xapian::docid last = 0;  ///< docid of the previous read
    };
    struct Source {
        Xapian::valueno slot = 0;
        unsigned capacity = 1;  ///< slots of a range; 1 for a single or a packed slot
        bool packed = false;
        ValueCounts counts;
        std::vector<Stream> streams;  ///< one per slot of the range
    };

    /// The source reading `slot` this way, added on first use.
    std::size_t source(Xapian::valueno slot, unsigned capacity, bool packed) {
        for (std::size_t i = 0; i < m_sources.size(); ++i) {
            const Source& s = m_sources[i];
            if (s.slot == slot && s.capacity == capacity && s.packed == packed) return i;
        }
        Source s{slot, capacity, packed, {}, {}};
        for (unsigned k = 0; k < capacity; ++k) {
            s.streams.push_back({slot + k, m_db.valuestream_begin(slot + k), 0});
        }
        m_sources.push_back(std::move(s));
        return m_sources.size() - 1;
    }

    void operator()(const Xapian::Document& doc, double) override {
        ++m_total;
        const Xapian::docid did = doc.get_docid();
        for (Source& s : m_sources) {
            if (s.packed) {
                const std::string value = read(s.streams.front(), doc, did);
                for_each_packed(value, [&](std::string_view v) { add(s.counts, v); });
                continue;
            }
            for (Stream& stream : s.streams) {
                const std::string value = read(stream, doc, did);
                // Slots of a range fill from the first: an empty slot means the rest are too.
                if (value.empty()) break;
                add(s.counts, value);
            }
        }
    }

    [[nodiscard]] const Source& at(std::size_t i) const { return m_sources[i]; }
    [[nodiscard]] Xapian::doccount total() const { return m_total; }

  private:
    /// The value of `stream`'s slot in `doc`, docid `did` (empty when it has none).
    std::string read(Stream& stream, const Xapian::Document& doc, Xapian::docid did) {
        if (!m_streams) return doc.get_value(stream.slot);
        if (did < stream.last) stream.at = m_db.valuestream_begin(stream.slot);
        stream.last = did;
        const Xapian::ValueIterator end = m_db.valuestream_end(stream.slot);
        if (stream.at == end) return {};
        if (stream.at.get_docid() < did) {
            stream.at.skip_to(did);
            if (stream.at == end) return {};
        }
        return stream.at.get_docid() == did ? *stream.at : std::string();
    }

    Xapian::Database m_db;
    bool m_streams = true;  ///< one database: value streams; several shards: get_value()
    std::vector<Source> m_sources;
    Xapian::doccount m_total = 0;
};

FacetCounter::FacetCounter(const Xapian::Database& db, std::vector<FacetSpec> specs)
    : m_specs(std::move(specs)), m_db(db) {}

FacetCounter::~FacetCounter() = default;

void FacetCounter::attach(Xapian::Enquire& enquire, bool builtin_only) {
    if (!builtin_only) {
        m_spy = std::make_unique<Spy>(m_db);
        for (std::size_t i = 0; i < m_specs.size(); ++i) {
            const FacetSpec& spec = m_specs[i];
            const bool packed = spec.packed_slot != Xapian::BAD_VALUENO;
            const Xapian::valueno slot = packed ? spec.packed_slot : spec.first_slot;
            // A facet no document has a value for costs nothing per document.
            if (m_db.get_value_freq(slot) == 0) continue;
            m_sources.push_back({i, m_spy->source(slot, packed ? 1 : spec.capacity, packed)});
        }
        enquire.add_matchspy(m_spy.get());
        return;
    }
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

std::vector<Facet> FacetCounter::results(std::size_t top, unsigned scale, bool labels) const {
    // Values mapped by FacetSpec::value_of, or counted by several spies (a slot range), are
    // merged in `merged`; the own spy's counts of an unmapped facet are already one per value.
    // Either way a value is a view into the counts until it is among the top N shown: an
    // entity facet has thousands of distinct values, and only these are copied.
    std::vector<std::map<std::string, Xapian::doccount>> merged(m_specs.size());
    using Value = std::pair<std::string_view, Xapian::doccount>;
    std::vector<std::vector<Value>> values(m_specs.size());
    const auto count = [&](std::size_t spec_index, std::string_view stored, Xapian::doccount n) {
        const FacetSpec& spec = m_specs[spec_index];
        std::string value = spec.value_of ? spec.value_of(stored) : std::string(stored);
        if (value.empty()) return;
        merged[spec_index][std::move(value)] += n;
    };
    for (const SlotSpy& s : m_spies) {
        for (auto it = s.spy->values_begin(); it != s.spy->values_end(); ++it) {
            count(s.spec, *it, it.get_termfreq());
        }
    }
    for (const auto& [spec_index, source] : m_sources) {
        const ValueCounts& stored_counts = m_spy->at(source).counts;
        if (m_specs[spec_index].value_of) {
            for (const auto& [stored, n] : stored_counts) count(spec_index, stored, n);
            continue;
        }
        values[spec_index].reserve(stored_counts.size());
        for (const auto& [stored, n] : stored_counts) {
            if (!stored.empty()) values[spec_index].emplace_back(stored, n);
        }
    }
    std::vector<Facet> out;
    out.reserve(m_specs.size());
    for (std::size_t i = 0; i < m_specs.size(); ++i) {
        std::vector<Value>& all = values[i];
        for (const auto& [value, n] : merged[i]) all.emplace_back(value, n);
        // Largest count first, ties in value order (values are distinct: a total order);
        // only the top N need sorting.
        const auto before = [](const Value& a, const Value& b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        };
        const std::size_t shown = top != 0 ? std::min(top, all.size()) : all.size();
        std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(shown), all.end(),
                          before);
        Facet facet;
        facet.name = m_specs[i].name;
        facet.distinct = all.size();
        facet.values.reserve(shown);
        for (std::size_t k = 0; k < shown; ++k) {
            facet.values.push_back({std::string(all[k].first), {}, all[k].second * scale});
        }
        if (labels && m_specs[i].label_of) {
            for (FacetCount& v : facet.values) v.label = m_specs[i].label_of(v.value);
        }
        out.push_back(std::move(facet));
    }
    return out;
}

Xapian::doccount FacetCounter::documents_seen() const {
    if (m_spy) return m_spy->total();
    return m_spies.empty() ? 0 : m_spies.front().spy->get_total();
}

}  // namespace fahras

namespace fahras {

const char* to_string(HistogramBy by) noexcept {
    switch (by) {
        case HistogramBy::year:
            return "year";
        case HistogramBy::month:
            return "month";
        case HistogramBy::day:
            return "day";
    }
    return "year";
}

FacetSpec histogram_spec(HistogramBy by) {
    // The date slot holds sortable YYYYMMDD (schema.hpp); a shorter value has no such period.
    const std::size_t digits = by == HistogramBy::year ? 4 : by == HistogramBy::month ? 6 : 8;
    return {to_string(by),
            schema::slot_date,
            1,
            [digits](std::string_view v) {
                if (v.size() < digits) return std::string();
                std::string out(v.substr(0, 4));
                if (digits >= 6) out += "-" + std::string(v.substr(4, 2));
                if (digits == 8) out += "-" + std::string(v.substr(6, 2));
                return out;
            },
            {}};
}

}  // namespace fahras
