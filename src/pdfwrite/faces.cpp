#include "pdfwrite/faces.hpp"

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "pdfwrite/text.hpp"

namespace ububiko::pdfwrite::detail {

using namespace PoDoFo;

Faces::Faces(PdfDocument& doc) {
    const PdfEncoding* encoding = PdfEncodingFactory::GlobalWinAnsiEncodingInstance();
    // PoDoFo 0.9.8 ignores the bold and italic flags of base-14 fonts: name each face.
    const std::array<const char*, 3> names = {"Helvetica", "Helvetica-Bold", "Helvetica-Oblique"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        One& face = m_faces[i];
        face.font = doc.CreateFont(names[i], false, false, false, encoding);
        if (face.font == nullptr)
            throw Error(ErrorCode::io, tr("police de base introuvable : ", "base font not found: ") + names[i]);
        face.font->SetFontSize(1000);
        const PdfFontMetrics* m = face.font->GetFontMetrics();
        for (int byte = 0x20; byte < 256; ++byte) {
            char32_t cp = static_cast<char32_t>(byte);
            if (byte >= 0x80 && byte < 0xA0) {
                // The code point of that byte, through the text helpers' table.
                for (char32_t c = 0x100; c < 0x2200; ++c)
                    if (winansi_byte(c) == byte) {
                        cp = c;
                        break;
                    }
            }
            if (cp == 0xA0) cp = 0x20;  // the no-break space is drawn as a space
            face.widths[static_cast<std::size_t>(byte)] = m->UnicodeCharWidth(static_cast<unsigned short>(cp)) / 1000;
        }
    }
}

double Faces::Widths::width(Face face, double size, std::string_view text) const {
    const auto& widths = m_faces[static_cast<std::size_t>(face)].widths;
    double w = 0;
    for (const char32_t cp : decode_utf8(text)) {
        const int byte = winansi_byte(cp);
        w += widths[static_cast<std::size_t>(byte < 0 ? '?' : byte)];
    }
    return w * size;
}

PdfFont* Faces::font(Face face, double size) {
    PdfFont* f = m_faces[static_cast<std::size_t>(face)].font;
    f->SetFontSize(static_cast<float>(size));
    return f;
}

void draw_items(PdfPainter& painter, Faces& faces, const Page& p) {
    for (const FillItem& f : p.fills) {
        painter.SetGray(f.gray);
        painter.Rectangle(f.x, f.y, f.width, f.height);
        painter.Fill();
    }
    painter.SetGray(0.0);
    painter.SetStrokingGray(0.0);
    double width = -1;
    for (const LineItem& l : p.lines) {
        if (l.width != width) {
            painter.SetStrokeWidth(l.width);
            width = l.width;
        }
        painter.DrawLine(l.x1, l.y1, l.x2, l.y2);
    }
    for (const TextItem& t : p.texts) {
        painter.SetFont(faces.font(t.face, t.size));
        painter.DrawText(t.x, t.y, pdf_text(t.text));
    }
}

PdfString pdf_text(const std::string& utf8) { return PdfString(reinterpret_cast<const pdf_utf8*>(utf8.c_str())); }

void quiet_podofo() {
    PdfError::EnableLogging(false);
    PdfError::EnableDebug(false);
}

}  // namespace ububiko::pdfwrite::detail
