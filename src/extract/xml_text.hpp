// A small XML reader that pulls the text out of word-processing documents: ODT
// content.xml and the DOCX parts (document, headers, footers, notes), plus single
// metadata elements (dc:title, dates). It understands just enough XML for that: tags,
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

// Replaces &amp; &lt; &gt; &quot; &apos; &#NNN; &#xHH; by the characters they stand for;
// an unknown entity is kept as written, an invalid character reference becomes U+FFFD.
std::string decode_entities(std::string_view text);

}  // namespace ububiko::extract::detail
