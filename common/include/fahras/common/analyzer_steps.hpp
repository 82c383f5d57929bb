// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "fahras/common/analyzer.hpp"

namespace fahras {

/// Analyzer::analyze() without its last step: the same tokens, positions, exact and folded
/// forms, with Token::stem left empty. For callers that need the stems of only a few words
/// (the snippet highlighter stems a body word only when it could match a query stem) and get
/// them with stem_token(). The same code as analyze() runs (analyzer.cpp), so the two cannot
/// drift apart.
void analyze_unstemmed(const Analyzer& analyzer, std::string_view text,
                       const std::function<void(const Token&)>& sink);

/// The last step of the pipeline for one token of analyze_unstemmed(): what analyze() puts in
/// Token::stem. Always a substring of Token::folded (the stemmer only removes affixes).
[[nodiscard]] std::string stem_token(const Token& token);

}  // namespace fahras
