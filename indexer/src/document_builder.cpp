// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/document_builder.hpp"

#include <utility>

#include <nlohmann/json.hpp>

#include "fahras/common/schema.hpp"
#include "fahras/common/stored_fields.hpp"

namespace fahras {

namespace {

/// slot_article_line's value: the line number, "" (no value) for a whole-file article.
std::string line_value(std::size_t line) {
    return line != 0 ? std::to_string(line) : std::string();
}

}  // namespace

AnalysedArticle DocumentBuilder::analyse(const Article& article) const {
    AnalysedArticle out;
    out.news = clean_news(article, m_boilerplate, m_news->cleaning);
    const NewsText& news = out.news;
    AnalysedDocument analysed;
    if (news.dropped.empty()) {
        analysed = analyse_document(article, *m_analyzer, m_document);
    } else {
        Article indexed = article;
        indexed.indexed_body = news.body;
        analysed = analyse_document(indexed, *m_analyzer, m_document);
    }
    out.doc = std::move(analysed.doc);
    out.entities = std::move(analysed.entities);
    add_news_terms(out.doc, news);
    // The fingerprint's words are those of the indexed body (or of the title when the body
    // is empty), as analyse_document() analysed them.
    const std::string& text = news.dropped.empty() ? article.body : news.body;
    out.fingerprint = fingerprint_words(text.empty() ? analysed.title_words : analysed.body_words,
                                        m_news->stories.fingerprint);
    return out;
}

FinishedDocument DocumentBuilder::finish(AnalysedArticle&& analysed, const StoredAs& stored) const {
    FinishedDocument out;
    out.doc = std::move(analysed.doc);
    Xapian::Document& doc = out.doc;
    const std::vector<std::uint32_t>& samples = analysed.fingerprint.samples;
    if (m_news->stories.enabled) {
        out.shingles.reserve(samples.size());
        for (const std::uint32_t h : samples) {
            out.shingles.push_back(shingle_term(h));
            doc.add_boolean_term(out.shingles.back());
        }
    }
    doc.add_boolean_term(story_term(stored.story.key));
    doc.add_value(schema::slot_story, stored.story.key);
    doc.add_value(schema::slot_story_root, stored.story.root);
    if (!stored.story.date.empty()) doc.add_value(schema::slot_story_date, stored.story.date);
    doc.add_value(schema::slot_shingle_count, std::to_string(samples.size()));

    doc.add_boolean_term(std::string(schema::source_file) + stored.file_key);
    doc.add_value(schema::slot_article_hash, stored.hash);
    if (stored.line != 0) doc.add_value(schema::slot_article_line, line_value(stored.line));
    return out;
}

bool restamp_line(Xapian::Document& stored, std::size_t line) {
    const std::string value = line_value(line);
    if (stored.get_value(schema::slot_article_line) == value) return false;
    nlohmann::json data = nlohmann::json::parse(stored.get_data(), nullptr, false);
    if (data.is_object()) {
        data[stored::line] = line;
        stored.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    stored.add_value(schema::slot_article_line, value);
    return true;
}

}  // namespace fahras
