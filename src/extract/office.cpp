#include <map>

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

}  // namespace

Result extract_office(const std::string& path, const Sniffed& type) {
    Result result;
    result.type = type;
    return type.kind == Kind::odt ? extract_odt(path, std::move(result))
                                  : extract_docx(path, std::move(result));
}

}  // namespace ububiko::extract::detail
