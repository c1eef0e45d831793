// ububiko-gen-samples: writes the sample documents described in documents.yaml (PDF,
// plain text, ODT, DOCX) and their manifest.csv into an output folder.
//
//   ububiko-gen-samples DOCUMENTS.yaml OUTPUT-DIR [--expected-text DIR] [--stats]
//
// --expected-text writes, for each PDF, DIR/<file>.txt: the text drawn on its pages in
// reading order, to compare with what pdftotext extracts. --stats prints the word
// count of each document.
#include "manifest.hpp"
#include "office.hpp"
#include "pdf_writer.hpp"
#include "plain_text.hpp"
#include "sample.hpp"

#include <cstdlib>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace {

constexpr const char* k_usage =
    "usage: ububiko-gen-samples DOCUMENTS.yaml OUTPUT-DIR [--expected-text DIR] [--stats]";

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text << '\n';
    if (!out.flush()) {
        throw std::runtime_error("cannot write '" + path.string() + "'");
    }
}

int run(int argc, char** argv) {
    std::filesystem::path input, output, expected;
    bool stats = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--expected-text" && i + 1 < argc) {
            expected = argv[++i];
        } else if (arg == "--stats") {
            stats = true;
        } else if (!arg.empty() && arg[0] == '-') {
            std::cerr << k_usage << '\n';
            return 2;
        } else if (input.empty()) {
            input = arg;
        } else if (output.empty()) {
            output = arg;
        } else {
            std::cerr << k_usage << '\n';
            return 2;
        }
    }
    if (output.empty()) {
        std::cerr << k_usage << '\n';
        return 2;
    }
    // libarchive writes zip (DOS) times in local time: make local time UTC everywhere.
    setenv("TZ", "UTC", 1);
    tzset();

    const auto samples = gen::load_samples(input);
    std::filesystem::create_directories(output);
    if (!expected.empty()) {
        std::filesystem::create_directories(expected);
    }
    for (const auto& sample : samples) {
        const std::string path = (output / sample.file).string();
        try {
            switch (sample.format) {
                case gen::Format::pdf: {
                    const std::string text = gen::write_pdf(sample, path);
                    if (!expected.empty()) {
                        write_file(expected / (sample.file + ".txt"), text);
                    }
                    break;
                }
                case gen::Format::txt:
                    gen::write_txt(sample, path);
                    break;
                case gen::Format::odt:
                    gen::write_odt(sample, path);
                    break;
                case gen::Format::docx:
                    gen::write_docx(sample, path);
                    break;
            }
        } catch (const std::exception& e) {
            throw std::runtime_error(sample.file + ": " + e.what());
        }
        if (stats) {
            std::cout << gen::word_count(sample) << '\t' << sample.code << '\t' << sample.date
                      << '\t' << sample.file << '\n';
        }
    }
    gen::write_manifest(samples, (output / "manifest.csv").string());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "ububiko-gen-samples: error: " << e.what() << '\n';
        return 1;
    }
}
