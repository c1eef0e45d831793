#include "pdf_writer.hpp"

#include "pdf_layout.hpp"
#include "text_encoding.hpp"

#include <podofo/podofo.h>

#include <cstdio>
#include <stdexcept>

namespace gen {

namespace {

using namespace PoDoFo;

PdfString utf8_string(const std::string& text) {
    return PdfString(reinterpret_cast<const pdf_utf8*>(text.c_str()));
}

// "D:20240303093000+02'00'": the PDF date of the sample, in Burundi time.
std::string pdf_date(const Sample& sample) {
    const Timestamp t = creation_time(sample);
    char buf[32];
    std::snprintf(buf, sizeof buf, "D:%04d%02d%02d%02d%02d00+02'00'", t.year, t.month, t.day,
                  t.hour, t.minute);
    return buf;
}

class Fonts {
public:
    Fonts(PdfMemDocument& doc, Typeface typeface) {
        const PdfEncoding* encoding = PdfEncodingFactory::GlobalWinAnsiEncodingInstance();
        const bool times = typeface == Typeface::times;
        m_regular =
            doc.CreateFont(times ? "Times-Roman" : "Helvetica", false, false, false, encoding);
        // PoDoFo 0.9.8 ignores the bold flag for base-14 fonts: name the bold face.
        m_bold =
            doc.CreateFont(times ? "Times-Bold" : "Helvetica-Bold", false, false, false, encoding);
        if (m_regular == nullptr || m_bold == nullptr) {
            throw std::runtime_error("cannot create the base-14 fonts");
        }
    }

    PdfFont* get(Face face, double size) const {
        PdfFont* font = face == Face::bold ? m_bold : m_regular;
        font->SetFontSize(static_cast<float>(size));
        return font;
    }

    double measure(Face face, double size, std::string_view text) const {
        const PdfFontMetrics* metrics = get(face, size)->GetFontMetrics();
        double width = 0;
        for (const char32_t cp : decode_utf8(text)) {
            if (windows_1252_byte(cp) < 0) {
                throw std::runtime_error("character '" + encode_utf8(cp) +
                                         "' is not in WinAnsiEncoding");
            }
            width += metrics->UnicodeCharWidth(static_cast<unsigned short>(cp));
        }
        return width;
    }

private:
    PdfFont* m_regular = nullptr;
    PdfFont* m_bold = nullptr;
};

void set_info(PdfMemDocument& doc, const Sample& sample) {
    PdfInfo* info = doc.GetInfo();
    info->SetTitle(utf8_string(sample.title));
    info->SetAuthor(utf8_string(sample.author));
    info->SetCreator(PdfString("ububiko-gen-samples"));
    // PdfInfo stamps the current time when it is created: replace both dates so the
    // file, and the /ID PoDoFo hashes from this dictionary, depend on the sample only.
    PdfDictionary& dict = info->GetObject()->GetDictionary();
    const PdfString date(pdf_date(sample));
    dict.AddKey(PdfName("CreationDate"), date);
    dict.AddKey(PdfName("ModDate"), date);
}

}  // namespace

std::string write_pdf(const Sample& sample, const std::string& path) {
    try {
        PdfMemDocument doc;
        const Fonts fonts(doc, sample.typeface);
        const PdfRect a4 = PdfPage::CreateStandardPageSize(ePdfPageSize_A4);
        const PageLayout layout = lay_out(
            sample,
            [&](Face face, double size, std::string_view text) {
                return fonts.measure(face, size, text);
            },
            a4.GetWidth(), a4.GetHeight());

        for (int p = 0; p < layout.pages; ++p) {
            PdfPage* page = doc.CreatePage(a4);
            PdfPainter painter;
            painter.SetPage(page);
            for (const auto& fill : layout.fills) {
                if (fill.page == p) {
                    painter.SetGray(0.88);
                    painter.Rectangle(fill.x, fill.y, fill.width, fill.height);
                    painter.Fill();
                    painter.SetGray(0.0);
                }
            }
            painter.SetStrokeWidth(0.6);
            for (const auto& rule : layout.rules) {
                if (rule.page == p) {
                    painter.DrawLine(rule.x1, rule.y1, rule.x2, rule.y2);
                }
            }
            for (const auto& text : layout.texts) {
                if (text.page == p) {
                    painter.SetFont(fonts.get(text.face, text.size));
                    painter.DrawText(text.x, text.y, utf8_string(text.text));
                }
            }
            painter.FinishPage();
        }
        set_info(doc, sample);
        doc.Write(path.c_str());
        return reading_order_text(layout);
    } catch (const PdfError& e) {
        throw std::runtime_error("PoDoFo error " + std::to_string(static_cast<int>(e.GetError())) +
                                 " while writing '" + path + "'");
    }
}

}  // namespace gen
