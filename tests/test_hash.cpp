// SPDX-License-Identifier: GPL-3.0-or-later
// The stable hashes pinned to known values: story keys, sample terms, shortened terms, file and
// content hashes, shard routing and the shipped NER model's features all depend on them, so a
// changed constant or finaliser must fail here before it reaches a database.

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "fahras/common/fingerprint.hpp"
#include "fahras/common/hash.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/extract/ner_features.hpp"
#include "fahras/indexer/shards.hpp"
#include "fahras/indexer/state.hpp"
#include "fahras/indexer/stories.hpp"

using namespace fahras;

TEST_CASE("FNV-1a gives the published 64-bit test vectors", "[hash]") {
    struct Row {
        const char* text;
        std::uint64_t hash;
    };
    for (const Row& row : {Row{"", 0xcbf29ce484222325ULL}, Row{"a", 0xaf63dc4c8601ec8cULL},
                           Row{"foobar", 0x85944171f73967e8ULL}}) {
        CAPTURE(row.text);
        CHECK(hash::fnv1a(row.text) == row.hash);
        CHECK(ner::hash_bytes(row.text) == row.hash);
    }
    static_assert(hash::fnv1a("a") == 0xaf63dc4c8601ec8cULL, "usable at compile time");
}

TEST_CASE("stable_hash and the story key keep their values", "[hash]") {
    struct Row {
        const char* text;
        std::uint64_t hash;
    };
    for (const Row& row :
         {Row{"", 0x552d3fb62b3c344fULL}, Row{"a", 0xb4d2960f93be2488ULL},
          Row{"abc", 0xcfd2ddeaa83fe67eULL}, Row{"وزير الدفاع", 0x4ccc99759986b583ULL},
          Row{"sample_corpus/ant/x.jsonl#12", 0x0e0fef0181a35803ULL}}) {
        CAPTURE(row.text);
        CHECK(stable_hash(row.text) == row.hash);
    }
    CHECK(story_key("id1") == "6055b3daf9f07df1");
    CHECK(story_key("sample_corpus/ant/x.jsonl#12") == "0e0fef0181a35803");
}

TEST_CASE("sample terms and shortened terms keep their values", "[hash]") {
    CHECK(sample_terms("doc0").empty());
    CHECK(sample_terms("doc2").size() == 3);
    CHECK(sample_terms("doc4").size() == 5);
    CHECK(sample_terms("doc201").size() == 7);
    CHECK(sample_terms("doc838").size() == 8);
    CHECK(sample_terms("doc838").back() == "XSMP8");
    const std::string term = id_term(std::string(300, 'x'));
    CHECK(term.size() == 240);
    CHECK(term.substr(term.size() - 17) == "#2cda778523facbd6");
}

TEST_CASE("NER word hashes and mixes keep their values", "[hash]") {
    CHECK(ner::hash_bytes("شويغو") == 0xd22018f3d1092808ULL);
    CHECK(ner::lexicon_hash("شويغو") == 0x56bb9ef38a8b410eULL);
    CHECK(ner::lexicon_hash("شويجو") == 0x56bb9ef38a8b410eULL);
    CHECK(ner::lexicon_hash("a") == 0xaf63dc4c8601ec8cULL);
    CHECK(ner::mix(1, 2) == 0x51a74dcc781442b5ULL);
    CHECK(ner::mix(0xdeadbeef, 7) == 0x0e05894f840e9d2aULL);
}

TEST_CASE("content hashes and shard routing keep their values", "[hash]") {
    CHECK(hash_hex("") == "efd01f60ba992926");
    CHECK(hash_hex("abc") == "33ebaf9927cbc5bd");
    CHECK(hash_hex("وزير") == "a04477b5c6ea09dd");
    Hasher fields;
    fields.update_field("ab");
    fields.update_field("c");
    CHECK(fields.hex() == "0495f5d642268de7");
    CHECK(shard_of("https://example.com/a", 7) == 6);
    CHECK(shard_of("https://example.com/a", 1000003) == 627346);
    CHECK(shard_of("id-1", 1000003) == 421803);
    CHECK(shard_of("وزير", 1000003) == 145624);
    CHECK(shard_of("anything", 1) == 0);
}
