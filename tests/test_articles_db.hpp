// SPDX-License-Identifier: GPL-3.0-or-later
// A database of test articles, written the way the indexer writes one article.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "fahras/common/analyzer.hpp"
#include "fahras/common/article.hpp"
#include "fahras/common/schema.hpp"
#include "fahras/common/terms.hpp"
#include "fahras/indexer/document.hpp"
#include "test_support.hpp"

namespace fahras::test {

/// Writes `articles` (make_document() with default_analyzer(), replaced by id) into the
/// database at `path`, created if need be, records the schema version and commits.
inline void write_articles_db(const std::string& path, const std::vector<Article>& articles) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    for (const Article& a : articles) {
        db.replace_document(id_term(a.id), make_document(a, default_analyzer()));
    }
    db.set_metadata(std::string(schema::meta_version), std::to_string(schema::version));
    db.commit();
}

/// The path of a database of `make()`'s articles (write_articles_db()), written once per test
/// run and per `make`, in a temporary directory removed at exit.
template <std::vector<Article> (*make)()>
const std::string& articles_db() {
    static const TempDir dir;
    static const std::string path = [] {
        const std::string p = (dir / "db").string();
        write_articles_db(p, make());
        return p;
    }();
    return path;
}

}  // namespace fahras::test
