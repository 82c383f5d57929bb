// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/common/stub.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "fahras/common/errors.hpp"

namespace fs = std::filesystem;

namespace fahras::stub {

namespace {

std::string_view trimmed(std::string_view s) {
    const std::size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

}  // namespace

Line parse_line(std::string_view raw) {
    const std::string_view line = trimmed(raw);
    if (line.empty() || line[0] == '#') return {};
    const std::size_t space = line.find_first_of(" \t");
    if (space == std::string_view::npos) return {std::string(line), {}};
    return {std::string(line.substr(0, space)), std::string(trimmed(line.substr(space)))};
}

std::vector<Line> read(const fs::path& stub) {
    std::ifstream in(stub);
    std::vector<Line> lines;
    std::string raw;
    while (std::getline(in, raw)) {
        Line line = parse_line(raw);
        if (!line.type.empty()) lines.push_back(std::move(line));
    }
    return lines;
}

bool is_directory(const fs::path& dir) {
    std::error_code ec;
    return fs::is_directory(dir, ec) && fs::is_regular_file(dir / file_name, ec);
}

fs::path target(const fs::path& stub, std::string_view arg) {
    const fs::path path(arg);
    return path.is_relative() ? stub.parent_path() / path : path;
}

void write(const fs::path& stub, std::string_view comment, const std::vector<Line>& lines) {
    fs::path tmp = stub;
    tmp += ".new";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << "# " << comment << '\n';
        for (const Line& line : lines) out << line.type << ' ' << line.arg << '\n';
        out.close();
        if (!out) throw DatabaseError("cannot write " + tmp.string());
    }
    // On disk before the rename, so that a crash leaves the old stub or the whole new one.
    if (const int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC); fd >= 0) {
        (void)::fsync(fd);
        ::close(fd);
    }
    if (std::rename(tmp.c_str(), stub.c_str()) != 0) {
        throw DatabaseError("cannot write " + stub.string() + ": " + std::strerror(errno));
    }
}

}  // namespace fahras::stub
