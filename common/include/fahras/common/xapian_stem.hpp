// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

#include <xapian.h>

namespace fahras {

/// Fahras's Arabic pipeline as a Xapian stemmer: maps a raw word to the stem the indexer
/// writes under the `Z` prefix (clean + fold + light stem). Plugged into Xapian so that
/// `MSet::snippet` and anything else taking a `Xapian::Stem` use the very same code.
///
/// Remembers the stems it computed (at most `cache_words`, then it starts afresh):
/// `MSet::snippet` stems every word of every hit's body, the same words again and again, and
/// the stem of a word never changes. Not thread-safe: one per thread (a Searcher owns one).
class FahrasStemImplementation : public Xapian::StemImplementation {
  public:
    /// Words remembered before the cache is cleared (bounds its memory to a few MB).
    static constexpr std::size_t cache_words = 50000;

    std::string operator()(const std::string& word) override;
    std::string get_description() const override;

  private:
    std::unordered_map<std::string, std::string> m_cache;
};

/// A Xapian::Stem wrapping a new FahrasStemImplementation.
[[nodiscard]] Xapian::Stem make_xapian_stemmer();

}  // namespace fahras
