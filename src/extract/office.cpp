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

Result extract_odt(const std::string& path, Result result) {
    ZipContents zip = read_zip(
        path, [](std::string_view name) { return name == "content.xml" || name == "meta.xml"; });
    const auto content = zip.entries.find("content.xml");
    if (content == zip.entries.end())
        throw file_error(ErrorCode::invalid_input, path,
                         tr("document ODT endommagé (content.xml manquant)",
                            "damaged ODT document (content.xml missing)"));
    result.pages = xml_document_text(content->second, Dialect::odt);
    result.method = "odt";
    if (const auto meta = zip.entries.find("meta.xml"); meta != zip.entries.end()) {
        result.title = xml_element_text(meta->second, "dc:title").value_or("");
        if (auto created = xml_element_text(meta->second, "meta:creation-date"))
            result.created = iso_date_prefix(*created);
    }
    return result;
}

Result extract_docx(const std::string& path, Result result) {
    ZipContents zip = read_zip(path, [](std::string_view name) {
        return name == "word/document.xml" || name == "docProps/core.xml" || is_docx_extra(name);
    });
    const auto document = zip.entries.find("word/document.xml");
    if (document == zip.entries.end())
        throw file_error(ErrorCode::invalid_input, path,
                         tr("document DOCX endommagé (word/document.xml manquant)",
                            "damaged DOCX document (word/document.xml missing)"));
    result.pages = xml_document_text(document->second, Dialect::docx);
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

    if (const auto core = zip.entries.find("docProps/core.xml"); core != zip.entries.end()) {
        result.title = xml_element_text(core->second, "dc:title").value_or("");
        if (auto created = xml_element_text(core->second, "dcterms:created"))
            result.created = iso_date_prefix(*created);
    }
    return result;
}

// A spreadsheet's sheets are its pages.
Result extract_ods(const std::string& path, Result result) {
    ZipContents zip = read_zip(
        path, [](std::string_view name) { return name == "content.xml" || name == "meta.xml"; });
    const auto content = zip.entries.find("content.xml");
    if (content == zip.entries.end())
        throw file_error(ErrorCode::invalid_input, path,
                         tr("classeur ODS endommagé (content.xml manquant)",
                            "damaged ODS spreadsheet (content.xml missing)"));
    result.pages = ods_sheets_text(content->second);
    if (result.pages.empty()) result.pages.emplace_back();
    result.method = "ods";
    if (const auto meta = zip.entries.find("meta.xml"); meta != zip.entries.end()) {
        result.title = xml_element_text(meta->second, "dc:title").value_or("");
        if (auto created = xml_element_text(meta->second, "meta:creation-date"))
            result.created = iso_date_prefix(*created);
    }
    return result;
}

// The sheets in the workbook's order, each from the part its relationship names.
Result extract_xlsx(const std::string& path, Result result) {
    ZipContents zip = read_zip(path, [](std::string_view name) {
        return name == "xl/workbook.xml" || name == "xl/_rels/workbook.xml.rels" ||
               name == "xl/sharedStrings.xml" || name == "docProps/core.xml" ||
               (name.starts_with("xl/worksheets/") && name.ends_with(".xml") &&
                name.find('/', 14) == std::string_view::npos);
    });
    const auto workbook = zip.entries.find("xl/workbook.xml");
    if (workbook == zip.entries.end())
        throw file_error(ErrorCode::invalid_input, path,
                         tr("classeur XLSX endommagé (xl/workbook.xml manquant)",
                            "damaged XLSX workbook (xl/workbook.xml missing)"));
    std::vector<std::string> shared;
    if (const auto s = zip.entries.find("xl/sharedStrings.xml"); s != zip.entries.end())
        shared = xlsx_shared_strings(s->second);
    std::map<std::string, std::string> target_of;  // relationship id → part
    if (const auto rels = zip.entries.find("xl/_rels/workbook.xml.rels"); rels != zip.entries.end())
        for (const auto& rel : xml_element_attributes(rels->second, "Relationship", {"Id", "Target"})) {
            std::string target = rel[1];
            target = target.starts_with('/') ? target.substr(1) : "xl/" + target;
            target_of[rel[0]] = target;
        }
    std::set<std::string> done;
    for (const auto& sheet : xml_element_attributes(workbook->second, "sheet", {"name", "r:id"})) {
        const auto part = zip.entries.find(target_of.count(sheet[1]) ? target_of[sheet[1]] : std::string());
        if (part == zip.entries.end()) continue;
        std::string text = xlsx_sheet_text(part->second, shared);
        result.pages.push_back(trim(sheet[0]).empty() ? text : std::string(trim(sheet[0])) + "\n" + text);
        done.insert(part->first);
    }
    // Sheets the workbook does not list (or lists through missing relationships).
    for (const auto& [name, xml] : zip.entries)
        if (name.starts_with("xl/worksheets/") && !done.count(name)) result.pages.push_back(xlsx_sheet_text(xml, shared));
    if (result.pages.empty()) result.pages.emplace_back();
    result.method = "xlsx";
    if (const auto core = zip.entries.find("docProps/core.xml"); core != zip.entries.end()) {
        result.title = xml_element_text(core->second, "dc:title").value_or("");
        if (auto created = xml_element_text(core->second, "dcterms:created"))
            result.created = iso_date_prefix(*created);
    }
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
