#include "core/fs.hpp"
#include "core/text.hpp"
#include "extract/formats.hpp"
#include "extract/text_decode.hpp"

namespace ububiko::extract::detail {

namespace {

const char* method_name(Encoding encoding) {
    switch (encoding) {
        case Encoding::utf8:
            return "text-utf8";
        case Encoding::utf16le:
        case Encoding::utf16be:
            return "text-utf16";
        case Encoding::cp1252:
            return "text-cp1252";
    }
    return "text-utf8";
}

}  // namespace

Result extract_plain_text(const std::string& path, const Sniffed& type) {
    const std::string data = read_file(path);
    // Sniffing judged the first 64 KiB; the whole file decides the encoding, and a file
    // that turns binary further on is still read as well as it can be.
    std::optional<Encoding> encoding = detect_text_encoding(data, false);
    if (!encoding) encoding = is_valid_utf8(data) ? Encoding::utf8 : Encoding::cp1252;
    const std::string text = normalise_newlines(decode_text(data, *encoding));

    Result result;
    result.type = type;
    result.method = method_name(*encoding);
    std::size_t start = 0;
    for (;;) {
        const std::size_t ff = text.find('\f', start);
        result.pages.push_back(text.substr(start, ff == std::string::npos ? ff : ff - start));
        if (ff == std::string::npos) break;
        start = ff + 1;
    }
    // A form feed that ends the file closes the last page rather than opening one.
    if (result.pages.size() > 1 && trim(result.pages.back()).empty()) result.pages.pop_back();
    return result;
}

}  // namespace ububiko::extract::detail
