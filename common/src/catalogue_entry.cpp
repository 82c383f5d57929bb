// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/catalogue_entry.hpp"

#include <nlohmann/json.hpp>

#include "fahras/common/schema.hpp"

namespace fahras {

namespace {

/// Xapian refuses longer metadata keys (its term length limit, with room to spare).
constexpr std::size_t max_key_bytes = 240;

std::string string_member(const nlohmann::json& json, const char* key) {
    const auto it = json.find(key);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strings_member(const nlohmann::json& json, const char* key) {
    std::vector<std::string> out;
    const auto it = json.find(key);
    if (it == json.end() || !it->is_array()) return out;
    for (const auto& v : *it) {
        if (v.is_string()) out.push_back(v.get<std::string>());
    }
    return out;
}

}  // namespace

std::string catalogue_key(std::string_view id) {
    std::string key(schema::meta_entity_prefix);
    key += id;
    return key.size() > max_key_bytes ? std::string() : key;
}

std::string encode_catalogue_entry(const CatalogueEntry& entry) {
    const nlohmann::json json = {{"type", entry.type},
                                 {"name", entry.name},
                                 {"latin", entry.latin},
                                 {"aliases", entry.aliases},
                                 {"variants", entry.variants}};
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<CatalogueEntry> decode_catalogue_entry(std::string_view value) {
    const nlohmann::json json = nlohmann::json::parse(value, nullptr, false);
    if (!json.is_object()) return std::nullopt;
    CatalogueEntry entry;
    entry.type = string_member(json, "type");
    entry.name = string_member(json, "name");
    entry.latin = string_member(json, "latin");
    entry.aliases = strings_member(json, "aliases");
    entry.variants = strings_member(json, "variants");
    return entry;
}

}  // namespace fahras
