// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Facet counts over the whole match, not only the page shown.
//
// Each facet reads one value slot, a range of slots for a multi-valued facet, or (schema 6) one
// packed slot holding the same values (see fahras/common/facet_values.hpp). Two ways to count:
//   - local databases: one FacetSpy reads each slot it needs once per document (a packed slot
//     instead of a range: ~9 value reads per document instead of ~80);
//   - when a remote shard is involved: one Xapian::ValueCountMatchSpy per slot of each range,
//     the only spy a stock `xapian-tcpsrv` can run, summed.
// Both give the same counts. Searcher (search.cpp) runs the counting as a match of its own,
// unweighted, over every match or over a uniform sample of them (SearchOptions::facet_max_docs).

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

namespace fahras {

/// How one facet is stored and shown.
struct FacetSpec {
    std::string name;  ///< JSON key and display name, e.g. "source", "year"
    Xapian::valueno first_slot = 0;
    unsigned capacity = 1;  ///< number of consecutive slots (1: single-valued)
    /// Maps a stored value to the facet value counted and shown (e.g. "20150918" → "2015");
    /// values mapping to the same string are summed; an empty result is not counted. Empty
    /// function: the stored value as it is.
    std::function<std::string(std::string_view)> value_of;
    /// Optional display label of a facet value (e.g. a canonical entity id → its name); the
    /// JSON output adds it as "label" when it is non-empty.
    std::function<std::string(std::string_view)> label_of;
    /// The slot holding the range's values packed (pack_values()), or Xapian::BAD_VALUENO.
    /// Since schema 6; read by local counting instead of the range.
    Xapian::valueno packed_slot = Xapian::BAD_VALUENO;
};

/// Every facet Fahras knows, in output order. Features that store a facet add it here.
[[nodiscard]] const std::vector<FacetSpec>& facet_specs();

/// One value of a facet and the number of matching articles that have it.
struct FacetCount {
    std::string value;
    std::string label;  ///< empty unless the facet has a label_of
    Xapian::doccount count = 0;

    friend bool operator==(const FacetCount&, const FacetCount&) = default;
};

/// The counts of one facet, largest first (ties: value order), cut to the requested top N.
struct Facet {
    std::string name;
    std::vector<FacetCount> values;
    std::size_t distinct = 0;  ///< number of distinct values seen before the cut
};

/// Counts the facets of `specs` for one Enquire. Attach before get_mset(); read after. The
/// counter owns its spies and must outlive the Enquire's get_mset() call.
class FacetCounter {
  public:
    FacetCounter(const Xapian::Database& db, std::vector<FacetSpec> specs);
    ~FacetCounter();
    FacetCounter(const FacetCounter&) = delete;
    FacetCounter& operator=(const FacetCounter&) = delete;

    /// Adds the spies. `builtin_only` (a remote shard is involved): one ValueCountMatchSpy
    /// per slot that holds a value in some document; otherwise one spy of our own for all
    /// facets, reading packed slots where the specs have them.
    void attach(Xapian::Enquire& enquire, bool builtin_only = false);

    /// The counts, each facet cut to its `top` most frequent values (0: all). Each count is
    /// multiplied by `scale` when the documents counted were a sample of 1 in `scale`.
    /// `labels` false leaves FacetCount::label empty (the caller labels the values shown).
    [[nodiscard]] std::vector<Facet> results(std::size_t top, unsigned scale = 1,
                                             bool labels = true) const;

    /// Number of documents the spies saw (0 when no facet slot is in use).
    [[nodiscard]] Xapian::doccount documents_seen() const;

    class Spy;

  private:
    struct SlotSpy {
        std::size_t spec = 0;  ///< index into m_specs
        std::unique_ptr<Xapian::ValueCountMatchSpy> spy;
    };
    std::vector<FacetSpec> m_specs;
    std::vector<SlotSpy> m_spies;
    std::unique_ptr<Spy> m_spy;
    /// (index into m_specs, index of the Spy source it reads): the facets m_spy counts.
    std::vector<std::pair<std::size_t, std::size_t>> m_sources;
    Xapian::Database m_db;
};

}  // namespace fahras
