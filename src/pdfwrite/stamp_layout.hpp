// The registration stamp apart from PoDoFo: its lines and frame laid out with the fonts'
// widths, and where it goes on a page given the text already there.
#pragma once

#include <vector>

#include "pdfwrite/layout.hpp"
#include "pdfwrite/pdfwrite.hpp"

namespace ububiko::pdfwrite::detail {

inline constexpr double k_stamp_size = 7.0;  // points: small, still read at arm's length

// A rectangle, x0 <= x1 and y0 <= y1.
struct Rect {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// The stamp drawn with its lower-left corner at (0, 0): a white box with a dark frame and
// four lines (the commune; "Enregistré sous le n° …"; "le …"; "Classement : code title"),
// no wider than max_width (a longer line is cut with "…").
struct StampBox {
    Page page;
    double width = 0, height = 0;
};
StampBox stamp_box(const StampSpec& spec, const Metrics& m, double max_width);

// Where the stamp goes on a page seen upright (its visual frame: origin at the bottom left
// as the page is displayed, /Rotate applied), of width × height, holding text in `text`
// (same frame): in the top-right corner, 14 pt from the right edge, in the margin above the
// highest text under it (3 pt apart), 12 pt from the top edge when there is room, never
// less than 6 pt. When the margin is narrower than that, the page is to grow at its top by
// `grow` points first, and the stamp goes in the room made.
struct Placement {
    double x = 0, y = 0;  // lower-left corner of the stamp, in the (grown) visual frame
    double grow = 0;
};
Placement place_stamp(double width, double height, const std::vector<Rect>& text, double stamp_width,
                      double stamp_height);

}  // namespace ububiko::pdfwrite::detail
