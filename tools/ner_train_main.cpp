// SPDX-License-Identifier: GPL-3.0-or-later
// fahras-ner-train: trains, evaluates and benchmarks the NER tagger (docs/NER.md).
// Not installed; scripts/train-ner.sh and scripts/eval-ner.sh drive it.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "fahras/common/errors.hpp"
#include "fahras/extract/ner.hpp"
#include "fahras/tools/ner_train.hpp"

namespace {

using fahras::ner::TrainSentence;

/// Sentences of a corpus spec `PATH[@FROM:TO][*WEIGHT]`: the sentences from fraction FROM
/// to fraction TO of the file (e.g. @0:0.8), each with update weight WEIGHT.
std::vector<TrainSentence> load_corpus(const std::string& spec) {
    std::string path = spec;
    double from = 0;
    double to = 1;
    float weight = 1;
    if (const auto star = path.rfind('*'); star != std::string::npos) {
        weight = std::stof(path.substr(star + 1));
        path.resize(star);
    }
    if (const auto at = path.rfind('@'); at != std::string::npos) {
        const std::string range = path.substr(at + 1);
        const auto colon = range.find(':');
        if (colon == std::string::npos) throw fahras::UsageError("bad range in " + spec);
        from = std::stod(range.substr(0, colon));
        to = std::stod(range.substr(colon + 1));
        path.resize(at);
    }
    auto all = fahras::ner::read_conll(path);
    const auto n = all.size();
    const auto a = static_cast<std::size_t>(from * static_cast<double>(n));
    const auto b = static_cast<std::size_t>(to * static_cast<double>(n));
    std::vector<TrainSentence> out(
        std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(a)),
        std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(b)));
    for (auto& s : out) s.weight = weight;
    std::cerr << "ner-train: " << spec << ": sentences " << a << ".." << b << " of " << n << "\n";
    return out;
}

std::vector<TrainSentence> load_corpora(const std::vector<std::string>& specs) {
    std::vector<TrainSentence> out;
    for (const auto& spec : specs) {
        auto part = load_corpus(spec);
        std::move(part.begin(), part.end(), std::back_inserter(out));
    }
    return out;
}

/// Consecutive runs of `n` sentences joined into one text each (a line break between them),
/// so that an evaluation sees several sentences of an article together (ANERcorp has no
/// document boundaries). n <= 1: unchanged.
std::vector<TrainSentence> join_sentences(std::vector<TrainSentence> data, std::size_t n) {
    if (n <= 1) return data;
    std::vector<TrainSentence> out;
    for (std::size_t i = 0; i < data.size(); i += n) {
        TrainSentence joined = std::move(data[i]);
        for (std::size_t k = i + 1; k < std::min(data.size(), i + n); ++k) {
            joined.text += '\n';
            const std::size_t shift = joined.text.size();
            joined.text += data[k].text;
            for (fahras::Token t : data[k].tokens) {
                t.start += shift;
                t.end += shift;
                joined.tokens.push_back(std::move(t));
            }
            joined.labels.insert(joined.labels.end(), data[k].labels.begin(), data[k].labels.end());
        }
        out.push_back(std::move(joined));
    }
    return out;
}

struct TrainArgs {
    std::vector<std::string> corpora, gazetteers, gazetteers_no_cities, eval, mention_corpora;
    unsigned folds = 0;
    unsigned filter = 0;
    std::vector<std::filesystem::path> count_files;
    std::vector<unsigned> count_thresholds{5, 50, 1000};
    std::string name_words, foreign_words, out, dump;
    unsigned name_min_count = 1;
    bool clusters = false;
    fahras::ner::ClusterOptions cluster_options;
    fahras::ner::TrainOptions options;
    bool two_pass = false;
    fahras::ner::TwoPassOptions two;
};

void run_train(const TrainArgs& a) {
    fahras::ner::NerLexicon lexicon;
    for (const auto& g : a.gazetteers) {
        std::cerr << "ner-train: " << g << ": " << fahras::ner::add_gazetteer(lexicon, g, false)
                  << " rows\n";
    }
    for (const auto& g : a.gazetteers_no_cities) {
        std::cerr << "ner-train: " << g << ": " << fahras::ner::add_gazetteer(lexicon, g, true)
                  << " rows\n";
    }
    if (!a.name_words.empty()) {
        std::cerr << "ner-train: name words: "
                  << fahras::ner::add_word_list(lexicon, a.name_words, fahras::ner::lex_name_word,
                                                a.name_min_count)
                  << "\n";
    }
    if (!a.foreign_words.empty()) {
        std::cerr << "ner-train: foreign words: "
                  << fahras::ner::add_word_list(lexicon, a.foreign_words,
                                                fahras::ner::lex_foreign_word, 1)
                  << "\n";
    }
    if (!a.count_files.empty()) {
        if (a.count_thresholds.size() != 3)
            throw fahras::UsageError("--count-thresholds takes 3 numbers");
        std::cerr << "ner-train: word counts: "
                  << fahras::ner::add_word_counts(lexicon, a.count_files, a.count_thresholds[0],
                                                  a.count_thresholds[1], a.count_thresholds[2])
                  << " documents\n";
    }
    if (a.clusters) {
        if (a.count_files.empty()) throw fahras::UsageError("--clusters needs --word-counts");
        fahras::ner::add_word_clusters(lexicon, a.count_files, a.cluster_options, &std::cerr);
    }
    // Mentions of other corpora go into the lists as they are; mentions of the training
    // corpora are cross-fitted: fold k sees the lists mined from the other folds.
    for (const auto& spec : a.mention_corpora) {
        fahras::ner::add_mentions(lexicon, load_corpus(spec), -1);
    }
    auto data = load_corpora(a.corpora);
    if (a.filter > 0) {
        std::cerr << "ner-train: cleared " << fahras::ner::filter_lexicon(lexicon, data, a.filter)
                  << " common words from the lists\n";
    }
    auto model = a.two_pass ? fahras::ner::train_two_pass(data, lexicon, a.folds, a.options, a.two,
                                                          &std::cerr)
                            : fahras::ner::train_with_mentions(std::move(data), lexicon, a.folds,
                                                               a.options, &std::cerr);
    if (!a.out.empty()) {
        model.save(a.out);
        std::cerr << "ner-train: wrote " << a.out << "\n";
    }
    if (!a.eval.empty()) {
        const fahras::NerTagger tagger(
            std::make_shared<const fahras::ner::NerModel>(std::move(model)));
        std::ofstream dump;
        if (!a.dump.empty()) dump.open(a.dump);
        fahras::ner::print_evaluation(
            fahras::ner::evaluate(tagger, load_corpora(a.eval), a.dump.empty() ? nullptr : &dump),
            std::cout);
    }
}

void run_bench(const std::string& model, const std::vector<std::string>& files, bool no_tag) {
    const auto tagger = fahras::NerTagger::load(model);
    const auto& analyzer = fahras::default_analyzer();
    double analyze_s = 0;
    double tag_s = 0;
    std::size_t docs = 0;
    std::size_t tokens = 0;
    std::size_t mentions = 0;
    for (const auto& file : files) {
        std::ifstream in(file);
        if (!in) throw fahras::InputError(file, 0, "cannot read");
        std::string line;
        while (std::getline(in, line)) {
            const auto j = nlohmann::json::parse(line);
            const std::string text = j.value("title", "") + "\n" + j.value("body", "");
            const auto t0 = std::chrono::steady_clock::now();
            const auto toks = analyzer.analyze(text);
            const auto t1 = std::chrono::steady_clock::now();
            if (!no_tag) mentions += tagger.tag(text, toks).size();
            const auto t2 = std::chrono::steady_clock::now();
            analyze_s += std::chrono::duration<double>(t1 - t0).count();
            tag_s += std::chrono::duration<double>(t2 - t1).count();
            ++docs;
            tokens += toks.size();
        }
    }
    std::cout << docs << " documents, " << tokens << " tokens, " << mentions << " mentions\n"
              << "analyze: " << analyze_s << " s (" << static_cast<double>(tokens) / analyze_s
              << " tokens/s)\n"
              << "tag: " << tag_s << " s (" << static_cast<double>(tokens) / tag_s << " tokens/s, "
              << tag_s / static_cast<double>(docs) * 1000 << " ms/document)\n";
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Train, evaluate and benchmark the Fahras NER tagger"};
    app.require_subcommand(1);

    TrainArgs t;
    auto* train = app.add_subcommand("train", "train a model");
    train->add_option("--corpus", t.corpora, "CoNLL file PATH[@FROM:TO][*WEIGHT]")->required();
    train->add_option("--gazetteer", t.gazetteers, "gazetteer TSV (all rows)");
    train->add_option("--gazetteer-no-cities", t.gazetteers_no_cities,
                      "gazetteer TSV without its level=city rows");
    train->add_option("--name-words", t.name_words, "TSV of person-name words (column arabic)");
    train->add_option("--name-min-count", t.name_min_count, "least count of a name word");
    train->add_option("--foreign-words", t.foreign_words,
                      "TSV of transliterated words (column arabic)");
    train->add_option("--mentions", t.mention_corpora,
                      "CoNLL PATH[@FROM:TO] whose gold mentions join the word lists");
    train->add_option("--word-counts", t.count_files,
                      "JSON Lines news (title, body; .gz ok) for word-frequency classes");
    train->add_option("--count-thresholds", t.count_thresholds, "3 counts: frequent, very, common");
    train->add_flag("--clusters", t.clusters,
                    "learn word clusters from the --word-counts news (feature version 5)");
    train->add_option("--cluster-words", t.cluster_options.words, "words to cluster");
    train->add_option("--cluster-min-count", t.cluster_options.min_count,
                      "least count of a clustered word");
    train->add_option("--cluster-contexts", t.cluster_options.contexts, "context words");
    train->add_option("--cluster-vectors", t.cluster_options.vectors,
                      "cluster the words of this fastText .vec file (learnt from `words` output) "
                      "instead of neighbour counts");
    train->add_option("--cluster-fine", t.cluster_options.fine, "fine classes (<= 511)")
        ->check(CLI::Range(1, 511));
    train->add_option("--cluster-coarse", t.cluster_options.coarse, "coarse classes (<= 127)")
        ->check(CLI::Range(1, 127));
    train->add_option("--filter-lists", t.filter,
                      "clear listed single words labelled O at least N times in training");
    train->add_option("--folds", t.folds,
                      "also list the training corpora's mentions, cross-fitted over N folds");
    train->add_flag("--two-pass", t.two_pass,
                    "add a second, article-level pass (feature version 6, docs/NER.md)");
    train
        ->add_option("--jackknife", t.two.jackknife,
                     "two-pass: first-pass labels of training data from N held-out parts")
        ->capture_default_str();
    train
        ->add_option("--doc-templates", t.two.templates,
                     "two-pass: article-level template groups, a bit mask (1 by label, 2 by "
                     "class, 4 own label, 8 organisation after a trigger)")
        ->capture_default_str();
    train
        ->add_option("--doc-window", t.two.window,
                     "two-pass: consecutive training sentences aggregated as one text")
        ->capture_default_str();
    train->add_option("--epochs", t.options.epochs, "training epochs");
    train->add_option("--min-count", t.options.min_count, "least occurrences of a feature");
    train->add_option("--prune", t.options.prune, "drop features with all |weights| at most this");
    train->add_option("--seed", t.options.seed, "shuffling seed");
    train
        ->add_option("--bags", t.options.bags,
                     "average the weights of N perceptrons shuffled with seed, seed+1, ...")
        ->check(CLI::Range(1, 16));
    train->add_option("--out", t.out, "model file to write (.gz)");
    train->add_option("--dump", t.dump, "with --eval: write word/gold/predicted lines here");
    train->add_option("--eval", t.eval, "CoNLL PATH[@FROM:TO] to evaluate on after training");

    std::string model;
    std::vector<std::string> eval_corpora;
    auto* eval = app.add_subcommand("eval", "evaluate a model (exact-span P/R/F1)");
    eval->add_option("--model", model, "model file")->required();
    eval->add_option("--corpus", eval_corpora, "CoNLL PATH[@FROM:TO]")->required();
    std::size_t eval_window = 1;
    eval->add_option("--window", eval_window,
                     "evaluate N consecutive sentences as one text (what the second pass "
                     "aggregates over)")
        ->capture_default_str();
    bool first_pass = false;
    eval->add_flag("--first-pass", first_pass,
                   "a two-pass model's first pass only (what fahras-index runs by default)");

    std::vector<std::string> extractor_gazetteers, exclude_sources;
    std::string common_words;
    bool no_tagger = false;
    auto* eval_extractor = app.add_subcommand(
        "eval-extractor", "evaluate the whole entity extractor (gazetteer, cues, tagger)");
    eval_extractor->add_option("--model", model, "tagger model file")->required();
    eval_extractor->add_option("--corpus", eval_corpora, "CoNLL PATH[@FROM:TO]")->required();
    eval_extractor->add_option("--gazetteer", extractor_gazetteers, "gazetteer TSV, in order")
        ->required();
    eval_extractor->add_option("--common-words", common_words, "common-words.txt")->required();
    eval_extractor->add_option("--exclude-source", exclude_sources,
                               "leave out gazetteer rows whose source starts with this");
    eval_extractor->add_flag("--no-tagger", no_tagger, "gazetteer and cues only");
    bool no_confirm = false;
    eval_extractor->add_flag("--no-confirm", no_confirm,
                             "keep one-word common names the tagger does not confirm");
    bool gazetteer_first = false, cues_with_tagger = false;
    std::string fill = "trusted";
    double common_confidence = fahras::ExtractorOptions{}.common_word_confidence;
    double min_confidence = fahras::ExtractorOptions{}.min_tagger_confidence;
    eval_extractor->add_flag("--gazetteer-first", gazetteer_first,
                             "gazetteer names win over tagger spans (tagger_first = false)");
    eval_extractor->add_flag("--cues-with-tagger", cues_with_tagger,
                             "run the context cues when the tagger runs too");
    eval_extractor
        ->add_option("--fill", fill,
                     "gazetteer names where the tagger found nothing: none, trusted "
                     "(curated entries and countries) or all")
        ->check(CLI::IsMember({"none", "trusted", "all"}))
        ->capture_default_str();
    eval_extractor
        ->add_option("--common-confidence", common_confidence,
                     "a one-word common name from the tagger needs this confidence")
        ->capture_default_str();
    std::size_t window = 1;
    eval_extractor
        ->add_option("--window", window,
                     "evaluate N consecutive sentences as one text (names repeated "
                     "across sentences)")
        ->capture_default_str();
    bool no_repeat = false;
    eval_extractor->add_flag("--no-repeat", no_repeat, "repeat_names = false");
    eval_extractor->add_flag("--first-pass", first_pass,
                             "a two-pass model's first pass only (fahras-index's default)");
    std::string errors_file;
    eval_extractor->add_option("--errors", errors_file,
                               "write the wrong and the missed mentions to this file");
    eval_extractor
        ->add_option("--min-confidence", min_confidence,
                     "tagger spans below this confidence are ignored")
        ->capture_default_str();

    std::vector<std::string> bench_files;
    bool no_tag = false;
    auto* bench = app.add_subcommand("bench", "time analysis and tagging of JSON Lines articles");
    bench->add_option("--model", model, "model file")->required();
    bench->add_flag("--no-tag", no_tag, "analyse only (the baseline for CPU-time comparisons)");
    bench->add_option("files", bench_files, "JSON Lines files (title, body)")->required();

    std::vector<std::filesystem::path> word_files;
    auto* words = app.add_subcommand(
        "words", "print the folded tokens of JSON Lines news, one text per line (for fastText)");
    words->add_option("files", word_files, "JSON Lines files (title, body; .gz ok)")->required();

    std::vector<std::string> texts;
    auto* tag = app.add_subcommand("tag", "print the mentions found in texts");
    tag->add_option("--model", model, "model file")->required();
    tag->add_option("texts", texts, "texts to tag")->required();

    CLI11_PARSE(app, argc, argv);
    try {
        if (*train) run_train(t);
        // A two-pass model's first pass alone with --first-pass.
        const auto load_tagger = [&] {
            const auto tagger = fahras::NerTagger::load(model);
            return first_pass ? tagger.first_pass_only() : tagger;
        };
        if (*eval) {
            const auto tagger = load_tagger();
            fahras::ner::print_evaluation(
                fahras::ner::evaluate(tagger,
                                      join_sentences(load_corpora(eval_corpora), eval_window)),
                std::cout);
        }
        if (*eval_extractor) {
            fahras::Gazetteer gazetteer;
            for (const auto& g : extractor_gazetteers) {
                std::cerr << "ner-train: " << g << ": "
                          << fahras::ner::load_gazetteer_except(gazetteer, g, exclude_sources)
                          << " rows\n";
            }
            gazetteer.load_common_words(common_words);
            const auto tagger = load_tagger();
            fahras::ExtractorOptions options;
            options.confirm_common_words = !no_confirm;
            options.tagger_first = !gazetteer_first;
            options.cues_with_tagger = cues_with_tagger;
            options.gazetteer_fill = fill == "none"      ? fahras::ExtractorOptions::Fill::none
                                     : fill == "trusted" ? fahras::ExtractorOptions::Fill::trusted
                                                         : fahras::ExtractorOptions::Fill::all;
            options.common_word_confidence = common_confidence;
            options.repeat_names = !no_repeat;
            options.min_tagger_confidence = min_confidence;
            std::ofstream errors;
            if (!errors_file.empty()) {
                errors.open(errors_file);
                if (!errors) throw fahras::UsageError("--errors: cannot write " + errors_file);
            }
            const fahras::EntityExtractor extractor(gazetteer, options,
                                                    no_tagger ? nullptr : &tagger);
            fahras::ner::print_extractor_evaluation(
                fahras::ner::evaluate_extractor(extractor,
                                                join_sentences(load_corpora(eval_corpora), window),
                                                errors.is_open() ? &errors : nullptr),
                std::cout);
        }
        if (*bench) run_bench(model, bench_files, no_tag);
        if (*words) {
            std::ios::sync_with_stdio(false);
            std::cerr << "ner-train: " << fahras::ner::write_folded_words(word_files, std::cout)
                      << " documents\n";
        }
        if (*tag) {
            const auto tagger = fahras::NerTagger::load(model);
            for (const auto& text : texts) {
                const auto tokens = fahras::default_analyzer().analyze(text);
                for (const auto& s : tagger.tag(text, tokens)) {
                    const auto begin = tokens[s.first].start;
                    std::cout << fahras::to_string(s.type) << '\t' << s.confidence << '\t'
                              << text.substr(begin, tokens[s.last - 1].end - begin) << '\n';
                }
                std::cout << '\n';
            }
        }
    } catch (const fahras::InputError& e) {
        std::cerr << e.report() << "\n";
        return 1;
    } catch (const fahras::UsageError& e) {
        std::cerr << "fahras-ner-train: error: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "fahras-ner-train: error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
