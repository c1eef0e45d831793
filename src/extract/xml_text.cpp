#include "extract/xml_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <map>
#include <cstdio>
#include <chrono>

#include "core/text.hpp"
#include "extract/text_decode.hpp"

namespace ububiko::extract::detail {

namespace {

// One step of a pull parser over an XML document held in memory.
struct XmlEvent {
    enum class Type { text, cdata, start, end, eof };
    Type type = Type::eof;
    std::string_view name;   // start and end tags
    std::string_view attrs;  // start tags: the raw attribute list
    bool self_closing = false;
    std::string_view text;  // text (entities not decoded) and CDATA content
};

class XmlScanner {
public:
    explicit XmlScanner(std::string_view xml) : m_xml(xml) {}

    XmlEvent next() {
        while (m_pos < m_xml.size()) {
            if (m_xml[m_pos] != '<') {
                const std::size_t end = std::min(m_xml.find('<', m_pos), m_xml.size());
                XmlEvent e{XmlEvent::Type::text, {}, {}, false, m_xml.substr(m_pos, end - m_pos)};
                m_pos = end;
                return e;
            }
            const std::string_view rest = m_xml.substr(m_pos);
            if (rest.starts_with("<!--")) {
                if (!skip_past("-->")) break;
            } else if (rest.starts_with("<![CDATA[")) {
                const std::size_t end = m_xml.find("]]>", m_pos + 9);
                if (end == std::string_view::npos) break;
                XmlEvent e{
                    XmlEvent::Type::cdata, {}, {}, false, m_xml.substr(m_pos + 9, end - m_pos - 9)};
                m_pos = end + 3;
                return e;
            } else if (rest.starts_with("<?")) {
                if (!skip_past("?>")) break;
            } else if (rest.starts_with("<!")) {
                // A DOCTYPE, possibly with an internal subset that is never interpreted.
                const std::size_t bracket = m_xml.find('[', m_pos);
                const std::size_t close = m_xml.find('>', m_pos);
                if (bracket < close) {
                    if (!skip_past("]>")) break;
                } else if (!skip_past(">")) {
                    break;
                }
            } else {
                return tag();
            }
        }
        m_pos = m_xml.size();
        return {};
    }

private:
    bool skip_past(std::string_view marker) {
        const std::size_t end = m_xml.find(marker, m_pos);
        if (end == std::string_view::npos) return false;
        m_pos = end + marker.size();
        return true;
    }

    XmlEvent tag() {
        // Find the closing '>' outside quoted attribute values.
        std::size_t i = m_pos + 1;
        char quote = 0;
        for (; i < m_xml.size(); ++i) {
            const char c = m_xml[i];
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                break;
            }
        }
        if (i >= m_xml.size()) {
            m_pos = m_xml.size();
            return {};
        }
        std::string_view inside = m_xml.substr(m_pos + 1, i - m_pos - 1);
        m_pos = i + 1;
        XmlEvent e;
        e.type = XmlEvent::Type::start;
        if (inside.starts_with('/')) {
            e.type = XmlEvent::Type::end;
            inside.remove_prefix(1);
        } else if (inside.ends_with('/')) {
            e.self_closing = true;
            inside.remove_suffix(1);
        }
        const std::size_t name_end = inside.find_first_of(" \t\r\n");
        e.name = inside.substr(0, name_end);
        if (name_end != std::string_view::npos) e.attrs = inside.substr(name_end);
        return e;
    }

    std::string_view m_xml;
    std::size_t m_pos = 0;
};

// The raw value of attribute qname in an attribute list, entities decoded.
std::optional<std::string> attribute(std::string_view attrs, std::string_view qname) {
    std::size_t i = 0;
    while (i < attrs.size()) {
        while (i < attrs.size() &&
               std::string_view(" \t\r\n").find(attrs[i]) != std::string_view::npos)
            ++i;
        const std::size_t eq = attrs.find('=', i);
        if (eq == std::string_view::npos) return std::nullopt;
        const std::string_view name = trim(attrs.substr(i, eq - i));
        std::size_t q = eq + 1;
        while (q < attrs.size() &&
               (attrs[q] == ' ' || attrs[q] == '\t' || attrs[q] == '\n' || attrs[q] == '\r'))
            ++q;
        if (q >= attrs.size() || (attrs[q] != '"' && attrs[q] != '\'')) return std::nullopt;
        const std::size_t close = attrs.find(attrs[q], q + 1);
        if (close == std::string_view::npos) return std::nullopt;
        if (name == qname) return decode_entities(attrs.substr(q + 1, close - q - 1));
        i = close + 1;
    }
    return std::nullopt;
}

// An element's name without its namespace prefix ("x:c" → "c"): some writers of Office
// Open XML prefix every element.
std::string_view local_name(std::string_view qname) {
    const std::size_t colon = qname.rfind(':');
    return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

// Accumulates the pages of a document while walking its XML.
class TextBuilder {
public:
    explicit TextBuilder(Dialect dialect) : m_dialect(dialect), m_pages(1) {}

    void append(std::string_view s) { m_pages.back().append(s); }
    void newline() { m_pages.back().push_back('\n'); }
    void new_page() { m_pages.emplace_back(); }

    // ODF collapses runs of whitespace to one space and drops it at the start of a line.
    void append_collapsed(std::string_view s) {
        std::string& page = m_pages.back();
        for (char c : s) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (!page.empty() && page.back() != ' ' && page.back() != '\n' &&
                    page.back() != '\t')
                    page.push_back(' ');
            } else {
                page.push_back(c);
            }
        }
    }

    std::vector<std::string> finish() {
        // A page break at the very end leaves an empty page: not a page of the document.
        while (m_pages.size() > 1 && trim(m_pages.back()).empty()) m_pages.pop_back();
        for (std::string& page : m_pages) page = sanitize_utf8(page);
        return std::move(m_pages);
    }

    Dialect dialect() const { return m_dialect; }

private:
    Dialect m_dialect;
    std::vector<std::string> m_pages;
};

bool is_paragraph(Dialect d, std::string_view name) {
    return d == Dialect::odt ? (name == "text:p" || name == "text:h") : name == "w:p";
}

// Subtrees whose text is not the document's: tracked deletions, comments, and the
// fallback copy of DOCX content that Word writes for older readers.
bool is_skipped(Dialect d, std::string_view name) {
    if (d == Dialect::odt) return name == "text:tracked-changes" || name == "office:annotation";
    return name == "mc:Fallback" || name == "w:del" || name == "w:comments";
}

// Handles an empty element (or the start of one) that stands for a character.
void on_marker(TextBuilder& out, const XmlEvent& e, bool in_run) {
    if (out.dialect() == Dialect::odt) {
        if (e.name == "text:tab") {
            out.append("\t");
        } else if (e.name == "text:line-break") {
            out.newline();
        } else if (e.name == "text:s") {
            int count = 1;
            if (auto c = attribute(e.attrs, "text:c")) {
                std::from_chars(c->data(), c->data() + c->size(), count);
                count = std::clamp(count, 1, 1000);
            }
            out.append(std::string(static_cast<std::size_t>(count), ' '));
        }
        return;
    }
    if (!in_run) return;  // w:tab also defines tab stops in paragraph properties
    if (e.name == "w:tab") {
        out.append("\t");
    } else if (e.name == "w:br") {
        if (attribute(e.attrs, "w:type") == "page")
            out.new_page();
        else
            out.newline();
    } else if (e.name == "w:cr") {
        out.newline();
    } else if (e.name == "w:noBreakHyphen") {
        out.append("-");
    }
}

}  // namespace

std::string decode_entities(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t amp = text.find('&', i);
        if (amp == std::string_view::npos) {
            out.append(text.substr(i));
            break;
        }
        out.append(text.substr(i, amp - i));
        const std::size_t semi = text.find(';', amp);
        if (semi == std::string_view::npos || semi - amp > 12) {
            out.push_back('&');
            i = amp + 1;
            continue;
        }
        const std::string_view name = text.substr(amp + 1, semi - amp - 1);
        if (name == "amp")
            out.push_back('&');
        else if (name == "lt")
            out.push_back('<');
        else if (name == "gt")
            out.push_back('>');
        else if (name == "quot")
            out.push_back('"');
        else if (name == "apos")
            out.push_back('\'');
        else if (name.starts_with('#') && name.size() > 1) {
            const bool hex = name[1] == 'x' || name[1] == 'X';
            const std::string_view digits = name.substr(hex ? 2 : 1);
            std::uint32_t value = 0;
            const auto [end, ec] =
                std::from_chars(digits.data(), digits.data() + digits.size(), value, hex ? 16 : 10);
            const bool ok = ec == std::errc() && end == digits.data() + digits.size() &&
                            !digits.empty() && value != 0;
            append_utf8(out, ok ? static_cast<char32_t>(value) : char32_t{0xFFFD});
        } else {
            out.append(text.substr(amp, semi - amp + 1));  // unknown: keep as written
        }
        i = semi + 1;
    }
    return out;
}

std::vector<std::string> xml_document_text(std::string_view xml, Dialect dialect) {
    TextBuilder out(dialect);
    XmlScanner scanner(xml);
    int depth = 0;
    int skip_from = -1;  // depth of the skipped subtree we are in, -1 when none
    int paragraphs = 0;  // open paragraph elements
    int runs = 0;        // open w:r elements
    int text_runs = 0;   // open w:t elements
    for (XmlEvent e = scanner.next(); e.type != XmlEvent::Type::eof; e = scanner.next()) {
        switch (e.type) {
            case XmlEvent::Type::start:
                if (skip_from >= 0) {
                    if (!e.self_closing) ++depth;
                    break;
                }
                if (is_skipped(dialect, e.name)) {
                    if (!e.self_closing) skip_from = ++depth;
                    break;
                }
                if (is_paragraph(dialect, e.name)) {
                    if (e.self_closing)
                        out.newline();
                    else
                        ++paragraphs;
                } else if (e.name == "w:r" && !e.self_closing) {
                    ++runs;
                } else if (e.name == "w:t" && !e.self_closing) {
                    ++text_runs;
                } else {
                    on_marker(out, e, runs > 0);
                }
                if (!e.self_closing) ++depth;
                break;
            case XmlEvent::Type::end:
                if (skip_from >= 0) {
                    if (depth-- == skip_from) skip_from = -1;
                    break;
                }
                --depth;
                if (is_paragraph(dialect, e.name) && paragraphs > 0) {
                    --paragraphs;
                    out.newline();
                } else if (e.name == "w:r" && runs > 0) {
                    --runs;
                } else if (e.name == "w:t" && text_runs > 0) {
                    --text_runs;
                }
                break;
            case XmlEvent::Type::text:
            case XmlEvent::Type::cdata: {
                if (skip_from >= 0) break;
                const std::string text =
                    e.type == XmlEvent::Type::text ? decode_entities(e.text) : std::string(e.text);
                if (dialect == Dialect::odt) {
                    if (paragraphs > 0) out.append_collapsed(text);
                } else if (text_runs > 0) {
                    out.append(text);  // w:t keeps its spaces as written
                }
                break;
            }
            case XmlEvent::Type::eof:
                break;
        }
    }
    return out.finish();
}

namespace {

// A row being read: its cells' text, then the line it makes.
struct RowText {
    std::vector<std::string> cells;

    void add_cell(std::size_t repeated) {
        // A repeated cell stands for several columns; repeated content is written out a
        // few times at most (rows of 16,384 empty columns are common).
        cells.emplace_back();
        pending_repeat = std::min<std::size_t>(repeated, 50);
    }
    void end_cell() {
        if (pending_repeat > 1 && !cells.empty() && !trim(cells.back()).empty())
            for (std::size_t k = 1; k < pending_repeat; ++k) cells.push_back(cells.back());
        pending_repeat = 1;
    }
    // Appends the row to page when anything is in it.
    void flush_into(std::string& page) {
        while (!cells.empty() && trim(cells.back()).empty()) cells.pop_back();
        for (std::size_t k = 0; k < cells.size(); ++k) {
            if (k > 0) page.push_back('\t');
            page += trim(cells[k]);
        }
        if (!cells.empty()) page.push_back('\n');
        cells.clear();
    }

private:
    std::size_t pending_repeat = 1;
};

// Appends text to a cell, runs of white space made one space.
void append_cell_text(std::string& cell, std::string_view text) {
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!cell.empty() && cell.back() != ' ') cell.push_back(' ');
        } else {
            cell.push_back(c);
        }
    }
}

std::size_t count_attribute(std::string_view attrs, std::string_view qname) {
    std::size_t n = 1;
    if (auto v = attribute(attrs, qname)) std::from_chars(v->data(), v->data() + v->size(), n);
    return std::max<std::size_t>(n, 1);
}

}  // namespace

std::vector<std::string> ods_sheets_text(std::string_view content_xml) {
    std::vector<std::string> sheets;
    XmlScanner scanner(content_xml);
    RowText row;
    int depth = 0, skip_from = -1;
    bool in_table = false, in_cell = false;
    int paragraphs = 0;  // open text:p / text:h in the cell
    for (XmlEvent e = scanner.next(); e.type != XmlEvent::Type::eof; e = scanner.next()) {
        if (e.type == XmlEvent::Type::start) {
            if (skip_from >= 0 || e.name == "office:annotation") {
                if (!e.self_closing && skip_from < 0) skip_from = depth + 1;
                if (!e.self_closing) ++depth;
                continue;
            }
            if (!e.self_closing) ++depth;
            if (e.name == "table:table") {
                in_table = true;
                sheets.emplace_back();
                if (auto name = attribute(e.attrs, "table:name"); name && !trim(*name).empty())
                    sheets.back() += std::string(trim(*name)) + "\n";
            } else if (!in_table) {
                continue;
            } else if (e.name == "table:table-cell" || e.name == "table:covered-table-cell") {
                row.add_cell(count_attribute(e.attrs, "table:number-columns-repeated"));
                in_cell = !e.self_closing;
                if (e.self_closing) row.end_cell();
            } else if (in_cell && (e.name == "text:p" || e.name == "text:h")) {
                if (!row.cells.back().empty()) row.cells.back().push_back(' ');
                if (!e.self_closing) ++paragraphs;
            } else if (in_cell && (e.name == "text:s" || e.name == "text:tab" || e.name == "text:line-break")) {
                append_cell_text(row.cells.back(), " ");
            }
        } else if (e.type == XmlEvent::Type::end) {
            if (skip_from >= 0) {
                if (depth-- == skip_from) skip_from = -1;
                continue;
            }
            --depth;
            if (e.name == "table:table") {
                in_table = false;
            } else if (e.name == "table:table-row" && in_table) {
                row.flush_into(sheets.back());
            } else if (e.name == "table:table-cell" || e.name == "table:covered-table-cell") {
                if (in_cell) row.end_cell();
                in_cell = false;
                paragraphs = 0;
            } else if ((e.name == "text:p" || e.name == "text:h") && paragraphs > 0) {
                --paragraphs;
            }
        } else if (skip_from < 0 && in_cell && paragraphs > 0) {
            append_cell_text(row.cells.back(), e.type == XmlEvent::Type::text ? decode_entities(e.text) : std::string(e.text));
        }
    }
    for (std::string& sheet : sheets) sheet = sanitize_utf8(sheet);
    return sheets;
}

std::vector<std::string> xlsx_shared_strings(std::string_view xml) {
    std::vector<std::string> out;
    XmlScanner scanner(xml);
    bool in_entry = false;
    int text = 0, phonetic = 0;  // open <t>, open <rPh> (readings of East Asian text)
    for (XmlEvent e = scanner.next(); e.type != XmlEvent::Type::eof; e = scanner.next()) {
        if (e.type == XmlEvent::Type::start) {
            if (local_name(e.name) == "si") {
                out.emplace_back();
                in_entry = !e.self_closing;
            } else if (local_name(e.name) == "t" && !e.self_closing) {
                ++text;
            } else if (local_name(e.name) == "rPh" && !e.self_closing) {
                ++phonetic;
            }
        } else if (e.type == XmlEvent::Type::end) {
            if (local_name(e.name) == "si") in_entry = false;
            else if (local_name(e.name) == "t" && text > 0) --text;
            else if (local_name(e.name) == "rPh" && phonetic > 0) --phonetic;
        } else if (in_entry && text > 0 && phonetic == 0) {
            out.back() += e.type == XmlEvent::Type::text ? decode_entities(e.text) : std::string(e.text);
        }
    }
    for (std::string& entry : out) entry = sanitize_utf8(entry);
    return out;
}

namespace {

// Built-in number formats that show a date (ECMA-376 §18.8.30: 14–17 and 22, and the East
// Asian ones), or a custom format with a day or a year in it (quoted text, [colours] and
// escaped characters aside).
bool is_date_format(int id, const std::string* code) {
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return true;
    if (code == nullptr) return false;
    bool quoted = false, bracket = false, escaped = false;
    for (char c : *code) {
        if (escaped) {
            escaped = false;
        } else if (c == '\\') {
            escaped = true;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == '[') {
            bracket = true;
        } else if (!quoted && c == ']') {
            bracket = false;
        } else if (!quoted && !bracket && (c == 'd' || c == 'D' || c == 'y' || c == 'Y')) {
            return true;
        }
    }
    return false;
}

// A spreadsheet's day number as an ISO date; nullopt when it is no plausible date.
std::optional<std::string> serial_date(std::string_view value, bool date1904) {
    double serial = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), serial);
    if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(serial) || serial < 1 || serial >= 2958466)
        return std::nullopt;
    using namespace std::chrono;
    auto days = static_cast<int>(serial);
    // The 1900 system counts a 29 February 1900 that never was: days before it are one off.
    if (!date1904 && days < 60) ++days;
    const sys_days base = date1904 ? sys_days{year{1904} / January / 1} : sys_days{year{1899} / December / 30};
    const year_month_day ymd{base + std::chrono::days{days}};
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return std::string(out);
}

}  // namespace

std::vector<bool> xlsx_date_styles(std::string_view styles_xml) {
    std::map<int, std::string> custom;
    std::vector<int> formats;  // number format of each cell format, in order
    XmlScanner scanner(styles_xml);
    bool in_cell_formats = false;
    auto number = [](const std::optional<std::string>& text) {
        int n = 0;
        if (text) std::from_chars(text->data(), text->data() + text->size(), n);
        return n;
    };
    for (XmlEvent e = scanner.next(); e.type != XmlEvent::Type::eof; e = scanner.next()) {
        const std::string_view name = local_name(e.name);
        if (e.type == XmlEvent::Type::start) {
            if (name == "numFmt") custom[number(attribute(e.attrs, "numFmtId"))] = attribute(e.attrs, "formatCode").value_or("");
            else if (name == "cellXfs") in_cell_formats = !e.self_closing;
            else if (name == "xf" && in_cell_formats) formats.push_back(number(attribute(e.attrs, "numFmtId")));
        } else if (e.type == XmlEvent::Type::end && name == "cellXfs") {
            in_cell_formats = false;
        }
    }
    std::vector<bool> dates;
    for (int id : formats) {
        auto c = custom.find(id);
        dates.push_back(is_date_format(id, c == custom.end() ? nullptr : &c->second));
    }
    return dates;
}

std::string xlsx_sheet_text(std::string_view sheet_xml, const std::vector<std::string>& shared,
                            const std::vector<bool>& date_styles, bool date1904) {
    std::string page;
    XmlScanner scanner(sheet_xml);
    RowText row;
    std::string type, value, inline_text;
    std::size_t style = 0;
    bool in_cell = false;
    int in_value = 0, in_inline_t = 0;
    for (XmlEvent e = scanner.next(); e.type != XmlEvent::Type::eof; e = scanner.next()) {
        if (e.type == XmlEvent::Type::start) {
            if (local_name(e.name) == "c") {
                row.add_cell(1);
                type = attribute(e.attrs, "t").value_or("n");
                style = 0;
                if (auto st = attribute(e.attrs, "s")) std::from_chars(st->data(), st->data() + st->size(), style);
                value.clear();
                inline_text.clear();
                in_cell = !e.self_closing;
                if (e.self_closing) row.end_cell();
            } else if (in_cell && local_name(e.name) == "v" && !e.self_closing) {
                ++in_value;
            } else if (in_cell && local_name(e.name) == "t" && !e.self_closing) {
                ++in_inline_t;
            }
        } else if (e.type == XmlEvent::Type::end) {
            if (local_name(e.name) == "v" && in_value > 0) {
                --in_value;
            } else if (local_name(e.name) == "t" && in_inline_t > 0) {
                --in_inline_t;
            } else if (local_name(e.name) == "c" && in_cell) {
                std::string shown;
                if (type == "s") {
                    std::size_t index = shared.size();
                    std::string_view v = trim(value);
                    std::from_chars(v.data(), v.data() + v.size(), index);
                    if (index < shared.size()) shown = shared[index];
                } else if (type == "inlineStr") {
                    shown = inline_text;
                } else if (type != "e") {  // an error (#DIV/0!) says nothing
                    shown = std::string(trim(value));
                    if (type == "n" && style < date_styles.size() && date_styles[style])
                        if (auto date = serial_date(shown, date1904)) shown = *date;
                }
                append_cell_text(row.cells.back(), shown);
                row.end_cell();
                in_cell = false;
            } else if (local_name(e.name) == "row") {
                row.flush_into(page);
            }
        } else if (in_cell) {
            std::string text = e.type == XmlEvent::Type::text ? decode_entities(e.text) : std::string(e.text);
            if (in_value > 0) value += text;
            else if (in_inline_t > 0) inline_text += text;
        }
    }
    row.flush_into(page);
    return sanitize_utf8(page);
}

std::vector<std::vector<std::string>> xml_element_attributes(std::string_view xml, std::string_view qname,
                                                             const std::vector<std::string_view>& names) {
    std::vector<std::vector<std::string>> out;
    XmlScanner scanner(xml);
    for (XmlEvent e = scanner.next(); e.type != XmlEvent::Type::eof; e = scanner.next()) {
        // A name without prefix matches whatever prefix the writer gave the element.
        const bool same = qname.find(':') == std::string_view::npos ? local_name(e.name) == qname : e.name == qname;
        if (e.type != XmlEvent::Type::start || !same) continue;
        std::vector<std::string> values;
        for (std::string_view n : names) values.push_back(sanitize_utf8(attribute(e.attrs, n).value_or("")));
        out.push_back(std::move(values));
    }
    return out;
}

std::optional<std::string> xml_element_text(std::string_view xml, std::string_view qname) {
    XmlScanner scanner(xml);
    XmlEvent e = scanner.next();
    while (e.type != XmlEvent::Type::eof && !(e.type == XmlEvent::Type::start && e.name == qname))
        e = scanner.next();
    if (e.type == XmlEvent::Type::eof) return std::nullopt;
    if (e.self_closing) return std::string();
    std::string text;
    int depth = 1;
    for (e = scanner.next(); e.type != XmlEvent::Type::eof; e = scanner.next()) {
        if (e.type == XmlEvent::Type::start && !e.self_closing) ++depth;
        if (e.type == XmlEvent::Type::end && --depth == 0) break;
        if (e.type == XmlEvent::Type::text) text += decode_entities(e.text);
        if (e.type == XmlEvent::Type::cdata) text += e.text;
    }
    return sanitize_utf8(trim(text));
}

}  // namespace ububiko::extract::detail
