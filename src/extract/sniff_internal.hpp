// Recognising a file from its first bytes: the part of sniff() that extract_in_process()
// shares. Internal to the extract module.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "extract/extract.hpp"

namespace ububiko::extract::detail {

// How much of a file sniffing looks at (the text test wants a fair sample).
inline constexpr std::size_t k_sniff_bytes = 64 * 1024;

// What to do when a zip archive cannot be listed: sniff() calls it an unknown zip,
// extraction reports the damage.
enum class ZipDamage { report_unknown, throw_error };

// Throws not_found / io when path cannot be examined, invalid_input when it is not a
// regular file (a folder, a FIFO, a device: reading those could block or never end).
void require_regular_file(const std::string& path);

// head: the first bytes of the file at path (all of it when shorter than k_sniff_bytes).
// A zip archive is opened with libarchive to tell ODT from DOCX.
Sniffed sniff_head(const std::string& path, std::string_view head, ZipDamage on_damage);

// A few words saying what an unrecognised file seems to be, for error messages:
// "archive gzip", "ancien document Microsoft Office (.doc, .xls) ou document chiffré",
// or its first bytes in hexadecimal.
std::string describe_unknown(std::string_view head, const Sniffed& type);

}  // namespace ububiko::extract::detail
