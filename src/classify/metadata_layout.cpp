// The layout of a French administrative document, read from its lines: the letterhead at the
// top (or a private sender's name and address), the place-and-date line, the title heading,
// the recipient block ("À Monsieur le Gouverneur / de la province de Bururi / à BURURI"), the
// "Objet :", the salutation, the closing formula and the signer's title.
#include <algorithm>

#include "classify/metadata_internal.hpp"

namespace ububiko::classify::detail {

namespace {

struct Lines {
    const Doc& doc;

    std::string_view fl(int i) const { return doc.fl(static_cast<std::size_t>(i)); }
    std::string_view raw(int i) const { return doc.raw(doc.lines[i]); }
    const Line& line(int i) const { return doc.lines[i]; }

    bool objet(int i) const {
        std::string_view f = fl(i);
        // A scan may put a stray mark or two before it (": Objet :", "- Objet :").
        std::size_t lead = 0;
        while (lead < f.size() && lead < 4 && (f[lead] == ' ' || f[lead] == ':' || f[lead] == '-' || f[lead] == '.' ||
                                               f[lead] == '|' || f[lead] == '*' || f[lead] == '_'))
            ++lead;
        f.remove_prefix(lead);
        if (f.rfind("objet", 0) != 0 && f.rfind("0bjet", 0) != 0) return false;
        std::size_t k = 5;
        while (k < f.size() && f[k] == ' ') ++k;
        return k < f.size() && f[k] == ':';
    }
    bool reference(int i) const {
        std::string_view f = fl(i);
        return reference_label(f).has_value() || their_reference_label(f) || number_sign(f, 0).has_value();
    }
    bool recipient(int i) const {
        std::string_view f = fl(i);
        if (f.rfind("a ", 0) != 0) return false;
        f.remove_prefix(2);
        if (f.rfind("l'intention", 0) == 0) return false;  // an internal note's readers
        for (std::string_view w : {"monsieur", "madame", "mesdames", "messieurs", "mademoiselle", "mesdemoiselles",
                                   "son ", "sa ", "leurs", "l'", "la ", "le ", "les ", "tous", "toutes", "mme",
                                   "mr", "m.", "honorable", "excellence"})
            if (starts_with_words(f, w)) return true;
        return false;
    }
    bool city(int i) const { return fl(i).rfind("a ", 0) == 0 && line(i).words == 2; }
    bool salutation(int i) const {
        std::string_view f = fl(i);
        bool opening = false;
        for (std::string_view w : {"monsieur", "madame", "mesdames", "messieurs", "mademoiselle", "excellence",
                                   "honorable", "cher", "chere", "chers", "cheres"})
            opening = opening || starts_with_words(f, w);
        return opening && !f.empty() && f.back() == ',' && line(i).words <= 12;
    }
    // Running text: nine words or more, not in capitals. Numbers do not count, so that an
    // address with a telephone number ("Avenue du Marché, Bururi – Tél. 79 41 22 07") is not.
    bool prose(int i) const {
        const Line& l = line(i);
        if (l.shouting()) return false;
        int words = 0;
        for (std::size_t k = l.first_token; k < l.end_token; ++k) {
            std::string_view w = doc.f(k);
            if (doc.tokens[k].word && w.find_first_not_of("0123456789") != std::string_view::npos) ++words;
        }
        return words >= 9;
    }
    const TypeKeyword* keyword(int i) const {
        if (objet(i) || recipient(i) || salutation(i)) return nullptr;
        return type_keyword_at_start(fl(i));
    }
};

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

}  // namespace

Layout read_layout(const Doc& doc) {
    Layout lay;
    lay.dates = find_dates(doc);
    Lines at{doc};
    const int n = static_cast<int>(doc.lines.size());

    for (const DateMatch& m : lay.dates) {
        int li = static_cast<int>(doc.line_of_token(m.first));
        if (li >= 16) break;
        if (place_date_kind(doc, m) == 1) {
            lay.dateline = li;
            break;
        }
    }

    // The letterhead: the lines at the top until the first that belongs to the document itself.
    int i = 0;
    for (; i < n && i < 14; ++i) {
        if (i == lay.dateline) continue;
        if (at.reference(i) || at.recipient(i) || at.objet(i) || at.salutation(i) || at.prose(i) || at.keyword(i))
            break;
    }
    const int top = i;
    lay.letterhead_end = i;
    if (lay.dateline == lay.letterhead_end) ++lay.letterhead_end;  // a date line right after it

    // The addressee, the subject and the salutation of a letter.
    int limit = std::min(n, lay.letterhead_end + 14);
    for (int k = lay.letterhead_end; k < limit; ++k) {
        if (at.objet(k) || at.salutation(k) || (at.prose(k) && !at.recipient(k))) break;
        if (at.recipient(k)) {
            lay.recipient = k;
            int j = k + 1;
            while (j < n && j < k + 5 && starts_lower(at.raw(j)) && !at.city(j)) ++j;
            lay.recipient_end = j;
            break;
        }
    }
    for (int k = lay.letterhead_end; k < std::min(n, 45); ++k) {
        if (at.objet(k)) {
            lay.objet = k;
            int j = k + 1;
            while (j < n && j < k + 3 && starts_lower(at.raw(j)) && !at.salutation(j)) ++j;
            lay.objet_end = j;
            break;
        }
    }
    int from = std::max({lay.letterhead_end, lay.recipient_end, lay.objet_end});
    for (int k = from; k < std::min(n, from + 4); ++k) {
        if (at.salutation(k)) {
            lay.salutation = k;
            break;
        }
    }

    // The heading: a line that names the document's type, before the running text.
    for (int k = top; k < std::min(n, top + 10); ++k) {
        if (k == lay.dateline || at.reference(k) || (k >= lay.recipient && k < lay.recipient_end)) continue;
        if (k == lay.objet || k == lay.salutation) break;
        if (const TypeKeyword* kw = at.keyword(k)) {
            lay.heading = k;
            lay.heading_type = std::string(kw->type);
            int j = k + 1;
            if (doc.lines[k].shouting())
                while (j < n && j < k + 4 && doc.lines[j].shouting() && !at.reference(j) && j != lay.dateline &&
                       !at.recipient(j))
                    ++j;
            lay.heading_end = j;
            break;
        }
        if (at.prose(k)) break;
    }

    lay.body = std::max({lay.letterhead_end, lay.dateline + 1, lay.heading_end, lay.recipient_end, lay.objet_end,
                         lay.salutation + 1});
    lay.body = std::min(lay.body, n);

    for (int k = lay.body; k < n; ++k) {
        std::string_view f = at.fl(k);
        for (std::string_view formula : {"veuillez agreer", "vous prie d'agreer", "prie de croire", "veuillez croire",
                                         "l'expression de ma", "l'expression de mes", "l'expression de notre",
                                         "l'assurance de ma", "l'assurance de notre"}) {
            if (contains(f, formula)) {
                lay.closing = k;
                break;
            }
        }
        if (lay.closing >= 0) break;
    }
    int sign_from = lay.closing;
    if (sign_from < 0)
        for (const DateMatch& m : lay.dates)
            if (place_date_kind(doc, m) == 2) sign_from = static_cast<int>(doc.line_of_token(m.first));
    if (sign_from >= 0) {
        for (int k = sign_from + 1; k < std::min(n, sign_from + 8); ++k) {
            std::string_view f = at.fl(k);
            bool title = starts_with_words(f, "le") || starts_with_words(f, "la") || f.rfind("l'", 0) == 0 ||
                         starts_with_words(f, "pour");
            if (title && doc.lines[k].words <= 12) {
                lay.signature = k;
                break;
            }
        }
    }
    return lay;
}

}  // namespace ububiko::classify::detail
