// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The parts of the NER model that the tagger, the trainer and the tests share: BIO labels,
// the open-addressing table the weights live in, the embedded word lists, the model file
// and Viterbi decoding. See docs/NER.md.

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "fahras/extract/ner.hpp"

namespace fahras::ner {

/// BIO labels over four entity classes. The order is part of the model file format.
enum Label : std::uint8_t {
    O = 0,
    B_PER,
    I_PER,
    B_LOC,
    I_LOC,
    B_ORG,
    I_ORG,
    B_MISC,
    I_MISC,
};
inline constexpr std::size_t label_count = 9;

/// "O", "B-PERS", "I-PERS", "B-LOC", … (ANERcorp's tag names).
[[nodiscard]] std::string_view label_name(std::size_t label) noexcept;

/// The label of a CoNLL tag (ANERcorp's B-PERS/I-PERS/B-LOC/…, also B-PER); nullopt for an
/// unknown tag. "O" and "" map to O.
[[nodiscard]] std::optional<Label> label_from_tag(std::string_view tag) noexcept;

[[nodiscard]] constexpr bool is_begin(std::size_t label) noexcept {
    return label % 2 == 1;
}
[[nodiscard]] constexpr bool is_inside(std::size_t label) noexcept {
    return label != 0 && label % 2 == 0;
}
/// Entity class of a non-O label: 0 person, 1 place, 2 organisation, 3 misc.
[[nodiscard]] constexpr std::size_t class_of(std::size_t label) noexcept {
    return (label - 1) / 2;
}
/// BIO constraint: I-X may only follow B-X or I-X. `previous` == label_count means "start".
[[nodiscard]] constexpr bool allowed(std::size_t previous, std::size_t label) noexcept {
    if (!is_inside(label)) return true;
    return previous != label_count && previous != 0 && class_of(previous) == class_of(label);
}

/// A span of labels [first, last) of entity class `cls` (0..3), as conlleval reads BIO:
/// an I-X that does not continue an X starts a new mention.
struct LabelSpan {
    std::size_t first = 0;
    std::size_t last = 0;
    std::size_t cls = 0;
    friend bool operator==(const LabelSpan&, const LabelSpan&) = default;
};
[[nodiscard]] std::vector<LabelSpan> spans_of(const std::vector<std::uint8_t>& labels);

/// Open-addressing hash table from non-zero 64-bit keys (feature hashes) to values, with
/// linear probing and a load factor of at most one half. Built once, then read-only, so
/// concurrent lookups are safe.
template <class Value>
class FlatTable {
  public:
    /// Inserts or overwrites. `key` must not be 0.
    void insert(std::uint64_t key, const Value& value) {
        if ((m_size + 1) * 2 > m_slots.size()) grow();
        std::size_t i = key & m_mask;
        while (m_slots[i].key != 0 && m_slots[i].key != key) i = (i + 1) & m_mask;
        if (m_slots[i].key == 0) ++m_size;
        m_slots[i].key = key;
        m_slots[i].value = value;
    }

    /// The value of `key`, or nullptr.
    [[nodiscard]] const Value* find(std::uint64_t key) const noexcept {
        if (m_slots.empty()) return nullptr;
        std::size_t i = key & m_mask;
        while (m_slots[i].key != 0) {
            if (m_slots[i].key == key) return &m_slots[i].value;
            i = (i + 1) & m_mask;
        }
        return nullptr;
    }

    /// The value of `key`, inserted value-initialised when absent. `key` must not be 0.
    [[nodiscard]] Value& slot(std::uint64_t key) {
        if ((m_size + 1) * 2 > m_slots.size()) grow();
        std::size_t i = key & m_mask;
        while (m_slots[i].key != 0 && m_slots[i].key != key) i = (i + 1) & m_mask;
        if (m_slots[i].key == 0) {
            ++m_size;
            m_slots[i].key = key;
        }
        return m_slots[i].value;
    }

    [[nodiscard]] std::size_t size() const noexcept { return m_size; }

    /// Hints the CPU to fetch the home slot of `key` (lookups of a batch then overlap).
    void prefetch(std::uint64_t key) const noexcept {
        if (!m_slots.empty()) __builtin_prefetch(&m_slots[key & m_mask]);
    }

    /// Calls f(key, value) for every entry, in slot order.
    template <class F>
    void for_each(F&& f) const {
        for (const auto& s : m_slots) {
            if (s.key != 0) f(s.key, s.value);
        }
    }

  private:
    struct Slot {
        std::uint64_t key = 0;
        Value value{};
    };

    void grow() {
        std::vector<Slot> old = std::move(m_slots);
        m_slots.assign(old.empty() ? 16 : old.size() * 2, Slot{});
        m_mask = m_slots.size() - 1;
        m_size = 0;
        for (const auto& s : old) {
            if (s.key != 0) insert(s.key, s.value);
        }
    }

    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    std::size_t m_size = 0;
};

/// Bits of a phrase entry in the word lists: which entity classes the phrase names.
enum LexiconBits : std::uint16_t {
    lex_person = 1,
    lex_place = 2,
    lex_organisation = 4,
    lex_misc = 8,
    /// Single-word entries: a known person-name word (given or family name).
    lex_name_word = 16,
    /// Single-word entries: a word that occurs as a transliterated foreign name.
    lex_foreign_word = 32,
    /// Single-word entries: seen often in a large news corpus (the two bits make three
    /// frequency classes above "rare").
    lex_frequent = 64,
    lex_very_frequent = 128,
    /// The phrase is the beginning of a longer listed phrase: matching goes on.
    lex_prefix = 256,
};
/// The bits that say what kind of name a word or phrase is (all but the frequency bits).
inline constexpr std::uint8_t lex_name_bits = 63;

/// The word lists embedded in the model (built at training time from gazetteers and name
/// lists). Keys are phrase hashes (see ner_features.hpp: phrase_hash()), so the lists cost
/// 9 bytes an entry and need no strings at run time.
struct NerLexicon {
    FlatTable<std::uint16_t> entries;  ///< phrase hash → LexiconBits
    std::size_t max_words = 1;         ///< longest phrase, in words
    /// Distributional word classes learnt from unlabelled news (lexicon_hash of a folded
    /// word → cluster_fine(v), cluster_coarse(v)); words outside the clustered vocabulary
    /// are absent. Empty in a model trained without clusters.
    FlatTable<std::uint16_t> clusters;

    /// The packed cluster value of word hash `key` (0 when the word was not clustered).
    [[nodiscard]] std::uint16_t cluster(std::uint64_t key) const noexcept {
        const auto* v = clusters.find(key);
        return v == nullptr ? 0 : *v;
    }

    /// ORs `bits` into the entry of the phrase whose words have the hashes `words` (see
    /// ner_features.hpp: hash_bytes of the folded words) and marks its beginnings with
    /// lex_prefix.
    void add(const std::vector<std::uint64_t>& words, std::uint16_t bits);
    /// The bits of the phrase with hash `key` (0 when absent).
    [[nodiscard]] std::uint16_t lookup(std::uint64_t key) const noexcept {
        const auto* v = entries.find(key);
        return v == nullptr ? 0 : *v;
    }
};

/// Packing of a word's clusters: fine class 1..511 in the low 9 bits, coarse class 1..127
/// above them; 0 means "not clustered".
[[nodiscard]] constexpr std::uint16_t pack_cluster(unsigned fine, unsigned coarse) noexcept {
    return static_cast<std::uint16_t>((fine & 511U) | ((coarse & 127U) << 9));
}
[[nodiscard]] constexpr unsigned cluster_fine(std::uint16_t v) noexcept {
    return v & 511U;
}
[[nodiscard]] constexpr unsigned cluster_coarse(std::uint16_t v) noexcept {
    return v >> 9;
}

/// Weights of one feature, one per label.
using LabelWeights = std::array<float, label_count>;

/// Transition weights: row `label_count` is the start of a sequence.
using Transitions = std::array<std::array<float, label_count>, label_count + 1>;

/// A trained model: feature weights, label transitions and word lists.
class NerModel {
  public:
    /// Version of the feature templates the weights were trained with (see
    /// ner_features.hpp: feature_version); a model of another version is refused.
    std::uint32_t feature_version = 0;
    FlatTable<LabelWeights> weights;
    Transitions transitions{};
    NerLexicon lexicon;
    /// The second pass (since file format 3): weights over the same features plus the
    /// article-level ones (append_doc_features), computed from the first pass's labels of
    /// the whole text. Empty: the model tags in one pass.
    FlatTable<LabelWeights> weights2;
    Transitions transitions2{};
    /// The article-level template groups of the second pass (ner_features.hpp:
    /// DocTemplates).
    std::uint32_t doc_templates = 0;

    /// True when the model has a second, article-level pass.
    [[nodiscard]] bool two_pass() const noexcept { return weights2.size() > 0; }

    /// Writes the model, gzip-compressed. Throws Error on an I/O failure.
    void save(const std::filesystem::path& path) const;
    /// Reads a model written by save(). Throws Error on an I/O failure or a bad file.
    [[nodiscard]] static NerModel load(const std::filesystem::path& path);
};

/// The best label sequence under BIO constraints (Viterbi). `emissions` holds
/// `n * label_count` scores, token-major. Writes `n` labels to `out`.
void viterbi(const float* emissions, std::size_t n, const Transitions& transitions,
             std::uint8_t* out);

}  // namespace fahras::ner
