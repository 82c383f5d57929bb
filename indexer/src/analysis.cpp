// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis.hpp"

namespace fahras {

PreparedArticle ArticlePreparer::prepare(const Article& article) const {
    PreparedArticle out;
    out.news = clean_news(article, m_boilerplate, m_news->cleaning);
    const NewsText& news = out.news;
    DocumentOptions options = m_document;  // entities (docs/ENTITIES.md) when enabled
    options.entities = &out.entities;
    // The fingerprint's words are those of the indexed body (or of the title when the body
    // is empty), as make_document() analyses them: taken from there, not analysed again.
    std::vector<std::string> title_words;
    std::vector<std::string> body_words;
    options.title_words = &title_words;
    options.body_words = &body_words;
    if (news.dropped.empty()) {
        out.doc = make_document(article, *m_analyzer, options);
    } else {
        Article indexed = article;
        indexed.indexed_body = news.body;
        out.doc = make_document(indexed, *m_analyzer, options);
    }
    add_news_terms(out.doc, news);
    const std::string& text = news.dropped.empty() ? article.body : news.body;
    out.fingerprint = fingerprint_words(text.empty() ? title_words : body_words,
                                        m_news->stories.fingerprint);
    return out;
}

}  // namespace fahras
