// SPDX-License-Identifier: GPL-3.0-or-later
// `=word` since schema version 6 (fahras/common/exact_terms.hpp): `XE` terms only for exact
// forms that differ from their folded form, `XV` for words present only in other spellings.
// `=word` must still find exactly the articles with that spelling, whether or not the
// spelling equals its folded form.
#include <set>
#include <string>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/exact_terms.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/indexer/document.hpp"
#include "fahras/query/search.hpp"
#include "test_articles_db.hpp"
#include "test_support.hpp"

namespace {

using Ids = std::set<std::string>;

/// مدرسة (U+0629 ARABIC LETTER TEH MARBUTA) folds to مدرسه (U+0647 ARABIC LETTER HEH), which
/// is itself a spelling found in news text; الأمن (U+0623 ARABIC LETTER ALEF WITH HAMZA ABOVE)
/// folds to الامن. Each article has one, the other or both spellings, in title or body.
std::vector<fahras::Article> articles() {
    struct Row {
        const char* id;
        const char* title;
        const char* body;
    };
    const Row rows[] = {
        {"variant", "افتتاح مدرسة", "افتتحت وزارة التعليم مدرسة جديدة وتحدث مسؤول عن الأمن."},
        {"folded", "افتتاح مدرسه", "افتتحت وزاره التعليم مدرسه جديده وتحدث مسئول عن الامن."},
        {"both", "مدرسة جديدة", "قال المدير إن المدرسه مدرسه قديمه وإن الأمن ثم الامن مستتب."},
        {"title-only", "مدرسه الأمن", "لا شيء آخر هنا."},
        {"none", "خبر عن الطقس", "الجو حار في الصيف."},
    };
    std::vector<fahras::Article> out;
    for (const Row& r : rows) {
        fahras::Article a;
        a.id = r.id;
        a.title = r.title;
        a.body = r.body;
        a.date = "2016-01-01";
        a.path = std::string("corpus/") + r.id + ".txt";
        out.push_back(std::move(a));
    }
    return out;
}

const std::string& exact_db() {
    return fahras::test::articles_db<articles>();
}

Ids found(const std::string& query) {
    fahras::Searcher searcher(exact_db());
    fahras::SearchOptions options;
    options.limit = 20;
    Ids out;
    for (const auto& hit : searcher.search(query, options).hits) out.insert(hit.id);
    return out;
}

std::set<std::string> terms_of(const Xapian::Document& doc, const std::string& prefix) {
    std::set<std::string> out;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        const std::string& t = *it;
        if (t.compare(0, prefix.size(), prefix) == 0) out.insert(t);
    }
    return out;
}

}  // namespace

TEST_CASE("=word finds exactly the articles with that spelling", "[exact]") {
    struct Row {
        const char* query;
        Ids expected;
    };
    const Row rows[] = {
        // exact form differs from the folded form: an `XE` term
        {"=مدرسة", {"variant", "both"}},
        {"=الأمن", {"variant", "both", "title-only"}},
        {"=مسؤول", {"variant"}},
        // exact form equals the folded form: the folded term without the `XV` articles
        {"=مدرسه", {"folded", "both", "title-only"}},
        {"=الامن", {"folded", "both"}},
        {"=مسءول", {}},
        // a word without variants anywhere
        {"=افتتاح", {"variant", "folded"}},
        // exact phrases mix both kinds
        {"=\"مدرسة جديدة\"", {"variant", "both"}},
        {"=\"مدرسه جديده\"", {"folded"}},
        // a plain word still matches every spelling
        {"مدرسة", {"variant", "folded", "both", "title-only"}},
    };
    for (const Row& r : rows) {
        CAPTURE(r.query);
        CHECK(found(r.query) == r.expected);
    }
}

TEST_CASE("XE is written only for forms that differ from the folded form", "[exact]") {
    const auto all = articles();
    const auto& analyzer = fahras::default_analyzer();
    const Xapian::Document variant = fahras::make_document(all[0], analyzer);
    CHECK(terms_of(variant, "XE") ==
          std::set<std::string>{"XEمدرسة", "XEوزارة", "XEجديدة", "XEمسؤول", "XEالأمن"});
    CHECK(terms_of(variant, "XV") ==
          std::set<std::string>{"XVمدرسه", "XVوزاره", "XVجديده", "XVمسءول", "XVالامن"});

    // Both spellings in one article (one in the title, one in the body): `XE` for the
    // variant, no `XV`, since the folded spelling is there too.
    const Xapian::Document both = fahras::make_document(all[2], analyzer);
    const auto xe = terms_of(both, "XE");
    CHECK(xe.count("XEمدرسة") == 1);
    CHECK(xe.count("XEمدرسه") == 0);
    const auto xv = terms_of(both, "XV");
    CHECK(xv.count("XVمدرسه") == 0);
    CHECK(xv.count("XVالامن") == 0);

    const Xapian::Document none = fahras::make_document(all[4], analyzer);
    CHECK(terms_of(none, "XE").empty());
    CHECK(terms_of(none, "XV").empty());
}

TEST_CASE("exact_form_query picks the term by whether the form folds", "[exact]") {
    const auto& analyzer = fahras::default_analyzer();
    const auto differs = analyzer.analyze("مسؤول");
    const auto same = analyzer.analyze("مسءول");
    REQUIRE(differs.size() == 1);
    REQUIRE(same.size() == 1);
    const Xapian::Query q1 = fahras::exact_form_query(differs[0]);
    CHECK(std::set<std::string>(q1.get_terms_begin(), q1.get_terms_end()) ==
          std::set<std::string>{"XEمسؤول"});
    const Xapian::Query q2 = fahras::exact_form_query(same[0]);
    CHECK(std::set<std::string>(q2.get_terms_begin(), q2.get_terms_end()) ==
          std::set<std::string>{"مسءول", "XVمسءول"});
}
