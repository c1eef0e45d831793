#include <map>
#include <set>

#include "core/text.hpp"
#include "extract/formats.hpp"
#include "extract/messages.hpp"
#include "extract/xml_text.hpp"
#include "extract/zip_reader.hpp"

namespace ububiko::extract::detail {

namespace {

std::string join_pages(const std::vector<std::string>& pages) {
    std::string out;
    for (const std::string& page : pages) out += page;
    return out;
}

bool is_part(std::string_view name, std::string_view prefix) {
    return name.starts_with(prefix) && name.ends_with(".xml") &&
           name.find('/', prefix.size()) == std::string_view::npos;
}

// DOCX parts read besides the main document: headers and footers (one part per section
// and kind), footnotes and endnotes.
bool is_docx_extra(std::string_view name) {
    return is_part(name, "word/header") || is_part(name, "word/footer") ||
           name == "word/footnotes.xml" || name == "word/endnotes.xml";
}

// The part a document cannot do without, or an error saying the document is damaged.
const std::string& required_part(const ZipContents& zip, const std::string& path, const std::string& name,
                                  const std::string& what_fr, const std::string& what_en) {
    const auto part = zip.entries.find(name);
    if (part == zip.entries.end())
        throw file_error(ErrorCode::invalid_input, path,
                         language() == Language::en ? "damaged " + what_en + " (" + name + " missing)"
                                                    : what_fr + " endommagé (" + name + " manquant)");
    return part->second;
}

// Title and creation date from the document's properties: meta.xml (OpenDocument) or
// docProps/core.xml (Office Open XML).
void read_properties(const ZipContents& zip, Result& result) {
    const bool odf = zip.entries.count("meta.xml") > 0;
    const auto props = zip.entries.find(odf ? "meta.xml" : "docProps/core.xml");
    if (props == zip.entries.end()) return;
    result.title = xml_element_text(props->second, "dc:title").value_or("");
    if (auto created = xml_element_text(props->second, odf ? "meta:creation-date" : "dcterms:created"))
        result.created = iso_date_prefix(*created);
}

Result extract_odt(const std::string& path, Result result) {
    ZipContents zip = read_zip(
        path, [](std::string_view name) { return name == "content.xml" || name == "meta.xml"; });
    result.pages = xml_document_text(required_part(zip, path, "content.xml", "document ODT", "ODT document"), Dialect::odt);
    result.method = "odt";
    read_properties(zip, result);
    return result;
}

Result extract_docx(const std::string& path, Result result) {
    ZipContents zip = read_zip(path, [](std::string_view name) {
        return name == "word/document.xml" || name == "docProps/core.xml" || is_docx_extra(name);
    });
    result.pages = xml_document_text(required_part(zip, path, "word/document.xml", "document DOCX", "DOCX document"), Dialect::docx);
    result.method = "docx";

    // Headers (often the letterhead) go before the body, footers and notes after it.
    std::string before;
    std::string after;
    for (const auto& [name, xml] : zip.entries) {
        if (!is_docx_extra(name)) continue;
        std::string text = join_pages(xml_document_text(xml, Dialect::docx));
        if (trim(text).empty()) continue;
        (name.starts_with("word/header") ? before : after) += text;
    }
    result.pages.front().insert(0, before);
    if (!after.empty()) {
        std::string& last = result.pages.back();
        if (!last.empty() && last.back() != '\n') last.push_back('\n');
        last += after;
    }

    read_properties(zip, result);
    return result;
}

// A spreadsheet's sheets are its pages.
Result extract_ods(const std::string& path, Result result) {
    ZipContents zip = read_zip(
        path, [](std::string_view name) { return name == "content.xml" || name == "meta.xml"; });
    result.pages = ods_sheets_text(required_part(zip, path, "content.xml", "classeur ODS", "ODS spreadsheet"));
    if (result.pages.empty()) result.pages.emplace_back();
    result.method = "ods";
    read_properties(zip, result);
    return result;
}

// The sheets in the workbook's order, each from the part its relationship names.
Result extract_xlsx(const std::string& path, Result result) {
    ZipContents zip = read_zip(path, [](std::string_view name) {
        return name == "xl/workbook.xml" || name == "xl/_rels/workbook.xml.rels" ||
               name == "xl/sharedStrings.xml" || name == "xl/styles.xml" || name == "docProps/core.xml" ||
               (name.starts_with("xl/worksheets/") && name.ends_with(".xml") &&
                name.find('/', 14) == std::string_view::npos);
    });
    const std::string& workbook = required_part(zip, path, "xl/workbook.xml", "classeur XLSX", "XLSX workbook");
    std::vector<std::string> shared;
    if (const auto s = zip.entries.find("xl/sharedStrings.xml"); s != zip.entries.end())
        shared = xlsx_shared_strings(s->second);
    std::vector<bool> date_styles;
    if (const auto s = zip.entries.find("xl/styles.xml"); s != zip.entries.end()) date_styles = xlsx_date_styles(s->second);
    bool date1904 = false;
    for (const auto& pr : xml_element_attributes(workbook, "workbookPr", {"date1904"}))
        date1904 = pr[0] == "1" || pr[0] == "true";
    std::map<std::string, std::string> target_of;  // relationship id → part
    if (const auto rels = zip.entries.find("xl/_rels/workbook.xml.rels"); rels != zip.entries.end())
        for (const auto& rel : xml_element_attributes(rels->second, "Relationship", {"Id", "Target"})) {
            std::string target = rel[1];
            target = target.starts_with('/') ? target.substr(1) : "xl/" + target;
            target_of[rel[0]] = target;
        }
    std::set<std::string> done;
    for (const auto& sheet : xml_element_attributes(workbook, "sheet", {"name", "r:id"})) {
        const auto part = zip.entries.find(target_of.count(sheet[1]) ? target_of[sheet[1]] : std::string());
        if (part == zip.entries.end()) continue;
        std::string text = xlsx_sheet_text(part->second, shared, date_styles, date1904);
        result.pages.push_back(trim(sheet[0]).empty() ? text : std::string(trim(sheet[0])) + "\n" + text);
        done.insert(part->first);
    }
    // Sheets the workbook does not list (or lists through missing relationships).
    for (const auto& [name, xml] : zip.entries)
        if (name.starts_with("xl/worksheets/") && !done.count(name)) result.pages.push_back(xlsx_sheet_text(xml, shared, date_styles, date1904));
    if (result.pages.empty()) result.pages.emplace_back();
    result.method = "xlsx";
    read_properties(zip, result);
    return result;
}

}  // namespace

Result extract_office(const std::string& path, const Sniffed& type) {
    Result result;
    result.type = type;
    switch (type.kind) {
        case Kind::odt:
            return extract_odt(path, std::move(result));
        case Kind::ods:
            return extract_ods(path, std::move(result));
        case Kind::xlsx:
            return extract_xlsx(path, std::move(result));
        default:
            return extract_docx(path, std::move(result));
    }
}

}  // namespace ububiko::extract::detail
