// SPDX-License-Identifier: GPL-3.0-or-later
#include <zlib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <ostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "fahras/common/errors.hpp"
#include "fahras/extract/ner_features.hpp"
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

/// Calls f(text) for the title and the body of every JSON Lines record of `files`.
template <class F>
std::size_t for_each_text(const std::vector<std::filesystem::path>& files, F&& f) {
    std::size_t documents = 0;
    std::string line;
    for (const auto& file : files) {
        LineReader reader(file);
        while (reader.next(line)) {
            if (line.empty()) continue;
            const auto j = nlohmann::json::parse(line, nullptr, false);
            if (j.is_discarded() || !j.is_object()) continue;
            for (const char* field : {"title", "body"}) {
                const auto it = j.find(field);
                if (it != j.end() && it->is_string()) f(it->get_ref<const std::string&>());
            }
            ++documents;
        }
    }
    return documents;
}

/// A sparse unit vector.
struct SparseRow {
    std::vector<std::uint32_t> dims;
    std::vector<float> values;
};

/// Spherical k-means (cosine similarity) of unit rows into `k` unit centroids of dimension
/// `dims`, started from `k` distinct rows drawn with `rng`. Returns the cluster of each row.
std::vector<std::uint32_t> spherical_kmeans(const std::vector<SparseRow>& rows, std::size_t dims,
                                            std::size_t k, unsigned iterations,
                                            std::mt19937_64& rng,
                                            std::vector<float>* centroids_out = nullptr) {
    const std::size_t n = rows.size();
    std::vector<float> centroids(k * dims, 0.0F);
    std::vector<std::size_t> pick(n);
    std::iota(pick.begin(), pick.end(), std::size_t{0});
    for (std::size_t i = 0; i < k && i < n; ++i) {
        std::swap(pick[i], pick[i + rng() % (n - i)]);
        const auto& r = rows[pick[i]];
        for (std::size_t j = 0; j < r.dims.size(); ++j)
            centroids[i * dims + r.dims[j]] = r.values[j];
    }
    std::vector<std::uint32_t> assigned(n, 0);
    std::vector<float> scores(k);
    for (unsigned it = 0; it < iterations; ++it) {
        for (std::size_t i = 0; i < n; ++i) {
            std::fill(scores.begin(), scores.end(), 0.0F);
            const auto& r = rows[i];
            for (std::size_t j = 0; j < r.dims.size(); ++j) {
                const float v = r.values[j];
                const float* c = &centroids[r.dims[j]];
                for (std::size_t q = 0; q < k; ++q) scores[q] += v * c[q * dims];
            }
            assigned[i] = static_cast<std::uint32_t>(
                std::max_element(scores.begin(), scores.end()) - scores.begin());
        }
        std::fill(centroids.begin(), centroids.end(), 0.0F);
        for (std::size_t i = 0; i < n; ++i) {
            const auto& r = rows[i];
            float* c = &centroids[assigned[i] * dims];
            for (std::size_t j = 0; j < r.dims.size(); ++j) c[r.dims[j]] += r.values[j];
        }
        for (std::size_t q = 0; q < k; ++q) {
            float* c = &centroids[q * dims];
            double norm = 0;
            for (std::size_t d = 0; d < dims; ++d) norm += double{c[d]} * c[d];
            if (norm == 0) continue;  // an empty cluster stays empty
            const auto scale = static_cast<float>(1.0 / std::sqrt(norm));
            for (std::size_t d = 0; d < dims; ++d) c[d] *= scale;
        }
    }
    if (centroids_out != nullptr) *centroids_out = std::move(centroids);
    return assigned;
}

/// The rows that add_word_clusters() clusters, and the word hash of each.
struct ClusterRows {
    std::vector<std::uint64_t> hashes;
    std::vector<SparseRow> rows;
    std::size_t dims = 0;
    std::size_t documents = 0;
};

/// Rows from neighbour counts: each of the most frequent folded Arabic words of the news
/// described by its left and right neighbours, weighted by positive PMI, unit length.
ClusterRows context_rows(const std::vector<std::filesystem::path>& files,
                         const ClusterOptions& options) {
    // The token stream as word ids (0 = a non-Arabic token; `gap` between texts).
    constexpr std::uint32_t gap = 0xFFFFFFFF;
    FlatTable<std::uint32_t> id_of;  // lexicon_hash → id + 1
    std::vector<std::uint64_t> hash_of{0};
    std::vector<std::uint32_t> count{0};
    std::vector<std::uint32_t> stream;
    const Analyzer& analyzer = default_analyzer();
    ClusterRows out;
    out.documents = for_each_text(files, [&](const std::string& text) {
        analyzer.analyze(text, [&](const Token& t) {
            std::uint32_t id = 0;
            if (t.kind == TokenKind::arabic) {
                const std::uint64_t h = lexicon_hash(t.folded);
                auto& slot = id_of.slot(h);
                if (slot == 0) {
                    slot = static_cast<std::uint32_t>(hash_of.size());
                    hash_of.push_back(h);
                    count.push_back(0);
                }
                id = slot;
            }
            ++count[id];
            stream.push_back(id);
        });
        stream.push_back(gap);
    });
    id_of = {};
    // Words by frequency: the first `words` (seen at least min_count times) are clustered,
    // the first `contexts` are the dimensions (left and right neighbour counts).
    std::vector<std::uint32_t> by_count(hash_of.size() - 1);
    std::iota(by_count.begin(), by_count.end(), 1U);
    std::stable_sort(by_count.begin(), by_count.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return count[a] > count[b]; });
    std::vector<std::uint32_t> row_of(hash_of.size(), gap);
    std::vector<std::uint32_t> dim_of(hash_of.size(), gap);
    std::size_t n = 0;
    for (const auto id : by_count) {
        if (n >= options.words || count[id] < options.min_count) break;
        row_of[id] = static_cast<std::uint32_t>(n++);
    }
    const std::size_t c = std::min<std::size_t>(options.contexts, by_count.size());
    for (std::size_t i = 0; i < c; ++i) dim_of[by_count[i]] = static_cast<std::uint32_t>(i);
    dim_of[0] = static_cast<std::uint32_t>(c);  // "a non-Arabic token" is a context too
    const std::size_t half = c + 1;
    const std::size_t dims = 2 * half;
    std::vector<std::uint32_t> cooc(n * dims, 0);
    for (std::size_t i = 0; i < stream.size(); ++i) {
        const auto id = stream[i];
        if (id == gap || row_of[id] == gap) continue;
        std::uint32_t* row = &cooc[std::size_t{row_of[id]} * dims];
        if (i > 0 && stream[i - 1] != gap && dim_of[stream[i - 1]] != gap)
            ++row[dim_of[stream[i - 1]]];
        if (i + 1 < stream.size() && stream[i + 1] != gap && dim_of[stream[i + 1]] != gap) {
            ++row[half + dim_of[stream[i + 1]]];
        }
    }
    stream = {};
    // Positive pointwise mutual information, rows scaled to unit length.
    std::vector<double> column(dims, 0);
    double total = 0;
    for (std::size_t r = 0; r < n; ++r) {
        for (std::size_t d = 0; d < dims; ++d) {
            column[d] += cooc[r * dims + d];
            total += cooc[r * dims + d];
        }
    }
    std::vector<SparseRow> rows(n);
    for (std::size_t r = 0; r < n; ++r) {
        double row_total = 0;
        for (std::size_t d = 0; d < dims; ++d) row_total += cooc[r * dims + d];
        double norm = 0;
        for (std::size_t d = 0; d < dims; ++d) {
            const double x = cooc[r * dims + d];
            if (x == 0) continue;
            const double pmi = std::log(x * total / (row_total * column[d]));
            if (pmi <= 0) continue;
            rows[r].dims.push_back(static_cast<std::uint32_t>(d));
            rows[r].values.push_back(static_cast<float>(pmi));
            norm += pmi * pmi;
        }
        const auto scale = static_cast<float>(norm > 0 ? 1.0 / std::sqrt(norm) : 0.0);
        for (auto& v : rows[r].values) v *= scale;
    }
    cooc = {};
    for (const auto id : by_count) {
        if (row_of[id] == gap) continue;
        out.hashes.push_back(hash_of[id]);
        out.rows.push_back(std::move(rows[row_of[id]]));
    }
    out.dims = dims;
    return out;
}

/// Rows from a fastText `.vec` file: its first `options.words` words, scaled to unit length.
ClusterRows vector_rows(const ClusterOptions& options) {
    const std::string path = options.vectors.string();
    LineReader reader(options.vectors);
    std::string line;
    std::size_t line_no = 1;
    if (!reader.next(line)) throw InputError(path, 1, "empty vector file");
    std::istringstream header(line);
    std::size_t count = 0;
    ClusterRows out;
    if (!(header >> count >> out.dims) || out.dims == 0)
        throw InputError(path, 1, "expected the header \"COUNT DIMENSION\"");
    FlatTable<std::uint8_t> seen;
    std::vector<float> x(out.dims);
    while (out.rows.size() < options.words && reader.next(line)) {
        ++line_no;
        std::istringstream in(line);
        std::string word;
        in >> word;
        for (auto& v : x) {
            if (!(in >> v)) throw InputError(path, line_no, "expected a word and its vector");
        }
        if (word == "</s>") continue;  // fastText's end-of-line token
        const std::uint64_t h = lexicon_hash(word);
        auto& s = seen.slot(h);
        if (s != 0) continue;  // a spelling variant that the list keys merge: the first wins
        s = 1;
        double norm = 0;
        for (const float v : x) norm += double{v} * v;
        if (norm == 0) continue;
        const auto scale = static_cast<float>(1.0 / std::sqrt(norm));
        SparseRow row;
        for (std::size_t d = 0; d < out.dims; ++d) {
            row.dims.push_back(static_cast<std::uint32_t>(d));
            row.values.push_back(x[d] * scale);
        }
        out.hashes.push_back(h);
        out.rows.push_back(std::move(row));
    }
    return out;
}

}  // namespace

std::size_t add_word_clusters(NerLexicon& lexicon, const std::vector<std::filesystem::path>& files,
                              const ClusterOptions& options, std::ostream* log) {
    const ClusterRows r =
        options.vectors.empty() ? context_rows(files, options) : vector_rows(options);
    const auto& rows = r.rows;
    const std::size_t dims = r.dims;
    const std::size_t n = rows.size();
    std::mt19937_64 rng(options.seed);
    std::vector<float> centroids;
    const auto fine =
        spherical_kmeans(rows, dims, options.fine, options.iterations, rng, &centroids);
    // Coarse classes: the fine centroids, clustered again.
    std::vector<SparseRow> centroid_rows(options.fine);
    for (std::size_t q = 0; q < options.fine; ++q) {
        for (std::size_t d = 0; d < dims; ++d) {
            if (centroids[q * dims + d] == 0) continue;
            centroid_rows[q].dims.push_back(static_cast<std::uint32_t>(d));
            centroid_rows[q].values.push_back(centroids[q * dims + d]);
        }
    }
    const auto coarse =
        spherical_kmeans(centroid_rows, dims, options.coarse, options.iterations, rng);
    for (std::size_t i = 0; i < n; ++i) {
        const auto f = fine[i];
        lexicon.clusters.insert(r.hashes[i], pack_cluster(f + 1, coarse[f] + 1));
    }
    if (log) {
        *log << "ner-train: clustered " << n << " words ("
             << (options.vectors.empty()
                     ? "neighbour counts of " + std::to_string(r.documents) + " documents"
                     : options.vectors.string())
             << ") into " << options.fine << " / " << options.coarse << " classes\n";
    }
    return n;
}

std::size_t write_folded_words(const std::vector<std::filesystem::path>& files, std::ostream& out) {
    const Analyzer& analyzer = default_analyzer();
    return for_each_text(files, [&](const std::string& text) {
        bool first = true;
        analyzer.analyze(text, [&](const Token& t) {
            if (!first) out << ' ';
            out << t.folded;
            first = false;
        });
        out << '\n';
    });
}

std::size_t add_word_counts(NerLexicon& lexicon, const std::vector<std::filesystem::path>& files,
                            unsigned frequent, unsigned very_frequent, unsigned common) {
    FlatTable<std::uint32_t> counts;
    const Analyzer& analyzer = default_analyzer();
    const std::size_t documents = for_each_text(files, [&](const std::string& text) {
        analyzer.analyze(text, [&](const Token& t) {
            if (t.kind == TokenKind::arabic) ++counts.slot(lexicon_hash(t.folded));
        });
    });
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
