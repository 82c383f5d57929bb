// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/terms.hpp"

#include <cstdint>
#include <cstdio>

#include "fahras/common/clean.hpp"
#include "fahras/common/fingerprint.hpp"
#include "fahras/common/hash.hpp"
#include "fahras/common/schema.hpp"

namespace fahras {

namespace {

/// Xapian's glass backend refuses terms over 245 bytes; stay clear of it.
constexpr std::size_t max_term_bytes = 240;

/// `term` cut to fit max_term_bytes at a UTF-8 boundary, with `#` and a hash of the whole.
std::string fit(std::string term) {
    if (term.size() <= max_term_bytes) return term;
    char hash[24];
    std::snprintf(hash, sizeof hash, "#%016llx",
                  static_cast<unsigned long long>(hash::fnv1a(term, hash::fnv_offset_short)));
    std::size_t cut = max_term_bytes - 17;
    while (cut > 0 && (static_cast<unsigned char>(term[cut]) & 0xC0) == 0x80) --cut;
    term.resize(cut);
    term += hash;
    return term;
}

}  // namespace

std::string collapse_spaces(std::string_view text) {
    const auto is_space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    // The runs of other bytes are copied whole, one space between two of them.
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    const std::size_t n = text.size();
    while (pos < n) {
        while (pos < n && is_space(text[pos])) ++pos;
        if (pos == n) break;
        std::size_t end = pos;
        while (end < n && !is_space(text[end])) ++end;
        if (!out.empty()) out += ' ';
        out.append(text.substr(pos, end - pos));
        pos = end;
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

std::string agency_term(std::string_view code) {
    return boolean_term(schema::agency, code);
}

std::string entity_id_term(std::string_view prefix, std::string_view id) {
    // Xapian's glass backend refuses terms over 245 bytes.
    if (id.empty() || id.size() > 200) return {};
    std::string term(prefix);
    term += id;
    return term;
}

std::string story_key(std::string_view root_article_id) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(stable_hash(root_article_id)));
    return hex;
}

std::string story_term(std::string_view key) {
    return std::string(schema::story) + std::string(key);
}

std::string shingle_term(std::uint32_t hash) {
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(hash));
    return std::string(schema::shingle) + hex;
}

std::string date_value(std::string_view iso) {
    std::string digits;
    digits.reserve(iso.size());
    for (const char c : iso) {
        if (c != '-') digits += c;
    }
    return digits;
}

std::string date_term(std::string_view prefix, std::string_view iso) {
    return std::string(prefix) + date_value(iso);
}

}  // namespace fahras
