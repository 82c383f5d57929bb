// SPDX-License-Identifier: GPL-3.0-or-later
// The reading stage of an indexing run: see inputs.hpp.
#include "inputs.hpp"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <unordered_map>
#include <unordered_set>

namespace fs = std::filesystem;

namespace fahras {

namespace {

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

bool is_under(std::string_view path, const std::vector<std::string>& dirs) {
    return std::any_of(dirs.begin(), dirs.end(), [&](const std::string& dir) {
        return path == dir || (path.size() > dir.size() && path.starts_with(dir) &&
                               (path[dir.size()] == '/' || dir == "/"));
    });
}

namespace {

/// The directory an input's ids are relative to: the input, or a file input's directory.
std::string id_base_of(const std::string& input) {
    const std::string abs = absolute_path(input);
    std::error_code ec;
    if (fs::is_directory(abs, ec)) return abs;
    return absolute_path(fs::path(abs).parent_path());
}

std::string trim_slashes(std::string s) {
    while (!s.empty() && s.back() == '/') s.pop_back();
    std::size_t first = 0;
    while (first < s.size() && s[first] == '/') ++first;
    return s.substr(first);
}

}  // namespace

std::vector<std::string> input_id_prefixes(const std::vector<std::string>& inputs,
                                           const std::vector<std::string>& choices) {
    std::vector<std::string> bases;
    std::vector<std::string> prefixes;
    for (const std::string& input : inputs) {
        bases.push_back(id_base_of(input));
        prefixes.push_back(fs::path(bases.back()).filename().string());
    }
    for (const std::string& choice : choices) {
        const std::size_t eq = choice.rfind('=');
        if (eq == std::string::npos) {
            if (inputs.size() != 1) {
                throw UsageError("--id-prefix " + choice + ": with several inputs, say which as " +
                                 "--id-prefix INPUT=PREFIX");
            }
            prefixes[0] = trim_slashes(choice);
            continue;
        }
        const std::string named = absolute_path(choice.substr(0, eq));
        bool found = false;
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            if (absolute_path(inputs[i]) == named) {
                prefixes[i] = trim_slashes(choice.substr(eq + 1));
                found = true;
            }
        }
        if (!found) {
            throw UsageError("--id-prefix " + choice + ": " + choice.substr(0, eq) +
                             " is not one of the inputs");
        }
    }
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (prefixes[i] == prefixes[j] && bases[i] != bases[j]) {
                throw UsageError("inputs " + inputs[j] + " and " + inputs[i] +
                                 " would give their articles ids with the same prefix \"" +
                                 prefixes[i] + "\": choose one for each with --id-prefix " +
                                 "INPUT=PREFIX");
            }
        }
    }
    return prefixes;
}

namespace {

/// A directory or file by identity: two paths to it (links, bind mounts) give the same key.
struct NodeKey {
    dev_t dev;
    ino_t ino;
    bool operator==(const NodeKey&) const = default;
};

struct NodeKeyHash {
    std::size_t operator()(const NodeKey& k) const noexcept {
        return std::hash<std::uint64_t>()(static_cast<std::uint64_t>(k.ino) * 1000003u ^
                                          static_cast<std::uint64_t>(k.dev));
    }
};

NodeKey key_of(const struct stat& st) {
    return {st.st_dev, st.st_ino};
}

std::string not_regular_reason(mode_t mode) {
    const char* kind = S_ISFIFO(mode)   ? "a FIFO"
                       : S_ISCHR(mode)  ? "a character device"
                       : S_ISBLK(mode)  ? "a block device"
                       : S_ISSOCK(mode) ? "a socket"
                                        : "of an unknown kind";
    return std::string("not a regular file (") + kind + "), skipped";
}

/// The walk of collect_inputs(): every real directory of every input first, then the
/// symbolic links met on the way (which may add directories and links of their own).
class Walker {
  public:
    Walker(const std::function<void(const InputError&)>& report, InputSet& out, std::size_t inputs)
        : m_report(report), m_out(out), m_found(inputs) {}

    void add_input(std::size_t index, const std::string& input, std::string prefix) {
        m_prefixes.push_back(std::move(prefix));
        struct stat st {};
        if (::stat(input.c_str(), &st) != 0) throw UsageError("input " + input + " does not exist");
        m_out.roots.push_back(absolute_path(input));
        if (S_ISREG(st.st_mode)) {
            if (!m_files.insert(key_of(st)).second) return already_found(input);
            add_file(index, input, fs::path(input).filename().string(), st);
        } else if (S_ISDIR(st.st_mode)) {
            if (!m_dirs_seen.insert(key_of(st)).second) return already_found(input);
            m_dirs.push_back({input, "", index, npos, key_of(st)});
            walk(m_dirs.size() - 1);
        } else {
            not_regular(input, st.st_mode);
        }
    }

    /// Follows the links met, then puts the files in their order.
    void finish() {
        for (std::size_t k = 0; k < m_links.size(); ++k) follow(k);
        for (std::vector<InputFile>& found : m_found) {
            std::sort(found.begin(), found.end(), [](const InputFile& a, const InputFile& b) {
                return a.relative < b.relative;
            });
            m_out.files.insert(m_out.files.end(), found.begin(), found.end());
        }
    }

  private:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    struct Dir {
        fs::path path;
        std::string relative;
        std::size_t input;
        std::size_t parent;  ///< index in m_dirs, npos for an input
        NodeKey key;
    };
    struct Link {
        fs::path path;
        std::string relative;
        std::size_t input;
        std::size_t parent;
        struct stat target;
    };

    void already_found(const std::string& input) {
        m_report(InputError(input, 0, "already found through an earlier input, skipped",
                            InputError::Severity::warning));
    }

    void not_regular(const fs::path& p, mode_t mode) {
        m_report(
            InputError(p.string(), 0, not_regular_reason(mode), InputError::Severity::warning));
        ++m_out.skipped;
    }

    void add_file(std::size_t input, const fs::path& p, std::string relative,
                  const struct stat& st) {
        const std::string& prefix = m_prefixes[input];
        std::string id = prefix.empty() ? relative : prefix + "/" + relative;
        m_found[input].push_back(
            {p, std::move(relative), std::move(id), static_cast<std::uintmax_t>(st.st_size)});
    }

    /// Walks the directory m_dirs[start] and the real directories under it, depth first.
    void walk(std::size_t start) {
        std::vector<std::size_t> pending{start};
        while (!pending.empty()) {
            const std::size_t d = pending.back();
            pending.pop_back();
            std::vector<std::size_t> children;
            read_directory(d, children);
            pending.insert(pending.end(), children.rbegin(), children.rend());
        }
    }

    void read_directory(std::size_t d, std::vector<std::size_t>& children) {
        const fs::path dir = m_dirs[d].path;
        const std::string relative = m_dirs[d].relative;
        const std::size_t input = m_dirs[d].input;
        std::vector<std::string> names;
        DIR* handle = ::opendir(dir.c_str());
        if (handle == nullptr) {
            unreachable(dir, errno);
            return;
        }
        errno = 0;
        while (const dirent* e = ::readdir(handle)) {
            const std::string name = e->d_name;
            if (name == "." || name == "..") continue;
            if (name[0] == '.') continue;  // hidden
            names.emplace_back(name);
        }
        const int read_errno = errno;
        ::closedir(handle);
        if (read_errno != 0) unreachable(dir, read_errno);
        std::sort(names.begin(), names.end());
        for (const std::string& name : names) {
            const fs::path p = dir / name;
            std::string rel = relative.empty() ? name : relative + "/" + name;
            struct stat st {};
            if (::lstat(p.c_str(), &st) != 0) {
                if (errno != ENOENT) {
                    m_report(InputError(p.string(), 0,
                                        std::string("cannot stat: ") + std::strerror(errno)));
                    m_out.unreachable.push_back(absolute_path(p));
                }
                continue;
            }
            if (S_ISLNK(st.st_mode)) {
                struct stat target {};
                if (::stat(p.c_str(), &target) != 0) {
                    m_report(
                        InputError(p.string(), 0,
                                   errno == ELOOP ? "symbolic link loop" : "broken symbolic link"));
                } else if (S_ISDIR(target.st_mode) || S_ISREG(target.st_mode)) {
                    m_links.push_back({p, std::move(rel), input, d, target});
                } else {
                    not_regular(p, target.st_mode);
                }
            } else if (S_ISDIR(st.st_mode)) {
                if (!m_dirs_seen.insert(key_of(st)).second) continue;  // bind-mounted twice
                m_dirs.push_back({p, std::move(rel), input, d, key_of(st)});
                children.push_back(m_dirs.size() - 1);
            } else if (S_ISREG(st.st_mode)) {
                if (m_files.insert(key_of(st)).second) add_file(input, p, std::move(rel), st);
            } else {
                not_regular(p, st.st_mode);
            }
        }
    }

    void unreachable(const fs::path& dir, int error) {
        m_report(InputError(dir.string(), 0,
                            std::string("cannot read directory: ") + std::strerror(error)));
        m_out.unreachable.push_back(absolute_path(dir));
    }

    /// Follows link m_links[k] unless what it points to was found already.
    void follow(std::size_t k) {
        const Link link = m_links[k];
        const NodeKey key = key_of(link.target);
        if (S_ISREG(link.target.st_mode)) {
            if (m_files.insert(key).second) {
                add_file(link.input, link.path, link.relative, link.target);
            }
            return;
        }
        for (std::size_t d = link.parent; d != npos; d = m_dirs[d].parent) {
            if (m_dirs[d].key == key) {
                m_report(InputError(
                    link.path.string(), 0,
                    "symbolic link loop (to " + m_dirs[d].path.string() + "), not followed",
                    InputError::Severity::warning));
                return;
            }
        }
        if (!m_dirs_seen.insert(key).second) return;  // a second path to a directory found
        m_dirs.push_back({link.path, link.relative, link.input, link.parent, key});
        walk(m_dirs.size() - 1);
    }

    const std::function<void(const InputError&)>& m_report;
    InputSet& m_out;
    std::vector<std::vector<InputFile>> m_found;  ///< per input
    std::vector<std::string> m_prefixes;          ///< per input
    std::vector<Dir> m_dirs;    ///< every directory walked: the parents make each one's path
    std::vector<Link> m_links;  ///< links met, followed after the real paths
    std::unordered_set<NodeKey, NodeKeyHash> m_dirs_seen;
    std::unordered_set<NodeKey, NodeKeyHash> m_files;
};

}  // namespace

InputSet collect_inputs(const std::vector<std::string>& inputs,
                        const std::vector<std::string>& id_prefix_choices,
                        const std::function<void(const InputError&)>& report) {
    const std::vector<std::string> prefixes = input_id_prefixes(inputs, id_prefix_choices);
    InputSet out;
    Walker walker(report, out, inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i) walker.add_input(i, inputs[i], prefixes[i]);
    walker.finish();
    return out;
}

namespace {

/// What the last run's records say of one file, decided before any file is read.
struct Plan {
    InputEvent::Kind kind = InputEvent::Kind::skipped;  ///< or unreadable, unchanged, touched,
                                                        ///< begin (the file is read)
    std::string key;
    FileRecord record;  ///< unchanged, touched: the record to keep; begin: the new one
    std::optional<InputError> error;
    bool known_failed = false;  ///< unchanged because it failed before and is not retried
};

Plan plan_file(const InputFile& f, const std::string& shown, const FileState& state,
               bool retry_failed) {
    using Kind = InputEvent::Kind;
    Plan plan;
    if (input_format(f.file) == InputFormat::unsupported) return plan;
    const std::string path = absolute_path(f.file);
    plan.key = FileState::key_of(path);

    // A file gone or replaced since the walk: its articles are kept, nothing is recorded.
    struct stat st {};
    if (::stat(f.file.c_str(), &st) != 0) {
        plan.kind = Kind::unreadable;
        plan.error.emplace(shown, 0, std::string("cannot stat: ") + std::strerror(errno));
        return plan;
    }
    if (!S_ISREG(st.st_mode)) {
        plan.kind = Kind::unreadable;
        plan.error.emplace(shown, 0, not_regular_reason(st.st_mode));
        return plan;
    }
    FileRecord& record = plan.record;
    record.path = path;
    record.size = static_cast<std::uintmax_t>(st.st_size);
    record.mtime_ns =
        static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    record.id = f.id;

    // If size and mtime are those of the last run, the file is unchanged; when only the
    // mtime moved, the content hash decides. A file whose articles' default id changed is
    // read again as a new one.
    const FileRecord* old = state.find(plan.key);
    if (old != nullptr && old->id != f.id) old = nullptr;
    const bool retry = old != nullptr && old->failed && retry_failed;
    if (old != nullptr && !retry && old->size == record.size && old->mtime_ns == record.mtime_ns) {
        plan.kind = Kind::unchanged;
        plan.known_failed = old->failed;
        record = *old;
        return plan;
    }
    try {
        record.hash = file_hash(f.file, shown);
    } catch (const InputError& e) {
        plan.kind = Kind::unreadable;  // its articles are kept, nothing is recorded
        plan.error.emplace(e);
        return plan;
    }
    if (old != nullptr && !retry && old->size == record.size && old->hash == record.hash) {
        const std::int64_t mtime = record.mtime_ns;
        record = *old;
        record.mtime_ns = mtime;
        plan.kind = Kind::touched;
        plan.known_failed = old->failed;
        return plan;
    }
    plan.kind = Kind::begin;
    return plan;
}

/// Turns the plans of unchanged files into reads where a file they are linked to is read or
/// gone (FileRecord::linked), transitively: the files that shared ids are read together, in
/// input order, so the later claim is kept; and a file whose ids another one held gives them
/// back when that one goes.
void read_linked(const InputSet& inputs, const FileState& state, std::vector<Plan>& plans) {
    using Kind = InputEvent::Kind;
    std::unordered_map<std::string, std::size_t> by_key;
    for (std::size_t i = 0; i < plans.size(); ++i) {
        if (!plans[i].key.empty()) by_key.emplace(plans[i].key, i);
    }
    std::vector<std::string> queue;
    for (const Plan& plan : plans) {
        if (plan.kind == Kind::begin) queue.push_back(plan.key);
    }
    for (const auto& [key, record] : state.records()) {
        if (!record.linked.empty() && by_key.count(key) == 0 &&
            is_under(record.path, inputs.roots) && !is_under(record.path, inputs.unreachable)) {
            queue.push_back(key);  // gone
        }
    }
    std::unordered_set<std::string> done(queue.begin(), queue.end());
    while (!queue.empty()) {
        const std::string key = std::move(queue.back());
        queue.pop_back();
        const FileRecord* record = state.find(key);
        if (record == nullptr) continue;
        for (const std::string& partner : record->linked) {
            if (!done.insert(partner).second) continue;
            const auto it = by_key.find(partner);
            if (it == by_key.end()) continue;  // not an input of this run
            Plan& plan = plans[it->second];
            if ((plan.kind != Kind::unchanged && plan.kind != Kind::touched) || plan.known_failed) {
                continue;
            }
            FileRecord fresh;
            fresh.path = plan.record.path;
            fresh.size = plan.record.size;
            fresh.mtime_ns = plan.record.mtime_ns;
            fresh.hash = plan.record.hash;
            fresh.id = plan.record.id;
            plan.record = std::move(fresh);
            plan.kind = Kind::begin;
            queue.push_back(partner);
        }
    }
}

/// Where each article id was claimed in this run, to report an id claimed twice. Ids are
/// kept as 64-bit hashes: a collision (odds about n²/2⁶⁵) costs one false warning.
struct Claim {
    std::size_t file;
    std::size_t line;
};
using Claims = std::unordered_map<std::size_t, Claim>;

/// The events of one file to read; returns false when reading must stop.
bool read_file(const InputSet& inputs, std::size_t index, const std::vector<Plan>& plans,
               Claims& claims, const ReaderOptions& reader, const std::function<bool()>& stop,
               const std::function<bool(InputEvent&&)>& emit) {
    const InputFile& f = inputs.files[index];
    const Plan& plan = plans[index];
    InputEvent ev;
    ev.shown = f.file.string();
    ev.key = plan.key;
    ev.size = f.size;
    ev.record = plan.record;

    InputEvent begin;
    begin.kind = InputEvent::Kind::begin;
    begin.shown = ev.shown;
    begin.key = ev.key;
    begin.size = ev.size;
    if (!emit(std::move(begin))) return false;

    ReaderSink sink;
    sink.article = [&](Article&& a) {
        if (stop()) throw StopReading{};
        const auto [claim, first] =
            claims.try_emplace(std::hash<std::string>()(a.id), Claim{index, a.line});
        if (!first) {
            const Claim earlier = claim->second;
            claim->second = Claim{index, a.line};
            std::string where = inputs.files[earlier.file].file.string();
            if (earlier.line != 0) where += ":" + std::to_string(earlier.line);
            InputEvent dup;
            dup.kind = InputEvent::Kind::duplicate;
            dup.shown = ev.shown;
            dup.key = ev.key;
            dup.other_key = plans[earlier.file].key;
            dup.article.id = a.id;
            dup.article.url = a.url;
            dup.error.emplace(
                ev.shown, a.line,
                "duplicate id \"" + a.id + "\", also at " + where + ": the later is kept",
                InputError::Severity::warning);
            if (!emit(std::move(dup))) throw StopReading{};
        }
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
        read_articles(f.file, f.relative, f.id, reader, sink);
    } catch (const InputError& e) {
        ev.record.failed = true;
        ev.record.reason = e.reason();
        ev.error.emplace(ev.shown, e.line(), e.reason());
    } catch (const StopReading&) {
        return false;
    }
    ev.kind = InputEvent::Kind::end;
    return emit(std::move(ev));
}

}  // namespace

void read_inputs(const InputSet& inputs, const FileState& state, const ReaderOptions& reader,
                 bool retry_failed, const std::function<bool()>& stop,
                 const std::function<bool(InputEvent&&)>& emit) {
    try {
        std::vector<Plan> plans;
        plans.reserve(inputs.files.size());
        for (const InputFile& f : inputs.files) {
            if (stop()) break;
            plans.push_back(plan_file(f, f.file.string(), state, retry_failed));
        }
        read_linked(inputs, state, plans);
        Claims claims;
        for (std::size_t i = 0; i < plans.size() && !stop(); ++i) {
            Plan& plan = plans[i];
            if (plan.kind == InputEvent::Kind::begin) {
                if (!read_file(inputs, i, plans, claims, reader, stop, emit)) break;
                continue;
            }
            InputEvent ev;
            ev.kind = plan.kind;
            ev.shown = inputs.files[i].file.string();
            ev.key = plan.key;
            ev.size = inputs.files[i].size;
            ev.record = std::move(plan.record);
            ev.error = std::move(plan.error);
            if (!emit(std::move(ev))) break;
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
            read_articles(f.file, f.relative, f.id, reader, sink);
        } catch (const InputError&) {
        } catch (const StopReading&) {
            return;
        }
    }
}

}  // namespace fahras
