#include "extract/text_decode.hpp"

#include "core/text.hpp"

namespace ububiko::extract::detail {

namespace {

constexpr char32_t k_replacement = 0xFFFD;

// Length of the UTF-8 sequence a lead byte announces, 0 for a byte that cannot start one.
std::size_t sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

// Decodes the code point at data[i], advancing i past it; returns k_invalid (and advances
// by one byte) on an invalid or truncated sequence.
constexpr char32_t k_invalid = 0xFFFFFFFF;
char32_t next_code_point(std::string_view data, std::size_t& i) {
    const auto lead = static_cast<unsigned char>(data[i]);
    const std::size_t len = sequence_length(lead);
    if (len == 1) {
        ++i;
        return lead;
    }
    if (len == 0 || i + len > data.size()) {
        ++i;
        return k_invalid;
    }
    char32_t c = lead & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(data[i + k]);
        if ((b & 0xC0) != 0x80) {
            ++i;
            return k_invalid;
        }
        c = (c << 6) | (b & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid.
    const bool overlong = (len == 3 && c < 0x800) || (len == 4 && c < 0x10000);
    if (overlong || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
        ++i;
        return k_invalid;
    }
    i += len;
    return c;
}

// Where data stops being whole characters: a multi-byte sequence cut by the end of a
// truncated read is left out.
std::size_t complete_prefix_length(std::string_view data) {
    std::size_t n = data.size();
    for (std::size_t back = 1; back <= 3 && back <= n; ++back) {
        const auto b = static_cast<unsigned char>(data[n - back]);
        if ((b & 0xC0) == 0x80) continue;  // continuation byte: keep looking for its lead
        const std::size_t len = sequence_length(b);
        return len > back ? n - back : n;
    }
    return n;
}

bool is_suspicious_control(unsigned char b) {
    // Tab, LF, VT, FF, CR, SUB (DOS end of file) and ESC occur in real text files.
    return b < 0x20 && b != '\t' && b != '\n' && b != '\v' && b != '\f' && b != '\r' && b != 0x1A &&
           b != 0x1B;
}

}  // namespace

std::string sanitize_utf8(std::string_view data) {
    if (is_valid_utf8(data)) return std::string(data);
    std::string out;
    out.reserve(data.size() + 16);
    for (std::size_t i = 0; i < data.size();) {
        const std::size_t start = i;
        const char32_t c = next_code_point(data, i);
        if (c == k_invalid)
            append_utf8(out, k_replacement);
        else
            out.append(data.substr(start, i - start));
    }
    return out;
}

std::optional<Encoding> detect_text_encoding(std::string_view data, bool truncated) {
    if (data.starts_with("\xEF\xBB\xBF")) return Encoding::utf8;
    if (data.starts_with("\xFF\xFE")) return Encoding::utf16le;
    if (data.starts_with("\xFE\xFF")) return Encoding::utf16be;

    std::size_t suspicious = 0;
    for (unsigned char b : data) {
        if (b == 0) return std::nullopt;
        if (is_suspicious_control(b)) ++suspicious;
    }
    const std::string_view whole = truncated ? data.substr(0, complete_prefix_length(data)) : data;
    if (is_valid_utf8(whole))
        return suspicious * 100 > data.size() ? std::nullopt : std::optional(Encoding::utf8);
    // Windows-1252 leaves five bytes unassigned: count them with the control characters.
    for (unsigned char b : data)
        if (b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D) ++suspicious;
    if (suspicious * 100 > data.size()) return std::nullopt;
    return Encoding::cp1252;
}

std::string decode_text(std::string_view data, Encoding encoding) {
    switch (encoding) {
        case Encoding::utf8:
            return sanitize_utf8(strip_utf8_bom(data));
        case Encoding::utf16le:
            if (data.starts_with("\xFF\xFE")) data.remove_prefix(2);
            return utf16_to_utf8(data, false);
        case Encoding::utf16be:
            if (data.starts_with("\xFE\xFF")) data.remove_prefix(2);
            return utf16_to_utf8(data, true);
        case Encoding::cp1252:
            return cp1252_to_utf8(data);
    }
    return {};
}

std::string normalise_newlines(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out.push_back('\n');
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

std::size_t count_visible_chars(std::string_view utf8) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const char32_t c = next_code_point(utf8, i);
        const bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
                           c == '\v' || c == 0xA0 || c == 0xFEFF || c == 0x200B || c < 0x20;
        if (!blank) ++count;
    }
    return count;
}

}  // namespace ububiko::extract::detail
