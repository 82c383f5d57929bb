// SPDX-License-Identifier: GPL-3.0-or-later
#include <zlib.h>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

#include "fahras/common/errors.hpp"
#include "fahras/common/ner_features.hpp"
#include "fahras/tools/ner_train.hpp"

namespace fahras::ner {

namespace {

/// Reads the lines of a plain or gzip-compressed file (zlib reads both).
class LineReader {
  public:
    explicit LineReader(const std::filesystem::path& path)
        : m_path(path.string()), m_file(gzopen(m_path.c_str(), "rb"), &gzclose) {
        if (!m_file) throw InputError(m_path, 0, "cannot read");
        gzbuffer(m_file.get(), 1 << 17);
    }

    bool next(std::string& line) {
        line.clear();
        char buffer[1 << 16];
        while (gzgets(m_file.get(), buffer, sizeof buffer) != nullptr) {
            line += buffer;
            if (!line.empty() && line.back() == '\n') {
                line.pop_back();
                return true;
            }
        }
        return !line.empty();
    }

  private:
    std::string m_path;
    std::unique_ptr<std::remove_pointer_t<gzFile>, int (*)(gzFile)> m_file;
};

}  // namespace

std::size_t add_word_counts(NerLexicon& lexicon, const std::vector<std::filesystem::path>& files,
                            unsigned frequent, unsigned very_frequent, unsigned common) {
    FlatTable<std::uint32_t> counts;
    std::size_t documents = 0;
    const Analyzer& analyzer = default_analyzer();
    std::string line;
    for (const auto& file : files) {
        LineReader reader(file);
        while (reader.next(line)) {
            if (line.empty()) continue;
            const auto j = nlohmann::json::parse(line, nullptr, false);
            if (j.is_discarded() || !j.is_object()) continue;
            for (const char* field : {"title", "body"}) {
                const auto it = j.find(field);
                if (it == j.end() || !it->is_string()) continue;
                analyzer.analyze(it->get_ref<const std::string&>(), [&](const Token& t) {
                    if (t.kind == TokenKind::arabic) ++counts.slot(lexicon_hash(t.folded));
                });
            }
            ++documents;
        }
    }
    counts.for_each([&](std::uint64_t key, std::uint32_t count) {
        std::uint16_t bits = 0;
        if (count >= common) {
            bits = lex_frequent | lex_very_frequent;
        } else if (count >= very_frequent) {
            bits = lex_very_frequent;
        } else if (count >= frequent) {
            bits = lex_frequent;
        }
        if (bits != 0) lexicon.add({key}, bits);
    });
    return documents;
}

}  // namespace fahras::ner
