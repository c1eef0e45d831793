// Internals of the PDF layout (pdf_layout.cpp, pdf_table.cpp): page geometry and the
// Layouter that flows a sample's blocks onto pages.
#pragma once

#include "pdf_layout.hpp"

#include <string>
#include <utility>
#include <vector>

namespace gen::detail {

constexpr double k_margin_left = 70.9;  // 25 mm: room for the binder holes
constexpr double k_margin_right = 56.7;
constexpr double k_margin_top = 62.0;
constexpr double k_margin_bottom = 70.0;
constexpr double k_body = 11.0;
constexpr double k_leading = 14.2;
constexpr double k_heading = 13.0;
constexpr double k_heading_leading = 16.5;
constexpr double k_letterhead = 10.0;
constexpr double k_letterhead_leading = 12.5;
constexpr double k_letterhead_share = 0.58;  // of the text width
constexpr double k_table = 9.5;
constexpr double k_row = 15.0;
constexpr double k_cell_pad = 4.0;
constexpr double k_footer = 9.0;
constexpr double k_footer_y = 38.0;
constexpr double k_ascent = 0.75;  // of the font size, for Helvetica and Times

enum class Align { left, centre, right };

struct Piece {
    Face face;
    std::string text;
};

struct Word {
    std::vector<Piece> pieces;
};

// True when most body cells of the column hold figures.
bool is_numeric_column(const Block& table, std::size_t column);

class Layouter {
public:
    // squeeze (<= 1) tightens line spacing and vertical gaps, as a secretary would to
    // keep a letter's signature on the page of its text.
    Layouter(const Measure& measure, double page_width, double page_height, double squeeze)
        : m_measure(measure),
          m_page_height(page_height),
          m_width(page_width - k_margin_left - k_margin_right),
          m_squeeze(squeeze),
          m_bottom(k_margin_bottom - (1 - squeeze) * 100),
          m_leading(k_leading * squeeze),
          m_heading_leading(k_heading_leading * squeeze) {
        m_y = top();
    }

    PageLayout run(const Sample& sample);

private:
    const Measure& m_measure;
    double m_page_height;
    double m_width;
    double m_squeeze;
    double m_bottom;  // bottom margin: lower when squeezed, still above the page number
    double m_leading;
    double m_heading_leading;
    double m_y;  // baseline of the next line
    int m_page = 0;
    bool m_at_top = true;
    PageLayout m_out;

    double top() const { return m_page_height - k_margin_top; }

    void new_page() {
        ++m_page;
        m_y = top();
        m_at_top = true;
    }

    // Starts a new page unless `height` more points fit above the bottom margin.
    void ensure(double height) {
        if (!m_at_top && m_y - height < m_bottom) {
            new_page();
        }
    }

    void put(double x, double y, Face face, double size, std::string text, bool glued = false) {
        m_out.texts.push_back({m_page, x, y, face, size, std::move(text), glued});
        m_at_top = false;
    }

    double width(const Word& word, double size) const {
        double w = 0;
        for (const auto& p : word.pieces) {
            w += m_measure(p.face, size, p.text);
        }
        return w;
    }

    // Draws the letterhead block and the date line at the top of the first page.
    void letterhead(const Sample& sample);
    void block(const Block& b);
    static std::vector<Word> split(const std::vector<Span>& spans);
    std::vector<std::vector<Word>> wrap(const std::vector<Word>& words, double max_width,
                                        double size) const;
    // Places one line of words. Justified lines are set word by word with stretched
    // gaps; other lines merge words of one face into a single piece of text.
    void place_line(const std::vector<Word>& line, double x, double max_width, double size,
                    Align align, bool justify);
    // Wraps spans to max_width and places the lines from the current position down.
    void lines(const std::vector<Span>& spans, double x, double max_width, double size,
               double leading, Align align, bool justify);
    // Label and value lines (pdf_table.cpp).
    void fields(const Block& b);
    // A ruled table; the header row is repeated on each new page (pdf_table.cpp).
    void table(const Block& b);
};

}  // namespace gen::detail
