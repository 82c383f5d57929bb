// SPDX-License-Identifier: GPL-3.0-or-later
// `fahras-query entities`: what the archive holds.
#include <algorithm>
#include <cctype>
#include <ostream>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fahras/common/errors.hpp"
#include "fahras/extract/entity_resolver.hpp"
#include "fahras/query/cli.hpp"
#include "fahras/query/entity_filters.hpp"
#include "fahras/query/search.hpp"

namespace fahras {

namespace {

/// True when a word of `name` starts with `prefix` (or `prefix` starts `name`, so that several
/// words match too): "Shoigu" finds "Sergei Shoigu", شويغو finds سيرغي شويغو. Words are
/// separated by spaces, hyphens, apostrophes, underscores and colons (ids such as
/// fahras:sergei-shoigu); an Arabic word's article ال is skipped as well, so that أسد finds
/// بشار الأسد.
bool word_starts_with(std::string_view name, std::string_view prefix) {
    constexpr std::string_view article = "\u0627\u0644";  // ALEF, LAM
    const auto separator = [](char c) {
        return c == ' ' || c == '-' || c == '\'' || c == '_' || c == ':';
    };
    for (std::size_t at = 0; at < name.size(); ++at) {
        if (at != 0 && !separator(name[at - 1])) continue;
        const std::string_view word = name.substr(at);
        if (word.starts_with(prefix)) return true;
        if (word.starts_with(article) && word.substr(article.size()).starts_with(prefix)) {
            return true;
        }
    }
    return false;
}

/// True when a word of the name or a seen spelling of `c` starts with the folded Arabic
/// prefix, or a word of its Latin name, Latin aliases or id with the Latin one (case ignored).
bool has_prefix(const CatalogueEntity& c, const std::string& folded_prefix,
                const std::string& latin_prefix) {
    auto arabic = [&](const std::string& s) {
        return word_starts_with(fold_name(s), folded_prefix);
    };
    auto latin = [&](std::string s) {
        for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return word_starts_with(s, latin_prefix);
    };
    if (!folded_prefix.empty()) {
        if (arabic(c.entity.name)) return true;
        return std::any_of(c.variants.begin(), c.variants.end(), arabic);
    }
    return latin(c.entity.latin) || latin(c.entity.id) ||
           std::any_of(c.entity.aliases.begin(), c.entity.aliases.end(), latin);
}

}  // namespace

std::vector<const CatalogueEntity*> select_entities(const std::vector<CatalogueEntity>& all,
                                                    const EntitiesOptions& options) {
    std::optional<EntityKind> kind;
    if (!options.type.empty()) {
        EntityKind k{};
        if (!parse_entity_kind(options.type, k)) {
            throw UsageError("unknown entity type '" + options.type +
                             "' (expected person, place or org)");
        }
        kind = k;
    }
    std::string folded_prefix;
    std::string latin_prefix;
    if (!options.prefix.empty()) {
        folded_prefix = fold_name(options.prefix);
        bool arabic = false;
        for (const unsigned char c : options.prefix) arabic = arabic || c >= 0x80;
        if (!arabic) {
            folded_prefix.clear();
            latin_prefix = options.prefix;
            for (char& ch : latin_prefix) {
                ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            }
        }
    }
    std::vector<const CatalogueEntity*> shown;
    for (const CatalogueEntity& c : all) {
        if (c.articles == 0) continue;
        if (kind && c.entity.kind != *kind) continue;
        if (!options.prefix.empty() && !has_prefix(c, folded_prefix, latin_prefix)) continue;
        shown.push_back(&c);
    }
    std::stable_sort(shown.begin(), shown.end(), [](const auto* a, const auto* b) {
        if (a->articles != b->articles) return a->articles > b->articles;
        return a->entity.id < b->entity.id;
    });
    if (options.top != 0 && shown.size() > options.top) shown.resize(options.top);
    return shown;
}

std::string entities_to_json(const std::vector<const CatalogueEntity*>& entities, int indent) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const CatalogueEntity* c : entities) {
        list.push_back({{"id", c->entity.id},
                        {"type", std::string(to_string(c->entity.kind))},
                        {"name", c->entity.name},
                        {"latin", c->entity.latin},
                        {"articles", c->articles},
                        {"variants", c->variants}});
    }
    return nlohmann::ordered_json{{"entities", std::move(list)}}.dump(
        indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

int run_entities(const EntitiesOptions& options, Console& console) {
    if (options.db.empty()) throw UsageError("--db DIR is required to list entities");
    Searcher searcher(options.db);  // checks the database and its schema version
    const std::vector<CatalogueEntity> all = searcher.entity_catalogue();
    const std::vector<const CatalogueEntity*> shown = select_entities(all, options);
    if (options.format == OutputFormat::json) {
        console.out << entities_to_json(shown, 2) << '\n';
    } else {
        for (const CatalogueEntity* c : shown) {
            console.out << c->articles << '\t' << to_string(c->entity.kind) << '\t' << c->entity.id
                        << '\t' << c->entity.name;
            if (!c->entity.latin.empty()) console.out << " / " << c->entity.latin;
            std::string variants;
            for (const std::string& v : c->variants) {
                if (v == c->entity.name) continue;
                variants += variants.empty() ? "" : "|";
                variants += v;
            }
            console.out << '\t' << variants << '\n';
        }
    }
    return shown.empty() ? query_no_hits : query_hits;
}

}  // namespace fahras
