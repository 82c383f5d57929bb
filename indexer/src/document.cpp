// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/document.hpp"

#include <optional>

#include <nlohmann/json.hpp>

#include "document_entities.hpp"
#include "fahras/common/exact_terms.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/stored_fields.hpp"
#include "fahras/indexer/document_dates.hpp"

namespace fahras {

namespace {

/// Adds the terms of one field. Unprefixed folded terms carry positions for phrases;
/// `Z` stems and `XE` exact forms do not (`exact` writes the latter, exact_terms.hpp). Title
/// words also go under `S` (positions) and `ZS`, and count `title_wdf_boost` times in the `Z`
/// ranking terms.
/// Returns the position after the last word. The words are also appended to `keep` when it is
/// not null (the date extractor reads them instead of analysing the text again).
Xapian::termpos index_field(Xapian::Document& doc, const Analyzer& analyzer, std::string_view text,
                            Xapian::termpos first_position, bool is_title, ExactFormTerms& exact,
                            std::vector<Token>* keep = nullptr,
                            std::vector<std::string>* words = nullptr) {
    Xapian::termpos next = first_position;
    const Xapian::termcount wdf = is_title ? schema::title_wdf_boost : 1;
    std::string term;
    analyzer.analyze(text, [&](const Token& t) {
        if (keep != nullptr) keep->push_back(t);
        if (words != nullptr) words->push_back(t.folded);
        const Xapian::termpos pos = first_position + t.position;
        next = pos + 1;
        doc.add_posting(t.folded, pos);
        term.assign(schema::stem).append(t.stem);
        doc.add_term(term, wdf);
        exact.add(t, doc);
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

AnalysedDocument analyse_document(const Article& article, const Analyzer& analyzer,
                                  const DocumentOptions& options) {
    AnalysedDocument out;
    Xapian::Document& doc = out.doc;
    std::vector<Token> title_tokens;
    std::vector<Token> body_tokens;
    const EntityExtractor* extractor = options.extractor;
    const bool extract = extractor != nullptr;
    // Tokens are kept for the date extractor and the entity extractor.
    const bool keep = options.extract_dates || extract;
    // One collector for title and body: `XV` says a word is in neither in its folded spelling.
    ExactFormTerms exact;
    const Xapian::termpos after_title =
        index_field(doc, analyzer, article.title, 1, true, exact, keep ? &title_tokens : nullptr,
                    &out.title_words);
    // Entities are extracted from the indexed body, so that lines news cleaning
    // left out of the index (related links, credits) add no entity terms either.
    std::string_view entity_body = article.body;
    std::vector<Token> indexed_body_tokens;
    std::optional<ArticleDates> dates;
    if (article.indexed_body) {
        // News cleaning left lines out of the indexed text; date offsets must still point into
        // the stored body, so its tokens are taken from the body as given — and let go before
        // the indexed body's are made: one long article's tokens take tens of MB.
        if (options.extract_dates) body_tokens = analyzer.analyze(article.body);
        dates = article_dates(article, options.extract_dates, &title_tokens, &body_tokens);
        std::vector<Token>().swap(body_tokens);
        index_field(doc, analyzer, *article.indexed_body, after_title + schema::title_body_gap,
                    false, exact, extract ? &indexed_body_tokens : nullptr, &out.body_words);
        entity_body = *article.indexed_body;
    } else {
        index_field(doc, analyzer, article.body, after_title + schema::title_body_gap, false, exact,
                    keep ? &body_tokens : nullptr, &out.body_words);
        dates = article_dates(article, options.extract_dates, &title_tokens, &body_tokens);
        if (!extract) std::vector<Token>().swap(body_tokens);
    }
    exact.finish(doc);

    doc.add_boolean_term(id_term(article.id));
    doc.add_value(schema::slot_id, article.id);
    for (const std::string& t : sample_terms(article.id)) doc.add_boolean_term(t);
    if (auto t = source_term(article.source); !t.empty()) doc.add_boolean_term(t);
    if (auto t = category_term(article.category); !t.empty()) doc.add_boolean_term(t);

    add_date_terms(doc, *dates);
    if (!article.source.empty()) doc.add_value(schema::slot_source, article.source);
    if (!article.category.empty()) doc.add_value(schema::slot_category, article.category);

    nlohmann::json data = {
        {stored::id, article.id},         {stored::title, article.title},
        {stored::body, article.body},     {stored::date, article.date},
        {stored::source, article.source}, {stored::url, article.url},
        {stored::author, article.author}, {stored::category, article.category},
        {stored::path, article.path},
    };
    if (article.line != 0) data[stored::line] = article.line;
    add_date_data(data, article, *dates);
    if (extract) {
        // Title mentions first: a name in the title is the most salient. Body token indices
        // are shifted past the title's so that "first mention" orders across both.
        std::vector<EntityMention> mentions = extractor->extract(article.title, title_tokens);
        for (EntityMention& m : extractor->extract(
                 entity_body, article.indexed_body ? indexed_body_tokens : body_tokens)) {
            m.first_token += title_tokens.size();
            m.last_token += title_tokens.size();
            mentions.push_back(std::move(m));
        }
        std::vector<DocumentEntity> found = document_entities(mentions);
        add_entities(doc, data, found);
        out.entities = std::move(found);
    }
    doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return out;
}

Xapian::Document make_document(const Article& article, const Analyzer& analyzer,
                               const DocumentOptions& options) {
    return analyse_document(article, analyzer, options).doc;
}

}  // namespace fahras
