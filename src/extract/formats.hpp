// The per-format extractors behind extract_in_process(). Each one gets a file already
// sniffed as its kind and throws Error naming the file when it cannot extract it.
// Internal to the extract module.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.hpp"

namespace ububiko::extract::detail {

// A page with fewer visible characters than this has no usable text layer.
inline constexpr std::size_t k_min_page_chars = 3;

// PDFs and images report progress after each page and, when options ask for OCR, read by
// OCR the pages without a text layer (see ocr_session.hpp).
Result extract_pdf(const std::string& path, const Sniffed& type, const Options& options,
                   const PageProgress& progress);
Result extract_plain_text(const std::string& path, const Sniffed& type);
Result extract_office(const std::string& path, const Sniffed& type);  // ODT and DOCX
Result extract_rtf(const std::string& path, const Sniffed& type);

// The text of an RTF document, its pages split at \page, and its \info title and date.
struct RtfText {
    std::vector<std::string> pages;
    std::string title;
    std::optional<std::string> created;
};
RtfText rtf_text(std::string_view rtf);
Result extract_image(const std::string& path, const Sniffed& type, const Options& options,
                     const PageProgress& progress);

// Words in a page of text: runs of characters between whitespace.
int count_words(std::string_view text);

// "YYYY-MM-DD" when the three numbers make a plausible calendar date, else nullopt.
std::optional<std::string> format_date(int year, int month, int day);
// The date at the start of an ISO 8601 timestamp ("2024-01-31T10:00:00Z"), if any.
std::optional<std::string> iso_date_prefix(std::string_view timestamp);

}  // namespace ububiko::extract::detail
