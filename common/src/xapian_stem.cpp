// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/xapian_stem.hpp"

#include "fahras/common/analyzer.hpp"

namespace fahras {

std::string FahrasStemImplementation::operator()(const std::string& word) {
    return Analyzer::stem_word(word);
}

std::string FahrasStemImplementation::get_description() const { return "fahras-arabic-light"; }

Xapian::Stem make_xapian_stemmer() {
    // Xapian::Stem takes ownership through its intrusive reference count.
    return Xapian::Stem(new FahrasStemImplementation());
}

}  // namespace fahras
