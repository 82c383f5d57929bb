// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/terms.hpp"

#include <cstdint>
#include <cstdio>

#include "fahras/common/clean.hpp"
#include "fahras/common/fingerprint.hpp"
#include "fahras/common/schema.hpp"

namespace fahras {

namespace {

/// Xapian's glass backend refuses terms over 245 bytes; stay clear of it.
constexpr std::size_t max_term_bytes = 240;

/// 64-bit FNV-1a: a stable hash for shortening long terms (not for security).
std::uint64_t fnv1a(std::string_view s) noexcept {
    std::uint64_t h = 1469598103934665603ULL;
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

/// `term` cut to fit max_term_bytes at a UTF-8 boundary, with `#` and a hash of the whole.
std::string fit(std::string term) {
    if (term.size() <= max_term_bytes) return term;
    char hash[24];
    std::snprintf(hash, sizeof hash, "#%016llx", static_cast<unsigned long long>(fnv1a(term)));
    std::size_t cut = max_term_bytes - 17;
    while (cut > 0 && (static_cast<unsigned char>(term[cut]) & 0xC0) == 0x80) --cut;
    term.resize(cut);
    term += hash;
    return term;
}

}  // namespace

std::string collapse_spaces(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string filter_value(std::string_view value) {
    return collapse_spaces(clean(value));
}

std::string boolean_term(std::string_view prefix, std::string_view value) {
    std::string v = filter_value(value);
    if (v.empty()) return {};
    return fit(std::string(prefix) + v);
}

std::string id_term(std::string_view article_id) {
    return fit(std::string(schema::id) + std::string(article_id));
}

std::string sample_term(unsigned level) {
    return std::string(schema::sample) + std::to_string(level);
}

std::vector<std::string> sample_terms(std::string_view article_id) {
    // The high half of the hash: its low bits already pick the story shingles elsewhere.
    const std::uint64_t bits = stable_hash(article_id) >> 32;
    std::vector<std::string> out;
    for (unsigned level = 1; level <= schema::sample_levels; ++level) {
        if ((bits & ((std::uint64_t{1} << level) - 1)) != 0) break;
        out.push_back(sample_term(level));
    }
    return out;
}

std::string source_term(std::string_view source) {
    return boolean_term(schema::source, source);
}

std::string category_term(std::string_view category) {
    return boolean_term(schema::category, category);
}

}  // namespace fahras
