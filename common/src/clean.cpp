// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/clean.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

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

/// True when every byte is ASCII lower-case-or-not-a-letter, the common case for which NFKC
/// casefolding is the identity and ICU need not be called.
bool is_plain_ascii(std::string_view s) noexcept {
    for (const char c : s) {
        const auto b = static_cast<unsigned char>(c);
        if (b >= 0x80 || (b >= 'A' && b <= 'Z')) return false;
    }
    return true;
}

}  // namespace

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
    if (is_plain_ascii(text)) return std::string(text);

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

    std::string out;
    out.reserve(normalised.size());
    std::size_t pos = 0;
    while (pos < normalised.size()) {
        const std::size_t at = pos;
        const char32_t cp = utf8::decode(normalised, pos);
        if (is_dropped(cp)) continue;
        out.append(normalised, at, pos - at);
    }
    return out;
}

}  // namespace fahras
