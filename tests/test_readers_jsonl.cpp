// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the JSON Lines reader (plain and gzip-compressed): bad lines reported with their
// line, record boundaries, damaged files, size limits, invalid bytes and error excerpts.
#include <catch2/catch.hpp>

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fahras/common/utf8.hpp"
#include "fahras/indexer/readers.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using fahras::Article;
using fahras::InputError;
using fahras::InputFormat;
using fahras::ReaderOptions;
using fahras::test::TempDir;

#include "reader_support.hpp"

using namespace fahras::reader_test;

namespace {

/// A JSON Lines text that mixes good records with every kind of bad one, with what reading it
/// must give.
const std::string mixed_jsonl =
    "{\"id\": \"a1\", \"title\": \"T1\", \"body\": \"B1\"}\n"  // 1: good
    "\n"                                                       // 2: blank, ignored
    "{not json}\n"                                             // 3: syntax error
    "[1, 2, 3]\n"                                              // 4: not an object
    "{\"title\": \"\", \"body\": \"  \"}\n"                    // 5: no title, no body
    "{\"id\": 7, \"title\": \"T6\"}\n"                         // 6: numeric id
    "{\"title\": \"T7\", \"content\": \"B7\"}\n"               // 7: no id
    "{\"title\": true}\n"                                      // 8: wrong type
    "   \t \n"                                                 // 9: blank, ignored
    "{\"title\": \"T10\"}";                                    // 10: good, no final newline

void check_mixed(const Result& r, const std::string& path) {
    REQUIRE(r.articles.size() == 4);
    CHECK(r.articles[0].id == "a1");
    CHECK(r.articles[0].line == 1);
    CHECK(r.articles[0].body == "B1");
    CHECK(r.articles[1].id == "7");
    CHECK(r.articles[1].line == 6);
    CHECK(r.articles[2].id == path + "#7");
    CHECK(r.articles[2].line == 7);
    CHECK(r.articles[2].body == "B7");
    CHECK(r.articles[3].id == path + "#10");
    CHECK(r.articles[3].line == 10);
    CHECK(r.articles[3].title == "T10");
    for (const auto& a : r.articles) CHECK(a.path == path);

    REQUIRE(r.errors.size() == 4);
    CHECK(r.errors[0].line() == 3);
    // The column is that of the last character the parser read ("{no"), as nlohmann counts.
    CHECK_THAT(r.errors[0].report(),
               Catch::Matchers::StartsWith(path + ":3: error: invalid JSON at column 3: "));
    CHECK(r.errors[1].report() == path + ":4: error: expected a JSON object, found an array");
    CHECK(r.errors[2].report() == path + ":5: error: no title and no body");
    CHECK(r.errors[3].report() ==
          path + ":8: error: field \"title\" is a boolean, expected a string");
}

}  // namespace

TEST_CASE("JSON Lines: good lines are read and bad ones reported with their line", "[readers]") {
    TempDir dir;
    SECTION(".jsonl") {
        write_file(dir / "x.jsonl", mixed_jsonl);
        check_mixed(read(dir / "x.jsonl", "news/x.jsonl"), "news/x.jsonl");
    }
    SECTION(".jsonl.gz") {
        write_gzip(dir / "x.jsonl.gz", mixed_jsonl);
        check_mixed(read(dir / "x.jsonl.gz", "news/x.jsonl.gz"), "news/x.jsonl.gz");
    }
}

TEST_CASE("JSON Lines: byte order mark, CRLF and invalid UTF-8", "[readers]") {
    TempDir dir;
    SECTION("BOM and CRLF") {
        write_file(dir / "x.jsonl", "\xEF\xBB\xBF{\"title\": \"a\"}\r\n\r\n{\"title\": \"b\"}\r\n");
        const Result r = read(dir / "x.jsonl", "x.jsonl");
        REQUIRE(r.errors.empty());
        REQUIRE(r.articles.size() == 2);
        CHECK(r.articles[0].title == "a");
        CHECK(r.articles[1].title == "b");
        CHECK(r.articles[1].line == 3);
    }
    SECTION("invalid UTF-8 on line 2: reported with its offset in the file, line still read") {
        // Line 1 is 14 bytes with its newline; the 0xFE is byte 11 of line 2.
        write_file(dir / "x.jsonl", "{\"title\":\"a\"}\n{\"title\":\"b\xFE\"}\n");
        const Result r = read(dir / "x.jsonl", "x.jsonl");
        REQUIRE(r.reports() ==
                std::vector<std::string>{
                    "x.jsonl:2: warning: invalid UTF-8 at byte offset 25; replaced by U+FFFD"});
        REQUIRE(r.articles.size() == 2);
        CHECK(r.articles[1].title == "b" + replacement);
        CHECK(r.articles[1].line == 2);
    }
}

namespace {

/// `n` JSON Lines records of about 100 bytes each, with ids "r1".."rn".
std::string many_records(std::size_t n) {
    std::string out;
    for (std::size_t i = 1; i <= n; ++i) {
        out += "{\"id\": \"r" + std::to_string(i) + "\", \"title\": \"عنوان " +
               std::to_string(i * 7919 % 10007) + "\", \"body\": \"" +
               words(1 + i % 11, "نص" + std::to_string(i % 97)) + "\"}\n";
    }
    return out;
}

/// Checks that `r` holds records r1..rk on lines 1..k, in order.
void check_prefix(const Result& r, std::size_t k) {
    REQUIRE(r.articles.size() == k);
    for (std::size_t i = 0; i < k; ++i) {
        if (r.articles[i].id != "r" + std::to_string(i + 1) || r.articles[i].line != i + 1) {
            FAIL("record " << i + 1 << " is " << r.articles[i].id << " at line "
                           << r.articles[i].line);
        }
    }
}

}  // namespace

TEST_CASE("JSON Lines: records across read-buffer boundaries", "[readers]") {
    TempDir dir;
    const std::size_t n = 5000;  // about 600 KB: several 64 KiB buffers
    const std::string text = many_records(n);
    SECTION(".jsonl") {
        write_file(dir / "x.jsonl", text);
        const Result r = read(dir / "x.jsonl", "x.jsonl");
        CHECK(r.errors.empty());
        check_prefix(r, n);
    }
    SECTION(".jsonl.gz") {
        write_gzip(dir / "x.jsonl.gz", text);
        const Result r = read(dir / "x.jsonl.gz", "x.jsonl.gz");
        CHECK(r.errors.empty());
        check_prefix(r, n);
    }
    SECTION("concatenated gzip members read as one stream") {
        write_gzip(dir / "a.gz", many_records(3));
        write_gzip(dir / "b.gz", "{\"id\": \"r4\", \"title\": \"t\"}\n");
        write_file(dir / "x.jsonl.gz", read_bytes(dir / "a.gz") + read_bytes(dir / "b.gz"));
        const Result r = read(dir / "x.jsonl.gz", "x.jsonl.gz");
        CHECK(r.errors.empty());
        check_prefix(r, 4);
    }
}

TEST_CASE("JSON Lines gzip: damaged files keep the articles before the damage", "[readers]") {
    TempDir dir;
    const std::size_t n = 2000;
    write_gzip(dir / "whole.gz", many_records(n));
    const std::string whole = read_bytes(dir / "whole.gz");
    const fs::path file = dir / "x.jsonl.gz";

    SECTION("truncated in the middle") {
        write_file(file, whole.substr(0, whole.size() / 2));
        const Result r = read(file, "x.jsonl.gz");
        // The articles before the cut are delivered; the error is at the first line not read.
        REQUIRE(r.articles.size() > 0);
        REQUIRE(r.articles.size() < n);
        check_prefix(r, r.articles.size());
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].line() == r.articles.size() + 1);
        CHECK(r.errors[0].reason() == "gzip data ends early (truncated file?)");
    }
    SECTION("missing only its trailer") {
        write_file(file, whole.substr(0, whole.size() - 8));
        const Result r = read(file, "x.jsonl.gz");
        check_prefix(r, n);
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].line() == n + 1);
    }
    SECTION("with a wrong checksum") {
        std::string damaged = whole;
        damaged[damaged.size() - 8] = static_cast<char>(damaged[damaged.size() - 8] ^ 0x55);
        write_file(file, damaged);
        const Result r = read(file, "x.jsonl.gz");
        check_prefix(r, n);
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].report() == "x.jsonl.gz:" + std::to_string(n + 1) +
                                          ": error: corrupt gzip data: incorrect data check");
    }
}

TEST_CASE("JSON Lines: a record over --max-record-size is an error, the file any size",
          "[readers]") {
    TempDir dir;
    const fs::path file = dir / "x.jsonl.gz";
    // Compresses to far less than the limit, but line 2 inflates to over 1000 bytes.
    write_gzip(file, "{\"title\": \"a\"}\n{\"title\": \"" + std::string(1000, 'b') +
                         "\"}\n{\"title\": \"c\"}\n");
    ReaderOptions options;
    options.max_record_size = 200;
    // --max-file-size is for whole-file formats: a stream of any length is read.
    options.max_file_size = 10;
    const Result r = read(file, "x.jsonl.gz", options);
    REQUIRE(r.articles.size() == 2);
    CHECK(r.articles[0].title == "a");
    CHECK(r.articles[1].title == "c");
    CHECK(r.articles[1].line == 3);
    CHECK(r.reports() == std::vector<std::string>{
                             "x.jsonl.gz:2: error: record is 1013 bytes, over --max-record-size "
                             "200 bytes"});
    CHECK(fahras::record_too_large(12900000, 8 << 20) ==
          "record is 12.3 MiB, over --max-record-size 8.0 MiB");
}

TEST_CASE("A .txt, .json or .html file over --max-record-size is refused unread", "[readers]") {
    TempDir dir;
    write_file(dir / "big.txt", "title\n" + std::string(300, 'x'));
    ReaderOptions options;
    options.max_record_size = 200;
    CHECK(thrown_report(dir / "big.txt", "big.txt", options) ==
          "big.txt: error: record is 306 bytes, over --max-record-size 200 bytes");
}

TEST_CASE("Invalid bytes: a few are a warning, a text that is mostly not text an error",
          "[readers]") {
    TempDir dir;
    write_file(dir / "few.txt", "title\nbody with one bad \xD8 byte in a long enough line\n");
    const Result r = read(dir / "few.txt", "few.txt");
    REQUIRE(r.articles.size() == 1);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].is_warning());
    std::string noise = "t\n";
    // Half the bytes bad, and no legacy Arabic encoding makes letters of them either.
    for (int i = 0; i < 200; ++i) noise += "a\xE9";
    write_file(dir / "noise.txt", noise);
    CHECK(
        thrown_report(dir / "noise.txt", "noise.txt").starts_with("noise.txt: error: not text: "));
}

TEST_CASE("JSON syntax errors quote the input short, on one line, in whole characters",
          "[readers]") {
    TempDir dir;
    // An unquoted Arabic word: the parser stops inside its first character (byte 0xD8).
    const std::string word = "\xD8\xB9\xD9\x86\xD9\x88\xD8\xA7\xD9\x86";  // عنوان
    std::string line = "{\"title\": \"" + std::string(3000, 'a') + "\", \"body\": " + word + "}";
    write_file(dir / "x.jsonl", line + "\n{\"title\": \"" + std::string(500, 'b') + "\n");
    const Result r = read(dir / "x.jsonl", "x.jsonl");
    REQUIRE(r.errors.size() == 2);
    for (const InputError& e : r.errors) {
        const std::string report = e.report();
        INFO(report);
        CHECK(fahras::utf8::first_invalid(report) == std::string::npos);
        CHECK(report.find('\n') == std::string::npos);
        CHECK(fahras::utf8::length(report) <= 200);
    }
}
