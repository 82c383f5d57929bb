// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/fold.hpp"

#include "fahras/common/utf8.hpp"

namespace fahras {

char32_t fold_char(char32_t cp) noexcept {
    if (cp >= 0x0660 && cp <= 0x0669)
        return U'0' + (cp - 0x0660);  // ARABIC-INDIC DIGIT ZERO … NINE
    if (cp >= 0x06F0 && cp <= 0x06F9)
        return U'0' + (cp - 0x06F0);  // EXTENDED ARABIC-INDIC DIGIT ZERO … NINE
    switch (cp) {
        // Alef with hamza or madda, and alef wasla, are written as bare alef as often as not.
        case 0x0622:        // ARABIC LETTER ALEF WITH MADDA ABOVE
        case 0x0623:        // ARABIC LETTER ALEF WITH HAMZA ABOVE
        case 0x0625:        // ARABIC LETTER ALEF WITH HAMZA BELOW
        case 0x0671:        // ARABIC LETTER ALEF WASLA
        case 0x0672:        // ARABIC LETTER ALEF WITH WAVY HAMZA ABOVE
        case 0x0673:        // ARABIC LETTER ALEF WITH WAVY HAMZA BELOW
            return 0x0627;  // ARABIC LETTER ALEF
        // Hamza seats vary between spelling traditions (مسؤول/مسئول، شؤون/شئون، رؤوس/رءوس):
        // fold the seated forms to the bare hamza so that all meet.
        case 0x0624:        // ARABIC LETTER WAW WITH HAMZA ABOVE
        case 0x0626:        // ARABIC LETTER YEH WITH HAMZA ABOVE
            return 0x0621;  // ARABIC LETTER HAMZA
        case 0x0649:        // ARABIC LETTER ALEF MAKSURA
            return 0x064A;  // ARABIC LETTER YEH
        case 0x0629:        // ARABIC LETTER TEH MARBUTA
            return 0x0647;  // ARABIC LETTER HEH
        // Persian and Urdu letters that Arabic text borrows through keyboards and sources.
        case 0x06A9:        // ARABIC LETTER KEHEH
            return 0x0643;  // ARABIC LETTER KAF
        case 0x06CC:        // ARABIC LETTER FARSI YEH
        case 0x06D2:        // ARABIC LETTER YEH BARREE
            return 0x064A;  // ARABIC LETTER YEH
        case 0x06D5:        // ARABIC LETTER AE
        case 0x06C1:        // ARABIC LETTER HEH GOAL
        case 0x06BE:        // ARABIC LETTER HEH DOACHASHMEE
            return 0x0647;  // ARABIC LETTER HEH
        case 0x06C0:        // ARABIC LETTER HEH WITH YEH ABOVE
            return 0x0647;  // ARABIC LETTER HEH
        default:
            return cp;
    }
}

std::string fold(std::string_view cleaned) {
    // The runs of code points that fold to themselves are copied whole.
    std::string out;
    out.reserve(cleaned.size());
    std::size_t run = 0;
    std::size_t pos = 0;
    while (pos < cleaned.size()) {
        if (static_cast<unsigned char>(cleaned[pos]) < 0x80) {
            ++pos;
            continue;
        }
        const std::size_t at = pos;
        const char32_t cp = utf8::decode(cleaned, pos);
        const char32_t folded = cp == utf8::invalid ? utf8::replacement : fold_char(cp);
        if (folded == cp) continue;
        out.append(cleaned, run, at - run);
        utf8::append(out, folded);
        run = pos;
    }
    out.append(cleaned, run, cleaned.size() - run);
    return out;
}

}  // namespace fahras
