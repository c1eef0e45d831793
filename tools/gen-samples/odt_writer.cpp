// OpenDocument text: mimetype (stored, first), content.xml, styles.xml, meta.xml and
// META-INF/manifest.xml.
#include "office.hpp"
#include "plain_text.hpp"
#include "zip_writer.hpp"

namespace gen {

namespace {

using detail::xml_escape;

constexpr const char* k_namespaces =
    R"( xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0")"
    R"( xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0")"
    R"( xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0")"
    R"( xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0")"
    R"( xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0")"
    R"( xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0")"
    R"( xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0")"
    R"( xmlns:dc="http://purl.org/dc/elements/1.1/")"
    R"( office:version="1.2")";

constexpr double k_text_width_cm = 16.5;

std::string font_name(const Sample& sample) {
    return sample.typeface == Typeface::times ? "Liberation Serif" : "Liberation Sans";
}

std::string font_decls(const Sample& sample) {
    const std::string name = font_name(sample);
    return "<office:font-face-decls><style:font-face style:name=\"" + name +
           "\" svg:font-family=\"'" + name + "'\" style:font-family-generic=\"" +
           (sample.typeface == Typeface::times ? "roman" : "swiss") +
           "\" style:font-pitch=\"variable\"/></office:font-face-decls>";
}

std::string paragraph_style(const std::string& name, const std::string& paragraph,
                            const std::string& text = {}) {
    return "<style:style style:name=\"" + name +
           "\" style:family=\"paragraph\" "
           "style:parent-style-name=\"Standard\"><style:paragraph-properties " +
           paragraph + "/>" + (text.empty() ? "" : "<style:text-properties " + text + "/>") +
           "</style:style>";
}

std::string spans_xml(const std::vector<Span>& spans) {
    std::string out;
    for (const auto& s : spans) {
        out += s.bold ? "<text:span text:style-name=\"Tb\">" + xml_escape(s.text) + "</text:span>"
                      : xml_escape(s.text);
    }
    return out;
}

std::string para(const std::string& style, const std::string& inner) {
    return "<text:p text:style-name=\"" + style + "\">" + inner + "</text:p>";
}

enum class TableStyle { ruled, fields, signatures };

std::string cell_xml(const TableRow& row, std::size_t c, TableStyle style, bool header) {
    if (style == TableStyle::signatures) {
        return para("Pcenter", xml_escape(row.cells[c]));
    }
    if (style == TableStyle::fields) {
        return c == 0 ? para("Pfield", xml_escape(row.cells[0]))
                      : para("Pfield", ": " + spans_xml(row.value));
    }
    const bool right = !header && c > 0 && is_numeric_cell(row.cells[c]);
    const std::string text = xml_escape(row.cells[c]);
    return para(right ? "Pnum" : "Pcell",
                row.bold ? "<text:span text:style-name=\"Tb\">" + text + "</text:span>" : text);
}

std::string table_xml(const Block& block, int index, TableStyle style, std::string& styles) {
    const std::string name = "Tab" + std::to_string(index);
    auto widths = detail::column_widths(block, 10000);
    if (style == TableStyle::signatures) {
        widths = {5000, 5000};
    }
    styles += "<style:style style:name=\"" + name +
              "\" style:family=\"table\"><style:table-properties style:width=\"" +
              std::to_string(k_text_width_cm) + "cm\" table:align=\"left\"/></style:style>";
    std::string out = "<table:table table:name=\"" + name + "\" table:style-name=\"" + name + "\">";
    for (std::size_t c = 0; c < widths.size(); ++c) {
        const std::string column = name + "C" + std::to_string(c);
        styles += "<style:style style:name=\"" + column +
                  "\" style:family=\"table-column\"><style:table-column-properties "
                  "style:column-width=\"" +
                  std::to_string(k_text_width_cm * widths[c] / 10000.0) + "cm\"/></style:style>";
        out += "<table:table-column table:style-name=\"" + column + "\"/>";
    }
    for (std::size_t r = 0; r < block.rows.size(); ++r) {
        const bool header = style == TableStyle::ruled && r == 0;
        const std::string cell_style = style != TableStyle::ruled ? "CellF"
                                       : header                   ? "CellH"
                                                                  : "Cell";
        out += "<table:table-row>";
        for (std::size_t c = 0; c < block.rows[r].cells.size(); ++c) {
            out += "<table:table-cell table:style-name=\"" + cell_style +
                   "\" office:value-type=\"string\">" + cell_xml(block.rows[r], c, style, header) +
                   "</table:table-cell>";
        }
        out += "</table:table-row>";
    }
    return out + "</table:table>";
}

std::string content_xml(const Sample& sample) {
    std::string styles =
        paragraph_style("Pbody", "fo:text-align=\"justify\" fo:margin-bottom=\"0.1cm\"") +
        paragraph_style("Plh", "fo:text-align=\"start\"",
                        "fo:font-size=\"10pt\" fo:font-weight=\"bold\"") +
        paragraph_style(
            "Pdate", "fo:text-align=\"end\" fo:margin-top=\"0.3cm\" fo:margin-bottom=\"0.4cm\"") +
        paragraph_style(
            "Ph", "fo:text-align=\"center\" fo:margin-top=\"0.25cm\" fo:margin-bottom=\"0.2cm\"",
            "fo:font-size=\"13pt\" fo:font-weight=\"bold\"") +
        paragraph_style("Psub", "fo:margin-top=\"0.15cm\" fo:keep-with-next=\"always\"",
                        "fo:font-weight=\"bold\"") +
        paragraph_style("Pcenter", "fo:text-align=\"center\"") +
        paragraph_style("Pright", "fo:margin-left=\"8.25cm\"") +
        paragraph_style("Psign", "fo:margin-left=\"7.4cm\" fo:text-align=\"center\"") +
        paragraph_style(
            "Pbullet",
            "fo:margin-left=\"0.7cm\" fo:text-indent=\"-0.45cm\" fo:text-align=\"justify\"") +
        paragraph_style("Pbreak", "fo:break-before=\"page\"") +
        paragraph_style("Pcell", "fo:text-align=\"start\"", "fo:font-size=\"9.5pt\"") +
        paragraph_style("Pnum", "fo:text-align=\"end\"", "fo:font-size=\"9.5pt\"") +
        paragraph_style("Pfield", "fo:text-align=\"start\"") +
        "<style:style style:name=\"Tb\" style:family=\"text\"><style:text-properties "
        "fo:font-weight=\"bold\"/></style:style>"
        "<style:style style:name=\"Cell\" style:family=\"table-cell\"><style:table-cell-properties "
        "fo:padding=\"0.07cm\" "
        "fo:border=\"0.5pt solid #000000\"/></style:style>"
        "<style:style style:name=\"CellH\" "
        "style:family=\"table-cell\"><style:table-cell-properties fo:padding=\"0.07cm\" "
        "fo:border=\"0.5pt solid #000000\" fo:background-color=\"#e0e0e0\"/></style:style>"
        "<style:style style:name=\"CellF\" "
        "style:family=\"table-cell\"><style:table-cell-properties fo:padding=\"0.03cm\" "
        "fo:border=\"none\"/></style:style>";

    std::string body;
    for (const auto& line : sample.letterhead) {
        body += para("Plh", xml_escape(line));
    }
    if (!sample.dateline.empty()) {
        body += para("Pdate", xml_escape(sample.dateline));
    }
    int tables = 0;
    for (const auto& block : sample.blocks) {
        switch (block.kind) {
            case BlockKind::paragraph:
                body += para("Pbody", spans_xml(block.spans));
                break;
            case BlockKind::heading:
                body += para("Ph", spans_xml(block.spans));
                break;
            case BlockKind::subheading:
                body += para("Psub", spans_xml(block.spans));
                break;
            case BlockKind::centered:
                body += para("Pcenter", spans_xml(block.spans));
                break;
            case BlockKind::right:
                body += para("Pright", spans_xml(block.spans));
                break;
            case BlockKind::signature:
                body += para("Psign", spans_xml(block.spans));
                break;
            case BlockKind::bullet:
                body += para("Pbullet", "– " + spans_xml(block.spans));
                break;
            case BlockKind::table:
                body += table_xml(block, ++tables, TableStyle::ruled, styles);
                break;
            case BlockKind::fields:
                body += table_xml(block, ++tables, TableStyle::fields, styles);
                break;
            case BlockKind::signatures:
                body += table_xml(block, ++tables, TableStyle::signatures, styles);
                break;
            case BlockKind::gap:
                body += para("Pbody", "");
                break;
            case BlockKind::page_break:
                body += para("Pbreak", "");
                break;
        }
    }
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content") +
           k_namespaces + ">" + font_decls(sample) + "<office:automatic-styles>" + styles +
           "</office:automatic-styles>" + "<office:body><office:text>" + body +
           "</office:text></office:body></office:document-content>\n";
}

std::string styles_xml(const Sample& sample) {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles") +
           k_namespaces + ">" + font_decls(sample) +
           "<office:styles><style:default-style style:family=\"paragraph\"><style:text-properties "
           "style:font-name=\"" +
           font_name(sample) +
           "\" fo:font-size=\"11pt\" fo:language=\"fr\" fo:country=\"BI\"/></style:default-style>"
           "<style:style style:name=\"Standard\" style:family=\"paragraph\" "
           "style:class=\"text\"/></office:styles>"
           "<office:automatic-styles><style:page-layout "
           "style:name=\"pm1\"><style:page-layout-properties "
           "fo:page-width=\"21cm\" fo:page-height=\"29.7cm\" style:print-orientation=\"portrait\" "
           "fo:margin-top=\"2cm\" "
           "fo:margin-bottom=\"2cm\" fo:margin-left=\"2.5cm\" "
           "fo:margin-right=\"2cm\"/></style:page-layout>"
           "</office:automatic-styles><office:master-styles><style:master-page "
           "style:name=\"Standard\" "
           "style:page-layout-name=\"pm1\"/></office:master-styles></office:document-styles>\n";
}

std::string meta_xml(const Sample& sample) {
    const std::string when = detail::iso_local_time(sample);
    const std::string author = xml_escape(sample.author);
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta") +
           k_namespaces +
           "><office:meta><meta:generator>ububiko-gen-samples</meta:generator><dc:title>" +
           xml_escape(sample.title) + "</dc:title><meta:initial-creator>" + author +
           "</meta:initial-creator><dc:creator>" + author + "</dc:creator><meta:creation-date>" +
           when + "</meta:creation-date><dc:date>" + when +
           "</dc:date><dc:language>fr-BI</dc:language></office:meta></office:document-meta>\n";
}

constexpr const char* k_manifest =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
    "manifest:version=\"1.2\">\n"
    " <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" "
    "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>\n"
    " <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\n"
    " <manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\n"
    " <manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>\n"
    "</manifest:manifest>\n";

}  // namespace

void write_odt(const Sample& sample, const std::string& path) {
    ZipWriter zip(path, creation_epoch(sample));
    // ODF wants "mimetype" first and stored. libarchive still gives every entry UT and ux
    // extra fields, so the media type is not at offset 38 where file(1) looks for it.
    zip.add("mimetype", "application/vnd.oasis.opendocument.text", ZipMethod::store);
    zip.add("content.xml", content_xml(sample));
    zip.add("styles.xml", styles_xml(sample));
    zip.add("meta.xml", meta_xml(sample));
    zip.add("META-INF/manifest.xml", k_manifest);
    zip.close();
}

}  // namespace gen
