// SPDX-License-Identifier: GPL-3.0-or-later
// What an incremental run remembers between runs: per-file records (size, mtime, content hash,
// failure) kept in the database's metadata, and the content hashes that tell a changed input or
// article from an unchanged one. See docs/NIGHTLY.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "fahras/common/article.hpp"
#include "fahras/common/hash.hpp"

namespace fahras {

/// A streamed 64-bit hash (FNV-1a with the MurmurHash3 finaliser, hash.hpp). Not cryptographic: it
/// tells changed content from unchanged content, where a collision only costs one missed update.
class Hasher {
  public:
    /// Adds raw bytes.
    void update(std::string_view bytes) noexcept;
    /// Adds `bytes` preceded by its length, so that field boundaries count.
    void update_field(std::string_view bytes) noexcept;
    /// The hash so far, as 16 lower-case hex digits.
    [[nodiscard]] std::string hex() const;

  private:
    std::uint64_t m_state = hash::fnv_offset;
};

/// 16 hex digits of the hash of `bytes`.
[[nodiscard]] std::string hash_hex(std::string_view bytes);

/// 16 hex digits of the hash of the bytes of `file`. Throws InputError(`shown`, 0, …) when the
/// file cannot be read.
[[nodiscard]] std::string file_hash(const std::filesystem::path& file, const std::string& shown);

/// Hash of every field of `article` but its line number, together with `file_key`: the same
/// article moved to another file hashes differently, so that it is rewritten with its new file
/// term; an article that only moved up or down in its JSON Lines file hashes the same.
[[nodiscard]] std::string article_hash(const Article& article, std::string_view file_key);

/// The FileState key of the file `doc` was read from (its `XFILE` term), "" when none.
[[nodiscard]] std::string source_file_key(const Xapian::Document& doc);

/// What the last run knew about one input file.
struct FileRecord {
    std::string path;           ///< absolute, lexically normal path
    std::uintmax_t size = 0;    ///< bytes
    std::int64_t mtime_ns = 0;  ///< modification time, nanoseconds since the epoch
    std::string hash;           ///< content hash (hash_hex of the bytes)
    bool failed = false;        ///< the whole file could not be read
    std::string reason;         ///< why it failed
    std::size_t articles = 0;   ///< articles it holds in the database
    /// Keys of the files that shared an article id with this one when they were last read
    /// together (the later record kept): read again, all of them, when one changes or goes.
    std::vector<std::string> linked;
    /// The id its articles without one got (InputFile::id): when the file's id changes (another
    /// --id-prefix, a schema migration), it is read again whatever its size and mtime.
    std::string id;

    /// The record as stored in the database metadata (a JSON object).
    [[nodiscard]] std::string serialize() const;
    /// The record read back; nullopt when `text` is not a record.
    [[nodiscard]] static std::optional<FileRecord> parse(std::string_view text);
};

/// The file records of one database, loaded at the start of a run and written back through
/// the run's WritableDatabase, so that a record commits together with the documents it
/// describes (after a crash, the record and the documents are of the same commit).
class FileState {
  public:
    /// The key of a file: 16 hex digits of the hash of its absolute path. Also the suffix of
    /// the file's `XFILE` term.
    [[nodiscard]] static std::string key_of(std::string_view absolute_path);

    /// Reads every record of `db`.
    void load(const Xapian::Database& db);
    /// The record of `key`, or nullptr.
    [[nodiscard]] const FileRecord* find(const std::string& key) const;
    /// Stores (or replaces) the record of `key`, in memory and in `db`'s metadata.
    void put(Xapian::WritableDatabase& db, const std::string& key, FileRecord record);
    /// Forgets the record of `key`.
    void erase(Xapian::WritableDatabase& db, const std::string& key);
    /// Adds `to` to the files linked to `key` (FileRecord::linked), in `db` too; `lost`: one of
    /// `key`'s articles went to `to`. Nothing when `key` has no record.
    void link(Xapian::WritableDatabase& db, const std::string& key, const std::string& to,
              bool lost);
    /// Every record, by key.
    [[nodiscard]] const std::unordered_map<std::string, FileRecord>& records() const noexcept {
        return m_records;
    }

  private:
    std::unordered_map<std::string, FileRecord> m_records;
};

}  // namespace fahras
