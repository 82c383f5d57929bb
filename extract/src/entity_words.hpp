// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Word-level helpers of the entity extractor (entity_extractor.cpp): clitic readings of a
// word, nisba adjectives and the context cue words. Private to common/src.

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fahras/extract/entities.hpp"

namespace fahras::entity_words {

/// Levenshtein distance between two strings of bytes or code points.
template <typename String>
[[nodiscard]] std::size_t edit_distance(const String& a, const String& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = up;
        }
    }
    return row[b.size()];
}

/// The words of a name, split at spaces.
[[nodiscard]] std::vector<std::string> split_words(std::string_view text);

/// Shortest name left once clitics are taken off, in letters.
constexpr std::size_t min_stem_letters = 3;
/// Shortest name a context cue may find, in letters.
constexpr std::size_t min_key_letters = 4;
/// Shortest word a match key may find, in letters after the article.
constexpr std::size_t min_variant_letters = 5;
/// A name announced by a cue may not start with one of the this many most frequent words (a
/// wider list would refuse common first names: جيف، مايك).
constexpr std::size_t cue_common_rank = 3000;

/// Letters of a folded word after the article.
[[nodiscard]] std::size_t letters_after_article(std::string_view folded);

/// A way to read the first word of a name: the folded word without `clitic` leading letters
/// (and with ال restored after ل: للأمم → الأمم).
struct Reading {
    std::string word;
    std::size_t clitic = 0;  ///< letters of the written word that are clitics
    bool article = false;    ///< the article's alef was restored (لل → ال)
};

/// The readings of a folded word, the word itself first: و/ف, then ب/ك/ل, then لل → ال.
[[nodiscard]] std::vector<Reading> readings(std::string_view folded);

/// The cleaned form of a token without its first `letters` code points.
[[nodiscard]] std::string drop_letters(const std::string& exact, std::size_t letters);

[[nodiscard]] bool starts_with_article(std::string_view folded);

/// A nisba adjective with the article (الأمريكي، الروسية): skipped between a title and a name.
[[nodiscard]] bool is_nisba(std::string_view folded);

/// A nationality or demonym word, folded, clitics and article allowed: the nisba of a country
/// (الروسي، السوريون، للأميركيين: the word without ي، ية، يون، يين or يات names a country of
/// `g`, itself or with ا، يا or the article) or one of the broken plurals روس، أكراد، أتراك …
/// Such a word is never a person's name.
[[nodiscard]] bool is_demonym(std::string_view folded, const Gazetteer& g);

/// Context cue words (folded) and what follows them.
enum class Cue {
    person_title,  ///< الرئيس، السفير، الشيخ …: a person follows (after nisba adjectives)
    office,        ///< وزير، رئيس: a department word, nisbas, then a person
    spokesperson,  ///< الناطق، المتحدثة: باسم + organisation, then a person
    organisation,  ///< حزب، حركة، تنظيم، وكالة …: the cue and the name form an organisation
    place,  ///< مدينة، محافظة …: a place follows
};

/// The cue words, folded.
[[nodiscard]] const std::unordered_map<std::string, Cue>& cue_words();

}  // namespace fahras::entity_words
