// Metadata proposed from a document's text (see metadata.hpp): the text is read once into
// lines and tokens (metadata_text.cpp), its layout found (metadata_layout.cpp), then each
// reader proposes what it can.
#include "classify/metadata.hpp"

#include "classify/metadata_internal.hpp"

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

}  // namespace

ProposedMetadata propose_metadata(std::string_view text, std::string_view file_name, const plan::Plan& plan) {
    std::size_t slash = file_name.find_last_of("/\\");
    if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
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
    return out;
}

}  // namespace ububiko::classify
