// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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
    /// When not null, receives the document's entities (for the database's entity catalogue).
    std::vector<DocumentEntity>* entities = nullptr;
    /// When not null, receive the folded words of the title and of the indexed body, in order
    /// (the fingerprint is computed from them: no second analysis of the body).
    std::vector<std::string>* title_words = nullptr;
    std::vector<std::string>* body_words = nullptr;
};

/// Builds the Xapian document of an article: every term set, value slot and the document
/// data laid down in schema.hpp. Pure: no database access.
[[nodiscard]] Xapian::Document make_document(const Article& article, const Analyzer& analyzer,
                                             const DocumentOptions& options = {});

/// As above, and with entities when `extractor` is given: boolean terms per type
/// (schema::entity_person …), the persons/places/organisations value-slot ranges (most salient
/// first) and the document data's "entities" list. `entities` (may be null) receives the
/// document's entities, e.g. for the database's entity catalogue.
[[nodiscard]] Xapian::Document make_document(const Article& article, const Analyzer& analyzer,
                                             const EntityExtractor* extractor,
                                             std::vector<DocumentEntity>* entities);

}  // namespace fahras
