// Text extraction from the files people file: PDF (poppler-cpp), plain text (UTF-8, UTF-16
// with BOM, Windows-1252 fallback), ODT and DOCX (zip read with libarchive), and images
// (recognised, recorded as needing OCR). Untrusted files are parsed in worker processes
// (WorkerPool) with a time and a memory limit; extract_in_process() is what a worker runs.
#pragma once

#include <chrono>
#include <cstddef>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ububiko::extract {

enum class Kind { pdf, text, odt, docx, image, unknown };

// "pdf", "text", "odt", "docx", "image", "unknown".
const char* kind_name(Kind kind);

// What the first bytes of a file say it is (zip files are looked into to tell ODT from
// DOCX). Throws Error(not_found / io) when the file cannot be read.
struct Sniffed {
    Kind kind = Kind::unknown;
    std::string media_type;  // "application/pdf", "text/plain", "image/png", ...
    std::string extension;   // "pdf", "txt", "odt", "docx", "png", "jpg", "tif", "pnm", ...
};
Sniffed sniff(const std::string& path);

struct Result {
    Sniffed type;
    // Text of each page, UTF-8, in reading order. A text/ODT/DOCX file is one page, unless
    // it contains form feeds, which separate pages. Images: one empty page per image page.
    std::vector<std::string> pages;
    // "pdf-text", "text-utf8", "text-utf16", "text-cp1252", "odt", "docx", "none" (images).
    std::string method;
    // True when some page has no usable text layer (image-only or mixed PDFs, images).
    bool needs_ocr = false;
    std::vector<int> pages_without_text;  // 1-based page numbers
    // From the file's own metadata when present (PDF Info, ODT meta.xml, DOCX core.xml).
    std::string title;
    std::optional<std::string> created;  // "YYYY-MM-DD"
};

// Extracts in this process. Throws ububiko::Error naming the file:
//   invalid_input for an empty or damaged file, unsupported for an unknown format or a PDF
//   that needs a password, io / not_found when it cannot be read.
Result extract_in_process(const std::string& path);

struct Limits {
    std::chrono::milliseconds time{60000};   // per document
    std::size_t memory_bytes = 1536u << 20;  // address space of a worker (RLIMIT_AS)
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
    std::future<Result> submit(const std::string& path);
    // Convenience: submit(path).get().
    Result extract(const std::string& path) { return submit(path).get(); }

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Main loop of a worker process: reads requests on stdin, answers on stdout, until stdin
// closes. Returns the process exit status.
int worker_main();

}  // namespace ububiko::extract
