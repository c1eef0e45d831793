#include <unistd.h>

#include <leptonica/allheaders.h>

#include <cerrno>
#include <cstdint>
#include <set>

#include "core/fs.hpp"
#include "extract/formats.hpp"
#include "extract/messages.hpp"
#include "extract/ocr_session.hpp"
#include "extract/text_decode.hpp"

namespace ububiko::extract::detail {

namespace {

// Reads exactly size bytes at offset; false when the file is shorter or unreadable.
bool read_at(const UniqueFd& fd, std::uint64_t offset, void* buffer, std::size_t size) {
    auto* out = static_cast<unsigned char*>(buffer);
    while (size > 0) {
        const ssize_t n = ::pread(fd.get(), out, size, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        out += n;
        size -= static_cast<std::size_t>(n);
        offset += static_cast<std::uint64_t>(n);
    }
    return true;
}

std::uint64_t unpack(const unsigned char* p, std::size_t size, bool big_endian) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < size; ++i)
        value |= std::uint64_t{p[big_endian ? i : size - 1 - i]} << (8 * (size - 1 - i));
    return value;
}

// The number of images (IFDs) in a TIFF or BigTIFF file, found by following the chain of
// directory offsets without decoding anything; stops at a loop, a bad offset or
// k_max_pages. At least 1.
int tiff_page_count(const std::string& path) {
    constexpr int k_max_pages = 10000;
    const UniqueFd fd = open_for_reading(path);
    unsigned char header[16];
    if (!read_at(fd, 0, header, sizeof header)) return 1;
    const bool big_endian = header[0] == 'M';
    const bool big_tiff = unpack(header + 2, 2, big_endian) == 43;
    // Classic TIFF: 2-byte entry count, 12-byte entries, 4-byte offsets. BigTIFF: 8, 20, 8.
    const std::size_t count_size = big_tiff ? 8 : 2;
    const std::size_t entry_size = big_tiff ? 20 : 12;
    const std::size_t offset_size = big_tiff ? 8 : 4;
    std::uint64_t offset =
        big_tiff ? unpack(header + 8, 8, big_endian) : unpack(header + 4, 4, big_endian);

    std::set<std::uint64_t> seen;
    int pages = 0;
    while (offset != 0 && pages < k_max_pages && seen.insert(offset).second) {
        unsigned char buffer[8];
        if (!read_at(fd, offset, buffer, count_size)) break;
        const std::uint64_t entries = unpack(buffer, count_size, big_endian);
        if (entries > 1'000'000) break;
        ++pages;
        if (!read_at(fd, offset + count_size + entries * entry_size, buffer, offset_size)) break;
        offset = unpack(buffer, offset_size, big_endian);
    }
    return pages > 0 ? pages : 1;
}

// Images larger than this are refused before they are decoded (a 600 dpi A3 scan is 70
// million pixels): a small file can claim a huge image.
constexpr double k_max_image_pixels = 150e6;

[[noreturn]] void throw_unreadable(const std::string& path, int page) {
    std::string what = tr("image endommagée ou illisible", "damaged or unreadable image");
    if (page > 1) what += tr(" (page ", " (page ") + std::to_string(page) + ")";
    throw file_error(ErrorCode::invalid_input, path, what);
}

void refuse_if_too_large(const std::string& path, int width, int height) {
    if (static_cast<double>(width) * height <= k_max_image_pixels) return;
    throw file_error(ErrorCode::invalid_input, path,
                     tr("image trop grande pour l'OCR (", "image too large for OCR (") +
                         std::to_string(width) + "×" + std::to_string(height) + " pixels)");
}

// The pages of an image file read by OCR, one after the other.
Result ocr_image(const std::string& path, const Sniffed& type, const Options& options,
                 const PageProgress& progress, int pages) {
    silence_leptonica();
    l_int32 format = 0, width = 0, height = 0, bits = 0, samples = 0, colormap = 0;
    // The header of the (first) image: a bomb is refused before it is decoded. A header
    // Leptonica cannot read is left to pixRead, which says whether the image is damaged.
    if (pixReadHeader(path.c_str(), &format, &width, &height, &bits, &samples, &colormap) == 0)
        refuse_if_too_large(path, width, height);

    Result result;
    result.type = type;
    result.method = "ocr";
    OcrSession ocr(path, options, std::string());
    const bool tiff = type.media_type == "image/tiff";
    std::size_t offset = 0;
    for (int number = 1; number <= pages; ++number) {
        PixPtr image(tiff ? pixReadFromMultipageTiff(path.c_str(), &offset) : pixRead(path.c_str()));
        if (!image) throw_unreadable(path, number);
        refuse_if_too_large(path, pixGetWidth(image.get()), pixGetHeight(image.get()));
        const int ppi = pixGetYRes(image.get());
        PixPtr page = normalise_page(image.get());
        image.reset();
        if (!page) throw_unreadable(path, number);
        OcrPage read = ocr.read(std::move(page), ppi, number);
        if (count_visible_chars(read.text) < k_min_page_chars) result.pages_without_text.push_back(number);
        result.pages.push_back(std::move(read.text));
        result.page_info.push_back(read.info);
        if (progress) progress(number, pages);
        if (tiff && offset == 0) break;  // fewer pages than the directory chain claimed
    }
    result.ocr_engine = ocr.engine_name();
    result.searchable_pdf_written = ocr.finish(std::string(), static_cast<int>(result.pages.size()));
    return result;
}

}  // namespace

Result extract_image(const std::string& path, const Sniffed& type, const Options& options,
                     const PageProgress& progress) {
    const int pages = type.media_type == "image/tiff" ? tiff_page_count(path) : 1;
    if (!options.ocr_languages.empty()) return ocr_image(path, type, options, progress, pages);
    Result result;
    result.type = type;
    result.method = "none";
    result.needs_ocr = true;
    result.pages.assign(static_cast<std::size_t>(pages), std::string());
    for (int page = 1; page <= pages; ++page) {
        result.pages_without_text.push_back(page);
        if (progress) progress(page, pages);
    }
    return result;
}

}  // namespace ububiko::extract::detail
