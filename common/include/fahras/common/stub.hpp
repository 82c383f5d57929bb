// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Xapian stub files, read and written in one place: the live generation of a rebuilt database
// ("auto gen-…", fahras-index --rebuild), the shards of a sharded one ("auto shard-…",
// --shards) and hand-written stubs (`remote` lines: fahras-query and fahras-serve over remote
// shards). The format is Xapian's: one "TYPE ARGUMENT" per line, `#` comments, a relative
// path relative to the stub's directory.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace fahras::stub {

/// The stub file of a stub directory.
inline constexpr std::string_view file_name = "XAPIANDB";
/// Stubs followed through stubs, at most: a loop of stubs stops here.
inline constexpr int max_depth = 8;

/// One line of a stub file: `TYPE ARGUMENT` (auto, glass, remote…).
struct Line {
    std::string type;  ///< empty for a blank or `#` comment line
    std::string arg;   ///< the rest, without surrounding blanks
};

/// One line parsed: blanks around the type and the argument are dropped; a type alone has an
/// empty argument.
[[nodiscard]] Line parse_line(std::string_view raw);

/// The lines of stub file `stub`, blank and comment lines left out; none when it cannot be read.
[[nodiscard]] std::vector<Line> read(const std::filesystem::path& stub);

/// Whether `dir` is a stub directory (a directory holding a stub file).
[[nodiscard]] bool is_directory(const std::filesystem::path& dir);

/// The path a line's argument names: a relative one is relative to the stub's directory.
[[nodiscard]] std::filesystem::path target(const std::filesystem::path& stub, std::string_view arg);

/// Writes stub file `stub` atomically: `# comment`, then one "TYPE ARGUMENT" per line, written
/// to `stub`.new, flushed to disk and renamed over `stub`. Throws DatabaseError.
void write(const std::filesystem::path& stub, std::string_view comment,
           const std::vector<Line>& lines);

}  // namespace fahras::stub
