// Writing scans: images with Leptonica, PDFs with PoDoFo 0.9.8.
#include "scan.hpp"

#include <leptonica/allheaders.h>
#include <podofo/podofo.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace scans {

namespace {

using namespace PoDoFo;

void check(l_ok failed, const std::string& what) {
    if (failed != 0) throw std::runtime_error("Leptonica: cannot write " + what);
}

PdfString utf8_string(const std::string& text) {
    return PdfString(reinterpret_cast<const pdf_utf8*>(text.c_str()));
}

// "2023-04-03 09:30" -> "D:20230403093000+02'00'" (Burundi time).
PdfString pdf_date(const std::string& when) {
    int y = 0, m = 0, d = 0, hh = 0, mm = 0;
    if (std::sscanf(when.c_str(), "%d-%d-%d %d:%d", &y, &m, &d, &hh, &mm) != 5) {
        throw std::runtime_error("bad scan date '" + when + "'");
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "D:%04d%02d%02d%02d%02d00+02'00'", y, m, d, hh, mm);
    return PdfString(buf);
}

// PdfInfo stamps the current time when it is created and PoDoFo hashes the /ID from
// this dictionary: fixing both dates makes the file depend on its content only.
void set_info(PdfMemDocument& doc, const std::string& title, const std::string& when) {
    PdfInfo* info = doc.GetInfo();
    info->SetTitle(utf8_string(title));
    info->SetCreator(PdfString("ububiko-gen-scans (simulated scanner)"));
    info->SetProducer(PdfString("PoDoFo"));
    PdfDictionary& dict = info->GetObject()->GetDictionary();
    dict.AddKey(PdfName("CreationDate"), pdf_date(when));
    dict.AddKey(PdfName("ModDate"), pdf_date(when));
}

// A page the size of the image at its resolution, the image filling it.
void add_image_page(PdfMemDocument& doc, const ImagePage& page) {
    const int w = pixGetWidth(page.image);
    const int h = pixGetHeight(page.image);
    const double scale = 72.0 / page.dpi;
    PdfImage image(&doc, "Scan");
    if (page.jpeg_quality > 0) {
        l_uint8* data = nullptr;
        size_t size = 0;
        check(pixWriteMemJpeg(&data, &size, page.image, page.jpeg_quality, 0), "JPEG in memory");
        image.LoadFromJpegData(data, static_cast<pdf_long>(size));
        std::free(data);
    } else {
        if (pixGetDepth(page.image) != 1)
            throw std::runtime_error("CCITT G4 needs a bilevel image");
        L_COMP_DATA* cid = nullptr;
        check(pixGenerateCIData(page.image, L_G4_ENCODE, 0, 0, &cid), "CCITT G4 data");
        PdfDictionary& dict = image.GetObject()->GetDictionary();
        dict.AddKey(PdfName("Filter"), PdfName("CCITTFaxDecode"));
        PdfDictionary parms;
        parms.AddKey(PdfName("K"), static_cast<pdf_int64>(-1));
        parms.AddKey(PdfName("Columns"), static_cast<pdf_int64>(cid->w));
        parms.AddKey(PdfName("Rows"), static_cast<pdf_int64>(cid->h));
        // Leptonica's G4 data is min-is-white unless it says otherwise: black is 1.
        parms.AddKey(PdfName("BlackIs1"), PdfVariant(cid->minisblack == 0 ? false : true));
        dict.AddKey(PdfName("DecodeParms"), parms);
        image.SetImageColorSpace(ePdfColorSpace_DeviceGray);
        PdfMemoryInputStream stream(reinterpret_cast<const char*>(cid->datacomp),
                                    static_cast<pdf_long>(cid->nbytescomp));
        image.SetImageDataRaw(static_cast<unsigned>(w), static_cast<unsigned>(h), 1, &stream);
        l_CIDataDestroy(&cid);
    }
    PdfPage* pdf_page = doc.CreatePage(PdfRect(0, 0, w * scale, h * scale));
    PdfPainter painter;
    painter.SetPage(pdf_page);
    painter.DrawImage(0, 0, &image, scale, scale);
    painter.FinishPage();
}

std::string podofo_error(const PdfError& e, const std::string& path) {
    return "PoDoFo error " + std::to_string(static_cast<int>(e.GetError())) + " while writing '" +
           path + "'";
}

}  // namespace

void write_image(const std::string& path, Format format, const std::vector<Pix*>& pages,
                 const Degradation& first) {
    if (pages.empty()) throw std::runtime_error("no page for '" + path + "'");
    if (format != Format::tiff_g4 && pages.size() != 1) {
        throw std::runtime_error("only TIFF holds several pages: '" + path + "'");
    }
    switch (format) {
        case Format::tiff_g4:
            for (std::size_t i = 0; i < pages.size(); ++i) {
                check(pixWriteTiff(path.c_str(), pages[i], IFF_TIFF_G4, i == 0 ? "w" : "a"), path);
            }
            return;
        case Format::png:
            check(pixWritePng(path.c_str(), pages[0], 0.0f), path);
            return;
        case Format::jpeg:
            check(pixWriteJpeg(path.c_str(), pages[0], first.quality, 0), path);
            return;
        case Format::pnm:
            check(pixWrite(path.c_str(), pages[0], IFF_PNM), path);
            return;
        default:
            throw std::runtime_error("not an image format: '" + path + "'");
    }
}

void write_image_pdf(const std::string& path, const std::vector<ImagePage>& pages,
                     const std::string& title, const std::string& date) {
    try {
        PdfMemDocument doc;
        for (const ImagePage& page : pages) add_image_page(doc, page);
        set_info(doc, title, date);
        doc.Write(path.c_str());
    } catch (const PdfError& e) {
        throw std::runtime_error(podofo_error(e, path));
    }
}

void write_mixed_pdf(const std::string& path, const std::string& text_pdf, int text_page,
                     const std::vector<ImagePage>& images, const std::string& title,
                     const std::string& date) {
    try {
        // The first page is the born-digital one, kept with the text PoDoFo drew on it
        // (tools/gen-samples); the annex pages that follow were scanned.
        PdfMemDocument source;
        source.Load(text_pdf.c_str());
        // InsertPages copies every object of the source, its information dictionary too,
        // whose ModDate PoDoFo set to now when loading: fix it as well.
        PdfDictionary& source_info = source.GetInfo()->GetObject()->GetDictionary();
        source_info.AddKey(PdfName("ModDate"), pdf_date(date));
        PdfMemDocument doc;
        doc.InsertPages(source, text_page - 1, 1);
        for (const ImagePage& page : images) add_image_page(doc, page);
        set_info(doc, title, date);
        doc.Write(path.c_str());
    } catch (const PdfError& e) {
        throw std::runtime_error(podofo_error(e, path));
    }
}

}  // namespace scans
