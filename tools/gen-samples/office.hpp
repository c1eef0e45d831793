// Word-processor samples: OpenDocument text (.odt) and Office Open XML (.docx), each a
// zip written with ZipWriter, with the document title and creation date in its
// metadata (meta.xml, docProps/core.xml). Both open in LibreOffice and Word.
#pragma once

#include "sample.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gen {

void write_odt(const Sample& sample, const std::string& path);
void write_docx(const Sample& sample, const std::string& path);

namespace detail {

// Escapes &, <, >, " for XML text and attribute values.
std::string xml_escape(std::string_view text);

// "2024-03-03T09:30:00" in Burundi time (ODF dates carry no zone).
std::string iso_local_time(const Sample& sample);

// "2024-03-03T07:30:00Z" (W3CDTF, as docProps/core.xml wants).
std::string iso_utc_time(const Sample& sample);

// Share of the width for each column of a table or fields block, from the longest
// cell of each column; the shares add up to `total`.
std::vector<int> column_widths(const Block& block, int total);

}  // namespace detail

}  // namespace gen
