// SPDX-License-Identifier: GPL-3.0-or-later
// Incremental indexing, locking and atomic rebuilds: exact database contents after
// each change to the inputs.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>

#include "fahras/common/schema.hpp"
#include "fahras/indexer/generations.hpp"
#include "fahras/indexer/indexer.hpp"
#include "fahras/indexer/lock.hpp"
#include "fahras/indexer/state.hpp"
#include "index_support.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace fahras;

namespace {

using test::bump_mtime;
using test::ids_in;
using test::index;
using test::Run;
using test::write;

std::string line(const std::string& id, const std::string& title, const std::string& body) {
    return R"({"id": ")" + id + R"(", "title": ")" + title + R"(", "body": ")" + body + "\"}\n";
}

}  // namespace

TEST_CASE("incremental runs: add, modify, delete and rename files and lines", "[incremental]") {
    test::TempDir dir;
    const fs::path corpus = dir / "corpus";
    write(corpus / "a.txt", "عنوان أول\n\nنص المقال الأول عن حلب.\n");
    write(corpus / "b.jsonl", line("b1", "الأول", "نص أول") + line("b2", "الثاني", "نص ثان") +
                                  line("b3", "الثالث", "نص ثالث"));
    write(corpus / "sub" / "c.json", R"({"id": "c", "title": "سي", "body": "نص سي"})");

    IndexOptions options;
    options.db = (dir / "db").string();
    options.inputs = {corpus.string()};

    struct Step {
        const char* what;
        std::function<void()> change;
        std::size_t added, updated, deleted, unchanged;
        std::set<std::string> ids;
        bool no_delete = false;
    };
    const std::vector<Step> steps = {
        {"first run", [] {}, 5, 0, 0, 0, {"corpus/a.txt", "b1", "b2", "b3", "c"}},
        {"nothing changed", [] {}, 0, 0, 0, 5, {"corpus/a.txt", "b1", "b2", "b3", "c"}},
        {"mtime moved, content same",
         [&] { bump_mtime(corpus / "a.txt"); },
         0,
         0,
         0,
         5,
         {"corpus/a.txt", "b1", "b2", "b3", "c"}},
        {"a JSONL line changed, one removed, one added",
         [&] {
             write(corpus / "b.jsonl", line("b1", "الأول", "نص أول") +
                                           line("b2", "الثاني", "نص معدل") +
                                           line("b4", "الرابع", "نص رابع"));
             bump_mtime(corpus / "b.jsonl");
         },
         1,
         1,
         1,
         3,
         {"corpus/a.txt", "b1", "b2", "b4", "c"}},
        {"a line removed above others: they are unchanged",
         [&] {
             write(corpus / "b.jsonl",
                   line("b2", "الثاني", "نص معدل") + line("b4", "الرابع", "نص رابع"));
             bump_mtime(corpus / "b.jsonl");
         },
         0,
         0,
         1,
         4,
         {"corpus/a.txt", "b2", "b4", "c"}},
        {"a file deleted",
         [&] { fs::remove(corpus / "sub" / "c.json"); },
         0,
         0,
         1,
         3,
         {"corpus/a.txt", "b2", "b4"}},
        {"a file renamed (its id is its input's name and its path)",
         [&] { fs::rename(corpus / "a.txt", corpus / "d.txt"); },
         1,
         0,
         1,
         2,
         {"corpus/d.txt", "b2", "b4"}},
        {"--no-delete keeps a removed file's articles",
         [&] { fs::rename(corpus / "b.jsonl", dir / "b.jsonl.away"); },
         0,
         0,
         0,
         1,
         {"corpus/d.txt", "b2", "b4"},
         true},
        {"without --no-delete they go", [] {}, 0, 0, 2, 1, {"corpus/d.txt"}},
        {"a JSONL file moved in with known ids: rewritten with its new file",
         [&] { fs::rename(dir / "b.jsonl.away", corpus / "sub" / "moved.jsonl"); },
         2,
         0,
         0,
         1,
         {"corpus/d.txt", "b2", "b4"}},
    };
    for (const Step& step : steps) {
        INFO(step.what);
        step.change();
        options.no_delete = step.no_delete;
        const Xapian::rev before =
            fs::exists(options.db) ? Xapian::Database(options.db).get_revision() : 0;
        const Run r = index(options);
        CHECK(r.summary.indexed == step.added);
        CHECK(r.summary.replaced == step.updated);
        CHECK(r.summary.deleted == step.deleted);
        CHECK(r.summary.unchanged == step.unchanged);
        CHECK(r.summary.failed == 0);
        CHECK(ids_in(options.db) == step.ids);
        CHECK(Xapian::Database(options.db).get_doccount() == step.ids.size());
        if (std::string(step.what) == "nothing changed") {
            CHECK(r.summary.changes() == 0);
            CHECK(r.summary.commits == 0);
            CHECK(Xapian::Database(options.db).get_revision() == before);
        }
    }
    // The moved articles belong to their new file: changing it updates them.
    write(corpus / "sub" / "moved.jsonl", line("b2", "الثاني", "نص جديد"));
    bump_mtime(corpus / "sub" / "moved.jsonl");
    const Run r = index(options);
    CHECK(r.summary.replaced == 1);
    CHECK(r.summary.deleted == 1);
    CHECK(ids_in(options.db) == std::set<std::string>{"corpus/d.txt", "b2"});
}

TEST_CASE("the stored line of an article follows its JSON Lines line", "[incremental]") {
    test::TempDir dir;
    const fs::path file = dir / "in.jsonl";
    write(file, line("x", "أ", "ب") + line("y", "ج", "د"));
    IndexOptions options;
    options.db = (dir / "db").string();
    options.inputs = {file.string()};
    index(options);
    write(file, line("y", "ج", "د"));
    bump_mtime(file);
    const Run r = index(options);
    CHECK(r.summary.unchanged == 1);
    CHECK(r.summary.deleted == 1);
    Xapian::Database db(options.db);
    const Xapian::docid did = *db.postlist_begin("Qy");
    CHECK(db.get_document(did).get_data().find("\"line\":1") != std::string::npos);
}

TEST_CASE("failed files are remembered and not retried until they change", "[incremental]") {
    test::TempDir dir;
    const fs::path corpus = dir / "corpus";
    write(corpus / "good.txt", "عنوان\n\nنص جيد");
    write(corpus / "broken.json", R"({"title": "مكسور")");
    IndexOptions options;
    options.db = (dir / "db").string();
    options.inputs = {corpus.string()};
    options.report = (dir / "report.json").string();

    Run r = index(options);
    CHECK(r.summary.failed == 1);
    CHECK(r.summary.exit_status() == 1);
    CHECK(r.err.find("broken.json:1: error: invalid JSON") != std::string::npos);
    std::ifstream report_file(options.report);
    const std::string report((std::istreambuf_iterator<char>(report_file)), {});
    CHECK(report.find("\"failed\": 1") != std::string::npos);
    CHECK(report.find("invalid JSON") != std::string::npos);

    r = index(options);
    CHECK(r.summary.failed == 0);
    CHECK(r.summary.known_failed == 1);
    CHECK(r.summary.exit_status() == 0);
    CHECK(r.err.empty());

    options.retry_failed = true;
    r = index(options);
    CHECK(r.summary.failed == 1);
    options.retry_failed = false;

    write(corpus / "broken.json", R"({"id": "fixed", "title": "سليم", "body": "نص"})");
    bump_mtime(corpus / "broken.json");
    r = index(options);
    CHECK(r.summary.failed == 0);
    CHECK(r.summary.indexed == 1);
    CHECK(ids_in(options.db) == std::set<std::string>{"corpus/good.txt", "fixed"});
}

TEST_CASE("articles of files outside the indexed roots are kept", "[incremental]") {
    test::TempDir dir;
    write(dir / "one" / "a.txt", "عنوان\n\nنص");
    write(dir / "two" / "b.txt", "عنوان\n\nنص آخر");
    IndexOptions options;
    options.db = (dir / "db").string();
    options.inputs = {(dir / "one").string()};
    index(options);
    options.inputs = {(dir / "two").string()};
    const Run r = index(options);
    CHECK(r.summary.deleted == 0);
    CHECK(ids_in(options.db) == std::set<std::string>{"one/a.txt", "two/b.txt"});
}

TEST_CASE("one writer per database: a second gets LockedError with pid and time",
          "[incremental][lock]") {
    test::TempDir dir;
    write(dir / "a.txt", "عنوان\n\nنص");
    IndexOptions options;
    options.db = (dir / "db").string();
    options.inputs = {(dir / "a.txt").string()};
    {
        const DbLock held(options.db, 0);
        std::ostringstream log, err;
        try {
            (void)run_index(options, log, err);
            FAIL("no LockedError");
        } catch (const LockedError& e) {
            const std::string msg = e.what();
            CHECK(msg.find("database is being updated by another fahras-index, pid " +
                           std::to_string(::getpid()) + ", since 20") != std::string::npos);
        }
        options.wait_seconds = 0.3;
        const auto start = std::chrono::steady_clock::now();
        CHECK_THROWS_AS(run_index(options, log, err), LockedError);
        CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(250));
    }
    // Released: the lock file stays, but no longer locks.
    CHECK(fs::exists(lock_file_of(options.db)));
    CHECK(index(options).summary.indexed == 1);
}

TEST_CASE("a stop request commits what is done and reports the run as interrupted",
          "[incremental]") {
    test::TempDir dir;
    write(dir / "a.txt", "عنوان\n\nنص");
    IndexOptions options;
    options.db = (dir / "db").string();
    options.inputs = {(dir / "a.txt").string()};
    std::atomic<bool> stop{true};
    options.stop = &stop;
    Run r = index(options);
    CHECK(r.summary.interrupted);
    CHECK(r.summary.exit_status() == 2);
    CHECK(Xapian::Database(options.db).get_doccount() == 0);
    stop = false;
    r = index(options);
    CHECK(r.summary.indexed == 1);
}

TEST_CASE("a rebuild switches to a new generation, old plain databases too",
          "[incremental][rebuild]") {
    test::TempDir dir;
    write(dir / "corpus" / "a.txt", "عنوان\n\nنص");
    write(dir / "corpus" / "b.jsonl", line("b1", "أ", "ب") + line("b2", "ج", "د"));
    IndexOptions options;
    options.db = (dir / "db").string();
    options.inputs = {(dir / "corpus").string()};
    options.swap_grace_seconds = 0;
    index(options);  // a plain database directory
    REQUIRE_FALSE(is_stub_directory(options.db));

    options.rebuild = true;
    Run r = index(options);
    CHECK(r.summary.indexed == 3);
    CHECK(is_stub_directory(options.db));
    CHECK(ids_in(options.db) == std::set<std::string>{"corpus/a.txt", "b1", "b2"});
    CHECK_FALSE(fs::exists(dir / "db" / "iamglass"));  // the old plain database is gone
    for (const auto& e : fs::directory_iterator(dir.path())) {
        CHECK(e.path().filename().string().find(".rebuild-") == std::string::npos);
    }

    // Again, compacted, with one file less: one generation remains.
    fs::remove(dir / "corpus" / "a.txt");
    options.compact = true;
    r = index(options);
    CHECK(r.summary.indexed == 2);
    CHECK(ids_in(options.db) == std::set<std::string>{"b1", "b2"});
    std::size_t generations = 0;
    for (const auto& e : fs::directory_iterator(options.db)) {
        if (e.path().filename().string().rfind("gen-", 0) == 0) ++generations;
    }
    CHECK(generations == 1);

    // Incremental runs work on the stub directory.
    options.rebuild = false;
    options.compact = false;
    write(dir / "corpus" / "c.txt", "عنوان\n\nنص");
    r = index(options);
    CHECK(r.summary.indexed == 1);
    CHECK(r.summary.unchanged == 2);
    CHECK(ids_in(options.db) == std::set<std::string>{"b1", "b2", "corpus/c.txt"});
}

/// The bytes of every file under `dir`.
std::uintmax_t bytes_under(const fs::path& dir) {
    std::uintmax_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.is_regular_file()) n += e.file_size();
    }
    return n;
}

TEST_CASE("a first build compacts the new database, incremental runs add to it",
          "[incremental][compact]") {
    test::TempDir dir;
    // Many small commits leave a glass database's B-trees with half-empty blocks; compacting
    // packs them, so the first build is as small as a compacted copy of itself.
    std::string corpus;
    const char* words[] = {"مدرسة", "وزير", "الخارجية", "مؤتمر", "صحفي", "اليوم", "عاصمة"};
    for (int i = 0; i < 300; ++i) {
        std::string body;
        for (int w = 0; w < 40; ++w) body += std::string(words[(i * 7 + w * 3) % 7]) + " ";
        corpus += line("a" + std::to_string(i), words[i % 7], body + std::to_string(i));
    }
    write(dir / "corpus" / "a.jsonl", corpus);
    IndexOptions options;
    options.db = (dir / "db").string();
    options.inputs = {(dir / "corpus").string()};
    options.commit_every = 3;
    options.threads = 1;
    Run r = index(options);
    REQUIRE(r.summary.indexed == 300);
    REQUIRE_FALSE(is_stub_directory(options.db));
    CHECK(ids_in(options.db).size() == 300);
    CHECK(Xapian::Database(options.db).get_metadata(std::string(schema::meta_version)) ==
          std::to_string(schema::version));
    const fs::path copy = dir / "copy";
    Xapian::Database(options.db).compact(copy.string());
    const std::uintmax_t built = bytes_under(options.db);
    CHECK(built <= bytes_under(copy) + bytes_under(copy) / 20);
    for (const auto& e : fs::directory_iterator(dir.path())) {
        CHECK(e.path().filename().string().find("-compact") == std::string::npos);
    }

    // An incremental run adds to the database as it is (no second copy of a large database).
    write(dir / "corpus" / "b.jsonl", line("b1", "عنوان", "نص"));
    r = index(options);
    CHECK(r.summary.indexed == 1);
    CHECK(ids_in(options.db).size() == 301);
}

TEST_CASE("content hashes separate fields and files", "[incremental]") {
    Article a;
    a.id = "x";
    a.title = "ab";
    a.body = "c";
    Article b = a;
    b.title = "a";
    b.body = "bc";
    CHECK(article_hash(a, "f1") != article_hash(b, "f1"));
    CHECK(article_hash(a, "f1") != article_hash(a, "f2"));
    Article moved = a;
    moved.line = 7;
    CHECK(article_hash(a, "f1") == article_hash(moved, "f1"));
    CHECK(hash_hex("").size() == 16);
    FileRecord r{"/x/y", 10, 12345, "00ff", true, "bad", 0, {"00000000000000aa"}, "in/y"};
    const auto back = FileRecord::parse(r.serialize());
    REQUIRE(back);
    CHECK(back->path == r.path);
    CHECK(back->mtime_ns == r.mtime_ns);
    CHECK(back->failed);
    CHECK(back->reason == "bad");
    CHECK(back->linked == std::vector<std::string>{"00000000000000aa"});
    CHECK(back->id == "in/y");
    CHECK_FALSE(FileRecord::parse("not json"));
}
