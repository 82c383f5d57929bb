// SPDX-License-Identifier: GPL-3.0-or-later
// fahras-query: a thin main over fahras::query_main (query/src/cli.cpp).
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

#include "fahras/query/cli.hpp"

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    const std::vector<std::string> args(argv + 1, argv + argc);
    // ANSI bold only on a terminal, and not when NO_COLOR is set (https://no-color.org).
    fahras::Console console{std::cin, std::cout, std::cerr,
                            isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr,
                            isatty(STDIN_FILENO) != 0};
    return fahras::query_main(args, console);
}
