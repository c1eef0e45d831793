// The PDFs the tests make, read back with poppler as any reader would: the text of each
// page, and the specs the tests render.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pdfwrite/pdfwrite.hpp"

namespace ububiko::test {

// The text of each page (physical layout), in UTF-8, with no-break spaces made plain
// spaces. Fails the test when poppler cannot open the file.
std::vector<std::string> page_texts(const std::string& pdf_path);

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
