// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// News agencies (wire services) and the names outlets credit them by. Shared by the indexer,
// which recognises credits such as "(أ ف ب)" or "(الأخبار، رويترز)", and the query tool, which
// accepts any alias in `agency:` and `--agency`.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fahras/common/terms.hpp"  // agency_term

namespace fahras {

/// One agency: its canonical code and the spellings it is credited by.
struct Agency {
    std::string_view code;  ///< canonical code, as shown in facets: "AFP", "Reuters", "dpa"
    std::string_view name;  ///< English name, for help texts
    std::vector<std::string_view> aliases;  ///< Arabic and Latin spellings (code included)
};

/// Every known agency, in a stable order.
[[nodiscard]] std::span<const Agency> agencies();

/// The comparison key of an agency alias: clean()ed, folded, dots, hyphens and underscores
/// turned into spaces, spaces collapsed, a leading "وكالة"/"وكاله" (agency) dropped. So
/// "أ.ف.ب", "ا ف ب" and "أ ف ب" share one key, and "AFP" and "afp" another.
[[nodiscard]] std::string agency_key(std::string_view text);

/// The agency `text` names (any alias, any spelling agency_key() merges), or nullptr.
[[nodiscard]] const Agency* find_agency(std::string_view text);

/// True for words that credit unnamed agencies ("وكالات", "agencies"): a credit, but no
/// agency.
[[nodiscard]] bool is_generic_agency_credit(std::string_view text);

/// The filter term for what a user typed (`agency:رويترز`, `--agency AFP`): the agency_term()
/// of the agency any alias names; for an unknown name, agency_term() of the name itself
/// (which matches nothing the indexer wrote).
[[nodiscard]] std::string agency_filter_term(std::string_view name);

/// The codes of every agency, comma-separated (for error messages and help).
[[nodiscard]] std::string agency_codes();

}  // namespace fahras
