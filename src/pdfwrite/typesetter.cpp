#include "pdfwrite/typesetter.hpp"

#include <podofo/podofo.h>

#include <array>
#include <cstdio>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/time.hpp"
#include "pdfwrite/text.hpp"

namespace ububiko::pdfwrite::detail {

namespace {

using namespace PoDoFo;

PdfString pdf_text(const std::string& utf8) {
    return PdfString(reinterpret_cast<const pdf_utf8*>(utf8.c_str()));
}

Error podofo_error(const PdfError& e) {
    return Error(ErrorCode::io, tr("impossible de composer le PDF (PoDoFo : ",
                                   "cannot make the PDF (PoDoFo: ") +
                                    PdfError::ErrorName(e.GetError()) + ")");
}

// "D:20270115000000Z" for "2027-01-15".
std::string pdf_date(const std::string& iso) {
    const auto date = parse_iso_date(iso);
    if (!date) return "D:19700101000000Z";
    char buf[32];
    std::snprintf(buf, sizeof buf, "D:%04d%02d%02d000000Z", date->year, date->month, date->day);
    return buf;
}

// One face: the PoDoFo font and the width of each WinAnsi byte, at 1 pt.
struct Face_ {
    PdfFont* font = nullptr;
    std::array<double, 256> widths{};
};

class FontMetrics : public Metrics {
public:
    explicit FontMetrics(const std::array<Face_, 3>& faces) : m_faces(faces) {}
    double width(Face face, double size, std::string_view text) const override {
        const auto& widths = m_faces[static_cast<std::size_t>(face)].widths;
        double w = 0;
        for (const char32_t cp : decode_utf8(text)) {
            const int byte = winansi_byte(cp);
            w += widths[static_cast<std::size_t>(byte < 0 ? '?' : byte)];
        }
        return w * size;
    }

private:
    const std::array<Face_, 3>& m_faces;
};

}  // namespace

struct Typesetter::Impl {
    PdfMemDocument doc;
    std::array<Face_, 3> faces;
    FontMetrics metrics{faces};

    Impl() {
        const PdfEncoding* encoding = PdfEncodingFactory::GlobalWinAnsiEncodingInstance();
        // PoDoFo 0.9.8 ignores the bold and italic flags of base-14 fonts: name each face.
        const std::array<const char*, 3> names = {"Helvetica", "Helvetica-Bold", "Helvetica-Oblique"};
        for (std::size_t i = 0; i < names.size(); ++i) {
            Face_& face = faces[i];
            face.font = doc.CreateFont(names[i], false, false, false, encoding);
            if (face.font == nullptr)
                throw Error(ErrorCode::io, tr("police de base introuvable : ", "base font not found: ") +
                                               names[i]);
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
                face.widths[static_cast<std::size_t>(byte)] =
                    m->UnicodeCharWidth(static_cast<unsigned short>(cp)) / 1000;
            }
        }
    }

    PdfFont* font(Face face, double size) {
        PdfFont* f = faces[static_cast<std::size_t>(face)].font;
        f->SetFontSize(static_cast<float>(size));
        return f;
    }
};

Typesetter::Typesetter() {
    try {
        m_impl = std::make_unique<Impl>();
    } catch (const PdfError& e) {
        throw podofo_error(e);
    }
}

Typesetter::~Typesetter() = default;

const Metrics& Typesetter::metrics() const { return m_impl->metrics; }

std::string Typesetter::write(const Document& document) {
    try {
        PdfMemDocument& doc = m_impl->doc;
        const PdfRect size(0, 0, document.width, document.height);
        for (const Page& p : document.pages) {
            PdfPage* page = doc.CreatePage(size);
            PdfPainter painter;
            painter.SetPage(page);
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
                painter.SetFont(m_impl->font(t.face, t.size));
                painter.DrawText(t.x, t.y, pdf_text(t.text));
            }
            painter.FinishPage();
        }

        PdfInfo* info = doc.GetInfo();
        info->SetTitle(pdf_text(document.title));
        info->SetAuthor(pdf_text(document.author));
        info->SetSubject(pdf_text(document.subject));
        info->SetCreator(PdfString("ububiko"));
        // PdfInfo stamps the clock when it is made: the document's date replaces it, so
        // the bytes (and the /ID PoDoFo hashes from this dictionary) depend on the spec only.
        PdfDictionary& dict = info->GetObject()->GetDictionary();
        const PdfString date(pdf_date(document.date));
        dict.AddKey(PdfName("CreationDate"), date);
        dict.AddKey(PdfName("ModDate"), date);

        PdfRefCountedBuffer buffer;
        PdfOutputDevice device(&buffer);
        doc.Write(&device);
        return std::string(buffer.GetBuffer(), device.GetLength());
    } catch (const PdfError& e) {
        throw podofo_error(e);
    }
}

void save_pdf(const std::string& bytes, const std::string& out_path) {
    // Said plainly here: otherwise the message would name the temporary file it failed to make.
    const auto slash = out_path.rfind('/');
    const std::string folder = slash == std::string::npos ? "." : slash == 0 ? "/" : out_path.substr(0, slash);
    if (!is_directory(folder))
        throw Error(ErrorCode::io, tr("impossible d'écrire « ", "cannot write '") + out_path +
                                       tr(" » : le dossier « ", "': the folder '") + folder +
                                       tr(" » n'existe pas", "' does not exist"));
    replace_file_atomically(out_path, bytes);
}

}  // namespace ububiko::pdfwrite::detail
