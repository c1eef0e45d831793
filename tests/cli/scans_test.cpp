// The sample scans taken in with OCR: each one's words against its known text (at least
// 90 % on the clean ones), pages turned upside down or sideways read upright, blank pages
// recognised, and a searchable PDF whose text layer poppler reads back.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "cli_fixture.hpp"
#include "core/csv.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"

using namespace ububiko;
using namespace ububiko::test;
using nlohmann::json;

namespace {

std::map<std::string, int> words(const std::string& text) {
    std::map<std::string, int> out;
    std::string folded = fold(text), word;
    for (char c : folded + " ") {
        bool part = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
        if (part) {
            word += c;
        } else if (!word.empty()) {
            ++out[word];
            word.clear();
        }
    }
    return out;
}

// Share of the truth's words (with repeats) found in the text read.
double accuracy(const std::string& truth, const std::string& read) {
    auto t = words(truth), r = words(read);
    int total = 0, found = 0;
    for (const auto& [w, n] : t) {
        total += n;
        auto it = r.find(w);
        found += std::min(n, it == r.end() ? 0 : it->second);
    }
    return total ? static_cast<double>(found) / total : 1.0;
}

struct Scan {
    std::string file, kind, clean;
    int pages = 0, rotation = 0;
};

std::vector<Scan> scans() {
    std::vector<Scan> out;
    auto rows = csv::parse(read_file(source("samples/scans/manifest.csv")), "manifest.csv");
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < rows[0].fields.size(); ++i) col[rows[0].fields[i]] = i;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        auto& f = rows[r].fields;
        out.push_back({f[col["file"]], f[col["kind"]], f[col["clean"]], std::stoi(f[col["pages"]]), std::stoi(f[col["rotation"]])});
    }
    return out;
}

}  // namespace

TEST_CASE("every sample scan is read by OCR close to its known text, upright, with a searchable PDF") {
    CliArchive a;
    std::vector<std::string> args = {"intake", "--metadata", source("samples/scans/manifest.csv")};
    auto list = scans();
    REQUIRE(list.size() >= 12);
    for (const Scan& s : list) args.push_back(source("samples/scans/" + s.file));
    RunResult r = a.run(args);
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    json listed = a.json({"list"});
    REQUIRE(listed.size() == list.size());
    std::map<std::string, std::string> id_of;
    for (const auto& rec : listed) id_of[rec["original_name"]] = rec["id"];

    for (const Scan& s : list) {
        INFO(s.file);
        json rec = a.json({"show", id_of.at(s.file)});
        std::string folder = a.root + "/" + rec["folder"].get<std::string>();
        std::string truth = read_file(source("samples/scans/truth/" + s.file + ".txt"));
        std::string text = read_file(folder + "/" + rec["extraction"]["text_file"].get<std::string>());
        json pages = rec["extraction"]["page_info"];
        REQUIRE(pages.size() == static_cast<std::size_t>(s.pages));
        CHECK(rec["extraction"]["pages"] == s.pages);
        if (truth.find_first_not_of(" \n\f") == std::string::npos) {
            // The blank page: recognised as such, nothing read, not flagged as bad OCR.
            CHECK(pages[0]["blank"] == true);
            CHECK(words(text).size() <= 3);
            continue;
        }
        double acc = accuracy(truth, text);
        INFO("word accuracy " << acc);
        CHECK(acc >= (s.clean == "yes" ? 0.90 : 0.50));
        if (s.rotation != 0) CHECK((pages[0]["rotation"] == s.rotation || pages[0]["rotation"] == (360 - s.rotation) % 360));
        if (s.kind == "pdf-mixed") {
            CHECK(pages[0]["ocr"] == false);  // its own text layer
            CHECK(pages[1]["ocr"] == true);
        }
        // The searchable copy: as many pages, and its text layer read back by poppler.
        REQUIRE(exists(folder + "/searchable.pdf"));
        RunResult info = run_program("/usr/bin/pdfinfo", {folder + "/searchable.pdf"});
        CHECK_THAT(info.out, Catch::Contains("Pages:") && Catch::Contains(std::to_string(s.pages)));
        RunResult back = run_program("/usr/bin/pdftotext", {folder + "/searchable.pdf", "-"});
        CHECK(accuracy(truth, back.out) >= (s.clean == "yes" ? 0.85 : 0.45));
        bool original_intact = read_file(folder + "/" + rec["files"][0]["name"].get<std::string>()) ==
                               read_file(source("samples/scans/" + s.file));
        CHECK(original_intact);
    }
    // Words read on the scans are found by search, accents or not.
    CHECK(a.json({"search", "remise reprise"})["total"].get<int>() >= 1);
    CHECK(a.json({"search", "Hakizimana", "code:6.2.2"})["total"].get<int>() >= 1);
    CHECK(a.run({"check"}).status == 0);
}
