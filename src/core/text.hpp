// Text normalisation shared by indexing, querying and matching: one function, used on both
// sides, so that what a person types finds what a document says (see XAPIAN-NOTES.md).
#pragma once

#include <string>
#include <string_view>

namespace ububiko {

// Version of fold(); stored in the index metadata, any change requires a reindex.
inline constexpr int k_fold_version = 1;

// Case-folds, strips accents (é→e, Ç→c), expands ligatures (œ→oe, æ→ae, ß→ss), turns an
// apostrophe that follows a letter into a space (so "l'État" gives "l etat" and the elided
// article becomes its own word) and non-breaking spaces into spaces. Input is UTF-8;
// invalid sequences are replaced by U+FFFD.
std::string fold(std::string_view utf8);

// What fold() makes of a letter of Latin-1 (U+00C0–U+00FF), given by the second byte of
// its UTF-8 form (after 0xC3): its plain lower-case ASCII letter ('e' for 0xA9, é), or 0
// when fold() makes something else of it (æ → "ae", ß → "ss", ø, ð, þ, ×, ÷). A quick
// look at a word's first letters without folding it whole.
char folded_latin1_letter(unsigned char second_byte);

bool is_valid_utf8(std::string_view data);
// Where the first byte that is not part of valid UTF-8 is; npos when all is valid.
std::size_t first_invalid_utf8(std::string_view data);
// Decodes Windows-1252 (a superset of ISO-8859-1 for text) into UTF-8.
std::string cp1252_to_utf8(std::string_view data);
// The text as is when it is UTF-8, else decoded from Windows-1252 (what Windows writes:
// a spreadsheet saved as CSV, a file name from a Windows machine).
std::string utf8_or_cp1252(std::string_view data);
// Removes a UTF-8 byte-order mark if present.
std::string_view strip_utf8_bom(std::string_view data);

// A folded identifier: fold(), then runs of anything but letters and digits become one
// '-' ("Procès-verbal" → "proces-verbal", "Note de service" → "note-de-service").
std::string slugify(std::string_view utf8);

// Decodes the UTF-8 sequence at s[i] and moves i past it; a bad byte gives U+FFFD and
// moves one byte on. i must be < s.size().
char32_t next_code_point(std::string_view s, std::size_t& i);
// Appends a code point as UTF-8 (U+FFFD for surrogates and values past U+10FFFF).
void append_utf8(std::string& out, char32_t cp);
// UTF-16 (without its byte-order mark) as UTF-8; unpaired surrogates become U+FFFD.
std::string utf16_to_utf8(std::string_view data, bool big_endian);
std::u32string decode_utf8(std::string_view utf8);
std::string encode_utf8(std::u32string_view text);

// Bytes as lowercase hex, two digits each.
std::string to_hex(const void* bytes, std::size_t size);

// Escapes text for HTML and XML (element content and quoted attribute values): & < > " '.
std::string escape_html(std::string_view text);
void append_escaped_html(std::string& out, std::string_view text);

// Trims ASCII whitespace at both ends.
std::string_view trim(std::string_view s);
// At most max_bytes of text, cut at a UTF-8 character boundary.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

}  // namespace ububiko
