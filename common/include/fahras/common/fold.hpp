// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace fahras {

/// Step 3 of the analysis pipeline: the folded form of one code point of cleaned text, so
/// that spelling variants meet (alef and hamza seats, alef maqsura, taa marbuta, Persian
/// letters, Arabic-Indic digits). Code points without a folding are returned unchanged.
[[nodiscard]] char32_t fold_char(char32_t cp) noexcept;

/// Folds every code point of cleaned text (see fold_char). Idempotent.
[[nodiscard]] std::string fold(std::string_view cleaned);

}  // namespace fahras
