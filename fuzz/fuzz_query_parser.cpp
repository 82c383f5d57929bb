// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the query parser. Any input either parses or throws QueryError; none
// crashes it, however long (up to max_query_bytes) or deeply nested.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fahras/common/errors.hpp"
#include "fahras/common/utf8.hpp"
#include "fahras/query/query_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text =
        fahras::utf8::sanitize(std::string_view(reinterpret_cast<const char*>(data), size));
    for (const auto mode :
         {fahras::MatchMode::all, fahras::MatchMode::any, fahras::MatchMode::auto_}) {
        try {
            (void)fahras::parse_query(text, mode);
        } catch (const fahras::QueryError&) {
        }
    }
    return 0;
}
