// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Facet counts over the whole match, not only the page shown.
//
// Each facet reads one value slot, or a range of slots for a multi-valued facet (see
// fahras/common/facet_values.hpp), with one Xapian::ValueCountMatchSpy per slot in use, so
// counting works over local shards and over remote ones served by a stock `xapian-tcpsrv`.
// Counting visits every matching document up to SearchOptions::facet_max_docs; past that the
// counts cover only the documents the matcher examined, and the result says so.

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace fahras {

/// How one facet is stored and shown.
struct FacetSpec {
    std::string name;             ///< JSON key and display name, e.g. "source", "year"
    Xapian::valueno first_slot = 0;
    unsigned capacity = 1;        ///< number of consecutive slots (1: single-valued)
    /// Maps a stored value to the facet value counted and shown (e.g. "20150918" → "2015");
    /// values mapping to the same string are summed; an empty result is not counted. Empty
    /// function: the stored value as it is.
    std::function<std::string(std::string_view)> value_of;
    /// Optional display label of a facet value (e.g. a canonical entity id → its name); the
    /// JSON output adds it as "label" when it is non-empty.
    std::function<std::string(std::string_view)> label_of;
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

    /// Adds one ValueCountMatchSpy per slot that holds a value in some document.
    void attach(Xapian::Enquire& enquire);

    /// The counts, each facet cut to its `top` most frequent values (0: all).
    [[nodiscard]] std::vector<Facet> results(std::size_t top) const;

    /// Number of documents the spies saw (0 when no facet slot is in use).
    [[nodiscard]] Xapian::doccount documents_seen() const;

  private:
    struct SlotSpy {
        std::size_t spec = 0;  ///< index into m_specs
        std::unique_ptr<Xapian::ValueCountMatchSpy> spy;
    };
    std::vector<FacetSpec> m_specs;
    std::vector<SlotSpy> m_spies;
    Xapian::Database m_db;
};

}  // namespace fahras
