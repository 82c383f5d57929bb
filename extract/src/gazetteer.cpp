// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <fstream>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/data_files.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/common/fields.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/common/utf8.hpp"
#include "fahras/extract/entities.hpp"

namespace fahras {

namespace {

bool has_arabic(std::string_view s) {
    std::size_t pos = 0;
    while (pos < s.size()) {
        const char32_t cp = utf8::decode(s, pos);
        if (cp >= 0x0600 && cp <= 0x06FF) return true;
    }
    return false;
}

}  // namespace

std::string_view to_string(EntityKind kind) noexcept {
    switch (kind) {
        case EntityKind::person:
            return "person";
        case EntityKind::place:
            return "place";
        case EntityKind::organisation:
            return "organisation";
    }
    return "place";
}

std::string_view entity_prefix(EntityKind kind) noexcept {
    switch (kind) {
        case EntityKind::person:
            return schema::entity_person;
        case EntityKind::place:
            return schema::entity_place;
        case EntityKind::organisation:
            return schema::entity_organisation;
    }
    return schema::entity_place;
}

std::string entity_term(EntityKind kind, std::string_view id) {
    return entity_id_term(entity_prefix(kind), id);
}

bool parse_entity_kind(std::string_view name, EntityKind& kind) noexcept {
    if (name == "person" || name == "PER" || name == "PERS") {
        kind = EntityKind::person;
    } else if (name == "place" || name == "LOC" || name == "location") {
        kind = EntityKind::place;
    } else if (name == "organisation" || name == "organization" || name == "org" || name == "ORG") {
        kind = EntityKind::organisation;
    } else {
        return false;
    }
    return true;
}

std::string fold_name(std::string_view name) {
    std::string out;
    for (const Token& t : default_analyzer().analyze(name)) {
        if (!out.empty()) out += ' ';
        out += t.folded;
    }
    return out;
}

void Gazetteer::index_name(std::size_t index, std::string_view name) {
    if (!has_arabic(name)) return;
    const std::string folded = fold_name(name);
    if (folded.empty()) return;
    auto add_to = [index](std::vector<std::size_t>& list) {
        if (std::find(list.begin(), list.end(), index) == list.end()) list.push_back(index);
    };
    add_to(m_exact[folded]);
    add_to(m_keys[name_key(folded)]);
    add_to(m_loose_keys[name_loose_key(folded)]);
    std::size_t words = 1;
    for (std::size_t at = folded.find(' '); at != std::string::npos;
         at = folded.find(' ', at + 1)) {
        m_prefixes.insert(folded.substr(0, at));
        ++words;
    }
    m_max_words = std::max(m_max_words, words);
}

void Gazetteer::add(Entity entity) {
    if (const auto it = m_by_id.find(entity.id); it != m_by_id.end()) {
        Entity& existing = m_entities[it->second];
        for (std::string& alias : entity.aliases) {
            if (alias == existing.name ||
                std::find(existing.aliases.begin(), existing.aliases.end(), alias) !=
                    existing.aliases.end()) {
                continue;
            }
            index_name(it->second, alias);
            existing.aliases.push_back(std::move(alias));
        }
        if (existing.latin.empty()) existing.latin = entity.latin;
        return;
    }
    const std::size_t index = m_entities.size();
    m_by_id.emplace(entity.id, index);
    index_name(index, entity.name);
    for (const std::string& alias : entity.aliases) index_name(index, alias);
    m_entities.push_back(std::move(entity));
}

void Gazetteer::load_tsv(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path.string(), 0, "cannot open gazetteer");
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (number == 1 && line.starts_with("canonical_id")) continue;
        if (line.empty() || line[0] == '#') continue;
        if (utf8::first_invalid(line) != std::string_view::npos) {
            throw InputError(path.string(), number, "not valid UTF-8");
        }
        const std::vector<std::string_view> cols = split_fields(line, '\t');
        if (cols.size() < 5) {
            throw InputError(path.string(), number,
                             "expected the columns canonical_id, type, arabic_name, aliases, "
                             "english_name[, source], found " +
                                 std::to_string(cols.size()));
        }
        Entity e;
        if (cols[1] == "MISC") continue;
        if (!parse_entity_kind(cols[1], e.kind)) {
            throw InputError(path.string(), number,
                             "unknown entity type '" + std::string(cols[1]) +
                                 "' (expected PER, LOC, ORG or MISC)");
        }
        if (cols[0].empty() || cols[2].empty()) {
            throw InputError(path.string(), number, "empty canonical_id or arabic_name");
        }
        e.id = std::string(cols[0]);
        e.name = std::string(cols[2]);
        e.latin = std::string(cols[4]);
        if (!cols[3].empty()) {
            for (const std::string_view alias : split_fields(cols[3], '|')) {
                if (!alias.empty()) e.aliases.emplace_back(alias);
            }
        }
        add(std::move(e));
    }
}

void Gazetteer::load_common_words(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path.string(), 0, "cannot open word list");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        m_common.emplace(Analyzer::fold_word(line), m_common.size());
    }
}

const std::vector<std::size_t>* Gazetteer::find_exact(const std::string& folded) const {
    const auto it = m_exact.find(folded);
    return it == m_exact.end() ? nullptr : &it->second;
}

const std::vector<std::size_t>* Gazetteer::find_key(const std::string& key) const {
    const auto it = m_keys.find(key);
    return it == m_keys.end() ? nullptr : &it->second;
}

const std::vector<std::size_t>* Gazetteer::find_loose_key(const std::string& key) const {
    const auto it = m_loose_keys.find(key);
    return it == m_loose_keys.end() ? nullptr : &it->second;
}

const Entity* Gazetteer::find_id(std::string_view id) const {
    const auto it = m_by_id.find(std::string(id));
    return it == m_by_id.end() ? nullptr : &m_entities[it->second];
}

const Gazetteer& default_gazetteer() {
    static const Gazetteer gazetteer = [] {
        Gazetteer g;
        // One file per licence (data/LICENSES.md), in priority order: rows of one id merge,
        // and the first row of an id gives its display name.
        for (const char* file : {"gazetteer/curated.tsv", "gazetteer/gazetteer-odbl.tsv",
                                 "gazetteer/gazetteer-ccbysa.tsv"}) {
            g.load_tsv(find_data_file(file));
        }
        g.load_common_words(find_data_file("gazetteer/common-words.txt"));
        return g;
    }();
    return gazetteer;
}

}  // namespace fahras
