// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Named Arabic letters for the entity code that reads folded words code point by code point
// (entity_key.cpp, entity_words.cpp). Folded text has no hamza seats, alef maqsura or teh
// marbuta: those fold to ء, ي and ه.

namespace fahras::arabic_letters {

inline constexpr char32_t alef = 0x0627;   // ARABIC LETTER ALEF
inline constexpr char32_t beh = 0x0628;    // ARABIC LETTER BEH
inline constexpr char32_t jeem = 0x062C;   // ARABIC LETTER JEEM
inline constexpr char32_t reh = 0x0631;    // ARABIC LETTER REH
inline constexpr char32_t ghain = 0x063A;  // ARABIC LETTER GHAIN
inline constexpr char32_t feh = 0x0641;    // ARABIC LETTER FEH
inline constexpr char32_t kaf = 0x0643;    // ARABIC LETTER KAF
inline constexpr char32_t lam = 0x0644;    // ARABIC LETTER LAM
inline constexpr char32_t heh = 0x0647;    // ARABIC LETTER HEH (teh marbuta once folded)
inline constexpr char32_t waw = 0x0648;    // ARABIC LETTER WAW
inline constexpr char32_t yeh = 0x064A;    // ARABIC LETTER YEH (alef maqsura once folded)

}  // namespace fahras::arabic_letters
