// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to the date extractor: the word tables (month names of the three Gregorian naming
// systems and the Hijri calendar, weekdays, cue words), matched on folded tokens.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "fahras/common/analyzer.hpp"

namespace fahras::dates::detail {

/// A month name found at a token.
struct MonthMatch {
    unsigned month = 0;      ///< 1–12
    bool hijri = false;      ///< a Hijri month (محرم … ذو الحجة)
    std::size_t tokens = 0;  ///< words it takes (كانون الثاني: 2)
};

/// The month name that starts at `tokens[i]`, whose first word may carry one proclitic
/// (و ف ب ل, or و/ف followed by ب/ل). Words of a two-word name must be separated by spaces only.
[[nodiscard]] std::optional<MonthMatch> match_month(std::string_view text,
                                                    const std::vector<Token>& tokens,
                                                    std::size_t i);

/// Day of the week named by a folded word (الأحد … السبت, with or without a proclitic و),
/// 0 = Sunday … 6 = Saturday.
[[nodiscard]] std::optional<unsigned> match_weekday(std::string_view folded);

/// Direction an adjective gives a relative expression: الماضي (past), الجاري (current),
/// المقبل (next).
enum class Direction { past, current, next };
/// The direction of a folded adjective (الماضي، الماضية، المنصرم، الفائت، الجاري، الحالي،
/// المقبل، القادم, masculine and feminine).
[[nodiscard]] std::optional<Direction> match_direction(std::string_view folded);

/// True for `word` equal to one of `folded_words` (which must be folded already).
[[nodiscard]] bool is_one_of(std::string_view word,
                             std::initializer_list<std::string_view> folded_words) noexcept;

}  // namespace fahras::dates::detail
