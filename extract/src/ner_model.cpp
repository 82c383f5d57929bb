// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/extract/ner_model.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <string>

#include "fahras/common/errors.hpp"
#include "fahras/extract/ner_features.hpp"

namespace fahras::ner {

namespace {

constexpr std::array<std::string_view, label_count> names{
    "O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"};

/// File header; the number is the file format version (not the feature version).
/// Version 2 added the word-cluster table after the word lists; version 3 the second
/// pass (its transitions and weights, possibly none) after the first pass's weights.
constexpr char magic[] = "FAHRAS-NER\x03";
/// The header of format 2 (no second pass), still read.
constexpr char magic_v2[] = "FAHRAS-NER\x02";
constexpr char trailer[] = "END";

struct GzCloser {
    void operator()(gzFile f) const noexcept { gzclose(f); }
};
using GzFile = std::unique_ptr<std::remove_pointer_t<gzFile>, GzCloser>;

class Writer {
  public:
    explicit Writer(const std::filesystem::path& path)
        : m_path(path.string()), m_file(gzopen(m_path.c_str(), "wb9")) {
        if (!m_file) throw Error("cannot write NER model " + m_path);
    }
    void bytes(const void* data, std::size_t size) {
        if (size == 0) return;
        if (gzwrite(m_file.get(), data, static_cast<unsigned>(size)) != static_cast<int>(size)) {
            throw Error("cannot write NER model " + m_path);
        }
    }
    template <class T>
    void value(const T& v) {
        bytes(&v, sizeof v);
    }
    void close() {
        if (gzclose(m_file.release()) != Z_OK) throw Error("cannot write NER model " + m_path);
    }

  private:
    std::string m_path;
    GzFile m_file;
};

class Reader {
  public:
    explicit Reader(const std::filesystem::path& path)
        : m_path(path.string()), m_file(gzopen(m_path.c_str(), "rb")) {
        if (!m_file) throw Error("cannot read NER model " + m_path);
        gzbuffer(m_file.get(), 1 << 16);
    }
    void bytes(void* data, std::size_t size) {
        if (size == 0) return;
        if (gzread(m_file.get(), data, static_cast<unsigned>(size)) != static_cast<int>(size)) {
            fail("truncated or corrupt");
        }
    }
    template <class T>
    [[nodiscard]] T value() {
        T v{};
        bytes(&v, sizeof v);
        return v;
    }
    [[noreturn]] void fail(const std::string& why) const {
        throw Error("bad NER model " + m_path + ": " + why);
    }

  private:
    std::string m_path;
    GzFile m_file;
};

}  // namespace

std::string_view label_name(std::size_t label) noexcept {
    return label < label_count ? names[label] : "?";
}

std::optional<Label> label_from_tag(std::string_view tag) noexcept {
    if (tag.empty() || tag == "O") return O;
    if (tag.size() < 3 || tag[1] != '-' || (tag[0] != 'B' && tag[0] != 'I')) return std::nullopt;
    const bool begin = tag[0] == 'B';
    const std::string_view cls = tag.substr(2);
    std::uint8_t base = 0;
    if (cls == "PERS" || cls == "PER") {
        base = B_PER;
    } else if (cls == "LOC") {
        base = B_LOC;
    } else if (cls == "ORG") {
        base = B_ORG;
    } else if (cls == "MISC") {
        base = B_MISC;
    } else {
        return std::nullopt;
    }
    return static_cast<Label>(begin ? base : base + 1);
}

std::vector<LabelSpan> spans_of(const std::vector<std::uint8_t>& labels) {
    std::vector<LabelSpan> out;
    std::size_t i = 0;
    while (i < labels.size()) {
        if (labels[i] == O) {
            ++i;
            continue;
        }
        const std::size_t cls = class_of(labels[i]);
        std::size_t j = i + 1;
        while (j < labels.size() && is_inside(labels[j]) && class_of(labels[j]) == cls) ++j;
        out.push_back({i, j, cls});
        i = j;
    }
    return out;
}

void NerLexicon::add(const std::vector<std::uint64_t>& words, std::uint16_t bits) {
    if (words.empty()) return;
    std::uint64_t key = start_phrase(words[0]);
    for (std::size_t i = 1; i < words.size(); ++i) {
        entries.slot(key) |= lex_prefix;
        key = extend_phrase(key, words[i]);
    }
    entries.slot(key) |= bits;
    max_words = std::max(max_words, words.size());
}

void NerModel::save(const std::filesystem::path& path) const {
    Writer w(path);
    w.bytes(magic, sizeof magic);
    w.value(feature_version);
    w.value(static_cast<std::uint32_t>(label_count));
    for (const auto& row : transitions) w.bytes(row.data(), sizeof(float) * row.size());
    w.value(static_cast<std::uint32_t>(lexicon.max_words));
    w.value(static_cast<std::uint64_t>(lexicon.entries.size()));
    lexicon.entries.for_each([&](std::uint64_t key, std::uint16_t bits) {
        w.value(key);
        w.value(bits);
    });
    w.value(static_cast<std::uint64_t>(lexicon.clusters.size()));
    lexicon.clusters.for_each([&](std::uint64_t key, std::uint16_t cluster) {
        w.value(key);
        w.value(cluster);
    });
    auto write_weights = [&](const FlatTable<LabelWeights>& table) {
        w.value(static_cast<std::uint64_t>(table.size()));
        table.for_each([&](std::uint64_t key, const LabelWeights& lw) {
            w.value(key);
            w.bytes(lw.data(), sizeof(float) * lw.size());
        });
    };
    write_weights(weights);
    w.value(doc_templates);
    for (const auto& row : transitions2) w.bytes(row.data(), sizeof(float) * row.size());
    write_weights(weights2);
    w.bytes(trailer, sizeof trailer);
    w.close();
}

NerModel NerModel::load(const std::filesystem::path& path) {
    Reader r(path);
    char head[sizeof magic];
    r.bytes(head, sizeof head);
    const bool v2 = std::memcmp(head, magic_v2, sizeof magic_v2) == 0;
    if (!v2 && std::memcmp(head, magic, sizeof magic) != 0) {
        r.fail("not a Fahras NER model (file version 2 or 3)");
    }
    NerModel model;
    model.feature_version = r.value<std::uint32_t>();
    if (r.value<std::uint32_t>() != label_count) r.fail("unexpected label count");
    for (auto& row : model.transitions) r.bytes(row.data(), sizeof(float) * row.size());
    model.lexicon.max_words = r.value<std::uint32_t>();
    if (model.lexicon.max_words == 0 || model.lexicon.max_words > 64) r.fail("bad word-list size");
    const auto lexicon_size = r.value<std::uint64_t>();
    for (std::uint64_t i = 0; i < lexicon_size; ++i) {
        const auto key = r.value<std::uint64_t>();
        const auto bits = r.value<std::uint16_t>();
        if (key == 0) r.fail("zero key");
        model.lexicon.entries.insert(key, bits);
    }
    const auto cluster_count = r.value<std::uint64_t>();
    for (std::uint64_t i = 0; i < cluster_count; ++i) {
        const auto key = r.value<std::uint64_t>();
        const auto cluster = r.value<std::uint16_t>();
        if (key == 0) r.fail("zero key");
        model.lexicon.clusters.insert(key, cluster);
    }
    auto read_weights = [&](FlatTable<LabelWeights>& table) {
        const auto feature_count = r.value<std::uint64_t>();
        for (std::uint64_t i = 0; i < feature_count; ++i) {
            const auto key = r.value<std::uint64_t>();
            LabelWeights lw{};
            r.bytes(lw.data(), sizeof(float) * lw.size());
            if (key == 0) r.fail("zero key");
            table.insert(key, lw);
        }
    };
    read_weights(model.weights);
    if (!v2) {
        model.doc_templates = r.value<std::uint32_t>();
        for (auto& row : model.transitions2) r.bytes(row.data(), sizeof(float) * row.size());
        read_weights(model.weights2);
    }
    char tail[sizeof trailer];
    r.bytes(tail, sizeof tail);
    if (std::memcmp(tail, trailer, sizeof trailer) != 0) r.fail("missing trailer");
    return model;
}

void viterbi(const float* emissions, std::size_t n, const Transitions& transitions,
             std::uint8_t* out) {
    if (n == 0) return;
    constexpr float minus_inf = -std::numeric_limits<float>::infinity();
    constexpr std::size_t L = label_count;
    std::vector<float> score(n * L);
    std::vector<std::uint8_t> back(n * L);
    for (std::size_t l = 0; l < L; ++l) {
        score[l] = allowed(L, l) ? transitions[L][l] + emissions[l] : minus_inf;
    }
    for (std::size_t i = 1; i < n; ++i) {
        for (std::size_t l = 0; l < L; ++l) {
            float best = minus_inf;
            std::uint8_t arg = 0;
            for (std::size_t p = 0; p < L; ++p) {
                if (!allowed(p, l)) continue;
                const float s = score[(i - 1) * L + p] + transitions[p][l];
                if (s > best) {
                    best = s;
                    arg = static_cast<std::uint8_t>(p);
                }
            }
            score[i * L + l] = best + emissions[i * L + l];
            back[i * L + l] = arg;
        }
    }
    std::size_t best_label = 0;
    for (std::size_t l = 1; l < L; ++l) {
        if (score[(n - 1) * L + l] > score[(n - 1) * L + best_label]) best_label = l;
    }
    for (std::size_t i = n; i-- > 0;) {
        out[i] = static_cast<std::uint8_t>(best_label);
        best_label = back[i * L + best_label];
    }
}

}  // namespace fahras::ner
