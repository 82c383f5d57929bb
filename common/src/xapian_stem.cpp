// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/xapian_stem.hpp"

#include "fahras/common/analyzer.hpp"

namespace fahras {

std::string FahrasStemImplementation::operator()(const std::string& word) {
    if (const auto it = m_cache.find(word); it != m_cache.end()) return it->second;
    if (m_cache.size() >= cache_words) m_cache.clear();
    return m_cache.emplace(word, Analyzer::stem_word(word)).first->second;
}

std::string FahrasStemImplementation::get_description() const { return "fahras-arabic-light"; }

Xapian::Stem make_xapian_stemmer() {
    // Xapian::Stem takes ownership through its intrusive reference count.
    return Xapian::Stem(new FahrasStemImplementation());
}

}  // namespace fahras
