// SPDX-License-Identifier: GPL-3.0-or-later
// The Xapian stub-file reader and writer (stub.hpp) that generations, shards and the query
// side's shard opener share: what one writes the others read back.

#include <catch2/catch.hpp>

#include <fstream>

#include "fahras/common/errors.hpp"
#include "fahras/common/stub.hpp"
#include "fahras/indexer/generations.hpp"
#include "fahras/indexer/shards.hpp"
#include "fahras/query/shards.hpp"
#include "test_support.hpp"

using namespace fahras;
namespace fs = std::filesystem;

TEST_CASE("stub lines parse as TYPE ARGUMENT", "[stub]") {
    struct Row {
        const char* raw;
        const char* type;
        const char* arg;
    };
    for (const Row& row :
         {Row{"auto gen-1", "auto", "gen-1"}, Row{"  auto\tshard-0  \r", "auto", "shard-0"},
          Row{"remote :xapian-tcpsrv --one-shot db", "remote", ":xapian-tcpsrv --one-shot db"},
          Row{"# a comment", "", ""}, Row{"", "", ""}, Row{"   ", "", ""},
          Row{"inmemory", "inmemory", ""}}) {
        CAPTURE(row.raw);
        const stub::Line line = stub::parse_line(row.raw);
        CHECK(line.type == row.type);
        CHECK(line.arg == row.arg);
    }
}

TEST_CASE("a written stub reads back, comment left out", "[stub]") {
    const test::TempDir dir;
    const fs::path file = dir / std::string(stub::file_name);
    stub::write(file, "two lines", {{"auto", "a"}, {"remote", "host:1234"}});
    CHECK_FALSE(fs::exists(dir / "XAPIANDB.new"));
    std::ifstream in(file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text == "# two lines\nauto a\nremote host:1234\n");
    const std::vector<stub::Line> lines = stub::read(file);
    REQUIRE(lines.size() == 2);
    CHECK(lines[1].type == "remote");
    CHECK(lines[1].arg == "host:1234");
    CHECK(stub::is_directory(dir.path()));
    CHECK_FALSE(stub::is_directory(dir / "none"));
    CHECK(stub::read(dir / "none").empty());
    CHECK(stub::target(file, "a") == dir / "a");
    CHECK(stub::target(file, "/abs/b") == fs::path("/abs/b"));
}

TEST_CASE("the shard stub the indexer writes is what both sides read", "[stub]") {
    const test::TempDir dir;
    fs::create_directory(dir / "gen-1");
    const std::vector<fs::path> written = write_shard_stub(dir / "gen-1", 3);
    REQUIRE(written.size() == 3);
    stub::write(dir / "XAPIANDB", "the live generation", {{"auto", "gen-1"}});
    CHECK(live_generation(dir.path()) == dir / "gen-1");
    CHECK(shard_paths(dir.path()) == written);
    for (const fs::path& shard : written) Xapian::WritableDatabase(shard.string()).commit();
    CHECK(open_shards(dir.path().string()).size() == 3);
    CHECK_FALSE(any_remote_shard(dir.path().string()));
    std::ofstream(dir / "gen-1" / "XAPIANDB", std::ios::app) << "auto elsewhere\n";
    CHECK_THROWS_AS(shard_paths(dir.path()), DatabaseError);
}
