// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/fingerprint.hpp"

#include <algorithm>
#include <cstdio>

#include "fahras/common/hash.hpp"
#include "fahras/common/schema.hpp"

namespace fahras {

std::uint64_t stable_hash(std::string_view text) noexcept {
    // FNV's low bits mix poorly for short inputs; the sampling tests low bits, so finish with
    // the SplitMix64 avalanche.
    return hash::splitmix64_finalise(hash::fnv1a(text, hash::fnv_offset_short));
}

Fingerprint fingerprint(std::string_view text, const FingerprintOptions& options,
                        const Analyzer& analyzer) {
    std::vector<std::string> words;
    analyzer.analyze(text, [&](const Token& t) { words.push_back(t.folded); });
    return fingerprint_words(words, options);
}

Fingerprint fingerprint_words(const std::vector<std::string>& words,
                              const FingerprintOptions& options) {
    Fingerprint fp;
    fp.words = words.size();
    if (words.empty()) return fp;
    const std::size_t k = std::max<std::size_t>(1, options.shingle_words);
    const std::size_t count = words.size() >= k ? words.size() - k + 1 : 1;
    const std::uint32_t modulus = std::max<std::uint32_t>(1, options.modulus);
    std::vector<std::uint64_t> all;
    all.reserve(count);
    // Each shingle is stable_hash() of its words, each followed by a space; FNV-1a runs over
    // the bytes in order, so the words are hashed in place rather than copied together.
    for (std::size_t i = 0; i < count; ++i) {
        std::uint64_t h = hash::fnv_offset_short;
        for (std::size_t j = i; j < std::min(i + k, words.size()); ++j) {
            h = hash::fnv1a_byte(hash::fnv1a(words[j], h), ' ');
        }
        all.push_back(hash::splitmix64_finalise(h));
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    fp.shingles = all.size();
    for (const std::uint64_t h : all) {
        if (h % modulus != 0) continue;
        fp.samples.push_back(static_cast<std::uint32_t>(h >> 32));
    }
    std::sort(fp.samples.begin(), fp.samples.end());
    fp.samples.erase(std::unique(fp.samples.begin(), fp.samples.end()), fp.samples.end());
    if (fp.samples.size() > options.max_samples) fp.samples.resize(options.max_samples);
    return fp;
}

std::size_t shared_samples(const std::vector<std::uint32_t>& a,
                           const std::vector<std::uint32_t>& b) noexcept {
    std::size_t shared = 0;
    auto i = a.begin();
    auto j = b.begin();
    while (i != a.end() && j != b.end()) {
        if (*i < *j) {
            ++i;
        } else if (*j < *i) {
            ++j;
        } else {
            ++shared;
            ++i;
            ++j;
        }
    }
    return shared;
}

double containment(const Fingerprint& a, const Fingerprint& b) noexcept {
    const std::size_t smaller = std::min(a.samples.size(), b.samples.size());
    if (smaller == 0) return 0;
    return static_cast<double>(shared_samples(a.samples, b.samples)) / static_cast<double>(smaller);
}

}  // namespace fahras
