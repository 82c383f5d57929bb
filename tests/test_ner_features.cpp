// SPDX-License-Identifier: GPL-3.0-or-later
// Units of the NER tagger: labels, spans, Viterbi, gaps, triggers, clitics, word lists and
// feature extraction.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "fahras/common/analyzer.hpp"
#include "fahras/extract/ner_features.hpp"
#include "fahras/extract/ner_model.hpp"

using namespace fahras;
using namespace fahras::ner;

namespace {

std::vector<std::uint64_t> word_hashes(std::string_view phrase) {
    std::vector<std::uint64_t> out;
    for (const auto& t : default_analyzer().analyze(phrase)) out.push_back(lexicon_hash(t.folded));
    return out;
}

}  // namespace

TEST_CASE("NER labels: CoNLL tags map to BIO labels and back") {
    struct Row {
        std::string_view tag;
        std::optional<Label> label;
        std::string_view name;
    };
    const std::vector<Row> rows{
        {"O", O, "O"},
        {"B-PERS", B_PER, "B-PERS"},
        {"I-PERS", I_PER, "I-PERS"},
        {"B-PER", B_PER, "B-PERS"},
        {"B-LOC", B_LOC, "B-LOC"},
        {"I-LOC", I_LOC, "I-LOC"},
        {"B-ORG", B_ORG, "B-ORG"},
        {"I-ORG", I_ORG, "I-ORG"},
        {"B-MISC", B_MISC, "B-MISC"},
        {"I-MISC", I_MISC, "I-MISC"},
        {"", O, "O"},
        {"B-FOO", std::nullopt, ""},
        {"X-LOC", std::nullopt, ""},
        {"BLOC", std::nullopt, ""},
    };
    for (const auto& row : rows) {
        INFO(row.tag);
        const auto label = label_from_tag(row.tag);
        REQUIRE(label == row.label);
        if (label) CHECK(label_name(*label) == row.name);
    }
}

TEST_CASE("NER labels: spans are read conlleval-style") {
    struct Row {
        std::vector<std::uint8_t> labels;
        std::vector<LabelSpan> spans;
    };
    const std::vector<Row> rows{
        {{O, O}, {}},
        {{B_PER, I_PER, O, B_LOC}, {{0, 2, 0}, {3, 4, 1}}},
        {{B_PER, B_PER}, {{0, 1, 0}, {1, 2, 0}}},
        {{I_ORG, I_ORG, O}, {{0, 2, 2}}},          // a stray I- starts a mention
        {{B_PER, I_LOC}, {{0, 1, 0}, {1, 2, 1}}},  // an I- of another class too
        {{B_MISC, I_MISC, I_MISC}, {{0, 3, 3}}},
    };
    for (const auto& row : rows) CHECK(spans_of(row.labels) == row.spans);
}

TEST_CASE("NER Viterbi: follows the emissions and never puts I-X after O or Y") {
    Transitions t{};
    // Emissions that prefer I-PERS at the start and I-LOC after B-PERS: both are forbidden.
    std::vector<float> e(3 * label_count, 0.0F);
    e[0 * label_count + I_PER] = 5;
    e[0 * label_count + B_PER] = 1;
    e[1 * label_count + I_LOC] = 5;
    e[1 * label_count + I_PER] = 4;
    e[2 * label_count + O] = 3;
    std::vector<std::uint8_t> out(3);
    viterbi(e.data(), 3, t, out.data());
    CHECK(out == std::vector<std::uint8_t>{B_PER, I_PER, O});
    for (std::size_t p = 0; p <= label_count; ++p) {
        for (std::size_t l = 0; l < label_count; ++l) {
            const bool expected =
                !is_inside(l) || (p != label_count && p != O && class_of(p) == class_of(l));
            CHECK(allowed(p, l) == expected);
        }
    }
}

TEST_CASE("NER features: the gap between two words") {
    struct Row {
        std::string_view text;
        Gap gap;
    };
    const std::vector<Row> rows{
        {" ", Gap::space},  {"", Gap::space},    {"، ", Gap::comma}, {", ", Gap::comma},
        {". ", Gap::stop},  {" ؟ ", Gap::stop},  {"\n", Gap::stop},  {" (", Gap::open},
        {") ", Gap::close}, {" «", Gap::quote},  {"» ", Gap::quote}, {": ", Gap::colon},
        {" - ", Gap::dash}, {"، (", Gap::comma}, {"). ", Gap::stop}, {" % ", Gap::other},
    };
    for (const auto& row : rows) {
        INFO('[' << row.text << ']');
        CHECK(classify_gap(row.text) == row.gap);
    }
}

TEST_CASE("NER features: trigger words") {
    struct Row {
        std::string_view word;
        Trigger trigger;
    };
    const std::vector<Row> rows{
        {"الرئيس", Trigger::person},      {"وزير", Trigger::person},
        {"الناطق", Trigger::person},      {"المتحدثة", Trigger::person},
        {"السفير", Trigger::person},      {"الشيخ", Trigger::person},
        {"وكالة", Trigger::organisation}, {"حزب", Trigger::organisation},
        {"تنظيم", Trigger::organisation}, {"حركة", Trigger::organisation},
        {"مدينة", Trigger::place},        {"العاصمة", Trigger::place},
        {"قال", Trigger::none},           {"بوتين", Trigger::none},
    };
    for (const auto& row : rows) {
        INFO(row.word);
        CHECK(trigger_of(Analyzer::fold_word(row.word)) == row.trigger);
    }
}

TEST_CASE("NER features: clitics are stripped only before the article or a listed word") {
    NerLexicon lexicon;
    lexicon.add(word_hashes("بوتين"), lex_person);
    lexicon.add(word_hashes("روسيا"), lex_place);
    struct Row {
        std::string_view word;
        std::string_view stripped;
    };
    const std::vector<Row> rows{
        {"والسعودية", "السعودية"}, {"بالقاهرة", "القاهرة"}, {"للجيش", "الجيش"}, {"وبوتين", "بوتين"},
        {"لروسيا", "روسيا"},       {"وبروسيا", "روسيا"},    {"وزير", "وزير"},   {"بوتين", "بوتين"},
        {"لبنان", "لبنان"},        {"فالح", "فالح"},        {"كارتر", "كارتر"}, {"Putin", "Putin"},
    };
    for (const auto& row : rows) {
        INFO(row.word);
        CHECK(strip_clitics(Analyzer::fold_word(row.word), lexicon) ==
              Analyzer::fold_word(row.stripped));
    }
}

TEST_CASE("NER features: listed phrases match longest first, with clitics on the first word") {
    NerLexicon lexicon;
    lexicon.add(word_hashes("المملكة العربية السعودية"), lex_place);
    lexicon.add(word_hashes("السعودية"), lex_place);
    lexicon.add(word_hashes("حزب الله"), lex_organisation);
    lexicon.add(word_hashes("بوتين"), lex_name_word);
    const std::string text = "وزار بوتين والمملكة العربية السعودية ثم حزب الله";
    const auto tokens = default_analyzer().analyze(text);
    std::vector<NerWord> words;
    prepare_words(text, tokens, 0, tokens.size(), lexicon, words);
    REQUIRE(words.size() == 8);
    struct Row {
        std::size_t i;
        std::uint8_t begin;
        std::uint8_t inside;
        std::uint8_t bits;
    };
    const std::vector<Row> rows{
        {0, 0, 0, 0},
        {1, 0, 0, lex_name_word},
        {2, lex_place, 0, 0},  // والمملكة: clitic و stripped, the three-word phrase wins
        {3, 0, lex_place, 0},
        {4, 0, lex_place, 0},  // not a new السعودية: inside the longer match
        {5, 0, 0, 0},
        {6, lex_organisation, 0, 0},
        {7, 0, lex_organisation, 0},
    };
    for (const auto& row : rows) {
        INFO(row.i);
        CHECK(words[row.i].lex_begin == row.begin);
        CHECK(words[row.i].lex_inside == row.inside);
        CHECK((words[row.i].word_bits & (lex_name_word | lex_foreign_word)) == row.bits);
    }
    CHECK(words[0].gap_before == Gap::start);
    CHECK(words[1].gap_before == Gap::space);
    // Without the text, gaps are unknown.
    prepare_words({}, tokens, 0, tokens.size(), lexicon, words);
    CHECK(words[1].gap_before == Gap::unknown);
}

TEST_CASE("NER features: hashed features name the word, its neighbours and its context") {
    NerLexicon lexicon;
    const std::string text = "قال الرئيس فلاديمير بوتين، أمس";
    const auto tokens = default_analyzer().analyze(text);
    std::vector<NerWord> words;
    prepare_words(text, tokens, 0, tokens.size(), lexicon, words);
    std::vector<std::uint64_t> f;
    append_features(words, 2, f);  // فلاديمير
    auto has = [&](std::uint64_t x) { return std::find(f.begin(), f.end(), x) != f.end(); };
    CHECK(has(feature(t_bias, 0)));
    CHECK(has(feature(t_form, hash_bytes(Analyzer::fold_word("فلاديمير")))));
    CHECK(has(feature(t_form_m1, hash_bytes(Analyzer::fold_word("الرئيس")))));
    CHECK(has(feature(t_form_p1, hash_bytes(Analyzer::fold_word("بوتين")))));
    CHECK(has(feature(t_form_m2, hash_bytes(Analyzer::fold_word("قال")))));
    CHECK(has(feature(t_trigger_m1, static_cast<std::uint64_t>(Trigger::person))));
    CHECK(has(feature(t_gap_after, static_cast<std::uint64_t>(Gap::space))));
    CHECK_FALSE(has(feature(t_form, hash_bytes(Analyzer::fold_word("بوتين")))));
    // بوتين is followed by a comma.
    std::vector<std::uint64_t> g;
    append_features(words, 3, g);
    CHECK(std::find(g.begin(), g.end(),
                    feature(t_gap_after, static_cast<std::uint64_t>(Gap::comma))) != g.end());
    // Deterministic: the same sentence gives the same features.
    std::vector<std::uint64_t> again;
    append_features(words, 2, again);
    CHECK(again == f);
}

TEST_CASE("NER FlatTable: inserts, overwrites, finds and grows") {
    FlatTable<std::uint32_t> table;
    CHECK(table.find(42) == nullptr);
    for (std::uint64_t k = 1; k <= 1000; ++k)
        table.insert(k * 0x9E3779B97F4A7C15ULL, static_cast<std::uint32_t>(k));
    CHECK(table.size() == 1000);
    table.insert(7 * 0x9E3779B97F4A7C15ULL, 70);
    CHECK(table.size() == 1000);
    for (std::uint64_t k = 1; k <= 1000; ++k) {
        const auto* v = table.find(k * 0x9E3779B97F4A7C15ULL);
        REQUIRE(v != nullptr);
        CHECK(*v == (k == 7 ? 70U : k));
    }
    CHECK(table.find(12345) == nullptr);
    ++table.slot(99);
    ++table.slot(99);
    CHECK(*table.find(99) == 2);
}

TEST_CASE("NER features: word lists meet both spellings of a foreign g") {
    struct Row {
        std::string_view a;
        std::string_view b;
        bool same;
    };
    const std::vector<Row> rows{
        {"البنتاغون", "البنتاجون", true}, {"شويغو", "شويجو", true},  {"غزة", "جزة", true},
        {"شويغو", "شويكو", false},        {"بوتين", "بوتان", false},
    };
    for (const auto& row : rows) {
        INFO(row.a << " / " << row.b);
        CHECK((lexicon_hash(Analyzer::fold_word(row.a)) ==
               lexicon_hash(Analyzer::fold_word(row.b))) == row.same);
        // Features keep the spelling apart.
        CHECK(hash_bytes(Analyzer::fold_word(row.a)) != hash_bytes(Analyzer::fold_word(row.b)));
    }
    NerLexicon lexicon;
    lexicon.add(word_hashes("البنتاجون"), lex_organisation);
    const std::string text = "وذكر البنتاغون";
    const auto tokens = default_analyzer().analyze(text);
    std::vector<NerWord> words;
    prepare_words(text, tokens, 0, tokens.size(), lexicon, words);
    REQUIRE(words.size() == 2);
    CHECK(words[1].lex_begin == lex_organisation);
}

TEST_CASE("NER article features: aggregate_document sums up the other occurrences of a word") {
    // Word types are plain numbers here; 0 is "no word type" and is never aggregated.
    constexpr std::uint64_t a = 11, b = 12, t = 13;
    constexpr std::uint8_t alone = doc_alone, untagged = doc_untagged;
    constexpr std::uint8_t per = 1, loc = 2, org = 3;  // DocContext::cls: class + 1
    struct Row {
        const char* what;
        std::vector<DocToken> tokens;
        std::vector<DocContext> expected;  // major, cls, share, org_after_trigger, self
    };
    const std::vector<Row> rows{
        {"a word seen once is alone", {{a, O, false}}, {{alone, alone, 0, false, O}}},
        {"never tagged elsewhere",
         {{a, O, false}, {a, O, false}},
         {{untagged, untagged, 0, false, O}, {untagged, untagged, 0, false, O}}},
        {"the token's own label is left out; share of the others tagged",
         {{a, B_ORG, false}, {b, O, false}, {a, O, false}, {a, B_ORG, false}},
         {{B_ORG, org, 2, false, B_ORG},
          {alone, alone, 0, false, O},
          {B_ORG, org, 3, false, O},
          {B_ORG, org, 2, false, B_ORG}}},
        {"under half of the others tagged",
         {{a, O, false}, {a, O, false}, {a, O, false}, {a, I_LOC, false}},
         {{I_LOC, loc, 1, false, O},
          {I_LOC, loc, 1, false, O},
          {I_LOC, loc, 1, false, O},
          {untagged, untagged, 0, false, I_LOC}}},
        {"a tie goes to the lower label and class",
         {{a, B_LOC, false}, {a, B_PER, false}, {a, O, false}},
         {{B_PER, per, 2, false, B_LOC}, {B_LOC, loc, 2, false, B_PER}, {B_PER, per, 3, false, O}}},
        {"the majority class can differ from the class of the majority label",
         {{a, B_LOC, false},
          {a, B_LOC, false},
          {a, B_ORG, false},
          {a, I_ORG, false},
          {a, I_ORG, false},
          {a, O, false}},
         {{I_ORG, org, 2, false, B_LOC},
          {I_ORG, org, 2, false, B_LOC},
          {B_LOC, loc, 2, false, B_ORG},
          {B_LOC, loc, 2, false, I_ORG},
          {B_LOC, loc, 2, false, I_ORG},
          {B_LOC, org, 3, false, O}}},
        {"an organisation after a trigger tells the other occurrences, not itself",
         {{t, O, false}, {a, B_ORG, true}, {a, O, false}},
         {{alone, alone, 0, false, O},
          {untagged, untagged, 0, false, B_ORG},
          {B_ORG, org, 3, true, O}}},
        {"a trigger before a word tagged as a place says nothing",
         {{a, B_LOC, true}, {a, O, false}},
         {{untagged, untagged, 0, false, B_LOC}, {B_LOC, loc, 3, false, O}}},
        {"tokens without a word type are skipped",
         {{0, B_PER, false}, {0, B_PER, false}},
         {{alone, alone, 0, false, B_PER}, {alone, alone, 0, false, B_PER}}},
    };
    for (const auto& row : rows) {
        INFO(row.what);
        std::vector<DocContext> out;
        aggregate_document(row.tokens, out);
        REQUIRE(out.size() == row.expected.size());
        for (std::size_t i = 0; i < out.size(); ++i) {
            INFO("token " << i << ": major " << int(out[i].major) << " cls " << int(out[i].cls)
                          << " share " << int(out[i].share) << " org_after_trigger "
                          << out[i].org_after_trigger << " self " << int(out[i].self));
            CHECK(out[i] == row.expected[i]);
        }
    }
}

TEST_CASE("NER article features: what the rest of the text says becomes features") {
    const std::vector<DocContext> doc{{B_ORG, 3, 3, true, O}, {doc_alone, doc_alone, 0, false, O}};
    auto has = [](const std::vector<std::uint64_t>& v, std::uint64_t f) {
        return std::find(v.begin(), v.end(), f) != v.end();
    };
    std::vector<std::uint64_t> first, second;
    const std::uint32_t groups = doc_by_label | doc_by_class | doc_org_trigger;
    append_doc_features(doc.data(), doc.size(), 0, groups, first);
    append_doc_features(doc.data(), doc.size(), 1, groups, second);
    CHECK(has(first, feature(t_doc_major, B_ORG)));
    CHECK(has(first, feature(t_doc_class, 3)));
    CHECK(has(first, feature(t_doc_org_trigger, 1)));
    CHECK(has(first, feature(t_doc_major_p1, doc_alone)));
    CHECK(has(first, feature(t_doc_major_m1, 255)));
    CHECK_FALSE(has(first, feature(t_doc_self, O)));  // group not asked for
    CHECK(has(second, feature(t_doc_major, doc_alone)));
    CHECK_FALSE(has(second, feature(t_doc_org_trigger, 1)));
    CHECK(has(second, feature(t_doc_class_m1, 3)));
    CHECK(first.size() == second.size() + 1);
    // Each group alone adds its own templates only.
    std::vector<std::uint64_t> own;
    append_doc_features(doc.data(), doc.size(), 0, doc_own_label, own);
    CHECK(own == std::vector<std::uint64_t>{feature(t_doc_self, O)});
    std::vector<std::uint64_t> none;
    append_doc_features(doc.data(), doc.size(), 0, 0, none);
    CHECK(none.empty());
}
