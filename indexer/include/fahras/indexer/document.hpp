// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <xapian.h>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/article.hpp"
#include "fahras/common/terms.hpp"

namespace fahras {

/// Switches of the document builder.
struct DocumentOptions {
    /// Extract the dates mentioned in title and body (issue #3). Off only to measure what the
    /// extractor costs (`fahras-index --no-date-extraction`, a diagnostic switch); the
    /// publication date is resolved either way.
    bool extract_dates = true;
};

/// Builds the Xapian document of an article: every term set, value slot and the document
/// data laid down in schema.hpp. Pure: no database access.
[[nodiscard]] Xapian::Document make_document(const Article& article, const Analyzer& analyzer,
                                             const DocumentOptions& options = {});

}  // namespace fahras
