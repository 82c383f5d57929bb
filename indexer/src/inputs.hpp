// SPDX-License-Identifier: GPL-3.0-or-later
// The reading side of an indexing run (internal to fahras_indexer; inputs.cpp): finding the
// input files, deciding from the last run's FileState which of them changed, and reading the
// changed ones into a stream of events for the analysis workers and the writer (indexer.cpp).
#pragma once

#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "fahras/common/article.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/indexer/readers.hpp"
#include "fahras/indexer/state.hpp"

namespace fahras {

/// One file to read: where it is, the path used as its default article id, its size.
struct InputFile {
    std::filesystem::path file;
    std::string relative;  ///< relative to the root input it was found under
    std::uintmax_t size = 0;
};

/// `p` made absolute and lexically normal, without a trailing slash.
[[nodiscard]] std::string absolute_path(const std::filesystem::path& p);

/// Every file under `inputs` (recursed, hidden names skipped), in a stable order: the inputs in
/// the order given, the files of a directory sorted by relative path. The absolute paths of the
/// inputs are appended to `roots`. Unreadable directories and broken links go to `report`.
/// Throws UsageError for an input that does not exist.
[[nodiscard]] std::vector<InputFile> collect_inputs(
    const std::vector<std::string>& inputs, std::vector<std::string>& roots,
    const std::function<void(const InputError&)>& report);

/// One event of the reading stage, in input order. The writer applies them in this order.
struct InputEvent {
    enum class Kind {
        skipped,     ///< unsupported file type
        unreadable,  ///< cannot stat or hash the file: `error` reported, nothing recorded
        unchanged,   ///< same size and mtime (or content hash) as last run: `record`
        touched,     ///< unchanged content, new mtime: `record` to store
        begin,       ///< a changed file is read: its articles follow, then `end`
        article,     ///< one article of the current file
        bad_record,  ///< one bad record of the current file (`error`), reading went on
        end,         ///< the current file is read; `record` (failed + `error` when it failed)
        interrupted, ///< a stop was requested: the current file stays unrecorded
        failure,     ///< the reading stage died with `exception` (rethrown by the writer)
    };
    Kind kind = Kind::article;
    std::string shown;  ///< the path as given, for messages
    std::string key;    ///< FileState key of the file
    std::uintmax_t size = 0;
    FileRecord record;
    Article article;
    std::optional<InputError> error;
    std::exception_ptr exception;
};

/// Reads `files` in order and hands each event to `emit`; stops early when `emit` returns
/// false (the consumer gave up) or `stop()` becomes true (an `interrupted` event is emitted).
/// `state` is the FileState as loaded at the start of the run (the writer changes records only
/// of files already passed, so the snapshot is what the writer would see). Never throws: an
/// unexpected exception becomes a `failure` event.
void read_inputs(const std::vector<InputFile>& files, const FileState& state,
                 const ReaderOptions& reader, bool retry_failed,
                 const std::function<bool()>& stop,
                 const std::function<bool(InputEvent&&)>& emit);

/// Reads the articles of every supported file (the boilerplate learning pass), ignoring
/// errors (the indexing pass reports them). Stops when `emit` returns false.
void read_all_articles(const std::vector<InputFile>& files, const ReaderOptions& reader,
                       const std::function<bool(Article&&)>& emit);

}  // namespace fahras
