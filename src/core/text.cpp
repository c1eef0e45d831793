#include "core/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

#include "core/error.hpp"

namespace ububiko {
namespace {

bool is_apostrophe(UChar32 c) {
    return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x00B4 || c == '`';
}

bool is_space_like(UChar32 c) { return c == 0x00A0 || c == 0x202F || c == 0x2007; }

// The ASCII fast path: most text in an index is plain ASCII once accents are rare.
bool all_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

std::string fold_ascii(std::string_view s) {
    std::string out(s);
    for (std::size_t i = 0; i < out.size(); ++i) {
        char& c = out[i];
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        } else if ((c == '\'' || c == '`') && i > 0) {
            char p = out[i - 1];
            if ((p >= 'a' && p <= 'z') || (p >= 'A' && p <= 'Z')) c = ' ';
        }
    }
    return out;
}

}  // namespace

namespace {

std::string fold_icu(std::string_view utf8);

// Folding of the code points below U+0370 (Latin, Latin-1, Latin Extended A/B, IPA,
// combining accents), computed once with the ICU path itself so both always agree.
// Each code point is folded by ICU the first time it is met, then remembered.
// Eight bytes an entry (a folded Latin letter is at most four bytes: "ss", "ae", "oe"), made
// when a thread first folds a non-ASCII text: a table held in every thread's static storage
// was 35 KB zeroed at the start of every process and thread.
class LatinTable {
public:
    static constexpr UChar32 k_limit = 0x370;
    std::string_view folded(UChar32 c) {
        Entry& e = m_entries[c];
        if (!e.known) {
            char buf[4];
            int32_t len = 0;
            U8_APPEND_UNSAFE(buf, len, c);
            std::string f = is_apostrophe(c) || is_space_like(c) ? std::string() : fold_icu(std::string_view(buf, static_cast<std::size_t>(len)));
            if (f.size() > sizeof e.folded) f = std::string(buf, static_cast<std::size_t>(len));  // cannot happen below U+0370
            std::copy(f.begin(), f.end(), e.folded);
            e.size = static_cast<uint8_t>(f.size());
            e.letter = u_isalpha(c);
            e.mark = u_charType(c) == U_NON_SPACING_MARK;
            e.known = true;
        }
        return {e.folded, e.size};
    }
    bool letter(UChar32 c) const { return m_entries[c].letter; }
    bool mark(UChar32 c) const { return m_entries[c].mark; }

private:
    struct Entry {
        char folded[4] = {};
        uint8_t size = 0;
        bool known = false, letter = false, mark = false;
    };
    Entry m_entries[k_limit];
};

// The common case: ASCII plus Latin letters with accents, without ICU.
bool fold_latin(std::string_view text, std::string& out) {
    static thread_local std::unique_ptr<LatinTable> owned;
    if (!owned) owned = std::make_unique<LatinTable>();
    LatinTable& table = *owned;
    out.clear();
    out.reserve(text.size());
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const int32_t n = static_cast<int32_t>(text.size());
    bool previous_is_letter = false;
    for (int32_t i = 0; i < n;) {
        uint8_t b = s[i];
        if (b < 0x80) {
            ++i;
            char c = static_cast<char>(b);
            bool upper = c >= 'A' && c <= 'Z';
            bool lower = c >= 'a' && c <= 'z';
            if (c == '\'' || c == '`') {
                out.push_back(previous_is_letter ? ' ' : '\'');
                previous_is_letter = false;
                continue;
            }
            out.push_back(upper ? static_cast<char>(c - 'A' + 'a') : c);
            previous_is_letter = upper || lower;
            continue;
        }
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) return false;
        if (is_apostrophe(c)) {
            out.push_back(previous_is_letter ? ' ' : '\'');
            previous_is_letter = false;
            continue;
        }
        if (is_space_like(c)) {
            out.push_back(' ');
            previous_is_letter = false;
            continue;
        }
        if (c == 0x2010 || c == 0x2011) {
            out.push_back('-');
            previous_is_letter = false;
            continue;
        }
        if (c >= LatinTable::k_limit) {
            // Typographic punctuation passes through unchanged; anything else goes to ICU.
            if (c >= 0x2002 && c <= 0x206F) {
                out.append(reinterpret_cast<const char*>(s + i - U8_LENGTH(c)), static_cast<std::size_t>(U8_LENGTH(c)));
                previous_is_letter = false;
                continue;
            }
            return false;
        }
        out += table.folded(c);
        // A combining accent keeps the letter before it a letter (NFD input).
        if (!table.mark(c)) previous_is_letter = table.letter(c);
    }
    return true;
}

}  // namespace

char folded_latin1_letter(unsigned char second_byte) {
    // U+00C0 … U+00FF; a test checks every entry against fold().
    static constexpr char k_table[] = "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0\0" "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0y";
    static_assert(sizeof k_table == 64 + 1);
    return second_byte >= 0x80 && second_byte < 0xC0 ? k_table[second_byte - 0x80] : 0;
}

std::string fold(std::string_view utf8) {
    if (all_ascii(utf8)) return fold_ascii(utf8);
    std::string out;
    if (fold_latin(utf8, out)) return out;
    return fold_icu(utf8);
}

namespace {

std::string fold_icu(std::string_view utf8) {

    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) throw Error(ErrorCode::internal, "ICU NFD normaliser unavailable");

    icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    icu::UnicodeString decomposed = nfd->normalize(source, status);
    if (U_FAILURE(status)) throw Error(ErrorCode::internal, "ICU normalisation failed");

    icu::UnicodeString stripped;
    stripped.getBuffer(decomposed.length());  // reserve
    stripped.releaseBuffer(0);
    bool previous_is_letter = false;
    for (int32_t i = 0; i < decomposed.length();) {
        UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;  // accents after NFD
        if (is_apostrophe(c)) {
            stripped.append(previous_is_letter ? UChar32(' ') : UChar32('\''));
            previous_is_letter = false;
            continue;
        }
        if (is_space_like(c)) c = ' ';
        switch (c) {
            case 0x0153: stripped.append(u"oe"); break;  // œ
            case 0x0152: stripped.append(u"oe"); break;  // Œ
            case 0x00E6: stripped.append(u"ae"); break;  // æ
            case 0x00C6: stripped.append(u"ae"); break;  // Æ
            case 0x2010:
            case 0x2011: stripped.append(UChar32('-')); break;
            default: stripped.append(c);
        }
        previous_is_letter = u_isalpha(c);
    }
    stripped.foldCase();
    std::string out;
    stripped.toUTF8String(out);
    return out;
}

}  // namespace

std::size_t first_invalid_utf8(std::string_view data) {
    int32_t i = 0;
    const int32_t n = static_cast<int32_t>(data.size());
    const auto* s = reinterpret_cast<const uint8_t*>(data.data());
    while (i < n) {
        const int32_t at = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) return static_cast<std::size_t>(at);
    }
    return std::string_view::npos;
}

bool is_valid_utf8(std::string_view data) { return first_invalid_utf8(data) == std::string_view::npos; }

std::string utf8_or_cp1252(std::string_view data) {
    return is_valid_utf8(data) ? std::string(data) : cp1252_to_utf8(data);
}

std::string cp1252_to_utf8(std::string_view data) {
    // 0x80–0x9F differ from ISO-8859-1; unassigned ones map to U+FFFD.
    static const char16_t k_high[32] = {
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
    std::string out;
    out.reserve(data.size() + data.size() / 8);
    for (unsigned char b : data) {
        UChar32 c = b < 0x80 ? b : (b < 0xA0 ? k_high[b - 0x80] : b);
        char buf[4];
        int32_t len = 0;
        U8_APPEND_UNSAFE(buf, len, c);
        out.append(buf, static_cast<std::size_t>(len));
    }
    return out;
}

std::string_view strip_utf8_bom(std::string_view data) {
    if (data.size() >= 3 && data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
    return data;
}

std::string slugify(std::string_view utf8) {
    std::string folded = fold(utf8);
    std::string out;
    bool pending_dash = false;
    const auto* s = reinterpret_cast<const uint8_t*>(folded.data());
    const int32_t n = static_cast<int32_t>(folded.size());
    for (int32_t i = 0; i < n;) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c >= 0 && (u_isalnum(c))) {
            if (pending_dash && !out.empty()) out.push_back('-');
            pending_dash = false;
            out.append(folded, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
        } else {
            pending_dash = true;
        }
    }
    return out;
}

std::string to_hex(const void* bytes, std::size_t size) {
    static const char* k_digits = "0123456789abcdef";
    const auto* b = static_cast<const unsigned char*>(bytes);
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out.push_back(k_digits[b[i] >> 4]);
        out.push_back(k_digits[b[i] & 15]);
    }
    return out;
}

void append_escaped_html(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
}

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    append_escaped_html(out, text);
    return out;
}

std::string_view trim(std::string_view s) {
    const char* ws = " \t\r\n\f\v";
    auto b = s.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    auto e = s.find_last_not_of(ws);
    return s.substr(b, e - b + 1);
}

std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return s;
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return s.substr(0, cut);
}

char32_t next_code_point(std::string_view s, std::size_t& i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    const int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra == 0) {
        ++i;
        return c;
    }
    if (extra < 0 || i + static_cast<std::size_t>(extra) >= s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
        const unsigned char next = byte(i + static_cast<std::size_t>(k));
        if ((next & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (next & 0x3F);
    }
    i += static_cast<std::size_t>(extra) + 1;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;  // not a character
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string utf16_to_utf8(std::string_view data, bool big_endian) {
    std::string out;
    out.reserve(data.size());
    auto unit_at = [&](std::size_t i) -> char16_t {
        const auto a = static_cast<unsigned char>(data[i]);
        const auto b = static_cast<unsigned char>(data[i + 1]);
        return big_endian ? static_cast<char16_t>((a << 8) | b) : static_cast<char16_t>((b << 8) | a);
    };
    std::size_t i = 0;
    while (i + 1 < data.size()) {
        char32_t c = unit_at(i);
        i += 2;
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < data.size()) {
            const char16_t low = unit_at(i);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                i += 2;
            }
        }
        append_utf8(out, c);  // an unpaired surrogate becomes U+FFFD there
    }
    return out;
}

std::u32string decode_utf8(std::string_view utf8) {
    std::u32string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) out.push_back(next_code_point(utf8, i));
    return out;
}

std::string encode_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char32_t cp : text) append_utf8(out, cp);
    return out;
}

}  // namespace ububiko
