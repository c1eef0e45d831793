// ububiko-gen-scans SAMPLES OUT
//
// Writes the simulated scans of the stack (scans.cpp) into OUT, made from the sample PDFs
// in SAMPLES, with OUT/truth/<file>.txt (the text of each page: one line per text line,
// pages separated by a form feed) and OUT/manifest.csv (what each scan is and its filing
// metadata, copied from SAMPLES/manifest.csv). Deterministic: no clock, seeded noise.
// tools/make-scans builds and runs it.
#include "scan.hpp"

#include <leptonica/allheaders.h>
#include <podofo/podofo.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <stdexcept>

namespace fs = std::filesystem;

namespace scans {
namespace {

struct Pixes {
    std::vector<Pix*> all;
    ~Pixes() {
        for (Pix*& p : all) pixDestroy(&p);
    }
    Pix* add(Pix* p) {
        all.push_back(p);
        return p;
    }
};

const char* kind_name(Format f) {
    switch (f) {
        case Format::tiff_g4:
            return "tiff";
        case Format::png:
            return "png";
        case Format::jpeg:
            return "jpeg";
        case Format::pnm:
            return "pnm";
        case Format::pdf_image:
            return "pdf-image";
        case Format::pdf_mixed:
            return "pdf-mixed";
    }
    return "?";
}

std::string page_list(const std::vector<PageSpec>& pages) {
    std::string s;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        // Runs of consecutive pages as "1-3".
        std::size_t j = i;
        while (j + 1 < pages.size() && pages[j + 1].page == pages[j].page + 1) ++j;
        if (!s.empty()) s += ',';
        s += std::to_string(pages[i].page);
        if (j > i) s += '-' + std::to_string(pages[j].page);
        i = j;
    }
    return "p" + s;
}

bool uses_jpeg(const ScanSpec& spec, const Degradation& d) {
    return spec.format == Format::jpeg || (spec.format == Format::pdf_image && d.threshold == 0);
}

std::string page_description(const ScanSpec& spec, const Degradation& d) {
    std::string s = describe(d, spec.look);
    if (uses_jpeg(spec, d)) s += ", JPEG quality " + std::to_string(d.quality);
    if (spec.format == Format::tiff_g4 ||
        (spec.format != Format::png && d.threshold > 0 && spec.format != Format::pnm)) {
        s += ", CCITT G4";
    }
    if (d.rotate != 0) s += ", turned " + std::to_string(d.rotate) + " deg clockwise";
    return s;
}

// "p2: " (built by appending: GCC 12 warns falsely about "p" + std::to_string()).
std::string page_label(std::size_t n) {
    std::string label = "p";
    label += std::to_string(n);
    label += ": ";
    return label;
}

std::string description(const ScanSpec& spec) {
    std::vector<std::string> parts;
    if (spec.format == Format::pdf_mixed) {
        parts.push_back("p1: born-digital page with its text layer");
        for (std::size_t i = 0; i < spec.annex_pages.size(); ++i) {
            parts.push_back(page_label(i + 2) + page_description(spec, spec.annex_pages[i].d));
        }
    } else {
        for (std::size_t i = 0; i < spec.pages.size(); ++i) {
            const std::string d = page_description(spec, spec.pages[i].d);
            if (spec.pages.size() == 1) {
                parts.push_back(d);
            } else {
                parts.push_back(page_label(i + 1) + d);
            }
        }
    }
    std::string s;
    for (const auto& p : parts) s += (s.empty() ? "" : "; ") + p;
    return s;
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write '" + path.string() + "'");
}

// Pages of a spec rendered and spoilt, in order.
std::vector<Pix*> make_pages(const fs::path& samples, const std::string& source,
                             const std::vector<PageSpec>& pages, Look look, Rng& rng, Pixes& keep) {
    std::vector<Pix*> out;
    for (const PageSpec& p : pages) {
        if (look == Look::blank) {
            out.push_back(keep.add(blank_page(p.d, rng)));
            continue;
        }
        Pix* clean = render_page((samples / source).string(), p.page, p.d.dpi);
        keep.add(clean);
        if (look == Look::phone) {
            out.push_back(keep.add(photograph_page(clean, p.d, rng)));
        } else {
            out.push_back(keep.add(scan_page(clean, p.d, rng)));
        }
    }
    return out;
}

std::string truth_of(const fs::path& samples, const std::string& source,
                     const std::vector<PageSpec>& pages) {
    std::string text;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        if (i > 0) text += '\f';
        text += page_text((samples / source).string(), pages[i].page);
    }
    return text;
}

// Words of a text, in order: what a check of a text layer compares.
std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::string w;
    for (const char c : text) {
        if (c == ' ' || c == '\n' || c == '\f' || c == '\t' || c == '\r') {
            if (!w.empty()) out.push_back(w);
            w.clear();
        } else {
            w += c;
        }
    }
    if (!w.empty()) out.push_back(w);
    return out;
}

void make_scan(const ScanSpec& spec, const fs::path& samples, const fs::path& out,
               const std::map<std::string, Row>& metadata, std::ostream& manifest) {
    Rng rng(spec.seed);
    Pixes keep;
    const fs::path target = out / spec.file;
    std::string truth;
    std::string source;
    int page_total = 0;
    Row meta;
    if (!spec.source.empty()) {
        const auto it = metadata.find(spec.source);
        if (it == metadata.end()) {
            throw std::runtime_error(spec.file + ": '" + spec.source +
                                     "' is not in the samples' manifest");
        }
        meta = it->second;
        meta["title"] = "Scan : " + meta["title"];
        source = spec.source + " " + page_list(spec.pages);
    }
    for (const auto& [key, value] : spec.metadata) meta[key] = value;

    const Degradation& first =
        spec.format == Format::pdf_mixed ? spec.annex_pages.at(0).d : spec.pages.at(0).d;
    switch (spec.format) {
        case Format::tiff_g4:
        case Format::png:
        case Format::jpeg:
        case Format::pnm: {
            const auto pages = make_pages(samples, spec.source, spec.pages, spec.look, rng, keep);
            write_image(target.string(), spec.format, pages, first);
            page_total = static_cast<int>(pages.size());
            if (spec.look != Look::blank) truth = truth_of(samples, spec.source, spec.pages);
            break;
        }
        case Format::pdf_image: {
            const auto pages = make_pages(samples, spec.source, spec.pages, spec.look, rng, keep);
            std::vector<ImagePage> pdf_pages;
            for (std::size_t i = 0; i < pages.size(); ++i) {
                const Degradation& d = spec.pages[i].d;
                pdf_pages.push_back({pages[i], d.dpi, d.threshold > 0 ? 0 : d.quality});
            }
            write_image_pdf(target.string(), pdf_pages, meta["title"], spec.scanned_on);
            page_total = static_cast<int>(pages.size());
            truth = truth_of(samples, spec.source, spec.pages);
            break;
        }
        case Format::pdf_mixed: {
            const auto pages =
                make_pages(samples, spec.annex_source, spec.annex_pages, spec.look, rng, keep);
            std::vector<ImagePage> pdf_pages;
            for (std::size_t i = 0; i < pages.size(); ++i) {
                const Degradation& d = spec.annex_pages[i].d;
                pdf_pages.push_back({pages[i], d.dpi, d.threshold > 0 ? 0 : d.quality});
            }
            if (spec.pages.size() != 1) throw std::runtime_error(spec.file + ": one text page");
            write_mixed_pdf(target.string(), (samples / spec.source).string(), spec.pages[0].page,
                            pdf_pages, meta["title"], spec.scanned_on);
            page_total = 1 + static_cast<int>(pages.size());
            truth = truth_of(samples, spec.source, spec.pages) + '\f' +
                    truth_of(samples, spec.annex_source, spec.annex_pages);
            source += " + " + spec.annex_source + " " + page_list(spec.annex_pages);
            // The text layer must read back as the truth of its page.
            if (words(page_text(target.string(), 1)) !=
                words(truth_of(samples, spec.source, spec.pages))) {
                throw std::runtime_error(spec.file + ": page 1 does not read back as its source");
            }
            break;
        }
    }
    if (spec.look != Look::blank && truth.empty()) {
        throw std::runtime_error(spec.file + ": the source page has no text");
    }
    write_text(out / "truth" / (spec.file + ".txt"), truth);

    const Degradation& d = first;
    const std::vector<std::string> fields = {
        spec.file,
        source,
        std::to_string(page_total),
        kind_name(spec.format),
        std::to_string(d.dpi),
        description(spec),
        std::to_string(d.rotate),
        spec.clean ? "yes" : "no",
        meta["code"],
        meta["date"],
        meta["type"],
        meta["direction"],
        meta["correspondent"],
        meta["title"],
        meta["reference"],
        meta["access"],
    };
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) manifest << ',';
        manifest << csv_field(fields[i]);
    }
    manifest << "\r\n";
}

int run(const fs::path& samples, const fs::path& out, const std::string& only) {
    std::map<std::string, Row> metadata;
    for (const Row& row : read_csv((samples / "manifest.csv").string())) {
        metadata[row.at("file")] = row;
    }
    fs::create_directories(out / "truth");
    std::ofstream manifest(out / "manifest.csv", std::ios::binary);
    manifest << "file,source,pages,kind,dpi,degradation,rotation,clean,code,date,type,direction,"
                "correspondent,title,reference,access\r\n";
    int made = 0;
    std::set<std::string> names;
    for (const ScanSpec& spec : stack()) {
        if (!names.insert(spec.file).second)
            throw std::runtime_error("two scans named " + spec.file);
        if (!only.empty() && spec.file != only) continue;
        make_scan(spec, samples, out, metadata, manifest);
        std::cerr << "  " << spec.file << '\n';
        ++made;
    }
    manifest.close();
    if (!manifest) throw std::runtime_error("cannot write the manifest");
    std::cerr << "gen-scans: " << made << " scans in " << out.string() << '\n';
    return 0;
}

// --fields MANIFEST a,b,c: the named columns of every row, tab-separated (for scripts).
int print_fields(const std::string& manifest, const std::string& names) {
    std::vector<std::string> columns;
    std::string name;
    for (const char c : names + ",") {
        if (c == ',') {
            columns.push_back(name);
            name.clear();
        } else {
            name += c;
        }
    }
    for (const Row& row : read_csv(manifest)) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const auto it = row.find(columns[i]);
            if (it == row.end()) throw std::runtime_error("no column '" + columns[i] + "'");
            std::cout << (i ? "\t" : "") << it->second;
        }
        std::cout << '\n';
    }
    return 0;
}

// --pages FILE: how many pages a scan has (TIFF directories, PDF pages, else 1).
int print_pages(const std::string& file) {
    const std::string ext = fs::path(file).extension().string();
    int n = 1;
    if (ext == ".pdf") {
        n = page_count(file);
    } else if (ext == ".tif" || ext == ".tiff") {
        FILE* fp = std::fopen(file.c_str(), "rb");
        if (fp == nullptr) throw std::runtime_error("cannot read '" + file + "'");
        l_int32 count = 0;
        const bool failed = tiffGetCount(fp, &count) != 0;
        std::fclose(fp);
        if (failed) throw std::runtime_error("'" + file + "' is not a TIFF");
        n = count;
    }
    std::cout << n << '\n';
    return 0;
}

}  // namespace
}  // namespace scans

int main(int argc, char** argv) {
    const std::string first = argc > 1 ? argv[1] : "";
    try {
        setMsgSeverity(L_SEVERITY_ERROR);
        if (first == "--accuracy" && argc == 4) return scans::print_accuracy(argv[2], argv[3]);
        if (first == "--fields" && argc == 4) return scans::print_fields(argv[2], argv[3]);
        if (first == "--pages" && argc == 3) return scans::print_pages(argv[2]);
    } catch (const std::exception& e) {
        std::cerr << "gen-scans: " << e.what() << '\n';
        return 1;
    }
    if (argc < 3 || argc > 4 || first.starts_with("-")) {
        std::cerr << "usage: ububiko-gen-scans SAMPLES_DIR OUT_DIR [ONLY_FILE]\n"
                     "       ububiko-gen-scans --accuracy TRUTH_FILE OCR_TEXT_FILE\n"
                     "       ububiko-gen-scans --fields MANIFEST COLUMN,COLUMN...\n"
                     "       ububiko-gen-scans --pages SCAN_FILE\n";
        return 2;
    }
    try {
        PoDoFo::PdfError::EnableDebug(false);
        PoDoFo::PdfError::EnableLogging(false);
        return scans::run(argv[1], argv[2], argc == 4 ? argv[3] : "");
    } catch (const std::exception& e) {
        std::cerr << "gen-scans: " << e.what() << '\n';
        return 1;
    }
}
