// SPDX-License-Identifier: GPL-3.0-or-later
// Input readers: plain text, JSON, JSON Lines, gzip-compressed JSON Lines and HTML (html.cpp);
// a JSON record's fields in reader_json.cpp, character encodings in encoding.cpp.
#include "fahras/indexer/readers.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <zlib.h>
#include <nlohmann/json.hpp>

#include "fahras/common/utf8.hpp"
#include "fahras/indexer/encoding.hpp"
#include "fahras/indexer/html.hpp"
#include "reader_json.hpp"
#include "reader_text.hpp"

namespace fahras {

namespace {

using Json = nlohmann::json;
using reader_json::a_type_name;
using reader_json::article_from_json;
using reader_json::json_syntax_reason;
using reader_json::JsonSyntaxError;
using reader_json::parse_json;
using reader_json::RecordError;
using reader_text::invalid_utf8_reason;
using reader_text::line_of;
using reader_text::trim;

/// How much of the start of a file is searched for NUL bytes to tell binary files apart.
constexpr std::size_t binary_probe = 8192;
/// Read and inflate buffers.
constexpr std::size_t chunk_size = 1 << 16;
/// A text with more than one bad sequence in this many bytes is mostly not text (an error, not
/// a warning): a few stray bytes are replaced, a binary file without NUL bytes is refused.
constexpr std::size_t max_invalid_share = 4;

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// ---------------------------------------------------------------------------------------------
// Files

/// An open file descriptor, closed on destruction.
class Fd {
  public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd() {
        if (m_fd >= 0) ::close(m_fd);
    }
    Fd(Fd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    Fd& operator=(Fd&&) = delete;

    [[nodiscard]] int get() const { return m_fd; }

  private:
    int m_fd;
};

/// Failure to read the bytes of a file after it was opened, raised by a ByteSource and turned
/// into an InputError at the line reached.
class ReadError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Opens `file` for reading and checks what can be checked before reading: that it exists, is
/// a regular file, is not empty and, for a whole-file format, is not over the size limits.
Fd open_input(const std::filesystem::path& file, const std::string& display_path,
              const ReaderOptions& options, InputFormat format) {
    // O_NONBLOCK keeps a FIFO from blocking the open; it changes nothing for regular files.
    Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() < 0) {
        throw InputError(display_path, 0, std::string("cannot open: ") + std::strerror(errno));
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        throw InputError(display_path, 0, std::string("cannot stat: ") + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) throw InputError(display_path, 0, "is a directory");
    if (!S_ISREG(st.st_mode)) throw InputError(display_path, 0, "not a regular file");
    const auto size = static_cast<std::uintmax_t>(st.st_size);
    if (size == 0) throw InputError(display_path, 0, "empty file");
    if (format == InputFormat::json_lines || format == InputFormat::json_lines_gz) return fd;
    if (size > options.max_file_size) {
        throw InputError(display_path, 0,
                         "file is " + std::to_string(size) + " bytes, over --max-file-size " +
                             std::to_string(options.max_file_size));
    }
    if (size > options.max_record_size) {
        throw InputError(display_path, 0, record_too_large(size, options.max_record_size));
    }
    return fd;
}

/// Reads up to `n` bytes; fewer only at end of file.
std::size_t read_fd(int fd, char* buf, std::size_t n) {
    std::size_t got = 0;
    while (got < n) {
        const ssize_t r = ::read(fd, buf + got, n - got);
        if (r < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) {  // a file that is not regular after all; nothing to wait for
                break;
            }
            throw ReadError(std::string("read error: ") + std::strerror(errno));
        }
        if (r == 0) break;
        got += static_cast<std::size_t>(r);
    }
    return got;
}

/// The whole (size-checked) file.
std::string read_all(const Fd& fd, const std::string& display_path) {
    std::string data;
    std::array<char, chunk_size> buf{};
    try {
        for (;;) {
            const std::size_t n = read_fd(fd.get(), buf.data(), buf.size());
            if (n == 0) break;
            data.append(buf.data(), n);
        }
    } catch (const ReadError& e) {
        throw InputError(display_path, 0, e.what());
    }
    return data;
}

bool has_nul(std::string_view head) {
    return head.substr(0, binary_probe).find('\0') != std::string_view::npos;
}

/// A stream of bytes read in chunks; read() fills the buffer unless the stream ends, and throws
/// ReadError when the bytes cannot be read.
class ByteSource {
  public:
    virtual ~ByteSource() = default;
    virtual std::size_t read(char* buf, std::size_t n) = 0;
};

class FdSource final : public ByteSource {
  public:
    explicit FdSource(const Fd& fd) : m_fd(fd.get()) {}
    std::size_t read(char* buf, std::size_t n) override { return read_fd(m_fd, buf, n); }

  private:
    int m_fd;
};

/// Inflates gzip data (one member or several concatenated) as it is read, so that files far
/// larger than memory can be read line by line.
class GzipSource final : public ByteSource {
  public:
    GzipSource(const Fd& fd, const std::string& display_path) : m_fd(fd.get()) {
        m_in.resize(chunk_size);
        fill_input();
        if (m_stream.avail_in < 2 || m_in[0] != 0x1F || m_in[1] != 0x8B) {
            throw InputError(display_path, 0, "not a gzip file");
        }
        // 15 + 16: largest window, gzip wrapper only.
        if (inflateInit2(&m_stream, 15 + 16) != Z_OK) {
            throw InputError(display_path, 0, "cannot initialise zlib");
        }
    }
    ~GzipSource() override { inflateEnd(&m_stream); }
    GzipSource(const GzipSource&) = delete;
    GzipSource& operator=(const GzipSource&) = delete;

    std::size_t read(char* buf, std::size_t n) override {
        if (m_error) throw ReadError(*m_error);
        m_stream.next_out = reinterpret_cast<Bytef*>(buf);
        m_stream.avail_out = static_cast<uInt>(n);
        try {
            inflate_into_buffer();
        } catch (const ReadError& e) {
            // Hand out what was inflated before the damage first; fail on the next call.
            if (m_stream.avail_out == n) throw;
            m_error = e.what();
        }
        return n - m_stream.avail_out;
    }

  private:
    void inflate_into_buffer() {
        while (m_stream.avail_out > 0) {
            if (m_stream.avail_in == 0 && !m_eof) fill_input();
            if (m_member_done) {
                // Another gzip member may follow; anything else after a complete member is
                // ignored, as gzip(1) and zlib's gzread do.
                if (m_stream.avail_in == 0 || m_stream.next_in[0] != 0x1F) break;
                if (inflateReset(&m_stream) != Z_OK) throw ReadError("cannot reset zlib");
                m_member_done = false;
            }
            if (m_stream.avail_in == 0) {
                throw ReadError("gzip data ends early (truncated file?)");
            }
            const int rc = inflate(&m_stream, Z_NO_FLUSH);
            if (rc == Z_STREAM_END) {
                m_member_done = true;
            } else if (rc == Z_NEED_DICT || rc == Z_DATA_ERROR) {
                throw ReadError(std::string("corrupt gzip data: ") +
                                (m_stream.msg != nullptr ? m_stream.msg : "data error"));
            } else if (rc == Z_MEM_ERROR) {
                throw ReadError("out of memory while inflating gzip data");
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                throw ReadError("zlib error " + std::to_string(rc));
            }
        }
    }

    void fill_input() {
        const std::size_t got = read_fd(m_fd, reinterpret_cast<char*>(m_in.data()), m_in.size());
        if (got == 0) m_eof = true;
        m_stream.next_in = m_in.data();
        m_stream.avail_in = static_cast<uInt>(got);
    }

    int m_fd;
    std::vector<Bytef> m_in;
    z_stream m_stream{};
    bool m_eof = false;
    bool m_member_done = false;
    std::optional<std::string> m_error;  ///< raised by the next read()
};

// ---------------------------------------------------------------------------------------------
// Readers by format

/// The bytes of a .txt, .json or .html file as UTF-8. Valid UTF-8 is returned as it is (BOM
/// included, so that offsets stay those of the file); UTF-16 with a BOM, legacy Arabic
/// encodings and --encoding are converted (encoding.hpp); bad bytes are reported with their
/// offset and replaced. Throws InputError for binary files.
std::string utf8_text(std::string raw, const ReaderOptions& options,
                      const std::string& display_path, const ReaderSink& sink,
                      const std::string& declared = "") {
    std::string forced = options.encoding;
    if (forced.empty() && !has_utf16_bom(raw)) {
        if (has_nul(raw)) throw InputError(display_path, 0, "binary file");
        if (utf8::first_invalid(raw) == std::string::npos) return raw;
        forced = declared;  // an HTML page's <meta charset>, when it is not UTF-8
    }
    DecodedText decoded;
    try {
        decoded = decode_text(raw, forced);
    } catch (const UsageError&) {
        if (forced == options.encoding) throw;
        decoded = decode_text(raw);  // a declared charset ICU does not know: detect instead
    }
    if (decoded.invalid_offset != std::string::npos) {
        if (decoded.replaced > raw.size() / max_invalid_share) {
            throw InputError(display_path, 0,
                             "not text: " + std::to_string(decoded.replaced) + " of " +
                                 std::to_string(raw.size()) + " bytes are not valid " +
                                 decoded.encoding);
        }
        // A few bad bytes: the article is indexed with them replaced.
        if (decoded.encoding == "UTF-8" && forced.empty()) {
            sink.error(InputError(display_path, line_of(raw, decoded.invalid_offset),
                                  invalid_utf8_reason(decoded.invalid_offset, decoded.replaced),
                                  InputError::Severity::warning));
        } else {
            sink.error(InputError(display_path, 0,
                                  std::to_string(decoded.replaced) + " character(s) not valid in " +
                                      decoded.encoding + ", replaced by U+FFFD",
                                  InputError::Severity::warning));
        }
    }
    return std::move(decoded.text);
}

void read_text(const Fd& fd, const std::string& display_path, const std::string& default_id,
               const ReaderOptions& options, const ReaderSink& sink) {
    const std::string data = utf8_text(read_all(fd, display_path), options, display_path, sink);
    std::string_view view = data;
    if (view.starts_with(utf8_bom)) view.remove_prefix(utf8_bom.size());

    // CRLF (and a lone CR, as old Mac files have) → LF.
    std::string text;
    text.reserve(view.size());
    for (std::size_t i = 0; i < view.size(); ++i) {
        if (view[i] == '\r') {
            text += '\n';
            if (i + 1 < view.size() && view[i + 1] == '\n') ++i;
        } else {
            text += view[i];
        }
    }

    Article a;
    split_title_body(text, a.title, a.body);
    if (a.title.empty() && a.body.empty()) {
        throw InputError(display_path, 0, "no title and no body");
    }
    a.id = default_id;
    a.path = display_path;
    a.line = 0;
    sink.article(std::move(a));
}

void read_json(const Fd& fd, const std::string& display_path, const std::string& default_id,
               const ReaderOptions& options, const ReaderSink& sink) {
    // Bad bytes outside strings are a syntax error anyway, which the parser then reports.
    const std::string data = utf8_text(read_all(fd, display_path), options, display_path, sink);
    // Keep the BOM in `data` so that offsets stay those of the file; only parse past it.
    const std::size_t skip = std::string_view(data).starts_with(utf8_bom) ? utf8_bom.size() : 0;
    const std::string_view text = std::string_view(data).substr(skip);
    auto parsed = parse_json(text);
    if (auto* error = std::get_if<JsonSyntaxError>(&parsed)) {
        error->offset += skip;
        throw InputError(display_path, line_of(data, error->offset),
                         json_syntax_reason(data, *error));
    }
    const Json& j = std::get<Json>(parsed);
    if (!j.is_object()) {
        throw InputError(display_path, 0,
                         "expected a JSON object at the top level, found " + a_type_name(j));
    }
    try {
        Article a = article_from_json(j, default_id);
        a.path = display_path;
        a.line = 0;
        sink.article(std::move(a));
    } catch (const RecordError& e) {
        sink.error(InputError(display_path, 0, e.what()));
    }
}

void read_html(const Fd& fd, const std::string& display_path, const std::string& default_id,
               const ReaderOptions& options, const ReaderSink& sink) {
    std::string raw = read_all(fd, display_path);
    const std::string declared = declared_charset(raw);
    const std::string data = utf8_text(std::move(raw), options, display_path, sink, declared);
    Article a = article_from_html(data);
    if (a.title.empty() && a.body.empty()) {
        throw InputError(display_path, 0, "no title and no body text in the HTML page");
    }
    a.id = default_id;
    a.path = display_path;
    a.line = 0;
    sink.article(std::move(a));
}

/// Handles one line of a JSON Lines file; `offset` is the line's byte offset in the
/// (uncompressed) file, for UTF-8 error reports.
void read_json_line(std::string_view line, std::size_t line_no, std::size_t offset,
                    const std::string& display_path, const std::string& default_id,
                    const ReaderSink& sink) {
    if (line_no == 1 && line.starts_with(utf8_bom)) {
        line.remove_prefix(utf8_bom.size());
        offset += utf8_bom.size();
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t\r\f\v") == std::string_view::npos) return;  // blank line

    std::string clean;
    const std::size_t bad = utf8::first_invalid(line);
    if (bad != std::string_view::npos) {
        std::size_t replaced = 0;
        clean = utf8::sanitize(line, &replaced);
        sink.error(InputError(display_path, line_no, invalid_utf8_reason(offset + bad, replaced),
                              InputError::Severity::warning));
        line = clean;
    }
    auto parsed = parse_json(line);
    if (const auto* error = std::get_if<JsonSyntaxError>(&parsed)) {
        sink.error(InputError(display_path, line_no, json_syntax_reason(line, *error)));
        return;
    }
    try {
        Article a =
            article_from_json(std::get<Json>(parsed), default_id + "#" + std::to_string(line_no));
        a.path = display_path;
        a.line = line_no;
        sink.article(std::move(a));
    } catch (const RecordError& e) {
        sink.error(InputError(display_path, line_no, e.what()));
    }
}

/// Reads a JSON Lines stream line by line, never holding more than one line (at most
/// max_record_size bytes) and one chunk in memory, whatever the size of the stream.
void read_json_lines(ByteSource& source, const std::string& display_path,
                     const std::string& default_id, const ReaderOptions& options,
                     const ReaderSink& sink) {
    std::vector<char> buf(chunk_size);
    std::string line;
    bool overlong = false;
    std::uintmax_t overlong_size = 0;  // of the current line, once over the limit
    std::size_t line_no = 1;
    std::size_t line_offset = 0;  // of the current line in the uncompressed stream
    std::size_t offset = 0;       // of buf[0]
    bool first = true;

    const auto finish_line = [&] {
        if (overlong) {
            sink.error(InputError(display_path, line_no,
                                  record_too_large(overlong_size, options.max_record_size)));
        } else {
            read_json_line(line, line_no, line_offset, display_path, default_id, sink);
        }
        line.clear();
        overlong = false;
    };

    try {
        for (;;) {
            const std::size_t n = source.read(buf.data(), buf.size());
            if (first) {
                first = false;
                if (n == 0) return;  // e.g. a gzip file of an empty text
                if (has_nul(std::string_view(buf.data(), n))) {
                    throw InputError(display_path, 0, "binary file");
                }
            }
            if (n == 0) break;
            std::size_t pos = 0;
            while (pos < n) {
                const char* nl =
                    static_cast<const char*>(std::memchr(buf.data() + pos, '\n', n - pos));
                const std::size_t end =
                    nl != nullptr ? static_cast<std::size_t>(nl - buf.data()) : n;
                if (overlong) {
                    overlong_size += end - pos;
                } else if (line.size() + (end - pos) > options.max_record_size) {
                    overlong = true;
                    overlong_size = line.size() + (end - pos);
                    std::string().swap(line);
                } else {
                    line.append(buf.data() + pos, end - pos);
                }
                if (nl == nullptr) break;
                finish_line();
                ++line_no;
                line_offset = offset + end + 1;
                pos = end + 1;
            }
            offset += n;
        }
        if (!line.empty() || overlong) finish_line();
    } catch (const ReadError& e) {
        // Whatever was read before stays indexed; the line reached is reported and the rest of
        // the file is given up.
        sink.error(InputError(display_path, line_no, e.what()));
    }
}

}  // namespace

InputFormat input_format(const std::filesystem::path& file) {
    std::string name = file.filename().string();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    const auto has_suffix = [&](std::string_view suffix) {
        // A bare ".txt" is a hidden file's name, not an extension.
        return name.size() > suffix.size() && name.ends_with(suffix);
    };
    if (has_suffix(".jsonl.gz")) return InputFormat::json_lines_gz;
    if (has_suffix(".jsonl")) return InputFormat::json_lines;
    if (has_suffix(".json")) return InputFormat::json;
    if (has_suffix(".txt")) return InputFormat::text;
    if (has_suffix(".html") || has_suffix(".htm")) return InputFormat::html;
    return InputFormat::unsupported;
}

void read_articles(const std::filesystem::path& file, const std::string& display_path,
                   const ReaderOptions& options, const ReaderSink& sink) {
    read_articles(file, display_path, display_path, options, sink);
}

void read_articles(const std::filesystem::path& file, const std::string& display_path,
                   const std::string& default_id, const ReaderOptions& options,
                   const ReaderSink& sink) {
    const InputFormat format = input_format(file);
    if (format == InputFormat::unsupported) {
        throw InputError(display_path, 0, "unsupported file type");
    }
    const Fd fd = open_input(file, display_path, options, format);
    switch (format) {
        case InputFormat::text:
            read_text(fd, display_path, default_id, options, sink);
            break;
        case InputFormat::json:
            read_json(fd, display_path, default_id, options, sink);
            break;
        case InputFormat::html:
            read_html(fd, display_path, default_id, options, sink);
            break;
        case InputFormat::json_lines: {
            FdSource source(fd);
            read_json_lines(source, display_path, default_id, options, sink);
            break;
        }
        case InputFormat::json_lines_gz: {
            GzipSource source(fd, display_path);
            read_json_lines(source, display_path, default_id, options, sink);
            break;
        }
        case InputFormat::unsupported:
            break;
    }
}

}  // namespace fahras
