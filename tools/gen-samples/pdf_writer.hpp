// Writes a sample as a text PDF with PoDoFo 0.9.8: A4, letterhead and date line on the
// first page, justified paragraphs wrapped with the font's own metrics, ruled tables,
// page numbers when there is more than one page. Base-14 fonts (Helvetica or Times)
// with WinAnsiEncoding, so every character must exist in Windows-1252.
//
// The output is byte-for-byte deterministic: the Info dictionary holds only values
// derived from the sample (its dates included), and PoDoFo derives the trailer /ID
// from that dictionary.
#pragma once

#include "sample.hpp"

#include <string>

namespace gen {

// Writes the PDF to path. Returns the text drawn on the pages in reading order (top
// to bottom, left to right, pages in order), words separated by single spaces: what
// `pdftotext -layout` must give back once whitespace is collapsed.
std::string write_pdf(const Sample& sample, const std::string& path);

}  // namespace gen
