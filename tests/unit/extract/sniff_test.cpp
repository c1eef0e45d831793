#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "extract/extract.hpp"
#include "support/temp_dir.hpp"
#include "zip_fixture.hpp"

using namespace ububiko;
using namespace ububiko::extract;
using ububiko::test::corpus;

TEST_CASE("sniff recognises PDFs by their header, even after a little junk") {
    test::TempDir tmp;
    const Sniffed pdf = sniff(corpus("pdf/maarch__sample-test.pdf"));
    CHECK(pdf.kind == Kind::pdf);
    CHECK(pdf.media_type == "application/pdf");
    CHECK(pdf.extension == "pdf");
    CHECK(sniff(tmp.write("junk.bin", std::string(200, 'x') + "\n%PDF-1.4\n")).kind == Kind::pdf);
    // A PDF named .txt is still a PDF: the name does not count.
    CHECK(sniff(tmp.write("lettre.txt", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")).kind == Kind::pdf);
}

TEST_CASE("sniff recognises image formats") {
    test::TempDir tmp;
    CHECK(sniff(corpus("scans/xapian__scan-page.png")).media_type == "image/png");
    const Sniffed jpeg = sniff(corpus("scans/xapian__poster.jpg"));
    CHECK(jpeg.kind == Kind::image);
    CHECK(jpeg.extension == "jpg");
    CHECK(sniff(tmp.write("a.tif", std::string("II*\0\x08\0\0\0", 8))).media_type == "image/tiff");
    CHECK(sniff(tmp.write("b.tif", std::string("MM\0*\0\0\0\x08", 8))).kind == Kind::image);
    CHECK(sniff(tmp.write("c.pgm", "P5\n# scan\n640 480\n255\n")).media_type ==
          "image/x-portable-anymap");
    CHECK(sniff(tmp.write("d.gif", "GIF89a\x01\0\x01\0")).media_type == "image/gif");
    std::string bmp = "BM" + std::string(12, '\0') + std::string("\x28\0\0\0", 4);
    CHECK(sniff(tmp.write("e.bmp", bmp)).media_type == "image/bmp");
    // Text that merely starts like a magic number stays text.
    CHECK(sniff(tmp.write("f.txt", "BMW et Peugeot : note de service\n")).kind == Kind::text);
    CHECK(sniff(tmp.write("g.txt", "P1 : premier point de l'ordre du jour\n")).kind == Kind::text);
}

TEST_CASE("sniff looks inside zip archives to tell ODT from DOCX") {
    test::TempDir tmp;
    CHECK(sniff(test::write_odt(tmp / "a.zip", "<text:p>x</text:p>")).kind == Kind::odt);
    const Sniffed docx = sniff(test::write_docx(tmp / "b.odt", "<w:p/>"));
    CHECK(docx.kind == Kind::docx);
    CHECK(docx.extension == "docx");
    const Sniffed zip = sniff(test::write_zip(tmp / "c.docx", {{"readme.txt", "hello"}}));
    CHECK(zip.kind == Kind::unknown);
    CHECK(zip.media_type == "application/zip");
    // A damaged zip is sniffed as an unknown zip, not an error.
    CHECK(sniff(tmp.write("d.zip", "PK\x03\x04 not really a zip")).kind == Kind::unknown);
}

TEST_CASE("sniff recognises text in UTF-8, UTF-16 and Windows-1252, and refuses binary") {
    test::TempDir tmp;
    CHECK(sniff(tmp.write("a", "Procès-verbal\n")).kind == Kind::text);
    CHECK(sniff(tmp.write("b", "Proc\xE8s-verbal\r\n")).kind == Kind::text);
    CHECK(sniff(tmp.write("c", std::string("\xFF\xFEP\0V\0", 6))).kind == Kind::text);
    const Sniffed text = sniff(corpus("text-fr/docs/cdpm-1.txt"));
    CHECK(text.media_type == "text/plain");
    CHECK(text.extension == "txt");
    CHECK(sniff(tmp.write("d", std::string("ELF\0\0\0\x01\x02", 8))).kind == Kind::unknown);
    CHECK(sniff(tmp.write("e", "")).kind == Kind::unknown);
}

TEST_CASE("sniff of a missing file throws not_found") {
    try {
        sniff("/nonexistent/lettre.pdf");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::not_found);
        CHECK_THAT(e.message(), Catch::Contains("lettre.pdf"));
    }
}
