// Text extraction from the files people file: PDF (poppler-cpp), plain text (UTF-8, UTF-16
// with BOM, Windows-1252 fallback), ODT and DOCX (zip read with libarchive), and images
// (recognised, recorded as needing OCR). Untrusted files are parsed in worker processes
// (WorkerPool) with a time and a memory limit; extract_in_process() is what a worker runs.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ububiko::extract {

enum class Kind { pdf, text, odt, docx, ods, xlsx, rtf, image, unknown };

// "pdf", "text", "odt", "docx", "ods", "xlsx", "rtf", "image", "unknown".
const char* kind_name(Kind kind);

// What the first bytes of a file say it is (zip files are looked into to tell ODT from
// DOCX). Throws Error(not_found / io) when the file cannot be read.
struct Sniffed {
    Kind kind = Kind::unknown;
    std::string media_type;  // "application/pdf", "text/plain", "image/png", ...
    std::string extension;   // "pdf", "txt", "odt", "docx", "ods", "xlsx", "png", "jpg", "tif", "pnm", ...
};
Sniffed sniff(const std::string& path);

// How a document is to be extracted.
struct Options {
    // Tesseract language codes ("fra", "eng", in order of preference); empty: no OCR, and
    // pages without a text layer are only reported in pages_without_text.
    std::vector<std::string> ocr_languages;
    // When OCR ran on some page: write here a PDF of the document in which every page read
    // by OCR is its image with an invisible text layer (Tesseract's PDF renderer) and every
    // other page is the original's own, so that text can be selected and searched in any
    // PDF viewer. Never the original file.
    std::string searchable_pdf;
};

// What happened to one page.
struct PageInfo {
    int number = 0;           // 1-based
    bool ocr = false;         // text read by OCR (else the file's own text layer)
    double confidence = -1;   // mean word confidence, 0–100, when OCR ran; -1 otherwise
    int rotation = 0;         // clockwise degrees the page was turned to be read upright: 0, 90, 180, 270
                              // (a page scanned a quarter turn clockwise gives 270)
    double skew = 0;          // degrees of skew corrected before OCR
    bool blank = false;       // recognised as a blank page (no text expected)
    int words = 0;            // words read on the page
    bool operator==(const PageInfo&) const = default;
};

// Progress of a long extraction (OCR): pages done out of pages in the document.
using PageProgress = std::function<void(int done, int total)>;

struct Result {
    Sniffed type;
    // Text of each page, UTF-8, in reading order. A text/ODT/DOCX file is one page, unless
    // it contains form feeds, which separate pages. Images: one empty page per image page.
    std::vector<std::string> pages;
    // "pdf-text", "pdf-text+ocr" (some pages read by OCR), "ocr" (every page), "text-utf8",
    // "text-utf16", "text-cp1252", "odt", "docx", "ods", "xlsx", "rtf", "none" (images without OCR).
    std::string method;
    // True when some page has no usable text layer (image-only or mixed PDFs, images).
    bool needs_ocr = false;
    std::vector<int> pages_without_text;  // 1-based page numbers
    // From the file's own metadata when present (PDF Info, ODT meta.xml, DOCX core.xml, RTF \info).
    std::string title;
    std::optional<std::string> created;  // "YYYY-MM-DD"
    // One entry per page (same order as pages) once OCR was asked for; empty otherwise.
    std::vector<PageInfo> page_info;
    std::string ocr_engine;               // "tesseract 5.3.0 fra+eng" when OCR ran
    bool searchable_pdf_written = false;  // Options::searchable_pdf was written
};

// Extracts in this process. Throws ububiko::Error naming the file:
//   invalid_input for an empty or damaged file, unsupported for an unknown format or a PDF
//   that needs a password, io / not_found when it cannot be read.
Result extract_in_process(const std::string& path, const Options& options = {},
                          const PageProgress& progress = {});

struct Limits {
    // Per document; when the worker reports progress page by page (OCR), per page: each
    // page done gives the document this much more time.
    std::chrono::milliseconds time{60000};
    std::size_t memory_bytes = 1536u << 20;  // address space of a worker (RLIMIT_AS); 0: none
};

// Long-lived worker processes, each handling many documents one at a time. A worker that
// crashes, exceeds its time limit (killed) or its memory limit is replaced, and the
// document it was on fails with an Error naming the file and what happened.
class WorkerPool {
public:
    // worker_argv: the program and arguments that start a worker (for ububiko:
    // {"/proc/self/exe"-resolved path, "__extract-worker"}); it is exec'd with
    // OMP_THREAD_LIMIT=1 added to the environment. workers: how many run at once (>= 1).
    WorkerPool(std::vector<std::string> worker_argv, std::size_t workers, Limits limits = {});
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Queues a file; the future yields its Result or rethrows its Error. Thread-safe.
    // `progress`, if given, is called from a pool thread after each page.
    std::future<Result> submit(const std::string& path, const Options& options = {}, PageProgress progress = {});
    // Convenience: submit(path).get().
    Result extract(const std::string& path, const Options& options = {}) { return submit(path, options).get(); }

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Main loop of a worker process: reads requests on stdin, answers on stdout, until stdin
// closes. Returns the process exit status.
int worker_main();

}  // namespace ububiko::extract
