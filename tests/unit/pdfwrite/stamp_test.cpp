// Stamped copies made by the real ububiko-pdf program (through pdfwrite::stamp) and read
// back with poppler: the stamp's words on page 1, upright in the visual top-right corner
// whatever the page's /Rotate, covering no word of the document; the document's text and
// pages all there; the input's bytes unchanged; encrypted and broken PDFs refused by name.
// Then where the stamp goes, on made-up pages.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/sha256.hpp"
#include "pdfwrite/pdfwrite.hpp"
#include "pdfwrite/stamp_layout.hpp"
#include "readback.hpp"
#include "support/temp_dir.hpp"

using namespace ububiko;
using namespace ububiko::test;

namespace {

pdfwrite::StampSpec spec_for(const std::string& input, const std::string& output) {
    pdfwrite::StampSpec spec;
    spec.issuer = {"Commune de Bururi", "Province de Bururi", "BRR"};
    spec.record_id = "BRR/2026-000042";
    spec.date = "2026-11-28";
    spec.code = "1.3.2";
    spec.code_title = "Correspondance avec le gouverneur de province";
    spec.input_pdf = input;
    spec.output_pdf = output;
    return spec;
}

// The words of the stamped page that the input's page does not have at the same place.
std::vector<Word> added_words(const std::vector<Word>& before, const std::vector<Word>& after) {
    std::vector<Word> added;
    for (const Word& w : after) {
        bool there = false;
        for (const Word& b : before)
            there = there || (b.text == w.text && std::abs(b.x0 - w.x0) < 0.5 && std::abs(b.y0 - w.y0) < 0.5);
        if (!there) added.push_back(w);
    }
    return added;
}

// The box around some words.
Word around(const std::vector<Word>& words) {
    Word box{"", 1e9, 1e9, -1e9, -1e9, 0};
    for (const Word& w : words) {
        box.x0 = std::min(box.x0, w.x0);
        box.y0 = std::min(box.y0, w.y0);
        box.x1 = std::max(box.x1, w.x1);
        box.y1 = std::max(box.y1, w.y1);
    }
    return box;
}

// Checks that the stamp (the words added) covers none of the words that were there.
void check_nothing_covered(const std::vector<Word>& before, const std::vector<Word>& stamp) {
    REQUIRE_FALSE(stamp.empty());
    const Word box = around(stamp);
    for (const Word& w : before) {
        INFO("« " << w.text << " » at " << w.x0 << "," << w.y0 << " under the stamp " << box.x0 << "," << box.y0 << "–"
                  << box.x1 << "," << box.y1);
        CHECK_FALSE(box.overlaps(w));
    }
}

Error stamp_error(const pdfwrite::StampSpec& spec) {
    try {
        pdfwrite::stamp(spec);
    } catch (const Error& e) {
        return e;
    }
    FAIL("stamp() did not fail");
    return Error(ErrorCode::internal, "not reached");
}

// The text with every run of spaces and line breaks made one space.
std::string squeezed(const std::string& text) {
    std::string out;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\f' || c == '\r' || c == '\t';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    return out;
}

std::string words_text(const std::vector<Word>& words) {
    std::string out;
    for (const Word& w : words) out += (out.empty() ? "" : " ") + w.text;
    return out;
}

}  // namespace

TEST_CASE("a stamped letter: the stamp on page 1 / the text all there / nothing covered / the input untouched",
          "[pdfwrite][stamp]") {
    use_built_pdf_program();
    set_language(Language::fr);
    TempDir tmp;
    for (const char* sample : {"samples/Lettre du Gouverneur rappel rapports 2022.pdf", "samples/PCDC 2020-2024 extrait.pdf",
                               "samples/scans/mandat-2022-041-avec-facture.pdf"}) {
        DYNAMIC_SECTION(sample) {
            const std::string input = source(sample);
            const std::string sha = sha256_file(input);
            const std::string out = tmp / "tamponne.pdf";
            pdfwrite::stamp(spec_for(input, out));
            CHECK(sha256_file(input) == sha);

            const std::vector<std::string> before = page_texts(input), after = page_texts(out);
            REQUIRE(after.size() == before.size());
            CHECK(page_count(out) == page_count(input));
            for (const char* line : {"Commune de Bururi", "Enregistré sous le n° BRR/2026-000042", "le 28/11/2026",
                                     "Classement : 1.3.2 Correspondance avec le gouverneur de province"})
                CHECK(after[0].find(line) != std::string::npos);
            // The stamp is above the text: poppler reads it first, then the page as it was
            // (the columns of the physical layout aside).
            CHECK(squeezed(after[0]).find(squeezed(before[0])) != std::string::npos);
            for (std::size_t k = 1; k < before.size(); ++k) CHECK(after[k] == before[k]);

            const std::vector<Word> words = page_words(input, 0);
            const std::vector<Word> stamp = added_words(words, page_words(out, 0));
            CHECK(words_text(stamp) == "Commune de Bururi Enregistré sous le n° BRR/2026-000042 le 28/11/2026 Classement : "
                                       "1.3.2 Correspondance avec le gouverneur de province");
            check_nothing_covered(words, stamp);
            // Small, in the top-right corner.
            const auto [width, height] = page_size(out, 0);
            const Word box = around(stamp);
            CHECK(box.x1 <= width - 14);
            CHECK(box.x0 > width / 2);
            CHECK(box.y0 >= 6);
            CHECK(box.y1 < 60);
            for (const Word& w : stamp) CHECK(w.y1 - w.y0 < 9);
            CHECK(page_size(out, 0) == page_size(input, 0));  // the margin was enough
        }
    }
}

TEST_CASE("a stamp in English", "[pdfwrite][stamp]") {
    use_built_pdf_program();
    TempDir tmp;
    pdfwrite::StampSpec spec = spec_for(source("samples/Lettre Gouverneur 2019.pdf"), tmp / "stamped.pdf");
    spec.language = "en";
    spec.code.clear();
    spec.code_title.clear();
    pdfwrite::stamp(spec);
    const std::string page = page_texts(spec.output_pdf)[0];
    for (const char* line : {"Registered as no. BRR/2026-000042", "on 2026-11-28", "Filed under: to be classified"})
        CHECK(page.find(line) != std::string::npos);
}

TEST_CASE("on a turned page (/Rotate) the stamp reads upright in the visual top-right corner", "[pdfwrite][stamp]") {
    use_built_pdf_program();
    TempDir tmp;
    for (int rotation : {0, 90, 180, 270}) {
        DYNAMIC_SECTION("/Rotate " << rotation) {
            const std::string input = tmp.write(
                "tourne.pdf", tiny_pdf("BT /F1 12 Tf 72 700 Td (Texte en haut) Tj ET BT /F1 12 Tf 72 100 Td (Texte en bas) Tj ET",
                                       "/MediaBox [0 0 595 842] /Rotate " + std::to_string(rotation)));
            const std::string out = tmp / "tourne-tamponne.pdf";
            pdfwrite::stamp(spec_for(input, out));
            const auto [width, height] = page_size(out, 0);
            CHECK(width == (rotation % 180 == 0 ? 595 : 842));
            const std::vector<Word> words = page_words(input, 0);
            const std::vector<Word> stamp = added_words(words, page_words(out, 0));
            REQUIRE(stamp.size() > 5);
            for (const Word& w : stamp) {
                INFO(w.text);
                CHECK(w.rotation == 0);
                CHECK(w.x1 <= width - 14);
                CHECK(w.x0 > width / 2);
                CHECK(w.y1 < 60);
            }
            check_nothing_covered(words, stamp);
        }
    }
}

TEST_CASE("a page that leaves its drawing scaled: the stamp keeps its size and place", "[pdfwrite][stamp]") {
    use_built_pdf_program();
    TempDir tmp;
    // Twice the size, without q … Q: what follows on the page would be scaled too.
    const std::string input =
        tmp.write("agrandi.pdf", tiny_pdf("2 0 0 2 0 0 cm BT /F1 12 Tf 20 100 Td (Texte agrandi) Tj ET", "/MediaBox [0 0 595 842]"));
    const std::string out = tmp / "agrandi-tamponne.pdf";
    pdfwrite::stamp(spec_for(input, out));
    const std::vector<Word> stamp = added_words(page_words(input, 0), page_words(out, 0));
    REQUIRE_FALSE(stamp.empty());
    const Word box = around(stamp);
    CHECK(box.x1 <= 595 - 14);
    CHECK(box.y0 >= 6);
    for (const Word& w : stamp) CHECK(w.y1 - w.y0 < 9);
    CHECK(page_texts(out)[0].find("Texte agrandi") != std::string::npos);
}

TEST_CASE("text up to the top edge: the page grows at its top rather than anything covered", "[pdfwrite][stamp]") {
    use_built_pdf_program();
    TempDir tmp;
    const std::string input =
        tmp.write("plein.pdf", tiny_pdf("BT /F1 10 Tf 20 830 Td (Une ligne tout en haut de la page, sur toute sa largeur, "
                                        "sans marge ni en haut ni a droite, jusqu'au bord) Tj ET",
                                        "/MediaBox [0 0 595 842]"));
    const std::string out = tmp / "plein-tamponne.pdf";
    pdfwrite::stamp(spec_for(input, out));
    const auto [width, height] = page_size(out, 0);
    CHECK(width == 595);
    CHECK(height > 842);
    CHECK(height < 842 + 80);
    // What was there stays as far from the page's bottom: lower by the growth, seen from the top.
    std::vector<Word> words = page_words(input, 0);
    for (Word& w : words) {
        w.y0 += height - 842;
        w.y1 += height - 842;
    }
    const std::vector<Word> stamp = added_words(words, page_words(out, 0));
    CHECK(words_text(stamp) == "Commune de Bururi Enregistré sous le n° BRR/2026-000042 le 28/11/2026 Classement : "
                               "1.3.2 Correspondance avec le gouverneur de province");
    check_nothing_covered(words, stamp);
}

TEST_CASE("an annotation in the top-right corner (a form field filled in) is not covered either", "[pdfwrite][stamp]") {
    use_built_pdf_program();
    TempDir tmp;
    const std::string input = tmp.write(
        "formulaire.pdf", tiny_pdf("BT /F1 12 Tf 72 700 Td (Formulaire) Tj ET",
                                   "/MediaBox [0 0 595 842] /Annots [<< /Type /Annot /Subtype /Square /Rect [380 790 580 836] >>]"));
    const std::string out = tmp / "formulaire-tamponne.pdf";
    pdfwrite::stamp(spec_for(input, out));
    const auto [width, height] = page_size(out, 0);
    REQUIRE(height > 842);
    std::vector<Word> words = page_words(input, 0);
    for (Word& w : words) {
        w.y0 += height - 842;
        w.y1 += height - 842;
    }
    const std::vector<Word> stamp = added_words(words, page_words(out, 0));
    REQUIRE(stamp.size() > 5);
    // The annotation's top, seen from the page's (new) top edge.
    const double annotation_top = height - 836;
    for (const Word& w : stamp) CHECK(w.y1 < annotation_top);
}

TEST_CASE("an encrypted PDF / a broken PDF / the input as output: refused, naming the file", "[pdfwrite][stamp][errors]") {
    use_built_pdf_program();
    set_language(Language::fr);
    TempDir tmp;
    const std::string out = tmp / "copie.pdf";

    const std::string encrypted = corpus("bad-pdf/qpdf__encrypted-40-bit-R3.pdf");
    Error e = stamp_error(spec_for(encrypted, out));
    CHECK(e.code() == ErrorCode::unsupported);
    CHECK_THAT(e.what(), Catch::Contains("« " + encrypted + " » est un PDF chiffré"));
    CHECK_FALSE(exists(out));

    const std::string broken = corpus("bad-pdf/qpdf__bad1.pdf");
    e = stamp_error(spec_for(broken, out));
    CHECK(e.code() == ErrorCode::corrupt);
    CHECK_THAT(e.what(), Catch::Contains("« " + broken + " » n'est pas un PDF lisible"));
    CHECK_FALSE(exists(out));

    const std::string input = tmp.write("lettre.pdf", read_file(source("samples/Lettre Gouverneur 2019.pdf")));
    const std::string sha = sha256_file(input);
    e = stamp_error(spec_for(input, input));
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK_THAT(e.what(), Catch::Contains("ne peut pas remplacer le document lui-même"));
    std::filesystem::create_hard_link(input, tmp / "lien.pdf");
    CHECK(stamp_error(spec_for(input, tmp / "lien.pdf")).code() == ErrorCode::invalid_input);
    CHECK(sha256_file(input) == sha);

    set_language(Language::en);
    e = stamp_error(spec_for(encrypted, out));
    CHECK_THAT(e.what(), Catch::Contains("is an encrypted PDF"));
    set_language(Language::fr);
}

TEST_CASE("place_stamp: under the top edge / above the text under it / the page grown when the margin is too narrow",
          "[pdfwrite][stamp]") {
    using pdfwrite::detail::place_stamp;
    using pdfwrite::detail::Rect;
    // An empty page: 14 pt from the right, 12 pt from the top.
    auto p = place_stamp(595, 842, {}, 200, 44);
    CHECK(p.x == Approx(595 - 14 - 200));
    CHECK(p.y == Approx(842 - 12 - 44));
    CHECK(p.grow == 0);
    // Text on the left only does not count; text under the stamp's columns does.
    p = place_stamp(595, 842, {Rect{20, 780, 300, 830}}, 200, 44);
    CHECK(p.y == Approx(842 - 12 - 44));
    p = place_stamp(595, 842, {Rect{450, 770, 560, 783}}, 200, 44);  // 59 pt from the top: room
    CHECK(p.y == Approx(842 - 12 - 44));
    CHECK(p.grow == 0);
    p = place_stamp(595, 842, {Rect{450, 770, 560, 785}}, 200, 44);  // 57 pt: nearer the top edge
    CHECK(p.y == Approx(785 + 3));
    CHECK(p.grow == 0);
    CHECK(p.y + 44 <= 842 - 6);
    p = place_stamp(595, 842, {Rect{450, 780, 560, 820}}, 200, 44);  // 22 pt: no room
    CHECK(p.grow == Approx(37));
    CHECK(p.y == Approx(823));
    // Text off the page does not count.
    p = place_stamp(595, 842, {Rect{450, 900, 560, 920}}, 200, 44);
    CHECK(p.grow == 0);
}
