// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/encoding.hpp"

#include <memory>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include "fahras/common/errors.hpp"
#include "fahras/common/utf8.hpp"

namespace fahras {

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
constexpr std::string_view utf16le_bom = "\xFF\xFE";
constexpr std::string_view utf16be_bom = "\xFE\xFF";

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};
struct DetectorCloser {
    void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

/// Converts `bytes` from `encoding` to UTF-8 with ICU; unmappable bytes become U+FFFD and are
/// counted in `replaced`. Returns false when ICU does not know `encoding`.
bool convert(std::string_view bytes, const char* encoding, std::string& out,
             std::size_t& replaced) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, ConverterCloser> from(ucnv_open(encoding, &status));
    if (U_FAILURE(status)) return false;
    std::unique_ptr<UConverter, ConverterCloser> to(ucnv_open("UTF-8", &status));
    if (U_FAILURE(status)) return false;
    out.assign(bytes.size() * 3 + 16, '\0');
    status = U_ZERO_ERROR;
    const int32_t n = ucnv_convert("UTF-8", encoding, out.data(), static_cast<int32_t>(out.size()),
                                   bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    if (U_FAILURE(status)) return false;
    out.resize(static_cast<std::size_t>(n));
    // ICU writes U+FFFD (or U+001A SUBSTITUTE for some single-byte tables) for unmappable bytes.
    replaced = 0;
    std::size_t pos = 0;
    while (pos < out.size()) {
        const char32_t cp = utf8::decode(out, pos);
        if (cp == utf8::replacement || cp == 0x1A) ++replaced;
    }
    return true;
}

bool is_arabic(char32_t cp) {
    return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
           (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
}

/// Candidate encodings for `bytes`, in ICU's order of confidence.
std::vector<std::string> detected_encodings(std::string_view bytes) {
    std::vector<std::string> names;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, DetectorCloser> detector(ucsdet_open(&status));
    if (U_FAILURE(status)) return names;
    ucsdet_setText(detector.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &status);
    int32_t count = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
    if (U_FAILURE(status)) return names;
    for (int32_t i = 0; i < count; ++i) {
        const char* name = ucsdet_getName(matches[i], &status);
        if (U_SUCCESS(status) && name != nullptr) names.emplace_back(name);
    }
    return names;
}

}  // namespace

bool has_utf16_bom(std::string_view bytes) noexcept {
    return bytes.starts_with(utf16le_bom) || bytes.starts_with(utf16be_bom);
}

namespace {

/// The share of Arabic letters among the letters of `text`, or -1 when it has U+FFFD, C1
/// controls or SUBSTITUTE in more than 1% of its characters (a wrong guess of a legacy
/// encoding shows as those, or as Latin letters in place of Arabic ones).
double arabic_share(std::string_view text) {
    std::size_t letters = 0, arabic = 0, suspicious = 0, chars = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char32_t cp = utf8::decode(text, pos);
        ++chars;
        if (cp == utf8::invalid || cp == utf8::replacement || cp == 0x1A ||
            (cp >= 0x80 && cp <= 0x9F)) {
            ++suspicious;
            continue;
        }
        if (u_isalpha(static_cast<UChar32>(cp))) {
            ++letters;
            if (is_arabic(cp)) ++arabic;
        }
    }
    if (letters == 0 || suspicious * 100 > chars) return -1;
    return static_cast<double>(arabic) / static_cast<double>(letters);
}

}  // namespace

bool mostly_arabic(std::string_view text) {
    return arabic_share(text) >= 0.6;
}

DecodedText decode_text(std::string_view bytes, const std::string& forced) {
    DecodedText out;
    std::size_t replaced = 0;
    if (!forced.empty()) {
        std::string_view body = bytes;
        if (body.starts_with(utf8_bom)) body.remove_prefix(utf8_bom.size());
        if (!convert(body, forced.c_str(), out.text, replaced)) {
            throw UsageError("unknown encoding \"" + forced +
                             "\" (--encoding takes ICU names "
                             "such as UTF-8, UTF-16LE, windows-1256, ISO-8859-6)");
        }
        out.encoding = forced;
        out.replaced = replaced;
        if (replaced != 0) out.invalid_offset = 0;
        if (out.text.starts_with(utf8_bom)) out.text.erase(0, utf8_bom.size());
        return out;
    }
    if (bytes.starts_with(utf16le_bom) || bytes.starts_with(utf16be_bom)) {
        const bool le = bytes.starts_with(utf16le_bom);
        convert(bytes.substr(2), le ? "UTF-16LE" : "UTF-16BE", out.text, replaced);
        out.encoding = le ? "UTF-16LE" : "UTF-16BE";
        out.replaced = replaced;
        if (replaced != 0) out.invalid_offset = 0;
        return out;
    }
    std::string_view body = bytes;
    if (body.starts_with(utf8_bom)) body.remove_prefix(utf8_bom.size());
    const std::size_t bad = utf8::first_invalid(body);
    if (bad == std::string_view::npos) {
        out.text = body;
        out.encoding = "UTF-8";
        return out;
    }
    // UTF-8 with a few bad bytes stays UTF-8 (Arabic UTF-8 read as Windows-1256 would look
    // Arabic enough): only bytes that are mostly not UTF-8 are a legacy encoding.
    std::size_t valid_multibyte = 0, invalid = 0;
    for (std::size_t pos = 0; pos < body.size();) {
        const std::size_t start = pos;
        const char32_t cp = utf8::decode(body, pos);
        if (cp == utf8::invalid) {
            ++invalid;
        } else if (pos - start > 1) {
            ++valid_multibyte;
        }
    }
    if (valid_multibyte >= invalid) {
        out.text = utf8::sanitize(body, &out.replaced);
        out.encoding = "UTF-8";
        out.invalid_offset = bad + (bytes.size() - body.size());
        return out;
    }
    // Not UTF-8: a legacy encoding if ICU's detection (then the two usual Arabic ones) gives
    // mostly Arabic text.
    std::vector<std::string> candidates = detected_encodings(body);
    candidates.emplace_back("windows-1256");
    candidates.emplace_back("ISO-8859-6");
    // The two Arabic tables overlap: ISO-8859-6 text read as Windows-1256 is still mostly
    // Arabic (with Latin letters in places), so the candidate with the highest share of Arabic
    // letters wins, ICU's order breaking ties.
    double best = 0.6;
    for (const std::string& name : candidates) {
        if (name.rfind("UTF", 0) == 0) continue;  // not valid UTF-8 / no BOM: not those
        std::string text;
        if (!convert(body, name.c_str(), text, replaced)) continue;
        const double share = arabic_share(text);
        if (share > best || (share >= best && out.encoding.empty())) {
            best = share;
            out.text = std::move(text);
            out.encoding = name;
            out.replaced = replaced;
        }
    }
    if (!out.encoding.empty()) return out;
    out.text = utf8::sanitize(body, &out.replaced);
    out.encoding = "UTF-8";
    out.invalid_offset = bad + (bytes.size() - body.size());
    return out;
}

}  // namespace fahras
