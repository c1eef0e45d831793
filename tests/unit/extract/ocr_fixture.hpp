// Scans made at run time for the OCR tests: PDFs of French text written by hand (Helvetica,
// a real text layer), rendered with poppler into Leptonica images, which the tests then
// turn, skew, soil and save as PNG, JPEG or TIFF; and PDFs whose pages are such images.
#pragma once

#include <string>
#include <vector>

#include "extract/ocr_pix.hpp"

namespace ububiko::test {

using extract::detail::PixPtr;

// A5, in points.
inline constexpr double k_a5_width = 419.5;
inline constexpr double k_a5_height = 595.3;

// A French paragraph about a council meeting: the text the OCR tests read back.
const std::vector<std::string>& council_lines();
// Another one, for a second page.
const std::vector<std::string>& budget_lines();

struct FixturePage {
    std::vector<std::string> lines;  // UTF-8, Latin-1 characters only
    // true: the page is a JPEG image of those lines (no text layer), rendered at 200 dpi.
    bool as_image = false;
};

// A PDF of A5 pages showing their lines in 18-point Helvetica.
std::string french_pdf(const std::vector<FixturePage>& pages);

// Page `index` (0-based) of a PDF held in memory, rendered as an 8-bit grey image.
PixPtr render_page(const std::string& pdf, int index, int dpi);

// The image turned clockwise by quarter turns and by degrees, with Gaussian noise of
// the given standard deviation (grey levels) added.
PixPtr soiled(Pix* image, int quarter_turns, double degrees, double noise);

// An encoded image file: format is Leptonica's IFF_PNG, IFF_JFIF_JPEG (quality 80),
// IFF_TIFF_ZIP or IFF_TIFF_G4 (1-bit images).
std::string encoded(Pix* image, int format);
// Writes a multi-page TIFF at path (zip compression; G4 for 1-bit pages).
void write_multipage_tiff(const std::string& path, const std::vector<Pix*>& pages);

// Share (0–1) of the words of `expected` found in `actual`, both folded (accents and
// case) and cut at anything but letters and digits; each word found at most as often as
// it occurs.
double word_recall(const std::string& expected, const std::string& actual);

}  // namespace ububiko::test
