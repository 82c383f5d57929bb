// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/article.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/extract/entity_extractor.hpp"

namespace fahras {

/// Switches of the document builder.
struct DocumentOptions {
    /// Extract the dates mentioned in title and body. Off only to measure what the
    /// extractor costs (`fahras-index --no-date-extraction`, a diagnostic switch); the
    /// publication date is resolved either way.
    bool extract_dates = true;
    /// Extract entities with this extractor (docs/ENTITIES.md); none when null.
    const EntityExtractor* extractor = nullptr;
};

/// What analyse_document() makes of an article: its document and what was found on the way.
struct AnalysedDocument {
    /// Every term set, value slot and the document data that the article alone decides.
    Xapian::Document doc;
    /// The document's entities (with an extractor), for the database's entity catalogue.
    std::vector<DocumentEntity> entities;
    /// The folded words of the title and of the indexed body, in order: the story fingerprint
    /// is computed from them, so the body is not analysed twice.
    std::vector<std::string> title_words;
    std::vector<std::string> body_words;
};

/// Builds the Xapian document of an article: every term set, value slot and the document
/// data laid down in schema.hpp that depends on the article alone; with an extractor, the
/// entity terms per type (schema::entity_person …), the persons/places/organisations value
/// ranges (most salient first) and the data's "entities" list. Pure: no database access.
/// What an indexing run adds (file, hash, line, agencies, story) is DocumentBuilder's
/// (document_builder.hpp).
[[nodiscard]] AnalysedDocument analyse_document(const Article& article, const Analyzer& analyzer,
                                                const DocumentOptions& options = {});

/// analyse_document()'s document alone.
[[nodiscard]] Xapian::Document make_document(const Article& article, const Analyzer& analyzer,
                                             const DocumentOptions& options = {});

}  // namespace fahras
