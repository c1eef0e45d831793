#include "extract/extract.hpp"

#include "core/fs.hpp"
#include "core/text.hpp"
#include "extract/formats.hpp"
#include "extract/messages.hpp"
#include "extract/sniff_internal.hpp"

namespace ububiko::extract {

namespace detail {

std::optional<std::string> format_date(int year, int month, int day) {
    static constexpr int k_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > k_days[month - 1])
        return std::nullopt;
    std::string text = std::to_string(year) + "-";
    text += static_cast<char>('0' + month / 10);
    text += static_cast<char>('0' + month % 10);
    text += '-';
    text += static_cast<char>('0' + day / 10);
    text += static_cast<char>('0' + day % 10);
    return text;
}

std::optional<std::string> iso_date_prefix(std::string_view timestamp) {
    timestamp = trim(timestamp);
    if (timestamp.size() < 10 || timestamp[4] != '-' || timestamp[7] != '-') return std::nullopt;
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int k = 0; k < 3; ++k) {
        for (std::size_t i = starts[k]; i < starts[k] + lengths[k]; ++i) {
            if (timestamp[i] < '0' || timestamp[i] > '9') return std::nullopt;
            parts[k] = parts[k] * 10 + (timestamp[i] - '0');
        }
    }
    return format_date(parts[0], parts[1], parts[2]);
}

int count_words(std::string_view text) {
    int words = 0;
    bool in_word = false;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

}  // namespace detail

Result extract_in_process(const std::string& path, const Options& options, const PageProgress& progress) {
    detail::require_regular_file(path);
    const std::string head = read_file_prefix(path, detail::k_sniff_bytes);
    if (head.empty())
        throw detail::file_error(ErrorCode::invalid_input, path, tr("fichier vide", "empty file"));
    const Sniffed type = detail::sniff_head(path, head, detail::ZipDamage::throw_error);
    switch (type.kind) {
        case Kind::pdf:
            return detail::extract_pdf(path, type, options, progress);
        case Kind::text:
            return detail::extract_plain_text(path, type);
        case Kind::odt:
        case Kind::docx:
        case Kind::ods:
        case Kind::xlsx:
            return detail::extract_office(path, type);
        case Kind::rtf:
            return detail::extract_rtf(path, type);
        case Kind::image:
            return detail::extract_image(path, type, options, progress);
        case Kind::unknown:
            break;
    }
    throw detail::file_error(ErrorCode::unsupported, path,
                             tr("format non pris en charge (", "unsupported format (") +
                                 detail::describe_unknown(head, type) + ")");
}

}  // namespace ububiko::extract
