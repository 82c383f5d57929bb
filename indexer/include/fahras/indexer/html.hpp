// SPDX-License-Identifier: GPL-3.0-or-later
// HTML articles (.html, .htm), parsed with Gumbo (libgumbo, an HTML5 parser).
#pragma once

#include <string>
#include <string_view>

#include "fahras/common/article.hpp"

namespace fahras {

/// The article of an HTML page in UTF-8: title (<title>, else og:title, else the first <h1>),
/// body text (block elements separated by line breaks; script, style, noscript, template,
/// nav, header, footer, aside, form, iframe and svg dropped; the <article> element alone when
/// there is one) and date (<meta property="article:published_time">, else the first <time
/// datetime>). Only title, body and date are filled in.
[[nodiscard]] Article article_from_html(std::string_view html);

/// The charset an HTML page declares in its first 2 KiB (<meta charset=…> or
/// content="…; charset=…"), or "".
[[nodiscard]] std::string declared_charset(std::string_view html);

}  // namespace fahras
