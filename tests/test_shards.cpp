// SPDX-License-Identifier: GPL-3.0-or-later
// fahras-index --shards N (fahras/indexer/shards.hpp): one run writes N shard
// databases in parallel; every article lands in the one shard its id routes to, with the same
// document as an unsharded run would write; later runs keep the layout; the number of shards
// changes only with --rebuild. (Search over the shards: tests/e2e/test_shards.sh.)
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "fahras/common/errors.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/indexer/generations.hpp"
#include "fahras/indexer/indexer.hpp"
#include "fahras/indexer/shards.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace fahras;

namespace {

std::string sample_corpus() {
    return std::string(FAHRAS_SOURCE_DIR) + "/sample_corpus";
}

IndexSummary index(const fs::path& db, const std::vector<std::string>& inputs, std::size_t shards,
                   bool rebuild = false) {
    IndexOptions options;
    options.db = db.string();
    options.inputs = inputs;
    options.shards = shards;
    options.rebuild = rebuild;
    options.swap_grace_seconds = 0;
    options.threads = 2;
    std::ostringstream log, err;
    IndexSummary s = run_index(options, log, err);
    INFO(err.str());
    REQUIRE(s.failed == 0);
    return s;
}

/// The article id of every document of `db`: the `Q` term without its prefix → the document
/// as compared (terms but the story term, data).
std::map<std::string, std::string> articles(const Xapian::Database& db) {
    std::map<std::string, std::string> out;
    const std::string q(schema::id);
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
        const Xapian::Document doc = db.get_document(*d);
        std::string id, terms;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            const std::string term = *t;
            if (term.rfind(q, 0) == 0) id = term.substr(q.size());
            // Stories are clustered within a shard (docs/SCALING.md), the rest is the same.
            if (term.rfind("XSTORY", 0) == 0) continue;
            terms += term + ':' + std::to_string(t.get_wdf()) + ' ';
        }
        out[id] = terms + '\n' + doc.get_data();
    }
    return out;
}

}  // namespace

TEST_CASE("shards: routing is by URL (else id), stable and spread", "[shards]") {
    Article a;
    a.id = "ant21:BB-world-1";
    CHECK(routing_key(a) == "ant21:BB-world-1");
    a.url = "https://www.bbc.com/arabic/1";
    CHECK(routing_key(a) == "https://www.bbc.com/arabic/1");
    CHECK(shard_of("anything", 0) == 0);
    CHECK(shard_of("anything", 1) == 0);
    // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c: pinned, since existing shards depend on it.
    CHECK(shard_of("a", 1000) == 0xaf63dc4c8601ec8cULL % 1000);
    std::vector<std::size_t> counts(4);
    for (int i = 0; i < 4000; ++i) ++counts[shard_of("article-" + std::to_string(i), 4)];
    for (const std::size_t c : counts) CHECK((c > 850 && c < 1150));
}

TEST_CASE("shards: --shards 2 writes each article once, as one database would", "[shards]") {
    test::TempDir dir;
    const std::vector<std::string> inputs = {sample_corpus()};
    const IndexSummary whole = index(dir / "whole", inputs, 0);
    const IndexSummary split = index(dir / "split", inputs, 2);
    CHECK(split.shards == 2);
    CHECK(split.indexed == whole.indexed);
    CHECK(split.files == whole.files);
    CHECK(split.news.dropped_bytes == whole.news.dropped_bytes);

    const std::vector<fs::path> shards = shard_paths(dir / "split");
    REQUIRE(shards.size() == 2);
    CHECK(shard_paths(dir / "whole").empty());
    const std::map<std::string, std::string> expected =
        articles(Xapian::Database((dir / "whole").string()));
    std::map<std::string, std::string> found;
    for (std::size_t k = 0; k < shards.size(); ++k) {
        const Xapian::Database shard(shards[k].string());
        CHECK(shard.get_doccount() > 0);
        CHECK(shard.get_metadata(std::string(schema::meta_version)) ==
              std::to_string(schema::version));
        for (const auto& [id, doc] : articles(shard)) {
            // Routed by URL, or by id when there is none (the two seeds).
            const nlohmann::json data = nlohmann::json::parse(doc.substr(doc.find('\n') + 1));
            const std::string url = data.value("url", "");
            CHECK(shard_of(url.empty() ? id : url, 2) == k);
            CHECK(found.emplace(id, doc).second);  // in one shard only
        }
    }
    CHECK(found == expected);
    // Xapian opens the two stubs (database → generation → shards) as one database.
    CHECK(Xapian::Database((dir / "split").string()).get_doccount() == expected.size());
    // The boilerplate table was learned once, over all articles.
    const std::string table = Xapian::Database((dir / "whole").string())
                                  .get_metadata(std::string(schema::meta_boilerplate));
    for (const fs::path& shard : shards) {
        CHECK(
            Xapian::Database(shard.string()).get_metadata(std::string(schema::meta_boilerplate)) ==
            table);
    }

    // A second run finds everything unchanged, in the same layout.
    const IndexSummary again = index(dir / "split", inputs, 0);
    CHECK(again.shards == 2);
    CHECK(again.changes() == 0);
    CHECK(again.unchanged == whole.indexed);
    CHECK(shard_paths(dir / "split") == shards);
}

TEST_CASE("shards: the number changes only with --rebuild", "[shards]") {
    test::TempDir dir;
    const fs::path corpus = dir / "corpus";
    fs::create_directories(corpus);
    fs::copy(sample_corpus() + "/seeds", corpus / "seeds");
    const std::vector<std::string> inputs = {corpus.string()};
    index(dir / "db", inputs, 2);
    const std::size_t docs = Xapian::Database((dir / "db").string()).get_doccount();
    REQUIRE(docs > 0);

    IndexOptions options;
    options.db = (dir / "db").string();
    options.inputs = inputs;
    std::ostringstream log, err;
    options.shards = 3;
    CHECK_THROWS_AS(run_index(options, log, err), UsageError);
    options.shards = 1;
    CHECK_THROWS_AS(run_index(options, log, err), UsageError);
    // An unsharded database does not become sharded in place either.
    index(dir / "plain", inputs, 0);
    options.db = (dir / "plain").string();
    options.shards = 2;
    CHECK_THROWS_AS(run_index(options, log, err), UsageError);

    CHECK(index(dir / "db", inputs, 3, true).shards == 3);
    CHECK(shard_paths(dir / "db").size() == 3);
    CHECK(Xapian::Database((dir / "db").string()).get_doccount() == docs);
    CHECK(index(dir / "db", inputs, 0, true).shards == 3);  // --rebuild keeps the number
    CHECK(index(dir / "db", inputs, 1, true).shards == 1);  // back to one database
    CHECK(shard_paths(dir / "db").empty());
    CHECK(Xapian::Database((dir / "db").string()).get_doccount() == docs);
    CHECK(index(dir / "plain", inputs, 2, true).shards == 2);
    CHECK(shard_paths(dir / "plain").size() == 2);
}
