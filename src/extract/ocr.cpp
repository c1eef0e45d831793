// OCR of a document page after page, and its searchable PDF (see ocr_session.hpp).
#include <tesseract/baseapi.h>
#include <tesseract/renderer.h>

#include <cstdio>

#include "extract/messages.hpp"
#include "extract/ocr_session.hpp"

namespace ububiko::extract::detail {

namespace {

// The renderer writes <base>.pdf.
constexpr const char* k_rendered_suffix = ".ocr-part";

void remove_quietly(const std::string& path) {
    if (!path.empty()) std::remove(path.c_str());
}

Error cannot_write(const std::string& target) {
    return Error(ErrorCode::io, about(target, tr("impossible d'écrire le PDF indexable",
                                                 "cannot write the searchable PDF")));
}

}  // namespace

OcrSession::OcrSession(const std::string& path, const Options& options, const std::string& title)
    : m_path(path), m_target(options.searchable_pdf) {
    m_engine = &OcrEngine::instance(options.ocr_languages, path);
    if (m_target.empty()) return;
    const std::string base = m_target + k_rendered_suffix;
    m_rendered = base + ".pdf";
    m_renderer = std::make_unique<tesseract::TessPDFRenderer>(base.c_str(),
                                                              m_engine->api().GetDatapath(), false);
    if (!m_renderer->happy() || !m_renderer->BeginDocument(title.c_str())) {
        m_renderer.reset();
        remove_quietly(m_rendered);
        throw cannot_write(m_target);
    }
}

OcrSession::~OcrSession() {
    discard();
    m_engine->release();
}

void OcrSession::discard() {
    m_renderer.reset();  // closes its file
    remove_quietly(m_rendered);
    m_rendered.clear();
}

OcrPage OcrSession::read(PixPtr page, int ppi, int number) {
    OcrPage out = m_engine->read(std::move(page), ppi);
    out.info.number = number;
    m_pages.push_back(number);
    // A page the renderer could not add would leave the PDF a page short: no PDF then.
    if (m_renderer && !m_render_failed && !m_renderer->AddImage(&m_engine->api()))
        m_render_failed = true;
    return out;
}

bool OcrSession::finish(const std::string& original_pdf, int page_count) {
    if (!m_renderer || m_render_failed || m_pages.empty()) {
        discard();
        return false;
    }
    const bool ended = m_renderer->EndDocument() && m_renderer->happy();
    m_renderer.reset();
    if (!ended) {
        discard();
        throw cannot_write(m_target);
    }
    if (original_pdf.empty() || static_cast<int>(m_pages.size()) == page_count) {
        // Every page was read: Tesseract's PDF is the searchable PDF.
        if (std::rename(m_rendered.c_str(), m_target.c_str()) != 0) {
            discard();
            throw cannot_write(m_target);
        }
        m_rendered.clear();
        return true;
    }
    const std::string merged = m_target + ".merge-part";
    try {
        replace_pdf_pages(original_pdf, m_rendered, m_pages, merged);
    } catch (const Error& e) {
        remove_quietly(merged);
        discard();
        if (e.code() == ErrorCode::io) throw;
        return false;  // the text stands; only the searchable PDF is missing
    }
    discard();
    if (std::rename(merged.c_str(), m_target.c_str()) != 0) {
        remove_quietly(merged);
        throw cannot_write(m_target);
    }
    return true;
}

}  // namespace ububiko::extract::detail
