// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace fahras {

/// One news article as read from an input, before analysis. All strings are valid UTF-8.
struct Article {
    std::string id;  ///< unique id; the input's own id, else the path relative to the root
    std::string title;
    std::string body;
    std::string date;    ///< as given by the input (normalised by the date issue's code)
    std::string source;  ///< outlet, e.g. "alarabia"
    std::string url;
    std::string author;
    std::string category;
    std::string path;      ///< file it came from, relative to the indexed root
    std::size_t line = 0;  ///< 1-based line in a JSON Lines file; 0 for whole-file articles
    /// The body text to index when it differs from `body` (news cleaning: boilerplate
    /// lines left out). The document data always keeps `body` as given, for display.
    std::optional<std::string> indexed_body;
};

}  // namespace fahras
