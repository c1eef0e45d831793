// Text as the printed documents show it: limited to what the base-14 PDF fonts can set
// (WinAnsiEncoding), dates, sizes and numbers in French or English.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/text.hpp"  // decode_utf8, encode_utf8

namespace ububiko::pdfwrite::detail {

enum class Lang { fr, en };

Lang lang_of(const std::string& language);  // "en" → en, anything else → fr

// Windows-1252 byte for a code point, or -1 when the code page has none.
int winansi_byte(char32_t cp);

// The text with every character that WinAnsiEncoding lacks replaced by its nearest form:
// a decomposed accent composed (e + U+0301 → é), a letter with an accent the code page
// lacks by its base letter (ă → a), typographic spaces and dashes by theirs, controls
// by a space, and anything else by '?'. Whitespace runs collapse to one space.
std::string printable(std::string_view utf8);

// "03/03/2024" (fr) or "2024-03-03" (en) from "2024-03-03"; the input itself when it is
// not such a date; "" stays "".
std::string short_date(const std::string& iso, Lang lang);
// "3 mars 2024", "1er mars 2024" (fr) or "3 March 2024" (en).
std::string long_date(const std::string& iso, Lang lang);

// 3145728 → "3 145 728" (fr, with no-break spaces) or "3,145,728" (en).
std::string grouped(std::uint64_t n, Lang lang);
// A size for people: "512 o", "12,5 Ko", "3,0 Mo", "1,2 Go" (fr, binary multiples) or
// "512 B", "12.5 KB", … (en).
std::string size_text(std::uint64_t bytes, Lang lang);
// The number in words ("cent trente", "one hundred and thirty"), feminine in French when
// asked ("vingt et une"); numbers of a billion and more are left in figures.
std::string number_words(std::uint64_t n, Lang lang, bool feminine = false);

// The place a commune signs at: "Commune de Bururi" → "Bururi".
std::string place_name(const std::string& commune);

}  // namespace ububiko::pdfwrite::detail
