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

namespace {

/// U+FFFD REPLACEMENT CHARACTER in UTF-8.
const std::string replacement = "\xEF\xBF\xBD";

void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    REQUIRE(out.good());
}

void write_gzip(const fs::path& path, const std::string& bytes) {
    gzFile gz = gzopen(path.c_str(), "wb");
    REQUIRE(gz != nullptr);
    REQUIRE(gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size())) ==
            static_cast<int>(bytes.size()));
    REQUIRE(gzclose(gz) == Z_OK);
}

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// What read_articles() handed to its sink.
struct Result {
    std::vector<Article> articles;
    std::vector<InputError> errors;

    [[nodiscard]] std::vector<std::string> reports() const {
        std::vector<std::string> out;
        for (const auto& e : errors) out.push_back(e.report());
        return out;
    }
};

Result read(const fs::path& file, const std::string& display_path, ReaderOptions options = {}) {
    Result r;
    fahras::ReaderSink sink;
    sink.article = [&](Article&& a) { r.articles.push_back(std::move(a)); };
    sink.error = [&](const InputError& e) { r.errors.push_back(e); };
    fahras::read_articles(file, display_path, options, sink);
    return r;
}

/// The report() of the InputError that reading `file` throws, or "" if it throws none.
std::string thrown_report(const fs::path& file, const std::string& display_path,
                          ReaderOptions options = {}) {
    try {
        read(file, display_path, options);
    } catch (const InputError& e) {
        return e.report();
    }
    return "";
}

/// `n` space-separated words.
std::string words(std::size_t n, const std::string& word = "كلمة") {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        if (i != 0) out += ' ';
        out += word;
    }
    return out;
}

}  // namespace

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
