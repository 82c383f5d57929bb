// SPDX-License-Identifier: GPL-3.0-or-later
// How fahras-index identifies articles and walks its inputs: ids unique across inputs, an id
// claimed twice, second paths to a file (links, copies), link loops, FIFOs, odd file names,
// the migration of older databases. Each run is checked on a plain and a sharded database.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "fahras/common/errors.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/indexer/indexer.hpp"
#include "fahras/indexer/shards.hpp"
#include "fahras/query/search.hpp"
#include "index_support.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace fahras;

namespace {

using test::ids_in;
using test::index;
using test::Run;
using test::write;

std::string line(const std::string& id, const std::string& title) {
    return R"({"id": ")" + id + R"(", "title": ")" + title + R"(", "body": "نص )" + title + "\"}\n";
}

/// The stored data of the article `id` (one only).
nlohmann::json data_of(const std::string& db_path, const std::string& id) {
    Xapian::Database db(db_path);
    const std::string term = id_term(id);
    REQUIRE(db.get_termfreq(term) == 1);
    return nlohmann::json::parse(db.get_document(*db.postlist_begin(term)).get_data());
}

/// Options for `inputs` into dir/db, sharded in `shards` shards (0: one database).
IndexOptions options_for(const test::TempDir& dir, std::vector<std::string> inputs,
                         std::size_t shards) {
    IndexOptions options;
    options.db = (dir / "db").string();
    options.inputs = std::move(inputs);
    options.shards = shards;
    options.verbose = true;
    return options;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

/// The articles the verbose lines say were deleted with their files (one line per shard).
std::size_t deleted_in_log(const std::string& log) {
    std::size_t total = 0;
    std::istringstream lines(log);
    for (std::string l; std::getline(lines, l);) {
        for (const char* what : {": gone, ", ": no longer an input, "}) {
            const std::size_t at = l.find(what);
            if (at != std::string::npos) total += std::stoul(l.substr(at + std::strlen(what)));
        }
    }
    return total;
}

}  // namespace

TEST_CASE("inputs holding the same file names give their articles different ids", "[inputs]") {
    const std::size_t shards = GENERATE(0u, 2u);
    test::TempDir dir;
    write(dir / "roots" / "a" / "story.txt", "عنوان أ\n\nنص القصة في أ");
    write(dir / "roots" / "b" / "story.txt", "عنوان ب\n\nنص القصة في ب");
    write(dir / "roots" / "b" / "wire.jsonl", R"({"title": "بلا معرف", "body": "نص"})"
                                              "\n");
    IndexOptions options =
        options_for(dir, {(dir / "roots" / "a").string(), (dir / "roots" / "b").string()}, shards);
    Run r = index(options);
    CHECK(r.summary.indexed == 3);
    CHECK(r.summary.replaced == 0);
    CHECK(ids_in(options.db) ==
          std::set<std::string>{"a/story.txt", "b/story.txt", "b/wire.jsonl#1"});
    CHECK(data_of(options.db, "a/story.txt")["title"] == "عنوان أ");

    // Stable from run to run, whatever else is indexed with them.
    options.inputs = {(dir / "roots" / "b").string()};
    r = index(options);
    CHECK(r.summary.changes() == 0);
    CHECK(r.summary.unchanged == 2);

    // A file input's ids are those it has under its directory.
    options.inputs = {(dir / "roots" / "a" / "story.txt").string()};
    r = index(options);
    CHECK(r.summary.changes() == 0);

    // Another prefix: the files are read again, their articles re-identified.
    options.inputs = {(dir / "roots" / "a").string()};
    options.id_prefixes = {options.inputs[0] + "=archive/a"};
    r = index(options);
    CHECK(r.summary.indexed == 1);
    CHECK(r.summary.deleted == 1);
    CHECK(ids_in(options.db).count("archive/a/story.txt") == 1);
    CHECK(ids_in(options.db).count("a/story.txt") == 0);
    options.id_prefixes.clear();
    CHECK(index(options).summary.indexed == 1);

    // Deleting one: the message and the summary agree.
    fs::remove(dir / "roots" / "a" / "story.txt");
    options.inputs = {(dir / "roots" / "a").string(), (dir / "roots" / "b").string()};
    r = index(options);
    CHECK(r.summary.deleted == 1);
    CHECK(r.log.find("story.txt: gone, 1 article deleted") != std::string::npos);
    CHECK(deleted_in_log(r.log) == 1);
    CHECK(ids_in(options.db) == std::set<std::string>{"b/story.txt", "b/wire.jsonl#1"});
}

TEST_CASE("an input's id prefix is chosen with --id-prefix and clashing prefixes are refused",
          "[inputs]") {
    test::TempDir dir;
    write(dir / "x" / "news" / "a.txt", "عنوان\n\nنص");
    write(dir / "y" / "news" / "a.txt", "عنوان آخر\n\nنص آخر");
    const std::string x = (dir / "x" / "news").string();
    const std::string y = (dir / "y" / "news").string();
    IndexOptions options = options_for(dir, {x, y}, 0);
    CHECK_THROWS_AS(index(options), UsageError);
    CHECK_FALSE(fs::exists(options.db));

    options.id_prefixes = {x + "=archive/x", y + "/="};
    Run r = index(options);
    CHECK(r.summary.indexed == 2);
    CHECK(ids_in(options.db) == std::set<std::string>{"archive/x/a.txt", "a.txt"});

    options.id_prefixes = {"somewhere=else"};
    CHECK_THROWS_AS(index(options), UsageError);
    options.id_prefixes = {"bare"};  // PREFIX alone needs one input
    CHECK_THROWS_AS(index(options), UsageError);
    options.inputs = {x};
    r = index(options);  // the same ids as --id-prefix x=archive/x gave
    CHECK(r.summary.indexed == 1);
    CHECK(ids_in(options.db).count("bare/a.txt") == 1);
}

TEST_CASE("an id claimed twice in a run: a warning naming both places, the later kept",
          "[inputs]") {
    const std::size_t shards = GENERATE(0u, 2u);
    test::TempDir dir;
    const fs::path in = dir / "in";
    // x is claimed twice with different URLs, which route the two records to different
    // shards of a sharded database.
    const std::string url_a = "http://a/1";
    std::string url_b;
    for (int i = 0; url_b.empty() || shard_of(url_b, 2) == shard_of(url_a, 2); ++i) {
        url_b = "http://b/" + std::to_string(i);
    }
    const auto x = [&](const std::string& title, const std::string& url) {
        return R"({"id": "x", "title": ")" + title + R"(", "body": "نص", "url": ")" + url + "\"}\n";
    };
    write(in / "a.jsonl", x("قديم", url_a) + line("y", "واي"));
    write(in / "b.jsonl", line("z", "زد") + x("جديد", url_b));
    IndexOptions options = options_for(dir, {in.string()}, shards);
    options.report = (dir / "report.json").string();
    Run r = index(options);
    CHECK(r.summary.duplicates == 1);
    CHECK(count(r.err, "warning: duplicate id") == 1);
    CHECK(r.err.find((in / "b.jsonl").string() + ":2: warning: duplicate id \"x\", also at " +
                     (in / "a.jsonl").string() + ":1") != std::string::npos);
    CHECK(r.summary.failed == 0);
    CHECK(r.summary.exit_status() == 0);
    CHECK(r.log.find("1 duplicate id(s), the later kept") != std::string::npos);
    CHECK(ids_in(options.db) == std::set<std::string>{"x", "y", "z"});
    CHECK(Xapian::Database(options.db).get_doccount() == 3);
    CHECK(data_of(options.db, "x")["title"] == "جديد");
    std::ifstream report_file(options.report);
    CHECK(nlohmann::json::parse(report_file)["duplicate_ids"] == 1);

    // Nothing changed: nothing is read, nothing moves.
    r = index(options);
    CHECK(r.summary.changes() == 0);
    CHECK(r.summary.duplicates == 0);

    // The earlier file changes: both are read again, the later still wins.
    write(in / "a.jsonl", x("قديم معدل", url_a) + line("y", "واي"));
    test::bump_mtime(in / "a.jsonl");
    r = index(options);
    CHECK(r.summary.duplicates == 1);
    CHECK(data_of(options.db, "x")["title"] == "جديد");
    CHECK(Xapian::Database(options.db).get_doccount() == 3);

    // The later file goes: x is the earlier file's again, not deleted.
    fs::remove(in / "b.jsonl");
    r = index(options);
    CHECK(ids_in(options.db) == std::set<std::string>{"x", "y"});
    CHECK(data_of(options.db, "x")["title"] == "قديم معدل");
    CHECK(deleted_in_log(r.log) == r.summary.deleted);
    // z; on two shards x too, which moves back to the shard of the earlier record's URL.
    CHECK(r.summary.deleted == (shards == 0 ? 1 : 2));
}

TEST_CASE("an article goes only when no input provides it any more", "[inputs]") {
    const std::size_t shards = GENERATE(0u, 2u);
    test::TempDir dir;
    const fs::path in = dir / "in";
    std::string ten;
    for (int i = 0; i < 10; ++i) ten += line("id" + std::to_string(i), "خبر " + std::to_string(i));

    SECTION("a JSON Lines file copied to two names, then one removed") {
        write(in / "one.jsonl", ten);
        write(in / "two.jsonl", ten);
        IndexOptions options = options_for(dir, {in.string()}, shards);
        Run r = index(options);
        CHECK(r.summary.duplicates == 10);
        CHECK(ids_in(options.db).size() == 10);
        const std::string which = GENERATE("one.jsonl", "two.jsonl");
        fs::remove(in / which);
        r = index(options);
        CHECK(r.summary.deleted == 0);
        CHECK(ids_in(options.db).size() == 10);
        CHECK(Xapian::Database(options.db).get_doccount() == 10);
        r = index(options);
        CHECK(r.summary.changes() == 0);
        CHECK(ids_in(options.db).size() == 10);
    }
    SECTION("a new file claiming the ids of an unchanged one, then removed") {
        write(in / "one.jsonl", ten);
        IndexOptions options = options_for(dir, {in.string()}, shards);
        index(options);
        write(in / "two.jsonl", line("id3", "نسخة أخرى"));
        Run r = index(options);
        CHECK(r.summary.duplicates == 1);
        CHECK(r.err.find("two.jsonl:1: warning: duplicate id \"id3\", also at " +
                         (in / "one.jsonl").string() + ":4 (stored by an earlier run)") !=
              std::string::npos);
        CHECK(data_of(options.db, "id3")["title"] == "نسخة أخرى");
        fs::remove(in / "two.jsonl");
        r = index(options);
        CHECK(r.summary.deleted == 0);
        CHECK(data_of(options.db, "id3")["title"] == "خبر 3");
        CHECK(ids_in(options.db).size() == 10);
    }
    SECTION("a symbolic link to a directory: followed once, removing it deletes nothing") {
        write(in / "2015" / "wire.jsonl", ten);
        write(in / "2015" / "story.txt", "عنوان\n\nنص");
        fs::create_directory_symlink("2015", in / "latest");
        IndexOptions options = options_for(dir, {in.string()}, shards);
        Run r = index(options);
        CHECK(r.summary.indexed == 11);
        CHECK(r.summary.replaced == 0);
        CHECK(r.summary.duplicates == 0);
        CHECK(ids_in(options.db).count("in/2015/story.txt") == 1);
        fs::remove(in / "latest");
        r = index(options);
        CHECK(r.summary.changes() == 0);
        CHECK(r.summary.unchanged == 11);
        CHECK(Xapian::Database(options.db).get_doccount() == 11);
    }
    SECTION("a link to a directory outside the inputs is walked under the link's name") {
        write(dir / "elsewhere" / "story.txt", "عنوان\n\nنص");
        fs::create_directories(in);
        fs::create_directory_symlink(dir / "elsewhere", in / "linked");
        IndexOptions options = options_for(dir, {in.string()}, shards);
        CHECK(index(options).summary.indexed == 1);
        CHECK(ids_in(options.db) == std::set<std::string>{"in/linked/story.txt"});
        fs::remove(in / "linked");
        const Run r = index(options);
        CHECK(r.summary.deleted == 1);
        CHECK(r.log.find("linked/story.txt: gone, 1 article deleted") != std::string::npos);
    }
}

TEST_CASE("symbolic link loops are warned about once and each file read once", "[inputs]") {
    test::TempDir dir;
    const fs::path in = dir / "in";
    write(in / "d" / "story.txt", "عنوان\n\nنص");
    fs::create_directory_symlink(".", in / "loop");
    fs::create_directory_symlink("..", in / "d" / "up");
    fs::create_symlink("story.txt", in / "d" / "again.txt");  // a second path to a file
    IndexOptions options = options_for(dir, {in.string()}, 0);
    const Run r = index(options);
    CHECK(r.summary.indexed == 1);
    CHECK(r.summary.files == 1);
    CHECK(count(r.err, "warning: symbolic link loop") == 2);
    CHECK(r.err.find((in / "loop").string() + ": warning: symbolic link loop (to " + in.string() +
                     "), not followed") != std::string::npos);
    CHECK(r.summary.failed == 0);
}

TEST_CASE("FIFOs are skipped with a warning naming them", "[inputs]") {
    test::TempDir dir;
    const fs::path in = dir / "in";
    write(in / "story.txt", "عنوان\n\nنص");
    REQUIRE(::mkfifo((in / "pipe.txt").c_str(), 0600) == 0);
    REQUIRE(::mkfifo((dir / "input.jsonl").c_str(), 0600) == 0);
    IndexOptions options = options_for(dir, {in.string(), (dir / "input.jsonl").string()}, 0);
    const Run r = index(options);
    CHECK(r.summary.indexed == 1);
    CHECK(r.summary.skipped == 2);
    CHECK(r.err.find((in / "pipe.txt").string() +
                     ": warning: not a regular file (a FIFO), skipped") != std::string::npos);
    CHECK(r.err.find("input.jsonl: warning: not a regular file (a FIFO), skipped") !=
          std::string::npos);
    CHECK(r.summary.exit_status() == 0);
}

TEST_CASE("a path holding a newline is reported on one line", "[inputs]") {
    test::TempDir dir;
    write(dir / "in" / "bad\nname.json", R"({"title": )");
    IndexOptions options = options_for(dir, {(dir / "in").string()}, 0);
    const Run r = index(options);
    CHECK(r.summary.failed == 1);
    CHECK(r.err.find("bad\\nname.json:1: error: invalid JSON") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("a database of schema version 6 is migrated: its file articles get their new ids",
          "[inputs]") {
    test::TempDir dir;
    write(dir / "in" / "story.txt", "عنوان\n\nنص");
    write(dir / "in" / "wire.jsonl", line("w1", "خبر"));
    IndexOptions options = options_for(dir, {(dir / "in").string()}, 0);
    options.id_prefixes = {""};  // the ids version 6 gave: relative to the input
    index(options);
    options.id_prefixes.clear();
    {
        // What version 6 wrote: its file records had no "id".
        Xapian::WritableDatabase db(options.db);
        REQUIRE(db.term_exists("Qstory.txt"));
        db.set_metadata(std::string(schema::meta_version), "6");
        const std::string records(schema::meta_file_prefix);
        for (auto k = db.metadata_keys_begin(records); k != db.metadata_keys_end(records); ++k) {
            nlohmann::json record = nlohmann::json::parse(db.get_metadata(*k));
            record.erase("id");
            db.set_metadata(*k, record.dump());
        }
        db.commit();
    }
    CHECK_NOTHROW(Searcher(options.db));  // fahras-query reads it as it is
    const Run r = index(options);
    CHECK(r.log.find("schema version 6 -> 7") != std::string::npos);
    CHECK(r.summary.indexed == 1);
    CHECK(r.summary.deleted == 1);
    CHECK(r.summary.unchanged == 1);  // w1: an id of its own, nothing to change
    CHECK(ids_in(options.db) == std::set<std::string>{"in/story.txt", "w1"});
    CHECK(Xapian::Database(options.db).get_metadata(std::string(schema::meta_version)) == "7");
    const Run again = index(options);
    CHECK(again.summary.changes() == 0);
    CHECK(again.log.find("schema version") == std::string::npos);

    {
        Xapian::WritableDatabase db(options.db);
        db.set_metadata(std::string(schema::meta_version), "5");
        db.commit();
    }
    CHECK_THROWS_AS(index(options), DatabaseError);
}
