// OCR of one document, page after page, and the searchable PDF that comes of it: the
// pages read by OCR go through Tesseract's PDF renderer (the image it read, upright and
// straightened, with an invisible text layer) as they are read; at the end they make
// the searchable PDF on their own (images, image-only PDFs) or replace their pages in a
// copy of the original (mixed PDFs, with PoDoFo). Internal to the extract module.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "extract/extract.hpp"
#include "extract/ocr_engine.hpp"

namespace tesseract {
class TessPDFRenderer;
}

namespace ububiko::extract::detail {

class OcrSession {
public:
    // path names the document in messages; title goes into the searchable PDF. Throws as
    // OcrEngine::instance(), and Error(io) when the searchable PDF cannot be created.
    OcrSession(const std::string& path, const Options& options, const std::string& title);
    // Removes what finish() did not make into the searchable PDF.
    ~OcrSession();
    OcrSession(const OcrSession&) = delete;
    OcrSession& operator=(const OcrSession&) = delete;

    // Reads page `number` (1-based) of the document, an image from normalise_page() of
    // resolution ppi (0: unknown), and adds it to the searchable PDF when one is wanted.
    OcrPage read(PixPtr page, int ppi, int number);

    // Writes Options::searchable_pdf when one was asked for and some page was read:
    // original_pdf is the document when it is a PDF (its pages not read by OCR are kept),
    // empty for images; page_count the document's pages. Returns whether it was written.
    // A PDF that PoDoFo cannot rewrite gives no searchable PDF (false), not an error.
    bool finish(const std::string& original_pdf, int page_count);

    const std::string& engine_name() const { return m_engine->name(); }

private:
    void discard();

    std::string m_path;
    std::string m_target;    // Options::searchable_pdf
    std::string m_rendered;  // the renderer's output, beside the target
    OcrEngine* m_engine = nullptr;
    std::unique_ptr<tesseract::TessPDFRenderer> m_renderer;
    bool m_render_failed = false;
    std::vector<int> m_pages;  // the pages read, in order
};

// Writes to `output` a copy of the PDF `original` in which page replaced[i] (1-based,
// ascending) is page i of `replacement`. Throws Error(invalid_input) when PoDoFo cannot
// read or write them.
void replace_pdf_pages(const std::string& original, const std::string& replacement,
                       const std::vector<int>& replaced, const std::string& output);

}  // namespace ububiko::extract::detail
