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
//
// The same distinct values are also written PACKED into one slot (schema 6): a local
// search counts a multi-valued facet with one value read per document instead of one per slot
// of the range (up to 20), which made facet counting ~80 value reads per document. The ranges
// stay for remote shards, whose stock `xapian-tcpsrv` can only run the built-in spy.

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace fahras {

/// Writes the distinct non-empty `values`, in their order (put the most salient first), into
/// slots `first`, `first + 1`, …, at most `capacity` of them; values past the capacity are
/// dropped. Clears the rest of the range, so a document can be rewritten in place. When
/// `packed` is a slot (not Xapian::BAD_VALUENO), the same values also go into it as one
/// pack_values() string (cleared when there are none). Returns how many values were written.
unsigned set_multi_values(Xapian::Document& doc, Xapian::valueno first, unsigned capacity,
                          const std::vector<std::string>& values,
                          Xapian::valueno packed = Xapian::BAD_VALUENO);

/// One string holding `values` in order: each value as its byte length (unsigned LEB128: 7
/// bits a byte, low group first, high bit set on all but the last byte) followed by its
/// bytes. Any byte may occur in a value; an empty list packs to the empty string.
[[nodiscard]] std::string pack_values(const std::vector<std::string>& values);

/// Calls `f(std::string_view)` for each value of a pack_values() string, in order. A
/// truncated or damaged string yields the values before the damage and stops (no throw: it
/// runs once per matching document while counting facets).
template <class F>
void for_each_packed(std::string_view packed, F&& f) {
    std::size_t at = 0;
    while (at < packed.size()) {
        std::size_t length = 0;
        unsigned shift = 0;
        bool more = true;
        while (more) {
            if (at == packed.size() || shift > 28) return;
            const auto byte = static_cast<unsigned char>(packed[at++]);
            length |= static_cast<std::size_t>(byte & 0x7Fu) << shift;
            shift += 7;
            more = (byte & 0x80u) != 0;
        }
        if (length > packed.size() - at) return;
        f(packed.substr(at, length));
        at += length;
    }
}

/// The values of a pack_values() string.
[[nodiscard]] std::vector<std::string> unpack_values(std::string_view packed);

/// The values stored by set_multi_values(), in slot order.
[[nodiscard]] std::vector<std::string> get_multi_values(const Xapian::Document& doc,
                                                        Xapian::valueno first, unsigned capacity);

}  // namespace fahras
