// Reads the entries of a zip archive (ODT and DOCX documents are zip archives) with
// libarchive, refusing damaged archives and entries that decompress to absurd sizes.
// Internal to the extract module.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ububiko::extract::detail {

// Largest uncompressed size accepted for one entry, and for all entries read together:
// above it the file is taken for a zip bomb.
inline constexpr std::size_t k_max_zip_bytes = std::size_t{256} << 20;

struct ZipContents {
    std::vector<std::string> names;              // every entry, in archive order
    std::map<std::string, std::string> entries;  // the wanted ones: name → uncompressed data
};

// Lists the archive and reads the entries for which wanted(name) is true. Throws
// Error(invalid_input) naming the file for a damaged archive or an entry over
// k_max_zip_bytes, Error(unsupported) for an encrypted entry, Error(not_found / io) when
// the file cannot be opened.
ZipContents read_zip(const std::string& path,
                     const std::function<bool(std::string_view name)>& wanted);

}  // namespace ububiko::extract::detail
