// SPDX-License-Identifier: GPL-3.0-or-later
// A JSON record as an article (internal to fahras_indexer; reader_json.cpp): the fields the
// .json and JSON Lines readers take (docs/SCHEMA.md), and how a JSON syntax error is reported.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "fahras/common/article.hpp"

namespace fahras::reader_json {

/// "an array", "an object", "null", …: the type of `j` in a message.
[[nodiscard]] std::string a_type_name(const nlohmann::json& j);

/// What a record that cannot become an article is reported as.
class RecordError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Builds an article from one JSON value; `fallback_id` is used when the record has no id.
/// Throws RecordError when `j` is not an object, a field is not a string (numbers are written
/// out), or it has neither title nor body.
[[nodiscard]] Article article_from_json(const nlohmann::json& j, std::string fallback_id);

/// A JSON text that did not parse: where and why.
struct JsonSyntaxError {
    std::size_t offset;  ///< 0-based byte offset of the character the parser stopped at
    std::string detail;
};

/// Parses `text`, or returns where it went wrong.
[[nodiscard]] std::variant<nlohmann::json, JsonSyntaxError> parse_json(std::string_view text);

/// "invalid JSON at column C: …" for `error` in `text` (the column within its line).
[[nodiscard]] std::string json_syntax_reason(std::string_view text, const JsonSyntaxError& error);

}  // namespace fahras::reader_json
