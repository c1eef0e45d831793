// RTF: what WordPad saves by default, and what Word offers as "Texte mis en forme (RTF)".
// The text is read from the document's groups and control words (RTF 1.9.1 specification):
// destinations that are not text (font and colour tables, style sheet, pictures, embedded
// objects, field instructions, anything marked \*) are skipped; \'hh bytes are read in the
// document's ANSI code page (Windows-1252, which French documents use), \uN characters as
// Unicode with their \ucN fallback skipped; \par and \line end lines, \tab and \cell put a
// tab, \page starts a new page. The title and creation date come from \info.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "extract/formats.hpp"
#include "extract/sniff_internal.hpp"

namespace ububiko::extract::detail {
namespace {

enum class Dest { text, skip, title, created };

struct GroupState {
    Dest dest = Dest::text;
    int uc = 1;  // characters that stand for a \u character in readers without Unicode
};

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Destinations whose content is not the document's text.
bool skipped_destination(std::string_view word) {
    static constexpr std::string_view k_skipped[] = {
        "fonttbl", "colortbl", "stylesheet", "listtable", "listoverridetable", "rsidtbl", "generator",
        "xmlnstbl", "themedata", "colorschememapping", "datastore", "latentstyles", "pgdsctbl", "filetbl",
        "revtbl", "pict", "object", "objdata", "fldinst", "bkmkstart", "bkmkend", "shpinst", "nonshppict",
        "operator", "author", "subject", "keywords", "comment", "doccomm", "company", "manager", "category",
        "revtim", "printim", "buptim", "hlinkbase", "template", "xe", "tc", "footnote", "annotation",
        "userprops", "wgrffmtfilter", "mmathPr", "passwordhash"};
    for (std::string_view s : k_skipped)
        if (word == s) return true;
    return false;
}

class RtfReader {
public:
    explicit RtfReader(std::string_view s) : m_s(s) {}

    RtfText read() {
        std::vector<GroupState> stack;
        GroupState state;
        while (m_pos < m_s.size()) {
            const char c = m_s[m_pos];
            if (c == '{') {
                ++m_pos;
                stack.push_back(state);
                continue;
            }
            if (c == '}') {
                ++m_pos;
                if (state.dest == Dest::created) finish_created();
                if (stack.empty()) break;  // the document's closing brace (or one too many)
                state = stack.back();
                stack.pop_back();
                continue;
            }
            if (c == '\\') {
                control(state);
                continue;
            }
            ++m_pos;
            if (c == '\r' || c == '\n') continue;  // line breaks of the file, not of the text
            emit_byte(state, static_cast<unsigned char>(c));
        }
        flush_bytes();
        m_out.pages.push_back(std::move(m_page));
        return std::move(m_out);
    }

private:
    void control(GroupState& state) {
        ++m_pos;  // the backslash
        if (m_pos >= m_s.size()) return;
        const char c = m_s[m_pos];
        if (!is_letter(c)) {
            ++m_pos;
            switch (c) {
                case '\\':
                case '{':
                case '}':
                    emit_byte(state, static_cast<unsigned char>(c));
                    return;
                case '\'': {
                    int value = 0;
                    for (int k = 0; k < 2 && m_pos < m_s.size(); ++k, ++m_pos) {
                        const char h = m_s[m_pos];
                        const int digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
                        if (digit < 0) break;
                        value = value * 16 + digit;
                    }
                    emit_byte(state, static_cast<unsigned char>(value));
                    return;
                }
                case '~':
                    emit_text(state, "\u00A0");
                    return;
                case '_':
                    emit_text(state, "-");
                    return;
                case '*':
                    state.dest = Dest::skip;  // an ignorable destination
                    return;
                case '\r':
                case '\n':
                    emit_text(state, "\n");  // a backslash before a line break is \par
                    return;
                default:
                    return;  // \- (optional hyphen), \: (index entry) …
            }
        }
        const std::size_t start = m_pos;
        while (m_pos < m_s.size() && is_letter(m_s[m_pos])) ++m_pos;
        const std::string_view word = m_s.substr(start, m_pos - start);
        bool has_param = false;
        long param = 0;
        bool negative = false;
        if (m_pos < m_s.size() && m_s[m_pos] == '-') {
            negative = true;
            ++m_pos;
        }
        while (m_pos < m_s.size() && m_s[m_pos] >= '0' && m_s[m_pos] <= '9') {
            if (param < 100000000) param = param * 10 + (m_s[m_pos] - '0');
            has_param = true;
            ++m_pos;
        }
        if (negative) param = -param;
        if (m_pos < m_s.size() && m_s[m_pos] == ' ') ++m_pos;  // the delimiter belongs to the word
        word_control(state, word, has_param, param);
    }

    void word_control(GroupState& state, std::string_view word, bool has_param, long param) {
        if (word == "bin") {
            m_pos = std::min(m_s.size(), m_pos + static_cast<std::size_t>(std::max(0L, param)));
            return;
        }
        if (word == "u" && has_param) {
            const long cp = param < 0 ? param + 65536 : param;
            flush_bytes();
            if (state.dest == Dest::text || state.dest == Dest::title) {
                // A pair of UTF-16 halves (\u-10179\u-8704) is one character.
                if (cp >= 0xD800 && cp < 0xDC00) {
                    m_high_surrogate = static_cast<char32_t>(cp);
                } else {
                    char32_t c = static_cast<char32_t>(cp);
                    if (cp >= 0xDC00 && cp < 0xE000) c = m_high_surrogate ? 0x10000 + ((m_high_surrogate - 0xD800) << 10) + (c - 0xDC00) : 0xFFFD;
                    m_high_surrogate = 0;
                    std::string utf8;
                    append_utf8(utf8, c);
                    emit_text(state, utf8);
                }
            }
            m_skip_fallback = state.uc;
            return;
        }
        if (word == "uc" && has_param) {
            state.uc = static_cast<int>(std::max(0L, param));
            return;
        }
        if (state.dest == Dest::created) {
            if (word == "yr") m_year = static_cast<int>(param);
            else if (word == "mo") m_month = static_cast<int>(param);
            else if (word == "dy") m_day = static_cast<int>(param);
            return;
        }
        if (skipped_destination(word)) {
            state.dest = Dest::skip;
            return;
        }
        if (word == "title") {
            if (state.dest != Dest::skip) state.dest = Dest::title;
            return;
        }
        if (word == "creatim") {
            if (state.dest != Dest::skip) state.dest = Dest::created;
            return;
        }
        if (word == "info") return;  // a group of the destinations above
        if (word == "par" || word == "line" || word == "row" || word == "sect") emit_text(state, "\n");
        else if (word == "tab" || word == "cell") emit_text(state, "\t");
        else if (word == "page") new_page(state);
        else if (word == "emdash") emit_text(state, "\u2014");
        else if (word == "endash") emit_text(state, "\u2013");
        else if (word == "bullet") emit_text(state, "\u2022");
        else if (word == "lquote") emit_text(state, "\u2018");
        else if (word == "rquote") emit_text(state, "\u2019");
        else if (word == "ldblquote") emit_text(state, "\u201C");
        else if (word == "rdblquote") emit_text(state, "\u201D");
        else if (word == "emspace" || word == "enspace" || word == "qmspace") emit_text(state, " ");
    }

    // A byte of text in the ANSI code page (a \'hh or a plain character); a \u character's
    // fallback is skipped.
    void emit_byte(const GroupState& state, unsigned char byte) {
        if (m_skip_fallback > 0) {
            --m_skip_fallback;
            return;
        }
        if (state.dest != Dest::text && state.dest != Dest::title) return;
        if (state.dest != m_bytes_dest) flush_bytes();
        m_bytes_dest = state.dest;
        m_bytes.push_back(static_cast<char>(byte));
    }

    void emit_text(const GroupState& state, std::string_view utf8) {
        m_skip_fallback = 0;
        flush_bytes();
        if (state.dest == Dest::text) m_page += utf8;
        else if (state.dest == Dest::title) m_out.title += utf8;
    }

    void flush_bytes() {
        if (m_bytes.empty()) return;
        std::string text = cp1252_to_utf8(m_bytes);
        (m_bytes_dest == Dest::title ? m_out.title : m_page) += text;
        m_bytes.clear();
    }

    void new_page(const GroupState& state) {
        if (state.dest != Dest::text) return;
        flush_bytes();
        m_out.pages.push_back(std::move(m_page));
        m_page.clear();
    }

    void finish_created() {
        if (auto date = format_date(m_year, m_month, m_day)) m_out.created = *date;
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
    RtfText m_out;
    std::string m_page;
    std::string m_bytes;  // consecutive code-page bytes, decoded together
    Dest m_bytes_dest = Dest::text;
    int m_skip_fallback = 0;
    char32_t m_high_surrogate = 0;
    int m_year = 0, m_month = 0, m_day = 0;
};

}  // namespace

RtfText rtf_text(std::string_view rtf) {
    RtfText out = RtfReader(rtf).read();
    out.title = std::string(trim(out.title));
    return out;
}

Result extract_rtf(const std::string& path, const Sniffed& type) {
    Result result;
    result.type = type;
    RtfText text = rtf_text(read_file(path));
    result.pages = std::move(text.pages);
    if (result.pages.empty()) result.pages.emplace_back();
    result.title = std::move(text.title);
    result.created = std::move(text.created);
    result.method = "rtf";
    return result;
}

}  // namespace ububiko::extract::detail
