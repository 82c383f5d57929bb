// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis.hpp"

#include <optional>
#include <thread>
#include <utility>

#include "fahras/indexer/pipeline.hpp"

#include "index_run.hpp"

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
    out.fingerprint =
        fingerprint_words(text.empty() ? title_words : body_words, m_news->stories.fingerprint);
    return out;
}

void observe_boilerplate(const std::vector<InputFile>& files, const ReaderOptions& reader,
                         std::size_t workers, std::size_t queue, BoilerplateTable& table) {
    using Lines = std::pair<Article, std::vector<std::uint64_t>>;
    OrderedPipeline<Article, Lines> pipeline(
        [](Article& a) {
            std::vector<std::uint64_t> hashes = BoilerplateTable::line_hashes(a);
            // Only what observe() reads travels on: the body is no longer needed.
            Article kept;
            kept.source = std::move(a.source);
            kept.url = std::move(a.url);
            return Lines{std::move(kept), std::move(hashes)};
        },
        workers, queue, [](const Article& a) { return a.title.size() + a.body.size(); },
        in_flight_bytes(reader));
    std::thread reading([&] {
        read_all_articles(files, reader, [&](Article&& a) { return pipeline.push(std::move(a)); });
        pipeline.close();
    });
    // Whatever happens here, the reader and the workers are stopped and joined.
    const StopAndJoin<OrderedPipeline<Article, Lines>> join{pipeline, reading};
    while (std::optional<Lines> lines = pipeline.next()) table.observe(lines->first, lines->second);
}

}  // namespace fahras
