// Page images for OCR, with Leptonica: owning handles, conversion to what Tesseract and the
// searchable PDF want (8-bit grey, or 1-bit when the page is black and white), and the
// measurements taken before OCR: ink (blank pages), skew, line direction, up or down.
// Internal to the extract module.
#pragma once

#include <memory>

struct Pix;

namespace ububiko::extract::detail {

struct PixDeleter {
    void operator()(Pix* pix) const;
};
// An owned Leptonica image (pixDestroy on release).
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// Leptonica prints its errors on stderr: the worker's stderr is the user's terminal.
void silence_leptonica();

// The image as OCR and the searchable PDF want it: 1-bit images stay 1-bit (without a
// colour map), everything else becomes 8-bit grey (transparency over white, colour maps
// and colour to luminance), and a grey page that is in fact black and white (a rendered
// fax, say) becomes 1-bit so that the PDF can store it with CCITT G4. Null on failure.
PixPtr normalise_page(Pix* image);

// Black where the page has ink, 1-bit, from a grey or 1-bit page: a threshold well below
// the paper's own level, so that the grain of a blank sheet is not taken for ink.
PixPtr ink_mask(Pix* page);

// Fraction (0–1) of the page covered by ink that is more than a speck, margins (where
// scanners leave shadows and punch holes) excluded.
double ink_fraction(Pix* ink, int ppi);

struct Skew {
    double degrees = 0;     // rotation that straightens the lines, clockwise positive
    double confidence = 0;  // Leptonica's: 0 when no lines were found
};
// Skew of the text lines, taken as horizontal (quadrant 0) or vertical (quadrant 1).
Skew find_skew(Pix* ink, int quadrant);

// Leptonica's up/down test on a 1-bit image with horizontal lines: positive when the
// text is upright, negative when upside down; values beyond ±10 are reliable for text in
// a Latin script.
double up_down_confidence(Pix* ink_horizontal);

// The image turned clockwise by quadrants × 90°, then by degrees (clockwise positive,
// same size, white brought in). A copy (never the same Pix) or null on failure.
PixPtr turned(Pix* image, int quadrants, double degrees);

}  // namespace ububiko::extract::detail
