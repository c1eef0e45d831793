// The Tesseract engine of a process: one recogniser for the document languages and one for
// orientation (the "osd" model), initialised once per language set (a third of a second)
// and reused for every document; and the reading of one page image with it: blank pages,
// orientation, deskew, then OCR. Internal to the extract module.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "extract/extract.hpp"
#include "extract/ocr_pix.hpp"

namespace tesseract {
class TessBaseAPI;
}

namespace ububiko::extract::detail {

struct OcrPage {
    std::string text;  // UTF-8, in reading order; empty for a blank page
    PageInfo info;     // number left at 0: the caller knows it
};

class OcrEngine {
public:
    // The engine of this thread for these languages (Tesseract codes, "fra", "eng"...),
    // made the first time and kept; asking for other languages replaces it. Throws
    // Error(unsupported) naming `path` and the missing traineddata file when a language
    // (or the orientation model, osd) is not installed, Error(invalid_input) for a
    // malformed language code.
    static OcrEngine& instance(const std::vector<std::string>& languages, const std::string& path);

    ~OcrEngine();
    OcrEngine(const OcrEngine&) = delete;
    OcrEngine& operator=(const OcrEngine&) = delete;

    // "tesseract 5.3.0 fra+eng".
    const std::string& name() const { return m_name; }

    // Reads one page image (from normalise_page(): 8-bit grey or 1-bit); ppi is its
    // resolution, 0 when unknown. A page with next to no ink is blank and not read. The
    // page is turned upright (rotation) and straightened (skew) before OCR.
    // Afterwards api() holds that upright image and its words, as TessPDFRenderer wants
    // them, until the next read().
    OcrPage read(PixPtr page, int ppi);

    tesseract::TessBaseAPI& api() { return *m_api; }

    // Frees the last page's image and results (tens of megabytes) between documents; the
    // models stay loaded.
    void release();

private:
    OcrEngine() = default;
    void init(const std::vector<std::string>& languages, const std::string& path);
    // Clockwise quarter turns the scan underwent (Tesseract's orientation id), from
    // Leptonica's up/down test along the text lines; -1 when it cannot tell.
    int up_down(Pix* ink, int ppi, const Skew& horizontal, const Skew& vertical);
    struct Osd {
        int quadrant = 0;
        float confidence = 0;
    };
    // The same from Tesseract's orientation detection, if it finds enough text.
    std::optional<Osd> detect_orientation(Pix* ink, int ppi);
    // OCR of the page turned by `quadrant` back upright and straightened, into out.
    void recognise(Pix* page, int ppi, int quadrant, const Skew& horizontal, const Skew& vertical,
                   double ink_part, OcrPage& out);

    std::unique_ptr<tesseract::TessBaseAPI> m_api;
    std::unique_ptr<tesseract::TessBaseAPI> m_osd;
    std::vector<std::string> m_languages;
    std::string m_name;
};

}  // namespace ububiko::extract::detail
