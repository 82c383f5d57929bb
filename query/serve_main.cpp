// SPDX-License-Identifier: GPL-3.0-or-later
// fahras-serve: a thin main over fahras::serve_main (query/src/serve_run.cpp).
#include <string>
#include <vector>

#include "fahras/query/serve.hpp"

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    return fahras::serve_main(args);
}
