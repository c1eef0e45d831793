// Where a page shows text, read from its content stream as PoDoFo gives it: the text
// operators followed through the graphics state (cm, q/Q, the text matrix, font sizes,
// spacing, horizontal scaling) and into the form XObjects the page draws, each string
// measured with its font's widths. Invisible text counts (the layer OCR lays over a scan
// marks where the scan's words are). Images and drawings are not text. Only ububiko-pdf
// includes it.
#pragma once

#include <podofo/podofo.h>

#include <optional>
#include <vector>

#include "pdfwrite/stamp_layout.hpp"

namespace ububiko::pdfwrite::detail {

// The boxes of the text drawn on the page, in default user space (before /Rotate); one box
// per string shown, from a little under its baseline to the top of its accented capitals;
// and the areas of its annotations (form fields, notes), drawn over it. nullopt when the
// content cannot be read (the caller then assumes text anywhere).
std::optional<std::vector<Rect>> text_boxes(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfPage& page);

}  // namespace ububiko::pdfwrite::detail
