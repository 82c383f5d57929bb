// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/clean.hpp"

#include <array>

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "fahras/common/errors.hpp"
#include "fahras/common/utf8.hpp"

namespace fahras {

namespace {

/// ICU's NFKC_Casefold normaliser; ICU owns the singleton.
const icu::Normalizer2& nfkc_casefold() {
    static const icu::Normalizer2* instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
        if (U_FAILURE(status) || n == nullptr) {
            throw Error(std::string("ICU NFKC_Casefold normaliser unavailable: ") +
                        u_errorName(status));
        }
        return n;
    }();
    return *instance;
}

/// For each code point below U+0800 (one or two bytes of UTF-8): true when clean() keeps it
/// as it is in any text of such code points. It is its own NFKC_Casefold, is not dropped, and
/// ICU says it always has a normalisation boundary before it (it never combines with what
/// precedes it). A text of such code points then normalises piece by piece, each code point
/// to itself. Plain Arabic letters, Arabic and ASCII digits and most punctuation qualify;
/// Latin capitals, harakat and U+0653–U+0655 ARABIC MADDAH ABOVE, HAMZA ABOVE and HAMZA BELOW
/// (which compose with the letter before), tatweel and U+00A0 NO-BREAK SPACE do not.
const std::array<bool, 0x800>& kept_as_is() {
    static const std::array<bool, 0x800> table = [] {
        std::array<bool, 0x800> t{};
        const icu::Normalizer2& n = nfkc_casefold();
        for (char32_t cp = 1; cp < 0x800; ++cp) {
            const auto c = static_cast<UChar32>(cp);
            UErrorCode status = U_ZERO_ERROR;
            const bool normalised = n.isNormalized(icu::UnicodeString(c), status);
            t[cp] = U_SUCCESS(status) && normalised && n.hasBoundaryBefore(c) && !is_dropped(cp);
        }
        return t;
    }();
    return table;
}

}  // namespace

bool is_clean(std::string_view text) {
    const std::array<bool, 0x800>& kept = kept_as_is();
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            if (!kept[b]) return false;
            ++i;
            continue;
        }
        if ((b & 0xE0) != 0xC0 || i + 1 >= n) return false;  // three or four bytes, or invalid
        const auto b1 = static_cast<unsigned char>(text[i + 1]);
        if ((b1 & 0xC0) != 0x80) return false;
        const char32_t cp = (static_cast<char32_t>(b & 0x1F) << 6) | (b1 & 0x3F);
        if (cp < 0x80 || !kept[cp]) return false;  // overlong, or not kept as is
        i += 2;
    }
    return true;
}

bool is_dropped(char32_t cp) noexcept {
    if (cp >= 0x064B && cp <= 0x065F)
        return true;  // U+064B ARABIC FATHATAN … U+065F ARABIC WAVY HAMZA BELOW
    switch (cp) {
        case 0x0640:  // ARABIC TATWEEL
        case 0x0670:  // ARABIC LETTER SUPERSCRIPT ALEF
        case 0x00AD:  // SOFT HYPHEN
        case 0xFEFF:  // ZERO WIDTH NO-BREAK SPACE (BOM)
        case 0x061C:  // ARABIC LETTER MARK
        case 0x2060:  // WORD JOINER
            return true;
        default:
            break;
    }
    if (cp >= 0x06D6 && cp <= 0x06ED) {
        // Quranic annotation marks U+06D6 ARABIC SMALL HIGH LIGATURE SAD WITH LAM WITH ALEF
        // MAKSURA … U+06ED ARABIC SMALL LOW MEEM, except the letter-like U+06E5 ARABIC SMALL
        // WAW and U+06E6 ARABIC SMALL YEH are marks too in practice; U+06DD ARABIC END OF
        // AYAH and U+06DE ARABIC START OF RUB EL HIZB are symbols — all dropped alike.
        return true;
    }
    if (cp >= 0x200B && cp <= 0x200F) return true;  // ZERO WIDTH SPACE … RIGHT-TO-LEFT MARK
    if (cp >= 0x202A && cp <= 0x202E)
        return true;  // LEFT-TO-RIGHT EMBEDDING … RIGHT-TO-LEFT OVERRIDE
    if (cp >= 0x2066 && cp <= 0x2069)
        return true;  // LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE
    return false;
}

std::string clean(std::string_view text) {
    if (is_clean(text)) return std::string(text);

    std::string valid = utf8::sanitize(text);
    std::string normalised;
    normalised.reserve(valid.size());
    {
        const icu::Normalizer2& n = nfkc_casefold();
        UErrorCode status = U_ZERO_ERROR;
        icu::StringByteSink<std::string> sink(&normalised, static_cast<int32_t>(valid.size()));
        n.normalizeUTF8(0, icu::StringPiece(valid.data(), static_cast<int32_t>(valid.size())), sink,
                        nullptr, status);
        if (U_FAILURE(status)) {
            // Cannot happen for valid UTF-8 short of memory exhaustion; keep the input.
            normalised = valid;
        }
    }

    // The runs between dropped code points are copied whole.
    std::string out;
    out.reserve(normalised.size());
    std::size_t run = 0;
    std::size_t pos = 0;
    while (pos < normalised.size()) {
        const std::size_t at = pos;
        if (!is_dropped(utf8::decode(normalised, pos))) continue;
        out.append(normalised, run, at - run);
        run = pos;
    }
    out.append(normalised, run, normalised.size() - run);
    return out;
}

}  // namespace fahras
