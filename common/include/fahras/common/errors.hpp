// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace fahras {

/// Base of every error Fahras throws. Library code throws; only `main` catches and turns the
/// error into an exit status (see docs/ERRORS.md).
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Misuse by the caller: a bad option value, a query that cannot be parsed. Exit status 2.
class UsageError : public Error {
  public:
    using Error::Error;
};

/// A query string that cannot be parsed (unbalanced quotes or parentheses, unknown field).
class QueryError : public UsageError {
  public:
    using UsageError::UsageError;
};

/// The database cannot be opened, read or written. Fatal for the run: exit status 2.
class DatabaseError : public Error {
  public:
    using Error::Error;
};

/// One input (a file, or one line of a JSON Lines file) could not be read. The indexer
/// reports it compiler-style, counts it and goes on with the next input.
///
/// A *warning* is a problem the input survived (a few invalid bytes replaced by U+FFFD, the
/// article indexed all the same): reported as `path:line: warning: reason`, counted apart, and
/// it does not make the run fail.
class InputError : public Error {
  public:
    enum class Severity { error, warning };

    /// `line` is 1-based; 0 means the error concerns the whole file.
    InputError(std::string path, std::size_t line, const std::string& reason,
               Severity severity = Severity::error)
        : Error(reason), m_path(std::move(path)), m_line(line), m_severity(severity) {}

    /// The same problem, reported under another path (the path as the user gave it).
    InputError(std::string path, const InputError& other)
        : Error(other.what()),
          m_path(std::move(path)),
          m_line(other.m_line),
          m_severity(other.m_severity) {}

    [[nodiscard]] const std::string& path() const noexcept { return m_path; }
    [[nodiscard]] std::size_t line() const noexcept { return m_line; }
    [[nodiscard]] std::string reason() const { return what(); }
    [[nodiscard]] bool is_warning() const noexcept { return m_severity == Severity::warning; }

    /// `path:line: error: reason` (or `path: error: reason` when line is 0; `warning:` for a
    /// warning). Always one line: control characters in the path or the reason (a file name
    /// may hold a newline) are written as `\n`, `\r`, `\t` or `\xHH`.
    [[nodiscard]] std::string report() const {
        std::string out = one_line(m_path);
        if (m_line != 0) out += ":" + std::to_string(m_line);
        out += is_warning() ? ": warning: " : ": error: ";
        out += one_line(what());
        return out;
    }

    /// `text` with its control characters escaped as report() writes them.
    [[nodiscard]] static std::string one_line(std::string_view text) {
        std::string out;
        out.reserve(text.size());
        for (const char c : text) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '\n') {
                out += "\\n";
            } else if (c == '\r') {
                out += "\\r";
            } else if (c == '\t') {
                out += "\\t";
            } else if (u < 0x20 || u == 0x7F) {
                static constexpr char hex[] = "0123456789abcdef";
                out += "\\x";
                out += hex[u >> 4];
                out += hex[u & 0xF];
            } else {
                out += c;
            }
        }
        return out;
    }

  private:
    std::string m_path;
    std::size_t m_line;
    Severity m_severity;
};

}  // namespace fahras
