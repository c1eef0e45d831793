// Character-set detection and decoding for plain-text files: UTF-8 (with or without a
// byte-order mark), UTF-16 with a byte-order mark, and Windows-1252 as the fallback that
// French files written on Windows need. Internal to the extract module.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ububiko::extract::detail {

enum class Encoding { utf8, utf16le, utf16be, cp1252 };

// The encoding of data if it looks like text, nullopt if it looks binary (a NUL byte
// outside UTF-16, or too many control characters). `truncated` says that data is only the
// start of the file, so a multi-byte character cut at its end is not an error.
std::optional<Encoding> detect_text_encoding(std::string_view data, bool truncated);

// data decoded to UTF-8 with any byte-order mark removed; invalid sequences become U+FFFD.
std::string decode_text(std::string_view data, Encoding encoding);

// data with every invalid UTF-8 sequence replaced by U+FFFD.
std::string sanitize_utf8(std::string_view data);

// CRLF and lone CR become LF.
std::string normalise_newlines(std::string_view text);

// Number of characters that are not whitespace (ASCII, no-break space, BOM) in UTF-8 text.
std::size_t count_visible_chars(std::string_view utf8);

}  // namespace ububiko::extract::detail
