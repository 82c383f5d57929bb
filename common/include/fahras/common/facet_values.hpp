// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Writing facet values into value slots, the one way every facet is stored.
//
// Facets are counted with Xapian's built-in ValueCountMatchSpy, the only match spy a stock
// `xapian-tcpsrv` knows, so that facet counts also work over remote shards. A spy counts one
// value per slot per document, so a multi-valued facet (persons, mentioned months, agencies …)
// is a RANGE of consecutive slots [first, first + capacity): a document's distinct values go
// into first, first + 1, … and the query side sums the counts of every slot of the range
// (query/include/fahras/query/facets.hpp).

#include <string>
#include <vector>

#include <xapian.h>

namespace fahras {

/// Writes the distinct non-empty `values`, in their order (put the most salient first), into
/// slots `first`, `first + 1`, …, at most `capacity` of them; values past the capacity are
/// dropped. Clears the rest of the range, so a document can be rewritten in place. Returns
/// how many slots were written.
unsigned set_multi_values(Xapian::Document& doc, Xapian::valueno first, unsigned capacity,
                          const std::vector<std::string>& values);

/// The values stored by set_multi_values(), in slot order.
[[nodiscard]] std::vector<std::string> get_multi_values(const Xapian::Document& doc,
                                                        Xapian::valueno first,
                                                        unsigned capacity);

}  // namespace fahras
