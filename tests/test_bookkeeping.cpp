// SPDX-License-Identifier: GPL-3.0-or-later
// RunBookkeeping driven directly: which articles and files an incremental run deletes.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>

#include "fahras/common/schema.hpp"
#include "fahras/indexer/bookkeeping.hpp"
#include "fahras/indexer/state.hpp"
#include "test_support.hpp"

using namespace fahras;

namespace {

/// A database holding `n` documents of file `key` (its `XFILE` term); returns their docids.
std::vector<Xapian::docid> add_file(Xapian::WritableDatabase& db, const std::string& key, int n) {
    std::vector<Xapian::docid> dids;
    for (int i = 0; i < n; ++i) {
        Xapian::Document doc;
        doc.add_boolean_term(std::string(schema::source_file) + key);
        dids.push_back(db.add_document(doc));
    }
    db.commit();
    return dids;
}

/// A file record of `path` in `state` (and `db`), under its FileState key; returns the key.
std::string record(Xapian::WritableDatabase& db, FileState& state, const std::string& path) {
    FileRecord r;
    r.path = path;
    const std::string key = FileState::key_of(path);
    state.put(db, key, r);
    return key;
}

void touch(const std::filesystem::path& p) {
    std::ofstream(p) << "x\n";
}

}  // namespace

TEST_CASE("bookkeeping: a changed file loses the articles the run did not see", "[bookkeeping]") {
    test::TempDir dir;
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE_OR_OPEN);
    const std::vector<Xapian::docid> a = add_file(db, "aaaa", 3);
    const std::vector<Xapian::docid> b = add_file(db, "bbbb", 2);
    RunBookkeeping run({dir.path().string()}, {});
    run.file_found("aaaa");
    run.article_seen(a[0]);
    run.article_seen(a[2]);
    CHECK(run.was_seen(a[0]));
    CHECK_FALSE(run.was_seen(a[1]));
    CHECK_FALSE(run.was_seen(1000));
    CHECK(run.unseen_articles(db, "aaaa") == std::vector<Xapian::docid>{a[1]});
    // Every article seen: nothing goes.
    run.article_seen(a[1]);
    CHECK(run.unseen_articles(db, "aaaa").empty());
    // Another file's articles are not this file's business.
    CHECK(run.unseen_articles(db, "bbbb") == b);
    CHECK(run.unseen_articles(db, "none").empty());
}

TEST_CASE("bookkeeping: a file not read completely keeps its old articles", "[bookkeeping]") {
    test::TempDir dir;
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE_OR_OPEN);
    const std::vector<Xapian::docid> a = add_file(db, "aaaa", 3);
    RunBookkeeping run({dir.path().string()}, {});
    run.file_found("aaaa");
    run.article_seen(a[0]);
    CHECK(run.unseen_articles(db, "aaaa", false).empty());
    CHECK(run.unseen_articles(db, "aaaa", true).size() == 2);
}

TEST_CASE("bookkeeping: files found, unchanged or not, have not vanished", "[bookkeeping]") {
    test::TempDir dir;
    const std::filesystem::path in = dir / "in";
    std::filesystem::create_directories(in);
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE_OR_OPEN);
    FileState state;
    touch(in / "changed.txt");
    touch(in / "unchanged.txt");
    const std::string changed = record(db, state, (in / "changed.txt").string());
    const std::string unchanged = record(db, state, (in / "unchanged.txt").string());
    RunBookkeeping run({in.string()}, {});
    run.file_found(changed);
    run.file_found(unchanged);  // no article of it seen: an unchanged file is not read
    CHECK(run.vanished(state).empty());
}

TEST_CASE("bookkeeping: vanished files, gone or no longer inputs", "[bookkeeping]") {
    test::TempDir dir;
    const std::filesystem::path in = dir / "in";
    const std::filesystem::path other = dir / "other";
    std::filesystem::create_directories(in / "locked");
    std::filesystem::create_directories(other);
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE_OR_OPEN);
    FileState state;
    // Gone: recorded, not found, not there.
    const std::string gone = record(db, state, (in / "gone.txt").string());
    // A second path to a file the walk now reaches through another: still there, not an input.
    touch(in / "second.txt");
    const std::string second = record(db, state, (in / "second.txt").string());
    // Outside this run's inputs: another run's file.
    const std::string outside = record(db, state, (other / "gone.txt").string());
    // Under a directory the walk could not read: not seen, so not gone.
    const std::string hidden = record(db, state, (in / "locked" / "a.txt").string());
    // Found by the walk.
    touch(in / "found.txt");
    const std::string found = record(db, state, (in / "found.txt").string());

    RunBookkeeping run({in.string()}, {(in / "locked").string()});
    run.file_found(found);
    const std::vector<VanishedFile> v = run.vanished(state);
    REQUIRE(v.size() == 2);
    CHECK(v[0].path == (in / "gone.txt").string());  // by path
    CHECK(v[0].key == gone);
    CHECK_FALSE(v[0].exists);
    CHECK(v[1].path == (in / "second.txt").string());
    CHECK(v[1].key == second);
    CHECK(v[1].exists);
    (void)outside;
    (void)hidden;
}
