// Tables and label/value fields of the PDF layout (see pdf_layout_internal.hpp).
#include "pdf_layout_internal.hpp"
#include "plain_text.hpp"

#include <algorithm>
#include <stdexcept>

namespace gen::detail {

bool is_numeric_column(const Block& table, std::size_t column) {
    std::size_t figures = 0;
    for (std::size_t r = 1; r < table.rows.size(); ++r) {
        figures += is_numeric_cell(table.rows[r].cells[column]) ? 1 : 0;
    }
    return 2 * figures >= table.rows.size() - 1;
}

void Layouter::fields(const Block& b) {
    double key_width = 0;
    for (const auto& row : b.rows) {
        key_width = std::max(key_width, m_measure(Face::regular, k_body, row.cells[0]));
    }
    const double colon_x = k_margin_left + key_width + 5;
    const double value_x = colon_x + 9;
    for (const auto& row : b.rows) {
        ensure(0);
        put(k_margin_left, m_y, Face::regular, k_body, row.cells[0]);
        put(colon_x, m_y, Face::regular, k_body, ":");
        lines(row.value, value_x, k_margin_left + m_width - value_x, k_body, m_leading, Align::left,
              false);
    }
}

void Layouter::table(const Block& b) {
    const std::size_t columns = b.rows.front().cells.size();
    std::vector<double> widths(columns, 0);
    for (const auto& row : b.rows) {
        for (std::size_t c = 0; c < columns; ++c) {
            const double w =
                m_measure(row.bold ? Face::bold : Face::regular, k_table, row.cells[c]);
            widths[c] = std::max(widths[c], w + 2 * k_cell_pad);
        }
    }
    double total = 0;
    for (const double w : widths) {
        total += w;
    }
    if (total > m_width) {
        throw std::runtime_error("table too wide: " + std::to_string(static_cast<int>(total)) +
                                 " pt for " + std::to_string(static_cast<int>(m_width)) +
                                 " pt (row '" + b.rows.front().cells.front() + "')");
    }
    // The spare width goes to the widest column of text (labels), not to figures.
    std::size_t stretch = 0;
    for (std::size_t c = 1; c < columns; ++c) {
        if (!is_numeric_column(b, c) &&
            (widths[c] > widths[stretch] || is_numeric_column(b, stretch))) {
            stretch = c;
        }
    }
    widths[stretch] += m_width - total;

    ensure(3 * k_row);
    double row_top = m_y + k_body * k_ascent;
    auto close = [&](double y) {
        m_out.rules.push_back({m_page, k_margin_left, y, k_margin_left + m_width, y});
    };
    auto draw_row = [&](const TableRow& row, bool header) {
        if (header) {
            m_out.fills.push_back({m_page, k_margin_left, row_top - k_row, m_width, k_row});
        }
        m_out.rules.push_back({m_page, k_margin_left, row_top, k_margin_left + m_width, row_top});
        double x = k_margin_left;
        const double baseline = row_top - k_cell_pad - k_table * k_ascent - 0.5;
        for (std::size_t c = 0; c <= columns; ++c) {
            m_out.rules.push_back({m_page, x, row_top, x, row_top - k_row});
            if (c == columns) {
                break;
            }
            const std::string& cell = row.cells[c];
            if (!cell.empty()) {
                const Face face = row.bold ? Face::bold : Face::regular;
                const bool right = !header && c > 0 && is_numeric_cell(cell);
                const double w = m_measure(face, k_table, cell);
                put(right ? x + widths[c] - k_cell_pad - w : x + k_cell_pad, baseline, face,
                    k_table, cell);
            }
            x += widths[c];
        }
        row_top -= k_row;
    };
    for (std::size_t r = 0; r < b.rows.size(); ++r) {
        if (row_top - k_row < m_bottom) {
            close(row_top);
            new_page();
            row_top = m_y + k_body * k_ascent;
            draw_row(b.rows.front(), true);
        }
        draw_row(b.rows[r], r == 0);
    }
    close(row_top);
    m_y = row_top - k_body * k_ascent - 6;
}

}  // namespace gen::detail
