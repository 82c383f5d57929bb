// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

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

}  // namespace fahras
