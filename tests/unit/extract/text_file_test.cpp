#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "extract/extract.hpp"
#include "support/temp_dir.hpp"

using namespace ububiko;
using namespace ububiko::extract;

namespace {

// The Error that extracting path throws (fails the test if there is none).
Error extraction_error(const std::string& path) {
    try {
        extract_in_process(path);
    } catch (const Error& e) {
        return e;
    }
    FAIL("extraction of " << path << " did not fail");
    throw;  // not reached
}

}  // namespace

TEST_CASE("a French text file in Windows-1252 is decoded with its accents") {
    test::TempDir tmp;
    const Result r = extract_in_process(
        tmp.write("pv.txt",
                  "Proc\xE8s-verbal de la r\xE9union du conseil communal\r\n"
                  "\xAB D\xE9lib\xE9ration \xBB n\xB0 12 \x96 co\xFBt : 100 \x80\r\n"));
    CHECK(r.method == "text-cp1252");
    CHECK(r.type.kind == Kind::text);
    REQUIRE(r.pages.size() == 1);
    CHECK(
        r.pages[0] ==
        "Procès-verbal de la réunion du conseil communal\n« Délibération » n° 12 – coût : 100 €\n");
    CHECK_FALSE(r.needs_ocr);
}

TEST_CASE("UTF-8 text, with or without a byte-order mark") {
    test::TempDir tmp;
    const Result plain = extract_in_process(test::corpus("text-fr/docs/cdpm-1.txt"));
    CHECK(plain.method == "text-utf8");
    REQUIRE(plain.pages.size() == 1);
    CHECK_THAT(plain.pages[0], Catch::Contains("présent code de déontologie"));

    const Result bom = extract_in_process(tmp.write("bom.txt", "\xEF\xBB\xBFNote de service\n"));
    CHECK(bom.method == "text-utf8");
    CHECK(bom.pages[0] == "Note de service\n");
}

TEST_CASE("UTF-16 text with a byte-order mark, little- and big-endian") {
    test::TempDir tmp;
    // "Arrêté n°5\r\n" in UTF-16 LE and BE.
    const std::string le(
        "\xFF\xFE"
        "A\0r\0r\0\xEA\0t\0\xE9\0 \0n\0\xB0\0"
        "5\0\r\0\n\0",
        26);
    std::string be = "\xFE\xFF";
    for (std::size_t i = 2; i < le.size(); i += 2) {
        be += le[i + 1];
        be += le[i];
    }
    for (const std::string& data : {le, be}) {
        const Result r = extract_in_process(tmp.write("arrete.txt", data));
        CHECK(r.method == "text-utf16");
        REQUIRE(r.pages.size() == 1);
        CHECK(r.pages[0] == "Arrêté n°5\n");
    }
}

TEST_CASE("form feeds separate the pages of a text file") {
    test::TempDir tmp;
    const Result r =
        extract_in_process(tmp.write("registre.txt", "page un\n\fpage deux\n\fpage trois\n\f"));
    REQUIRE(r.pages.size() == 3);
    CHECK(r.pages[0] == "page un\n");
    CHECK(r.pages[1] == "page deux\n");
    CHECK(r.pages[2] == "page trois\n");
}

TEST_CASE("an empty file is refused with a message naming it") {
    test::TempDir tmp;
    const Error e = extraction_error(tmp.write("vide.pdf", ""));
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK_THAT(e.message(), Catch::Contains("« " + (tmp / "vide.pdf") + " » : fichier vide"));
}

TEST_CASE("an unknown binary file is unsupported, and the message says what was seen") {
    test::TempDir tmp;
    const Error e =
        extraction_error(tmp.write("photo.dat", std::string("\x01\x02\0\x03\x04garbage", 12)));
    CHECK(e.code() == ErrorCode::unsupported);
    CHECK_THAT(e.message(), Catch::Contains("photo.dat"));
    CHECK_THAT(e.message(), Catch::Contains("format non pris en charge"));
    CHECK_THAT(e.message(), Catch::Contains("01 02 00 03"));

    const Error doc =
        extraction_error(tmp.write("ancien.doc", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest"));
    CHECK(doc.code() == ErrorCode::unsupported);
    CHECK_THAT(doc.message(), Catch::Contains("ancien document Microsoft Office"));
}

TEST_CASE("messages follow the language") {
    test::TempDir tmp;
    set_language(Language::en);
    const Error e = extraction_error(tmp.write("empty.txt", ""));
    set_language(Language::fr);
    CHECK(e.message() == "'" + (tmp / "empty.txt") + "': empty file");
}

TEST_CASE("missing files, folders and FIFOs give clear errors instead of blocking") {
    test::TempDir tmp;
    CHECK(extraction_error(tmp / "absent.pdf").code() == ErrorCode::not_found);
    CHECK(extraction_error(tmp.path()).code() == ErrorCode::invalid_input);
    REQUIRE(::mkfifo((tmp / "fifo").c_str(), 0600) == 0);
    const Error fifo = extraction_error(tmp / "fifo");
    CHECK(fifo.code() == ErrorCode::invalid_input);
    CHECK_THAT(fifo.message(), Catch::Contains("pas un fichier ordinaire"));
}
