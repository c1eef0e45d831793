// The register and the slips drawn with PoDoFo: a laid-out Document, in the Helvetica
// faces of faces.hpp (their metrics for the layout), into the bytes of a PDF file. PoDoFo
// errors become Error here.
#pragma once

#include <memory>
#include <string>

#include "pdfwrite/layout.hpp"

namespace ububiko::pdfwrite::detail {

class Typesetter {
public:
    Typesetter();
    ~Typesetter();
    Typesetter(const Typesetter&) = delete;
    Typesetter& operator=(const Typesetter&) = delete;

    // Widths of the faces the document will use.
    const Metrics& metrics() const;
    // Draws the pages and returns the file's bytes: the same document gives the same bytes
    // (the dates in the file are the document's, not the clock's). Call once.
    std::string write(const Document& doc);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Puts the bytes at out_path atomically: out_path.tmp, fsync, rename. Throws Error(io).
void save_pdf(const std::string& bytes, const std::string& out_path);

}  // namespace ububiko::pdfwrite::detail
