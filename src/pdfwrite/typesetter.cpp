#include "pdfwrite/typesetter.hpp"

#include <cstdio>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/time.hpp"
#include "pdfwrite/faces.hpp"
#include "pdfwrite/text.hpp"

namespace ububiko::pdfwrite::detail {

namespace {

using namespace PoDoFo;

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

}  // namespace

struct Typesetter::Impl {
    PdfMemDocument doc;
    Faces faces{doc};
};

Typesetter::Typesetter() {
    try {
        m_impl = std::make_unique<Impl>();
    } catch (const PdfError& e) {
        throw podofo_error(e);
    }
}

Typesetter::~Typesetter() = default;

const Metrics& Typesetter::metrics() const { return m_impl->faces.metrics(); }

std::string Typesetter::write(const Document& document) {
    try {
        PdfMemDocument& doc = m_impl->doc;
        const PdfRect size(0, 0, document.width, document.height);
        for (const Page& p : document.pages) {
            PdfPage* page = doc.CreatePage(size);
            PdfPainter painter;
            painter.SetPage(page);
            draw_items(painter, m_impl->faces, p);
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
