// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fahras {

/// Step 4 of the analysis pipeline: an Arabic light stemmer over *folded* words.
///
/// Strips one conjunction/article prefix (وال فال بال كال لل ال, or a lone و) and then a
/// short sequence of suffixes (ها ان ات ون ين يه ا ه ي), each under a length guard so short
/// words and names keep their letters (وزيرا → وزير, never زير). Words with a root-initial
/// و (وزير، وطن، وقت …) keep it. Words that are not purely Arabic letters (Latin, numbers,
/// mixed) are returned unchanged. Idempotent on its own output is NOT promised (as with any
/// stemmer); deterministic it is.
[[nodiscard]] std::string stem_arabic(std::string_view folded);

/// The article and conjunction prefixes stem_arabic() strips (at most one of them), folded,
/// in UTF-8, longest first: وال فال بال كال لل ال و. A prefix search (`اقتصا*`) looks for its
/// start after each of them too, so that it reaches the clitic forms a stem reaches.
[[nodiscard]] const std::vector<std::string>& stem_prefixes();

/// True when `folded` is non-empty and made of Arabic letters only: the words stem_arabic()
/// stems (anything else it returns unchanged).
[[nodiscard]] bool is_arabic_word(std::string_view folded);

/// `folded` without the article prefix (وال فال بال كال لل ال) stem_arabic() would strip from
/// an Arabic word, when two letters at least remain; otherwise `folded`. A lone و is kept: at
/// the start of a partial word it may be a root letter (وزي…), which stem_arabic() can only
/// tell from a whole word.
[[nodiscard]] std::string_view strip_article_prefix(std::string_view folded);

}  // namespace fahras
