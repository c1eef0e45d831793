// What the register and the slips share on their pages: A4 geometry, the issuer's
// letterhead, the running head of later pages and the page footer.
#pragma once

#include <string>

#include "pdfwrite/layout.hpp"
#include "pdfwrite/pdfwrite.hpp"
#include "pdfwrite/text.hpp"

namespace ububiko::pdfwrite::detail {

enum class Orientation { portrait, landscape };

// A4 with a wider left margin for binding and room for the footer at the bottom.
Geometry a4(Orientation orientation);

// The issuer's block at the top left ("République du Burundi", province, commune, archive
// code), and `right` (e.g. the date of printing) at the top right. Returns the y under it.
double letterhead(Page& page, const Metrics& m, const Geometry& g, const Issuer& issuer, Lang lang,
                  const std::string& right, double y);

// The line at the top of later pages: what the document is, and what is carried forward
// from the pages before. Returns the y under it.
double running_head(Page& page, const Metrics& m, const Geometry& g, const std::string& left,
                    const std::string& right, double y);

// The footer: `left` (the entries counted) and "Page N / M".
void page_footer(Page& page, const Metrics& m, const Geometry& g, const std::string& left, int number,
                 int pages);

}  // namespace ububiko::pdfwrite::detail
