#include "ocr_fixture.hpp"

#include <leptonica/allheaders.h>
#include <poppler-document.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <stdexcept>

#include "core/text.hpp"

namespace ububiko::test {

namespace {

constexpr double k_font_size = 18;
constexpr int k_image_dpi = 200;

// UTF-8 (Latin-1 characters only) to a PDF literal string in WinAnsiEncoding.
std::string pdf_literal(const std::string& utf8) {
    std::string out = "(";
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        unsigned code = static_cast<unsigned char>(utf8[i]);
        if (code >= 0xC0 && code < 0xE0 && i + 1 < utf8.size()) {
            code = ((code & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F);
        } else if (code >= 0x80) {
            throw std::invalid_argument("pdf_literal: Latin-1 text only");
        }
        if (code == '(' || code == ')' || code == '\\') {
            out += '\\';
            out += static_cast<char>(code);
        } else if (code >= 0x80) {
            char octal[8];
            std::snprintf(octal, sizeof octal, "\\%03o", code);
            out += octal;
        } else {
            out += static_cast<char>(code);
        }
    }
    return out + ")";
}

std::string text_content(const std::vector<std::string>& lines) {
    std::string content = "BT /F1 " + std::to_string(static_cast<int>(k_font_size)) + " Tf " +
                          std::to_string(static_cast<int>(k_font_size * 1.5)) + " TL 36 " +
                          std::to_string(static_cast<int>(k_a5_height - 60)) + " Td\n";
    for (const std::string& line : lines) content += pdf_literal(line) + " Tj T*\n";
    return content + "ET";
}

std::string stream_object(const std::string& dictionary, const std::string& data) {
    return "<< " + dictionary + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data +
           "\nendstream";
}

std::string build_pdf(const std::vector<std::string>& objects) {
    std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t offset : offsets) {
        char line[21];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
        pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

std::string jpeg_of_lines(const std::vector<std::string>& lines) {
    const std::string pdf = french_pdf({{lines, false}});
    PixPtr image = render_page(pdf, 0, k_image_dpi);
    return encoded(image.get(), IFF_JFIF_JPEG);
}

std::vector<std::string> folded_words(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    for (char c : fold(text)) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c & 0x80) != 0;
        if (keep) {
            word += c;
        } else if (!word.empty()) {
            words.push_back(word);
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(word);
    return words;
}

}  // namespace

const std::vector<std::string>& council_lines() {
    static const std::vector<std::string> lines = {
        "Procès-verbal de la réunion du conseil",     "communal de Gitega, tenue le 12 mars 2024.",
        "L'administrateur a présenté le budget",      "de l'exercice et les dépenses engagées",
        "pour la réhabilitation du marché central.",  "Les conseillers ont approuvé à l'unanimité",
        "la décision relative aux taxes communales.",
    };
    return lines;
}

const std::vector<std::string>& budget_lines() {
    static const std::vector<std::string> lines = {
        "Le receveur communal rappelle que la taxe", "sur le bétail et les frais de marché",
        "doivent être versés avant la fin du mois.", "Une copie de cette lettre est adressée",
        "au gouverneur de la province de Ngozi.",
    };
    return lines;
}

std::string french_pdf(const std::vector<FixturePage>& pages) {
    const std::string width = std::to_string(k_a5_width);
    const std::string height = std::to_string(k_a5_height);
    std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>", "",
                                        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                                        "/Encoding /WinAnsiEncoding >>"};
    std::string kids;
    for (const FixturePage& page : pages) {
        const std::size_t page_number = objects.size() + 1;
        kids += std::to_string(page_number) + " 0 R ";
        if (!page.as_image) {
            objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + width + " " +
                              height + "] /Resources << /Font << /F1 3 0 R >> >> /Contents " +
                              std::to_string(page_number + 1) + " 0 R >>");
            objects.push_back(stream_object("", text_content(page.lines)));
            continue;
        }
        const std::string jpeg = jpeg_of_lines(page.lines);
        PixPtr size(pixReadMem(reinterpret_cast<const l_uint8*>(jpeg.data()), jpeg.size()));
        objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + width + " " + height +
                          "] /Resources << /XObject << /Im1 " + std::to_string(page_number + 2) +
                          " 0 R >> >> /Contents " + std::to_string(page_number + 1) + " 0 R >>");
        objects.push_back(stream_object("", "q " + width + " 0 0 " + height + " 0 0 cm /Im1 Do Q"));
        objects.push_back(stream_object(
            "/Type /XObject /Subtype /Image /Width " + std::to_string(pixGetWidth(size.get())) +
                " /Height " + std::to_string(pixGetHeight(size.get())) +
                " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
            jpeg));
    }
    objects[1] =
        "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";
    return build_pdf(objects);
}

PixPtr render_page(const std::string& pdf, int index, int dpi) {
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
    if (!doc) throw std::runtime_error("render_page: poppler cannot read the PDF");
    std::unique_ptr<poppler::page> page(doc->create_page(index));
    poppler::page_renderer renderer;
    renderer.set_image_format(poppler::image::format_gray8);
    renderer.set_render_hints(poppler::page_renderer::antialiasing |
                              poppler::page_renderer::text_antialiasing);
    const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
    PixPtr pix(pixCreate(image.width(), image.height(), 8));
    for (int y = 0; y < image.height(); ++y) {
        const auto* row = reinterpret_cast<const unsigned char*>(image.const_data()) +
                          static_cast<std::size_t>(y) * image.bytes_per_row();
        l_uint32* line = pixGetData(pix.get()) + static_cast<std::size_t>(y) * pixGetWpl(pix.get());
        for (int x = 0; x < image.width(); ++x) SET_DATA_BYTE(line, x, row[x]);
    }
    pixSetResolution(pix.get(), dpi, dpi);
    return pix;
}

PixPtr soiled(Pix* image, int quarter_turns, double degrees, double noise) {
    PixPtr out(pixRotateOrth(image, ((quarter_turns % 4) + 4) % 4));
    if (degrees != 0) {
        PixPtr turned(pixRotate(out.get(), static_cast<float>(degrees * M_PI / 180),
                                L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
        out = std::move(turned);
    }
    if (noise > 0) out.reset(pixAddGaussianNoise(out.get(), static_cast<float>(noise)));
    pixCopyResolution(out.get(), image);
    return out;
}

std::string encoded(Pix* image, int format) {
    l_uint8* data = nullptr;
    std::size_t size = 0;
    const l_ok failed = format == IFF_JFIF_JPEG ? pixWriteMemJpeg(&data, &size, image, 80, 0)
                                                : pixWriteMem(&data, &size, image, format);
    if (failed != 0 || data == nullptr) throw std::runtime_error("encoded: Leptonica cannot write");
    std::string bytes(reinterpret_cast<const char*>(data), size);
    std::free(data);
    return bytes;
}

void write_multipage_tiff(const std::string& path, const std::vector<Pix*>& pages) {
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const int compression = pixGetDepth(pages[i]) == 1 ? IFF_TIFF_G4 : IFF_TIFF_ZIP;
        if (pixWriteTiff(path.c_str(), pages[i], compression, i == 0 ? "w" : "a") != 0)
            throw std::runtime_error("write_multipage_tiff: Leptonica cannot write");
    }
}

double word_recall(const std::string& expected, const std::string& actual) {
    std::map<std::string, int> available;
    for (const std::string& w : folded_words(actual)) ++available[w];
    const std::vector<std::string> wanted = folded_words(expected);
    if (wanted.empty()) return 1.0;
    int found = 0;
    for (const std::string& w : wanted) {
        auto it = available.find(w);
        if (it != available.end() && it->second > 0) {
            --it->second;
            ++found;
        }
    }
    return static_cast<double>(found) / static_cast<double>(wanted.size());
}

}  // namespace ububiko::test
