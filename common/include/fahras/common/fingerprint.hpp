// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Near-duplicate fingerprints of article bodies: a content-defined sample of word-shingle
// hashes. Two texts sample the same shingles (a shingle is kept when its hash is 0 modulo
// `modulus`, whatever text it sits in), so the samples of two versions of a wire story
// overlap in proportion to the text they share, and the overlap estimates containment
// |A ∩ B| / min(|A|, |B|) rather than Jaccard: a rewrite that keeps the agency's quotes but
// adds or drops paragraphs still scores. docs/NEWS.md gives the measurements behind the
// defaults.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/common/analyzer.hpp"

namespace fahras {

/// Parameters of fingerprint(). Index and query time need not agree (only the indexer
/// computes fingerprints), but every article of one database must use the same ones.
struct FingerprintOptions {
    std::size_t shingle_words = 5;  ///< words per shingle
    std::uint32_t modulus = 4;      ///< keep a shingle when hash % modulus == 0 (1: keep all)
    std::size_t max_samples = 256;  ///< keep at most this many (the smallest hashes)
};

/// The fingerprint of one text.
struct Fingerprint {
    std::vector<std::uint32_t> samples;  ///< sampled shingle hashes, sorted, distinct
    std::size_t words = 0;               ///< words in the text
    std::size_t shingles = 0;            ///< distinct shingles in the text

    [[nodiscard]] bool empty() const noexcept { return samples.empty(); }
};

/// Fingerprints `text`: its words as the analyzer folds them (so hamza, alef maqsura, taa
/// marbuta and diacritic variants agree), shingled, hashed, sampled. A text shorter than one
/// shingle gets one shingle of all its words.
[[nodiscard]] Fingerprint fingerprint(std::string_view text, const FingerprintOptions& options = {},
                                      const Analyzer& analyzer = default_analyzer());

/// The same from the folded words of the text, as the analyzer gives them (the indexer passes
/// the words it already analysed for the document instead of analysing the body again).
[[nodiscard]] Fingerprint fingerprint_words(const std::vector<std::string>& words,
                                            const FingerprintOptions& options = {});

/// Number of hashes two sorted sample lists share.
[[nodiscard]] std::size_t shared_samples(const std::vector<std::uint32_t>& a,
                                         const std::vector<std::uint32_t>& b) noexcept;

/// Estimated containment of two fingerprints: shared samples / the smaller sample count
/// (0 when either is empty).
[[nodiscard]] double containment(const Fingerprint& a, const Fingerprint& b) noexcept;

/// A stable 64-bit hash (FNV-1a, then a final avalanche): fingerprints and story keys.
[[nodiscard]] std::uint64_t stable_hash(std::string_view text) noexcept;

}  // namespace fahras
