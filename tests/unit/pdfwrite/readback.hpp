// The PDFs the tests make, read back with poppler as any reader would: the text of each
// page and its words where they are seen, the specs the tests render, and small PDFs made
// by hand for the stamp.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "pdfwrite/pdfwrite.hpp"

namespace ububiko::test {

// The text of each page (physical layout), in UTF-8, with no-break spaces made plain
// spaces. Fails the test when poppler cannot open the file.
std::vector<std::string> page_texts(const std::string& pdf_path);

// A word as poppler sees it on the page displayed (its /Rotate applied): points from the
// top-left corner; rotation 0 when it reads upright.
struct Word {
    std::string text;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    int rotation = 0;
    bool overlaps(const Word& other) const {
        return x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1;
    }
};
// The words of one page (0-based).
std::vector<Word> page_words(const std::string& pdf_path, int page);
// The size of one page as displayed (width and height swapped by a /Rotate of 90 or 270).
std::pair<double, double> page_size(const std::string& pdf_path, int page);
// How many pages.
int page_count(const std::string& pdf_path);

// A PDF of one page written by hand: Helvetica as /F1, `content` as its content stream,
// `page_keys` added to its page dictionary ("/MediaBox [0 0 595 842] /Rotate 90").
std::string tiny_pdf(const std::string& content, const std::string& page_keys);

// How many times needle occurs in text.
std::size_t occurrences(const std::string& text, const std::string& needle);

// The whole number written after `label` in text, or -1 when the label is not there.
long number_after(const std::string& text, const std::string& label);

// Points ububiko-pdf at the program built with the tests (UBUBIKO_PDF_BIN).
void use_built_pdf_program();

// The register of a year with `rows` entries 2026-000001…: accented subjects and
// correspondents, every seventh subject long enough to wrap over several lines.
pdfwrite::RegisterSpec sample_register(std::size_t rows);

// A destruction slip with `rows` records 2015-000001…, sizes of a few hundred KiB.
pdfwrite::SlipSpec sample_slip(std::size_t rows);

// "15,9 Mo" as the slip prints sizes in French (binary multiples, one decimal).
std::string french_size(std::uint64_t bytes);

}  // namespace ububiko::test
