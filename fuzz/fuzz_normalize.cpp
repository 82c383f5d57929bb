// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the text normaliser and the whole analysis pipeline on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/clean.hpp"
#include "fahras/common/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    // The pipeline's contract is valid UTF-8 (the readers guarantee it); sanitise as they do.
    const std::string text = fahras::utf8::sanitize(raw);
    const std::string cleaned = fahras::clean(text);
    if (fahras::utf8::first_invalid(cleaned) != std::string_view::npos) __builtin_trap();
    for (const fahras::Token& t : fahras::default_analyzer().analyze(text)) {
        if (t.folded.empty() && !t.exact.empty() && t.stem.size() > t.exact.size() * 4) {
            __builtin_trap();  // a stem can never be much longer than its word
        }
    }
    return 0;
}
