// ocr_scans: the scan set of tools/bench/ocr, and the word recall of OCR texts.
//
//   ocr_scans SAMPLES OUT < SPEC.tsv      writes the scans a spec describes
//   ocr_scans --recall < PAIRS.tsv        word recall of OCR texts against known texts
//
// It links the page renderer, the degradations and the writers of tools/gen-scans (source.cpp,
// degrade.cpp, output.cpp, accuracy.cpp; compiled in, not changed) with this file instead of
// gen-scans' own stack and main: the stack here is a spec that lib/ocr_scans.py draws from
// a seed, one page per line, tab-separated:
//
//   doc kind source page seed dpi blur skew paper ink noise grain salt_pepper lighting
//   threshold specks levels rotate quality
//
// kind is png, tiff, jpeg or pdf; consecutive lines with the same doc are the pages of one
// document (tiff: a multi-page TIFF, CCITT G4; pdf: an image-only PDF, a CCITT G4 page when
// the page is bilevel, else a JPEG page); png and jpeg documents have one page. seed seeds
// the noise of the document (its first line counts). It writes
//   OUT/scans/<doc>                the scan
//   OUT/pages/<doc stem>-p<n>.<ext> for a document of several pages, or a PDF, each page
//                                  alone: the same pixels (a TIFF page as a G4 TIFF, a PDF's
//                                  JPEG page as the same JPEG bytes) for the tesseract
//                                  command line, which reads one image per run
//   OUT/truth/<doc>.txt            poppler's text of the source pages, pages separated by \f
// and prints, one line per page: doc, page number, page image (relative to OUT), width,
// height.
//
// --recall reads lines "TRUTH_FILE<tab>OCR_FILE" and prints for each "known found read":
// gen-scans' word accuracy (case, accents, ligatures and punctuation folded; the share of
// the known words, with repetitions, that the OCR text holds). A missing OCR file reads as
// empty.
#include "scan.hpp"

#include <leptonica/allheaders.h>
#include <podofo/podofo.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace {

struct Line {
    std::string doc, kind, source;
    int page = 1;
    std::uint64_t seed = 0;
    scans::Degradation d;
};

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> out;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, '\t')) out.push_back(field);
    return out;
}

Line parse(const std::string& text) {
    const auto f = split_tabs(text);
    if (f.size() != 19) throw std::runtime_error("spec line with " + std::to_string(f.size()) + " fields: " + text);
    Line l;
    l.doc = f[0];
    l.kind = f[1];
    l.source = f[2];
    l.page = std::stoi(f[3]);
    l.seed = std::stoull(f[4]);
    scans::Degradation& d = l.d;
    d.dpi = std::stoi(f[5]);
    d.blur = std::stod(f[6]);
    d.skew = std::stod(f[7]);
    d.paper = std::stoi(f[8]);
    d.ink = std::stoi(f[9]);
    d.noise = std::stod(f[10]);
    d.grain = std::stod(f[11]);
    d.salt_pepper = std::stod(f[12]);
    d.lighting = std::stod(f[13]);
    d.threshold = std::stoi(f[14]);
    d.specks = std::stoi(f[15]);
    d.levels = std::stoi(f[16]);
    d.rotate = std::stoi(f[17]);
    d.quality = std::stoi(f[18]);
    return l;
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write '" + path.string() + "'");
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

void make_document(const std::vector<Line>& lines, const fs::path& samples, const fs::path& out) {
    const Line& first = lines.front();
    scans::Rng rng(first.seed);
    std::vector<Pix*> pages;
    std::string truth;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& l = lines[i];
        const std::string pdf = (samples / l.source).string();
        Pix* clean = scans::render_page(pdf, l.page, l.d.dpi);
        pages.push_back(scans::scan_page(clean, l.d, rng));
        pixDestroy(&clean);
        if (i > 0) truth += '\f';
        truth += scans::page_text(pdf, l.page);
    }
    const fs::path target = out / "scans" / first.doc;
    const std::string stem = fs::path(first.doc).stem().string();
    std::vector<std::string> page_files;
    if (first.kind == "png" || first.kind == "jpeg") {
        if (pages.size() != 1) throw std::runtime_error(first.doc + ": one page only");
        scans::write_image(target.string(), first.kind == "png" ? scans::Format::png : scans::Format::jpeg, pages,
                           first.d);
        page_files.push_back("scans/" + first.doc);
    } else if (first.kind == "tiff") {
        scans::write_image(target.string(), scans::Format::tiff_g4, pages, first.d);
        if (pages.size() == 1) {
            page_files.push_back("scans/" + first.doc);
        } else {
            for (std::size_t i = 0; i < pages.size(); ++i) {
                const std::string rel = "pages/" + stem + "-p" + std::to_string(i + 1) + ".tif";
                scans::write_image((out / rel).string(), scans::Format::tiff_g4, {pages[i]}, lines[i].d);
                page_files.push_back(rel);
            }
        }
    } else if (first.kind == "pdf") {
        std::vector<scans::ImagePage> pdf_pages;
        for (std::size_t i = 0; i < pages.size(); ++i) {
            const scans::Degradation& d = lines[i].d;
            const bool g4 = d.threshold > 0;
            pdf_pages.push_back({pages[i], d.dpi, g4 ? 0 : d.quality});
            // The same image alone: G4 data in a TIFF, or the very JPEG bytes the PDF holds
            // (Leptonica encodes the same pixels at the same quality the same way).
            const std::string rel = "pages/" + stem + "-p" + std::to_string(i + 1) + (g4 ? ".tif" : ".jpg");
            if (g4) {
                scans::write_image((out / rel).string(), scans::Format::tiff_g4, {pages[i]}, d);
            } else {
                scans::write_image((out / rel).string(), scans::Format::jpeg, {pages[i]}, d);
            }
            page_files.push_back(rel);
        }
        scans::write_image_pdf(target.string(), pdf_pages, "Scan " + stem, "2026-01-15 10:00");
    } else {
        throw std::runtime_error(first.doc + ": unknown kind '" + first.kind + "'");
    }
    write_text(out / "truth" / (first.doc + ".txt"), truth);
    for (std::size_t i = 0; i < pages.size(); ++i) {
        std::cout << first.doc << '\t' << i + 1 << '\t' << page_files[i] << '\t' << pixGetWidth(pages[i]) << '\t'
                  << pixGetHeight(pages[i]) << '\n';
        pixDestroy(&pages[i]);
    }
    std::cout.flush();
}

int generate(const fs::path& samples, const fs::path& out) {
    fs::create_directories(out / "scans");
    fs::create_directories(out / "pages");
    fs::create_directories(out / "truth");
    std::vector<Line> doc;
    std::string text;
    while (std::getline(std::cin, text)) {
        if (text.empty() || text[0] == '#') continue;
        Line l = parse(text);
        if (!doc.empty() && doc.front().doc != l.doc) {
            make_document(doc, samples, out);
            doc.clear();
        }
        doc.push_back(std::move(l));
    }
    if (!doc.empty()) make_document(doc, samples, out);
    return 0;
}

int recall() {
    std::string text;
    while (std::getline(std::cin, text)) {
        const auto f = split_tabs(text);
        if (f.size() != 2) throw std::runtime_error("--recall wants TRUTH<tab>OCR lines");
        const scans::Accuracy a = scans::word_accuracy(read_all(f[0]), read_all(f[1]));
        std::cout << a.known << ' ' << a.found << ' ' << a.read << '\n';
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        setMsgSeverity(L_SEVERITY_ERROR);
        PoDoFo::PdfError::EnableDebug(false);
        PoDoFo::PdfError::EnableLogging(false);
        if (argc == 2 && std::string(argv[1]) == "--recall") return recall();
        if (argc == 3) return generate(argv[1], argv[2]);
        std::cerr << "usage: ocr_scans SAMPLES OUT < SPEC.tsv\n       ocr_scans --recall < PAIRS.tsv\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "ocr_scans: " << e.what() << '\n';
        return 1;
    }
}
