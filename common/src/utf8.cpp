// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/utf8.hpp"

namespace fahras::utf8 {

char32_t decode_any(std::string_view s, std::size_t& pos) noexcept {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char b0 = byte(pos);
    if (b0 < 0x80) {
        ++pos;
        return b0;
    }
    std::size_t need;
    char32_t cp;
    char32_t min;
    if ((b0 & 0xE0) == 0xC0) {
        need = 1, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        need = 2, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        need = 3, cp = b0 & 0x07, min = 0x10000;
    } else {
        ++pos;
        return invalid;
    }
    if (pos + need >= s.size()) {  // truncated sequence
        ++pos;
        return invalid;
    }
    for (std::size_t i = 1; i <= need; ++i) {
        const unsigned char b = byte(pos + i);
        if ((b & 0xC0) != 0x80) {
            ++pos;
            return invalid;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++pos;
        return invalid;
    }
    pos += need + 1;
    return cp;
}

void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::size_t first_invalid(std::string_view s) noexcept {
    std::size_t pos = 0;
    while (pos < s.size()) {
        // Fast path over ASCII.
        if (static_cast<unsigned char>(s[pos]) < 0x80) {
            ++pos;
            continue;
        }
        const std::size_t at = pos;
        if (decode(s, pos) == invalid) return at;
    }
    return std::string_view::npos;
}

std::string sanitize(std::string_view s, std::size_t* replaced) {
    std::size_t count = 0;
    std::string out;
    if (first_invalid(s) == std::string_view::npos) {
        out.assign(s);
    } else {
        out.reserve(s.size());
        std::size_t pos = 0;
        while (pos < s.size()) {
            const std::size_t at = pos;
            const char32_t cp = decode(s, pos);
            if (cp == invalid) {
                ++count;
                append(out, replacement);
            } else {
                out.append(s.substr(at, pos - at));
            }
        }
    }
    if (replaced != nullptr) *replaced = count;
    return out;
}

std::size_t length(std::string_view s) noexcept {
    std::size_t n = 0;
    for (const char c : s) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    }
    return n;
}

std::u32string to_u32(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    std::size_t pos = 0;
    while (pos < s.size()) {
        const char32_t cp = decode(s, pos);
        out += cp == invalid ? replacement : cp;
    }
    return out;
}

std::string from_u32(std::u32string_view s) {
    std::string out;
    out.reserve(s.size() * 2);
    for (const char32_t cp : s) append(out, cp);
    return out;
}

}  // namespace fahras::utf8
