// Office Open XML word-processing document: [Content_Types].xml, _rels/.rels,
// word/document.xml with its styles, docProps/core.xml and docProps/app.xml.
// Formatting is direct (bold, size, alignment, indents) as a secretary would apply it.
#include "office.hpp"
#include "plain_text.hpp"
#include "zip_writer.hpp"

namespace gen {

namespace {

using detail::xml_escape;

constexpr int k_text_width_twips = 9354;  // 16.5 cm
constexpr const char* k_w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

struct ParagraphFormat {
    std::string align = {};  // "", "center", "right", "both"
    int indent_left = 0;
    int hanging = 0;
    int space_before = 0;
    int space_after = 0;
    int size = 0;  // half-points; 0 = default
    bool bold = false;
    bool keep_next = false;
};

std::string run(const std::string& text, bool bold, int size) {
    std::string props;
    if (bold) {
        props += "<w:b/>";
    }
    if (size > 0) {
        props += "<w:sz w:val=\"" + std::to_string(size) + "\"/>";
    }
    return "<w:r>" + (props.empty() ? "" : "<w:rPr>" + props + "</w:rPr>") +
           "<w:t xml:space=\"preserve\">" + xml_escape(text) + "</w:t></w:r>";
}

std::string paragraph(const std::vector<Span>& spans, const ParagraphFormat& f,
                      const std::string& prefix = {}) {
    std::string props;
    if (f.keep_next) {
        props += "<w:keepNext/>";
    }
    if (f.space_before > 0 || f.space_after > 0) {
        props += "<w:spacing w:before=\"" + std::to_string(f.space_before) + "\" w:after=\"" +
                 std::to_string(f.space_after) + "\"/>";
    }
    if (f.indent_left > 0) {
        props +=
            "<w:ind w:left=\"" + std::to_string(f.indent_left) + "\"" +
            (f.hanging > 0 ? " w:hanging=\"" + std::to_string(f.hanging) + "\"" : std::string()) +
            "/>";
    }
    if (!f.align.empty()) {
        props += "<w:jc w:val=\"" + f.align + "\"/>";
    }
    std::string runs = prefix.empty() ? "" : run(prefix, f.bold, f.size);
    for (const auto& s : spans) {
        runs += run(s.text, f.bold || s.bold, f.size);
    }
    return "<w:p>" + (props.empty() ? "" : "<w:pPr>" + props + "</w:pPr>") + runs + "</w:p>";
}

std::string text_paragraph(const std::string& text, const ParagraphFormat& f) {
    return paragraph({{text, false}}, f);
}

enum class TableStyle { ruled, fields, signatures };

std::string table(const Block& block, TableStyle style) {
    auto widths = detail::column_widths(block, k_text_width_twips);
    if (style == TableStyle::signatures) {
        widths = {k_text_width_twips / 2, k_text_width_twips - k_text_width_twips / 2};
    }
    const std::string border =
        style == TableStyle::ruled ? "single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000" : "nil";
    std::string out = "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(k_text_width_twips) +
                      "\" w:type=\"dxa\"/><w:tblBorders>";
    for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
        out += std::string("<w:") + side + " w:val=\"" + border + "\"/>";
    }
    out += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>";
    for (const int w : widths) {
        out += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
    }
    out += "</w:tblGrid>";
    for (std::size_t r = 0; r < block.rows.size(); ++r) {
        const auto& row = block.rows[r];
        const bool header = style == TableStyle::ruled && r == 0;
        out += header ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>";
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            std::string content;
            if (style == TableStyle::signatures) {
                content = text_paragraph(row.cells[c], {.align = "center"});
            } else if (style == TableStyle::fields) {
                content =
                    c == 0 ? text_paragraph(row.cells[0], {}) : paragraph(row.value, {}, ": ");
            } else {
                ParagraphFormat f;
                f.size = 19;
                f.bold = row.bold;
                if (!header && c > 0 && is_numeric_cell(row.cells[c])) {
                    f.align = "right";
                }
                content = text_paragraph(row.cells[c], f);
            }
            out += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(widths[c]) +
                   "\" w:type=\"dxa\"/>" +
                   (header ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E0E0E0\"/>" : "") +
                   "</w:tcPr>" + content + "</w:tc>";
        }
        out += "</w:tr>";
    }
    // Word needs a paragraph between a table and what follows.
    return out + "</w:tbl><w:p/>";
}

std::string document_xml(const Sample& sample) {
    std::string body;
    for (const auto& line : sample.letterhead) {
        body += text_paragraph(line, {.size = 20, .bold = true});
    }
    if (!sample.dateline.empty()) {
        body += text_paragraph(sample.dateline,
                               {.align = "right", .space_before = 160, .space_after = 240});
    }
    for (const auto& block : sample.blocks) {
        switch (block.kind) {
            case BlockKind::paragraph:
                body += paragraph(block.spans, {.align = "both", .space_after = 60});
                break;
            case BlockKind::heading:
                body += paragraph(block.spans, {.align = "center",
                                                .space_before = 120,
                                                .space_after = 120,
                                                .size = 26,
                                                .bold = true,
                                                .keep_next = true});
                break;
            case BlockKind::subheading:
                body +=
                    paragraph(block.spans, {.space_before = 80, .bold = true, .keep_next = true});
                break;
            case BlockKind::centered:
                body += paragraph(block.spans, {.align = "center"});
                break;
            case BlockKind::right:
                body += paragraph(block.spans, {.indent_left = 4678});
                break;
            case BlockKind::signature:
                body += paragraph(block.spans, {.align = "center", .indent_left = 4200});
                break;
            case BlockKind::bullet:
                body += paragraph(block.spans,
                                  {.align = "both", .indent_left = 397, .hanging = 255}, "– ");
                break;
            case BlockKind::table:
                body += table(block, TableStyle::ruled);
                break;
            case BlockKind::fields:
                body += table(block, TableStyle::fields);
                break;
            case BlockKind::signatures:
                body += table(block, TableStyle::signatures);
                break;
            case BlockKind::gap:
                body += "<w:p/>";
                break;
            case BlockKind::page_break:
                body += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>";
                break;
        }
    }
    return std::string(
               "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document "
               "xmlns:w=\"") +
           k_w + "\"><w:body>" + body +
           "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" "
           "w:right=\"1134\" "
           "w:bottom=\"1134\" w:left=\"1418\" w:header=\"709\" w:footer=\"709\" "
           "w:gutter=\"0\"/></w:sectPr>"
           "</w:body></w:document>\n";
}

std::string styles_xml(const Sample& sample) {
    const std::string font = sample.typeface == Typeface::times ? "Times New Roman" : "Arial";
    return std::string(
               "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles "
               "xmlns:w=\"") +
           k_w + "\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"" + font +
           "\" w:hAnsi=\"" + font + "\" w:cs=\"" + font +
           "\"/><w:sz w:val=\"22\"/><w:lang "
           "w:val=\"fr-BI\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
           "<w:spacing w:after=\"0\" w:line=\"264\" "
           "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
           "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
           "w:val=\"Normal\"/></w:style>"
           "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name "
           "w:val=\"Normal Table\"/>"
           "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"28\" "
           "w:type=\"dxa\"/>"
           "<w:left w:w=\"85\" w:type=\"dxa\"/><w:bottom w:w=\"28\" w:type=\"dxa\"/><w:right "
           "w:w=\"85\" "
           "w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style></w:styles>\n";
}

std::string core_xml(const Sample& sample) {
    const std::string when = detail::iso_utc_time(sample);
    const std::string author = xml_escape(sample.author);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<cp:coreProperties "
           "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
           "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
           "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
           "<dc:title>" +
           xml_escape(sample.title) + "</dc:title><dc:creator>" + author +
           "</dc:creator><cp:lastModifiedBy>" + author +
           "</cp:lastModifiedBy><dc:language>fr-BI</dc:language>"
           "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" +
           when +
           "</dcterms:created>"
           "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" +
           when + "</dcterms:modified></cp:coreProperties>\n";
}

constexpr const char* k_content_types =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/></"
    "Types>\n";

constexpr const char* k_package_rels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
    "core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "extended-properties\" "
    "Target=\"docProps/app.xml\"/></Relationships>\n";

constexpr const char* k_document_rels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/></Relationships>\n";

constexpr const char* k_app =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Properties "
    "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
    "<Application>ububiko-gen-samples</Application></Properties>\n";

}  // namespace

void write_docx(const Sample& sample, const std::string& path) {
    ZipWriter zip(path, creation_epoch(sample));
    zip.add("[Content_Types].xml", k_content_types);
    zip.add("_rels/.rels", k_package_rels);
    zip.add("word/document.xml", document_xml(sample));
    zip.add("word/_rels/document.xml.rels", k_document_rels);
    zip.add("word/styles.xml", styles_xml(sample));
    zip.add("docProps/core.xml", core_xml(sample));
    zip.add("docProps/app.xml", k_app);
    zip.close();
}

}  // namespace gen
