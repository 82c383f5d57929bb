// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Match counts per publication period (`/api/histogram`): the publication-date facet at the
// precision asked, over the whole match, with the same exactness rule as the facets
// (SearchOptions::facet_max_docs: exact up to it, estimated on a sample beyond).

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "fahras/query/entity_filters.hpp"
#include "fahras/query/facets.hpp"

namespace fahras {

/// The period of a histogram bucket.
enum class HistogramBy { year, month, day };

/// "year", "month" or "day".
[[nodiscard]] const char* to_string(HistogramBy by) noexcept;

/// The facet counting publication dates (slot schema::slot_date) by `by`: YYYY, YYYY-MM or
/// YYYY-MM-DD.
[[nodiscard]] FacetSpec histogram_spec(HistogramBy by);

/// One period and its matching articles.
struct HistogramBucket {
    std::string period;
    Xapian::doccount count = 0;
};

/// Matching articles per period, oldest period first.
struct Histogram {
    std::string query;
    HistogramBy by = HistogramBy::year;
    std::vector<HistogramBucket> buckets;
    Xapian::doccount undated = 0;  ///< matching articles without a publication date
    Xapian::doccount counted = 0;  ///< matching articles counted (the sample's size)
    bool exact = true;             ///< every match counted
    unsigned scale = 1;            ///< counts are × scale estimates when > 1
    std::vector<ResolvedEntityFilter> resolved_entities;
};

/// {"query", "by", "histogram": [{"period", "count"}], "undated", "total", "counted", "exact",
/// "estimated", "scale", ("resolved_entities"), "took_ms"} on one line; `total` is the sum of
/// the buckets and `undated`.
[[nodiscard]] std::string histogram_to_json(const Histogram& histogram, double took_ms);

}  // namespace fahras
