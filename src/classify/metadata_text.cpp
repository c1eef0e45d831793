// The text model of metadata extraction: folding with the way back to the original, tokens,
// lines, the casing the document uses, and the keywords that name document types.
#include <algorithm>
#include <cstdint>
#include <map>

#include "classify/metadata_internal.hpp"
#include "core/text.hpp"

namespace ububiko::classify::detail {

namespace {

bool is_upper(char32_t c) {
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) || c == 0x152 || c == 0x178;
}
bool is_lower(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) || c == 0x153;
}
char32_t to_lower(char32_t c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 0x20;
    if (c == 0x152) return 0x153;
    if (c == 0x178) return 0xFF;
    return c;
}
char32_t to_upper(char32_t c) {
    if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 0x20;
    if (c == 0x153) return 0x152;
    if (c == 0xFF) return 0x178;
    return c;
}

// Folded form of one Latin-1 / Latin Extended-A letter, or nullptr.
const char* fold_letter(char32_t c) {
    static const char* const k_latin1[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // C0–CF
        "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "ss",  // D0–DF
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // E0–EF
        "d", "n", "o", "o", "o", "o", "o",  nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};  // F0–FF
    if (c >= 0xC0 && c <= 0xFF) return k_latin1[c - 0xC0];
    if (c == 0x152 || c == 0x153) return "oe";
    if (c == 0x178) return "y";
    return nullptr;
}

bool is_alnum_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}
bool is_space_byte(char c) { return c == ' ' || c == '\n' || c == '\f' || c == '\t' || c == '\v'; }

}  // namespace

Folded fold_text(std::string_view s) {
    Folded out;
    out.text.reserve(s.size());
    out.origin.reserve(s.size() + 1);
    std::size_t i = 0;
    auto put = [&](std::string_view piece, std::size_t from) {
        out.text += piece;
        out.origin.insert(out.origin.end(), piece.size(), from);
    };
    while (i < s.size()) {
        std::size_t from = i;
        char32_t c = next_code_point(s, i);
        if (c < 0x80) {
            char b = static_cast<char>(c);
            if (b >= 'A' && b <= 'Z') b = static_cast<char>(b + 32);
            if (b == '\r' || b == '\t' || b == '\v') b = ' ';
            put(std::string_view(&b, 1), from);
        } else if (const char* letter = fold_letter(c)) {
            put(letter, from);
        } else if (c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000) {
            put(" ", from);
        } else if (c == 0x200B || c == 0xFEFF || c == 0xAD) {
            // zero-width space, byte-order mark, soft hyphen: nothing
        } else if (c == 0x2018 || c == 0x2019 || c == 0x201B || c == 0x2032 || c == 0x2BC || c == 0xB4) {
            put("'", from);
        } else if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0xAB || c == 0xBB) {
            put("\"", from);
        } else if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212) {
            put("-", from);
        } else if (c == 0xB0 || c == 0xBA) {
            put("#", from);
        } else if (c == 0x2026) {
            put("...", from);
        } else {
            std::string cp;
            append_utf8(cp, c);
            put(cp, from);
        }
    }
    out.origin.push_back(s.size());
    return out;
}

Doc::Doc(std::string_view t) : text(t), folded(fold_text(t)) {
    const std::string& f = folded.text;
    bool newline = false, space = false;
    for (std::size_t i = 0; i < f.size();) {
        char c = f[i];
        if (is_space_byte(c)) {
            newline = newline || c == '\n' || c == '\f';
            space = true;
            ++i;
            continue;
        }
        Token tok;
        tok.begin = i;
        tok.newline_before = newline;
        tok.space_before = space;
        tok.word = is_alnum_byte(c);
        if (tok.word) {
            while (i < f.size() && is_alnum_byte(f[i])) ++i;
        } else {
            ++i;
        }
        tok.end = i;
        tokens.push_back(tok);
        newline = space = false;
    }
    // Lines: non-empty, trimmed; each knows its tokens and how much of it is in capitals.
    std::size_t token = 0;
    bool blank = false;
    for (std::size_t pos = 0; pos <= f.size();) {
        std::size_t nl = f.find_first_of("\n\f", pos);
        if (nl == std::string::npos) nl = f.size();
        std::size_t b = pos, e = nl;
        while (b < e && is_space_byte(f[b])) ++b;
        while (e > b && is_space_byte(f[e - 1])) --e;
        if (b == e) {
            blank = true;
        } else {
            Line line;
            line.fbegin = b;
            line.fend = e;
            line.begin = folded.origin[b];
            line.end = folded.origin[e];
            line.blank_before = blank || (pos > 0 && f[pos - 1] == '\f');
            while (token < tokens.size() && tokens[token].begin < b) ++token;
            line.first_token = token;
            while (token < tokens.size() && tokens[token].begin < e) {
                line.words += tokens[token].word ? 1 : 0;
                ++token;
            }
            line.end_token = token;
            std::string_view raw = text.substr(line.begin, line.end - line.begin);
            for (std::size_t k = 0; k < raw.size();) {
                char32_t cp = next_code_point(raw, k);
                if (is_upper(cp)) ++line.capitals, ++line.letters;
                else if (is_lower(cp)) ++line.letters;
            }
            lines.push_back(line);
            blank = false;
        }
        if (nl == f.size()) break;
        pos = nl + 1;
    }
    // How the document writes each word in running text (not at the start of a sentence):
    // "Bururi", "PCDC", "commune". Used to put headings in capitals back into sentence case.
    std::map<std::string, std::map<std::string, int>> seen;
    const Line* previous = nullptr;
    for (const Line& line : lines) {
        const Line* before = previous;
        previous = &line;
        if (line.shouting()) continue;
        // A line that goes on with the sentence of the line before (text wrapped in a PDF):
        // its first word is running text too.
        bool sentence_start = true;
        if (before && !line.blank_before && !before->shouting() && before->words >= 6 &&
            before->end_token > before->first_token) {
            // A line ending in a word (not a number: tables) or a comma.
            std::string_view last = std::string_view(f).substr(tokens[before->end_token - 1].begin,
                                             tokens[before->end_token - 1].end - tokens[before->end_token - 1].begin);
            bool word = is_alnum_byte(last[0]) && last.find_first_not_of("0123456789") != std::string_view::npos;
            sentence_start = !word && last != "," && last != "'";
        }
        for (std::size_t k = line.first_token; k < line.end_token; ++k) {
            const Token& tok = tokens[k];
            if (!tok.word) {
                char p = f[tok.begin];
                sentence_start = p == '.' || p == ':' || p == '!' || p == '?' || p == '-';
                if (p == '\'') sentence_start = false;
                continue;
            }
            if (!sentence_start) {
                std::string_view w = original(tok.begin, tok.end);
                ++seen[std::string(f.substr(tok.begin, tok.end - tok.begin))][std::string(w)];
            }
            sentence_start = false;
        }
    }
    for (auto& [word, forms] : seen) {
        auto best = std::max_element(forms.begin(), forms.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
        casing.emplace(word, best->first);
    }
}

std::string_view Doc::original(std::size_t fbegin, std::size_t fend) const {
    std::size_t b = folded.origin[std::min(fbegin, folded.text.size())];
    std::size_t e = folded.origin[std::min(fend, folded.text.size())];
    return text.substr(b, e - b);
}

std::size_t Doc::line_of(std::size_t fpos) const {
    auto it = std::upper_bound(lines.begin(), lines.end(), fpos,
                               [](std::size_t p, const Line& l) { return p < l.fbegin; });
    return it == lines.begin() ? 0 : static_cast<std::size_t>(it - lines.begin() - 1);
}

bool is_word(std::string_view token, std::initializer_list<std::string_view> any) {
    return std::find(any.begin(), any.end(), token) != any.end();
}

bool starts_with_words(std::string_view folded, std::string_view prefix) {
    if (folded.substr(0, prefix.size()) != prefix) return false;
    return folded.size() == prefix.size() || !is_alnum_byte(folded[prefix.size()]) || !is_alnum_byte(prefix.back());
}

namespace {

// Phrases that open a heading (or a file name) and the document type they name. Matched on
// folded text at word boundaries, the longest first.
constexpr TypeKeyword k_type_keywords[] = {
    {"proces-verbal", "proces-verbal"},
    {"proces verbal", "proces-verbal"},
    {"p.v.", "proces-verbal"},
    {"pv", "proces-verbal"},
    {"deliberation", "deliberation"},
    {"decision", "decision"},
    {"arrete", "arrete"},
    {"ordonnance de paiement", "mandat"},
    {"ordonnance", "ordonnance"},
    {"note de service", "note-de-service"},
    {"note interne", "note-de-service"},
    {"note", "note-de-service"},
    {"lettre circulaire", "circulaire"},
    {"circulaire", "circulaire"},
    {"compte rendu", "compte-rendu"},
    {"compte-rendu", "compte-rendu"},
    {"cr", "compte-rendu"},
    {"compte administratif", "compte"},
    {"compte de gestion", "compte"},
    {"releve de compte", "compte"},
    {"releve bancaire", "compte"},
    {"releve", "fiche"},
    {"rapport", "rapport"},
    {"bilan", "rapport"},
    {"facture", "facture"},
    {"quittance", "quittance"},
    {"recu", "quittance"},
    {"recepisse", "quittance"},
    {"extrait", "extrait"},
    {"copie integrale", "extrait"},
    {"acte de naissance", "acte"},
    {"acte de mariage", "acte"},
    {"acte de deces", "acte"},
    {"acte de reconnaissance", "acte"},
    {"attestation", "attestation"},
    {"certificat", "certificat"},
    {"convocation", "convocation"},
    {"invitation", "invitation"},
    {"communique", "communique"},
    {"avis d'appel d'offres", "dossier-appel-offres"},
    {"avis", "communique"},
    {"requete", "requete"},
    {"demande", "requete"},
    {"plainte", "plainte"},
    {"contrat", "contrat"},
    {"convention", "convention"},
    {"protocole d'accord", "convention"},
    {"accord de partenariat", "convention"},
    {"budget", "budget"},
    {"etat de paie", "etat-de-paie"},
    {"liste de paie", "etat-de-paie"},
    {"mandat de paiement", "mandat"},
    {"mandat", "mandat"},
    {"ordre de paiement", "mandat"},
    {"bon de commande", "bon-de-commande"},
    {"dossier d'appel d'offres", "dossier-appel-offres"},
    {"appel d'offres", "dossier-appel-offres"},
    {"dao", "dossier-appel-offres"},
    {"termes de reference", "dossier-appel-offres"},
    {"permis de batir", "permis"},
    {"permis", "permis"},
    {"autorisation de batir", "permis"},
    {"plan communal de developpement", "plan"},
    {"pcdc", "plan"},
    {"plan d'action", "plan"},
    {"jugement", "jugement"},
    {"registre", "registre"},
    {"inventaire", "liste"},
    {"lettre", "lettre"},
    {"bordereau d'envoi", "lettre"},
};

// Length of the keyword at the start of s (a plural 's' allowed), 0 if none.
std::size_t keyword_length(std::string_view s, const TypeKeyword& k) {
    if (s.substr(0, k.phrase.size()) != k.phrase) return 0;
    std::size_t n = k.phrase.size();
    if (n < s.size() && s[n] == 's' && std::isalpha(static_cast<unsigned char>(k.phrase.back()))) ++n;
    if (n < s.size() && is_alnum_byte(s[n]) && is_alnum_byte(s[n - 1])) return 0;
    return n;
}

const TypeKeyword* longest_keyword(std::string_view s) {
    const TypeKeyword* best = nullptr;
    std::size_t best_len = 0;
    for (const TypeKeyword& k : k_type_keywords) {
        std::size_t n = keyword_length(s, k);
        if (n > best_len) best = &k, best_len = n;
    }
    return best;
}

}  // namespace

const TypeKeyword* type_keyword_at_start(std::string_view folded_line) { return longest_keyword(folded_line); }

const TypeKeyword* type_keyword_anywhere(std::string_view folded) {
    for (std::size_t i = 0; i < folded.size(); ++i) {
        if (i > 0 && is_alnum_byte(folded[i - 1])) continue;
        if (!is_alnum_byte(folded[i])) continue;
        if (const TypeKeyword* k = longest_keyword(folded.substr(i))) return k;
    }
    return nullptr;
}

bool starts_lower(std::string_view raw) {
    std::size_t i = 0;
    return !raw.empty() && is_lower(next_code_point(raw, i));
}

bool starts_upper(std::string_view raw) {
    std::size_t i = 0;
    return !raw.empty() && is_upper(next_code_point(raw, i));
}

std::string lower_utf8(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) append_utf8(out, to_lower(next_code_point(s, i)));
    return out;
}

std::string capitalise_first(std::string_view s) {
    std::string out;
    bool done = false;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = next_code_point(s, i);
        if (!done && (is_lower(c) || is_upper(c))) {
            c = to_upper(c);
            done = true;
        }
        append_utf8(out, c);
    }
    return out;
}

namespace {

}  // namespace

std::string capitalise_words(std::string_view word) {
    std::string out;
    bool start = true;
    for (std::size_t i = 0; i < word.size();) {
        char32_t c = next_code_point(word, i);
        append_utf8(out, start ? to_upper(c) : to_lower(c));
        start = !(is_lower(c) || is_upper(c));
    }
    return out;
}

namespace {

bool all_capitals(std::string_view word, int* letters = nullptr) {
    int n = 0;
    for (std::size_t i = 0; i < word.size();) {
        char32_t c = next_code_point(word, i);
        if (is_lower(c)) return false;
        if (is_upper(c)) ++n;
        else if (c != '-' && c != '\'' && c != 0x2019) return false;
    }
    if (letters) *letters = n;
    return n > 0;
}

bool capitalised(std::string_view word) {
    std::size_t i = 0;
    if (word.empty() || !is_upper(next_code_point(word, i))) return false;
    bool lower = false;
    while (i < word.size()) {
        char32_t c = next_code_point(word, i);
        if (is_lower(c)) lower = true;
        else if (!is_upper(c) && c != '-' && c != '\'' && c != 0x2019 && c != '.') return false;
    }
    return lower;
}

std::vector<std::string_view> split_spaces(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        std::size_t b = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
        if (b < i) out.push_back(s.substr(b, i - b));
    }
    return out;
}

}  // namespace

std::string sentence_case(const Doc& doc, std::string_view shouting) {
    std::string out;
    bool first = true;
    const std::string text = tidy(shouting, 1000);
    // The name after "commune", "province", "zone", "colline" (and "de"): a place, capitalised
    // when the text never writes it in running text ("COMMUNE DE MUGAMBA" → "Commune de Mugamba").
    std::string previous, before_previous;
    for (std::string_view word : split_spaces(text)) {
        const std::string folded_word = fold_text(word).text;
        auto place_word = [](const std::string& w) { return is_word(w, {"commune", "province", "zone", "colline"}); };
        const bool place = place_word(previous) || (previous == "de" && place_word(before_previous));
        before_previous = std::move(previous);
        previous = folded_word;
        std::string piece;
        bool has_digit = std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (has_digit) {
            piece = std::string(word);
            std::size_t digit = word.find_first_of("0123456789");
            if (!first && fold_text(word.substr(0, digit)).text == "n#") piece = "n°" + std::string(word.substr(digit));
        } else {
            // Elided article ("L’", "D’") in lower case, then the word as the text writes it.
            std::size_t cut = 0;
            for (std::string_view apo : {"'", "\xE2\x80\x99"}) {
                std::size_t p = word.find(apo);
                if (p != std::string_view::npos && p <= 2) cut = p + apo.size();
            }
            std::string head = lower_utf8(word.substr(0, cut));
            std::string_view rest = word.substr(cut);
            // Trailing or leading punctuation ("(PCDC)", "BURURI,") stays as it is.
            std::size_t b = 0, e = rest.size();
            while (b < e && std::string_view("(\"«[").find(rest[b]) != std::string_view::npos) ++b;
            while (e > b && std::string_view(")\",.;:»]").find(rest[e - 1]) != std::string_view::npos) --e;
            std::string_view core = rest.substr(b, e - b);
            Folded key = fold_text(core);
            std::string cased;
            auto it = doc.casing.find(key.text);
            int letters = 0;
            if (it != doc.casing.end()) cased = it->second;
            else if (b > 0 && rest[b - 1] == '(' && all_capitals(core, &letters) && letters <= 6)
                cased = std::string(core);  // an acronym in brackets
            else if (place && core.find_first_of("0123456789") == std::string_view::npos) cased = capitalise_words(core);
            else cased = lower_utf8(core);
            piece = head + std::string(rest.substr(0, b)) + cased + std::string(rest.substr(e));
        }
        if (first) piece = capitalise_first(piece);
        if (!out.empty()) out += ' ';
        out += piece;
        first = false;
    }
    return out;
}

std::optional<std::string> person_name(std::string_view raw) {
    const std::string text = tidy(raw, 200);
    std::vector<std::string_view> words = split_spaces(text);
    while (!words.empty() &&
           is_word(fold_text(words.front()).text, {"monsieur", "madame", "mademoiselle", "m.", "mme", "mlle", "mr"}))
        words.erase(words.begin());
    // OCR cuts a word after its capital ("J oseph"): joined again.
    std::vector<std::string> joined;
    for (std::size_t k = 0; k < words.size(); ++k) {
        if (words[k].size() == 1 && starts_upper(words[k]) && k + 1 < words.size() && starts_lower(words[k + 1])) {
            joined.push_back(std::string(words[k]) + std::string(words[k + 1]));
            ++k;
        } else {
            joined.emplace_back(words[k]);
        }
    }
    words.assign(joined.begin(), joined.end());
    if (words.size() < 2 || words.size() > 5) return std::nullopt;
    std::string given, family;
    int family_runs = 0;
    bool last_family = false;
    for (std::string_view w : words) {
        while (!w.empty() && (w.back() == ',' || w.back() == '.')) w.remove_suffix(1);
        int letters = 0;
        if (all_capitals(w, &letters) && letters >= 2) {
            if (!last_family) ++family_runs;
            family += (family.empty() ? "" : " ") + capitalise_words(w);
            last_family = true;
        } else if (capitalised(w)) {
            given += (given.empty() ? "" : " ") + std::string(w);
            last_family = false;
        } else {
            return std::nullopt;
        }
    }
    // One family name block, before or after the given names.
    if (given.empty() || family.empty() || family_runs != 1) return std::nullopt;
    return given + " " + family;
}

std::string tidy(std::string_view s, std::size_t max_bytes) {
    // Runs of white space (no-break spaces included) become one space; invisible characters
    // some word processors leave in a line (zero-width space and joiners, word joiner, byte
    // order mark, soft hyphen) are dropped, or a title would carry them unseen.
    std::string out;
    bool space = false;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t start = i;
        char32_t c = static_cast<unsigned char>(s[i]) < 0x80 ? static_cast<char32_t>(s[i++]) : next_code_point(s, i);
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v' || c == 0xA0 || c == 0x202F) {
            space = !out.empty();
            continue;
        }
        if ((c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF || c == 0xAD) continue;
        if (space) out += ' ';
        space = false;
        out.append(s.substr(start, i - start));
    }
    if (out.size() > max_bytes) {
        std::size_t cut = max_bytes;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
        while (!out.empty() && out.back() == ' ') out.pop_back();
    }
    return out;
}

}  // namespace ububiko::classify::detail
