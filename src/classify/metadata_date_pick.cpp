// Which of a document's dates is its own. In order of trust: the place-and-date line at the
// top of a letter ("Bururi, le 3 mars 2024"); "Fait à Bururi, le …" at the end of a decision
// or an attestation; the formal opening of minutes ("L'an deux mille vingt-trois, le trentième
// jour du mois de mars"); a date in the heading ("… SESSION ORDINAIRE DU 30 MARS 2023"); the
// adoption or approval date under a heading ("Approuvé par le Ministre … le 19 janvier 2024",
// the latest of them); a date that opens the first paragraph ("Le mardi 20 décembre 2016, le
// conseil …"); then any date near the top; then a date in the file name. Dates of cited texts
// ("Vu la loi n°1/33 du 28 novembre 2014", "votre lettre du 25 juin 2018") and birth dates
// ("né le …") are never the document's.
#include <algorithm>
#include <regex>

#include "classify/metadata_internal.hpp"

namespace ububiko::classify::detail {

namespace {

bool weekday(std::string_view w) {
    return is_word(w, {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"});
}

// The date cites another text, or is not the document's own event. In the heading, the date
// after the document's own number is its own ("ORDONNANCE N°540/1124 DU 15 JANVIER 2021"),
// unless a cited text is named just before it ("… DE LA LOI N°1/33 DU 28 NOVEMBRE 2014").
bool cited(const Doc& doc, const DateMatch& m, bool in_heading) {
    const Line& line = doc.lines[doc.line_of_token(m.first)];
    std::size_t i = m.first;
    auto at = [&](std::size_t k) { return doc.f(k); };
    // The clause the date is in: back to a ';' or the start of a "Vu …" paragraph.
    std::size_t b = i;
    for (std::size_t steps = 0; b > 0 && steps < 40; ++steps) {
        std::string_view w = at(b - 1);
        if (w == ";" || (w == "." && doc.tokens[b].space_before)) break;
        --b;
    }
    if (b < i && at(b) == "vu") return true;
    if (at(line.first_token) == "vu") return true;
    // "Votre correspondance du 24/03/2021 reçue par nos services le 24/03/2021": the dates of
    // the letter answered.
    for (std::size_t k = std::max(b, i >= 16 ? i - 16 : 0); k + 1 < i; ++k)
        if (is_word(at(k), {"votre", "vos"}) &&
            is_word(at(k + 1), {"lettre", "lettres", "correspondance", "courrier", "courriers", "demande", "requete",
                                "message", "note", "rapport", "plainte"}))
            return true;
    std::size_t p = i;
    if (p > 0 && weekday(at(p - 1))) --p;
    if (p >= 2 && is_word(at(p - 1), {"le", "du"}) &&
        is_word(at(p - 2), {"ne", "nee", "nes", "nees", "depuis", "avant"}))
        return true;
    // "… n°1/33 du 28 novembre 2014", "… lettre n°052/ADM/BRR/2018 du 12 février 2018"
    if (!in_heading && p >= 2 && at(p - 1) == "du" && doc.tokens[p - 2].word) {
        std::string_view prev = at(p - 2);
        bool number = prev.find_first_of("0123456789") != std::string_view::npos;
        if (number && p >= 3 && (at(p - 3) == "/" || at(p - 3) == "#" || at(p - 3) == "-")) return true;
    }
    const std::size_t window = in_heading ? 9 : 6;
    for (std::size_t k = p >= window ? p - window : 0; k < p; ++k) {
        if (in_heading && k <= line.first_token + 1) continue;  // the heading's own type word
        if (is_word(at(k), {"loi", "decret", "lettre", "circulaire", "message", "correspondance", "telegramme",
                            "ordonnance", "arrete"}) &&
            (!in_heading || k > line.first_token + 1))
            return true;
    }
    return false;
}

struct Scored {
    int score = 0;
    const DateMatch* date = nullptr;
    std::size_t context = 0;  // first token of the evidence
    bool status = false;      // an adoption or approval date: the latest wins
};

}  // namespace

std::optional<Proposed> propose_date(const Doc& doc, const Layout& lay, std::string_view file_name) {
    std::optional<Scored> best;
    for (const DateMatch& m : lay.dates) {
        const int li = static_cast<int>(doc.line_of_token(m.first));
        if (cited(doc, m, lay.heading >= 0 && li >= lay.heading && li < lay.heading_end)) continue;
        const Line& line = doc.lines[li];
        Scored s{0, &m, m.first, false};
        int kind = place_date_kind(doc, m);
        if (kind == 1) {
            s.score = li < 16 || li <= lay.body ? 100 : 50;
            s.context = line.first_token;
        } else if (kind == 2) {
            s.score = 90;
            s.context = line.first_token;
        } else if (m.formal) {
            s.score = 88;
        } else if (lay.heading >= 0 && li >= lay.heading && li < lay.heading_end) {
            s.score = 80;
        } else {
            std::size_t p = m.first;
            if (p > line.first_token && weekday(doc.f(p - 1))) --p;
            if (p > line.first_token && is_word(doc.f(p - 1), {"le", "du", "ce"})) --p;
            // A date in the lines under the heading, after "adopté", "approuvé", "voté" …
            int top = std::max(lay.heading_end, lay.letterhead_end);
            if (li < top + 4 && li < lay.body + 4) {
                for (std::size_t k = m.first; k > 0 && m.first - k < 30; --k) {
                    std::string_view w = doc.f(k - 1);
                    if (w == "." || w == ";") break;
                    for (std::string_view stem : {"adopt", "approuv", "vote", "arrete", "signe", "promulgu"})
                        if (w.rfind(stem, 0) == 0) s.score = 70, s.status = true, s.context = k - 1;
                    if (s.status) break;
                }
            }
            if (!s.status) {
                bool opens_line = p == line.first_token;
                bool early = li <= lay.body + 2;
                bool met = false;
                for (std::size_t k = m.first; k > line.first_token && m.first - k < 8; --k) {
                    std::string_view w = doc.f(k - 1);
                    met = met || w.rfind("tenu", 0) == 0 || w.rfind("reuni", 0) == 0;
                }
                if (opens_line && early) s.score = 60, s.context = p;
                else if (met && li < lay.body + 6) s.score = 55;
                else if (li < 30) s.score = 10;
                else continue;
            }
        }
        if (s.context == m.first && m.first > line.first_token && is_word(doc.f(m.first - 1), {"du", "le"}))
            s.context = m.first - 1;
        bool better = !best || s.score > best->score ||
                      (s.score == best->score && s.status && best->status &&
                       m.iso() > best->date->iso());
        if (better) best = s;
    }
    if (best) {
        std::size_t b = doc.tokens[best->context].begin, e = doc.tokens[best->date->last - 1].end;
        return Proposed{best->date->iso(), tidy(doc.original(b, e), 160)};
    }
    // The file name: "scan 2024-03-05.pdf", "IMG_20240305_101500.jpg", "PV 05-03-2024.pdf".
    std::string name(file_name);
    static const std::regex k_iso(R"((?:^|[^0-9])((?:19|20)[0-9]{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12][0-9]|3[01])(?:[^0-9]|$))");
    static const std::regex k_dmy(R"((?:^|[^0-9])(0[1-9]|[12][0-9]|3[01])[-_.](0[1-9]|1[0-2])[-_.]((?:19|20)[0-9]{2})(?:[^0-9]|$))");
    std::smatch sm;
    std::string iso;
    if (std::regex_search(name, sm, k_iso)) iso = sm[1].str() + "-" + sm[2].str() + "-" + sm[3].str();
    else if (std::regex_search(name, sm, k_dmy)) iso = sm[3].str() + "-" + sm[2].str() + "-" + sm[1].str();
    if (iso.empty()) return std::nullopt;
    auto checked = parse_french_date(iso);
    if (!checked) return std::nullopt;
    return Proposed{*checked, name};
}

}  // namespace ububiko::classify::detail
