#include <catch2/catch.hpp>

#include "core/text.hpp"
#include "extract/extract.hpp"
#include "extract/formats.hpp"
#include "support/temp_dir.hpp"

using namespace ububiko;
using namespace ububiko::extract;
using ububiko::extract::detail::rtf_text;
using ububiko::extract::detail::RtfText;

namespace {

// As WordPad saves a short letter: font and colour tables, Windows-1252 accents as \'hh,
// a \u character with its fallback, paragraphs.
const char* k_wordpad =
    "{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat\\deflang1036{\\fonttbl{\\f0\\fnil\\fcharset0 Calibri;}}\r\n"
    "{\\colortbl ;\\red255\\green0\\blue0;}\r\n"
    "{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1 \r\n"
    "\\pard\\sa200\\sl276\\slmult1\\f0\\fs22\\lang12 R\\'c9PUBLIQUE DU BURUNDI\\par\r\n"
    "Objet : demande d\\rquote attestation de r\\'e9sidence\\par\r\n"
    "Montant : 5\\~000 FBu \\endash  pay\\'e9 \\u8364?\\par\r\n"
    "{\\b Le chef de colline}\\par\r\n"
    "}\r\n";

}  // namespace

TEST_CASE("RTF as WordPad saves it: accents in the code page, Unicode characters, paragraphs") {
    RtfText t = rtf_text(k_wordpad);
    REQUIRE(t.pages.size() == 1);
    CHECK(t.pages[0] ==
          "RÉPUBLIQUE DU BURUNDI\n"
          "Objet : demande d\u2019attestation de résidence\n"
          "Montant : 5\u00A0000 FBu \u2013 payé €\n"
          "Le chef de colline\n");
    CHECK(t.title.empty());
    CHECK_FALSE(t.created);
}

TEST_CASE("RTF as Word saves it: info title and date, fields, pictures, hidden destinations, pages") {
    const std::string rtf =
        "{\\rtf1\\adeflang1025\\ansi\\ansicpg1252\\uc1\\deff0"
        "{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}}"
        "{\\stylesheet{\\ql Normal;}{\\s1 heading 1;}}"
        "{\\info{\\title D\\'e9cision n\\'b0 12/2024}{\\author Secr\\'e9tariat}{\\creatim\\yr2024\\mo3\\dy5\\hr9\\min12}}"
        "{\\*\\rsidtbl \\rsid123}"
        "\\pard\\plain D\\'c9CISION PORTANT\\par "
        "Voir {\\field{\\*\\fldinst {HYPERLINK \"http://exemple.bi\"}}{\\fldrslt {le site}}} de la commune.\\par "
        "{\\pict\\wmetafile8\\picw100 0102030405ff}"
        "{\\*\\shppict{\\pict\\pngblip 89504e47}}"
        "Ligne\\tab colonne\\line suite\\par "
        "\\uc2 Caract\\u232\\'65\\'65re \\uc1\\u-10179\\u-8704?fin\\par "
        "\\page Deuxi\\u232?me page\\par "
        "\\bin4 {}\\}apr\\'e8s des octets bruts\\par"
        "}";
    RtfText t = rtf_text(rtf);
    CHECK(t.title == "Décision n° 12/2024");
    CHECK(t.created == "2024-03-05");
    REQUIRE(t.pages.size() == 2);
    CHECK(t.pages[0] ==
          "DÉCISION PORTANT\n"
          "Voir le site de la commune.\n"
          "Ligne\tcolonne\nsuite\n"
          "Caractère \U0001F600fin\n");
    CHECK(t.pages[1] == "Deuxième page\napr\u00e8s des octets bruts\n");
}

TEST_CASE("an RTF file is filed as text, titled from its info, a damaged one read as far as it goes") {
    test::TempDir tmp;
    const Result r = extract_in_process(tmp.write("lettre.rtf", k_wordpad));
    CHECK(r.type.kind == Kind::rtf);
    CHECK(r.type.media_type == "application/rtf");
    CHECK(r.method == "rtf");
    REQUIRE(r.pages.size() == 1);
    CHECK_THAT(r.pages[0], Catch::Contains("attestation de résidence"));
    CHECK(kind_name(Kind::rtf) == std::string("rtf"));

    // Cut short (no closing braces): what was read is kept.
    RtfText cut = rtf_text("{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}Proc\\'e8s-verbal de la s\\'e9ance");
    REQUIRE(cut.pages.size() == 1);
    CHECK(cut.pages[0] == "Procès-verbal de la séance");
    // Braces closed too often: the text after the document's end is not read.
    CHECK(rtf_text("{\\rtf1 Texte}} reste}").pages[0] == "Texte");
    // Nothing but tables: an empty page.
    CHECK(rtf_text("{\\rtf1{\\fonttbl{\\f0 Arial;}}}").pages == std::vector<std::string>{""});
}
