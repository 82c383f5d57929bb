// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the input readers: format detection, .txt title splitting, JSON, JSON Lines and
// gzip-compressed JSON Lines, and the errors each reports.
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

TEST_CASE("input_format chooses the reader by extension, ignoring case", "[readers]") {
    struct Row {
        const char* name;
        InputFormat expected;
    };
    const Row rows[] = {
        {"a.txt", InputFormat::text},
        {"news/A.TXT", InputFormat::text},
        {"نص.txt", InputFormat::text},
        {"dir.jsonl/a.json", InputFormat::json},
        {"a.Json", InputFormat::json},
        {"a.jsonl", InputFormat::json_lines},
        {"a.JSONL.GZ", InputFormat::json_lines_gz},
        {"a.jsonl.gz", InputFormat::json_lines_gz},
        {"a.json.gz", InputFormat::unsupported},
        {"a.txt.gz", InputFormat::unsupported},
        {"a.gz", InputFormat::unsupported},
        {"a.txt.bak", InputFormat::unsupported},
        {"a.jsonld", InputFormat::unsupported},
        {"README", InputFormat::unsupported},
        {".txt", InputFormat::unsupported},
        {"a.html", InputFormat::html},
        {"a.HTM", InputFormat::html},
        {"a.pdf", InputFormat::unsupported},
    };
    for (const auto& row : rows) {
        INFO(row.name);
        CHECK(fahras::input_format(row.name) == row.expected);
    }
}

TEST_CASE("split_title_body keeps a headline and treats a paragraph as body", "[readers]") {
    const std::string sentence13 = words(13) + ".";
    struct Row {
        std::string text;
        std::string title;
        std::string body;
    };
    const std::vector<Row> rows = {
        {"عنوان الخبر\n\nالنص الأول\nالنص الثاني\n", "عنوان الخبر", "النص الأول\nالنص الثاني"},
        {"\n\n   Headline  \n\n\n  body  \n\n", "Headline", "body"},
        {"only a headline", "only a headline", ""},
        {"", "", ""},
        {" \n\t\n", "", ""},
        // NO-BREAK SPACE and RIGHT-TO-LEFT MARK around a headline are padding.
        {"\u00A0\u200Fعنوان\u00A0\nنص", "عنوان", "نص"},
        // 25 words is still a (long) headline; 26 is a paragraph.
        {words(25) + "\nنص", words(25), "نص"},
        {words(26) + "\nنص", "", words(26) + "\nنص"},
        // More than 12 words ending a sentence is a paragraph; 12 is a headline.
        {words(12) + ".\nنص", words(12) + ".", "نص"},
        {sentence13 + "\nنص", "", sentence13 + "\nنص"},
        {words(13) + "\nنص", words(13), "نص"},
        {words(13) + "؟\nنص", "", words(13) + "؟\nنص"},
        {words(13) + ".»\nنص", "", words(13) + ".»\nنص"},
        // A few long words: over 180 characters is a paragraph whatever the word count.
        {words(10, std::string(18, 'x')) + "\nb", "", words(10, std::string(18, 'x')) + "\nb"},
        {words(9, std::string(18, 'x')) + "\nb", words(9, std::string(18, 'x')), "b"},
    };
    for (const auto& row : rows) {
        INFO("text: " << row.text);
        std::string title = "stale";
        std::string body = "stale";
        fahras::split_title_body(row.text, title, body);
        CHECK(title == row.title);
        CHECK(body == row.body);
    }
}

TEST_CASE("The seed articles: one with a title line, one without", "[readers]") {
    const fs::path seeds = fs::path(FAHRAS_SOURCE_DIR) / "sample_corpus" / "seeds";
    const fs::path titled = seeds / "000_d7d323a442f094ad.txt";
    const fs::path untitled = seeds / "003_30707adeda7cd947.txt";
    if (!fs::exists(titled) || !fs::exists(untitled)) {
        WARN("seed articles not found under " << seeds.string() << "; skipped");
        return;
    }
    {
        const Result r = read(titled, "seeds/000.txt");
        REQUIRE(r.errors.empty());
        REQUIRE(r.articles.size() == 1);
        const Article& a = r.articles[0];
        CHECK(a.title == "وزيرا الدفاع الأميركي والروسي يتحادثان بشأن سورية");
        CHECK(a.body.starts_with("أعلنت وزارة الدفاع الأميركية"));
        CHECK(a.id == "seeds/000.txt");
        CHECK(a.path == "seeds/000.txt");
        CHECK(a.line == 0);
    }
    {
        const Result r = read(untitled, "seeds/003.txt");
        REQUIRE(r.errors.empty());
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].title.empty());
        CHECK(r.articles[0].body.starts_with("لأول مرة منذ أكثر من عام"));
        CHECK(r.articles[0].body.ends_with("(الأخبار، رويترز)"));
    }
}

TEST_CASE("A .txt file becomes one article with the path as id", "[readers]") {
    TempDir dir;
    SECTION("title, blank line, body") {
        write_file(dir / "a.txt", "عنوان\n\nسطر أول\nسطر ثان\n");
        const Result r = read(dir / "a.txt", "news/a.txt");
        REQUIRE(r.errors.empty());
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].id == "news/a.txt");
        CHECK(r.articles[0].path == "news/a.txt");
        CHECK(r.articles[0].title == "عنوان");
        CHECK(r.articles[0].body == "سطر أول\nسطر ثان");
    }
    SECTION("a byte order mark is dropped and CRLF becomes LF") {
        write_file(dir / "a.txt",
                   "\xEF\xBB\xBF"
                   "عنوان\r\n\r\nسطر أول\r\nسطر ثان\r\n");
        const Result r = read(dir / "a.txt", "a.txt");
        REQUIRE(r.errors.empty());
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].title == "عنوان");
        CHECK(r.articles[0].body == "سطر أول\nسطر ثان");
    }
    SECTION("invalid UTF-8 is replaced and reported at its line and byte offset") {
        // "title\nsecond\nbad " is 17 bytes, so the 0xFF is at offset 17, on line 3.
        write_file(dir / "bad.txt", "title\nsecond\nbad \xFF byte\n");
        const Result r = read(dir / "bad.txt", "news/bad.txt");
        REQUIRE(r.reports() == std::vector<std::string>{
                                   "news/bad.txt:3: warning: invalid UTF-8 at byte offset 17; "
                                   "replaced by U+FFFD"});
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].title == "title");
        CHECK(r.articles[0].body == "second\nbad " + replacement + " byte");
    }
    SECTION("a truncated Arabic letter at the end of the file is invalid too") {
        write_file(dir / "cut.txt", "عنوان\nنص\xD9");
        const Result r = read(dir / "cut.txt", "cut.txt");
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].line() == 2);
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].body == "نص" + replacement);
    }
    SECTION("white space only is an error") {
        write_file(dir / "blank.txt", " \n\n\t\n");
        CHECK(thrown_report(dir / "blank.txt", "blank.txt") ==
              "blank.txt: error: no title and no body");
    }
}

TEST_CASE("Files that cannot be read at all throw InputError", "[readers]") {
    TempDir dir;
    ReaderOptions options;
    std::string expected;
    fs::path file;
    SECTION("missing") {
        file = dir / "missing.txt";
        expected = "n/x: error: cannot open: No such file or directory";
    }
    SECTION("a directory") {
        file = dir / "dir.json";
        fs::create_directory(file);
        expected = "n/x: error: is a directory";
    }
    SECTION("empty") {
        file = dir / "empty.jsonl";
        write_file(file, "");
        expected = "n/x: error: empty file";
    }
    SECTION("too large") {
        file = dir / "big.txt";
        write_file(file, "0123456789A");
        options.max_file_size = 10;
        expected = "n/x: error: file is 11 bytes, over --max-file-size 10";
    }
    SECTION("exactly at the size limit is fine") {
        file = dir / "ok.txt";
        write_file(file, "0123456789");
        options.max_file_size = 10;
        expected = "";
    }
    SECTION("binary .txt") {
        file = dir / "image.txt";
        write_file(file, std::string("GIF89a\0\0\x01", 9) + "abc");
        expected = "n/x: error: binary file";
    }
    SECTION("binary .jsonl") {
        file = dir / "data.jsonl";
        write_file(file, std::string("{\"title\":\"a\"}\n\0\0", 16));
        expected = "n/x: error: binary file";
    }
    SECTION("binary data inside a .jsonl.gz") {
        file = dir / "data.jsonl.gz";
        write_gzip(file, std::string("\0\0\0\0", 4));
        expected = "n/x: error: binary file";
    }
    SECTION("a .jsonl.gz that is not gzip-compressed") {
        file = dir / "plain.jsonl.gz";
        write_file(file, "{\"title\":\"a\"}\n");
        expected = "n/x: error: not a gzip file";
    }
    SECTION("an unsupported type") {
        file = dir / "page.pdf";
        write_file(file, "%PDF-1.4");
        expected = "n/x: error: unsupported file type";
    }
    SECTION("an HTML page with no text") {
        file = dir / "page.html";
        write_file(file, "<html>");
        expected = "n/x: error: no title and no body text in the HTML page";
    }
    CHECK(thrown_report(file, "n/x", options) == expected);
}

TEST_CASE("A .json file holds one article object", "[readers]") {
    TempDir dir;
    const fs::path file = dir / "a.json";
    SECTION("every field, a numeric id and the body under \"text\"") {
        write_file(file, R"({"id": 42, "title": " عنوان ", "text": "نص", "date": "2015-09-18",
                             "source": "alarabia", "url": "https://example.com/1",
                             "author": "كاتب", "category": "سياسة", "extra": [1, 2]})");
        const Result r = read(file, "news/a.json");
        REQUIRE(r.errors.empty());
        REQUIRE(r.articles.size() == 1);
        const Article& a = r.articles[0];
        CHECK(a.id == "42");
        CHECK(a.title == "عنوان");
        CHECK(a.body == "نص");
        CHECK(a.date == "2015-09-18");
        CHECK(a.source == "alarabia");
        CHECK(a.url == "https://example.com/1");
        CHECK(a.author == "كاتب");
        CHECK(a.category == "سياسة");
        CHECK(a.path == "news/a.json");
        CHECK(a.line == 0);
    }
    SECTION("without an id the path is the id; \"body\" wins over \"text\" and \"content\"") {
        write_file(file, R"({"title": "t", "body": "b", "text": "x", "content": "y"})");
        const Result r = read(file, "news/a.json");
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].id == "news/a.json");
        CHECK(r.articles[0].body == "b");
    }
    SECTION("the body under \"content\"") {
        write_file(file, R"({"title": "t", "content": "c"})");
        const Result r = read(file, "a.json");
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].body == "c");
    }
    SECTION("a byte order mark before the object") {
        write_file(file, "\xEF\xBB\xBF{\"title\": \"t\"}");
        const Result r = read(file, "a.json");
        REQUIRE(r.errors.empty());
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].title == "t");
    }
    SECTION("invalid UTF-8 inside a string is replaced and reported") {
        write_file(file, "{\n\"title\": \"a\xC0\x80z\"\n}");
        const Result r = read(file, "a.json");
        REQUIRE(r.reports() ==
                std::vector<std::string>{"a.json:2: warning: invalid UTF-8 at byte offset 13; 2 "
                                         "ill-formed bytes replaced by U+FFFD"});
        REQUIRE(r.articles.size() == 1);
        CHECK(r.articles[0].title == "a" + replacement + replacement + "z");
    }
    SECTION("a record that cannot be an article is reported, not thrown") {
        struct Row {
            const char* json;
            const char* report;
        };
        const Row rows[] = {
            {R"({"title": "", "body": "  \n "})", "a.json: error: no title and no body"},
            {R"({"id": "x"})", "a.json: error: no title and no body"},
            {R"({"title": ["t"]})",
             "a.json: error: field \"title\" is an array, expected a string"},
            {R"({"title": "t", "date": {"y": 2015}})",
             "a.json: error: field \"date\" is an object, expected a string"},
            {R"({"id": true, "title": "t"})",
             "a.json: error: field \"id\" is a boolean, expected a string"},
        };
        for (const auto& row : rows) {
            INFO(row.json);
            write_file(file, row.json);
            const Result r = read(file, "a.json");
            CHECK(r.articles.empty());
            CHECK(r.reports() == std::vector<std::string>{row.report});
        }
    }
}

TEST_CASE("A .json file that is not one JSON object throws, with the line", "[readers]") {
    TempDir dir;
    const fs::path file = dir / "bad.json";
    struct Row {
        std::string json;
        std::string report_prefix;
    };
    const std::vector<Row> rows = {
        // The stray '}' is on line 4, column 1.
        {"{\n  \"title\": \"t\",\n  \"body\":\n}\n",
         "news/bad.json:4: error: invalid JSON at column 1: "},
        // Unterminated object: the parser stops at the end of line 2.
        {"{\n  \"title\": \"t\"", "news/bad.json:2: error: invalid JSON at column 15: "},
        {"{\"title\": \"t\"} {}", "news/bad.json:1: error: invalid JSON at column 16: "},
        {"[{\"title\": \"t\"}]",
         "news/bad.json: error: expected a JSON object at the top level, "
         "found an array"},
        {"\"title\"",
         "news/bad.json: error: expected a JSON object at the top level, found a "
         "string"},
    };
    for (const auto& row : rows) {
        INFO(row.json);
        write_file(file, row.json);
        const std::string report = thrown_report(file, "news/bad.json");
        CHECK_THAT(report, Catch::Matchers::StartsWith(row.report_prefix));
    }
}
