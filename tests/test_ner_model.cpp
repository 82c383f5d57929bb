// SPDX-License-Identifier: GPL-3.0-or-later
// NER training, model files and the shipped model.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/extract/ner.hpp"
#include "fahras/extract/ner_features.hpp"
#include "fahras/extract/ner_model.hpp"
#include "fahras/tools/ner_train.hpp"
#include "test_support.hpp"

using namespace fahras;
using namespace fahras::ner;

namespace {

/// A synthetic corpus: persons after titles, places after في, organisations after وكالة,
/// in a few sentence patterns. `offset` shifts the name combinations, so that a test set
/// combines words the training set saw in other combinations.
std::vector<TrainSentence> synthetic(std::size_t count, std::size_t offset) {
    const std::vector<std::string> given{"سامر", "نادر", "كريم", "زياد", "هشام", "فارس"};
    const std::vector<std::string> family{"الحلبي", "العطار", "النجار", "الخطيب", "الحداد"};
    const std::vector<std::string> places{"طرطوس", "صيدا", "نابلس", "المنيا", "تطوان", "صفاقس"};
    const std::vector<std::string> orgs{"الأنباء", "النهار", "الشروق", "الفجر"};
    std::vector<TrainSentence> out;
    for (std::size_t k = offset; k < offset + count; ++k) {
        const std::string& g = given[k % given.size()];
        const std::string& f = family[(k / 2) % family.size()];
        const std::string& p = places[(k / 3) % places.size()];
        const std::string& o = orgs[(k / 5) % orgs.size()];
        std::vector<std::pair<std::string, Label>> w;
        switch (k % 3) {
            case 0:
                w = {{"قال", O}, {"الوزير", O}, {g, B_PER},    {f, I_PER},
                     {"في", O},  {p, B_LOC},    {"لوكالة", O}, {o, B_ORG},
                     {"إن", O},  {"الوضع", O},  {"هادئ", O},   {".", O}};
                break;
            case 1:
                w = {{"وصل", O}, {"السفير", O}, {g, B_PER}, {f, I_PER},
                     {"إلى", O}, {p, B_LOC},    {"أمس", O}, {".", O}};
                break;
            default:
                w = {{"ذكرت", O}, {"وكالة", O}, {o, B_ORG}, {"أن", O}, {"الاجتماع", O},
                     {"عقد", O},  {"في", O},    {p, B_LOC}, {".", O}};
                break;
        }
        out.push_back(make_sentence(w));
    }
    return out;
}

NerModel train_synthetic() {
    TrainOptions options;
    options.epochs = 5;
    options.min_count = 1;
    return train(synthetic(120, 0), NerLexicon{}, options, nullptr);
}

std::string span_text(std::string_view text, const std::vector<Token>& tokens, const NerSpan& s) {
    return std::string(
        text.substr(tokens[s.first].start, tokens[s.last - 1].end - tokens[s.first].start));
}

}  // namespace

TEST_CASE("NER training: make_sentence aligns CoNLL words with the analyzer's tokens") {
    const auto s = make_sentence({{"فرانكفورت", B_LOC},
                                  {"(د", O},
                                  {"ب", O},
                                  {"أ)", O},
                                  {"أعلن", O},
                                  {"اتحاد", B_ORG},
                                  {"صناعة", I_ORG},
                                  {".", O}});
    CHECK(s.text == "فرانكفورت (د ب أ) أعلن اتحاد صناعة .");
    REQUIRE(s.tokens.size() == 7);  // the lone . is no token
    CHECK(s.labels == std::vector<std::uint8_t>{B_LOC, O, O, O, O, B_ORG, I_ORG});
    // A word the analyzer splits: its second token continues the mention.
    const auto t = make_sentence({{"F16", B_MISC}, {"عام2015", B_MISC}});
    REQUIRE(t.tokens.size() == 3);
    CHECK(t.labels == std::vector<std::uint8_t>{B_MISC, B_MISC, I_MISC});
}

TEST_CASE("NER training: a tiny synthetic corpus is learnt and generalises to new combinations") {
    const NerTagger tagger(std::make_shared<const NerModel>(train_synthetic()));
    const auto test = synthetic(30, 1000);
    const auto e = evaluate(tagger, test);
    INFO("micro P " << e.micro.precision() << " R " << e.micro.recall());
    CHECK(e.micro.gold > 40);
    CHECK(e.micro.f1() > 0.95);
    for (std::size_t c = 0; c < 3; ++c) CHECK(e.per_class[c].f1() > 0.9);
}

TEST_CASE("NER training: bagging keeps the mean of perceptrons shuffled with successive seeds") {
    TrainOptions options;
    options.epochs = 3;
    options.min_count = 1;
    const auto data = synthetic(60, 0);
    auto single = [&](std::uint64_t seed) {
        TrainOptions o = options;
        o.seed = seed;
        return train(data, NerLexicon{}, o, nullptr);
    };
    const NerModel one = single(options.seed);
    REQUIRE(one.weights.size() > 0);
    struct Row {
        unsigned bags;
    };
    for (const Row r : {Row{1}, Row{2}, Row{3}}) {
        CAPTURE(r.bags);
        TrainOptions o = options;
        o.bags = r.bags;
        const NerModel bagged = train(data, NerLexicon{}, o, nullptr);
        std::vector<NerModel> members;
        for (unsigned k = 0; k < r.bags; ++k) members.push_back(single(options.seed + k));
        // Each weight is the mean of the members' weights (a feature a member dropped for
        // all-zero weights counts as zeros there).
        auto weight = [](const NerModel& m, std::uint64_t key, std::size_t l) {
            const auto* w = m.weights.find(key);
            return w == nullptr ? 0.0 : double{(*w)[l]};
        };
        std::size_t differ_from_one = 0;
        bagged.weights.for_each([&](std::uint64_t key, const LabelWeights& w) {
            for (std::size_t l = 0; l < label_count; ++l) {
                double mean = 0;
                for (const auto& m : members) mean += weight(m, key, l);
                CHECK(w[l] == Approx(mean / r.bags).margin(1e-4));
                if (std::abs(w[l] - weight(one, key, l)) > 1e-4) ++differ_from_one;
            }
        });
        // Every feature a member kept is kept.
        for (const auto& m : members) {
            m.weights.for_each([&](std::uint64_t key, const LabelWeights&) {
                CHECK(bagged.weights.find(key) != nullptr);
            });
        }
        for (std::size_t p = 0; p <= label_count; ++p) {
            for (std::size_t l = 0; l < label_count; ++l) {
                double mean = 0;
                for (const auto& m : members) mean += m.transitions[p][l];
                CHECK(bagged.transitions[p][l] == Approx(mean / r.bags).margin(1e-4));
            }
        }
        // One bag is the single perceptron; more bags change the weights.
        if (r.bags == 1) {
            CHECK(differ_from_one == 0);
        } else {
            CHECK(differ_from_one > 0);
        }
    }
}

TEST_CASE("NER model: save and load give the same tags and scores") {
    const test::TempDir dir;
    const auto path = dir / "model.bin.gz";
    auto model = std::make_shared<const NerModel>(train_synthetic());
    model->save(path);
    const NerTagger original(model);
    const NerTagger loaded = NerTagger::load(path);
    CHECK(loaded.model().weights.size() == model->weights.size());
    CHECK(loaded.model().lexicon.entries.size() == model->lexicon.entries.size());
    for (const auto& s : synthetic(12, 500)) {
        const auto a = original.tag(s.text, s.tokens);
        const auto b = loaded.tag(s.text, s.tokens);
        REQUIRE(a.size() == b.size());
        CHECK_FALSE(a.empty());
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i].first == b[i].first);
            CHECK(a[i].last == b[i].last);
            CHECK(a[i].type == b[i].type);
            CHECK(a[i].confidence == b[i].confidence);
            CHECK(a[i].confidence >= 0.5);
            CHECK(a[i].confidence < 1.0);
        }
    }
}

TEST_CASE("NER two-pass model: article contexts follow the windows, and the model round-trips") {
    // 40 sentences; a window of 4 sentences is one text for the second pass.
    const auto data = synthetic(40, 0);
    TrainOptions options;
    options.epochs = 4;
    options.min_count = 1;
    TwoPassOptions two;
    two.jackknife = 2;
    two.window = 4;

    // The contexts: one per token; a word of the first sentence that recurs in its window
    // is not alone, and windows do not see each other (sentence 4 starts a new window).
    std::vector<std::vector<std::uint8_t>> labels;
    for (const auto& s : data) labels.push_back(s.labels);
    const auto doc = document_contexts(data, labels, NerLexicon{}, two.window);
    REQUIRE(doc.size() == data.size());
    for (std::size_t i = 0; i < data.size(); ++i) CHECK(doc[i].size() == data[i].tokens.size());
    // «قال» opens sentences 0 and 3 (same window) but no other sentence of 4..7.
    CHECK(data[0].tokens[0].folded == data[3].tokens[0].folded);
    CHECK(doc[0][0].major == doc_untagged);
    CHECK(doc[0][0].self == O);
    CHECK(doc[6][0].major == doc_alone);  // «قال» again, alone in window 4..7
    const auto only_window = document_contexts(data, labels, NerLexicon{}, 1);
    CHECK(only_window[0][0].major == doc_alone);

    // Jackknifed first-pass labels: one per token, from models that did not see the part.
    const auto jack = jackknife_labels(data, NerLexicon{}, 0, options, two, nullptr);
    REQUIRE(jack.size() == data.size());
    for (std::size_t i = 0; i < data.size(); ++i) CHECK(jack[i].size() == data[i].tokens.size());

    const test::TempDir dir;
    const auto path = dir / "two-pass.bin.gz";
    auto model = std::make_shared<const NerModel>(
        train_two_pass(data, NerLexicon{}, 0, options, two, nullptr));
    REQUIRE(model->two_pass());
    model->save(path);
    const NerTagger original(model);
    const NerTagger loaded = NerTagger::load(path);
    CHECK(loaded.model().two_pass());
    CHECK(loaded.model().weights.size() == model->weights.size());
    CHECK(loaded.model().weights2.size() == model->weights2.size());
    CHECK(loaded.model().transitions2 == model->transitions2);
    CHECK(loaded.model().doc_templates == doc_default);
    // An article of several sentences, so that the second pass has something to aggregate.
    std::string text;
    for (const auto& s : synthetic(6, 700)) text += s.text + "\n";
    const auto tokens = default_analyzer().analyze(text);
    const auto a = original.tag(text, tokens);
    const auto b = loaded.tag(text, tokens);
    REQUIRE(a.size() == b.size());
    CHECK(a.size() >= 12);
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].first == b[i].first);
        CHECK(a[i].last == b[i].last);
        CHECK(a[i].type == b[i].type);
        CHECK(a[i].confidence == b[i].confidence);
    }
    // A one-pass model keeps no second pass through the file.
    const auto one = dir / "one-pass.bin.gz";
    train_synthetic().save(one);
    CHECK_FALSE(NerTagger::load(one).model().two_pass());
}

TEST_CASE("NER two-pass model: --bags reaches both passes, and one bag is the unbagged model") {
    const auto data = synthetic(40, 0);
    TrainOptions options;
    options.epochs = 3;
    options.min_count = 1;
    TwoPassOptions two;
    two.jackknife = 2;
    two.window = 4;
    auto same_weights = [](const FlatTable<LabelWeights>& a, const FlatTable<LabelWeights>& b) {
        if (a.size() != b.size()) return false;
        bool same = true;
        a.for_each([&](std::uint64_t key, const LabelWeights& w) {
            const auto* v = b.find(key);
            same = same && v != nullptr && *v == w;
        });
        return same;
    };
    const NerModel plain = train_two_pass(data, NerLexicon{}, 0, options, two, nullptr);
    REQUIRE(plain.two_pass());
    struct Row {
        unsigned bags;
        bool equals_plain;  // both passes bit for bit the unbagged model's
    };
    for (const Row r : {Row{1, true}, Row{2, false}, Row{3, false}}) {
        CAPTURE(r.bags);
        TrainOptions o = options;
        o.bags = r.bags;
        const NerModel bagged = train_two_pass(data, NerLexicon{}, 0, o, two, nullptr);
        REQUIRE(bagged.two_pass());
        // The first pass is the bagged one-pass model.
        const NerModel first = train_with_mentions(data, NerLexicon{}, 0, o, nullptr);
        CHECK(same_weights(bagged.weights, first.weights));
        CHECK(bagged.transitions == first.transitions);
        CHECK(same_weights(bagged.weights, plain.weights) == r.equals_plain);
        CHECK(same_weights(bagged.weights2, plain.weights2) == r.equals_plain);
        CHECK((bagged.transitions2 == plain.transitions2) == r.equals_plain);
    }
    // Deterministic: the same options give the same model.
    TrainOptions o = options;
    o.bags = 2;
    const NerModel a = train_two_pass(data, NerLexicon{}, 0, o, two, nullptr);
    const NerModel b = train_two_pass(data, NerLexicon{}, 0, o, two, nullptr);
    CHECK(same_weights(a.weights2, b.weights2));
    CHECK(a.transitions2 == b.transitions2);
}

TEST_CASE("NER model: bad files are refused with an Error") {
    const test::TempDir dir;
    CHECK_THROWS_AS(NerTagger::load(dir / "absent.bin.gz"), Error);
    const auto junk = dir / "junk.bin.gz";
    std::ofstream(junk) << "not a model at all, just some text that is long enough";
    CHECK_THROWS_AS(NerTagger::load(junk), Error);
    // A truncated model.
    const auto good = dir / "good.bin.gz";
    train_synthetic().save(good);
    const auto truncated = dir / "truncated.bin.gz";
    {
        std::ifstream in(good, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    }
    CHECK_THROWS_AS(NerTagger::load(truncated), Error);
}

TEST_CASE("NER shipped model: indexing runs its first pass unless asked for the article pass") {
    const NerTagger& both = NerTagger::default_tagger();
    const NerTagger& first = NerTagger::default_first_pass_tagger();
    REQUIRE(both.two_pass());
    CHECK_FALSE(first.two_pass());
    CHECK(&first.model() == &both.model());  // one model in memory
    CHECK_FALSE(first.first_pass_only().two_pass());
    // The first pass alone still finds a plain name.
    const std::string text = "وقال الرئيس الروسي فلاديمير بوتين إن المحادثات ستستمر";
    const auto tokens = default_analyzer().analyze(text);
    bool found = false;
    for (const NerSpan& m : first.tag(text, tokens)) {
        const std::string_view span(text.data() + tokens[m.first].start,
                                    tokens[m.last - 1].end - tokens[m.first].start);
        found =
            found || (m.type == EntityType::person && span.find("بوتين") != std::string_view::npos);
    }
    CHECK(found);
}

TEST_CASE("NER shipped model: finds the seed articles' names") {
    const NerTagger& tagger = NerTagger::default_tagger();
    struct Row {
        std::string_view sentence;
        std::string_view name;
        EntityType type;
        bool known_miss = false;  ///< the model misses it (docs/NER.md); warn, don't fail
    };
    // Sentences from sample_corpus/seeds/.
    const std::string_view s1 =
        "وصرح الناطق باسم البنتاغون بيتر كوك أن وزير الدفاع الأميركي آشتون كارتر ونظيره الروسي "
        "سيرغي شويغو أجريا مكالمة هاتفية لبحث هذه المسالة";
    const std::string_view s2 =
        "إلى ذلك، أفادت وزارة الخارجية الروسية أيضاً بأنها مستعدة لإجراء محادثات مع أميركا بشأن "
        "سوريا، بعدما قال وزير الخارجية الأميركي جون كيري إن البيت الأبيض يأمل إجراء محادثات";
    const std::string_view s3 =
        "في السياق، أعلن السفير الروسي في بيروت، ألكسندر زاسبكين، أنّ لدى الرئيس فلاديمير بوتين "
        "مبادرة لحلّ الأزمة في سوريا";
    const std::string_view s4 = "يفرون من القصف قرب حلب، أمس (أ ف ب)";
    const std::string_view s5 =
        "لكن تعزيز روسيا لوجودها في قاعدة اللاذقية الجوية في سورية زاد احتمالات تنفيذ مهام قتالية "
        "جوية في المجال الجوي السوري";
    const std::string_view s6 =
        "وعقد وزير الخارجية الأميركي جون كيري اجتماعا في لندن مع وزير الخارجية الإماراتي";
    const std::string_view s7 =
        "وقال المسؤول الذي اشترط عدم نشر اسمه لوكالة رويترز إن الأنشطة الروسية دفاعية بطبيعتها";
    const std::string_view s8 =
        "وذكر البنتاغون أن الاتصال الهاتفي بين الوزيرين الأميركي والروسي استمر لنحو 50 دقيقة";
    const std::string_view s9 =
        "وأضاف أنّ تركيزنا ما زال ينصب على قتال داعش وأيضاً على التسوية السياسية في سوريا التي نعتقد "
        "أنه لا يمكن تحقيقها مع وجود الرئيس بشار الأسد";
    const std::vector<Row> rows{
        {s1, "آشتون كارتر", EntityType::person},
        {s1, "سيرغي شويغو", EntityType::person},
        {s1, "البنتاغون", EntityType::organisation},
        {s2, "جون كيري", EntityType::person},
        {s3, "فلاديمير بوتين", EntityType::person},
        {s3, "بيروت", EntityType::place},
        // Known miss since the ODbL gazetteers were dropped (licensing): حلب is not in the
        // training data and was found at confidence 0.65 only; listed names are the gazetteer
        // matcher's job.
        {s4, "حلب", EntityType::place, true},
        {s5, "اللاذقية", EntityType::place, true},
        {s6, "لندن", EntityType::place},
        {s6, "جون كيري", EntityType::person},
        {s7, "رويترز", EntityType::organisation},
        {s8, "البنتاغون", EntityType::organisation},
        {s9, "بشار الأسد", EntityType::person},
    };
    std::size_t hits = 0;
    for (const auto& row : rows) {
        const auto tokens = default_analyzer().analyze(row.sentence);
        const auto spans = tagger.tag(row.sentence, tokens);
        std::string found;
        bool ok = false;
        for (const auto& s : spans) {
            const std::string text = span_text(row.sentence, tokens, s);
            found += text + "/" + std::string(to_string(s.type)) + " ";
            if (text == row.name && s.type == row.type) ok = true;
        }
        INFO(row.name << " (" << to_string(row.type) << ") in: " << found);
        if (row.known_miss) {
            if (!ok) WARN("known miss: " << row.name << " in: " << found);
        } else {
            CHECK(ok);
        }
        if (ok) ++hits;
    }
    CHECK(hits >= rows.size() - 2);
}

TEST_CASE("NER shipped model: tagging without the text still finds names") {
    const std::string_view text =
        "وصرح الناطق باسم البنتاغون بيتر كوك أن وزير الدفاع الأميركي آشتون كارتر ونظيره الروسي "
        "سيرغي شويغو أجريا مكالمة هاتفية";
    const auto tokens = default_analyzer().analyze(text);
    const auto spans = NerTagger::default_tagger().tag(tokens);
    std::vector<std::string> persons;
    for (const auto& s : spans) {
        CHECK(s.first < s.last);
        CHECK(s.last <= tokens.size());
        CHECK(s.confidence >= 0.5);
        CHECK(s.confidence <= 1.0);
        if (s.type == EntityType::person) persons.push_back(span_text(text, tokens, s));
    }
    CHECK(std::find(persons.begin(), persons.end(), "آشتون كارتر") != persons.end());
    CHECK(std::find(persons.begin(), persons.end(), "سيرغي شويغو") != persons.end());
}

TEST_CASE("NER shipped model: held-out newswire F1 (skips without ../shared/data)") {
    const std::filesystem::path conll =
        std::filesystem::path(FAHRAS_SHARED_DIR) / "data/ner/anercorp_train.conll";
    if (!std::filesystem::exists(conll)) {
        WARN(conll.string() << " not found; held-out evaluation skipped");
        return;
    }
    auto all = read_conll(conll);
    // The held-out split of scripts/eval-ner.sh: the last 20 % of the sentences.
    const auto from = static_cast<std::ptrdiff_t>(all.size() * 8 / 10);
    const std::vector<TrainSentence> held_out(all.begin() + from, all.end());
    const auto e = evaluate(NerTagger::default_tagger(), held_out);
    INFO("P " << e.micro.precision() << " R " << e.micro.recall() << " F1 " << e.micro.f1());
    CHECK(e.micro.gold > 1500);
    // One sentence at a time (the second pass has no other sentences to read): measured
    // 0.747 (persons 0.746, places 0.850, organisations 0.589, docs/NER.md); the floors leave
    // room for rounding across compilers, not for a worse model.
    CHECK(e.micro.f1() > 0.74);
    CHECK(e.per_class[0].f1() > 0.74);  // persons
    CHECK(e.per_class[1].f1() > 0.84);  // places
    CHECK(e.per_class[2].f1() > 0.58);  // organisations
}

TEST_CASE("NER word clusters: words in the same contexts share a class") {
    test::TempDir dir;
    const std::filesystem::path file = dir.path() / "news.jsonl";
    {
        std::ofstream out(file);
        // أحمد and محمود, القاهرة and دمشق occur in exactly the same contexts; نادرة is rare.
        for (int i = 0; i < 30; ++i) {
            out << R"({"title": "قال أحمد إن الوضع هادئ", "body": "وصل وفد إلى القاهرة اليوم"})"
                << "\n"
                << R"({"title": "قال محمود إن الوضع هادئ", "body": "وصل وفد إلى دمشق اليوم"})"
                << "\n";
        }
        out << R"({"title": "كلمة نادرة", "body": ""})"
            << "\n";
    }
    NerLexicon lexicon;
    ClusterOptions options;
    options.min_count = 5;
    options.contexts = 20;
    options.fine = 4;
    options.coarse = 2;
    // 12 words are seen 30 or 60 times (fewer if the analyzer drops stop words); كلمة and
    // نادرة once.
    const std::size_t clustered =
        add_word_clusters(lexicon, std::vector<std::filesystem::path>{file}, options, nullptr);
    CHECK(clustered >= 8);
    CHECK(clustered <= 12);
    auto cluster = [&](const char* word) {
        return lexicon.cluster(lexicon_hash(Analyzer::fold_word(word)));
    };
    CHECK(cluster("أحمد") != 0);
    CHECK(cluster("أحمد") == cluster("محمود"));
    CHECK(cluster("القاهرة") == cluster("دمشق"));
    CHECK(cluster_fine(cluster("دمشق")) >= 1);
    CHECK(cluster_fine(cluster("دمشق")) <= 4);
    CHECK(cluster_coarse(cluster("دمشق")) >= 1);
    CHECK(cluster_coarse(cluster("دمشق")) <= 2);
    CHECK(cluster("نادرة") == 0);  // below min_count
}

TEST_CASE("NER word clusters from word vectors: close vectors share a class") {
    test::TempDir dir;
    const std::filesystem::path file = dir.path() / "words.vec";
    {
        // fastText's text format, most frequent first: two directions (names, places),
        // fastText's end-of-line token, and a rare word past the `words` limit.
        std::ofstream out(file);
        out << "7 3\n"
            << "</s> 0.5 0.5 0.5\n"
            << "احمد 1 0.1 0\n"
            << "القاهره 0 0.1 1\n"
            << "محمود 0.9 0 0.1\n"
            << "دمشق 0.1 0 2\n"
            << "سامي 2 0.2 0\n"
            << "نادره 1 0 0\n";
    }
    NerLexicon lexicon;
    ClusterOptions options;
    options.vectors = file;
    options.words = 5;
    options.fine = 2;
    options.coarse = 1;
    CHECK(add_word_clusters(lexicon, {}, options, nullptr) == 5);
    auto cluster = [&](const char* word) {
        return lexicon.cluster(lexicon_hash(Analyzer::fold_word(word)));
    };
    CHECK(cluster("أحمد") != 0);
    CHECK(cluster("أحمد") == cluster("محمود"));
    CHECK(cluster("أحمد") == cluster("سامي"));
    CHECK(cluster("القاهرة") == cluster("دمشق"));
    CHECK(cluster_fine(cluster("القاهرة")) != cluster_fine(cluster("أحمد")));
    CHECK(cluster("نادرة") == 0);  // past the first `words` words
    CHECK(lexicon.clusters.size() == 5);

    // A line without its whole vector is an input error naming the line.
    {
        std::ofstream out(file);
        out << "2 3\nاحمد 1 0 0\nدمشق 0 1\n";
    }
    NerLexicon other;
    try {
        add_word_clusters(other, {}, options, nullptr);
        FAIL("a short vector was accepted");
    } catch (const InputError& e) {
        CHECK(e.report().find("words.vec:3:") != std::string::npos);
    }
}

TEST_CASE("NER shipped model: carries its word clusters") {
    const auto& lexicon = NerTagger::default_tagger().model().lexicon;
    CHECK(lexicon.clusters.size() == 20000);
    // The 20,000 most frequent words of the ANT news have a class, قال among them.
    CHECK(lexicon.cluster(lexicon_hash(Analyzer::fold_word("قال"))) != 0);
}

TEST_CASE("NER shipped model: has the article-level second pass of scripts/train-ner.sh") {
    const auto& model = NerTagger::default_tagger().model();
    CHECK(model.feature_version == feature_version);
    CHECK(model.two_pass());
    CHECK(model.doc_templates == doc_default);
    CHECK(model.weights2.size() > 10000);
}
