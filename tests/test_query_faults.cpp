// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the query side under faults: a writer committing while a Searcher reads (its
// revision discarded: Xapian::DatabaseModifiedError), and damaged document data.
#include <atomic>
#include <chrono>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>

#include "fahras/common/errors.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/indexer/indexer.hpp"
#include "fahras/query/cli.hpp"
#include "fahras/query/reopen.hpp"
#include "fahras/query/search.hpp"
#include "test_support.hpp"

namespace {

/// A database of the sample corpus's JSON Lines articles (60, with entities), in `dir`.
std::string index_sample(const fahras::test::TempDir& dir) {
    fahras::IndexOptions options;
    options.db = (dir / "db").string();
    options.inputs = {std::string(FAHRAS_SOURCE_DIR) + "/sample_corpus/ant"};
    options.threads = 1;
    std::ostringstream log, err;
    const fahras::IndexSummary summary = fahras::run_index(options, log, err);
    INFO(err.str());
    REQUIRE(summary.failed == 0);
    return options.db;
}

/// Rewrites every document of `path` (a term added to each) and commits, `rounds` times: a
/// reader still on the revision before has had its blocks discarded.
void rewrite_all(const std::string& path, int rounds) {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    for (int round = 0; round < rounds; ++round) {
        for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
            Xapian::Document doc = db.get_document(*it);
            doc.add_term("XTESTROUND" + std::to_string(round));
            db.replace_document(*it, doc);
        }
        // Metadata too (the entity catalogue lives there).
        const std::vector<std::string> keys(db.metadata_keys_begin(), db.metadata_keys_end());
        for (const std::string& key : keys) db.set_metadata(key, db.get_metadata(key));
        db.commit();
    }
}

}  // namespace

TEST_CASE("read_retrying reopens and runs again, a bounded number of times", "[query][faults]") {
    int runs = 0;
    int reopened = 0;
    std::size_t counted = 0;
    const auto flaky = [&] {
        if (++runs < 3) throw Xapian::DatabaseModifiedError("discarded");
        return 42;
    };
    CHECK(fahras::read_retrying(
              flaky, [&] { ++reopened; }, &counted) == 42);
    CHECK(runs == 3);
    CHECK(reopened == 2);
    CHECK(counted == 2);
    runs = 0;
    const auto always = [&]() -> int {
        ++runs;
        throw Xapian::DatabaseModifiedError("x");
    };
    CHECK_THROWS_AS(fahras::read_retrying(always, [] {}), Xapian::DatabaseModifiedError);
    CHECK(runs == fahras::modified_read_attempts);
}

TEST_CASE("a Searcher whose revision was discarded reopens: searches, facets, entities",
          "[query][faults]") {
    const fahras::test::TempDir dir;
    const std::string db = index_sample(dir);
    fahras::Searcher searcher(db);
    fahras::SearchOptions options;
    options.facets = true;
    options.facet_top = 0;
    const fahras::SearchResult before = searcher.search("سوريا", options);
    REQUIRE(before.total_estimate > 0);
    // Each of these reads the database in its own way: the ranked match and documents, the
    // facet labels (from the shards), the entity catalogue (person:).
    for (const std::string query : {"سوريا", "person:Obama", "*"}) {
        CAPTURE(query);
        rewrite_all(db, 3);
        const fahras::SearchResult after = searcher.search(query, options);
        if (query != "person:Obama") CHECK(after.total_estimate > 0);
        if (query == "سوريا") {
            CHECK(after.total_estimate == before.total_estimate);
            CHECK(after.hits.size() == before.hits.size());
        }
    }
    CHECK(searcher.reopens() >= 1);
}

TEST_CASE("searches with facets while a writer commits every few documents never fail",
          "[query][faults]") {
    // The fault as reported: an incremental run with --commit-every 5 under heavy facet
    // queries. Bounded in time: 3 s of commits.
    const fahras::test::TempDir dir;
    const std::string db = index_sample(dir);
    std::atomic<bool> stop{false};
    std::atomic<int> commits{0};
    std::thread writer([&] {
        Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
        int n = 0;
        while (!stop) {
            for (auto it = w.postlist_begin(""); it != w.postlist_end("") && !stop; ++it) {
                Xapian::Document doc = w.get_document(*it);
                doc.add_term("XTESTN" + std::to_string(n++));
                w.replace_document(*it, doc);
                if (n % 5 == 0) {
                    w.commit();
                    ++commits;
                }
            }
        }
        w.commit();
    });
    fahras::Searcher searcher(db);
    fahras::SearchOptions options;
    options.facets = true;
    options.facet_top = 0;
    options.limit = 50;
    int searches = 0;
    int failures = 0;
    std::string first_failure;
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (std::chrono::steady_clock::now() < end) {
        for (const char* q : {"سوريا", "*", "الرئيس OR الحكومة", "person:Obama"}) {
            try {
                (void)searcher.search(q, options);
            } catch (const fahras::Error& e) {
                if (failures++ == 0) first_failure = e.what();
            }
            ++searches;
        }
    }
    stop = true;
    writer.join();
    INFO(first_failure);
    INFO("searches " << searches << ", commits " << commits << ", reopens " << searcher.reopens());
    CHECK(commits > 10);
    CHECK(failures == 0);
    WARN("commit test: " << searches << " searches, " << commits << " commits, "
                         << searcher.reopens() << " reopens, " << failures << " failures");
}

TEST_CASE("damaged document data is a DatabaseError naming the document", "[query][faults]") {
    const fahras::test::TempDir dir;
    const std::string path = (dir / "db").string();
    Xapian::docid damaged = 0;
    {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
        for (const char* data :
             {"{\"id\":\"ok\",\"title\":\"t\"}", "{\"id\":\"ok2\",\"tit\xff", "\x13\x07garbage"}) {
            Xapian::Document doc;
            doc.set_data(data);
            doc.add_term("word");
            doc.add_term("Zword");  // what the query word becomes (schema.hpp)
            damaged = db.add_document(doc);
        }
        db.commit();
    }
    fahras::Searcher searcher(path);
    fahras::SearchOptions options;
    options.match = fahras::MatchMode::all;
    CHECK_THROWS_AS(searcher.search("word", options), fahras::DatabaseError);
    CHECK_THROWS_WITH(searcher.search("word", options),
                      Catch::Matchers::Contains("document 2 is damaged"));
    options.hit_details = false;  // ids only, as in a TREC run: still checked
    CHECK_THROWS_AS(searcher.search("word", options), fahras::DatabaseError);
    options.offset = 2;
    CHECK_THROWS_WITH(searcher.search("word", options),
                      Catch::Matchers::Contains("document " + std::to_string(damaged)));

    std::istringstream in;
    std::ostringstream out, err;
    fahras::Console console{in, out, err, false, true};
    CHECK(fahras::query_main({"--db", path, "word"}, console) == fahras::query_error);
    CHECK(err.str().find("damaged") != std::string::npos);
    CHECK(out.str().find("(untitled)") == std::string::npos);
}
