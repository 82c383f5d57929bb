// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/exact_terms.hpp"

#include <vector>

#include "fahras/common/schema.hpp"

namespace fahras {

void ExactFormTerms::add(const Token& token, Xapian::Document& doc) {
    if (token.exact == token.folded) return;
    m_term.assign(schema::exact).append(token.exact);
    doc.add_term(m_term);
    const auto it = m_variant.find(token.folded);
    if (it != m_variant.end())
        ++it->second;
    else
        m_variant.emplace(token.folded, 1);
}

void ExactFormTerms::finish(Xapian::Document& doc) {
    // Unprefixed folded terms get wdf 1 per occurrence (make_document's add_posting), so a
    // wdf above the count of other spellings means the folded spelling itself occurred.
    // The `XV` terms are added after the walk, not while the document's terms are iterated.
    std::vector<std::string> variants_only;
    Xapian::TermIterator term = doc.termlist_begin();
    const Xapian::TermIterator end = doc.termlist_end();
    for (const auto& [folded, others] : m_variant) {
        term.skip_to(folded);
        if (term != end && *term == folded && term.get_wdf() > others) continue;
        variants_only.push_back(std::string(schema::exact_variants_only) + folded);
    }
    for (const std::string& t : variants_only) doc.add_boolean_term(t);
    m_variant.clear();
}

Xapian::Query exact_form_query(const Token& token) {
    if (token.exact != token.folded) return Xapian::Query(std::string(schema::exact) + token.exact);
    return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(token.folded),
                         Xapian::Query(std::string(schema::exact_variants_only) + token.folded));
}

}  // namespace fahras
