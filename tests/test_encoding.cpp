// SPDX-License-Identifier: GPL-3.0-or-later
// Encodings (UTF-8 ± BOM, UTF-16 with BOM, Windows-1256, ISO-8859-6) and HTML inputs.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unicode/ucnv.h>
#include <catch2/catch.hpp>

#include "fahras/common/errors.hpp"
#include "fahras/indexer/encoding.hpp"
#include "fahras/indexer/html.hpp"
#include "fahras/indexer/indexer.hpp"
#include "fahras/indexer/readers.hpp"
#include "test_support.hpp"

using namespace fahras;

namespace {

/// `utf8` converted to `encoding` with ICU (the fixtures are made at test time).
std::string encode(const std::string& utf8, const char* encoding) {
    std::string out(utf8.size() * 4 + 16, '\0');
    UErrorCode status = U_ZERO_ERROR;
    const int32_t n = ucnv_convert(encoding, "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                   utf8.data(), static_cast<int32_t>(utf8.size()), &status);
    REQUIRE(U_SUCCESS(status));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string seed_text() {
    std::ifstream in(std::string(FAHRAS_SOURCE_DIR) +
                     "/sample_corpus/seeds/000_d7d323a442f094ad.txt");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("legacy and Unicode encodings are detected and converted", "[encoding]") {
    const std::string seed = seed_text();
    REQUIRE(seed.size() > 1000);
    struct Row {
        const char* name;
        std::string bytes;
        const char* encoding;
    };
    const std::vector<Row> rows = {
        {"UTF-8", seed, "UTF-8"},
        {"UTF-8 with BOM", "\xEF\xBB\xBF" + seed, "UTF-8"},
        {"UTF-16LE with BOM", "\xFF\xFE" + encode(seed, "UTF-16LE"), "UTF-16LE"},
        {"UTF-16BE with BOM", "\xFE\xFF" + encode(seed, "UTF-16BE"), "UTF-16BE"},
        {"Windows-1256", encode(seed, "windows-1256"), "windows-1256"},
        {"ISO-8859-6", encode(seed, "ISO-8859-6"), "ISO-8859-6"},
    };
    for (const Row& row : rows) {
        INFO(row.name);
        const DecodedText d = decode_text(row.bytes);
        CHECK(d.encoding == row.encoding);
        CHECK(d.invalid_offset == std::string::npos);
        if (std::string(row.name) != "ISO-8859-6") {
            CHECK(d.text == seed);
        } else {
            // ISO-8859-6 has no Persian/Latin extras; the Arabic words come through.
            CHECK(d.text.find("وزارة الدفاع") != std::string::npos);
        }
    }
}

TEST_CASE("invalid UTF-8 stays UTF-8: reported with its offset and replaced", "[encoding]") {
    const std::string text = "عنوان\n\nنص \xFF فيه خطأ";
    const DecodedText d = decode_text(text);
    CHECK(d.encoding == "UTF-8");
    CHECK(d.invalid_offset == text.find('\xFF'));
    CHECK(d.replaced == 1);
    CHECK(d.text.find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD REPLACEMENT CHARACTER

    CHECK(decode_text(encode("مرحبا", "windows-1256"), "windows-1256").text == "مرحبا");
    CHECK_THROWS_AS(decode_text("x", "no-such-encoding"), UsageError);
    CHECK(mostly_arabic("وزارة الدفاع ABC"));
    CHECK_FALSE(mostly_arabic("Les ministères de la défense"));
}

TEST_CASE("HTML pages: title, body without scripts and navigation, date", "[encoding][html]") {
    struct Row {
        const char* html;
        const char* title;
        const char* body;
        const char* date;
    };
    const std::vector<Row> rows = {
        {R"(<html><head><title> عنوان  الصفحة </title><script>var a;</script>
            <meta property="article:published_time" content="2018-05-07T05:14:26Z"></head>
            <body><nav>القائمة</nav><p>الفقرة الأولى.</p><p>الثانية <b>هنا</b>.</p>
            <footer>حقوق</footer></body></html>)",
         "عنوان الصفحة", "الفقرة الأولى.\nالثانية هنا.", "2018-05-07T05:14:26Z"},
        {R"(<body><header>رأس</header><article><h1>خبر</h1><time datetime="2015-08-01">أمس</time>
            <p>نص الخبر</p><style>p{}</style></article><aside>جانبي</aside></body>)",
         "خبر", "خبر\nأمس\nنص الخبر", "2015-08-01"},
        {R"(<meta property="og:title" content="من og"><p>نص</p>)", "من og", "نص", ""},
    };
    for (const Row& row : rows) {
        INFO(row.html);
        const Article a = article_from_html(row.html);
        CHECK(a.title == row.title);
        CHECK(a.body == row.body);
        CHECK(a.date == row.date);
    }
    CHECK(declared_charset(R"(<meta charset="windows-1256">)") == "windows-1256");
    CHECK(declared_charset(
              R"(<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-6">)") ==
          "iso-8859-6");
    CHECK(declared_charset("<p>x</p>").empty());
}

TEST_CASE("readers convert legacy files and honour --encoding", "[encoding][readers]") {
    test::TempDir dir;
    const std::string text = "عنوان الخبر\n\nنص الخبر عن حلب";
    std::ofstream(dir / "cp.txt") << encode(text, "windows-1256");
    std::ofstream(dir / "page.html")
        << "<meta charset=windows-1256><title>" << encode("عنوان", "windows-1256") << "</title><p>"
        << encode("نص", "windows-1256") << "</p>";
    std::ofstream(dir / "latin.txt") << "caf\xE9\n\ntext";
    std::vector<Article> got;
    std::vector<std::string> errors;
    ReaderSink sink;
    sink.article = [&](Article&& a) { got.push_back(std::move(a)); };
    sink.error = [&](const InputError& e) { errors.push_back(e.report()); };
    ReaderOptions options;
    read_articles(dir / "cp.txt", "cp.txt", options, sink);
    read_articles(dir / "page.html", "page.html", options, sink);
    options.encoding = "ISO-8859-1";
    read_articles(dir / "latin.txt", "latin.txt", options, sink);
    REQUIRE(got.size() == 3);
    CHECK(got[0].title == "عنوان الخبر");
    CHECK(got[0].body == "نص الخبر عن حلب");
    CHECK(got[1].title == "عنوان");
    CHECK(got[1].body == "نص");
    CHECK(got[2].title == "café");
    CHECK(errors.empty());
}

TEST_CASE("an unknown --encoding is a usage error before anything is written", "[encoding]") {
    test::TempDir dir;
    std::ofstream(dir / "a.txt") << "عنوان\n\nنص";
    IndexOptions options;
    options.db = (dir / "db").string();
    options.inputs = {(dir / "a.txt").string()};
    options.reader.encoding = "no-such-encoding";
    std::ostringstream log, err;
    CHECK_THROWS_AS(run_index(options, log, err), UsageError);
    CHECK_FALSE(std::filesystem::exists(dir / "db"));
}
