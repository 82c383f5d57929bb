// SPDX-License-Identifier: GPL-3.0-or-later
// The reading side of an indexing run (internal to fahras_indexer; inputs.cpp): finding the
// input files, deciding from the last run's FileState which of them changed, and reading the
// changed ones into a stream of events for the analysis workers and the writer (run_one.cpp).
#pragma once

#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/common/article.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/indexer/readers.hpp"
#include "fahras/indexer/state.hpp"

namespace fahras {

/// One file to read: where it is, its path relative to its input, its default article id.
struct InputFile {
    std::filesystem::path file;  ///< the input joined with `relative`
    std::string relative;        ///< relative to its input ('/'-separated; a file input: its name)
    /// The id of an article of this file that has none of its own (a JSON Lines record's:
    /// `id#LINE`): the input's id prefix, '/', `relative` (docs/SCHEMA.md).
    std::string id;
    std::uintmax_t size = 0;
};

/// What collect_inputs() found.
struct InputSet {
    std::vector<InputFile> files;
    std::vector<std::string> roots;  ///< absolute paths of the inputs, in the order given
    /// Absolute paths of directories under the inputs that could not be read (reported as
    /// errors): the files last recorded under them are kept, not taken as gone.
    std::vector<std::string> unreachable;
    std::size_t skipped = 0;  ///< entries that are not regular files (warned about)
};

/// `p` made absolute and lexically normal, without a trailing slash.
[[nodiscard]] std::string absolute_path(const std::filesystem::path& p);

/// True when the absolute path `path` is one of `dirs` or lies under one of them.
[[nodiscard]] bool is_under(std::string_view path, const std::vector<std::string>& dirs);

/// The id prefix of each input (docs/SCHEMA.md): by default the name of the input directory,
/// or of a file input's directory ("" for the root directory); `choices` holds --id-prefix
/// values, `INPUT=PREFIX` (or `PREFIX` alone when there is one input). Throws UsageError for a
/// choice naming no input, or when two different directories would share a prefix (their
/// files could then share ids).
[[nodiscard]] std::vector<std::string> input_id_prefixes(const std::vector<std::string>& inputs,
                                                         const std::vector<std::string>& choices);

/// Every file under `inputs` (recursed, hidden names skipped), in a stable order: the inputs in
/// the order given, the files of an input sorted by relative path. Each file and directory is
/// taken once, by its device and inode: symbolic links are followed after every path without
/// one, so a link to a directory or file already found (or a link loop, warned about once) adds
/// nothing, and a link to something outside the inputs is walked under the link's path.
/// Entries that are not regular files (FIFOs, devices, sockets) are skipped with a warning;
/// unreadable directories and broken links are errors; both go to `report`. Throws UsageError
/// for an input that does not exist, and as input_id_prefixes() does.
[[nodiscard]] InputSet collect_inputs(const std::vector<std::string>& inputs,
                                      const std::vector<std::string>& id_prefix_choices,
                                      const std::function<void(const InputError&)>& report);

/// One event of the reading stage, in input order. The writer applies them in this order.
struct InputEvent {
    enum class Kind {
        skipped,      ///< unsupported file type
        unreadable,   ///< cannot stat or hash the file: `error` reported, nothing recorded
        unchanged,    ///< same size and mtime (or content hash) as last run: `record`
        touched,      ///< unchanged content, new mtime: `record` to store
        begin,        ///< a changed file is read: its articles follow, then `end`
        article,      ///< one article of the current file
        bad_record,   ///< one bad record of the current file (`error`), reading went on
        end,          ///< the current file is read; `record` (failed + `error` when it failed)
        interrupted,  ///< a stop was requested: the current file stays unrecorded
        failure,      ///< the reading stage died with `exception` (rethrown by the writer)
        /// The article that follows claims `article.id` (its id and url are set here), which a
        /// record read earlier in this run (file `other_key`) claimed too: `error` is the
        /// warning naming both places; the later is kept.
        duplicate,
    };
    Kind kind = Kind::article;
    std::string shown;  ///< the path as given, for messages
    std::string key;    ///< FileState key of the file
    std::uintmax_t size = 0;
    FileRecord record;
    Article article;
    std::optional<InputError> error;
    std::exception_ptr exception;
    std::string other_key;    ///< duplicate: FileState key of the earlier claim's file
    bool routed_here = true;  ///< duplicate: the later article is stored by this run
};

/// Reads the files of `inputs` in order and hands each event to `emit`; stops early when
/// `emit` returns false (the consumer gave up) or `stop()` becomes true (an `interrupted`
/// event is emitted). `state` is the FileState as loaded at the start of the run (the writer
/// changes records only of files already passed, so the snapshot is what the writer would
/// see). A file unchanged since the last run is read all the same when a file it shares ids
/// with (FileRecord::linked) is read or gone, so that the record kept is the later one and an
/// article leaves only with its last file. Never throws: an unexpected exception becomes a
/// `failure` event.
void read_inputs(const InputSet& inputs, const FileState& state, const ReaderOptions& reader,
                 bool retry_failed, const std::function<bool()>& stop,
                 const std::function<bool(InputEvent&&)>& emit);

/// Reads the articles of every supported file (the boilerplate learning pass), ignoring
/// errors (the indexing pass reports them). Stops when `emit` returns false.
void read_all_articles(const std::vector<InputFile>& files, const ReaderOptions& reader,
                       const std::function<bool(Article&&)>& emit);

}  // namespace fahras
