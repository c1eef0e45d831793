// manifest.csv: one row per sample with what ububiko should find when it files it
// (plan code, date, type, direction, correspondent, title, reference, access level).
#pragma once

#include "sample.hpp"

#include <string>
#include <vector>

namespace gen {

// UTF-8, comma-separated, RFC 4180 quoting and CRLF line ends, with a header row.
void write_manifest(const std::vector<Sample>& samples, const std::string& path);

}  // namespace gen
