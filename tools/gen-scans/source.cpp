// Reading the samples: their manifest (CSV) and their PDF pages (poppler-cpp).
#include "scan.hpp"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <leptonica/allheaders.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace scans {

namespace {

std::unique_ptr<poppler::document> open_pdf(const std::string& path) {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
    if (!doc || doc->is_locked()) throw std::runtime_error("cannot open PDF '" + path + "'");
    return doc;
}

std::unique_ptr<poppler::page> open_page(const poppler::document& doc, int page,
                                         const std::string& path) {
    if (page < 1 || page > doc.pages()) {
        throw std::runtime_error("'" + path + "' has no page " + std::to_string(page));
    }
    std::unique_ptr<poppler::page> p(doc.create_page(page - 1));
    if (!p)
        throw std::runtime_error("cannot read page " + std::to_string(page) + " of '" + path + "'");
    return p;
}

// RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    bool any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            record.push_back(field);
            field.clear();
            any = true;
        } else if (c == '\r') {
        } else if (c == '\n') {
            if (any || !field.empty()) {
                record.push_back(field);
                records.push_back(record);
            }
            record.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (any || !field.empty()) {
        record.push_back(field);
        records.push_back(record);
    }
    return records;
}

}  // namespace

std::vector<Row> read_csv(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read '" + path + "'");
    std::stringstream buffer;
    buffer << in.rdbuf();
    const auto records = parse_csv(buffer.str());
    if (records.empty()) throw std::runtime_error("'" + path + "' is empty");
    std::vector<Row> rows;
    for (std::size_t r = 1; r < records.size(); ++r) {
        Row row;
        for (std::size_t c = 0; c < records[0].size() && c < records[r].size(); ++c) {
            row[records[0][c]] = records[r][c];
        }
        rows.push_back(row);
    }
    return rows;
}

std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

int page_count(const std::string& pdf) {
    return open_pdf(pdf)->pages();
}

Pix* render_page(const std::string& pdf, int page, int dpi) {
    const auto doc = open_pdf(pdf);
    const auto p = open_page(*doc, page, pdf);
    poppler::page_renderer renderer;
    renderer.set_render_hints(poppler::page_renderer::antialiasing |
                              poppler::page_renderer::text_antialiasing |
                              poppler::page_renderer::text_hinting);
    renderer.set_image_format(poppler::image::format_gray8);
    const poppler::image image = renderer.render_page(p.get(), dpi, dpi);
    if (!image.is_valid() || image.format() != poppler::image::format_gray8) {
        throw std::runtime_error("cannot render page " + std::to_string(page) + " of '" + pdf +
                                 "'");
    }
    const int w = image.width();
    const int h = image.height();
    Pix* pix = pixCreate(w, h, 8);
    pixSetResolution(pix, dpi, dpi);
    for (int y = 0; y < h; ++y) {
        const auto* row = reinterpret_cast<const unsigned char*>(image.const_data()) +
                          static_cast<std::size_t>(y) * image.bytes_per_row();
        l_uint32* line = pixGetData(pix) + static_cast<std::size_t>(y) * pixGetWpl(pix);
        for (int x = 0; x < w; ++x) SET_DATA_BYTE(line, x, row[x]);
    }
    return pix;
}

std::string page_text(const std::string& pdf, int page) {
    const auto doc = open_pdf(pdf);
    const auto p = open_page(*doc, page, pdf);
    const poppler::byte_array bytes =
        p->text(poppler::rectf(), poppler::page::raw_order_layout).to_utf8();
    const std::string raw(bytes.begin(), bytes.end());
    // One line per text line: whitespace runs (spaces, tabs, form feeds) become one space,
    // empty lines go.
    std::string out;
    std::istringstream lines(raw);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream words(line);
        std::string word;
        std::string joined;
        while (words >> word) {
            if (!joined.empty()) joined += ' ';
            joined += word;
        }
        if (!joined.empty()) out += joined + '\n';
    }
    return out;
}

}  // namespace scans
