#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "extract/extract.hpp"
#include "extract/messages.hpp"
#include "extract/sniff_internal.hpp"
#include "extract/text_decode.hpp"
#include "extract/zip_reader.hpp"

namespace ububiko::extract {

namespace detail {

namespace {

constexpr std::string_view k_odt_mimetype = "application/vnd.oasis.opendocument.text";

Sniffed make(Kind kind, const char* media_type, const char* extension) {
    return Sniffed{kind, media_type, extension};
}

bool is_pnm_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// "P1".."P6", whitespace, then a number or a comment: a bare "P1" could start a text.
bool looks_like_pnm(std::string_view head) {
    if (head.size() < 4 || head[0] != 'P' || head[1] < '1' || head[1] > '6') return false;
    if (!is_pnm_space(head[2])) return false;
    std::size_t i = 3;
    while (i < head.size() && is_pnm_space(head[i])) ++i;
    return i < head.size() && ((head[i] >= '0' && head[i] <= '9') || head[i] == '#');
}

// "BM" alone starts many words: also require a known DIB header size at offset 14.
bool looks_like_bmp(std::string_view head) {
    if (head.size() < 18 || !head.starts_with("BM")) return false;
    std::uint32_t dib = 0;
    for (int k = 3; k >= 0; --k) dib = (dib << 8) | static_cast<unsigned char>(head[14 + k]);
    return dib == 12 || dib == 16 || dib == 40 || dib == 52 || dib == 56 || dib == 64 ||
           dib == 108 || dib == 124;
}

bool looks_like_pdf(std::string_view head) {
    // poppler accepts a header anywhere in the first kilobyte, after junk such as a mail
    // header or a BOM; so do we.
    const std::size_t at = head.substr(0, 1024).find("%PDF-");
    return at != std::string_view::npos && at + 5 < head.size() && head[at + 5] >= '0' &&
           head[at + 5] <= '9';
}

Sniffed sniff_zip(const std::string& path, ZipDamage on_damage) {
    ZipContents zip;
    try {
        zip = read_zip(path, [](std::string_view name) { return name == "mimetype"; });
    } catch (const Error& e) {
        if (on_damage == ZipDamage::throw_error || e.code() == ErrorCode::not_found ||
            e.code() == ErrorCode::io)
            throw;
        return make(Kind::unknown, "application/zip", "zip");
    }
    auto has = [&](std::string_view name) {
        return std::find(zip.names.begin(), zip.names.end(), name) != zip.names.end();
    };
    if (auto it = zip.entries.find("mimetype"); it != zip.entries.end()) {
        const std::string_view mimetype = trim(it->second);
        if (mimetype == k_odt_mimetype)
            return make(Kind::odt, "application/vnd.oasis.opendocument.text", "odt");
        if (mimetype == "application/vnd.oasis.opendocument.spreadsheet")
            return make(Kind::ods, "application/vnd.oasis.opendocument.spreadsheet", "ods");
        // Other OpenDocument files (presentations, drawings): named in the message.
        if (mimetype.starts_with("application/vnd.oasis.opendocument.") && mimetype.size() < 80)
            return Sniffed{Kind::unknown, std::string(mimetype), ""};
    }
    if (has("word/document.xml"))
        return make(Kind::docx,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "docx");
    if (has("xl/workbook.xml"))
        return make(Kind::xlsx,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");
    if (has("ppt/presentation.xml"))
        return make(Kind::unknown,
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                    "pptx");
    return make(Kind::unknown, "application/zip", "zip");
}

struct Signature {
    std::string_view magic;
    const char* fr;
    const char* en;
};

// Formats people may drop in by mistake, named in the "unsupported" message.
constexpr Signature k_known_unsupported[] = {
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
     "ancien document Microsoft Office (.doc, .xls, .ppt) ou document Office chiffré",
     "legacy Microsoft Office document (.doc, .xls, .ppt) or encrypted Office document"},
    {"\x1F\x8B", "archive gzip", "gzip archive"},
    {"Rar!", "archive RAR", "RAR archive"},
    {"7z\xBC\xAF\x27\x1C", "archive 7-Zip", "7-Zip archive"},
    {"%!PS", "document PostScript", "PostScript document"},
    {"\x7F"
     "ELF",
     "programme (ELF)", "program (ELF)"},
    {"MZ", "programme Windows", "Windows program"},
};

}  // namespace

void require_regular_file(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        const int err = errno;
        (void)open_for_reading(path);  // throws the not-found or io error for this errno
        throw_io(tr("lire", "read"), path, err);
    }
    // Reading a FIFO or a device could block for ever or never end.
    if (!S_ISREG(info.st_mode))
        throw file_error(ErrorCode::invalid_input, path,
                         tr("ce n'est pas un fichier ordinaire", "not a regular file"));
}

Sniffed sniff_head(const std::string& path, std::string_view head, ZipDamage on_damage) {
    if (head.empty()) return make(Kind::unknown, "application/x-empty", "");
    if (looks_like_pdf(head)) return make(Kind::pdf, "application/pdf", "pdf");
    if (head.starts_with("PK\x03\x04")) return sniff_zip(path, on_damage);
    if (head.starts_with("PK\x05\x06")) return make(Kind::unknown, "application/zip", "zip");
    if (head.starts_with("\x89PNG\r\n\x1A\n")) return make(Kind::image, "image/png", "png");
    if (head.starts_with("\xFF\xD8\xFF")) return make(Kind::image, "image/jpeg", "jpg");
    if (head.starts_with(std::string_view("II*\0", 4)) ||
        head.starts_with(std::string_view("MM\0*", 4)) ||
        head.starts_with(std::string_view("II+\0", 4)) ||
        head.starts_with(std::string_view("MM\0+", 4)))
        return make(Kind::image, "image/tiff", "tif");
    if (head.starts_with("GIF87a") || head.starts_with("GIF89a"))
        return make(Kind::image, "image/gif", "gif");
    if (looks_like_pnm(head)) return make(Kind::image, "image/x-portable-anymap", "pnm");
    if (looks_like_bmp(head)) return make(Kind::image, "image/bmp", "bmp");
    if (head.starts_with("{\\rtf")) return make(Kind::rtf, "application/rtf", "rtf");
    if (detect_text_encoding(head, head.size() >= k_sniff_bytes))
        return make(Kind::text, "text/plain", "txt");
    return make(Kind::unknown, "application/octet-stream", "");
}

std::string describe_unknown(std::string_view head, const Sniffed& type) {
    if (type.extension == "pptx")
        return tr("présentation PowerPoint (PPTX)", "PowerPoint presentation (PPTX)");
    if (type.media_type.starts_with("application/vnd.oasis.opendocument."))
        return tr("document OpenDocument autre qu'un texte ou un classeur : ",
                  "OpenDocument file other than a text or a spreadsheet: ") +
               type.media_type;
    if (type.media_type == "application/zip")
        return tr("archive zip qui n'est pas un document ODT, DOCX, ODS ou XLSX",
                  "zip archive that is not an ODT, DOCX, ODS or XLSX document");
    for (const Signature& s : k_known_unsupported)
        if (head.starts_with(s.magic)) return tr(s.fr, s.en);
    std::string hex;
    for (std::size_t i = 0; i < std::min<std::size_t>(head.size(), 8); ++i) {
        char byte[4];
        std::snprintf(byte, sizeof byte, "%02x", static_cast<unsigned char>(head[i]));
        if (!hex.empty()) hex += ' ';
        hex += byte;
    }
    return tr("type inconnu, premiers octets : ", "unknown type, first bytes: ") + hex;
}

}  // namespace detail

const char* kind_name(Kind kind) {
    switch (kind) {
        case Kind::pdf:
            return "pdf";
        case Kind::text:
            return "text";
        case Kind::odt:
            return "odt";
        case Kind::docx:
            return "docx";
        case Kind::ods:
            return "ods";
        case Kind::xlsx:
            return "xlsx";
        case Kind::rtf:
            return "rtf";
        case Kind::image:
            return "image";
        case Kind::unknown:
            return "unknown";
    }
    return "unknown";
}

Sniffed sniff(const std::string& path) {
    detail::require_regular_file(path);
    const std::string head = read_file_prefix(path, detail::k_sniff_bytes);
    return detail::sniff_head(path, head, detail::ZipDamage::report_unknown);
}

}  // namespace ububiko::extract
