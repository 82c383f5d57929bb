// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/data_files.hpp"

#include <cstdlib>
#include <string>
#include <system_error>
#include <vector>

#include "fahras/common/errors.hpp"

namespace fahras {

std::filesystem::path find_data_file(std::string_view name) {
    std::vector<std::filesystem::path> dirs;
    if (const char* env = std::getenv("FAHRAS_DATA_DIR"); env != nullptr && *env != '\0') {
        dirs.emplace_back(env);
    }
    dirs.emplace_back(FAHRAS_SOURCE_DATA_DIR);
    dirs.emplace_back(FAHRAS_INSTALL_DATA_DIR);
    std::string searched;
    for (const auto& dir : dirs) {
        const std::filesystem::path candidate = dir / std::filesystem::path(std::string(name));
        std::error_code ec;
        if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
        if (!searched.empty()) searched += ", ";
        searched += dir.string();
    }
    throw Error("data file " + std::string(name) + " not found (searched " + searched +
                "; set FAHRAS_DATA_DIR)");
}

}  // namespace fahras
