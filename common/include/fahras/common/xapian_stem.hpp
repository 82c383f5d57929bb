// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include <xapian.h>

namespace fahras {

/// Fahras's Arabic pipeline as a Xapian stemmer: maps a raw word to the stem the indexer
/// writes under the `Z` prefix (clean + fold + light stem). Plugged into Xapian so that
/// `MSet::snippet` and anything else taking a `Xapian::Stem` use the very same code.
class FahrasStemImplementation : public Xapian::StemImplementation {
  public:
    std::string operator()(const std::string& word) override;
    std::string get_description() const override;
};

/// A Xapian::Stem wrapping FahrasStemImplementation.
[[nodiscard]] Xapian::Stem make_xapian_stemmer();

}  // namespace fahras
