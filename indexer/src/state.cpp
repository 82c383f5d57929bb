// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/state.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <nlohmann/json.hpp>

#include "fahras/common/errors.hpp"
#include "fahras/common/hash.hpp"
#include "fahras/common/schema.hpp"

namespace fahras {

namespace {}  // namespace

void Hasher::update(std::string_view bytes) noexcept {
    m_state = hash::fnv1a(bytes, m_state);
}

void Hasher::update_field(std::string_view bytes) noexcept {
    std::array<char, 8> length{};
    std::uint64_t n = bytes.size();
    for (char& c : length) {
        c = static_cast<char>(n & 0xFF);
        n >>= 8;
    }
    update(std::string_view(length.data(), length.size()));
    update(bytes);
}

std::string Hasher::hex() const {
    char out[17];
    std::snprintf(out, sizeof out, "%016llx",
                  static_cast<unsigned long long>(hash::murmur3_finalise(m_state)));
    return out;
}

std::string hash_hex(std::string_view bytes) {
    Hasher h;
    h.update(bytes);
    return h.hex();
}

std::string file_hash(const std::filesystem::path& file, const std::string& shown) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) throw InputError(shown, 0, std::string("cannot open: ") + std::strerror(errno));
    Hasher h;
    std::array<char, 1 << 16> buf{};
    for (;;) {
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            const int saved = errno;
            ::close(fd);
            throw InputError(shown, 0, std::string("read error: ") + std::strerror(saved));
        }
        if (n == 0) break;
        h.update(std::string_view(buf.data(), static_cast<std::size_t>(n)));
    }
    ::close(fd);
    return h.hex();
}

std::string article_hash(const Article& a, std::string_view file_key) {
    Hasher h;
    for (const std::string* field :
         {&a.id, &a.title, &a.body, &a.date, &a.source, &a.url, &a.author, &a.category, &a.path}) {
        h.update_field(*field);
    }
    h.update_field(file_key);
    return h.hex();
}

std::string FileRecord::serialize() const {
    nlohmann::json j = {{"path", path}, {"size", size},         {"mtime_ns", mtime_ns},
                        {"hash", hash}, {"articles", articles}, {"failed", failed},
                        {"id", id}};
    if (failed) j["reason"] = reason;
    if (!linked.empty()) j["linked"] = linked;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<FileRecord> FileRecord::parse(std::string_view text) {
    try {
        const nlohmann::json j = nlohmann::json::parse(text);
        FileRecord r;
        r.path = j.at("path").get<std::string>();
        r.size = j.at("size").get<std::uintmax_t>();
        r.mtime_ns = j.at("mtime_ns").get<std::int64_t>();
        r.hash = j.at("hash").get<std::string>();
        r.articles = j.at("articles").get<std::size_t>();
        r.failed = j.at("failed").get<bool>();
        if (r.failed) r.reason = j.value("reason", std::string());
        r.id = j.value("id", std::string());  // absent before schema version 7
        if (j.contains("linked")) r.linked = j.at("linked").get<std::vector<std::string>>();
        return r;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

std::string FileState::key_of(std::string_view absolute_path) {
    return hash_hex(absolute_path);
}

void FileState::load(const Xapian::Database& db) {
    m_records.clear();
    const std::string prefix(schema::meta_file_prefix);
    for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
        const std::string key = *it;
        if (auto record = FileRecord::parse(db.get_metadata(key))) {
            m_records.emplace(key.substr(prefix.size()), std::move(*record));
        }
    }
}

const FileRecord* FileState::find(const std::string& key) const {
    const auto it = m_records.find(key);
    return it == m_records.end() ? nullptr : &it->second;
}

void FileState::put(Xapian::WritableDatabase& db, const std::string& key, FileRecord record) {
    db.set_metadata(std::string(schema::meta_file_prefix) + key, record.serialize());
    m_records[key] = std::move(record);
}

std::string source_file_key(const Xapian::Document& doc) {
    const std::string prefix(schema::source_file);
    Xapian::TermIterator t = doc.termlist_begin();
    t.skip_to(prefix);
    if (t == doc.termlist_end() || !(*t).starts_with(prefix)) return {};
    return (*t).substr(prefix.size());
}

void FileState::link(Xapian::WritableDatabase& db, const std::string& key, const std::string& to,
                     bool lost) {
    const auto it = m_records.find(key);
    if (it == m_records.end()) return;
    FileRecord& record = it->second;
    if (std::find(record.linked.begin(), record.linked.end(), to) == record.linked.end()) {
        record.linked.push_back(to);
    }
    if (lost && record.articles > 0) --record.articles;
    db.set_metadata(std::string(schema::meta_file_prefix) + key, record.serialize());
}

void FileState::erase(Xapian::WritableDatabase& db, const std::string& key) {
    db.set_metadata(std::string(schema::meta_file_prefix) + key, std::string());
    m_records.erase(key);
}

}  // namespace fahras
