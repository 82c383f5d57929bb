// SPDX-License-Identifier: GPL-3.0-or-later
// entity_words::readings(), private to extract/src: the clitic readings every matcher of the
// entity extractor starts from.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "../extract/src/entity_words.hpp"

using namespace fahras;
using entity_words::Reading;

namespace {

struct Row {
    const char* folded;
    std::vector<Reading> expected;
};

bool same(const std::vector<Reading>& a, const std::vector<Reading>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].word != b[i].word || a[i].clitic != b[i].clitic || a[i].article != b[i].article) {
            return false;
        }
    }
    return true;
}

}  // namespace

TEST_CASE("readings: the word, then without و/ف, then without ب/ك/ل, لل read as ال", "[entities]") {
    const Row rows[] = {
        {"بوتين", {{"بوتين", 0}, {"وتين", 1}}},
        {"وبوتين", {{"وبوتين", 0}, {"بوتين", 1}, {"وتين", 2}}},
        {"فلبنان", {{"فلبنان", 0}, {"لبنان", 1}, {"بنان", 2}}},
        {"للجيش", {{"للجيش", 0}, {"الجيش", 1, true}, {"لجيش", 1}}},
        {"وللجيش", {{"وللجيش", 0}, {"للجيش", 1}, {"الجيش", 2, true}, {"لجيش", 2}}},
        {"كالعاده", {{"كالعاده", 0}, {"العاده", 1}}},
        // Three letters must remain after each clitic.
        {"وزير", {{"وزير", 0}, {"زير", 1}}},
        {"وبلد", {{"وبلد", 0}, {"بلد", 1}}},
        {"بلد", {{"بلد", 0}}},
        {"لل", {{"لل", 0}}},
        {"", {{"", 0}}},
        {"reuters", {{"reuters", 0}}},
        // Ill-formed bytes read as U+FFFD REPLACEMENT CHARACTER after the word itself.
        {"و\xffبلد", {{"و\xffبلد", 0}, {"\uFFFDبلد", 1}}},
        {"ب\xff\xfeاا", {{"ب\xff\xfeاا", 0}, {"\uFFFD\uFFFDاا", 1}}},
    };
    for (const Row& r : rows) {
        INFO(r.folded);
        const std::vector<Reading> got = entity_words::readings(r.folded);
        std::string shown;
        for (const Reading& g : got) {
            shown += "[" + g.word + " " + std::to_string(g.clitic) + (g.article ? " +ا" : "") + "]";
        }
        INFO(shown);
        CHECK(same(got, r.expected));
    }
}
