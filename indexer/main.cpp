// SPDX-License-Identifier: GPL-3.0-or-later
// fahras-index: a thin main over fahras::index_main (indexer/src/cli.cpp).
#include <iostream>
#include <string>
#include <vector>

#include "fahras/indexer/cli.hpp"

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    const std::vector<std::string> args(argv + 1, argv + argc);
    return fahras::index_main(args, std::cout, std::cerr);
}
