// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The stable hashes of Fahras, written once: 64-bit FNV-1a and the two 64-bit finalisers.
// Stored data depends on every value here (story keys, sample terms, shortened terms, file
// keys, content hashes, shard routing, the shipped NER model's feature hashes), so none may
// change; tests/test_hash.cpp pins known values. None is cryptographic.

#include <cstdint>
#include <string_view>

namespace fahras::hash {

/// FNV-1a's 64-bit offset basis.
inline constexpr std::uint64_t fnv_offset = 14695981039346656037ULL;
/// FNV-1a's 64-bit prime.
inline constexpr std::uint64_t fnv_prime = 1099511628211ULL;
/// The offset basis one digit short (1469598103934665603) that stable_hash() and the long-term
/// suffixes of terms.cpp have always started from: kept, since story keys, sample terms and
/// shortened terms in existing databases were computed with it.
inline constexpr std::uint64_t fnv_offset_short = 1469598103934665603ULL;

/// One FNV-1a step: `h` with byte `c` mixed in.
[[nodiscard]] constexpr std::uint64_t fnv1a_byte(std::uint64_t h, unsigned char c) noexcept {
    return (h ^ c) * fnv_prime;
}

/// 64-bit FNV-1a of `bytes`, continuing from `h` (the offset basis for a new hash).
[[nodiscard]] constexpr std::uint64_t fnv1a(std::string_view bytes,
                                            std::uint64_t h = fnv_offset) noexcept {
    for (const char c : bytes) h = fnv1a_byte(h, static_cast<unsigned char>(c));
    return h;
}

/// The SplitMix64 finaliser: every input bit affects every output bit (FNV's low bits mix
/// poorly for short inputs).
[[nodiscard]] constexpr std::uint64_t splitmix64_finalise(std::uint64_t z) noexcept {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/// The MurmurHash3 finaliser (fmix64).
[[nodiscard]] constexpr std::uint64_t murmur3_finalise(std::uint64_t h) noexcept {
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ULL;
    return h ^ (h >> 33);
}

}  // namespace fahras::hash
