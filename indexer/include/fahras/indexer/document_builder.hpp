// SPDX-License-Identifier: GPL-3.0-or-later
// The document builder of an indexing run: how an article becomes the Xapian document that
// the run stores. Two stages, because the first is the expensive one and needs no database
// (the run's worker threads do it), while the second needs what the run's writer decides.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/article.hpp"
#include "fahras/common/fingerprint.hpp"
#include "fahras/extract/entity_extractor.hpp"
#include "fahras/indexer/boilerplate.hpp"
#include "fahras/indexer/document.hpp"
#include "fahras/indexer/news.hpp"
#include "fahras/indexer/stories.hpp"

namespace fahras {

/// An article analysed for the index (DocumentBuilder::analyse): its document without what
/// needs the run (file, hash, line, story), and what the run reports or records about it.
struct AnalysedArticle {
    Xapian::Document doc;                  ///< analyse_document() and the agency terms
    NewsText news;                         ///< the news cleaning (dropped lines, agencies)
    std::vector<DocumentEntity> entities;  ///< for the entity catalogue
    Fingerprint fingerprint;               ///< of the cleaned body, for story clustering
};

/// What the run knows of an article that its text does not tell.
struct StoredAs {
    std::string file_key;   ///< FileState key of the file it was read from (`XFILE` term)
    std::string hash;       ///< article_hash() (slot_article_hash)
    std::size_t line = 0;   ///< its line in a JSON Lines file (slot_article_line), 0: none
    StoryAssignment story;  ///< StoryClusterer::place()
};

/// The finished document and what the run needs back to follow its writes.
struct FinishedDocument {
    Xapian::Document doc;
    std::vector<std::string> shingles;  ///< its `XSH` terms (WriteIndex::stored)
};

/// Builds the documents of one run. Immutable once built, so one instance serves every worker
/// thread: the analyzer, the entity extractor, the tagger and the boilerplate table are only
/// read.
class DocumentBuilder {
  public:
    /// `boilerplate` is the learned table (may be null: nothing learned).
    DocumentBuilder(const Analyzer& analyzer, const DocumentOptions& document,
                    const BoilerplateTable* boilerplate, const NewsOptions& news)
        : m_analyzer(&analyzer), m_document(document), m_boilerplate(boilerplate), m_news(&news) {}

    /// The first stage, no database: news cleaning, analyse_document() over the cleaned body,
    /// agency terms and values, the story fingerprint.
    [[nodiscard]] AnalysedArticle analyse(const Article& article) const;

    /// The second stage: `analysed` with what the run decided about it — its file term, hash
    /// and line values, shingle terms (when stories are enabled), story term and values.
    [[nodiscard]] FinishedDocument finish(AnalysedArticle&& analysed, const StoredAs& stored) const;

  private:
    const Analyzer* m_analyzer;
    DocumentOptions m_document;
    const BoilerplateTable* m_boilerplate;
    const NewsOptions* m_news;
};

/// Gives `stored`, a document read from the database whose article is unchanged, its article's
/// `line` in its file now (data "line" and slot_article_line). Returns false, changing
/// nothing, when it has that line already. Its terms are untouched, so Xapian rewrites none
/// when it is replaced.
[[nodiscard]] bool restamp_line(Xapian::Document& stored, std::size_t line);

}  // namespace fahras
