// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis.hpp"

namespace fahras {

PreparedArticle ArticlePreparer::prepare(const Article& article) const {
    PreparedArticle out;
    out.news = clean_news(article, m_boilerplate, m_news->cleaning);
    const NewsText& news = out.news;
    DocumentOptions options = m_document;  // entities (docs/ENTITIES.md) when enabled
    options.entities = &out.entities;
    if (news.dropped.empty()) {
        out.doc = make_document(article, *m_analyzer, options);
    } else {
        Article indexed = article;
        indexed.indexed_body = news.body;
        out.doc = make_document(indexed, *m_analyzer, options);
    }
    add_news_terms(out.doc, news);
    const std::string& text = news.dropped.empty() ? article.body : news.body;
    out.fingerprint = fingerprint(text.empty() ? article.title : text,
                                  m_news->stories.fingerprint, *m_analyzer);
    return out;
}

}  // namespace fahras
