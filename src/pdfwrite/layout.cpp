#include "pdfwrite/layout.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "pdfwrite/text.hpp"

namespace ububiko::pdfwrite::detail {

namespace {

constexpr double k_ascent = 0.75;        // of the font size, for Helvetica
constexpr double k_closing_gap = 14.0;   // between the table and the closing block
constexpr const char* k_ellipsis = "\u2026";

std::vector<std::string> split_spaces(const std::string& text) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) words.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

// Cuts a word too wide for a line into pieces that fit, between characters.
std::vector<std::string> break_word(const Metrics& m, Face face, double size, const std::string& word,
                                    double width) {
    std::vector<std::string> pieces;
    std::u32string current;
    for (const char32_t cp : decode_utf8(word)) {
        std::u32string longer = current + cp;
        if (!current.empty() && m.width(face, size, encode_utf8(longer)) > width) {
            pieces.push_back(encode_utf8(current));
            longer = std::u32string(1, cp);
        }
        current = std::move(longer);
    }
    if (!current.empty()) pieces.push_back(encode_utf8(current));
    return pieces;
}

// The line shortened until it fits with "…" after it.
std::string with_ellipsis(const Metrics& m, Face face, double size, const std::string& line,
                          double width) {
    std::u32string text = decode_utf8(line);
    for (;;) {
        while (!text.empty() && text.back() == U' ') text.pop_back();
        const std::string candidate = encode_utf8(text) + k_ellipsis;
        if (text.empty() || m.width(face, size, candidate) <= width) return candidate;
        text.pop_back();
    }
}

}  // namespace

void Page::text(const Metrics& m, double x, double y, Face face, double size, std::string_view content,
                Align align) {
    std::string t = printable(content);
    if (t.empty()) return;
    if (align != Align::left) {
        const double w = m.width(face, size, t);
        x -= align == Align::right ? w : w / 2;
    }
    texts.push_back({x, y, face, size, std::move(t)});
}

void Page::line(double x1, double y1, double x2, double y2, double width) {
    lines.push_back({x1, y1, x2, y2, width});
}

void Page::box(double x, double y, double width, double height, double line_width) {
    line(x, y, x + width, y, line_width);
    line(x + width, y, x + width, y + height, line_width);
    line(x + width, y + height, x, y + height, line_width);
    line(x, y + height, x, y, line_width);
}

void Page::fill(double x, double y, double width, double height, double gray) {
    fills.push_back({x, y, width, height, gray});
}

std::vector<std::string> wrap(const Metrics& m, Face face, double size, std::string_view text,
                              double width, std::size_t max_lines) {
    std::vector<std::string> lines;
    std::string current;
    bool cut = false;
    for (const std::string& word : split_spaces(printable(text))) {
        const std::string joined = current.empty() ? word : current + " " + word;
        if (m.width(face, size, joined) <= width) {
            current = joined;
            continue;
        }
        if (!current.empty()) lines.push_back(std::move(current));
        current.clear();
        if (m.width(face, size, word) <= width) {
            current = word;
        } else {
            std::vector<std::string> pieces = break_word(m, face, size, word, width);
            current = pieces.back();
            pieces.pop_back();
            for (std::string& p : pieces) lines.push_back(std::move(p));
        }
        if (lines.size() > max_lines) {
            cut = true;
            break;
        }
    }
    if (!cut && !current.empty()) lines.push_back(std::move(current));
    if (lines.size() > max_lines) {
        lines.resize(max_lines);
        cut = true;
    }
    if (cut && !lines.empty()) lines.back() = with_ellipsis(m, face, size, lines.back(), width);
    return lines;
}

double paragraph(Page& page, const Metrics& m, double x, double y, double width, Face face,
                 double size, double leading, std::string_view text) {
    for (const std::string& line : wrap(m, face, size, text, width, 1000)) {
        page.text(m, x, y, face, size, line);
        y -= leading;
    }
    return y;
}

namespace {

struct PreparedRow {
    std::vector<std::vector<std::string>> cells;
    double height = 0;
};

// Which rows a page holds; table false for a page that only carries the closing block.
struct PagePlan {
    std::size_t begin = 0, end = 0;
    bool table = true;
};

class TableLayout {
public:
    TableLayout(const Metrics& m, const Geometry& g, const std::vector<Column>& columns,
                const TableStyle& style)
        : m_m(m), m_g(g), m_columns(columns), m_style(style) {
        double fixed = 0;
        int flexible = 0;
        for (const Column& c : columns) {
            fixed += c.width;
            flexible += c.width == 0 ? 1 : 0;
        }
        const double spare = g.content_width() - fixed;
        if (flexible > 1 || spare < (flexible == 1 ? 40 : -0.01))
            throw Error(ErrorCode::internal, "table columns wider than the page");
        double x = g.left;
        for (const Column& c : columns) {
            m_x.push_back(x);
            m_width.push_back(c.width == 0 ? spare : c.width);
            x += m_width.back();
        }
        m_x.push_back(x);
        std::vector<std::string> titles;
        for (const Column& c : columns) titles.push_back(c.title);
        m_header = prepare(titles, Face::bold, 4);
    }

    PreparedRow prepare(const std::vector<std::string>& cells, Face face, std::size_t max_lines) const {
        PreparedRow row;
        std::size_t lines = 1;
        for (std::size_t c = 0; c < m_columns.size(); ++c) {
            const std::string& text = c < cells.size() ? cells[c] : std::string();
            row.cells.push_back(
                wrap(m_m, face, m_style.size, text, m_width[c] - 2 * m_style.padding, max_lines));
            lines = std::max(lines, row.cells.back().size());
        }
        row.height = 2 * m_style.padding + static_cast<double>(lines) * m_style.leading;
        return row;
    }

    double header_height() const { return m_header.height; }
    double empty_height() const { return 2 * m_style.padding + m_style.leading; }
    double left() const { return m_x.front(); }
    double right() const { return m_x.back(); }

    // Draws a row whose top is at y; returns its bottom.
    double draw(Page& page, const PreparedRow& row, double y, Face face, double shade) const {
        const double bottom = y - row.height;
        if (shade < 1) page.fill(left(), bottom, right() - left(), row.height, shade);
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            double baseline = y - m_style.padding - (m_style.leading - m_style.size) / 2 -
                              m_style.size * k_ascent;
            const Align align = m_columns[c].align;
            const double x = align == Align::left    ? m_x[c] + m_style.padding
                             : align == Align::right ? m_x[c + 1] - m_style.padding
                                                     : (m_x[c] + m_x[c + 1]) / 2;
            for (const std::string& line : row.cells[c]) {
                page.text(m_m, x, baseline, face, m_style.size, line, align);
                baseline -= m_style.leading;
            }
        }
        page.line(left(), bottom, right(), bottom, 0.4);
        return bottom;
    }

    const PreparedRow& header() const { return m_header; }

    void draw_grid(Page& page, double top, double bottom) const {
        page.line(left(), top, right(), top, 0.8);
        page.line(left(), bottom, right(), bottom, 0.8);
        for (std::size_t i = 0; i < m_x.size(); ++i)
            page.line(m_x[i], top, m_x[i], bottom, i == 0 || i + 1 == m_x.size() ? 0.8 : 0.4);
    }

    void draw_empty(Page& page, double top) const {
        const double baseline = top - m_style.padding - (m_style.leading - m_style.size) / 2 -
                                m_style.size * k_ascent;
        page.text(m_m, left() + m_style.padding, baseline, Face::italic, m_style.size,
                  m_style.empty_text);
        page.line(left(), top, left(), top - empty_height(), 0.8);
        page.line(right(), top, right(), top - empty_height(), 0.8);
        page.line(left(), top - empty_height(), right(), top - empty_height(), 0.8);
    }

private:
    const Metrics& m_m;
    const Geometry& m_g;
    const std::vector<Column>& m_columns;
    const TableStyle& m_style;
    std::vector<double> m_x;  // column edges, left to right
    std::vector<double> m_width;
    PreparedRow m_header;
};

}  // namespace

std::vector<Page> paginate(const Metrics& m, const Geometry& g, const std::vector<Column>& columns,
                           const std::vector<std::vector<std::string>>& rows, const TableStyle& style,
                           const Frame& frame) {
    const TableLayout table(m, g, columns, style);

    // The heights of the blocks around the table, measured by drawing them on a scratch page.
    const double top = g.page_height - g.top;
    Page scratch;
    const double first_height = top - frame.first_heading(scratch, top);
    const double later_height = top - frame.later_heading(scratch, top, 0);
    const double closing_height = top - frame.closing(scratch, top) + k_closing_gap;
    auto table_top = [&](std::size_t page) {
        return top - (page == 0 ? first_height : later_height) - table.header_height();
    };

    // A row must fit on any page, the first one included: only a cell longer than a whole
    // page is cut (with "…"), so long titles are wrapped in full.
    const double room = std::min(table_top(0), table_top(1)) - g.bottom;
    const double fitting_lines = std::floor((room - 2 * style.padding) / style.leading);
    if (fitting_lines < 1) throw Error(ErrorCode::internal, "no room for a table row on the page");
    const std::size_t max_lines = std::min(style.max_lines, static_cast<std::size_t>(fitting_lines));
    std::vector<PreparedRow> prepared;
    prepared.reserve(rows.size());
    for (const auto& cells : rows) prepared.push_back(table.prepare(cells, Face::regular, max_lines));

    std::vector<PagePlan> plans;
    if (prepared.empty()) {
        plans.push_back({0, 0, true});
        if (table_top(0) - table.empty_height() - closing_height < g.bottom)
            plans.push_back({0, 0, false});
    } else {
        std::size_t i = 0;
        double y = 0;
        while (i < prepared.size()) {
            y = table_top(plans.size());
            const std::size_t begin = i;
            while (i < prepared.size() && (i == begin || y - prepared[i].height >= g.bottom)) {
                y -= prepared[i].height;
                ++i;
            }
            plans.push_back({begin, i, true});
        }
        // The closing block goes with the last row: a page with a signature and no entry
        // above it could be swapped.
        if (y - closing_height < g.bottom) {
            PagePlan& last = plans.back();
            const std::size_t n = prepared.size();
            if (last.end - last.begin >= 2 &&
                table_top(plans.size()) - prepared[n - 1].height - closing_height >= g.bottom) {
                last.end = n - 1;
                plans.push_back({n - 1, n, true});
            } else {
                plans.push_back({n, n, false});
            }
        }
    }

    std::vector<Page> pages(plans.size());
    int cumulative = 0;
    for (std::size_t p = 0; p < plans.size(); ++p) {
        Page& page = pages[p];
        const PagePlan& plan = plans[p];
        double y = p == 0 ? frame.first_heading(page, top) : frame.later_heading(page, top, cumulative);
        if (plan.table) {
            const double table_top_y = y;
            y = table.draw(page, table.header(), y, Face::bold, 0.85);
            for (std::size_t i = plan.begin; i < plan.end; ++i)
                y = table.draw(page, prepared[i], y, Face::regular, i % 2 == 1 ? 0.94 : 1.0);
            table.draw_grid(page, table_top_y, y);
            if (prepared.empty()) {
                table.draw_empty(page, y);
                y -= table.empty_height();
            }
        }
        const int on_page = static_cast<int>(plan.end - plan.begin);
        cumulative += on_page;
        if (p + 1 == plans.size()) frame.closing(page, y - k_closing_gap);
        frame.footer(page, static_cast<int>(p + 1), static_cast<int>(plans.size()), on_page, cumulative);
    }
    return pages;
}

}  // namespace ububiko::pdfwrite::detail
