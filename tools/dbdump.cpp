// SPDX-License-Identifier: GPL-3.0-or-later
// fahras-dbdump: a Fahras database as sorted text, so that two databases built from the same
// input by two binaries can be compared with diff (scripts/compare-db.sh).
//
// Documents are keyed by their `Q` id term, never by docid (docids depend on the thread count
// and on the order the files were read). Output, one record per line:
//   doccount N
//   meta KEY VALUE                      (every metadata entry, keys sorted)
//   doc ID                              (documents sorted by id), then for that document:
//     term TERM wdf N [pos P P ...]     (terms in Xapian's order, which is sorted)
//     value SLOT VALUE                  (slots ascending)
//     data DATA
// Control characters and bytes of ill-formed UTF-8 are escaped, so every record stays on one
// line.

#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <string>
#include <string_view>

#include <xapian.h>

#include "fahras/common/errors.hpp"
#include "fahras/common/utf8.hpp"

namespace {

/// `bytes` with '\\' doubled, control characters escaped as error messages escape them and
/// bytes of ill-formed UTF-8 written as \xHH: one line per record whatever a value holds
/// (packed facets are binary).
std::string escaped(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        const std::size_t at = pos;
        const auto c = static_cast<unsigned char>(bytes[at]);
        if (c >= 0x80 && fahras::utf8::decode(bytes, pos) != fahras::utf8::invalid) {
            out.append(bytes.substr(at, pos - at));
            continue;
        }
        pos = at + 1;
        if (c == '\\') {
            out += "\\\\";
        } else if (c >= 0x80) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02X", c);
            out += hex;
        } else {
            out += fahras::InputError::one_line(bytes.substr(at, 1));
        }
    }
    return out;
}

std::string dump_document(const Xapian::Document& doc) {
    std::string out;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        out += "  term " + escaped(*t) + " wdf " + std::to_string(t.get_wdf());
        if (t.positionlist_count() != 0) {
            out += " pos";
            for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
                out += ' ' + std::to_string(*p);
            }
        }
        out += '\n';
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
        out += "  value " + std::to_string(v.get_valueno()) + ' ' + escaped(*v) + '\n';
    }
    out += "  data " + escaped(doc.get_data()) + '\n';
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2 || std::strcmp(argv[1], "--help") == 0) {
        std::cerr << "usage: fahras-dbdump DATABASE\n"
                     "Writes every document (keyed by its Q id term), term (wdf, positions), "
                     "value and data, and every metadata entry, sorted, for diff.\n";
        return argc == 2 ? 0 : 2;
    }
    try {
        const Xapian::Database db(argv[1]);
        std::cout << "doccount " << db.get_doccount() << '\n';
        for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) {
            std::cout << "meta " << escaped(*k) << ' ' << escaped(db.get_metadata(*k)) << '\n';
        }
        // Documents by id; a document without an id (never written by fahras-index) is keyed
        // by its docid so that it still shows up in a diff.
        std::multimap<std::string, Xapian::docid> by_id;
        for (auto t = db.allterms_begin("Q"); t != db.allterms_end("Q"); ++t) {
            for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) {
                by_id.emplace(*t, *p);
            }
        }
        for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
            const Xapian::Document doc = db.get_document(*p);
            auto t = doc.termlist_begin();
            t.skip_to("Q");
            if (t == doc.termlist_end() || (*t).rfind('Q', 0) != 0) {
                by_id.emplace("(no id) docid " + std::to_string(*p), *p);
            }
        }
        for (const auto& [id, docid] : by_id) {
            std::cout << "doc " << escaped(id) << '\n' << dump_document(db.get_document(docid));
        }
    } catch (const Xapian::Error& e) {
        std::cerr << "fahras-dbdump: " << argv[1] << ": " << e.get_description() << '\n';
        return 2;
    }
    return 0;
}
