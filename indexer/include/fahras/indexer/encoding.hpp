// SPDX-License-Identifier: GPL-3.0-or-later
// Character encodings of input files: UTF-8 (with or without BOM), UTF-16 with a BOM, and the
// legacy Arabic encodings of old archives, Windows-1256 and ISO-8859-6, detected with ICU and
// converted to UTF-8 with ICU.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fahras {

/// Bytes decoded to UTF-8.
struct DecodedText {
    std::string text;      ///< valid UTF-8, without a byte order mark
    std::string encoding;  ///< what it was read as: "UTF-8", "windows-1256", …
    std::size_t invalid_offset = std::string::npos;  ///< byte offset of the first bad sequence
    std::size_t replaced = 0;                        ///< bad sequences replaced by U+FFFD
};

/// Decodes the bytes of a text file.
///
/// With `forced` (an ICU converter name such as "windows-1256", "ISO-8859-6", "UTF-16LE"),
/// converts from it. Otherwise: a UTF-8 or UTF-16 byte order mark decides; valid UTF-8 is UTF-8;
/// anything else is run through ICU charset detection, and the first candidate whose
/// conversion is mostly Arabic letters (see mostly_arabic) wins, Windows-1256 and ISO-8859-6
/// being tried last when detection offers neither. When nothing fits, the bytes are read as
/// UTF-8 with each ill-formed sequence replaced by U+FFFD (`invalid_offset`, `replaced`).
/// Throws UsageError for an unknown `forced` name.
[[nodiscard]] DecodedText decode_text(std::string_view bytes, const std::string& forced = "");

/// True when `bytes` starts with a UTF-16 byte order mark (such files hold NUL bytes and are
/// text all the same).
[[nodiscard]] bool has_utf16_bom(std::string_view bytes) noexcept;

/// True when at least 60% of the letters of UTF-8 `text` are Arabic (U+0600..U+06FF,
/// U+0750..U+077F, U+FB50..U+FDFF, U+FE70..U+FEFF) and there are almost no U+FFFD or C1
/// control characters: what a right guess of a legacy Arabic encoding gives.
[[nodiscard]] bool mostly_arabic(std::string_view text);

}  // namespace fahras
