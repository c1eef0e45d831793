#include "extract/zip_reader.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <memory>

#include "core/fs.hpp"
#include "extract/messages.hpp"

namespace ububiko::extract::detail {

namespace {

struct ArchiveDeleter {
    void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;

std::string library_detail(archive* a) {
    const char* text = archive_error_string(a);
    return text != nullptr ? text : "libarchive";
}

[[noreturn]] void throw_damaged(const std::string& path, archive* a) {
    throw file_error(
        ErrorCode::invalid_input, path,
        tr("archive zip endommagée ou illisible (", "damaged or unreadable zip archive (") +
            library_detail(a) + ")");
}

[[noreturn]] void throw_too_big(const std::string& path, const std::string& name) {
    throw file_error(ErrorCode::invalid_input, path,
                     tr("l'entrée « ", "entry '") + name +
                         tr(" » dépasse 256 Mio une fois décompressée (bombe zip ?)",
                            "' exceeds 256 MiB once decompressed (zip bomb?)"));
}

}  // namespace

ZipContents read_zip(const std::string& path,
                     const std::function<bool(std::string_view name)>& wanted) {
    // Our own descriptor gives the usual not-found / io errors before libarchive sees it.
    UniqueFd fd = open_for_reading(path);
    ArchivePtr a(archive_read_new());
    if (!a) throw std::bad_alloc();
    archive_read_support_format_zip(a.get());
    if (archive_read_open_fd(a.get(), fd.get(), 64 * 1024) != ARCHIVE_OK)
        throw_damaged(path, a.get());

    ZipContents contents;
    std::size_t total = 0;
    archive_entry* entry = nullptr;
    for (;;) {
        const int status = archive_read_next_header(a.get(), &entry);
        if (status == ARCHIVE_EOF) break;
        if (status != ARCHIVE_OK && status != ARCHIVE_WARN) throw_damaged(path, a.get());
        const char* raw_name = archive_entry_pathname(entry);
        std::string name = raw_name != nullptr ? raw_name : "";
        contents.names.push_back(name);
        if (name.empty() || !wanted(name)) continue;  // the next header skips the data

        if (archive_entry_is_encrypted(entry))
            throw file_error(ErrorCode::unsupported, path,
                             tr("document chiffré (entrée « ", "encrypted document (entry '") +
                                 name + tr(" »)", "')"));
        if (archive_entry_size_is_set(entry) &&
            static_cast<std::uint64_t>(archive_entry_size(entry)) > k_max_zip_bytes)
            throw_too_big(path, name);

        std::string data;
        if (archive_entry_size_is_set(entry))
            data.reserve(static_cast<std::size_t>(archive_entry_size(entry)));
        char buffer[64 * 1024];
        for (;;) {
            const la_ssize_t n = archive_read_data(a.get(), buffer, sizeof buffer);
            if (n == 0) break;
            if (n < 0) throw_damaged(path, a.get());
            total += static_cast<std::size_t>(n);
            // The declared size may lie: count what actually comes out.
            if (data.size() + static_cast<std::size_t>(n) > k_max_zip_bytes ||
                total > k_max_zip_bytes)
                throw_too_big(path, name);
            data.append(buffer, static_cast<std::size_t>(n));
        }
        contents.entries[name] = std::move(data);
    }
    return contents;
}

}  // namespace ububiko::extract::detail
