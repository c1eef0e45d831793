// Metadata proposed from a document's text (see metadata.hpp): the text is read once into
// lines and tokens (metadata_text.cpp), its layout found (metadata_layout.cpp), then each
// reader proposes what it can.
#include "classify/metadata.hpp"

#include "classify/metadata_internal.hpp"
#include "core/text.hpp"

namespace ububiko::classify {

namespace {

// Names and titles are given with plain apostrophes ("Ministère de l'Intérieur"), as people
// type them, so that the same correspondent is written the same way in every record.
void plain_apostrophes(std::optional<Proposed>& p) {
    if (!p) return;
    const std::string_view apostrophe = "\xE2\x80\x99";
    std::string out;
    for (std::size_t i = 0; i < p->value.size();) {
        if (std::string_view(p->value).substr(i, 3) == apostrophe) {
            out += '\'';
            i += 3;
        } else {
            out += p->value[i++];
        }
    }
    p->value = std::move(out);
}

// OCR leaves marks at the end of a line read off a form or a ruled page ("… POINTILLÉS æœ",
// "… 2021 ~|"): trailing words made only of characters that never end a French title are
// dropped. (œ and æ inside a word, "cœur", "Lætitia", are letters and stay.)
bool debris_word(std::string_view w) {
    static constexpr std::string_view k_marks[] = {"æ", "Æ", "œ", "Œ", "|", "¦", "~", "^", "`", "_", "=", "+", "*", "<", ">",
                                                   "\\", "§", "¤", "©", "®", "°", "·", "•", "¬", "¯", "´", "¨", "¸", "¹", "²", "³"};
    if (w.empty() || w.size() > 12) return false;
    while (!w.empty()) {
        bool known = false;
        for (std::string_view m : k_marks)
            if (w.starts_with(m)) {
                w.remove_prefix(m.size());
                known = true;
                break;
            }
        if (!known) return false;
    }
    return true;
}

void drop_scan_debris(std::optional<Proposed>& p) {
    if (!p) return;
    std::string& v = p->value;
    for (;;) {
        std::size_t space = v.find_last_of(' ');
        if (space == std::string::npos || !debris_word(std::string_view(v).substr(space + 1))) break;
        v.resize(space);
        while (!v.empty() && v.back() == ' ') v.pop_back();
    }
}

// A document's own metadata are on its first pages (letterhead, heading, place and date)
// or its last (signature, "Fait à …, le …"). A long text is read there only: the reader
// keeps about fourteen bytes per byte of text, and a 40 MB text file took 650 MB.
constexpr std::size_t k_head_bytes = 96 * 1024, k_tail_bytes = 16 * 1024;

std::string_view pages_read(std::string_view text, std::string& buffer) {
    if (text.size() <= k_head_bytes + k_tail_bytes + 4096) return text;
    buffer = utf8_prefix(text, k_head_bytes);
    // The tail from the start of a line (and so of a character).
    std::size_t from = text.size() - k_tail_bytes;
    std::size_t newline = text.find('\n', from);
    if (newline != std::string_view::npos && newline + 1 < text.size()) from = newline + 1;
    while (from < text.size() && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;
    buffer += "\n\f\n";
    buffer += text.substr(from);
    return buffer;
}

}  // namespace

ProposedMetadata propose_metadata(std::string_view whole_text, std::string_view file_name, const plan::Plan& plan) {
    std::size_t slash = file_name.find_last_of("/\\");
    if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
    std::string buffer;
    const std::string_view text = pages_read(whole_text, buffer);
    detail::Doc doc(text);
    detail::Layout layout = detail::read_layout(doc);
    ProposedMetadata out;
    out.date = detail::propose_date(doc, layout, file_name);
    out.reference = detail::propose_reference(doc, layout);
    out.correspondent = detail::propose_correspondent(doc, layout);
    out.type = detail::propose_type(doc, layout, file_name, plan);
    out.title = detail::propose_title(doc, layout);
    plain_apostrophes(out.correspondent);
    plain_apostrophes(out.title);
    drop_scan_debris(out.title);
    return out;
}

}  // namespace ububiko::classify
