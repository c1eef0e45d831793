#include "zip_writer.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <stdexcept>

namespace gen {

ZipWriter::ZipWriter(const std::string& path, long long mtime) : m_path(path), m_mtime(mtime) {
    m_archive = archive_write_new();
    if (m_archive == nullptr) {
        throw std::runtime_error("cannot create a zip writer for '" + path + "'");
    }
    check(archive_write_set_format_zip(m_archive), "set the zip format");
    check(archive_write_open_filename(m_archive, path.c_str()), "open");
}

ZipWriter::~ZipWriter() {
    if (m_archive != nullptr) {
        archive_write_free(m_archive);
    }
}

void ZipWriter::check(int status, const std::string& what) {
    if (status < ARCHIVE_OK) {
        const char* message = archive_error_string(m_archive);
        throw std::runtime_error("cannot " + what + " '" + m_path +
                                 "': " + (message ? message : "libarchive error"));
    }
}

void ZipWriter::add(const std::string& name, std::string_view data, ZipMethod method) {
    // libarchive applies the compression chosen here to the next header it writes.
    check(method == ZipMethod::store ? archive_write_zip_set_compression_store(m_archive)
                                     : archive_write_zip_set_compression_deflate(m_archive),
          "choose the compression of " + name + " in");
    const std::unique_ptr<archive_entry, void (*)(archive_entry*)> entry(archive_entry_new(),
                                                                         archive_entry_free);
    archive_entry_set_pathname(entry.get(), name.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_uid(entry.get(), 0);
    archive_entry_set_gid(entry.get(), 0);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(data.size()));
    archive_entry_set_mtime(entry.get(), static_cast<time_t>(m_mtime), 0);
    check(archive_write_header(m_archive, entry.get()), "add " + name + " to");
    if (!data.empty() && archive_write_data(m_archive, data.data(), data.size()) !=
                             static_cast<la_ssize_t>(data.size())) {
        check(ARCHIVE_FATAL, "write " + name + " into");
    }
}

void ZipWriter::close() {
    check(archive_write_close(m_archive), "close");
    archive_write_free(m_archive);
    m_archive = nullptr;
}

}  // namespace gen
