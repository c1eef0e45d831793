#include "readback.hpp"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <catch2/catch.hpp>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace ububiko::test {

std::vector<std::string> page_texts(const std::string& pdf_path) {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(pdf_path));
    INFO("reading " << pdf_path);
    REQUIRE(doc != nullptr);
    std::vector<std::string> pages;
    for (int i = 0; i < doc->pages(); ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        REQUIRE(page != nullptr);
        const poppler::byte_array bytes = page->text().to_utf8();
        std::string text(bytes.begin(), bytes.end());
        // U+00A0, as poppler may give it back for the spaces between thousands.
        for (std::size_t at; (at = text.find("\xC2\xA0")) != std::string::npos;) text.replace(at, 2, " ");
        pages.push_back(std::move(text));
    }
    return pages;
}

namespace {

std::unique_ptr<poppler::page> open_page(const std::string& pdf_path, int index,
                                         std::unique_ptr<poppler::document>& doc) {
    doc.reset(poppler::document::load_from_file(pdf_path));
    INFO("reading " << pdf_path);
    REQUIRE(doc != nullptr);
    std::unique_ptr<poppler::page> page(doc->create_page(index));
    REQUIRE(page != nullptr);
    return page;
}

}  // namespace

std::vector<Word> page_words(const std::string& pdf_path, int index) {
    std::unique_ptr<poppler::document> doc;
    std::unique_ptr<poppler::page> page = open_page(pdf_path, index, doc);
    std::vector<Word> words;
    for (const poppler::text_box& box : page->text_list()) {
        const poppler::byte_array bytes = box.text().to_utf8();
        const poppler::rectf r = box.bbox();
        words.push_back({std::string(bytes.begin(), bytes.end()), r.x(), r.y(), r.x() + r.width(), r.y() + r.height(),
                         box.rotation()});
    }
    return words;
}

std::pair<double, double> page_size(const std::string& pdf_path, int index) {
    std::unique_ptr<poppler::document> doc;
    std::unique_ptr<poppler::page> page = open_page(pdf_path, index, doc);
    const poppler::rectf r = page->page_rect();
    const bool turned = page->orientation() == poppler::page::landscape || page->orientation() == poppler::page::seascape;
    return turned ? std::pair{r.height(), r.width()} : std::pair{r.width(), r.height()};
}

int page_count(const std::string& pdf_path) {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(pdf_path));
    REQUIRE(doc != nullptr);
    return doc->pages();
}

std::string tiny_pdf(const std::string& content, const std::string& page_keys) {
    const std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R " + page_keys + " /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream"};
    std::string out = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(out.size());
        out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    char line[32];
    for (std::size_t offset : offsets) {
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
        out += line;
    }
    out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return out;
}

std::size_t occurrences(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
    return count;
}

long number_after(const std::string& text, const std::string& label) {
    const std::size_t at = text.find(label);
    if (at == std::string::npos) return -1;
    std::size_t i = at + label.size();
    while (i < text.size() && text[i] == ' ') ++i;
    std::string digits;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) digits += text[i++];
    return digits.empty() ? -1 : std::stol(digits);
}

void use_built_pdf_program() { ::setenv("UBUBIKO_PDF_PROGRAM", UBUBIKO_PDF_BIN, 1); }

pdfwrite::RegisterSpec sample_register(std::size_t rows) {
    static const char* const k_correspondents[] = {
        "Gouverneur de la province de Bururi",
        "Ministère de l'Intérieur, du Développement communautaire et de la Sécurité publique",
        "FONIC", "Chef de zone Mugamba", "Centre de santé de Rushemeza"};
    static const char* const k_subjects[] = {
        "Demande d'appui pour la réhabilitation du marché",
        "Convocation à la réunion du conseil communal",
        "Rapport trimestriel du centre de santé",
        "Vœux de l’administrateur pour l’année",
        "Déclaration de naissance — état civil",
        "Permis de bâtir sur la colline Kiryama",
        "Litige foncier à Mubuga"};
    pdfwrite::RegisterSpec spec;
    spec.issuer = {"Commune de Bururi", "Province de Bururi", "BRR"};
    spec.year = 2026;
    spec.direction = "in";
    spec.generated = "2026-11-28";
    for (std::size_t i = 0; i < rows; ++i) {
        char id[32], date[32], reference[64];
        std::snprintf(id, sizeof id, "2026-%06zu", i + 1);
        std::snprintf(date, sizeof date, "2026-%02zu-%02zu", 1 + i % 12, 1 + i % 28);
        std::snprintf(reference, sizeof reference, "Réf. %03zu/DC/2026", i);
        std::string subject = k_subjects[i % 7];
        if (i % 7 == 6)
            subject = "Procès-verbal de la séance extraordinaire du conseil communal consacrée au "
                      "budget, à la fiscalité locale (taxe sur le bétail, redevances du marché, impôt "
                      "sur les revenus locatifs), aux permis de bâtir et aux litiges fonciers des "
                      "collines de Kiryama, Mubuga et Rushemeza, avec les annexes détaillées et la "
                      "liste de présence des élus — fin de l'objet";
        spec.rows.push_back({id, date, k_correspondents[i % 5], subject + " n° " + std::to_string(i + 1),
                             reference, "1.2." + std::to_string(i % 4)});
    }
    return spec;
}

pdfwrite::SlipSpec sample_slip(std::size_t rows) {
    pdfwrite::SlipSpec spec;
    spec.issuer = {"Commune de Bururi", "Province de Bururi", "BRR"};
    spec.action = "destroy";
    spec.number = "BRR-ELIM-2026-001";
    spec.date = "2026-11-28";
    spec.signatures = {"L'archiviste", "L'administrateur communal", "Le directeur des Archives nationales"};
    for (std::size_t i = 0; i < rows; ++i) {
        char id[32], start[32], end[32];
        std::snprintf(id, sizeof id, "2015-%06zu", i + 1);
        std::snprintf(start, sizeof start, "2015-01-%02zu", 1 + i % 28);
        std::snprintf(end, sizeof end, "2015-12-%02zu", 1 + i % 28);
        std::string title = i % 3 == 0 ? "Pièces justificatives des dépenses, exercice 2015"
                            : i % 3 == 1
                                ? "Quittances de la taxe sur le bétail et des redevances du marché de "
                                  "Bururi, colline Kiryama, premier et deuxième trimestres"
                                : "Élection des délégués de colline : procès-verbaux";
        spec.rows.push_back({id, "4.1." + std::to_string(i % 3), title + " (pièce " + std::to_string(i + 1) + ")",
                             start, end, 100'000 + 12'345 * i, "2025-12-31"});
    }
    return spec;
}

std::string french_size(std::uint64_t bytes) {
    static const char* const k_units[] = {"o", "Ko", "Mo", "Go"};
    if (bytes < 1024) return std::to_string(bytes) + " o";
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 3) {
        value /= 1024;
        ++unit;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %s", value, k_units[unit]);
    std::string text = buf;
    for (char& c : text)
        if (c == '.') c = ',';
    return text;
}

}  // namespace ububiko::test
