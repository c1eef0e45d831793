#include "pdfwrite/furniture.hpp"

namespace ububiko::pdfwrite::detail {

namespace {

constexpr double k_a4_long = 841.89;
constexpr double k_a4_short = 595.28;
constexpr double k_head_size = 9.0;
constexpr double k_head_leading = 11.5;
constexpr double k_small = 8.0;

}  // namespace

Geometry a4(Orientation orientation) {
    Geometry g;
    if (orientation == Orientation::landscape) {
        g.page_width = k_a4_long;
        g.page_height = k_a4_short;
        g.left = 42;  // 15 mm: a register is bound on its left edge
        g.right = 28;
        g.top = 32;
        g.bottom = 46;
    } else {
        g.page_width = k_a4_short;
        g.page_height = k_a4_long;
        g.left = 57;  // 20 mm: room for the binder holes
        g.right = 36;
        g.top = 40;
        g.bottom = 52;
    }
    return g;
}

double letterhead(Page& page, const Metrics& m, const Geometry& g, const Issuer& issuer, Lang lang,
                  const std::string& right, double y) {
    const double baseline = y - k_head_size;
    double line = baseline;
    auto put = [&](Face face, const std::string& text) {
        if (text.empty()) return;
        page.text(m, g.left, line, face, k_head_size, text);
        line -= k_head_leading;
    };
    put(Face::bold, lang == Lang::fr ? "RÉPUBLIQUE DU BURUNDI" : "REPUBLIC OF BURUNDI");
    put(Face::regular, issuer.province);
    put(Face::bold, issuer.commune);
    put(Face::regular, (lang == Lang::fr ? "Code d’archives : " : "Archive code: ") + issuer.archive_code);
    page.text(m, g.page_width - g.right, baseline, Face::italic, k_head_size, right, Align::right);
    return line + k_head_leading - 4;  // under the last line's descenders
}

double running_head(Page& page, const Metrics& m, const Geometry& g, const std::string& left,
                    const std::string& right, double y) {
    const double baseline = y - k_head_size;
    // The carried total matters more than the reminder: a long name gives way with "…".
    const double room = g.content_width() - m.width(Face::bold, k_head_size, printable(right)) - 18;
    const std::vector<std::string> lines = wrap(m, Face::italic, k_head_size, left, room, 1);
    if (!lines.empty()) page.text(m, g.left, baseline, Face::italic, k_head_size, lines.front());
    page.text(m, g.page_width - g.right, baseline, Face::bold, k_head_size, right, Align::right);
    return baseline - 7;
}

void page_footer(Page& page, const Metrics& m, const Geometry& g, const std::string& left, int number,
                 int pages) {
    const double rule = g.bottom - 12;
    const double baseline = rule - 12;
    page.line(g.left, rule, g.page_width - g.right, rule, 0.4);
    page.text(m, g.left, baseline, Face::regular, k_small + 0.5, left);
    page.text(m, g.page_width - g.right, baseline, Face::regular, k_small + 0.5,
              "Page " + std::to_string(number) + " / " + std::to_string(pages), Align::right);
}

}  // namespace ububiko::pdfwrite::detail
