// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The date part of a document: publication date terms and slots, mentioned-date
// terms, the mentioned_month facet slots and the date fields of the document data.

#include <string>
#include <vector>

#include <xapian.h>
#include <nlohmann/json_fwd.hpp>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/article.hpp"
#include "fahras/extract/dates.hpp"

namespace fahras {

/// The dates of one article.
struct ArticleDates {
    dates::PubDate pub;  ///< source DateSource::none when there is none
    /// Dates mentioned in the title, offsets into the title.
    std::vector<dates::MentionedDate> title;
    /// Dates mentioned in the body, offsets into the body.
    std::vector<dates::MentionedDate> body;
};

/// Resolves the publication date of `article` (metadata, then path, then dateline) and, when
/// `extract_mentions`, the dates mentioned in its title and body (relative ones resolved
/// against the publication date). `title_tokens` and `body_tokens`, when given, are the
/// analyser's words of title and body (saves analysing them again).
[[nodiscard]] ArticleDates article_dates(const Article& article, bool extract_mentions = true,
                                         const std::vector<Token>* title_tokens = nullptr,
                                         const std::vector<Token>* body_tokens = nullptr);

/// Adds the date terms and value slots of schema.hpp to `doc`: slot_date "YYYYMMDD" and
/// Y/M/D terms; for each mentioned date XMY/XMM/XMD (and
/// XHY/XHM for Hijri ones); the distinct mentioned year-months, most mentioned first, in the
/// mentioned_month slot range.
void add_date_terms(Xapian::Document& doc, const ArticleDates& dates);

/// Sets the date fields of the document data (see schema.hpp): "date" (ISO YYYY-MM-DD when
/// resolved, else empty), "date_raw" (the input's date as given), "date_source" and
/// "mentioned_dates": [{"value", "text", "start", "end", "precision", "calendar", "hijri" (Hijri
/// only), "kind", "field"}].
void add_date_data(nlohmann::json& data, const Article& article, const ArticleDates& dates);

}  // namespace fahras
