// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/facet_values.hpp"

#include <algorithm>

namespace fahras {

unsigned set_multi_values(Xapian::Document& doc, Xapian::valueno first, unsigned capacity,
                          const std::vector<std::string>& values) {
    unsigned written = 0;
    std::vector<const std::string*> seen;
    for (const std::string& value : values) {
        if (written == capacity) break;
        if (value.empty()) continue;
        if (std::any_of(seen.begin(), seen.end(), [&](const std::string* s) { return *s == value; })) {
            continue;
        }
        seen.push_back(&value);
        doc.add_value(first + written, value);
        ++written;
    }
    // An empty value removes the slot (Xapian::Document::add_value).
    for (unsigned i = written; i < capacity; ++i) doc.add_value(first + i, std::string());
    return written;
}

std::vector<std::string> get_multi_values(const Xapian::Document& doc, Xapian::valueno first,
                                          unsigned capacity) {
    std::vector<std::string> out;
    for (unsigned i = 0; i < capacity; ++i) {
        std::string value = doc.get_value(first + i);
        if (value.empty()) break;
        out.push_back(std::move(value));
    }
    return out;
}

}  // namespace fahras
