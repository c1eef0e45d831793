// OCR of images and PDFs, on scans made at run time from a known French text (see
// ocr_fixture.hpp). This test program runs with OMP_THREAD_LIMIT=1, as workers do.
#include <leptonica/allheaders.h>
#include <poppler-document.h>
#include <poppler-page.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"
#include "extract/extract.hpp"
#include "ocr_fixture.hpp"
#include "support/temp_dir.hpp"

using namespace ububiko;
using namespace ububiko::extract;
using namespace ububiko::test;

namespace {

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) text += line + "\n";
    return text;
}

const std::string& council_text() {
    static const std::string text = joined(council_lines());
    return text;
}

// The council page as a 200 dpi grey scan, made once.
Pix* council_scan() {
    static const PixPtr scan = render_page(french_pdf({{council_lines(), false}}), 0, 200);
    return scan.get();
}

Options ocr_options(const std::string& searchable_pdf = {}) {
    Options options;
    options.ocr_languages = {"fra", "eng"};
    options.searchable_pdf = searchable_pdf;
    return options;
}

// The text layer of each page of a PDF file, as poppler reads it.
std::vector<std::string> pdf_text_layer(const std::string& path) {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
    REQUIRE(doc);
    std::vector<std::string> pages;
    for (int i = 0; i < doc->pages(); ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        const poppler::byte_array bytes = page->text().to_utf8();
        pages.emplace_back(bytes.begin(), bytes.end());
    }
    return pages;
}

}  // namespace

TEST_CASE("OCR reads a French scan saved as PNG, JPEG or TIFF") {
    TempDir tmp;
    PixPtr noisy = soiled(council_scan(), 0, 0, 6);
    const std::vector<std::pair<std::string, int>> formats = {
        {"scan.png", IFF_PNG}, {"scan.jpg", IFF_JFIF_JPEG}, {"scan.tif", IFF_TIFF_ZIP}};
    for (const auto& [name, format] : formats) {
        INFO(name);
        const std::string path = tmp.write(name, encoded(noisy.get(), format));
        const Result r = extract_in_process(path, ocr_options());
        REQUIRE(r.pages.size() == 1);
        REQUIRE(r.page_info.size() == 1);
        INFO(r.pages[0]);
        CHECK(word_recall(council_text(), r.pages[0]) >= 0.9);
        const PageInfo& page = r.page_info[0];
        CHECK(page.number == 1);
        CHECK(page.ocr);
        CHECK_FALSE(page.blank);
        CHECK(page.rotation == 0);
        CHECK(page.words >= 40);
        CHECK(page.confidence >= 70);
        CHECK(page.confidence <= 100);
        CHECK(r.method == "ocr");
        CHECK(r.ocr_engine == "tesseract 5.3.0 fra+eng");
        CHECK_FALSE(r.needs_ocr);
        CHECK(r.pages_without_text.empty());
        CHECK_FALSE(r.searchable_pdf_written);
    }
}

TEST_CASE("a page scanned sideways or upside down is read upright") {
    TempDir tmp;
    // Turned clockwise by 90°, 180°, 270°: turning it back takes 270°, 180°, 90°.
    for (int quarter = 1; quarter <= 3; ++quarter) {
        INFO("scan turned by " << quarter * 90 << "°");
        PixPtr turned = soiled(council_scan(), quarter, 0, 4);
        const std::string path = tmp.write("turned.png", encoded(turned.get(), IFF_PNG));
        const Result r = extract_in_process(path, ocr_options());
        REQUIRE(r.page_info.size() == 1);
        INFO(r.pages[0]);
        CHECK(r.page_info[0].rotation == (4 - quarter) * 90);
        CHECK(word_recall(council_text(), r.pages[0]) >= 0.9);
    }
}

TEST_CASE("a skewed page is straightened before OCR, lines in order") {
    TempDir tmp;
    for (double degrees : {2.0, -3.0}) {
        INFO("skewed by " << degrees << "°");
        PixPtr skewed = soiled(council_scan(), 0, degrees, 5);
        const std::string path = tmp.write("skewed.png", encoded(skewed.get(), IFF_PNG));
        const Result r = extract_in_process(path, ocr_options());
        REQUIRE(r.page_info.size() == 1);
        INFO(r.pages[0]);
        // Straightening turns it back: the opposite angle.
        CHECK(r.page_info[0].skew == Approx(-degrees).margin(0.3));
        CHECK(word_recall(council_text(), r.pages[0]) >= 0.9);
        // Lines come out whole, in order (a skewed page read as is mixes them).
        CHECK(fold(r.pages[0]).find("de l exercice et les depenses engagees") != std::string::npos);
    }
}

TEST_CASE("a blank page is recognised as blank, shadows and punch holes notwithstanding") {
    TempDir tmp;
    const int width = pixGetWidth(council_scan());
    const int height = pixGetHeight(council_scan());
    PixPtr white(pixCreate(width, height, 8));
    pixSetAllArbitrary(white.get(), 235);
    pixSetResolution(white.get(), 200, 200);
    PixPtr grainy = soiled(white.get(), 0, 0, 5);
    // The same sheet with a scanner's shadow along its edge and two punch holes.
    PixPtr marked(pixCopy(nullptr, grainy.get()));
    Box* shadow = boxCreate(0, 0, 14, height);
    pixSetInRectArbitrary(marked.get(), shadow, 70);
    boxDestroy(&shadow);
    for (int y : {height / 3, 2 * height / 3}) {
        Box* hole = boxCreate(70, y, 40, 40);
        pixSetInRectArbitrary(marked.get(), hole, 40);
        boxDestroy(&hole);
    }
    for (Pix* sheet : {grainy.get(), marked.get()}) {
        const std::string path = tmp.write("blanche.jpg", encoded(sheet, IFF_JFIF_JPEG));
        const Result r = extract_in_process(path, ocr_options());
        REQUIRE(r.page_info.size() == 1);
        CHECK(r.page_info[0].blank);
        CHECK(r.page_info[0].ocr);
        CHECK(r.page_info[0].words == 0);
        CHECK(r.pages[0].empty());
        CHECK(r.pages_without_text == std::vector<int>{1});
        CHECK_FALSE(r.needs_ocr);  // OCR was done: there is nothing to read
    }
}

TEST_CASE("a page with a single short line is not blank") {
    TempDir tmp;
    PixPtr sparse = render_page(french_pdf({{{"Annexe 3"}, false}}), 0, 200);
    const std::string path = tmp.write("annexe.png", encoded(sparse.get(), IFF_PNG));
    const Result r = extract_in_process(path, ocr_options());
    REQUIRE(r.page_info.size() == 1);
    CHECK_FALSE(r.page_info[0].blank);
    CHECK(r.page_info[0].words == 2);
    CHECK(r.pages[0] == "Annexe 3");
}

TEST_CASE("a multi-page TIFF gives one page of text and one PageInfo per page, with progress") {
    TempDir tmp;
    PixPtr budget = render_page(french_pdf({{budget_lines(), false}}), 0, 200);
    PixPtr upside_down = soiled(budget.get(), 2, 0, 0);
    PixPtr blank(pixCreate(800, 1100, 1));  // a bilevel blank page
    pixSetResolution(blank.get(), 200, 200);
    const std::string path = tmp / "liasse.tif";
    write_multipage_tiff(path, {council_scan(), blank.get(), upside_down.get()});

    std::vector<std::pair<int, int>> calls;
    const Result r = extract_in_process(
        path, ocr_options(), [&](int done, int total) { calls.emplace_back(done, total); });
    CHECK(calls == std::vector<std::pair<int, int>>{{1, 3}, {2, 3}, {3, 3}});
    REQUIRE(r.pages.size() == 3);
    REQUIRE(r.page_info.size() == 3);
    for (int i = 0; i < 3; ++i) CHECK(r.page_info[static_cast<std::size_t>(i)].number == i + 1);
    CHECK(word_recall(council_text(), r.pages[0]) >= 0.9);
    CHECK(r.page_info[1].blank);
    CHECK(r.page_info[2].rotation == 180);
    CHECK(word_recall(joined(budget_lines()), r.pages[2]) >= 0.9);
}

TEST_CASE(
    "a mixed PDF: only the page without text is read by OCR, and the searchable PDF keeps both") {
    TempDir tmp;
    const std::string original =
        tmp.write("mixte.pdf", french_pdf({{budget_lines(), false}, {council_lines(), true}}));
    const std::string before = read_file(original);
    const std::string searchable = tmp / "indexable.pdf";
    int progress_calls = 0;
    const Result r = extract_in_process(original, ocr_options(searchable), [&](int, int total) {
        ++progress_calls;
        CHECK(total == 2);
    });
    CHECK(progress_calls == 2);
    REQUIRE(r.page_info.size() == 2);
    CHECK_FALSE(r.page_info[0].ocr);
    CHECK(r.page_info[0].confidence == -1);
    CHECK(r.page_info[0].words >= 30);
    CHECK(r.page_info[1].ocr);
    CHECK(r.method == "pdf-text+ocr");
    CHECK(word_recall(joined(budget_lines()), r.pages[0]) == 1.0);
    CHECK(word_recall(council_text(), r.pages[1]) >= 0.9);
    CHECK_FALSE(r.needs_ocr);

    CHECK(read_file(original) == before);  // never modified
    REQUIRE(r.searchable_pdf_written);
    const std::vector<std::string> layer = pdf_text_layer(searchable);
    REQUIRE(layer.size() == 2);
    CHECK(word_recall(joined(budget_lines()), layer[0]) == 1.0);
    CHECK(word_recall(council_text(), layer[1]) >= 0.9);
    CHECK_FALSE(exists(searchable + ".ocr-part.pdf"));
    CHECK_FALSE(exists(searchable + ".merge-part"));
}

TEST_CASE("an image-only PDF and a TIFF give searchable PDFs with a text layer, page for page") {
    TempDir tmp;
    const std::string scanned =
        tmp.write("scan.pdf", french_pdf({{council_lines(), true}, {budget_lines(), true}}));
    const Result r = extract_in_process(scanned, ocr_options(tmp / "scan-indexable.pdf"));
    CHECK(r.method == "ocr");
    REQUIRE(r.searchable_pdf_written);
    std::vector<std::string> layer = pdf_text_layer(tmp / "scan-indexable.pdf");
    REQUIRE(layer.size() == 2);
    CHECK(word_recall(council_text(), layer[0]) >= 0.9);
    CHECK(word_recall(joined(budget_lines()), layer[1]) >= 0.9);

    // A bilevel page is stored as such (CCITT G4), not as a large grey image.
    PixPtr bilevel(pixThresholdToBinary(council_scan(), 160));
    const std::string tiff = tmp / "fax.tif";
    write_multipage_tiff(tiff, {bilevel.get(), council_scan()});
    const Result t = extract_in_process(tiff, ocr_options(tmp / "fax-indexable.pdf"));
    REQUIRE(t.searchable_pdf_written);
    layer = pdf_text_layer(tmp / "fax-indexable.pdf");
    REQUIRE(layer.size() == 2);
    CHECK(word_recall(council_text(), layer[0]) >= 0.9);
    CHECK(word_recall(council_text(), layer[1]) >= 0.9);
    CHECK(read_file(tmp / "fax-indexable.pdf").size() < 200 * 1024);
}

TEST_CASE("OCR errors name the file: a damaged image, a language that is not installed") {
    TempDir tmp;
    std::string png = encoded(council_scan(), IFF_PNG);
    png.resize(200);
    png += std::string(500, 'x');
    const std::string damaged = tmp.write("abime.png", png);
    try {
        extract_in_process(damaged, ocr_options());
        FAIL("a damaged image was read");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK_THAT(e.message(), Catch::StartsWith("« " + damaged + " » : "));
        CHECK_THAT(e.message(), Catch::Contains("image endommagée ou illisible"));
    }

    const std::string good = tmp.write("bonne.png", encoded(council_scan(), IFF_PNG));
    Options klingon;
    klingon.ocr_languages = {"fra", "tlh"};
    try {
        extract_in_process(good, klingon);
        FAIL("OCR ran in a language that is not installed");
    } catch (const Error& e) {
        CHECK(e.code() == ErrorCode::unsupported);
        CHECK_THAT(e.message(), Catch::StartsWith("« " + good + " » : "));
        CHECK_THAT(e.message(), Catch::Contains("tlh.traineddata"));
    }
    // The engine is still usable for the languages that are.
    CHECK(extract_in_process(good, ocr_options()).page_info.size() == 1);
}

TEST_CASE("without OCR languages, images and image-only PDFs are only reported") {
    TempDir tmp;
    const std::string png = tmp.write("scan.png", encoded(council_scan(), IFF_PNG));
    int calls = 0;
    const Result r = extract_in_process(png, {}, [&](int, int) { ++calls; });
    CHECK(calls == 1);
    CHECK(r.needs_ocr);
    CHECK(r.pages == std::vector<std::string>{""});
    CHECK(r.page_info.empty());
    CHECK(r.ocr_engine.empty());
    const std::string pdf = tmp.write("scan.pdf", french_pdf({{council_lines(), true}}));
    const Result p = extract_in_process(pdf);
    CHECK(p.needs_ocr);
    CHECK(p.pages_without_text == std::vector<int>{1});
    CHECK(p.page_info.empty());
    CHECK(p.method == "pdf-text");
}
