#include <catch2/catch.hpp>

#include "extract/text_decode.hpp"

using namespace ububiko::extract::detail;

TEST_CASE("detect_text_encoding tells UTF-8, UTF-16 and Windows-1252 from binary") {
    CHECK(detect_text_encoding("Procès-verbal du conseil", false) == Encoding::utf8);
    CHECK(detect_text_encoding("\xEF\xBB\xBFPV", false) == Encoding::utf8);
    CHECK(detect_text_encoding(std::string("\xFF\xFEP\0V\0", 6), false) == Encoding::utf16le);
    CHECK(detect_text_encoding(std::string("\xFE\xFF\0P\0V", 6), false) == Encoding::utf16be);
    CHECK(detect_text_encoding("Proc\xE8s-verbal", false) == Encoding::cp1252);
    CHECK_FALSE(detect_text_encoding(std::string("abc\0def", 7), false));
    CHECK_FALSE(detect_text_encoding("\x01\x02\x03\x04 binary \x05\x06", false));
}

TEST_CASE("a UTF-8 character cut by the end of a sniffed prefix is not an error") {
    const std::string text = "d\xC3\xA9lib\xC3\xA9ration";
    const std::string cut = text.substr(0, 2);  // "d" and the first byte of "é"
    CHECK(detect_text_encoding(cut, true) == Encoding::utf8);
    CHECK(detect_text_encoding(cut, false) == Encoding::cp1252);
}

TEST_CASE("decode_text produces UTF-8") {
    CHECK(decode_text("\xEF\xBB\xBFp\xC3\xA9", Encoding::utf8) == "p\xC3\xA9");
    CHECK(decode_text("\x80 \xE9t\xE9 \x9C", Encoding::cp1252) ==
          "\xE2\x82\xAC \xC3\xA9t\xC3\xA9 \xC5\x93");
    // "é€😀" in UTF-16 LE with a surrogate pair, and an unpaired surrogate.
    CHECK(decode_text(std::string("\xFF\xFE\xE9\x00\xAC\x20\x3D\xD8\x00\xDE", 10),
                      Encoding::utf16le) == "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
    CHECK(decode_text(std::string("\xFE\xFF\xD8\x3D\x00\x41", 6), Encoding::utf16be) ==
          "\xEF\xBF\xBD"
          "A");
    CHECK(decode_text("a\xFF"
                      "b",
                      Encoding::utf8) ==
          "a\xEF\xBF\xBD"
          "b");
}

TEST_CASE("sanitize_utf8, normalise_newlines and count_visible_chars") {
    CHECK(sanitize_utf8("ok \xC3\xA9") == "ok \xC3\xA9");
    CHECK(sanitize_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
    CHECK(sanitize_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
    CHECK(normalise_newlines("a\r\nb\rc\n") == "a\nb\nc\n");
    CHECK(count_visible_chars(" \n\t\xC2\xA0 ") == 0);
    CHECK(count_visible_chars("\xC3\xA9t\xC3\xA9 ") == 3);
}
