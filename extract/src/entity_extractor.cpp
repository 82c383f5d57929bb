// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/extract/entity_extractor.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <unordered_map>

#include "fahras/common/utf8.hpp"
#include "fahras/extract/ner.hpp"

#include "entity_extraction.hpp"  // the work of one extract() (private to extract/src)
#include "entity_words.hpp"

namespace fahras {

using namespace entity_words;  // readings, cue words

std::string_view to_string(MentionSource source) noexcept {
    switch (source) {
        case MentionSource::gazetteer:
            return "gazetteer";
        case MentionSource::variant:
            return "variant";
        case MentionSource::cue:
            return "cue";
        case MentionSource::tagger:
            return "tagger";
        case MentionSource::coreference:
            return "coreference";
    }
    return "gazetteer";
}

std::string unknown_entity_id(std::string_view folded_name) {
    return "name:" + std::string(folded_name);
}

EntityExtractor::EntityExtractor(const Gazetteer& gazetteer, ExtractorOptions options,
                                 const NerTagger* tagger)
    : m_gazetteer(gazetteer), m_options(options), m_tagger(tagger) {
    const auto& entities = m_gazetteer.entities();
    for (std::size_t e = 0; e < entities.size(); ++e) {
        if (entities[e].kind != EntityKind::person) continue;
        std::vector<std::string> names{entities[e].name};
        names.insert(names.end(), entities[e].aliases.begin(), entities[e].aliases.end());
        for (const std::string& name : names) {
            const std::string folded = fold_name(name);
            const std::size_t space = folded.rfind(' ');
            if (space == std::string::npos) continue;  // one word, or a Latin alias's last
            const std::string last = folded.substr(space + 1);
            if (utf8::length(last) < min_stem_letters) continue;
            for (const std::string& key : {last, " " + name_loose_key(last)}) {
                const auto [it, added] = m_surname_of.emplace(key, e);
                if (!added && it->second != e) it->second = std::size_t(-1);
            }
        }
    }
}

EntityExtractor::EntityExtractor(std::shared_ptr<const Gazetteer> gazetteer,
                                 ExtractorOptions options, const NerTagger* tagger)
    : EntityExtractor(*gazetteer, options, tagger) {
    m_owned_gazetteer = std::move(gazetteer);
}

std::unique_ptr<EntityExtractor> make_entity_extractor(const ExtractorSetup& setup) {
    std::shared_ptr<Gazetteer> extended;
    if (!setup.gazetteers.empty()) {
        extended = std::make_shared<Gazetteer>(default_gazetteer());
        for (const std::string& file : setup.gazetteers) extended->load_tsv(file);
    }
    const NerTagger* tagger = !setup.tagger            ? nullptr
                              : setup.ner_article_pass ? &NerTagger::default_tagger()
                                                       : &NerTagger::default_first_pass_tagger();
    if (!extended) {
        return std::make_unique<EntityExtractor>(default_gazetteer(), ExtractorOptions{}, tagger);
    }
    return std::make_unique<EntityExtractor>(std::shared_ptr<const Gazetteer>(std::move(extended)),
                                             ExtractorOptions{}, tagger);
}

std::vector<EntityMention> EntityExtractor::extract(std::string_view text,
                                                    const std::vector<Token>& tokens,
                                                    const std::vector<TaggedSpan>& tagged) const {
    if (tagged.empty() && m_tagger != nullptr) {
        std::vector<TaggedSpan> spans;
        for (const NerSpan& span : m_tagger->tag(text, tokens)) {
            TaggedSpan t{span.first, span.last, EntityKind::person, span.confidence};
            switch (span.type) {
                case EntityType::person:
                    t.kind = EntityKind::person;
                    break;
                case EntityType::place:
                    t.kind = EntityKind::place;
                    break;
                case EntityType::organisation:
                    t.kind = EntityKind::organisation;
                    break;
                case EntityType::misc:
                    continue;
            }
            spans.push_back(t);
        }
        return extraction::Extraction(m_gazetteer, m_options, text, tokens, m_surname_of)
            .run(spans, true);
    }
    return extraction::Extraction(m_gazetteer, m_options, text, tokens, m_surname_of)
        .run(tagged, !tagged.empty());
}

std::vector<DocumentEntity> document_entities(const std::vector<EntityMention>& mentions) {
    std::vector<DocumentEntity> out;
    std::unordered_map<std::string, std::size_t> index;
    for (const EntityMention& m : mentions) {
        if (m.id.empty()) continue;
        auto [it, added] = index.emplace(m.id, out.size());
        if (added) {
            out.push_back({m.id, m.kind, m.name, m.latin, 0, m.first_token, {}});
        }
        DocumentEntity& e = out[it->second];
        ++e.count;
        if (std::find(e.variants.begin(), e.variants.end(), m.surface) == e.variants.end()) {
            e.variants.push_back(m.surface);
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const DocumentEntity& a, const DocumentEntity& b) {
        if (a.count != b.count) return a.count > b.count;
        return a.first < b.first;
    });
    return out;
}

}  // namespace fahras
