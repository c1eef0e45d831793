#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <ctime>
#include <memory>

#include "core/text.hpp"
#include "extract/formats.hpp"
#include "extract/messages.hpp"
#include "extract/text_decode.hpp"

namespace ububiko::extract::detail {

namespace {

// Some damaged PDFs make poppler report millions of syntax errors: they must not reach
// stderr (and the time spent formatting them is wasted).
void ignore_poppler_message(const std::string&, void*) {}

void silence_poppler() {
    static const bool once = [] {
        poppler::set_debug_error_function(ignore_poppler_message, nullptr);
        return true;
    }();
    (void)once;
}

// Poppler ends each page's text with a form feed: pages are separate strings here, and a
// form feed inside one would read as a page break to whoever joins them.
std::string without_form_feeds(std::string text) {
    while (!text.empty() && (text.back() == '\f')) text.pop_back();
    std::replace(text.begin(), text.end(), '\f', '\n');
    return text;
}

std::string to_utf8(const poppler::ustring& text) {
    const poppler::byte_array bytes = text.to_utf8();
    std::string out(bytes.begin(), bytes.end());
    while (!out.empty() && out.back() == '\0') out.pop_back();
    return sanitize_utf8(out);
}

int digits_at(std::string_view s, std::size_t at, std::size_t count) {
    if (at + count > s.size()) return -1;
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

// The date of a PDF date string, "D:YYYYMMDDHHmmSSOHH'mm'", as written: the local date of
// whoever made the document, which is what a person would call its date.
std::optional<std::string> pdf_date(std::string_view raw) {
    raw = trim(raw);
    if (raw.starts_with("D:")) raw.remove_prefix(2);
    const int year = digits_at(raw, 0, 4);
    const int month = digits_at(raw, 4, 2);
    const int day = digits_at(raw, 6, 2);
    if (year < 0 || month < 0 || day < 0) return std::nullopt;
    return format_date(year, month, day);
}

std::optional<std::string> creation_date(const poppler::document& doc) {
    if (auto date = pdf_date(to_utf8(doc.info_key("CreationDate")))) return date;
    // Poppler also understands looser spellings; it returns seconds since the epoch (UTC).
    const std::time_t seconds = doc.get_creation_date_t();
    if (seconds <= 0) return std::nullopt;
    std::tm parts{};
    if (gmtime_r(&seconds, &parts) == nullptr) return std::nullopt;
    return format_date(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday);
}

[[noreturn]] void throw_damaged(const std::string& path, const char* fr, const char* en) {
    throw file_error(
        ErrorCode::invalid_input, path,
        tr("PDF endommagé ou illisible (", "damaged or unreadable PDF (") + tr(fr, en) + ")");
}

}  // namespace

Result extract_pdf(const std::string& path, const Sniffed& type) {
    silence_poppler();
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
    if (!doc) throw_damaged(path, "poppler ne parvient pas à l'ouvrir", "poppler cannot open it");
    // A document that needs a user password loads locked (and must not be asked for its
    // pages: poppler 22.12 crashes). One with only an owner password opens unlocked.
    if (doc->is_locked())
        throw file_error(ErrorCode::unsupported, path,
                         tr("PDF protégé par un mot de passe : son texte ne peut pas être lu",
                            "PDF protected by a password: its text cannot be read"));
    const int page_count = doc->pages();
    if (page_count <= 0) throw_damaged(path, "aucune page", "no pages");

    Result result;
    result.type = type;
    result.method = "pdf-text";
    result.title = std::string(trim(to_utf8(doc->get_title())));
    result.created = creation_date(*doc);

    int unreadable = 0;
    // A damaged file may claim any page count: reserve no more than a real document has.
    result.pages.reserve(static_cast<std::size_t>(std::min(page_count, 10000)));
    for (int i = 0; i < page_count; ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        std::string text;
        if (page) {
            // Reading order, as pdftotext gives by default: columns are not interleaved.
            text = without_form_feeds(normalise_newlines(
                to_utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout))));
        } else {
            ++unreadable;  // a damaged page tree: keep the page, without text
        }
        if (count_visible_chars(text) < k_min_page_chars)
            result.pages_without_text.push_back(i + 1);
        result.pages.push_back(std::move(text));
    }
    if (unreadable == page_count) throw_damaged(path, "aucune page lisible", "no readable page");
    result.needs_ocr = !result.pages_without_text.empty();
    return result;
}

}  // namespace ububiko::extract::detail
