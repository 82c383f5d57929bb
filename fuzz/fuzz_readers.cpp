// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the input readers (text, JSON, JSON Lines, gzip JSON Lines, HTML) and the
// encoding detection. The first byte picks the format; the rest is the file.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "fahras/common/errors.hpp"
#include "fahras/common/utf8.hpp"
#include "fahras/indexer/encoding.hpp"
#include "fahras/indexer/html.hpp"
#include "fahras/indexer/readers.hpp"

namespace {

const std::filesystem::path& work_dir() {
    static const std::filesystem::path dir = [] {
        auto p =
            std::filesystem::temp_directory_path() / ("fahras-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(p);
        return p;
    }();
    return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    static const char* const names[] = {"a.txt", "a.json", "a.jsonl", "a.jsonl.gz", "a.html"};
    const std::string name = names[data[0] % 5];
    const std::string body(reinterpret_cast<const char*>(data + 1), size - 1);

    const fahras::DecodedText decoded = fahras::decode_text(body);
    if (fahras::utf8::first_invalid(decoded.text) != std::string::npos) __builtin_trap();
    (void)fahras::article_from_html(decoded.text);

    const auto file = work_dir() / name;
    std::ofstream(file, std::ios::binary | std::ios::trunc) << body;
    fahras::ReaderSink sink;
    sink.article = [](fahras::Article&& a) {
        if (fahras::utf8::first_invalid(a.title) != std::string::npos ||
            fahras::utf8::first_invalid(a.body) != std::string::npos) {
            __builtin_trap();  // readers promise valid UTF-8
        }
    };
    sink.error = [](const fahras::InputError&) {};
    fahras::ReaderOptions options;
    options.max_file_size = 1 << 20;
    try {
        fahras::read_articles(file, name, options, sink);
    } catch (const fahras::InputError&) {
    }
    return 0;
}
