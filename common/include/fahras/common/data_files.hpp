// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string_view>

namespace fahras {

/// Finds a data file that Fahras ships (gazetteer, NER model, …) by its name relative to the
/// project's `data/` directory. Looks, in order, in:
///   1. `$FAHRAS_DATA_DIR` (set it to use your own data, or in tests);
///   2. the source tree's `data/` (so the built binaries work without `make install`);
///   3. the installed data directory (`${CMAKE_INSTALL_FULL_DATADIR}/fahras`).
/// Throws Error naming every place searched when the file is in none of them.
[[nodiscard]] std::filesystem::path find_data_file(std::string_view name);

}  // namespace fahras
