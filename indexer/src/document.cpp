// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/document.hpp"

#include <cctype>

#include <nlohmann/json.hpp>

#include "document_entities.hpp"
#include "fahras/common/schema.hpp"

namespace fahras {

namespace {

/// "YYYYMMDD" from a date that starts with an ISO 8601 calendar date (2015-09-18,
/// 2015-09-18T10:00:00Z); empty otherwise. The date issue widens what is accepted.
std::string sortable_date(std::string_view date) {
    if (date.size() < 10 || date[4] != '-' || date[7] != '-') return {};
    std::string out;
    for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (std::isdigit(static_cast<unsigned char>(date[i])) == 0) return {};
        out += date[i];
    }
    return out;
}

/// Adds the terms of one field. Unprefixed folded terms carry positions for phrases;
/// `Z` stems and `XE` exact forms do not. Title words also go under `S` (positions) and
/// `ZS`, and count `title_wdf_boost` times in the `Z` ranking terms.
/// Returns the position after the last word.
Xapian::termpos index_field(Xapian::Document& doc, const Analyzer& analyzer, std::string_view text,
                            Xapian::termpos first_position, bool is_title,
                            std::vector<Token>* tokens = nullptr) {
    Xapian::termpos next = first_position;
    const Xapian::termcount wdf = is_title ? schema::title_wdf_boost : 1;
    std::string term;
    analyzer.analyze(text, [&](const Token& t) {
        const Xapian::termpos pos = first_position + t.position;
        next = pos + 1;
        if (tokens != nullptr) tokens->push_back(t);
        doc.add_posting(t.folded, pos);
        term.assign(schema::stem).append(t.stem);
        doc.add_term(term, wdf);
        term.assign(schema::exact).append(t.exact);
        doc.add_term(term);
        if (is_title) {
            term.assign(schema::title).append(t.folded);
            doc.add_posting(term, pos);
            term.assign(schema::title_stem).append(t.stem);
            doc.add_term(term);
        }
    });
    return next;
}

}  // namespace

Xapian::Document make_document(const Article& article, const Analyzer& analyzer) {
    return make_document(article, analyzer, nullptr, nullptr);
}

Xapian::Document make_document(const Article& article, const Analyzer& analyzer,
                               const EntityExtractor* extractor,
                               std::vector<DocumentEntity>* entities) {
    Xapian::Document doc;
    std::vector<Token> title_tokens;
    std::vector<Token> body_tokens;
    const bool extract = extractor != nullptr;
    const Xapian::termpos after_title = index_field(doc, analyzer, article.title, 1, true,
                                                    extract ? &title_tokens : nullptr);
    index_field(doc, analyzer, article.body, after_title + schema::title_body_gap, false,
                extract ? &body_tokens : nullptr);

    doc.add_boolean_term(id_term(article.id));
    if (auto t = source_term(article.source); !t.empty()) doc.add_boolean_term(t);
    if (auto t = category_term(article.category); !t.empty()) doc.add_boolean_term(t);

    if (auto d = sortable_date(article.date); !d.empty()) doc.add_value(schema::slot_date, d);
    if (!article.source.empty()) doc.add_value(schema::slot_source, article.source);
    if (!article.category.empty()) doc.add_value(schema::slot_category, article.category);

    nlohmann::json data = {
        {"id", article.id},         {"title", article.title},   {"body", article.body},
        {"date", article.date},     {"source", article.source}, {"url", article.url},
        {"author", article.author}, {"category", article.category}, {"path", article.path},
    };
    if (article.line != 0) data["line"] = article.line;
    if (extract) {
        // Title mentions first: a name in the title is the most salient. Body token indices
        // are shifted past the title's so that "first mention" orders across both.
        std::vector<EntityMention> mentions = extractor->extract(article.title, title_tokens);
        for (EntityMention& m : extractor->extract(article.body, body_tokens)) {
            m.first_token += title_tokens.size();
            m.last_token += title_tokens.size();
            mentions.push_back(std::move(m));
        }
        std::vector<DocumentEntity> found = document_entities(mentions);
        add_entities(doc, data, found);
        if (entities != nullptr) *entities = std::move(found);
    }
    doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return doc;
}

}  // namespace fahras
