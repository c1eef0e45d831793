// ububiko-gen-scans: simulated scans of the sample documents, with their known text.
//
// Each scan in the stack (scans.cpp) names pages of a sample PDF in samples/, renders them
// with poppler, degrades them with Leptonica as a cheap scanner or a phone would, and writes
// them in one of the formats that reach a commune's archive (TIFF, PNG, JPEG, PNM, image-only
// or mixed PDF). The ground truth of a page is poppler's text of the page it came from.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

struct Pix;

namespace scans {

// ---- the stack: what to make ------------------------------------------------------------

enum class Format {
    tiff_g4,    // bilevel, CCITT G4; several pages make a multi-page TIFF
    png,        // bilevel, 16-level grey or 8-bit grey, by Degradation::levels
    jpeg,       // grey or colour (phone photo)
    pnm,        // PBM (bilevel) or PGM (grey)
    pdf_image,  // every page an image (JPEG or CCITT G4), no text layer
    pdf_mixed,  // the first source page kept with its text layer, the others images
};

// What was in front of the lens.
enum class Look {
    flatbed,  // a sheet on a flatbed or in a document feeder
    phone,    // a photo of a sheet lying on a desk
    blank,    // an empty sheet (the back of a letter scanned by mistake)
};

// How one page is spoilt. Defaults are a perfect scan.
struct Degradation {
    int dpi = 300;
    double blur = 0;               // Gaussian blur, sigma in pixels (optics, focus)
    double skew = 0;               // degrees, clockwise (sheet placed crooked)
    int paper = 255;               // grey level of the paper
    int ink = 0;                   // grey level of the ink
    double noise = 0;              // Gaussian noise, sigma in grey levels (sensor)
    double grain = 0;              // blotchy paper texture: noise a few pixels wide, sigma
    double salt_pepper = 0;        // fraction of pixels flipped to black or white
    double lighting = 0;           // uneven light: darkest corner is this fraction darker
    int threshold = 0;             // > 0: bilevel, pixels darker than this are black
    int specks = 0;                // dust: small black blobs (bilevel) or dark dots (grey)
    int edge_shadow = 0;           // width in pixels of a dark band along one edge (lid shadow)
    int levels = 256;              // grey levels kept: 256 (8-bit) or 16 (4-bit)
    int rotate = 0;                // 0, 90, 180, 270: clockwise, after everything else
    int quality = 70;              // JPEG quality
    bool crop_to_content = false;  // keep only the written part of the sheet (a receipt)
};

struct PageSpec {
    int page = 1;  // 1-based page of the source PDF
    Degradation d;
};

struct ScanSpec {
    std::string file;    // name in samples/scans/
    std::string source;  // sample PDF in samples/ (empty for the blank page)
    Format format = Format::png;
    Look look = Look::flatbed;
    std::vector<PageSpec> pages;
    std::uint64_t seed = 0;  // of the noise: change it and the bytes change
    std::string scanned_on;  // "YYYY-MM-DD HH:MM", dates written in PDFs
    // For pdf_mixed: the sample whose pages are appended as images after source's page.
    std::string annex_source;
    std::vector<PageSpec> annex_pages;
    // Filing metadata when the scan is not of a sample (the blank page).
    std::map<std::string, std::string> metadata;
    // Clean enough that OCR should read at least 90 % of its words: bilevel or grey, little
    // noise, skew of 2 degrees at most, 200 dpi or more (a turned page may be clean).
    bool clean = true;
};

std::vector<ScanSpec> stack();

// ---- sources --------------------------------------------------------------------------

// One row per file of samples/manifest.csv, by column name.
using Row = std::map<std::string, std::string>;
std::vector<Row> read_csv(const std::string& path);
std::string csv_field(const std::string& value);

// A page of a sample PDF rendered in 8-bit grey at dpi, and its text: one line per text
// line, spaces collapsed, no empty lines.
Pix* render_page(const std::string& pdf, int page, int dpi);
std::string page_text(const std::string& pdf, int page);
int page_count(const std::string& pdf);

// ---- degradation ----------------------------------------------------------------------

// A small, portable generator (splitmix64): the same seed gives the same scan everywhere.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next();
    double uniform();   // [0, 1)
    double gaussian();  // mean 0, sigma 1 (Box-Muller)
    int below(int n) { return static_cast<int>(uniform() * n); }

private:
    std::uint64_t m_state;
    bool m_has_spare = false;
    double m_spare = 0;
};

// Flatbed scan of one rendered page (8-bit grey in): 1-bit or 8-bit (or 4-bit) grey out.
Pix* scan_page(Pix* rendered, const Degradation& d, Rng& rng);
// A blank sheet at d.dpi.
Pix* blank_page(const Degradation& d, Rng& rng);
// A photo (32-bit colour or 8-bit grey) of a rendered page lying on a desk.
Pix* photograph_page(Pix* rendered, const Degradation& d, Rng& rng);

// A short description (English) of what was done to a page, for the manifest.
std::string describe(const Degradation& d, Look look);

// ---- output ---------------------------------------------------------------------------

void write_image(const std::string& path, Format format, const std::vector<Pix*>& pages,
                 const Degradation& first);
struct ImagePage {
    Pix* image;  // page image
    int dpi;
    int jpeg_quality;  // 0: CCITT G4 (bilevel image)
};
void write_image_pdf(const std::string& path, const std::vector<ImagePage>& pages,
                     const std::string& title, const std::string& date);
void write_mixed_pdf(const std::string& path, const std::string& text_pdf, int text_page,
                     const std::vector<ImagePage>& images, const std::string& title,
                     const std::string& date);

// ---- checking -------------------------------------------------------------------------

// Known words (truth), how many of them the OCR text holds, and how many words it has.
struct Accuracy {
    int known = 0;
    int found = 0;
    int read = 0;
};
Accuracy word_accuracy(const std::string& truth, const std::string& ocr);
// Prints "ACCURACY FOUND KNOWN READ" (or "blank READ" when the truth is empty).
int print_accuracy(const std::string& truth_file, const std::string& ocr_file);

}  // namespace scans
