// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace fahras {

/// Step 1 of the analysis pipeline: clean a word (or any text) into its "exact" form.
///
/// - NFKC with case folding (ICU `nfkc_cf`): Arabic presentation forms U+FB50–U+FDFF and
///   U+FE70–U+FEFF become base letters (lam-alef ligatures become two letters), compatibility
///   spaces become U+0020, Latin is case-folded, and default-ignorable characters are removed:
///   U+200B ZERO WIDTH SPACE … U+200F RIGHT-TO-LEFT MARK, U+202A–U+202E bidi embeddings,
///   U+2066–U+2069 bidi isolates, U+FEFF BOM, U+00AD SOFT HYPHEN.
/// - Drops U+0640 ARABIC TATWEEL, harakat U+064B ARABIC FATHATAN … U+065F ARABIC WAVY HAMZA
///   BELOW, U+0670 ARABIC LETTER SUPERSCRIPT ALEF and Quranic marks U+06D6–U+06ED.
///
/// The result is valid UTF-8; ill-formed input bytes become U+FFFD. Idempotent.
[[nodiscard]] std::string clean(std::string_view text);

/// True when clean(text) is `text` itself, found without calling ICU: valid UTF-8 of code
/// points below U+0800 each of which clean() keeps as it is wherever it stands (no Latin
/// capitals, harakat, tatweel, or letters a following mark could compose with). False does not
/// mean that clean() changes the text, only that the quick test cannot tell.
[[nodiscard]] bool is_clean(std::string_view text);

/// True for the code points clean() drops outright (tatweel, harakat, Quranic marks, format
/// and bidi controls). The tokenizer treats them as part of the word they sit in.
[[nodiscard]] bool is_dropped(char32_t cp) noexcept;

}  // namespace fahras
