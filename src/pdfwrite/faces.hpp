// The PoDoFo side shared by everything ububiko-pdf writes: the base-14 Helvetica faces with
// WinAnsiEncoding created in a document (so that French accents, « », œ and ’ come back
// from any PDF reader without embedding a font), their widths for the layout, and the
// drawing of a laid-out Page on a PoDoFo canvas (a new page, or a form XObject laid on an
// existing one). Only the files of ububiko-pdf include it.
#pragma once

#include <podofo/podofo.h>

#include <array>
#include <string>

#include "core/error.hpp"
#include "pdfwrite/layout.hpp"

namespace ububiko::pdfwrite::detail {

class Faces {
public:
    // Creates the three faces in doc (regular, bold, italic). Throws PoDoFo::PdfError, or
    // Error(io) when the base font is missing.
    explicit Faces(PoDoFo::PdfDocument& doc);
    Faces(const Faces&) = delete;
    Faces& operator=(const Faces&) = delete;

    const Metrics& metrics() const { return m_metrics; }
    // The face at that size, ready for PdfPainter::SetFont.
    PoDoFo::PdfFont* font(Face face, double size);

private:
    struct One {
        PoDoFo::PdfFont* font = nullptr;
        std::array<double, 256> widths{};  // of each WinAnsi byte, at 1 pt
    };
    class Widths : public Metrics {
    public:
        explicit Widths(const std::array<One, 3>& faces) : m_faces(faces) {}
        double width(Face face, double size, std::string_view text) const override;

    private:
        const std::array<One, 3>& m_faces;
    };

    std::array<One, 3> m_faces;
    Widths m_metrics{m_faces};
};

// Draws the page's fills, then its lines, then its texts (in black) with the painter, whose
// canvas is already set.
void draw_items(PoDoFo::PdfPainter& painter, Faces& faces, const Page& page);

// PoDoFo's text for UTF-8 (printable() already applied).
PoDoFo::PdfString pdf_text(const std::string& utf8);

// PoDoFo quiet: it would print its own diagnostics on standard error, which the ububiko
// program takes as the message of a failure.
void quiet_podofo();

}  // namespace ububiko::pdfwrite::detail
