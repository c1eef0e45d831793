#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <ctime>
#include <memory>
#include <optional>

#include "core/text.hpp"
#include "extract/formats.hpp"
#include "extract/messages.hpp"
#include "extract/ocr_session.hpp"
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

// Pages are rendered for OCR at this resolution, lower for a page so large that it would
// exceed k_max_render_pixels (an A4 page at 300 dpi is 8.7 million).
constexpr double k_render_dpi = 300;
constexpr double k_max_render_pixels = 40e6;

// The page as an 8-bit grey image for OCR, rendered once, in memory; null if poppler
// cannot render it. ppi receives the resolution used.
PixPtr render_for_ocr(const poppler::page& page, int& ppi) {
    const poppler::rectf box = page.page_rect(poppler::crop_box);
    const double inches = std::abs(box.width() * box.height()) / (72.0 * 72.0);
    double dpi = k_render_dpi;
    if (inches * dpi * dpi > k_max_render_pixels) dpi = std::floor(std::sqrt(k_max_render_pixels / inches));
    dpi = std::max(dpi, 36.0);
    poppler::page_renderer renderer;
    renderer.set_image_format(poppler::image::format_gray8);
    renderer.set_render_hints(poppler::page_renderer::antialiasing |
                              poppler::page_renderer::text_antialiasing);
    const poppler::image image = renderer.render_page(&page, dpi, dpi);
    if (!image.is_valid() || image.format() != poppler::image::format_gray8) return nullptr;
    const int width = image.width();
    const int height = image.height();
    PixPtr pix(pixCreate(width, height, 8));
    if (!pix) throw std::bad_alloc();
    // Leptonica keeps pixels in 32-bit words, most significant byte first: copy the rows,
    // then swap the bytes of every word on a little-endian machine.
    l_uint32* data = pixGetData(pix.get());
    const int words_per_line = pixGetWpl(pix.get());
    const char* source = image.const_data();
    for (int y = 0; y < height; ++y)
        std::memcpy(data + static_cast<std::size_t>(y) * words_per_line,
                    source + static_cast<std::size_t>(y) * image.bytes_per_row(),
                    static_cast<std::size_t>(width));
    pixEndianByteSwap(pix.get());
    ppi = static_cast<int>(dpi);
    pixSetResolution(pix.get(), ppi, ppi);
    return pix;
}

[[noreturn]] void throw_damaged(const std::string& path, const char* fr, const char* en) {
    throw file_error(
        ErrorCode::invalid_input, path,
        tr("PDF endommagé ou illisible (", "damaged or unreadable PDF (") + tr(fr, en) + ")");
}

}  // namespace

Result extract_pdf(const std::string& path, const Sniffed& type, const Options& options,
                   const PageProgress& progress) {
    silence_poppler();
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
    if (!doc) throw_damaged(path, "poppler ne parvient pas à l'ouvrir", "poppler cannot open it");
    // A document that needs a user password loads locked (and must not be asked for its
    // pages: poppler 22.12 crashes). One with only an owner password opens unlocked.
    if (doc->is_locked())
        throw file_error(ErrorCode::unsupported, path,
                         tr("PDF protégé par un mot de passe : son texte ne peut pas être lu (ouvrez-le avec son "
                            "mot de passe, enregistrez-en une copie sans protection et classez cette copie)",
                            "PDF protected by a password: its text cannot be read (open it with its password, save "
                            "a copy without protection and file that copy)"));
    const int page_count = doc->pages();
    if (page_count <= 0) throw_damaged(path, "aucune page", "no pages");

    Result result;
    result.type = type;
    result.method = "pdf-text";
    result.title = std::string(trim(to_utf8(doc->get_title())));
    result.created = creation_date(*doc);

    const bool want_ocr = !options.ocr_languages.empty();
    std::optional<OcrSession> ocr;  // made at the first page that needs it
    int unreadable = 0;
    int read_by_ocr = 0;
    // A damaged file may claim any page count: reserve no more than a real document has.
    const auto reserve = static_cast<std::size_t>(std::min(page_count, 10000));
    result.pages.reserve(reserve);
    if (want_ocr) result.page_info.reserve(reserve);
    for (int i = 0; i < page_count; ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        std::string text;
        PageInfo info;
        info.number = i + 1;
        if (page) {
            // Reading order, as pdftotext gives by default: columns are not interleaved.
            text = without_form_feeds(normalise_newlines(
                to_utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout))));
        } else {
            ++unreadable;  // a damaged page tree: keep the page, without text
        }
        if (want_ocr && page && count_visible_chars(text) < k_min_page_chars) {
            int ppi = 0;
            if (PixPtr image = render_for_ocr(*page, ppi)) {
                if (PixPtr normal = normalise_page(image.get())) {
                    image.reset();
                    if (!ocr) ocr.emplace(path, options, result.title);
                    OcrPage read = ocr->read(std::move(normal), ppi, i + 1);
                    text = std::move(read.text);
                    info = read.info;
                    ++read_by_ocr;
                }
            }
        }
        if (count_visible_chars(text) < k_min_page_chars) result.pages_without_text.push_back(i + 1);
        if (want_ocr) {
            if (!info.ocr) info.words = count_words(text);
            result.page_info.push_back(info);
        }
        result.pages.push_back(std::move(text));
        if (progress) progress(i + 1, page_count);
    }
    if (unreadable == page_count) throw_damaged(path, "aucune page lisible", "no readable page");
    if (ocr) {
        result.ocr_engine = ocr->engine_name();
        result.method = read_by_ocr == page_count ? "ocr" : "pdf-text+ocr";
        doc.reset();
        result.searchable_pdf_written = ocr->finish(path, page_count);
    }
    // After OCR, what is left without text is blank, or could not be read at all.
    result.needs_ocr = false;
    for (int number : result.pages_without_text)
        if (!want_ocr || !result.page_info[static_cast<std::size_t>(number - 1)].ocr) result.needs_ocr = true;
    return result;
}

}  // namespace ububiko::extract::detail
