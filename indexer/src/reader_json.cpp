// SPDX-License-Identifier: GPL-3.0-or-later
#include "reader_json.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "reader_text.hpp"

namespace fahras::reader_json {

using Json = nlohmann::json;

namespace {

/// Reads the string field `name` of `object`: absent and null read as absent; numbers are
/// written out in JSON notation; anything else is an error.
std::optional<std::string> string_field(const Json& object, const char* name) {
    const auto it = object.find(name);
    if (it == object.end() || it->is_null()) return std::nullopt;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number()) return it->dump();
    throw RecordError(std::string("field \"") + name + "\" is " + a_type_name(*it) +
                      ", expected a string");
}

std::string trimmed_field(const Json& object, const char* name) {
    return std::string(reader_text::trim(string_field(object, name).value_or(std::string())));
}

}  // namespace

std::string a_type_name(const Json& j) {
    switch (j.type()) {
        case Json::value_t::array:
            return "an array";
        case Json::value_t::object:
            return "an object";
        case Json::value_t::boolean:
            return "a boolean";
        case Json::value_t::null:
            return "null";
        case Json::value_t::string:
            return "a string";
        case Json::value_t::binary:
            return "binary data";
        default:
            return "a number";
    }
}

Article article_from_json(const Json& j, std::string fallback_id) {
    if (!j.is_object()) throw RecordError("expected a JSON object, found " + a_type_name(j));
    Article a;
    a.id = trimmed_field(j, "id");
    if (a.id.empty()) a.id = std::move(fallback_id);
    a.title = trimmed_field(j, "title");
    std::optional<std::string> body = string_field(j, "body");
    if (!body) body = string_field(j, "text");
    if (!body) body = string_field(j, "content");
    a.body = std::string(reader_text::trim(body.value_or(std::string())));
    a.date = trimmed_field(j, "date");
    a.source = trimmed_field(j, "source");
    a.url = trimmed_field(j, "url");
    a.author = trimmed_field(j, "author");
    a.category = trimmed_field(j, "category");
    if (a.title.empty() && a.body.empty()) throw RecordError("no title and no body");
    return a;
}

std::variant<Json, JsonSyntaxError> parse_json(std::string_view text) {
    try {
        return Json::parse(text);
    } catch (const Json::parse_error& e) {
        // nlohmann's message reads "[json.exception.parse_error.101] parse error at line 1,
        // column 2: syntax error ..."; keep the part after the position, which we report our way.
        std::string detail = reader_text::json_error_detail(e.what());
        // e.byte is 1-based and may point one past the end.
        const std::size_t offset = e.byte == 0 ? 0 : std::min<std::size_t>(e.byte - 1, text.size());
        return JsonSyntaxError{offset, std::move(detail)};
    }
}

std::string json_syntax_reason(std::string_view text, const JsonSyntaxError& error) {
    std::size_t line_start = 0;
    if (error.offset > 0) {
        const std::size_t nl = text.rfind('\n', error.offset - 1);
        if (nl != std::string_view::npos) line_start = nl + 1;
    }
    const std::size_t column = error.offset - line_start + 1;
    return "invalid JSON at column " + std::to_string(column) + ": " + error.detail;
}

}  // namespace fahras::reader_json
