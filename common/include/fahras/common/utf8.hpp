// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fahras::utf8 {

/// Returned by decode() for an ill-formed sequence.
inline constexpr char32_t invalid = 0xFFFFFFFF;
/// U+FFFD REPLACEMENT CHARACTER, written in place of ill-formed sequences.
inline constexpr char32_t replacement = 0xFFFD;

/// decode() of any sequence, the full checks (utf8.cpp); decode() is the same with the
/// two most frequent cases, ASCII and two bytes (U+0080–U+07FF: Arabic), inline.
[[nodiscard]] char32_t decode_any(std::string_view s, std::size_t& pos) noexcept;

/// Decodes the code point starting at `pos` in `s` and advances `pos` past it. On an
/// ill-formed sequence (overlong, surrogate, truncated, > U+10FFFF) returns `invalid` and
/// advances by one byte, so a caller can resynchronise.
[[nodiscard]] inline char32_t decode(std::string_view s, std::size_t& pos) noexcept {
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80) {
        ++pos;
        return b0;
    }
    // 0xC0 and 0xC1 would start overlong forms of ASCII: decode_any() refuses them.
    if (b0 >= 0xC2 && b0 <= 0xDF && pos + 1 < s.size()) {
        const auto b1 = static_cast<unsigned char>(s[pos + 1]);
        if ((b1 & 0xC0) == 0x80) {
            pos += 2;
            return (static_cast<char32_t>(b0 & 0x1F) << 6) | (b1 & 0x3F);
        }
    }
    return decode_any(s, pos);
}

/// Appends the UTF-8 encoding of `cp` to `out`.
void append(std::string& out, char32_t cp);

/// Byte offset of the first ill-formed sequence in `s`, or std::string_view::npos if `s` is
/// valid UTF-8.
[[nodiscard]] std::size_t first_invalid(std::string_view s) noexcept;

/// `s` with every ill-formed sequence replaced by U+FFFD; `replaced` (if given) receives
/// how many were replaced.
[[nodiscard]] std::string sanitize(std::string_view s, std::size_t* replaced = nullptr);

/// Number of code points in valid UTF-8 `s`.
[[nodiscard]] std::size_t length(std::string_view s) noexcept;

/// Converts to UTF-32 (ill-formed sequences become U+FFFD).
[[nodiscard]] std::u32string to_u32(std::string_view s);

/// Converts from UTF-32.
[[nodiscard]] std::string from_u32(std::u32string_view s);

}  // namespace fahras::utf8
