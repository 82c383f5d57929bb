// SPDX-License-Identifier: GPL-3.0-or-later
#include "arabic_letters.hpp"
#include "fahras/common/utf8.hpp"
#include "fahras/extract/entities.hpp"

namespace fahras {

namespace {

using namespace arabic_letters;

/// The key of one folded word (see name_key()).
std::u32string word_key(std::u32string_view w) {
    std::u32string out;
    out.reserve(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) {
        char32_t c = w[i];
        const bool first = i == 0;
        const bool last = i + 1 == w.size();
        if (c == jeem || c == kaf) c = ghain;
        if (c == heh && last && i >= 2) c = alef;
        if (!first && !last && c == yeh &&
            ((i > 0 && w[i - 1] == reh) || (i + 1 < w.size() && w[i + 1] == reh))) {
            continue;
        }
        // Inner alefs are often left out in transliterations (زاخاروفا/زخاروفا); the article's
        // alef is first, a final alef is kept.
        if (!first && !last && c == alef) continue;
        out += c;
    }
    return out;
}

/// The loose key of one folded word: its key without inner waw and yeh (see name_loose_key()).
std::u32string loose_word_key(std::u32string_view w) {
    const std::u32string key = word_key(w);
    std::u32string out;
    out.reserve(key.size());
    for (std::size_t i = 0; i < key.size(); ++i) {
        const bool inner = i != 0 && i + 1 != key.size();
        if (inner && (key[i] == waw || key[i] == yeh)) continue;
        out += key[i];
    }
    return out;
}

/// Applies `key` to each word of a folded name, words joined by one space.
template <typename WordKey>
std::string key_words(std::string_view folded, WordKey key) {
    const std::u32string text = utf8::to_u32(folded);
    std::u32string out;
    std::size_t begin = 0;
    while (begin <= text.size()) {
        std::size_t end = text.find(U' ', begin);
        if (end == std::u32string::npos) end = text.size();
        if (end > begin) {
            if (!out.empty()) out += U' ';
            out += key(std::u32string_view(text).substr(begin, end - begin));
        }
        begin = end + 1;
    }
    return utf8::from_u32(out);
}

}  // namespace

std::string name_key(std::string_view folded) {
    return key_words(folded, word_key);
}

std::string name_loose_key(std::string_view folded) {
    return key_words(folded, loose_word_key);
}

}  // namespace fahras
