// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the decisions of incremental runs. Each input is a script of changes to a
// small archive of two inputs (write, copy, remove or touch a file, add or remove a link to a
// directory), with an incremental run after each change. After every run the database must
// hold exactly the ids the files on disk provide, once each, each with the title of one of
// the records that claim it: nothing lost, nothing left behind, no id twice.
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "fahras/common/schema.hpp"
#include "fahras/indexer/indexer.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path& work_dir() {
    static const fs::path dir =
        fs::temp_directory_path() / ("fahras-fuzz-incremental-" + std::to_string(::getpid()));
    return dir;
}

/// The files a script can touch: two inputs, JSON Lines files with ids and text files whose
/// ids are their paths.
const char* const file_names[] = {"a/1.jsonl", "a/2.jsonl", "b/1.jsonl",
                                  "a/s.txt",   "b/s.txt",   "a/sub/3.jsonl"};
constexpr std::size_t file_count = sizeof file_names / sizeof file_names[0];
const char* const ids[] = {"x", "y", "z", "w"};

/// Reads the next byte of the script (0 when it is used up).
struct Script {
    const std::uint8_t* data;
    std::size_t size;
    std::size_t at = 0;
    [[nodiscard]] bool done() const { return at >= size; }
    std::uint8_t next() { return at < size ? data[at++] : 0; }
};

/// What the files on disk provide: id → the titles of the records that claim it.
std::map<std::string, std::set<std::string>> provided(const fs::path& root) {
    std::map<std::string, std::set<std::string>> out;
    for (const char* name : file_names) {
        const fs::path file = root / name;
        if (!fs::is_regular_file(file)) continue;
        std::ifstream in(file);
        if (file.extension() == ".txt") {
            std::string title;
            std::getline(in, title);
            out[std::string(name)].insert(title);  // the input's name, then the path: "a/s.txt"
            continue;
        }
        for (std::string line; std::getline(in, line);) {
            const nlohmann::json j = nlohmann::json::parse(line);
            out[j["id"].get<std::string>()].insert(j["title"].get<std::string>());
        }
    }
    return out;
}

void check_database(const fs::path& root, const std::string& db_path) {
    const auto expected = provided(root);
    Xapian::Database db(db_path);
    std::map<std::string, std::string> found;
    const std::string prefix(fahras::schema::id);
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        if (t.get_termfreq() != 1) __builtin_trap();  // an id twice
        const auto doc = db.get_document(*db.postlist_begin(*t));
        found[(*t).substr(prefix.size())] =
            nlohmann::json::parse(doc.get_data())["title"].get<std::string>();
    }
    if (db.get_doccount() != found.size()) __builtin_trap();  // an article without an id
    if (found.size() != expected.size()) __builtin_trap();    // lost or left behind
    for (const auto& [id, title] : found) {
        const auto it = expected.find(id);
        if (it == expected.end() || it->second.count(title) == 0) __builtin_trap();  // stale
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::error_code ec;
    fs::remove_all(work_dir(), ec);
    const fs::path root = work_dir() / "in";
    fs::create_directories(root / "a");
    fs::create_directories(root / "b");
    fahras::IndexOptions options;
    options.db = (work_dir() / "db").string();
    options.inputs = {(root / "a").string(), (root / "b").string()};
    options.entities = false;
    options.extraction.tagger = false;
    options.threads = 1;
    options.quiet = true;
    options.news.cleaning.keep_boilerplate = true;  // what the runs decide needs none of these
    options.news.stories.enabled = false;
    options.document.extract_dates = false;

    Script script{data, size};
    // Each change gets a modification time of its own, so that no rewrite is taken as
    // unchanged for falling in the same clock tick.
    auto mtime = fs::file_time_type::clock::now();
    std::size_t title = 0;
    for (std::size_t step = 0; step < 8 && !script.done(); ++step) {
        const std::uint8_t op = script.next();
        const fs::path file = root / file_names[script.next() % file_count];
        mtime += std::chrono::seconds(2);
        switch (op % 5) {
            case 0: {  // write the file: up to 4 records
                fs::create_directories(file.parent_path());
                std::ofstream out(file, std::ios::trunc);
                if (file.extension() == ".txt") {
                    out << "t" << ++title << "\n\nنص\n";
                } else {
                    const std::size_t n = 1 + script.next() % 4;
                    for (std::size_t r = 0; r < n; ++r) {
                        out << R"({"id": ")" << ids[script.next() % 4] << R"(", "title": "t)"
                            << ++title << R"(", "body": "نص"})" << '\n';
                    }
                }
                out.close();
                fs::last_write_time(file, mtime, ec);
                break;
            }
            case 1:
                fs::remove(file, ec);
                break;
            case 2:  // a copy under another name, of the same kind
                if (file.extension() == ".jsonl" && fs::exists(file)) {
                    const fs::path other = root / file_names[script.next() % 3];
                    fs::copy_file(file, other, fs::copy_options::overwrite_existing, ec);
                    fs::last_write_time(other, mtime, ec);
                }
                break;
            case 3:
                if (fs::exists(file)) fs::last_write_time(file, mtime, ec);
                break;
            case 4:  // a second path to a directory: b/link -> ../a
                if (fs::is_symlink(root / "b" / "link")) {
                    fs::remove(root / "b" / "link", ec);
                } else {
                    fs::create_directory_symlink("../a", root / "b" / "link", ec);
                }
                break;
        }
        std::ostringstream log, err;
        (void)fahras::run_index(options, log, err);
        check_database(root, options.db);
    }
    fs::remove_all(work_dir(), ec);
    return 0;
}
