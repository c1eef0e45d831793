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
    CHECK_THAT(plain_zip.message(), Catch::Contains("pas un document ODT, DOCX, ODS ou XLSX"));
}

TEST_CASE("ODS: each sheet a page, named, each row a line of tab-separated cells") {
    test::TempDir tmp;
    const std::string ns =
        "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"";
    const std::string content =
        "<office:document-content " + ns + "><office:body><office:spreadsheet>"
        "<table:table table:name=\"Recettes 2024\">"
        "<table:table-row><table:table-cell><text:p>Nature</text:p></table:table-cell>"
        "<table:table-cell><text:p>Montant (FBu)</text:p></table:table-cell></table:table-row>"
        "<table:table-row><table:table-cell><text:p>Taxe sur le b&#233;tail</text:p>"
        "<office:annotation><text:p>note cachée</text:p></office:annotation></table:table-cell>"
        "<table:table-cell office:value-type=\"float\" office:value=\"1500000\"><text:p>1 500 000</text:p></table:table-cell>"
        "<table:table-cell table:number-columns-repeated=\"16380\"/></table:table-row>"
        "<table:table-row table:number-rows-repeated=\"1000\"><table:table-cell table:number-columns-repeated=\"3\"/></table:table-row>"
        "</table:table>"
        "<table:table table:name=\"Dépenses\"><table:table-row><table:table-cell/>"
        "<table:table-cell><text:p>Salaires</text:p><text:p>du personnel</text:p></table:table-cell></table:table-row></table:table>"
        "</office:spreadsheet></office:body></office:document-content>";
    const std::string path = test::write_zip(
        tmp / "budget.ods", {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                             {"content.xml", content},
                             {"meta.xml", "<office:document-meta><office:meta><dc:title>Budget communal 2024</dc:title>"
                                          "<meta:creation-date>2024-01-15T10:00:00</meta:creation-date></office:meta></office:document-meta>"}});
    const Result r = extract_in_process(path);
    CHECK(r.type.kind == Kind::ods);
    CHECK(r.method == "ods");
    REQUIRE(r.pages.size() == 2);
    CHECK(r.pages[0] == "Recettes 2024\nNature\tMontant (FBu)\nTaxe sur le bétail\t1 500 000\n");
    CHECK(r.pages[1] == "Dépenses\n\tSalaires du personnel\n");
    CHECK(r.title == "Budget communal 2024");
    CHECK(r.created == "2024-01-15");
    CHECK(sniff(path).extension == "ods");
}

TEST_CASE("XLSX: sheets in the workbook's order, shared and inline strings, numbers") {
    test::TempDir tmp;
    const std::string main = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
    const std::string path = test::write_zip(
        tmp / "budget.xlsx",
        {{"[Content_Types].xml", "<Types/>"},
         {"xl/workbook.xml", "<workbook " + main + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                             "<sheets><sheet name=\"Recettes\" sheetId=\"1\" r:id=\"rId2\"/>"
                             "<sheet name=\"Dépenses\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>"},
         {"xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet2.xml\"/>"
                                        "<Relationship Id=\"rId2\" Target=\"/xl/worksheets/sheet1.xml\"/></Relationships>"},
         {"xl/sharedStrings.xml", "<sst " + main + "><si><t>Nature</t></si><si><t xml:space=\"preserve\">Taxe sur le </t>"
                                  "<r><t>bétail &amp; les marchés</t></r><rPh><t>ignoré</t></rPh></si><si><t>Salaires</t></si></sst>"},
         {"xl/worksheets/sheet1.xml", "<worksheet " + main + "><sheetData>"
                                      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>Montant</t></is></c></row>"
                                      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\"><v>1500000</v></c>"
                                      "<c r=\"C2\" t=\"e\"><v>#DIV/0!</v></c><c r=\"D2\" t=\"s\"><v>99</v></c></row>"
                                      "<row r=\"3\"/></sheetData></worksheet>"},
         {"xl/worksheets/sheet2.xml", "<worksheet " + main + "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>2</v></c>"
                                      "<c r=\"B1\"><f>SUM(B2:B9)</f><v>2400000</v></c></row></sheetData></worksheet>"},
         {"docProps/core.xml", "<cp:coreProperties><dc:title>Budget 2024</dc:title>"
                               "<dcterms:created>2024-02-01T08:00:00Z</dcterms:created></cp:coreProperties>"}});
    const Result r = extract_in_process(path);
    CHECK(r.type.kind == Kind::xlsx);
    CHECK(r.method == "xlsx");
    REQUIRE(r.pages.size() == 2);
    CHECK(r.pages[0] == "Recettes\nNature\tMontant\nTaxe sur le bétail & les marchés\t1500000\n");
    CHECK(r.pages[1] == "Dépenses\nSalaires\t2400000\n");
    CHECK(r.title == "Budget 2024");
    CHECK(r.created == "2024-02-01");
}

TEST_CASE("XLSX written with a prefix on every element (as the Open XML SDK does)") {
    test::TempDir tmp;
    const std::string x = "xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
    const std::string path = test::write_zip(
        tmp / "etat-civil.xlsx",
        {{"xl/workbook.xml", "<x:workbook " + x + "><x:sheets><x:sheet name=\"Naissances\" sheetId=\"1\" r:id=\"R1\"/></x:sheets></x:workbook>"},
         {"xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"R1\" Target=\"worksheets/feuille.xml\"/></Relationships>"},
         {"xl/sharedStrings.xml", "<x:sst " + x + "><x:si><x:t>Naissances de la colline Kiremba</x:t></x:si></x:sst>"},
         {"xl/worksheets/feuille.xml", "<x:worksheet " + x + "><x:sheetData><x:row><x:c t=\"s\"><x:v>0</x:v></x:c>"
                                       "<x:c><x:v>42</x:v></x:c></x:row></x:sheetData></x:worksheet>"}});
    const Result r = extract_in_process(path);
    REQUIRE(r.pages.size() == 1);
    CHECK(r.pages[0] == "Naissances\nNaissances de la colline Kiremba\t42\n");
}

TEST_CASE("XLSX: numbers in a date format become ISO dates, in the 1900 or the 1904 system") {
    test::TempDir tmp;
    const std::string styles =
        "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
        "<numFmt numFmtId=\"165\" formatCode=\"0.00&quot; d&quot;\"/>"
        "<numFmt numFmtId=\"166\" formatCode=\"[$-40C]d\\ mmmm\\ yyyy\"/></numFmts>"
        "<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs>"
        "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
        "<xf numFmtId=\"166\"/><xf numFmtId=\"20\"/></cellXfs></styleSheet>";
    auto workbook = [&](const std::string& name, const std::string& pr, const std::string& cells) {
        return test::write_zip(tmp / name, {{"xl/workbook.xml", "<workbook>" + pr + "<sheets><sheet name=\"Feuil1\" r:id=\"r1\"/></sheets></workbook>"},
                                            {"xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"r1\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
                                            {"xl/styles.xml", styles},
                                            {"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>" + cells + "</row></sheetData></worksheet>"}});
    };
    const std::string cells = "<c s=\"1\"><v>45352</v></c><c s=\"2\"><v>61</v></c><c s=\"2\"><v>1</v></c><c s=\"3\"><v>5</v></c>"
                              "<c s=\"4\"><v>45352.75</v></c><c s=\"5\"><v>0.5</v></c><c><v>45352</v></c><c s=\"1\"><v>-3</v></c>"
                              "<c s=\"1\"><v>nan</v></c><c s=\"1\"><v>9e99</v></c>";
    const Result r1900 = extract_in_process(workbook("1900.xlsx", "", cells));
    REQUIRE(r1900.pages.size() == 1);
    CHECK(r1900.pages[0] == "Feuil1\n2024-03-01\t1900-03-01\t1900-01-01\t5\t2024-03-01\t0.5\t45352\t-3\tnan\t9e99\n");
    const Result r1904 = extract_in_process(workbook("1904.xlsx", "<workbookPr date1904=\"1\"/>", "<c s=\"1\"><v>1</v></c>"));
    CHECK(r1904.pages[0] == "Feuil1\n1904-01-02\n");
}

TEST_CASE("damaged workbooks and other office files are named in the message") {
    test::TempDir tmp;
    const Error ods = extraction_error(test::write_zip(
        tmp / "budget.ods", {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}}));
    CHECK(ods.code() == ErrorCode::invalid_input);
    CHECK_THAT(ods.message(), Catch::Contains("content.xml manquant"));
    const Error odp = extraction_error(test::write_zip(
        tmp / "expose.odp", {{"mimetype", "application/vnd.oasis.opendocument.presentation"},
                             {"content.xml", "<office:document-content/>"}}));
    CHECK(odp.code() == ErrorCode::unsupported);
    CHECK_THAT(odp.message(), Catch::Contains("application/vnd.oasis.opendocument.presentation"));
    const Error pptx = extraction_error(
        test::write_zip(tmp / "expose.pptx", {{"ppt/presentation.xml", "<p/>"}}));
    CHECK_THAT(pptx.message(), Catch::Contains("présentation PowerPoint (PPTX)"));
    // A workbook without sheets is a workbook without text, not an error.
    const Result empty = extract_in_process(test::write_zip(tmp / "vide.xlsx", {{"xl/workbook.xml", "<workbook/>"}}));
    CHECK(empty.type.kind == Kind::xlsx);
    REQUIRE(empty.pages.size() == 1);
    CHECK(empty.pages[0].empty());
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
