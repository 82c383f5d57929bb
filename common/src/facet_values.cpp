// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/facet_values.hpp"

#include <algorithm>

namespace fahras {

unsigned set_multi_values(Xapian::Document& doc, Xapian::valueno first, unsigned capacity,
                          const std::vector<std::string>& values, Xapian::valueno packed) {
    unsigned written = 0;
    std::vector<const std::string*> seen;
    std::vector<std::string> kept;
    for (const std::string& value : values) {
        if (written == capacity) break;
        if (value.empty()) continue;
        if (std::any_of(seen.begin(), seen.end(),
                        [&](const std::string* s) { return *s == value; })) {
            continue;
        }
        seen.push_back(&value);
        doc.add_value(first + written, value);
        if (packed != Xapian::BAD_VALUENO) kept.push_back(value);
        ++written;
    }
    // An empty value removes the slot (Xapian::Document::add_value).
    for (unsigned i = written; i < capacity; ++i) doc.add_value(first + i, std::string());
    if (packed != Xapian::BAD_VALUENO) doc.add_value(packed, pack_values(kept));
    return written;
}

std::string pack_values(const std::vector<std::string>& values) {
    std::string out;
    for (const std::string& value : values) {
        std::size_t length = value.size();
        do {
            auto byte = static_cast<unsigned char>(length & 0x7Fu);
            length >>= 7;
            if (length != 0) byte |= 0x80u;
            out += static_cast<char>(byte);
        } while (length != 0);
        out += value;
    }
    return out;
}

std::vector<std::string> unpack_values(std::string_view packed) {
    std::vector<std::string> out;
    for_each_packed(packed, [&](std::string_view v) { out.emplace_back(v); });
    return out;
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
