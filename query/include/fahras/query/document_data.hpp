// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fahras {

/// The members of a document's data (the JSON object the indexer writes, see schema.hpp),
/// found without decoding them: a hit's title, date or id is read without lexing the
/// article body into a DOM (nlohmann::json::parse did, for every field of every hit). Each
/// value stays a view of its JSON text until asked for.
///
/// Data that is not a JSON object, or that breaks off, gives no members (the caller shows
/// empty fields, as before). Values are not validated past what finding their end needs:
/// the indexer wrote them with nlohmann::json::dump().
class DocumentData {
  public:
    explicit DocumentData(std::string_view json);

    /// True when the data is a JSON object (possibly empty).
    [[nodiscard]] bool is_object() const noexcept { return m_object; }

    /// The JSON text of the value of the top-level member `key` (e.g. `"abc"`, `12`,
    /// `[...]`), if there is such a member.
    [[nodiscard]] std::optional<std::string_view> raw(std::string_view key) const;

    /// The decoded string value of member `key`; empty when it is missing or not a string.
    [[nodiscard]] std::string string(std::string_view key) const;

    /// The value of member `key` as an unsigned integer, if it is one.
    [[nodiscard]] std::optional<std::size_t> unsigned_number(std::string_view key) const;

  private:
    bool m_object = false;
    /// (key as written, between its quotes; value's JSON text), in the order of the data.
    std::vector<std::pair<std::string_view, std::string_view>> m_members;
};

/// The JSON texts of the elements of the JSON array `array` (e.g. the objects of the
/// "entities" member, each then read with DocumentData); empty when it is not an array or
/// breaks off.
[[nodiscard]] std::vector<std::string_view> json_array_elements(std::string_view array);

/// The string a JSON string literal (with its quotes) stands for; nullopt when `literal` is
/// not one. Escapes: \" \\ \/ \b \f \n \r \t and \uXXXX, surrogate pairs joined (a lone
/// surrogate becomes U+FFFD REPLACEMENT CHARACTER).
[[nodiscard]] std::optional<std::string> decode_json_string(std::string_view literal);

}  // namespace fahras
