// The correspondent: who sent a letter the commune received (its letterhead, the signer's
// title, or a citizen's name at the top of a request), or to whom the commune wrote (the
// "À Monsieur le Gouverneur …" block), in a readable form ("Gouverneur de la province de
// Bururi"). Documents the commune keeps for itself (minutes, decisions) have none, except the
// person a receipt, a permit or an attestation is delivered to.
#include "classify/metadata_internal.hpp"

namespace ububiko::classify::detail {

namespace {

bool starts(std::string_view f, std::string_view prefix) { return f.rfind(prefix, 0) == 0; }

// Words of a line of the original text.
std::vector<std::string_view> words_of(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        std::size_t b = i;
        while (i < s.size() && s[i] != ' ') ++i;
        if (b < i) out.push_back(s.substr(b, i - b));
    }
    return out;
}

// After the elided article of a word ("l’Administrateur" → "Administrateur").
std::string_view after_elision(std::string_view w) {
    for (std::string_view apo : {"'", "\xE2\x80\x99"}) {
        std::size_t p = w.find(apo);
        if (p == 1) return w.substr(p + apo.size());
    }
    return w;
}

// "À Son Excellence Monsieur le Ministre de l’Intérieur …" → "Ministère de l’Intérieur …";
// "Le Gouverneur de la province de Bururi" → "Gouverneur de la province de Bururi".
std::string addressee(std::string_view raw) {
    const std::string text = tidy(raw, 400);
    std::vector<std::string_view> w = words_of(text);
    std::size_t i = 0;
    if (i < w.size() && is_word(fold_text(w[i]).text, {"a"})) ++i;
    while (i < w.size()) {
        std::string f = fold_text(w[i]).text;
        if (is_word(f, {"son", "sa", "leurs", "excellence", "monsieur", "madame", "mesdames", "messieurs",
                        "mademoiselle", "mesdemoiselles", "honorable", "mr", "mme", "m.", "et"}))
            ++i;
        else
            break;
    }
    if (i < w.size() && is_word(fold_text(w[i]).text, {"le", "la", "les"})) ++i;
    std::string out;
    for (std::size_t k = i; k < w.size(); ++k) {
        std::string_view word = k == i ? after_elision(w[k]) : w[k];
        std::string f = fold_text(word).text;
        if (k + 1 == w.size() && (f == "(tous)" || f == "(toutes)")) break;
        if (k == i && f == "ministre") word = "Ministère";
        out += (out.empty() ? "" : " ") + std::string(word);
    }
    while (!out.empty() && (out.back() == ',' || out.back() == '.' || out.back() == ';')) out.pop_back();
    return capitalise_first(out);
}

// A letterhead line as a name: sentence case for a line in capitals; in a mixed line
// ("Ets NIYONGABO & FRÈRES") names in capitals capitalised, unless the text writes them so.
std::string name_line(const Doc& doc, std::string_view raw) {
    Doc probe(raw);
    if (!probe.lines.empty() && probe.lines.front().shouting()) return sentence_case(doc, raw);
    std::string out;
    const std::string text = tidy(raw, 300);
    for (std::string_view w : words_of(text)) {
        std::string word(w);
        Doc d(w);
        if (!d.lines.empty() && d.lines.front().letters >= 4 && d.lines.front().capitals == d.lines.front().letters &&
            w.front() != '(') {
            auto it = doc.casing.find(fold_text(w).text);
            if (it == doc.casing.end() || it->second != word) word = capitalise_words(w);
        }
        out += (out.empty() ? "" : " ") + word;
    }
    return out;
}

struct Sender {
    bool commune = false;  // the commune itself (one of its offices)
    bool person = false;   // a private person or association
    std::string name, evidence;
};

bool generic_unit(std::string_view f) {
    for (std::string_view p : {"cabinet du ministre", "direction generale", "secretariat", "b.p", "bp ", "tel",
                               "nif", "rc ", "avenue", "e-mail", "email", "ong de", "bureau de terrain", "(",
                               "quincaillerie", "adresse"})
        if (starts(f, p)) return true;
    return false;
}

bool commune_unit(std::string_view f) {
    for (std::string_view p : {"cabinet de l'administrateur", "conseil communal", "service", "secretariat",
                               "bureau communal", "comptabilite", "etat civil", "commission", "cellule", "comite",
                               "conseil", "direction communale", "regie communale"})
        if (starts(f, p)) return true;
    return false;
}

// A line that marks the letter rather than names its sender: "CONFIDENTIEL", "URGENT".
bool mark(std::string_view f) {
    while (!f.empty() && (f.back() == '.' || f.back() == '!' || f.back() == ' ')) f.remove_suffix(1);
    return is_word(f, {"confidentiel", "confidentielle", "urgent", "tres urgent", "secret", "personnel",
                       "recommande", "copie", "diffusion restreinte", "a rappeler", "rappel"});
}

// The acronym in brackets alone on the line after a name ("(ABELO)").
std::string with_acronym(const Doc& doc, const Layout& lay, int line, std::string name) {
    std::size_t next = static_cast<std::size_t>(line) + 1;
    if (next < doc.lines.size() && static_cast<int>(next) < lay.letterhead_end) {
        std::string_view r = doc.raw(doc.lines[next]);
        if (r.size() >= 3 && r.size() <= 14 && r.front() == '(' && r.back() == ')') name += " " + std::string(r);
    }
    return name;
}

// Whether a letterhead line that is not the state's names a body: in capitals ("SOLIDARITÉ
// RURALE DES GRANDS LACS (SRGL)"), or opening with what a body calls itself ("Ets NIYONGABO &
// FRÈRES", "Paroisse de Bururi"). Not a title such as "# Article 12", not a sentence.
bool body_name(const Doc& doc, int i) {
    const Line& line = doc.lines[i];
    std::string_view raw = doc.raw(line);
    if (line.words > 12 || !starts_upper(raw)) return false;
    // a sentence in capitals ("CECI EST UN PDF DE TEST !") is not a name
    if (raw.find_first_of("!?") != std::string_view::npos || raw.back() == '.') return false;
    if (line.shouting()) return true;
    std::string_view f = doc.fl(line);
    for (std::string_view w : {"ets", "etablissements", "entreprise", "societe", "ste", "ong", "association",
                               "cooperative", "fondation", "fonds", "office", "agence", "institut", "banque",
                               "eglise", "paroisse", "diocese", "ecole", "lycee", "college", "universite", "centre",
                               "hopital", "clinique", "programme", "projet", "regie", "direction", "bureau",
                               "cabinet", "groupe", "union", "federation", "reseau", "mutuelle", "ambassade"})
        if (starts_with_words(f, w)) return true;
    return false;
}

Sender read_sender(const Doc& doc, const Layout& lay) {
    Sender s;
    std::vector<int> head;
    for (int i = 0; i < lay.letterhead_end && i < static_cast<int>(doc.lines.size()); ++i)
        if (i != lay.dateline && !mark(doc.fl(static_cast<std::size_t>(i)))) head.push_back(i);
    auto fl = [&](int i) { return doc.fl(static_cast<std::size_t>(i)); };
    auto raw = [&](int i) { return doc.raw(doc.lines[i]); };
    auto signer = [&]() -> std::string {
        return lay.signature >= 0 ? addressee(raw(lay.signature)) : std::string();
    };
    if (head.empty()) {
        std::string f = lay.signature >= 0 ? std::string(fl(lay.signature)) : "";
        s.commune = starts(f, "l'administrateur communal") || starts(f, "le president du conseil communal");
        s.name = signer();
        s.evidence = lay.signature >= 0 ? std::string(raw(lay.signature)) : "";
        return s;
    }
    std::string_view first = fl(head[0]);
    // A citizen's name on the line of the place and date, as OCR reads a page where they face
    // each other: "HAKIZIMANA Siméon Nyabigina, le 12 octobre 2015".
    if (lay.dateline >= 0 && lay.dateline < head[0]) {
        std::string_view line = raw(lay.dateline);
        std::string_view before = line.substr(0, line.find(','));
        std::size_t place = before.find_last_of(' ');
        if (place != std::string_view::npos)
            if (auto p = person_name(before.substr(0, place))) {
                s.person = true;
                s.name = *p;
                s.evidence = line;
                return s;
            }
    }
    if (auto p = person_name(raw(head[0]))) {
        s.person = true;
        s.name = *p;
        s.evidence = raw(head[0]);
        return s;
    }
    if (starts(first, "association") || starts(first, "cooperative") || starts(first, "groupement")) {
        s.person = true;
        s.name = with_acronym(doc, lay, head[0], name_line(doc, raw(head[0])));
        s.evidence = raw(head[0]);
        return s;
    }
    int commune = -1, ministry = -1, governor = -1, local = -1, province = -1;
    for (int i : head) {
        std::string_view f = fl(i);
        if (starts(f, "commune")) commune = i;
        else if (starts(f, "ministere")) ministry = i;
        else if (starts(f, "cabinet du gouverneur")) governor = i;
        else if (starts(f, "province")) province = i;
        else if (starts(f, "zone ") || starts(f, "colline ") || starts(f, "conseil des notables")) local = i;
    }
    bool state = starts(first, "republique");
    s.evidence = tidy(doc.text.substr(doc.lines[head.front()].begin,
                                      doc.lines[head.back()].end - doc.lines[head.front()].begin), 300);
    if (commune >= 0 && local > commune) {
        // A zone or hill of the commune: its chief signs with the place ("Le Chef de zone Mugozi").
        std::string sig = signer();
        if (!sig.empty() && lay.closing >= 0) {
            s.name = sig;
        } else {
            s.name = name_line(doc, raw(local));
            // "COLLINE GASANDA / CONSEIL DES NOTABLES COLLINAIRES": the council of that hill.
            std::string_view f = fl(local);
            for (int i : head) {
                std::string_view h = fl(i);
                if (i < local && starts(h, "colline ") && (f.ends_with(" collinaire") || f.ends_with(" collinaires"))) {
                    std::string name = s.name.substr(0, s.name.rfind(' '));
                    s.name = name + " de la colline " + capitalise_words(raw(i).substr(8));
                }
            }
        }
        return s;
    }
    if (commune >= 0 && ministry < 0 && governor < 0) {
        bool only_units = true;
        for (int i : head)
            if (i > commune && !commune_unit(fl(i))) only_units = false;
        if (only_units) {
            s.commune = true;
            return s;
        }
    }
    if (ministry >= 0) {
        std::string text(raw(ministry));
        for (int i : head)
            if (i > ministry && i <= ministry + 2 && doc.lines[i].shouting() && !starts(fl(i), "cabinet") &&
                !starts(fl(i), "direction") && !starts(fl(i), "secretariat") && i == ministry + 1)
                text += " " + std::string(raw(i));
        // The ministry's own department when the letterhead goes further down.
        int last = head.back();
        if (last > ministry + 1 && !generic_unit(fl(last)) && !starts(fl(last), "cabinet"))
            text = std::string(raw(last));
        s.name = sentence_case(doc, text);
        return s;
    }
    if (governor >= 0) {
        std::string sig = signer();
        if (fold_text(sig).text.find("gouverneur") != std::string::npos) s.name = sig;
        else if (province >= 0) s.name = "Gouverneur de la " + lower_utf8(raw(province));
        else s.name = "Gouverneur";
        return s;
    }
    // Another body: the most precise line of a state letterhead, the first of any other.
    int pick = -1;
    if (state) {
        for (auto it = head.rbegin(); it != head.rend(); ++it)
            if (!generic_unit(fl(*it)) && !starts(fl(*it), "republique")) {
                pick = *it;
                break;
            }
    } else if (body_name(doc, head.front())) {
        pick = head.front();
    }
    if (pick < 0) return s;
    s.name = with_acronym(doc, lay, pick, name_line(doc, raw(pick)));
    // "SOLIDARITÉ RURALE DES GRANDS LACS (SRGL) / ONG de développement agréée": an NGO says so.
    for (int i : head)
        if (i > pick && i <= pick + 2 && starts(fl(i), "ong ") && !starts(fold_text(s.name).text, "ong "))
            s.name = "ONG " + s.name;
    return s;
}

// "Reçu de : NDAYISHIMIYE Joseph", "Bénéficiaire : NDIKUMANA Pierre-Claver, CNI …", "certifie
// que Madame HAKIZIMANA Marie-Goreth, née …": the person a document is delivered to.
std::optional<Proposed> delivered_to(const Doc& doc, const Layout& lay) {
    const int n = static_cast<int>(doc.lines.size());
    for (int i = lay.letterhead_end; i < n; ++i) {
        std::string_view f = doc.fl(static_cast<std::size_t>(i));
        std::string_view raw = doc.raw(doc.lines[i]);
        for (std::string_view label : {"recu de", "beneficiaire", "nom et prenom", "nom et prenoms"}) {
            if (!starts(f, label)) continue;
            std::size_t k = label.size();
            while (k < f.size() && f[k] == ' ') ++k;
            std::string value;
            if (k < f.size() && f[k] == ':') {
                value = std::string(doc.original(doc.lines[i].fbegin + k + 1, doc.lines[i].fend));
            } else if (k == f.size()) {
                for (int j = i + 1; j < std::min(n, i + 6); ++j) {
                    std::string_view r = doc.raw(doc.lines[j]);
                    if (!r.empty() && r.front() == ':') {
                        value = std::string(r.substr(1));
                        break;
                    }
                }
            }
            value = value.substr(0, value.find(','));
            if (auto p = person_name(value)) return Proposed{*p, tidy(raw, 160)};
        }
        for (std::string_view verb : {"certifie que ", "atteste que ", "certifions que ", "attestons que ",
                                      "a la demande de ", "delivre a ", "delivree a "}) {
            std::size_t p = f.find(verb);
            if (p == std::string_view::npos) continue;
            std::size_t b = doc.lines[i].fbegin + p + verb.size();
            std::string rest(doc.original(b, doc.lines[i].fend));
            rest = rest.substr(0, rest.find(','));
            if (auto name = person_name(rest)) return Proposed{*name, tidy(raw, 160)};
        }
    }
    return std::nullopt;
}

}  // namespace

namespace {

// "entre la commune Bururi et l'ONG Solidarité Rurale des Grands Lacs (SRGL)": the party a
// convention or contract of the commune is made with.
std::optional<Proposed> other_party(const Doc& doc, const Layout& lay) {
    if (lay.heading < 0 || (lay.heading_type != "convention" && lay.heading_type != "contrat")) return std::nullopt;
    const int n = static_cast<int>(doc.lines.size());
    for (int i = lay.heading; i < std::min(n, lay.heading_end + 6); ++i) {
        std::string_view f = doc.fl(static_cast<std::size_t>(i));
        if (!starts(f, "entre ")) continue;
        std::size_t et = f.rfind(" et ");
        if (et == std::string_view::npos || f.substr(0, et).find("commune") == std::string_view::npos) continue;
        std::size_t b = et + 4;
        for (std::string_view article : {"l'", "la ", "le ", "les "})
            if (f.substr(b, article.size()) == article) b += article.size();
        std::size_t e = f.find_first_of(",;", b);
        if (e == std::string_view::npos) e = f.size();
        std::string name = tidy(doc.original(doc.lines[i].fbegin + b, doc.lines[i].fbegin + e), 200);
        while (!name.empty() && (name.back() == '.' || name.back() == ' ')) name.pop_back();
        if (name.empty()) continue;
        return Proposed{capitalise_first(name), tidy(doc.raw(doc.lines[i]), 200)};
    }
    return std::nullopt;
}

}  // namespace

bool private_sender(const Doc& doc, const Layout& lay) {
    return read_sender(doc, lay).person;
}

std::optional<Proposed> propose_correspondent(const Doc& doc, const Layout& lay) {
    Sender sender = read_sender(doc, lay);
    bool letter = lay.letter() || lay.recipient >= 0;
    if (!letter) {
        if (sender.commune || sender.person || sender.name.empty()) {
            if (sender.commune) {
                if (auto party = other_party(doc, lay)) return party;
                return delivered_to(doc, lay);
            }
            return std::nullopt;
        }
        return Proposed{sender.name, sender.evidence};
    }
    if (sender.commune) {
        if (lay.recipient < 0) return std::nullopt;
        std::string text;
        for (int i = lay.recipient; i < lay.recipient_end; ++i) text += std::string(doc.raw(doc.lines[i])) + " ";
        std::string name = addressee(text);
        if (name.empty()) return std::nullopt;
        // a citizen: "À Monsieur NIYONZIMA Jérôme" → "Jérôme Niyonzima", as senders are named
        std::string_view first_line = doc.raw(doc.lines[lay.recipient]);
        if (first_line.size() > 2 && fold_text(first_line.substr(0, 3)).text.rfind("a ", 0) == 0)
            if (auto person = person_name(first_line.substr(first_line.find(' ') + 1))) name = *person;
        return Proposed{name, tidy(text, 200)};
    }
    if (sender.name.empty()) return std::nullopt;
    return Proposed{sender.name, sender.evidence};
}

}  // namespace ububiko::classify::detail
