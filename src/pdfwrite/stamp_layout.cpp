#include "pdfwrite/stamp_layout.hpp"

#include <algorithm>
#include <cmath>

#include "pdfwrite/text.hpp"

namespace ububiko::pdfwrite::detail {

namespace {

constexpr double k_leading = 8.4;
constexpr double k_padding = 3.5;
constexpr double k_frame = 0.8;

// The stamp in the corner: 14 pt (5 mm) from the right edge, 12 pt from the top when there
// is room (most printers leave the outer 4 mm blank), 6 pt at the least; 3 pt from the text.
constexpr double k_right = 14;
constexpr double k_top = 12;
constexpr double k_top_least = 6;
constexpr double k_gap = 3;

}  // namespace

StampBox stamp_box(const StampSpec& spec, const Metrics& m, double max_width) {
    const Lang lang = lang_of(spec.language);
    const double size = k_stamp_size;
    const std::string registered = lang == Lang::fr ? "Enregistré sous le n°" : "Registered as no.";
    const std::string on = (lang == Lang::fr ? "le " : "on ") + short_date(spec.date, lang);
    std::string filed = lang == Lang::fr ? "Classement : " : "Filed under: ";
    if (spec.code.empty())
        filed += lang == Lang::fr ? "à classer" : "to be classified";
    else
        filed += spec.code + (spec.code_title.empty() ? "" : " " + spec.code_title);

    // The number is never cut; the other lines give way with "…" past max_width.
    // The number in bold after a space (printable() drops a space at the end of a text).
    const double number_at = m.width(Face::regular, size, printable(registered)) + m.width(Face::regular, size, " ");
    const double number_width = number_at + m.width(Face::bold, size, printable(spec.record_id));
    const double room = std::max(number_width, max_width - 2 * k_padding);
    auto fit = [&](Face face, const std::string& text) {
        std::vector<std::string> lines = wrap(m, face, size, text, room, 1);
        return lines.empty() ? std::string() : lines.front();
    };
    const std::string commune = fit(Face::bold, spec.issuer.commune);
    const std::string date_line = fit(Face::regular, on);
    const std::string code_line = fit(Face::regular, filed);
    double inner = number_width;
    inner = std::max(inner, m.width(Face::bold, size, commune));
    inner = std::max(inner, m.width(Face::regular, size, date_line));
    inner = std::max(inner, m.width(Face::regular, size, code_line));

    StampBox box;
    box.width = std::ceil(inner + 2 * k_padding);
    // Four lines: the first one's capitals and the last one's descenders inside the padding.
    box.height = std::ceil(2 * k_padding + 1.02 * size + 3 * k_leading);
    Page& p = box.page;
    p.fill(0, 0, box.width, box.height, 1.0);  // white: the stamp reads on a grey scan too
    p.box(k_frame / 2, k_frame / 2, box.width - k_frame, box.height - k_frame, k_frame);
    const double x = k_padding;
    double y = box.height - k_padding - 0.8 * size;
    p.text(m, x, y, Face::bold, size, commune);
    y -= k_leading;
    p.text(m, x, y, Face::regular, size, registered);
    p.text(m, x + number_at, y, Face::bold, size, spec.record_id);
    y -= k_leading;
    p.text(m, x, y, Face::regular, size, date_line);
    y -= k_leading;
    p.text(m, x, y, Face::regular, size, code_line);
    return box;
}

Placement place_stamp(double width, double height, const std::vector<Rect>& text, double stamp_width,
                      double stamp_height) {
    Placement out;
    out.x = std::max(0.0, width - k_right - stamp_width);
    const double x1 = out.x + stamp_width;
    // The highest text under the stamp's columns (text off the page does not count).
    double ceiling = -1e9;
    for (const Rect& r : text) {
        if (r.x1 < out.x - k_gap || r.x0 > x1 + k_gap) continue;
        if (r.y0 > height || r.y1 < 0 || r.x1 < 0 || r.x0 > width) continue;
        ceiling = std::max(ceiling, std::min(r.y1, height));
    }
    const double lowest = ceiling + k_gap;  // the stamp's bottom may not go under it
    if (height - k_top - stamp_height >= lowest) {
        out.y = height - k_top - stamp_height;
    } else if (height - k_top_least - stamp_height >= lowest) {
        out.y = lowest;
    } else {
        out.grow = std::ceil(lowest + stamp_height + k_top - height);
        out.y = lowest;
    }
    return out;
}

}  // namespace ububiko::pdfwrite::detail
