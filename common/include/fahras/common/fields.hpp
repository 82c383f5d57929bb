// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>
#include <vector>

namespace fahras {

/// The fields of `line` between `sep` characters (TSV columns, `|`-separated aliases): n
/// separators give n + 1 fields, empty ones included, so a column keeps its position.
/// The views point into `line`.
[[nodiscard]] inline std::vector<std::string_view> split_fields(std::string_view line, char sep) {
    std::vector<std::string_view> out;
    std::size_t begin = 0;
    while (true) {
        const std::size_t at = line.find(sep, begin);
        out.push_back(line.substr(begin, at == std::string_view::npos ? line.npos : at - begin));
        if (at == std::string_view::npos) return out;
        begin = at + 1;
    }
}

}  // namespace fahras
