#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "core/error.hpp"
#include "extract/extract.hpp"
#include "support/temp_dir.hpp"
#include "zip_fixture.hpp"

using namespace ububiko;
using namespace ububiko::extract;

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

}  // namespace

TEST_CASE("ODT: text from content.xml, title and date from meta.xml") {
    test::TempDir tmp;
    const std::string path = test::write_odt(
        tmp / "deliberation.odt",
        "<text:h>Délibération n° 7/2024</text:h>"
        "<text:p>Le conseil communal de Mugamba,<text:line-break/>réuni le 5 mars,</text:p>"
        "<text:p>approuve le budget&#160;: 12&#xA0;000 000 FBu.</text:p>",
        "Délibération &amp; budget", "2024-03-05T09:12:00.123");
    const Result r = extract_in_process(path);
    CHECK(r.type.kind == Kind::odt);
    CHECK(r.method == "odt");
    REQUIRE(r.pages.size() == 1);
    CHECK(r.pages[0] ==
          "Délibération n° 7/2024\nLe conseil communal de Mugamba,\nréuni le 5 mars,\n"
          "approuve le budget\u00A0: 12\u00A0000 000 FBu.\n");
    CHECK(r.title == "Délibération & budget");
    CHECK(r.created == "2024-03-05");
    CHECK_FALSE(r.needs_ocr);
}

TEST_CASE("DOCX: body, headers, footers and notes, metadata from core.xml, page breaks") {
    test::TempDir tmp;
    const std::string w =
        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    const std::string path = test::write_docx(
        tmp / "lettre.docx",
        "<w:p><w:r><w:t>Objet : demande d’extrait d’acte de naissance</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Monsieur l’Administrateur,</w:t></w:r></w:p>"
        "<w:p><w:r><w:br w:type=\"page\"/></w:r><w:r><w:t>Annexe</w:t></w:r></w:p>",
        "Demande d'extrait", "2023-11-20T08:00:00Z",
        {{"word/header1.xml",
          "<w:hdr " + w + "><w:p><w:r><w:t>COMMUNE DE GITEGA</w:t></w:r></w:p></w:hdr>"},
         {"word/footer1.xml",
          "<w:ftr " + w + "><w:p><w:r><w:t>BP 12 Gitega</w:t></w:r></w:p></w:ftr>"},
         {"word/footnotes.xml",
          "<w:footnotes " + w +
              "><w:footnote w:type=\"separator\"><w:p><w:r><w:separator/></w:r></w:p>"
              "</w:footnote><w:footnote><w:p><w:r><w:t>Voir l’article "
              "12.</w:t></w:r></w:p></w:footnote></w:footnotes>"}});
    const Result r = extract_in_process(path);
    CHECK(r.type.kind == Kind::docx);
    CHECK(r.method == "docx");
    REQUIRE(r.pages.size() == 2);
    CHECK(r.pages[0] ==
          "COMMUNE DE GITEGA\nObjet : demande d’extrait d’acte de naissance\n"
          "Monsieur l’Administrateur,\n");
    CHECK_THAT(r.pages[1], Catch::StartsWith("Annexe\n"));
    CHECK_THAT(r.pages[1], Catch::Contains("BP 12 Gitega\n"));
    CHECK_THAT(r.pages[1], Catch::Contains("Voir l’article 12.\n"));
    CHECK(r.title == "Demande d'extrait");
    CHECK(r.created == "2023-11-20");
}

TEST_CASE("a DOCX without metadata has no title and no date") {
    test::TempDir tmp;
    const Result r = extract_in_process(
        test::write_docx(tmp / "note.docx", "<w:p><w:r><w:t>Note</w:t></w:r></w:p>"));
    CHECK(r.title.empty());
    CHECK_FALSE(r.created);
    CHECK(r.pages == std::vector<std::string>{"Note\n"});
}

TEST_CASE("damaged office documents give clear errors") {
    test::TempDir tmp;
    // A real ODT cut in half: the zip directory is gone.
    const std::string whole =
        test::write_odt(tmp / "whole.odt", "<text:p>" + std::string(5000, 'x') + "</text:p>");
    std::string data;
    {
        std::ifstream in(whole, std::ios::binary);
        data.assign(std::istreambuf_iterator<char>(in), {});
    }
    const Error cut = extraction_error(tmp.write("cut.odt", data.substr(0, data.size() / 2)));
    CHECK(cut.code() == ErrorCode::invalid_input);
    CHECK_THAT(cut.message(), Catch::Contains("cut.odt"));

    const Error no_content = extraction_error(test::write_zip(
        tmp / "empty.odt", {{"mimetype", "application/vnd.oasis.opendocument.text"}}));
    CHECK(no_content.code() == ErrorCode::invalid_input);
    CHECK_THAT(no_content.message(), Catch::Contains("content.xml manquant"));

    const Error plain_zip = extraction_error(test::write_zip(tmp / "photos.zip", {{"a.jpg", "x"}}));
    CHECK(plain_zip.code() == ErrorCode::unsupported);
    CHECK_THAT(plain_zip.message(), Catch::Contains("ni un document ODT ni un document DOCX"));
}

TEST_CASE("spreadsheets and presentations are named in the unsupported message") {
    test::TempDir tmp;
    const Error ods = extraction_error(test::write_zip(
        tmp / "budget.ods", {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                             {"content.xml", "<office:document-content/>"}}));
    CHECK(ods.code() == ErrorCode::unsupported);
    CHECK_THAT(ods.message(), Catch::Contains("application/vnd.oasis.opendocument.spreadsheet"));
    const Error xlsx = extraction_error(
        test::write_zip(tmp / "budget.xlsx", {{"xl/workbook.xml", "<workbook/>"}}));
    CHECK_THAT(xlsx.message(), Catch::Contains("classeur Excel (XLSX)"));
    CHECK(sniff(tmp / "budget.xlsx").extension == "xlsx");
}

TEST_CASE("a zip bomb is refused before it is inflated") {
    test::TempDir tmp;
    // 257 MiB of zeros deflate to about 260 KB.
    const std::string path =
        test::write_docx(tmp / "bombe.docx", "<w:p><w:r><w:t>x</w:t></w:r></w:p>", "", "",
                         {{"word/header1.xml", std::string((std::size_t{257} << 20), '\0')}});
    const Error e = extraction_error(path);
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK_THAT(e.message(), Catch::Contains("bombe.docx"));
    CHECK_THAT(e.message(), Catch::Contains("256 Mio"));
}
