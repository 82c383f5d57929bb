// SPDX-License-Identifier: GPL-3.0-or-later
// The reading stage of an indexing run: see inputs.hpp.
#include "inputs.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace fs = std::filesystem;

namespace fahras {

namespace {

bool is_hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return name.size() > 1 && name[0] == '.';
}

/// Thrown through read_articles() when the consumer gave up or a stop was requested.
struct StopReading {};

}  // namespace

std::string absolute_path(const fs::path& p) {
    std::error_code ec;
    fs::path abs = fs::absolute(p, ec);
    if (ec) abs = p;
    abs = abs.lexically_normal();
    std::string s = abs.string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

std::vector<InputFile> collect_inputs(const std::vector<std::string>& inputs,
                                      std::vector<std::string>& roots,
                                      const std::function<void(const InputError&)>& report) {
    std::vector<InputFile> files;
    for (const std::string& input : inputs) {
        const fs::path root(input);
        std::error_code ec;
        const fs::file_status st = fs::status(root, ec);
        if (ec || !fs::exists(st)) throw UsageError("input " + input + " does not exist");
        roots.push_back(absolute_path(root));
        if (!fs::is_directory(st)) {
            files.push_back({root, root.filename().string(), fs::file_size(root, ec)});
            continue;
        }
        std::vector<InputFile> found;
        fs::recursive_directory_iterator it(
            root, fs::directory_options::follow_directory_symlink |
                      fs::directory_options::skip_permission_denied, ec);
        if (ec) {
            report(InputError(input, 0, "cannot read directory: " + ec.message()));
            continue;
        }
        for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) {
                report(InputError(it->path().string(), 0, "cannot read: " + ec.message()));
                ec.clear();
                continue;
            }
            const fs::path& p = it->path();
            if (is_hidden(p)) {
                if (it->is_directory(ec)) it.disable_recursion_pending();
                continue;
            }
            std::error_code sec;
            const fs::file_status s = fs::status(p, sec);
            if (sec || !fs::exists(s)) {
                if (fs::is_symlink(it->symlink_status(sec))) {
                    report(InputError(p.string(), 0, "broken symbolic link"));
                }
                continue;
            }
            if (fs::is_regular_file(s)) {
                std::uintmax_t size = fs::file_size(p, sec);
                if (sec) size = 0;
                found.push_back({p, p.lexically_relative(root).generic_string(), size});
            }
        }
        std::sort(found.begin(), found.end(),
                  [](const InputFile& a, const InputFile& b) { return a.relative < b.relative; });
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

namespace {

/// The events of one file; returns false when reading must stop.
bool read_file(const InputFile& f, const FileState& state, const ReaderOptions& reader,
               bool retry_failed, const std::function<bool()>& stop,
               const std::function<bool(InputEvent&&)>& emit) {
    InputEvent ev;
    ev.shown = f.file.string();
    ev.size = f.size;
    if (input_format(f.file) == InputFormat::unsupported) {
        ev.kind = InputEvent::Kind::skipped;
        return emit(std::move(ev));
    }
    const std::string path = absolute_path(f.file);
    ev.key = FileState::key_of(path);

    struct stat st {};
    if (::stat(f.file.c_str(), &st) != 0) {
        ev.kind = InputEvent::Kind::unreadable;
        ev.error.emplace(ev.shown, 0, std::string("cannot stat: ") + std::strerror(errno));
        return emit(std::move(ev));
    }
    FileRecord& record = ev.record;
    record.path = path;
    record.size = static_cast<std::uintmax_t>(st.st_size);
    record.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 +
                      st.st_mtim.tv_nsec;

    // If size and mtime are those of the last run, the file is unchanged; when only the
    // mtime moved, the content hash decides.
    const FileRecord* old = state.find(ev.key);
    const bool retry = old != nullptr && old->failed && retry_failed;
    if (old != nullptr && !retry && old->size == record.size &&
        old->mtime_ns == record.mtime_ns) {
        ev.kind = InputEvent::Kind::unchanged;
        record = *old;
        return emit(std::move(ev));
    }
    try {
        record.hash = file_hash(f.file, ev.shown);
    } catch (const InputError& e) {
        ev.kind = InputEvent::Kind::unreadable;  // its articles are kept, nothing is recorded
        ev.error.emplace(e);
        return emit(std::move(ev));
    }
    if (old != nullptr && !retry && old->size == record.size && old->hash == record.hash) {
        const std::int64_t mtime = record.mtime_ns;
        record = *old;
        record.mtime_ns = mtime;
        ev.kind = InputEvent::Kind::touched;
        return emit(std::move(ev));
    }

    InputEvent begin;
    begin.kind = InputEvent::Kind::begin;
    begin.shown = ev.shown;
    begin.key = ev.key;
    begin.size = ev.size;
    if (!emit(std::move(begin))) return false;

    ReaderSink sink;
    sink.article = [&](Article&& a) {
        if (stop()) throw StopReading{};
        InputEvent item;
        item.kind = InputEvent::Kind::article;
        item.key = ev.key;
        item.article = std::move(a);
        if (!emit(std::move(item))) throw StopReading{};
    };
    sink.error = [&](const InputError& e) {
        InputEvent item;
        item.kind = InputEvent::Kind::bad_record;
        item.key = ev.key;
        item.error.emplace(ev.shown, e);
        if (!emit(std::move(item))) throw StopReading{};
    };
    try {
        read_articles(f.file, f.relative, reader, sink);
    } catch (const InputError& e) {
        record.failed = true;
        record.reason = e.reason();
        ev.error.emplace(ev.shown, e.line(), e.reason());
    } catch (const StopReading&) {
        return false;
    }
    ev.kind = InputEvent::Kind::end;
    return emit(std::move(ev));
}

}  // namespace

void read_inputs(const std::vector<InputFile>& files, const FileState& state,
                 const ReaderOptions& reader, bool retry_failed,
                 const std::function<bool()>& stop,
                 const std::function<bool(InputEvent&&)>& emit) {
    try {
        for (const InputFile& f : files) {
            if (stop()) break;
            if (!read_file(f, state, reader, retry_failed, stop, emit)) break;
        }
        if (stop()) {
            InputEvent ev;
            ev.kind = InputEvent::Kind::interrupted;
            emit(std::move(ev));
        }
    } catch (...) {
        InputEvent ev;
        ev.kind = InputEvent::Kind::failure;
        ev.exception = std::current_exception();
        emit(std::move(ev));
    }
}

void read_all_articles(const std::vector<InputFile>& files, const ReaderOptions& reader,
                       const std::function<bool(Article&&)>& emit) {
    ReaderSink sink;
    sink.article = [&](Article&& a) {
        if (!emit(std::move(a))) throw StopReading{};
    };
    sink.error = [](const InputError&) {};  // reported by the indexing pass
    for (const InputFile& f : files) {
        if (input_format(f.file) == InputFormat::unsupported) continue;
        try {
            read_articles(f.file, f.relative, reader, sink);
        } catch (const InputError&) {
        } catch (const StopReading&) {
            return;
        }
    }
}

}  // namespace fahras
