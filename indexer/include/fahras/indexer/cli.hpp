// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace fahras {

/// Exit statuses of fahras-index (also in --help and the README).
enum IndexExit : int {
    index_ok = 0,           ///< every input indexed
    index_some_failed = 1,  ///< the run finished, but some inputs failed (reported on stderr)
    index_fatal = 2,        ///< bad options, the database could not be opened or written,
                            ///< or the run was interrupted (what was done is committed)
    index_locked = 3,       ///< another fahras-index is updating the database
};

/// The whole `fahras-index` command: parses `args` (without the program name), runs, reports,
/// and returns the exit status. Every exception is caught here.
int index_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace fahras
