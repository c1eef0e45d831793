// OCR of the real scans of the shared corpus (../shared/corpus/scans): each one gives text
// or a clear error, a PageInfo and a searchable PDF page per page; the OCR17 lines are
// scored against their ground truth and the Xapian images against the terms omega
// expects. The scores are printed (WARN) for the record.
#include <poppler-document.h>
#include <poppler-page.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

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

struct Scan {
    std::string file;
    int pages = 0;
    std::string ground_truth;                 // file under scans/, if any
    std::vector<std::string> expected_terms;  // omega's stemmed terms, without the Z
};

std::vector<std::string> split(const std::string& line, char separator) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, separator)) fields.push_back(field);
    if (!line.empty() && line.back() == separator) fields.emplace_back();
    return fields;
}

// scans/MANIFEST.tsv: file, sha256, bytes, origin, origin_path, licence, kind, pages,
// pdf_fonts, ground_truth_file, ground_truth_origin, expected_terms, notes.
std::vector<Scan> corpus_scans() {
    std::ifstream manifest(corpus("scans/MANIFEST.tsv"));
    REQUIRE(manifest);
    std::string line;
    std::getline(manifest, line);
    std::vector<Scan> scans;
    while (std::getline(manifest, line)) {
        const std::vector<std::string> f = split(line, '\t');
        REQUIRE(f.size() >= 12);
        Scan scan;
        scan.file = f[0];
        scan.pages = std::stoi(f[7]);
        scan.ground_truth = f[9];
        for (const std::string& term : split(f[11], ' '))
            if (term.size() > 1 && term[0] == 'Z') scan.expected_terms.push_back(term.substr(1));
        scans.push_back(scan);
    }
    return scans;
}

Options ocr_options(const std::string& searchable_pdf) {
    Options options;
    options.ocr_languages = {"fra", "eng"};
    options.searchable_pdf = searchable_pdf;
    return options;
}

std::string all_text(const Result& r) {
    std::string text;
    for (const std::string& page : r.pages) text += page + "\n";
    return text;
}

bool starts_word(const std::string& folded, const std::string& prefix) {
    for (std::size_t at = folded.find(prefix); at != std::string::npos;
         at = folded.find(prefix, at + 1)) {
        const char before = folded[at - 1];
        if (!((before >= 'a' && before <= 'z') || (before >= '0' && before <= '9'))) return true;
    }
    return false;
}

// Whether some word of the text has this English (Porter) stem, as omega's terms are:
// "properti" for property, "ride" for riding.
bool has_stem(const std::string& text, const std::string& stem) {
    const std::string folded = " " + fold(text);
    if (starts_word(folded, stem)) return true;
    const std::string root = stem.substr(0, stem.size() - 1);
    if (stem.ends_with('i')) return starts_word(folded, root + "y");
    if (stem.ends_with('e')) return starts_word(folded, root);
    return false;
}

int poppler_pages(const std::string& path) {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
    return doc ? doc->pages() : -1;
}

}  // namespace

TEST_CASE("every corpus scan is read page by page, with a searchable PDF of as many pages") {
    TempDir tmp;
    const std::vector<Scan> scans = corpus_scans();
    REQUIRE(scans.size() == 12);
    WorkerPool pool({UBUBIKO_EXTRACT_BIN}, 2);
    std::vector<std::future<Result>> futures;
    for (const Scan& scan : scans)
        futures.push_back(
            pool.submit(corpus("scans/" + scan.file), ocr_options(tmp / (scan.file + ".pdf"))));
    std::optional<Result> cyrillic;
    for (std::size_t i = 0; i < scans.size(); ++i) {
        const Scan& scan = scans[i];
        INFO(scan.file);
        const Result r = futures[i].get();
        if (scan.file.find("cyrillic") != std::string::npos) cyrillic = r;
        REQUIRE(static_cast<int>(r.pages.size()) == scan.pages);
        REQUIRE(r.page_info.size() == r.pages.size());
        int words = 0;
        double confidence = 0;
        for (const PageInfo& page : r.page_info) {
            CHECK(page.ocr);
            words += page.words;
            confidence += page.confidence;
        }
        WARN(scan.file << ": " << words << " words, mean confidence "
                       << confidence / static_cast<double>(r.page_info.size()) << ", rotations "
                       << r.page_info[0].rotation << ", skew " << r.page_info[0].skew);
        CHECK(r.method == "ocr");
        CHECK_FALSE(r.needs_ocr);
        REQUIRE(r.searchable_pdf_written);
        CHECK(poppler_pages(tmp / (scan.file + ".pdf")) == scan.pages);
        // Real scans of text come out upright and with words.
        if (scan.file.starts_with("maarch__l") || scan.file.starts_with("paperless") ||
            scan.file.starts_with("ocr17") || scan.file.starts_with("xapian__scan")) {
            for (const PageInfo& page : r.page_info) {
                CHECK(page.rotation == 0);
                CHECK(page.words > 0);
                CHECK(page.confidence >= 75);
            }
        }
        for (const std::string& stem : scan.expected_terms) {
            INFO(all_text(r));
            CHECK(has_stem(all_text(r), stem));
        }
    }
    // The out-of-language form (Russian) is read upright, with a low confidence.
    REQUIRE(cyrillic);
    CHECK(cyrillic->page_info.at(0).rotation == 0);
    CHECK(cyrillic->page_info.at(0).confidence < 75);
}

TEST_CASE("OCR17 lines: word accuracy against the ground truth") {
    const std::map<std::string, double> floors = {{"ocr17__xix-000108.png", 0.9},
                                                  {"ocr17__xix-000316.png", 0.9},
                                                  {"ocr17__xix-000202.png", 0.75}};
    for (const auto& [file, floor] : floors) {
        INFO(file);
        const std::string truth = read_file(corpus("scans/ground-truth/" + file + ".gt.txt"));
        const Result r = extract_in_process(corpus("scans/" + file), ocr_options(""));
        REQUIRE(r.pages.size() == 1);
        const double accuracy = word_recall(truth, r.pages[0]);
        WARN(file << ": word accuracy " << accuracy << " (" << r.pages[0] << ")");
        CHECK(accuracy >= floor);
    }
}
