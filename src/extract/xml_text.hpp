// A small XML reader that pulls the text out of office documents: ODT content.xml and
// the DOCX parts (document, headers, footers, notes), the sheets of ODS and XLSX
// workbooks, plus single metadata elements (dc:title, dates) and attributes. It understands just enough XML for that: tags,
// attributes, comments, CDATA, processing instructions, the predefined entities and
// character references. It never expands a DTD, so entity bombs cannot hurt. Elements
// are matched by the prefixes both formats use in practice (text:, w:, dc:, …), not by
// namespace URI. Internal to the extract module.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ububiko::extract::detail {

enum class Dialect { odt, docx };

// The text of a document part, one string per page (a DOCX page break, <w:br
// w:type="page"/>, starts a new page; ODT gives one page). Paragraphs and headings end
// with a newline, tabs and line breaks are kept, ODT spaces (<text:s text:c="n"/>) are
// expanded and other whitespace collapsed as ODF says. Deleted tracked changes, comments
// and the fallback copies of DOCX text boxes are left out. Malformed XML yields the text
// read up to the damage; the result is valid UTF-8.
std::vector<std::string> xml_document_text(std::string_view xml, Dialect dialect);

// The text inside the first element named qname (e.g. "dc:title"), entities decoded and
// surrounding whitespace trimmed; nullopt when there is no such element.
std::optional<std::string> xml_element_text(std::string_view xml, std::string_view qname);

// Spreadsheets: each row a line, its cells' text separated by tabs (empty rows and the
// empty cells that end a row are left out); each sheet starts with its name on a line.
// An ODS content.xml: one string per sheet (comments left out).
std::vector<std::string> ods_sheets_text(std::string_view content_xml);
// An XLSX shared-string table (xl/sharedStrings.xml): the text of each entry, in order.
std::vector<std::string> xlsx_shared_strings(std::string_view xml);
// An XLSX style sheet (xl/styles.xml): for each cell format (the s="N" of a cell), whether
// its number format shows a date.
std::vector<bool> xlsx_date_styles(std::string_view styles_xml);
// An XLSX sheet: text cells from the shared strings or written inline, numbers and formula
// results as stored, numbers in a date format as ISO dates (a workbook counts its days
// from 1900, or from 1904 when its workbookPr says date1904).
std::string xlsx_sheet_text(std::string_view sheet_xml, const std::vector<std::string>& shared,
                            const std::vector<bool>& date_styles = {}, bool date1904 = false);

// The listed attributes of every element named qname, in document order, entities decoded
// ("" for an attribute an element does not have).
std::vector<std::vector<std::string>> xml_element_attributes(std::string_view xml, std::string_view qname,
                                                             const std::vector<std::string_view>& names);

// Replaces &amp; &lt; &gt; &quot; &apos; &#NNN; &#xHH; by the characters they stand for;
// an unknown entity is kept as written, an invalid character reference becomes U+FFFD.
std::string decode_entities(std::string_view text);

}  // namespace ububiko::extract::detail
