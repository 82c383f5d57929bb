// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "fahras/common/article.hpp"
#include "fahras/common/errors.hpp"

namespace fahras {

/// Input formats the indexer reads, chosen by file name.
enum class InputFormat {
    unsupported,
    text,        ///< .txt: title on the first non-empty line (unless it is a paragraph), body after
    json,        ///< .json: one article object
    json_lines,  ///< .jsonl: one article object per line
    json_lines_gz,  ///< .jsonl.gz: gzip-compressed JSON Lines
    html,           ///< .html, .htm: one article per page (html.hpp)
};

/// The format of `file`, from its name (case-insensitive extension).
[[nodiscard]] InputFormat input_format(const std::filesystem::path& file);

/// Limits applied while reading. Together they bound the memory of a run: no article larger
/// than `max_record_size` reaches the analysis.
struct ReaderOptions {
    /// .txt, .json and .html files larger than this are refused (reported, counted, skipped).
    /// JSON Lines files (plain or gzipped) are streams read one line at a time: any size.
    std::uintmax_t max_file_size = 64ull << 20;
    /// One article's bytes (a JSON Lines line, or a whole .txt, .json or .html file): larger
    /// ones are refused with "record is N MiB, over --max-record-size M MiB" (the rest of a
    /// JSON Lines file is read on).
    std::uintmax_t max_record_size = 8ull << 20;
    /// Character encoding of .txt, .json and .html inputs (an ICU name such as windows-1256);
    /// "" detects it (encoding.hpp). JSON Lines are always UTF-8.
    std::string encoding;
};

/// Callbacks of read_articles().
struct ReaderSink {
    /// One article read. `article.path` and `article.line` are filled in.
    std::function<void(Article&&)> article;
    /// One bad record (a JSON Lines line, for instance) that was skipped; reading goes on.
    std::function<void(const InputError&)> error;
};

/// Reads every article of one input file and hands each to `sink.article`.
///
/// `display_path` is the path used in error reports and, when an article has no id of its own,
/// as its id (the path relative to the indexed root). Bad records inside a multi-record file are
/// passed to `sink.error` and skipped. A file that cannot be read at all (missing, unreadable,
/// empty, binary, too large, not valid JSON) throws InputError. Invalid UTF-8 in a text is
/// replaced by U+FFFD and reported through `sink.error` as a warning (InputError::is_warning)
/// with its byte offset; a text that is mostly not valid in any encoding is an error.
void read_articles(const std::filesystem::path& file, const std::string& display_path,
                   const ReaderOptions& options, const ReaderSink& sink);

/// The same, with `default_id` instead of `display_path` as the id of an article without one
/// (`default_id#LINE` for a JSON Lines record).
void read_articles(const std::filesystem::path& file, const std::string& display_path,
                   const std::string& default_id, const ReaderOptions& options,
                   const ReaderSink& sink);

/// "record is 12.3 MiB, over --max-record-size 8.0 MiB": the reason an article is refused.
[[nodiscard]] std::string record_too_large(std::uintmax_t size, std::uintmax_t limit);

/// Splits the text of a .txt article into title and body: the first non-empty line is the
/// title unless it looks like a paragraph (long, or ending in sentence punctuation with many
/// words); then there is no title and the body starts there.
void split_title_body(std::string_view text, std::string& title, std::string& body);

}  // namespace fahras
