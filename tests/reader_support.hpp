// SPDX-License-Identifier: GPL-3.0-or-later
// What the reader tests share: writing test files (plain and gzip), and reading one file
// into its articles and reports.
#pragma once

#include <catch2/catch.hpp>

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fahras/common/utf8.hpp"
#include "fahras/indexer/readers.hpp"
#include "test_support.hpp"

namespace fahras::reader_test {

namespace fs = std::filesystem;
using fahras::Article;
using fahras::InputError;
using fahras::InputFormat;
using fahras::ReaderOptions;

/// U+FFFD REPLACEMENT CHARACTER in UTF-8.
inline const std::string replacement = "\xEF\xBF\xBD";

inline void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    REQUIRE(out.good());
}

inline void write_gzip(const fs::path& path, const std::string& bytes) {
    gzFile gz = gzopen(path.c_str(), "wb");
    REQUIRE(gz != nullptr);
    REQUIRE(gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size())) ==
            static_cast<int>(bytes.size()));
    REQUIRE(gzclose(gz) == Z_OK);
}

inline std::string read_bytes(const fs::path& path) {
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

inline Result read(const fs::path& file, const std::string& display_path,
                   ReaderOptions options = {}) {
    Result r;
    fahras::ReaderSink sink;
    sink.article = [&](Article&& a) { r.articles.push_back(std::move(a)); };
    sink.error = [&](const InputError& e) { r.errors.push_back(e); };
    fahras::read_articles(file, display_path, options, sink);
    return r;
}

/// The report() of the InputError that reading `file` throws, or "" if it throws none.
inline std::string thrown_report(const fs::path& file, const std::string& display_path,
                                 ReaderOptions options = {}) {
    try {
        read(file, display_path, options);
    } catch (const InputError& e) {
        return e.report();
    }
    return "";
}

/// `n` space-separated words.
inline std::string words(std::size_t n, const std::string& word = "كلمة") {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        if (i != 0) out += ' ';
        out += word;
    }
    return out;
}

}  // namespace fahras::reader_test
