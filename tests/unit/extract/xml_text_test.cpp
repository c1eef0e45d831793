#include <catch2/catch.hpp>

#include "extract/xml_text.hpp"

using namespace ububiko::extract::detail;

TEST_CASE("decode_entities handles the predefined entities and character references") {
    CHECK(decode_entities("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;") ==
          "a & b <c> \"d\" 'e'");
    CHECK(decode_entities("&#233;t&#xE9; &#x20AC;") == "été €");
    CHECK(decode_entities("&#0; &#xD800; &#x110000;") == "\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD");
    CHECK(decode_entities("&nbsp; & seul") == "&nbsp; & seul");
}

TEST_CASE("ODT paragraphs, headings, tabs, spaces and line breaks") {
    const auto pages = xml_document_text(
        "<office:text><text:h text:outline-level=\"1\">Procès-verbal</text:h>"
        "<text:p>Le  conseil\n   s'est réuni<text:s text:c=\"3\"/>à 10 h.</text:p>"
        "<text:p>Présents :<text:tab/>Jean<text:line-break/>Marie</text:p>"
        "<text:p/>"
        "<table:table><table:table-row><table:table-cell><text:p>Budget &amp; finances</text:p>"
        "</table:table-cell></table:table-row></table:table>"
        "<text:p>Texte <text:span text:style-name=\"T1\">en gras</text:span> suivi"
        "<office:annotation><text:p>commentaire caché</text:p></office:annotation></text:p>"
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>supprimé</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        "</office:text>",
        Dialect::odt);
    REQUIRE(pages.size() == 1);
    CHECK(pages[0] ==
          "Procès-verbal\n"
          "Le conseil s'est réuni   à 10 h.\n"
          "Présents :\tJean\nMarie\n"
          "\n"
          "Budget & finances\n"
          "Texte en gras suivi\n");
}

TEST_CASE("DOCX runs, tabs, breaks and page breaks") {
    const auto pages = xml_document_text(
        "<w:body><w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
        "<w:r><w:t>Objet :</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\"> demande "
        "</w:t></w:r>"
        "<w:r><w:t>d&apos;état civil</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>ligne 1</w:t><w:br/><w:t>ligne 2</w:t></w:r></w:p>"
        "<w:p><w:r><w:delText>effacé</w:delText><w:instrText>PAGE</w:instrText></w:r></w:p>"
        "<w:p><w:r><w:br w:type=\"page\"/><w:t>Deuxième page</w:t></w:r></w:p>"
        "<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>cadre</w:t>"
        "</w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r>"
        "<w:t>cadre</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent>"
        "</w:r></w:p>"
        "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
        "</w:body>",
        Dialect::docx);
    REQUIRE(pages.size() == 2);
    CHECK(pages[0] == "Objet :\t demande d'état civil\nligne 1\nligne 2\n\n");
    CHECK(pages[1] == "Deuxième page\ncadre\n\n");
}

TEST_CASE("comments, CDATA, processing instructions and a DOCTYPE are handled") {
    const auto pages = xml_document_text(
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY lol \"lol\">]>"
        "<!-- <text:p>pas moi</text:p> --><text:p>a<![CDATA[<b>&amp;</b>]]>&lol;</text:p>",
        Dialect::odt);
    CHECK(pages[0] == "a<b>&amp;</b>&lol;\n");
}

TEST_CASE("truncated or malformed XML gives what could be read, never throws") {
    CHECK(xml_document_text("<text:p>début du texte<text:span", Dialect::odt)[0] ==
          "début du texte");
    CHECK(xml_document_text("<text:p attr=\"never closed>x</text:p>", Dialect::odt)[0].empty());
    CHECK(xml_document_text("", Dialect::docx) == std::vector<std::string>{""});
    CHECK(xml_document_text("<w:p><w:r><w:t>\xFF</w:t></w:r></w:p>", Dialect::docx)[0] ==
          "\xEF\xBF\xBD\n");
}

TEST_CASE("xml_element_text reads one metadata element") {
    const std::string meta =
        "<office:meta><meta:generator>LibreOffice</meta:generator>"
        "<dc:title> Arrêté &amp; décision </dc:title>"
        "<meta:creation-date>2024-03-05T09:12:00</meta:creation-date></office:meta>";
    CHECK(xml_element_text(meta, "dc:title") == "Arrêté & décision");
    CHECK(xml_element_text(meta, "meta:creation-date") == "2024-03-05T09:12:00");
    CHECK_FALSE(xml_element_text(meta, "dc:subject"));
}
