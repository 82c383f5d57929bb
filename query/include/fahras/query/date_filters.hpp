// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Date filters: publication-date ranges over the sortable date slot, exact
// year/month/day filters over the Y/M/D terms, and mentioned-date filters over the XMY/XMM/XMD
// terms. Dates are written YYYY, YYYY-MM or YYYY-MM-DD; a range is `FROM..TO` (either side
// may be left open).

#include <string_view>

#include <xapian.h>

namespace fahras {

/// Publication dates from `from` to `to`, inclusive at their precision ("2015-10" ends on
/// 2015-10-31), over the date slot. Either may be empty (open). Throws UsageError for a date
/// that does not parse or a range that ends before it starts.
[[nodiscard]] Xapian::Query pub_date_range(std::string_view from, std::string_view to);

/// `date:VALUE`: one date (its Y, M or D term) or a range `FROM..TO`. Throws QueryError.
[[nodiscard]] Xapian::Query pub_date_filter(std::string_view value);

/// `year:VALUE`: one year (Y term) or a range of years `2014..2016`. Throws QueryError.
[[nodiscard]] Xapian::Query year_filter(std::string_view value);

/// Articles that mention a date from `from` to `to`: the OR of the mentioned-date terms that
/// tile the range (whole years as XMY when both ends are years, whole months as XMM, the days
/// of partial months as XMD). A mention matches when it is at least as precise as the range's
/// unit and falls inside it. Either end may be empty (open ends are capped at 1900 and
/// 2100). Throws UsageError.
[[nodiscard]] Xapian::Query mentioned_range(std::string_view from, std::string_view to);

/// `mentioned:VALUE`: one date (XMY, XMM or XMD term) or a range. Throws QueryError.
[[nodiscard]] Xapian::Query mentioned_filter(std::string_view value);

/// `hijri:VALUE`: articles mentioning a Hijri date in Hijri year `1436` (XHY term) or Hijri
/// month `1436-09` (XHM term: Ramadan 1436), as written in the text. Throws QueryError.
[[nodiscard]] Xapian::Query hijri_filter(std::string_view value);

}  // namespace fahras
