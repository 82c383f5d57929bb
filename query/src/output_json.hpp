// SPDX-License-Identifier: GPL-3.0-or-later
// What the output writers share (internal to fahras_query; defined in output.cpp): the JSON
// type and its serialisation, one-line text, an entity mention as JSON.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fahras/extract/entity_extractor.hpp"

namespace fahras::output_detail {

/// Keeps keys in the order written: `query` and `rank` first, as a reader expects.
using Json = nlohmann::ordered_json;

/// Serializes without throwing on ill-formed UTF-8 (a query read from stdin may hold some):
/// such bytes become U+FFFD REPLACEMENT CHARACTER.
[[nodiscard]] std::string dump(const Json& json, int indent = -1);

/// Text on one line: every run of whitespace (tabs and line breaks included) becomes one space,
/// leading and trailing whitespace goes.
[[nodiscard]] std::string one_line(std::string_view text);

/// An entity mention of `text`: {"type", "text", "start", "end", "id", "name", ("latin")}.
[[nodiscard]] Json mention_to_json(std::string_view text, const EntityMention& m);

}  // namespace fahras::output_detail
