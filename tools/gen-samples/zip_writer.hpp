// A zip file written with libarchive, entry by entry, with fixed times and owners so
// that the same entries always give the same bytes. Used for the .odt and .docx samples.
#pragma once

#include <string>
#include <string_view>

struct archive;

namespace gen {

enum class ZipMethod { store, deflate };

class ZipWriter {
public:
    // Creates (truncates) the file. Every entry gets mtime (seconds since the epoch).
    ZipWriter(const std::string& path, long long mtime);
    ~ZipWriter();
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;

    void add(const std::string& name, std::string_view data, ZipMethod method = ZipMethod::deflate);

    // Writes the central directory. Throws std::runtime_error on failure; the destructor
    // closes silently if close() was not called.
    void close();

private:
    void check(int status, const std::string& what);

    archive* m_archive = nullptr;
    std::string m_path;
    long long m_mtime = 0;
};

}  // namespace gen
