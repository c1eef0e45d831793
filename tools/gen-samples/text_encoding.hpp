// UTF-8 helpers for the sample generator: decoding to code points, conversion to
// Windows-1252 (the encoding of the PDF fonts and of some .txt samples), and the
// small text utilities the writers share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gen {

// Decodes UTF-8 into code points. Throws std::runtime_error on malformed input.
std::u32string decode_utf8(std::string_view text);

// Encodes one code point as UTF-8.
std::string encode_utf8(char32_t cp);

// Windows-1252 byte for a code point, or -1 when the code page has none.
int windows_1252_byte(char32_t cp);

// Converts UTF-8 text to Windows-1252. Throws std::runtime_error naming the first
// character that Windows-1252 cannot represent.
std::string to_windows_1252(std::string_view utf8);

// Number of code points: the width of the text in a fixed-pitch rendering.
std::size_t display_width(std::string_view utf8);

// Collapses runs of whitespace to one space and trims both ends.
std::string collapse_spaces(std::string_view text);

// Splits on whitespace into words.
std::vector<std::string> split_words(std::string_view text);

}  // namespace gen
