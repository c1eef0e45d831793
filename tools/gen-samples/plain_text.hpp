// Plain-text rendering of a sample, as a secretary would type it in a text editor:
// one line per paragraph, addresses and signatures pushed right with spaces, tables
// aligned in columns. Used for the .txt samples.
#pragma once

#include "sample.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gen {

// Lines of the rendered text, UTF-8, without line ends.
std::vector<std::string> plain_text_lines(const Sample& sample);

// True for table cells holding a figure (amounts, counts, percentages): right-aligned.
bool is_numeric_cell(std::string_view cell);

// Writes the sample as a .txt file in its encoding and with its line ends.
void write_txt(const Sample& sample, const std::string& path);

}  // namespace gen
