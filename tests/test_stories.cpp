// SPDX-License-Identifier: GPL-3.0-or-later
// Story clustering over a database: which follow-ups and copies join a story, through its
// root, and what becomes of a story when its root is deleted or replaced.
#include <catch2/catch.hpp>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "fahras/common/fingerprint.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/extract/agencies.hpp"
#include "fahras/indexer/boilerplate.hpp"
#include "fahras/indexer/indexer.hpp"
#include "fahras/indexer/readers.hpp"
#include "fahras/indexer/stories.hpp"
#include "test_support.hpp"

using namespace fahras;

namespace {

/// `n` distinct made-up Arabic words (letters chosen by the digits of `first + i` in base 20),
/// so that synthetic texts share exactly the passages a test gives them.
std::string made_up_text(std::size_t first, std::size_t n) {
    static const char* const letters[] = {"ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز",
                                          "س", "ش", "ص", "ض", "ط", "ظ", "ع", "غ", "ف", "ق"};
    std::string out;
    for (std::size_t i = first; i < first + n; ++i) {
        std::string word = "ك";
        for (std::size_t v = i + 20 * 20; v > 0; v /= 20) word += letters[v % 20];
        out += word;
        out += (i % 15 == 14) ? ".\n" : " ";
    }
    return out;
}

struct StoryDb {
    test::TempDir dir;
    IndexOptions options;
    std::ostringstream log, err;

    /// Articles as {id, body}, each from an outlet of its own (so the cross-outlet
    /// containment threshold applies: these tests are about roots and members).
    void write(const std::vector<std::pair<std::string, std::string>>& articles) {
        std::vector<std::array<std::string, 3>> with_source;
        for (const auto& [id, body] : articles) with_source.push_back({id, body, "outlet " + id});
        write_sourced(with_source);
    }
    /// Articles as {id, body, source}.
    void write_sourced(const std::vector<std::array<std::string, 3>>& articles) {
        std::ofstream out(dir / "in.jsonl");
        for (const auto& [id, body, source] : articles) {
            out << nlohmann::json{{"id", id},
                                  {"title", "عنوان " + id},
                                  {"body", body},
                                  {"date", "2018-05-01"},
                                  {"source", source}}
                       .dump()
                << '\n';
        }
    }
    IndexSummary index() {
        options.db = (dir / "db").string();
        options.inputs = {(dir / "in.jsonl").string()};
        options.quiet = true;
        return run_index(options, log, err);
    }
    /// {story key, story root} of article `id`.
    std::pair<std::string, std::string> story_of(const std::string& id) {
        Xapian::Database db(options.db);
        const auto it = db.postlist_begin(id_term(id));
        REQUIRE(it != db.postlist_end(id_term(id)));
        const Xapian::Document doc = db.get_document(*it);
        return {doc.get_value(schema::slot_story), doc.get_value(schema::slot_story_root)};
    }
    Xapian::doccount members(const std::string& key) {
        return Xapian::Database(options.db).get_termfreq(story_term(key));
    }
};

}  // namespace

TEST_CASE("one outlet's follow-ups sharing a paragraph are not one story; two outlets' are",
          "[news][stories]") {
    // b repeats a's middle paragraph (a background paragraph or a quoted statement) and is
    // otherwise new: the containment of the seeds' rewrite, far below a republication's.
    const std::string p1 = made_up_text(0, 150), shared = made_up_text(1000, 30),
                      p3 = made_up_text(2000, 250), p4 = made_up_text(3000, 150);
    const std::string a = p1 + shared + p4, b = p3 + shared;
    FingerprintOptions fo;
    const double c = containment(fingerprint(a, fo), fingerprint(b, fo));
    REQUIRE(c > 0.1);
    REQUIRE(c < 0.25);
    StoryOptions so;
    CHECK(same_story(fingerprint(a, fo), fingerprint(b, fo), so, false));
    CHECK_FALSE(same_story(fingerprint(a, fo), fingerprint(b, fo), so, true));
    {
        StoryDb s;  // one outlet
        s.write_sourced({{"a", a, "s"}, {"b", b, "s"}});
        REQUIRE(s.index().indexed == 2);
        CHECK(s.story_of("b").first != s.story_of("a").first);
    }
    {
        StoryDb s;  // two outlets, or sources unknown (the seeds are plain .txt files)
        s.write_sourced({{"a", a, "x"}, {"b", b, "y"}, {"c", b, ""}});
        REQUIRE(s.index().indexed == 3);
        CHECK(s.story_of("b").first == s.story_of("a").first);
        CHECK(s.story_of("c").first == s.story_of("a").first);
    }
    {
        StoryDb s;  // the threshold is a setting
        s.options.news.stories.same_source_containment = 0.05;
        s.write_sourced({{"a", a, "s"}, {"b", b, "s"}});
        REQUIRE(s.index().indexed == 2);
        CHECK(s.story_of("b").first == s.story_of("a").first);
    }
}

TEST_CASE("an article joins a story through its root, not through any member", "[news][stories]") {
    // a = P1 P2, b = P2 P3, c = P3 P4: b nearly duplicates a (half of it), c nearly
    // duplicates b, c shares nothing with a. Single-link clustering made one story of all
    // three (a~b, b~c); the root rule keeps c out of a's story.
    const std::string p1 = made_up_text(0, 150), p2 = made_up_text(1000, 150),
                      p3 = made_up_text(2000, 150), p4 = made_up_text(3000, 150);
    FingerprintOptions fo;
    REQUIRE(containment(fingerprint(p1 + p2, fo), fingerprint(p2 + p3, fo)) > 0.3);
    REQUIRE(containment(fingerprint(p2 + p3, fo), fingerprint(p3 + p4, fo)) > 0.3);
    REQUIRE(containment(fingerprint(p1 + p2, fo), fingerprint(p3 + p4, fo)) == 0.0);
    StoryDb s;
    s.write({{"a", p1 + p2}, {"b", p2 + p3}, {"c", p3 + p4}});
    REQUIRE(s.index().indexed == 3);
    CHECK(s.story_of("a").first == story_key("a"));
    CHECK(s.story_of("b") == s.story_of("a"));
    CHECK(s.story_of("b").second == "a");
    CHECK(s.story_of("c").first != s.story_of("a").first);
    CHECK(s.story_of("c").first == story_key("c"));  // a story of its own, rooted at itself
    CHECK(s.members(story_key("a")) == 2);
}

TEST_CASE("stories stay consistent when their root is deleted or replaced", "[news][stories]") {
    const std::string p = made_up_text(0, 200);
    const std::string x = made_up_text(5000, 40), y = made_up_text(6000, 40),
                      z = made_up_text(7000, 40);
    StoryDb s;
    SECTION("deleting the root re-roots the story at the member indexed first") {
        s.write({{"a", p}, {"c", p + y}, {"b", p + x}});
        REQUIRE(s.index().indexed == 3);
        REQUIRE(s.members(story_key("a")) == 3);
        s.write({{"c", p + y}, {"b", p + x}});  // a is gone from the input
        const IndexSummary again = s.index();
        CHECK(again.deleted == 1);
        // c was indexed before b: it is the new root, and both carry its key.
        CHECK(s.story_of("c") == std::pair<std::string, std::string>(story_key("c"), "c"));
        CHECK(s.story_of("b") == s.story_of("c"));
        CHECK(s.members(story_key("c")) == 2);
        CHECK(s.members(story_key("a")) == 0);
        // The deleted root, indexed again, joins the story as a member.
        s.write({{"c", p + y}, {"b", p + x}, {"a", p}});
        (void)s.index();
        CHECK(s.story_of("a") == s.story_of("c"));
        CHECK(s.members(story_key("c")) == 3);
    }
    SECTION("deleting a member leaves the story as it was") {
        s.write({{"a", p}, {"b", p + x}, {"c", p + y}});
        (void)s.index();
        s.write({{"a", p}, {"c", p + y}});
        (void)s.index();
        CHECK(s.story_of("c").first == story_key("a"));
        CHECK(s.members(story_key("a")) == 2);
    }
    SECTION("a root re-indexed with a light edit stays the root") {
        s.write({{"a", p}, {"b", p + x}, {"c", p + y}});
        (void)s.index();
        s.write({{"a", p + z}, {"b", p + x}, {"c", p + y}});
        CHECK(s.index().replaced == 1);
        CHECK(s.story_of("a").first == story_key("a"));
        CHECK(s.story_of("b").first == story_key("a"));
        CHECK(s.members(story_key("a")) == 3);
    }
    SECTION("a root re-indexed with other text leaves its story, which is re-rooted") {
        s.write({{"a", p}, {"b", p + x}, {"c", p + y}});
        (void)s.index();
        s.write({{"a", made_up_text(9000, 200)}, {"b", p + x}, {"c", p + y}});
        (void)s.index();
        CHECK(s.story_of("b") == std::pair<std::string, std::string>(story_key("b"), "b"));
        CHECK(s.story_of("c").first == story_key("b"));
        CHECK(s.story_of("a").first == story_key("a"));
        CHECK(s.members(story_key("a")) == 1);
        CHECK(s.members(story_key("b")) == 2);
    }
}

TEST_CASE("fingerprint_words samples the stable_hash of each shingle's words, space after each",
          "[stories]") {
    const std::vector<std::string> words{"قال",     "الرئيس", "ان",   "المفاوضات", "ستستانف",
                                         "غدا",     "في",     "جنيف", "قال",       "الرئيس",
                                         "reuters", "2015",   "",     "جنيف"};
    for (const std::size_t k : {std::size_t{1}, std::size_t{3}, std::size_t{5}, std::size_t{20}}) {
        for (const std::uint32_t modulus : {1U, 4U}) {
            INFO("k " << k << " modulus " << modulus);
            FingerprintOptions fo;
            fo.shingle_words = k;
            fo.modulus = modulus;
            // The definition, with the shingles written out.
            std::vector<std::uint64_t> all;
            const std::size_t count = words.size() >= k ? words.size() - k + 1 : 1;
            for (std::size_t i = 0; i < count; ++i) {
                std::string shingle;
                for (std::size_t j = i; j < std::min(i + k, words.size()); ++j) {
                    shingle += words[j] + " ";
                }
                all.push_back(stable_hash(shingle));
            }
            std::sort(all.begin(), all.end());
            all.erase(std::unique(all.begin(), all.end()), all.end());
            std::vector<std::uint32_t> samples;
            for (const std::uint64_t h : all) {
                if (h % modulus == 0) samples.push_back(static_cast<std::uint32_t>(h >> 32));
            }
            std::sort(samples.begin(), samples.end());
            samples.erase(std::unique(samples.begin(), samples.end()), samples.end());
            const Fingerprint fp = fingerprint_words(words, fo);
            CHECK(fp.samples == samples);
            CHECK(fp.shingles == all.size());
            CHECK(fp.words == words.size());
        }
    }
}
