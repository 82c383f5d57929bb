// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The keys of a document's stored data, spelled once for the side that writes it (the indexer:
// indexer/src/document.cpp, document_dates.cpp, document_entities.cpp, document_builder.cpp)
// and the side that reads it (fill_fields() in query/src/search.cpp, through DocumentData).
// tests/test_stored_fields.cpp indexes an article and reads every key back.
//
// The data is one JSON object: "id", "title", "body", "date" (the publication date as ISO
// YYYY-MM-DD when one was resolved, else empty), "date_raw" (the input's string),
// "date_source" (metadata, path, dateline, none), "source", "url", "author", "category",
// "path", "line" (JSON Lines inputs only), "entities" (most salient first) and
// "mentioned_dates" (byte offsets into their field, title or body).

namespace fahras::stored {

inline constexpr const char* id = "id";
inline constexpr const char* title = "title";
inline constexpr const char* body = "body";
inline constexpr const char* date = "date";
inline constexpr const char* date_raw = "date_raw";
inline constexpr const char* date_source = "date_source";
inline constexpr const char* source = "source";
inline constexpr const char* url = "url";
inline constexpr const char* author = "author";
inline constexpr const char* category = "category";
inline constexpr const char* path = "path";
inline constexpr const char* line = "line";
inline constexpr const char* entities = "entities";
inline constexpr const char* mentioned_dates = "mentioned_dates";

/// The members of each element of "entities".
namespace entity {
inline constexpr const char* id = "id";
inline constexpr const char* type = "type";
inline constexpr const char* name = "name";
inline constexpr const char* latin = "latin";  ///< only when known
inline constexpr const char* count = "count";
}  // namespace entity

/// The members of each element of "mentioned_dates".
namespace mention {
inline constexpr const char* value = "value";
inline constexpr const char* text = "text";
inline constexpr const char* start = "start";
inline constexpr const char* end = "end";
inline constexpr const char* precision = "precision";
inline constexpr const char* calendar = "calendar";
inline constexpr const char* hijri = "hijri";  ///< only for Hijri dates
inline constexpr const char* kind = "kind";
inline constexpr const char* field = "field";  ///< "title" or "body"
}  // namespace mention

}  // namespace fahras::stored
