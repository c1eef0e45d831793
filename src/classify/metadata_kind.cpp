// The document type and the title. The type comes from the heading ("PROCÈS-VERBAL N°…",
// "DÉCISION N°…", "NOTE DE SERVICE"), else, for a letter ("Objet :" and a salutation or an
// addressee), from what its subject announces (a report, an invitation, a citizen's request)
// or "lettre", else from the file name; always a type the plan knows. The title is the
// letter's subject, else the heading in sentence case, never the letterhead.
#include "classify/metadata_internal.hpp"

namespace ububiko::classify::detail {

namespace {

std::optional<Proposed> resolved(const plan::Plan& plan, std::string_view type, std::string evidence) {
    if (const plan::DocumentType* t = plan.resolve_type(type)) return Proposed{t->id, std::move(evidence)};
    return std::nullopt;
}

// The subject of a letter, after "Objet :", over its lines.
std::string objet_text(const Doc& doc, const Layout& lay) {
    std::string text;
    for (int i = lay.objet; i < lay.objet_end; ++i) text += std::string(doc.raw(doc.lines[i])) + " ";
    // The colon after "Objet", past any stray marks before the word.
    std::size_t word = text.find_first_not_of(" :-.|*_");
    std::size_t colon = text.find(':', word == std::string::npos ? 0 : word);
    text = tidy(colon == std::string::npos ? text : text.substr(colon + 1), 400);
    // A scan's table rules and page edges come out as " | ": a subject never has them.
    if (std::size_t bar = text.find(" |"); bar != std::string::npos) text.resize(bar);
    while (!text.empty() && (text.back() == '.' || text.back() == ';')) text.pop_back();
    return text;
}

std::string heading_text(const Doc& doc, const Layout& lay) {
    std::string text;
    for (int i = lay.heading; i < lay.heading_end; ++i) text += std::string(doc.raw(doc.lines[i])) + " ";
    return tidy(text, 400);
}

// Types a letter's subject can announce ("Objet : Rapport mensuel …", "Objet : Transmission du
// rapport …", "Objet : Demande d'un stand …").
const TypeKeyword* announced(std::string_view subject) {
    std::string_view s = subject;
    for (std::string_view lead : {"transmission du ", "transmission de la ", "transmission des ", "envoi du ",
                                  "envoi de la ", "envoi des "}) {
        if (s.rfind(lead, 0) == 0) {
            s.remove_prefix(lead.size());
            break;
        }
    }
    const TypeKeyword* k = type_keyword_at_start(s);
    if (!k) return nullptr;
    for (std::string_view t : {"rapport", "invitation", "convocation", "plainte", "requete", "compte-rendu"})
        if (k->type == t) return k;
    return nullptr;
}

std::string base_name(std::string_view file_name) {
    std::size_t slash = file_name.find_last_of("/\\");
    if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
    std::size_t dot = file_name.rfind('.');
    if (dot != std::string_view::npos && dot > 0) file_name = file_name.substr(0, dot);
    return std::string(file_name);
}

}  // namespace

std::optional<Proposed> propose_type(const Doc& doc, const Layout& lay, std::string_view file_name,
                                     const plan::Plan& plan) {
    std::string name = base_name(file_name);
    std::string folded_name = fold_text(name).text;
    for (char& c : folded_name)
        if (c == '_') c = ' ';
    const TypeKeyword* from_name = type_keyword_anywhere(folded_name);

    if (lay.heading >= 0)
        if (auto t = resolved(plan, lay.heading_type, heading_text(doc, lay))) return t;

    if (lay.letter()) {
        std::string subject = objet_text(doc, lay);
        std::string evidence = tidy(doc.raw(doc.lines[lay.objet]), 200);
        std::string type = "lettre";
        if (const TypeKeyword* k = announced(fold_text(subject).text)) {
            type = std::string(k->type);
            // "Demande d'appui" from an office is a letter; from a citizen, a request.
            if (type == "requete" && !private_sender(doc, lay)) type = "lettre";
        } else if (private_sender(doc, lay)) {
            type = "requete";
        }
        if (type == "lettre" && from_name && from_name->type != "lettre") {
            for (std::string_view t : {"rapport", "requete", "plainte", "invitation", "convocation", "circulaire",
                                       "communique", "compte-rendu", "note-de-service"})
                if (from_name->type == t)
                    if (auto r = resolved(plan, t, name)) return r;
        }
        if (auto t = resolved(plan, type, evidence)) return t;
    }

    if (from_name)
        if (auto t = resolved(plan, from_name->type, name)) return t;
    return std::nullopt;
}

std::optional<Proposed> propose_title(const Doc& doc, const Layout& lay) {
    if (lay.objet >= 0) {
        std::string subject = objet_text(doc, lay);
        if (!subject.empty()) return Proposed{tidy(subject, 200), tidy(doc.raw(doc.lines[lay.objet]), 200)};
    }
    if (lay.heading >= 0) {
        std::string text = heading_text(doc, lay);
        std::string title = doc.lines[lay.heading].shouting() ? sentence_case(doc, text) : text;
        while (!title.empty() && (title.back() == '.' || title.back() == ':' || title.back() == ' ')) title.pop_back();
        if (!title.empty()) return Proposed{tidy(title, 200), text};
    }
    return std::nullopt;
}

}  // namespace ububiko::classify::detail
