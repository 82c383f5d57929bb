// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/document.hpp"

#include <nlohmann/json.hpp>

#include "fahras/common/schema.hpp"
#include "fahras/indexer/document_dates.hpp"

namespace fahras {

namespace {

/// Adds the terms of one field. Unprefixed folded terms carry positions for phrases;
/// `Z` stems and `XE` exact forms do not. Title words also go under `S` (positions) and
/// `ZS`, and count `title_wdf_boost` times in the `Z` ranking terms.
/// Returns the position after the last word. The words are also appended to `keep` when it is
/// not null (the date extractor reads them instead of analysing the text again).
Xapian::termpos index_field(Xapian::Document& doc, const Analyzer& analyzer, std::string_view text,
                            Xapian::termpos first_position, bool is_title,
                            std::vector<Token>* keep = nullptr) {
    Xapian::termpos next = first_position;
    const Xapian::termcount wdf = is_title ? schema::title_wdf_boost : 1;
    std::string term;
    analyzer.analyze(text, [&](const Token& t) {
        if (keep != nullptr) keep->push_back(t);
        const Xapian::termpos pos = first_position + t.position;
        next = pos + 1;
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

Xapian::Document make_document(const Article& article, const Analyzer& analyzer,
                               const DocumentOptions& options) {
    Xapian::Document doc;
    std::vector<Token> title_tokens;
    std::vector<Token> body_tokens;
    const bool keep = options.extract_dates;
    const Xapian::termpos after_title = index_field(doc, analyzer, article.title, 1, true,
                                                    keep ? &title_tokens : nullptr);
    index_field(doc, analyzer, article.body, after_title + schema::title_body_gap, false,
                keep ? &body_tokens : nullptr);

    doc.add_boolean_term(id_term(article.id));
    if (auto t = source_term(article.source); !t.empty()) doc.add_boolean_term(t);
    if (auto t = category_term(article.category); !t.empty()) doc.add_boolean_term(t);

    const ArticleDates dates = article_dates(article, options.extract_dates, &title_tokens, &body_tokens);
    add_date_terms(doc, dates);
    if (!article.source.empty()) doc.add_value(schema::slot_source, article.source);
    if (!article.category.empty()) doc.add_value(schema::slot_category, article.category);

    nlohmann::json data = {
        {"id", article.id},         {"title", article.title},   {"body", article.body},
        {"date", article.date},     {"source", article.source}, {"url", article.url},
        {"author", article.author}, {"category", article.category}, {"path", article.path},
    };
    if (article.line != 0) data["line"] = article.line;
    add_date_data(data, article, dates);
    doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return doc;
}

}  // namespace fahras
