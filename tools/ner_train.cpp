// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/tools/ner_train.hpp"

#include <algorithm>
#include <fstream>
#include <numeric>
#include <ostream>
#include <random>
#include <sstream>

#include "fahras/common/errors.hpp"
#include "fahras/common/fields.hpp"
#include "fahras/extract/ner_features.hpp"

namespace fahras::ner {

namespace {

/// Header columns of a TSV file → index, throws when `name` is absent.
std::size_t column(const std::vector<std::string_view>& header, std::string_view name,
                   const std::string& path) {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw InputError(path, 1, "no column " + std::string(name));
    return static_cast<std::size_t>(it - header.begin());
}

std::uint16_t bits_of_type(std::string_view type) {
    if (type == "PER") return lex_person;
    if (type == "LOC") return lex_place;
    if (type == "ORG") return lex_organisation;
    if (type == "MISC") return lex_misc;
    return 0;
}

/// The features of every token of a sentence, as hashes, token after token.
/// `doc`: the sentence's article contexts (one per token), or null for the first pass.
void sentence_features(const TrainSentence& s, const NerLexicon& lexicon,
                       const std::vector<DocContext>* doc, std::uint32_t doc_templates,
                       std::vector<NerWord>& words, std::vector<std::uint64_t>& hashes,
                       std::vector<std::uint32_t>& offsets) {
    prepare_words(s.text, s.tokens, 0, s.tokens.size(), lexicon, words);
    hashes.clear();
    offsets.assign(1, 0);
    for (std::size_t i = 0; i < words.size(); ++i) {
        append_features(words, i, hashes);
        if (doc != nullptr) append_doc_features(doc->data(), doc->size(), i, doc_templates, hashes);
        offsets.push_back(static_cast<std::uint32_t>(hashes.size()));
    }
}

}  // namespace

TrainSentence make_sentence(const std::vector<std::pair<std::string, Label>>& words) {
    TrainSentence s;
    std::vector<std::size_t> starts;
    for (const auto& [word, label] : words) {
        if (!s.text.empty()) s.text += ' ';
        starts.push_back(s.text.size());
        s.text += word;
    }
    s.tokens = default_analyzer().analyze(s.text);
    s.labels.resize(s.tokens.size(), O);
    std::size_t w = 0;
    std::size_t last_word = static_cast<std::size_t>(-1);
    for (std::size_t t = 0; t < s.tokens.size(); ++t) {
        while (w + 1 < starts.size() && starts[w + 1] <= s.tokens[t].start) ++w;
        const Label label = words[w].second;
        if (w == last_word && label != O) {
            s.labels[t] = static_cast<std::uint8_t>(is_begin(label) ? label + 1 : label);
        } else {
            s.labels[t] = label;
        }
        last_word = w;
    }
    return s;
}

std::vector<TrainSentence> read_conll(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path.string(), 0, "cannot read");
    std::vector<TrainSentence> out;
    std::vector<std::pair<std::string, Label>> words;
    std::string line;
    std::size_t number = 0;
    auto flush = [&] {
        if (!words.empty()) out.push_back(make_sentence(words));
        words.clear();
    };
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) {
            flush();
            continue;
        }
        const auto fields = split_fields(line, '\t');
        const auto label = label_from_tag(fields.size() > 1 ? fields[1] : std::string_view{});
        if (!label) throw InputError(path.string(), number, "unknown tag in: " + line);
        words.emplace_back(std::string(fields[0]), *label);
    }
    flush();
    return out;
}

void add_phrase(NerLexicon& lexicon, std::string_view phrase, std::uint16_t bits) {
    const auto tokens = default_analyzer().analyze(phrase);
    if (tokens.empty() || tokens.size() > 8) return;
    std::vector<std::uint64_t> words;
    for (const auto& t : tokens) words.push_back(lexicon_hash(t.folded));
    lexicon.add(words, bits);
}

std::size_t add_gazetteer(NerLexicon& lexicon, const std::filesystem::path& tsv, bool skip_cities) {
    std::ifstream in(tsv);
    if (!in) throw InputError(tsv.string(), 0, "cannot read");
    std::string line;
    if (!std::getline(in, line)) return 0;
    const auto header = split_fields(line, '\t');
    const std::size_t c_type = column(header, "type", tsv.string());
    const std::size_t c_name = column(header, "arabic_name", tsv.string());
    const std::size_t c_aliases = column(header, "aliases", tsv.string());
    const std::size_t c_source = column(header, "source", tsv.string());
    std::size_t rows = 0;
    while (std::getline(in, line)) {
        const auto f = split_fields(line, '\t');
        if (f.size() <= std::max({c_type, c_name, c_aliases, c_source})) continue;
        const std::uint16_t bits = bits_of_type(f[c_type]);
        if (bits == 0) continue;
        if (skip_cities && f[c_source].find("level=city") != std::string_view::npos) continue;
        add_phrase(lexicon, f[c_name], bits);
        if (!f[c_aliases].empty()) {
            for (const auto alias : split_fields(f[c_aliases], '|'))
                add_phrase(lexicon, alias, bits);
        }
        ++rows;
    }
    return rows;
}

std::size_t add_word_list(NerLexicon& lexicon, const std::filesystem::path& tsv, std::uint16_t bits,
                          unsigned min_count) {
    std::ifstream in(tsv);
    if (!in) throw InputError(tsv.string(), 0, "cannot read");
    std::string line;
    if (!std::getline(in, line)) return 0;
    const auto header = split_fields(line, '\t');
    const std::size_t c_word = column(header, "arabic", tsv.string());
    const auto c_count_it = std::find(header.begin(), header.end(), "count");
    const bool has_count = c_count_it != header.end();
    const auto c_count = static_cast<std::size_t>(c_count_it - header.begin());
    std::size_t added = 0;
    while (std::getline(in, line)) {
        const auto f = split_fields(line, '\t');
        if (f.size() <= c_word) continue;
        if (has_count && f.size() > c_count &&
            std::strtoul(std::string(f[c_count]).c_str(), nullptr, 10) < min_count) {
            continue;
        }
        const auto tokens = default_analyzer().analyze(f[c_word]);
        if (tokens.size() != 1 || tokens[0].kind != TokenKind::arabic) continue;
        lexicon.add({lexicon_hash(tokens[0].folded)}, bits);
        ++added;
    }
    return added;
}

std::size_t filter_lexicon(NerLexicon& lexicon, const std::vector<TrainSentence>& data,
                           unsigned min_outside) {
    struct Counts {
        std::uint32_t outside = 0, inside = 0;
    };
    FlatTable<Counts> counts;
    for (const auto& s : data) {
        for (std::size_t i = 0; i < s.tokens.size(); ++i) {
            auto& c = counts.slot(start_phrase(lexicon_hash(s.tokens[i].folded)));
            if (s.labels[i] == O) {
                ++c.outside;
            } else {
                ++c.inside;
            }
        }
    }
    constexpr std::uint16_t classes = lex_person | lex_place | lex_organisation | lex_misc;
    std::size_t cleared = 0;
    counts.for_each([&](std::uint64_t key, const Counts& c) {
        if (c.outside < min_outside || c.outside < 4 * c.inside) return;
        const std::uint16_t bits = lexicon.lookup(key);
        if ((bits & classes) == 0) return;
        lexicon.entries.insert(key, static_cast<std::uint16_t>(bits & ~classes));
        ++cleared;
    });
    return cleared;
}

void add_mentions(NerLexicon& lexicon, const std::vector<TrainSentence>& data, int except_fold) {
    constexpr std::uint16_t class_bits[4] = {lex_person, lex_place, lex_organisation, lex_misc};
    for (const auto& s : data) {
        if (except_fold >= 0 && s.fold == except_fold) continue;
        for (const auto& span : spans_of(s.labels)) {
            if (span.last - span.first > 8) continue;
            std::vector<std::uint64_t> words;
            for (std::size_t i = span.first; i < span.last; ++i) {
                words.push_back(lexicon_hash(s.tokens[i].folded));
            }
            lexicon.add(words, class_bits[span.cls]);
            if (span.cls != 0) continue;
            for (std::size_t i = span.first; i < span.last; ++i) {
                if (s.tokens[i].kind != TokenKind::arabic) continue;
                lexicon.add({lexicon_hash(s.tokens[i].folded)}, lex_name_word);
            }
        }
    }
}

NerModel train(const std::vector<TrainSentence>& data, NerLexicon lexicon,
               const TrainOptions& options, std::ostream* log,
               const std::vector<NerLexicon>& fold_lexicons,
               const std::vector<std::vector<DocContext>>* doc, std::uint32_t doc_templates) {
    if (doc != nullptr && doc->size() != data.size()) {
        throw Error("ner train: article contexts for " + std::to_string(doc->size()) +
                    " sentences, " + std::to_string(data.size()) + " given");
    }
    auto doc_of = [&](std::size_t si) { return doc == nullptr ? nullptr : &(*doc)[si]; };
    auto lexicon_of = [&](const TrainSentence& s) -> const NerLexicon& {
        return s.fold >= 0 && static_cast<std::size_t>(s.fold) < fold_lexicons.size()
                   ? fold_lexicons[static_cast<std::size_t>(s.fold)]
                   : lexicon;
    };
    constexpr std::size_t L = label_count;
    std::vector<NerWord> words;
    std::vector<std::uint64_t> hashes;
    std::vector<std::uint32_t> offsets;

    // Pass 1: count the features; those seen min_count times get dense ids.
    FlatTable<std::uint32_t> counts;
    for (std::size_t si = 0; si < data.size(); ++si) {
        sentence_features(data[si], lexicon_of(data[si]), doc_of(si), doc_templates, words, hashes,
                          offsets);
        for (const auto h : hashes) ++counts.slot(h);
    }
    FlatTable<std::uint32_t> ids;
    std::vector<std::uint64_t> keys;
    counts.for_each([&](std::uint64_t key, std::uint32_t count) {
        if (count >= options.min_count) {
            ids.insert(key, static_cast<std::uint32_t>(keys.size()));
            keys.push_back(key);
        }
    });
    counts = {};
    if (log) *log << "ner-train: " << data.size() << " sentences, " << keys.size() << " features\n";

    // Pass 2: the sentences as dense feature ids.
    std::vector<std::uint32_t> feats;         // all ids, token after token
    std::vector<std::size_t> token_begin;     // per token (global), index into feats
    std::vector<std::size_t> sentence_begin;  // per sentence, index into token_begin
    for (std::size_t si = 0; si < data.size(); ++si) {
        sentence_features(data[si], lexicon_of(data[si]), doc_of(si), doc_templates, words, hashes,
                          offsets);
        sentence_begin.push_back(token_begin.size());
        for (std::size_t i = 0; i + 1 < offsets.size(); ++i) {
            token_begin.push_back(feats.size());
            for (std::uint32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
                if (const auto* id = ids.find(hashes[k])) feats.push_back(*id);
            }
        }
    }
    token_begin.push_back(feats.size());
    sentence_begin.push_back(token_begin.size() - 1);
    ids = {};

    // Averaged perceptron with the usual trick: avg = w - u / c, where u sums c·Δ.
    // With bagging, `mean` and `mean_t` sum the averaged weights of every bag.
    const unsigned bags = std::max(1U, options.bags);
    std::vector<double> mean(keys.size() * L, 0.0);
    std::array<std::array<double, L>, L + 1> mean_t{};
    std::vector<float> w;
    std::vector<double> u;
    std::vector<float> emissions;
    std::vector<std::uint8_t> predicted;
    for (unsigned bag = 0; bag < bags; ++bag) {
        w.assign(keys.size() * L, 0.0F);
        u.assign(keys.size() * L, 0.0);
        Transitions tw{};
        std::array<std::array<double, L>, L + 1> tu{};
        double c = 1;

        std::vector<std::size_t> order(data.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::mt19937_64 rng(options.seed + bag);
        for (unsigned epoch = 0; epoch < options.epochs; ++epoch) {
            // Fisher–Yates with the raw engine output: the same order on every platform.
            for (std::size_t i = order.size(); i > 1; --i)
                std::swap(order[i - 1], order[rng() % i]);
            std::size_t errors = 0;
            std::size_t tokens = 0;
            for (const std::size_t si : order) {
                const auto& gold = data[si].labels;
                const std::size_t t0 = sentence_begin[si];
                const std::size_t n = sentence_begin[si + 1] - t0;
                if (n == 0) continue;
                emissions.assign(n * L, 0.0F);
                for (std::size_t i = 0; i < n; ++i) {
                    float* e = &emissions[i * L];
                    for (std::size_t k = token_begin[t0 + i]; k < token_begin[t0 + i + 1]; ++k) {
                        const float* wf = &w[std::size_t{feats[k]} * L];
                        for (std::size_t l = 0; l < L; ++l) e[l] += wf[l];
                    }
                }
                predicted.resize(n);
                viterbi(emissions.data(), n, tw, predicted.data());
                tokens += n;
                if (!std::equal(predicted.begin(), predicted.end(), gold.begin())) {
                    const float d = data[si].weight;
                    for (std::size_t i = 0; i < n; ++i) {
                        const std::size_t pg = i == 0 ? L : gold[i - 1];
                        const std::size_t pp = i == 0 ? L : predicted[i - 1];
                        if (pg != pp || gold[i] != predicted[i]) {
                            tw[pg][gold[i]] += d;
                            tu[pg][gold[i]] += c * d;
                            tw[pp][predicted[i]] -= d;
                            tu[pp][predicted[i]] -= c * d;
                        }
                        if (gold[i] == predicted[i]) continue;
                        ++errors;
                        for (std::size_t k = token_begin[t0 + i]; k < token_begin[t0 + i + 1];
                             ++k) {
                            const std::size_t base = std::size_t{feats[k]} * L;
                            w[base + gold[i]] += d;
                            u[base + gold[i]] += c * d;
                            w[base + predicted[i]] -= d;
                            u[base + predicted[i]] -= c * d;
                        }
                    }
                }
                ++c;
            }
            if (log) {
                *log << "ner-train: epoch " << (epoch + 1) << ": " << errors << " wrong labels of "
                     << tokens << "\n";
            }
        }

        for (std::size_t p = 0; p <= L; ++p) {
            for (std::size_t l = 0; l < L; ++l) mean_t[p][l] += tw[p][l] - tu[p][l] / c;
        }
        for (std::size_t k = 0; k < mean.size(); ++k) mean[k] += w[k] - u[k] / c;
    }

    NerModel model;
    model.feature_version = feature_version;
    model.lexicon = std::move(lexicon);
    for (std::size_t p = 0; p <= L; ++p) {
        for (std::size_t l = 0; l < L; ++l) {
            model.transitions[p][l] = static_cast<float>(mean_t[p][l] / bags);
        }
    }
    std::size_t kept = 0;
    for (std::size_t f = 0; f < keys.size(); ++f) {
        LabelWeights lw{};
        float largest = 0;
        for (std::size_t l = 0; l < L; ++l) {
            lw[l] = static_cast<float>(mean[f * L + l] / bags);
            largest = std::max(largest, std::abs(lw[l]));
        }
        if (largest <= options.prune) continue;
        model.weights.insert(keys[f], lw);
        ++kept;
    }
    if (log) *log << "ner-train: kept " << kept << " of " << keys.size() << " features\n";
    return model;
}

NerModel train_with_mentions(std::vector<TrainSentence> data, const NerLexicon& lexicon,
                             unsigned folds, const TrainOptions& options, std::ostream* log,
                             const std::vector<std::vector<DocContext>>* doc,
                             std::uint32_t doc_templates) {
    NerLexicon all = lexicon;
    std::vector<NerLexicon> fold_lexicons;
    if (folds > 1) {
        for (std::size_t i = 0; i < data.size(); ++i) data[i].fold = static_cast<int>(i % folds);
        for (unsigned k = 0; k < folds; ++k) {
            fold_lexicons.push_back(lexicon);
            add_mentions(fold_lexicons.back(), data, static_cast<int>(k));
        }
        add_mentions(all, data, -1);
    }
    return train(data, std::move(all), options, log, fold_lexicons, doc, doc_templates);
}

std::vector<std::vector<std::uint8_t>> jackknife_labels(const std::vector<TrainSentence>& data,
                                                        const NerLexicon& lexicon, unsigned folds,
                                                        const TrainOptions& options,
                                                        const TwoPassOptions& two,
                                                        std::ostream* log) {
    std::vector<std::vector<std::uint8_t>> out(data.size());
    const std::size_t parts = std::max(2U, two.jackknife);
    for (std::size_t k = 0; k < parts; ++k) {
        const std::size_t a = k * data.size() / parts;
        const std::size_t b = (k + 1) * data.size() / parts;
        std::vector<TrainSentence> rest(data.begin(),
                                        data.begin() + static_cast<std::ptrdiff_t>(a));
        rest.insert(rest.end(), data.begin() + static_cast<std::ptrdiff_t>(b), data.end());
        if (log)
            *log << "ner-train: jackknife " << (k + 1) << "/" << parts << ": sentences " << a
                 << ".." << b << " tagged by a model of the other " << rest.size() << "\n";
        const NerTagger tagger(std::make_shared<const NerModel>(
            train_with_mentions(std::move(rest), lexicon, folds, options, nullptr)));
        for (std::size_t i = a; i < b; ++i) {
            auto& labels = out[i];
            labels.assign(data[i].tokens.size(), O);
            for (const NerSpan& m : tagger.tag(data[i].text, data[i].tokens)) {
                const auto base = static_cast<std::uint8_t>(1 + 2 * static_cast<int>(m.type));
                for (std::size_t t = m.first; t < m.last; ++t) {
                    labels[t] = static_cast<std::uint8_t>(t == m.first ? base : base + 1);
                }
            }
        }
    }
    return out;
}

std::vector<std::vector<DocContext>> document_contexts(
    const std::vector<TrainSentence>& data, const std::vector<std::vector<std::uint8_t>>& labels,
    const NerLexicon& lexicon, std::size_t window) {
    window = std::max<std::size_t>(window, 1);
    std::vector<std::vector<DocContext>> out(data.size());
    std::vector<NerWord> words;
    std::vector<DocToken> tokens;
    std::vector<DocContext> contexts;
    for (std::size_t w = 0; w < data.size(); w += window) {
        const std::size_t end = std::min(data.size(), w + window);
        tokens.clear();
        for (std::size_t si = w; si < end; ++si) {
            const auto& s = data[si];
            prepare_words(s.text, s.tokens, 0, s.tokens.size(), lexicon, words);
            for (std::size_t i = 0; i < words.size(); ++i) {
                tokens.push_back({words[i].lex_stripped, labels[si][i],
                                  i > 0 && words[i - 1].trigger == Trigger::organisation});
            }
        }
        aggregate_document(tokens, contexts);
        std::size_t at = 0;
        for (std::size_t si = w; si < end; ++si) {
            const std::size_t n = data[si].tokens.size();
            out[si].assign(contexts.begin() + static_cast<std::ptrdiff_t>(at),
                           contexts.begin() + static_cast<std::ptrdiff_t>(at + n));
            at += n;
        }
    }
    return out;
}

NerModel train_two_pass(const std::vector<TrainSentence>& data, const NerLexicon& lexicon,
                        unsigned folds, const TrainOptions& options, const TwoPassOptions& two,
                        std::ostream* log) {
    if (log) *log << "ner-train: first pass\n";
    NerModel model = train_with_mentions(data, lexicon, folds, options, log);
    const auto labels = jackknife_labels(data, lexicon, folds, options, two, log);
    const auto doc = document_contexts(data, labels, model.lexicon, two.window);
    if (log) *log << "ner-train: second pass (article windows of " << two.window << " sentences)\n";
    NerModel second = train_with_mentions(data, lexicon, folds, options, log, &doc, two.templates);
    model.weights2 = std::move(second.weights);
    model.transitions2 = second.transitions;
    model.doc_templates = two.templates;
    return model;
}

}  // namespace fahras::ner
