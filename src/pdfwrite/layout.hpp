// Page layout of the printed documents, independent of PoDoFo: what goes where on each
// page (text, rules, shaded boxes), and a table paginated over as many pages as it takes,
// with its header row repeated, rows never split, the entries counted page by page and a
// closing block (totals, signatures) kept with the last rows. Text is measured through
// Metrics so that wrapping uses the fonts' real widths.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ububiko::pdfwrite::detail {

enum class Face { regular, bold, italic };
enum class Align { left, centre, right };

struct TextItem {
    double x = 0, y = 0;  // start of the baseline
    Face face = Face::regular;
    double size = 10;
    std::string text;  // UTF-8, printable() already
};

struct LineItem {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    double width = 0.5;
};

struct FillItem {
    double x = 0, y = 0, width = 0, height = 0;  // lower-left corner
    double gray = 0.9;
};

// Width in points of text in a face and size.
class Metrics {
public:
    virtual ~Metrics() = default;
    virtual double width(Face face, double size, std::string_view text) const = 0;
};

struct Page {
    std::vector<TextItem> texts;
    std::vector<LineItem> lines;
    std::vector<FillItem> fills;

    // Text at x (its left, centre or right end by align); printable() is applied.
    void text(const Metrics& m, double x, double y, Face face, double size, std::string_view text,
              Align align = Align::left);
    void line(double x1, double y1, double x2, double y2, double width = 0.5);
    void box(double x, double y, double width, double height, double line_width = 0.5);
    void fill(double x, double y, double width, double height, double gray);
};

// A whole document, ready for the PDF writer.
struct Document {
    double width = 0, height = 0;  // points
    std::vector<Page> pages;
    std::string title, author, subject;
    std::string date;  // YYYY-MM-DD: the file's creation date, so the bytes depend on the spec only
};

// Splits text (printable() applied) into lines no wider than width, breaking at spaces,
// and inside a word only when the word alone is too wide. At most max_lines lines: the
// last one then ends with "…". Empty text gives no line.
std::vector<std::string> wrap(const Metrics& m, Face face, double size, std::string_view text,
                              double width, std::size_t max_lines);

// Draws wrapped text from the baseline y down; returns the baseline after the last line.
double paragraph(Page& page, const Metrics& m, double x, double y, double width, Face face,
                 double size, double leading, std::string_view text);

struct Geometry {
    double page_width = 0, page_height = 0;
    double left = 0, right = 0, top = 0, bottom = 0;  // margins; the footer sits in the bottom one
    double content_width() const { return page_width - left - right; }
};

struct Column {
    std::string title;
    double width = 0;  // 0: takes what the other columns leave (one column at most)
    Align align = Align::left;
};

struct TableStyle {
    double size = 8.5;      // body text
    double leading = 10.5;  // between lines of a cell
    double padding = 3.0;
    // A longer cell is cut with "…"; paginate() lowers it further so that a row always
    // fits on a page.
    std::size_t max_lines = 200;
    std::string empty_text;      // shown under the header when there is no row
};

// What a paginated document puts around its table. Each drawing function draws from the
// y it is given down and returns the y under what it drew.
struct Frame {
    std::function<double(Page&, double y)> first_heading;
    // Later pages: a reminder of the document and what is carried from the pages before.
    std::function<double(Page&, double y, int carried)> later_heading;
    // After the last row, on the last page: totals, signatures.
    std::function<double(Page&, double y)> closing;
    // page and pages from 1; rows on this page and up to the end of it.
    std::function<void(Page&, int page, int pages, int on_page, int cumulative)> footer;
};

// Lays the table out on as many pages as it takes.
std::vector<Page> paginate(const Metrics& m, const Geometry& g, const std::vector<Column>& columns,
                           const std::vector<std::vector<std::string>>& rows, const TableStyle& style,
                           const Frame& frame);

}  // namespace ububiko::pdfwrite::detail
