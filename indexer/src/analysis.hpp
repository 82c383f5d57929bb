// SPDX-License-Identifier: GPL-3.0-or-later
// The analysis stage of an indexing run (internal to fahras_indexer; analysis.cpp): everything
// done to one article that needs no database, so that it can run in worker threads.
#pragma once

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
#include "fahras/indexer/readers.hpp"

#include "inputs.hpp"

namespace fahras {

/// One article made ready for the writer: its document without the terms and values that
/// depend on the database (file term, hash and line values, story), and what the writer
/// reports or records about it.
struct PreparedArticle {
    Xapian::Document doc;
    NewsText news;                         ///< the news cleaning (dropped lines, agencies)
    std::vector<DocumentEntity> entities;  ///< for the entity catalogue
    Fingerprint fingerprint;               ///< of the cleaned body, for story clustering
};

/// Builds PreparedArticles. Immutable once built, so one instance serves every worker thread:
/// the analyzer, the entity extractor, the tagger and the boilerplate table are only read.
class ArticlePreparer {
  public:
    /// `boilerplate` is the learned table (may be null: nothing learned).
    ArticlePreparer(const Analyzer& analyzer, const DocumentOptions& document,
                    const BoilerplateTable* boilerplate, const NewsOptions& news)
        : m_analyzer(&analyzer), m_document(document), m_boilerplate(boilerplate), m_news(&news) {}

    [[nodiscard]] PreparedArticle prepare(const Article& article) const;

  private:
    const Analyzer* m_analyzer;
    DocumentOptions m_document;
    const BoilerplateTable* m_boilerplate;
    const NewsOptions* m_news;
};

/// The boilerplate-learning pass (news): reads every article of `files` and counts
/// its body lines into `table` (BoilerplateTable::observe), in input order, with the line
/// keys computed by `workers` threads (0: in this thread) and at most `queue` articles in
/// flight. Errors are ignored (the indexing pass reports them). Learning from the counts is
/// the caller's (BoilerplateTable::learn).
void observe_boilerplate(const std::vector<InputFile>& files, const ReaderOptions& reader,
                         std::size_t workers, std::size_t queue, BoilerplateTable& table);

}  // namespace fahras
