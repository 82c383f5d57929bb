// SPDX-License-Identifier: GPL-3.0-or-later
// Text helpers shared by the readers (internal to fahras_indexer; reader_text.cpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fahras::reader_text {

/// True for the code points that separate words or pad lines in news text.
[[nodiscard]] bool is_space(char32_t cp);
/// Decodes the code point that ends just before `end` (a UTF-8 boundary) and moves `end` to its
/// start. Ill-formed bytes come back as utf8::invalid, one byte at a time.
[[nodiscard]] char32_t decode_backwards(std::string_view s, std::size_t& end);
/// `s` without leading and trailing white space (see is_space).
[[nodiscard]] std::string_view trim(std::string_view s);
/// A first line this long, or this sentence-like, is the start of the body, not a headline.
[[nodiscard]] bool looks_like_paragraph(std::string_view line);
/// 1-based line number of byte `offset` of `text`.
[[nodiscard]] std::size_t line_of(std::string_view text, std::size_t offset);
/// At most `max_chars` characters of `s` on one line, for a log: line breaks and other control
/// characters become spaces, ill-formed bytes (a character cut by the JSON parser) are dropped,
/// and a cut is marked with "…" — the end of `s` is kept with `keep_end`, else its start.
[[nodiscard]] std::string log_excerpt(std::string_view s, std::size_t max_chars,
                                      bool keep_end = false);
/// nlohmann's parse error message without its prefix ("[json.exception.parse_error.101] parse
/// error at line 1, column 2: "), the input it quotes ("last read: '…'") cut to its last 40
/// characters, the whole on one line of at most 160 characters (log_excerpt).
[[nodiscard]] std::string json_error_detail(std::string_view what);
/// "invalid UTF-8 at byte offset N; … replaced by U+FFFD".
[[nodiscard]] std::string invalid_utf8_reason(std::size_t offset, std::size_t replaced);

}  // namespace fahras::reader_text
