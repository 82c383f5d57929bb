// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <xapian.h>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/article.hpp"
#include "fahras/common/terms.hpp"

namespace fahras {

/// Builds the Xapian document of an article: every term set, value slot and the document
/// data laid down in schema.hpp. Pure: no database access.
[[nodiscard]] Xapian::Document make_document(const Article& article, const Analyzer& analyzer);

}  // namespace fahras
