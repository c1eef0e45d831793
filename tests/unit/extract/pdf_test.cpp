#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <sstream>

#include "core/error.hpp"
#include "core/sha256.hpp"
#include "extract/extract.hpp"
#include "pdf_fixture.hpp"
#include "support/temp_dir.hpp"

using namespace ububiko;
using namespace ububiko::extract;
using ububiko::test::corpus;

namespace {

Error extraction_error(const std::string& path) {
    try {
        extract_in_process(path);
    } catch (const Error& e) {
        return e;
    }
    FAIL("extraction of " << path << " did not fail");
    throw;
}

std::string all_text(const Result& r) {
    std::string text;
    for (const std::string& page : r.pages) text += page;
    return text;
}

struct ManifestRow {
    std::string file;
    std::string sha256;
    int pages = 0;
    bool has_text = false;
};

// corpus/pdf/MANIFEST.tsv: file, sha256, …, pages (col 8), pdftotext_text (col 9).
std::vector<ManifestRow> pdf_manifest() {
    std::ifstream in(corpus("pdf/MANIFEST.tsv"));
    std::vector<ManifestRow> rows;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::vector<std::string> cols;
        std::stringstream ss(line);
        for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
        if (cols.size() < 9) continue;
        rows.push_back({cols[0], cols[1], std::stoi(cols[7]), cols[8] == "yes"});
    }
    return rows;
}

}  // namespace

TEST_CASE("a French letter's text is read from its PDF") {
    const Result r =
        extract_in_process(corpus("pdf/maarch__courrier-arrivee-demandes-interventions.pdf"));
    CHECK(r.type.kind == Kind::pdf);
    CHECK(r.method == "pdf-text");
    REQUIRE(r.pages.size() == 1);
    CHECK_THAT(r.pages[0], Catch::Contains("Monsieur le Maire"));
    CHECK_THAT(r.pages[0], Catch::Contains("très vif mécontentement"));
    CHECK_THAT(r.pages[0], Catch::Contains("réfrigérateur"));
    CHECK_FALSE(r.needs_ocr);
    CHECK(r.pages_without_text.empty());
}

TEST_CASE("a French manual: page count, title and creation date from the Info dictionary") {
    const Result r =
        extract_in_process(corpus("pdf/deb-debian-edu-doc-legacy-fr__audacity-manual.pdf"));
    CHECK(r.pages.size() == 16);
    CHECK(r.title == "Manuel d'Audacity pour Debian Edu / Skolelinux");
    CHECK(r.created == "2024-01-31");
    CHECK_THAT(all_text(r), Catch::Contains("enregistrement"));
}

TEST_CASE("every born-digital PDF of the corpus gives its pages and its text") {
    for (const ManifestRow& row : pdf_manifest()) {
        const std::string path = corpus("pdf/" + row.file);
        if (sha256_file(path) != row.sha256) {
            WARN("corpus file changed, skipped: " << row.file);
            continue;
        }
        INFO(row.file);
        const Result r = extract_in_process(path);
        CHECK(r.pages.size() == static_cast<std::size_t>(row.pages));
        // Pages are separate strings: no form feed (poppler's page separator) inside.
        CHECK(all_text(r).find('\f') == std::string::npos);
        if (row.has_text)
            CHECK(r.pages_without_text.size() < r.pages.size());
        else
            CHECK(r.needs_ocr);
    }
}

TEST_CASE("a PDF with a little junk before its header is still read, as poppler allows") {
    test::TempDir tmp;
    std::ifstream in(corpus("pdf/maarch__sample-test.pdf"), std::ios::binary);
    const std::string pdf((std::istreambuf_iterator<char>(in)), {});
    const std::string path = tmp.write("courriel.pdf", "From: scanner@commune\n\n" + pdf);
    CHECK(sniff(path).kind == Kind::pdf);
    CHECK_THAT(extract_in_process(path).pages.at(0), Catch::Contains("CECI EST UN PDF DE TEST"));
}

TEST_CASE("a PDF whose text is drawn as curves needs OCR") {
    const Result r = extract_in_process(corpus("pdf/ocrmypdf__vector.pdf"));
    CHECK(r.needs_ocr);
    CHECK(r.pages_without_text == std::vector<int>{1});
    CHECK(r.pages.size() == 1);
}

TEST_CASE("image-only scans need OCR on every page") {
    const Result fax = extract_in_process(corpus("scans/paperless__barcode-fax-image.pdf"));
    CHECK(fax.needs_ocr);
    CHECK(fax.pages.size() == 3);
    CHECK(fax.pages_without_text == std::vector<int>{1, 2, 3});

    const Result form =
        extract_in_process(corpus("scans/pdfjs__issue7229-scanned-form-cyrillic.pdf"));
    CHECK(form.pages_without_text == std::vector<int>{1, 2});

    const Result letter =
        extract_in_process(corpus("scans/maarch__lettre-recommandee-avis-de-passage.pdf"));
    CHECK(letter.needs_ocr);
    CHECK(letter.pages_without_text == std::vector<int>{1});
}

TEST_CASE("a PDF that needs a user password is unsupported, with a message that says so") {
    for (const char* file :
         {"qpdf__encrypted-40-bit-R3.pdf", "qpdf__enc-XI-R6_V5_U_wwwww_O_wwwww.pdf",
          "pdfjs__pr6531_1.pdf", "pdfjs__print_protection.pdf", "qpdf__short-O-U.pdf"}) {
        INFO(file);
        const Error e = extraction_error(corpus(std::string("bad-pdf/") + file));
        CHECK(e.code() == ErrorCode::unsupported);
        CHECK_THAT(e.message(), Catch::Contains(file));
        CHECK_THAT(e.message(), Catch::Contains("protégé par un mot de passe"));
    }
}

TEST_CASE("damaged and empty PDFs are invalid input") {
    for (const char* file : {"qpdf__empty.pdf", "pdfjs__poppler-67295-0.pdf", "qpdf__bad40.pdf",
                             "pdfjs__REDHAT-1531897-0.pdf", "qpdf__object-stream-self-ref.pdf"}) {
        INFO(file);
        const Error e = extraction_error(corpus(std::string("bad-pdf/") + file));
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK_THAT(e.message(), Catch::Contains("« " + corpus(std::string("bad-pdf/") + file) +
                                                " » : PDF endommagé ou illisible ("));
    }
    const Error zero = extraction_error(corpus("bad-pdf/qpdf__fuzz-70245-empty.pdf"));
    CHECK_THAT(zero.message(), Catch::EndsWith("fichier vide"));
}

TEST_CASE("images are recorded as needing OCR") {
    const Result png = extract_in_process(corpus("scans/ocr17__xix-000108.png"));
    CHECK(png.method == "none");
    CHECK(png.needs_ocr);
    CHECK(png.pages == std::vector<std::string>{""});
    CHECK(png.pages_without_text == std::vector<int>{1});
    CHECK(extract_in_process(corpus("scans/xapian__poster.jpg")).type.media_type == "image/jpeg");
}

TEST_CASE("a multi-page TIFF counts its pages by walking its directories") {
    test::TempDir tmp;
    // Little-endian TIFF with three IFDs of one entry each, chained 8 → 26 → 44 → 0.
    auto ifd = [](std::uint32_t next) {
        std::string d(
            "\x01\x00"
            "\x00\x01\x03\x00\x01\x00\x00\x00\x10\x00\x00\x00",
            14);
        for (int i = 0; i < 4; ++i) d += static_cast<char>((next >> (8 * i)) & 0xFF);
        return d;
    };
    const std::string tiff = std::string("II*\0\x08\0\0\0", 8) + ifd(26) + ifd(44) + ifd(0);
    const Result r = extract_in_process(tmp.write("registre.tif", tiff));
    CHECK(r.type.media_type == "image/tiff");
    CHECK(r.pages.size() == 3);
    CHECK(r.pages_without_text == std::vector<int>{1, 2, 3});
    // A directory chain that loops on itself stops at the loop.
    const std::string looping = std::string("II*\0\x08\0\0\0", 8) + ifd(8);
    CHECK(extract_in_process(tmp.write("boucle.tif", looping)).pages.size() == 1);
}

TEST_CASE("a PDF with only an owner password opens with an empty one and is extracted") {
    test::TempDir tmp;
    const std::string path = tmp.write(
        "protege.pdf",
        test::owner_protected_pdf("Proces-verbal du conseil communal", "Note confidentielle"));
    const Result r = extract_in_process(path);
    REQUIRE(r.pages.size() == 1);
    CHECK_THAT(r.pages[0], Catch::Contains("Proces-verbal du conseil communal"));
    CHECK(r.title == "Note confidentielle");
    CHECK_FALSE(r.needs_ocr);
}
