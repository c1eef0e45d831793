// Dates in French administrative text: "3 mars 2024", "1er mars 2024", "03/03/2024",
// "2024-03-03", "le trois mars deux mille vingt-quatre", "l'an deux mille vingt-deux, le
// quinzième jour du mois de mars"; and which of a document's dates is its own.
//
// Two-digit years ("3/3/24") follow POSIX strptime's %y: 00–68 are 2000–2068, 69–99 are
// 1969–1999. Years are accepted from 1900 to 2099. OCR slips are forgiven where they cannot
// make another date: 'O' for 0 and 'l' or 'I' for 1 in numbers ("2O24", "l5"), "1e" or "Ie"
// for "le", one wrong letter in the longer month names ("fevrler"), "rn" for "m" ("rnars").
#include <algorithm>
#include <cstdio>
#include <regex>

#include "classify/metadata_internal.hpp"

namespace ububiko::classify::detail {

namespace {

constexpr std::string_view k_months[12] = {"janvier", "fevrier", "mars",     "avril",   "mai",      "juin",
                                           "juillet", "aout",    "septembre", "octobre", "novembre", "decembre"};

bool within_one_edit(std::string_view a, std::string_view b) {
    if (a.size() > b.size()) std::swap(a, b);
    if (b.size() - a.size() > 1) return false;
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    if (i == a.size()) return true;
    if (a.size() == b.size())
        return a.substr(i + 1) == b.substr(i + 1) ||
               (i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2));
    return a.substr(i) == b.substr(i + 1);
}

std::optional<int> month_number(std::string_view word) {
    std::string w;
    for (std::size_t i = 0; i < word.size(); ++i) {
        char c = word[i];
        if (c == '0') c = 'o';
        if (c == '1') c = 'l';
        if (c == 'r' && i + 1 < word.size() && word[i + 1] == 'n') c = 'm', ++i;
        w += c;
    }
    for (int m = 0; m < 12; ++m)
        if (w == k_months[m]) return m + 1;
    static const std::pair<std::string_view, int> k_short[] = {{"janv", 1}, {"fev", 2},  {"fevr", 2}, {"avr", 4},
                                                              {"juil", 7}, {"sept", 9}, {"sep", 9},  {"oct", 10},
                                                              {"nov", 11}, {"dec", 12}};
    for (const auto& [s, m] : k_short)
        if (w == s) return m;
    // Kirundi ("ku wa 16 Ntwarante 2013"): only the names whose month was checked against a
    // dated source (IGIHE Burundi's article on the names of the months, and dated Burundian
    // pages: "Ku wa 16 Ntwarante 2013" beside 16/03/2013, "lundi 16 Gitugutu 2017", a Monday
    // in October). A name read as the wrong month would misdate a record, so the six others
    // are left until someone confirms them.
    static const std::pair<std::string_view, int> k_kirundi[] = {
        {"nzero", 1}, {"ruhuhuma", 2}, {"ntwarante", 3}, {"ndamukiza", 4}, {"ndamukiriza", 4}, {"rusama", 5}, {"gitugutu", 10}};
    for (const auto& [s, m] : k_kirundi)
        if (w == s) return m;
    if (w.size() >= 6)
        for (int m = 0; m < 12; ++m)
            if (k_months[m].size() >= 6 && within_one_edit(w, k_months[m])) return m + 1;
    return std::nullopt;
}

bool weekday(std::string_view w) {
    return is_word(w, {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"});
}
// "le" as written, or as OCR reads it.
bool le_like(std::string_view w) { return is_word(w, {"le", "1e", "ie", "lc", "1c", "ic"}); }
// How many tokens before p say "on the": "le" (French), "ku wa" (Kirundi); 0 when none.
std::size_t le_before(const Doc& d, std::size_t p, std::size_t floor) {
    if (p > floor && le_like(d.f(p - 1))) return 1;
    if (p >= floor + 2 && d.f(p - 2) == "ku" && d.f(p - 1) == "wa") return 2;
    return 0;
}

// A number in digits, with OCR's letters for digits when some real digit is there.
std::optional<int> digits(std::string_view w, std::size_t max_len, bool ocr) {
    if (w.empty() || w.size() > max_len) return std::nullopt;
    int v = 0, real = 0;
    for (char c : w) {
        if (c >= '0' && c <= '9') v = v * 10 + (c - '0'), ++real;
        else if (ocr && c == 'o') v = v * 10;
        else if (ocr && (c == 'l' || c == 'i')) v = v * 10 + 1;
        else return std::nullopt;
    }
    if (real == 0 || (w.size() == 4 && real < 2)) return std::nullopt;
    return v;
}

std::optional<int> cardinal(std::string_view w) {
    static const std::pair<std::string_view, int> k_words[] = {
        {"un", 1},       {"une", 1},       {"deux", 2},     {"trois", 3},     {"quatre", 4},  {"cinq", 5},
        {"six", 6},      {"sept", 7},      {"huit", 8},     {"neuf", 9},      {"dix", 10},    {"onze", 11},
        {"douze", 12},   {"treize", 13},   {"quatorze", 14}, {"quinze", 15},  {"seize", 16},  {"vingt", 20},
        {"vingts", 20},  {"trente", 30},   {"quarante", 40}, {"cinquante", 50}, {"soixante", 60}, {"cent", 100},
        {"cents", 100},  {"mille", 1000},  {"mil", 1000}};
    for (const auto& [s, v] : k_words)
        if (w == s) return v;
    return std::nullopt;
}

std::optional<int> ordinal(std::string_view w) {
    if (w == "premier" || w == "premiere") return 1;
    if (w.size() < 6 || w.substr(w.size() - 4) != "ieme") return std::nullopt;
    std::string stem(w.substr(0, w.size() - 4));
    if (stem == "cinqu") return 5;
    if (stem == "neuv") return 9;
    if (auto v = cardinal(stem)) return v;
    if (auto v = cardinal(stem + "e")) return v;
    return std::nullopt;
}

struct Number {
    int value = 0;
    std::size_t next = 0;
    bool ordinal = false;
};

// A number in words from token i: "vingt-quatre", "deux mille vingt-trois", "trentième".
std::optional<Number> number_words(const Doc& d, std::size_t i) {
    auto is_number_word = [&](std::size_t k) {
        return k < d.tokens.size() && d.tokens[k].word && (cardinal(d.f(k)) || ordinal(d.f(k)));
    };
    int total = 0, current = 0, last = -1;
    bool any = false, ord = false;
    std::size_t k = i, end = i;
    while (k < d.tokens.size() && !ord) {
        std::string_view w = d.f(k);
        if (any && (w == "-" || w == "et") && is_number_word(k + 1)) {
            ++k;
            continue;
        }
        // "vingt-et-un" (the 1990 spelling)
        if (any && w == "-" && k + 2 < d.tokens.size() && d.f(k + 1) == "et" && d.f(k + 2) == "-" &&
            is_number_word(k + 3)) {
            k += 3;
            continue;
        }
        if (!d.tokens[k].word) break;
        std::optional<int> v = cardinal(w);
        if (!v && (v = ordinal(w))) ord = true;
        if (!v) break;
        if (*v < 10 && last >= 1 && last < 10 && w != "vingt") break;  // "trois quatre": two numbers
        if (*v == 1000) {
            total += (current ? current : 1) * 1000, current = 0;
        } else if (*v == 100) {
            current = (current ? current : 1) * 100;
        } else if (*v == 20 && last == 4 && current % 100 == 4) {
            current += 76;  // quatre-vingt
        } else {
            current += *v;
        }
        last = *v;
        any = true;
        end = ++k;
    }
    if (!any) return std::nullopt;
    return Number{total + current, end, ord};
}

struct Part {
    int value = 0;
    std::size_t next = 0;
};

std::optional<Part> day_at(const Doc& d, std::size_t i) {
    if (i >= d.tokens.size() || !d.tokens[i].word) return std::nullopt;
    std::string_view w = d.f(i);
    if (is_word(w, {"1er", "1re", "ler", "ier", "1ier"})) return Part{1, i + 1};
    // "1 er" as OCR spaces it
    if (w == "1" && i + 1 < d.tokens.size() && is_word(d.f(i + 1), {"er", "re"})) return Part{1, i + 2};
    if (auto v = digits(w, 2, true); v && *v >= 1 && *v <= 31) return Part{*v, i + 1};
    if (auto n = number_words(d, i); n && n->value >= 1 && n->value <= 31) return Part{n->value, n->next};
    return std::nullopt;
}

std::optional<Part> year_at(const Doc& d, std::size_t k) {
    if (k >= d.tokens.size()) return std::nullopt;
    if (d.tokens[k].word && d.f(k).size() == 4)
        if (auto v = digits(d.f(k), 4, true); v && *v >= 1900 && *v <= 2099) return Part{*v, k + 1};
    if (auto n = number_words(d, k); n && !n->ordinal && n->value >= 1900 && n->value <= 2099)
        return Part{n->value, n->next};
    return std::nullopt;
}

bool valid(int y, int m, int day) {
    static const int k_days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || day < 1 || day > k_days[m - 1]) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && day == 29 && !leap);
}

// "<day> [jour du mois de] <month>" from token i; month in value, next after it.
std::optional<std::pair<int, Part>> day_month_at(const Doc& d, std::size_t i) {
    auto day = day_at(d, i);
    if (!day) return std::nullopt;
    std::size_t k = day->next;
    auto at = [&](std::size_t j) { return j < d.tokens.size() ? d.f(j) : std::string_view(); };
    if (at(k) == "jour") ++k;
    if (at(k) == "du" && at(k + 1) == "mois") {
        k += 2;
        if (at(k) == "de") ++k;
        else if (at(k) == "d" && at(k + 1) == "'") k += 2;
    }
    if (k >= d.tokens.size() || !d.tokens[k].word) return std::nullopt;
    auto month = month_number(at(k));
    if (!month) return std::nullopt;
    ++k;
    if (at(k) == "." && at(k - 1).size() <= 4) ++k;  // "sept." "janv."
    return std::pair{day->value, Part{*month, k}};
}

// "3 mars 2024", "trois mars deux mille vingt-quatre", "15e jour du mois de mars de l'an …".
std::optional<DateMatch> day_month_year_at(const Doc& d, std::size_t i) {
    auto dm = day_month_at(d, i);
    if (!dm) return std::nullopt;
    std::size_t k = dm->second.next;
    auto at = [&](std::size_t j) { return j < d.tokens.size() ? d.f(j) : std::string_view(); };
    if (at(k) == "de" && at(k + 1) == "l" && at(k + 2) == "'" && is_word(at(k + 3), {"an", "annee"})) k += 4;
    auto year = year_at(d, k);
    if (!year || !valid(year->value, dm->second.value, dm->first)) return std::nullopt;
    return DateMatch{i, year->next, year->value, dm->second.value, dm->first, false};
}

// "l'an deux mille vingt-trois, le trentième jour du mois de mars".
std::optional<DateMatch> formal_at(const Doc& d, std::size_t i) {
    auto at = [&](std::size_t j) { return j < d.tokens.size() ? d.f(j) : std::string_view(); };
    if (at(i) != "l" || at(i + 1) != "'" || !is_word(at(i + 2), {"an", "annee"})) return std::nullopt;
    auto year = year_at(d, i + 3);
    if (!year) return std::nullopt;
    std::size_t k = year->next;
    if (at(k) == ",") ++k;
    if (at(k) == "et") ++k;
    if (!le_like(at(k))) return std::nullopt;
    auto dm = day_month_at(d, k + 1);
    if (!dm || !valid(year->value, dm->second.value, dm->first)) return std::nullopt;
    return DateMatch{i, dm->second.next, year->value, dm->second.value, dm->first, true};
}

// "03/03/2024", "3-3-24", "03.03.2024", "2024-03-03".
std::optional<DateMatch> numeric_at(const Doc& d, std::size_t i) {
    const auto& t = d.tokens;
    if (i + 4 >= t.size()) return std::nullopt;
    if (!t[i].word || !t[i + 2].word || !t[i + 4].word) return std::nullopt;
    std::string_view sep = d.f(i + 1);
    if (sep != "/" && sep != "-" && sep != ".") return std::nullopt;
    if (d.f(i + 3) != sep) return std::nullopt;
    // The separators hug the numbers ("03 / 03 / 2024" only with slashes).
    for (std::size_t k : {i + 1, i + 2, i + 3, i + 4})
        if (t[k].space_before && sep != "/") return std::nullopt;
    if (t[i + 1].newline_before || t[i + 3].newline_before) return std::nullopt;
    // Not part of a longer chain: "N°12/03/2024", "1/12/05/2024", "03/03/2024/5".
    if (i > 0 && !t[i].space_before && !t[i - 1].word) return std::nullopt;
    if (i + 5 < t.size() && !t[i + 5].space_before && !t[i + 5].word && i + 6 < t.size() && t[i + 6].word &&
        !t[i + 6].space_before && d.f(i + 5) != ".")
        return std::nullopt;
    std::string_view a = d.f(i), b = d.f(i + 2), c = d.f(i + 4);
    auto na = digits(a, 4, false), nb = digits(b, 2, false), nc = digits(c, 4, false);
    if (!na || !nb || !nc) return std::nullopt;
    int y = 0, m = 0, day = 0;
    if (a.size() == 4 && c.size() <= 2) {
        y = *na, m = *nb, day = *nc;
    } else if (a.size() <= 2 && (c.size() == 4 || c.size() == 2)) {
        day = *na, m = *nb, y = *nc;
        if (c.size() == 2) y += y <= 68 ? 2000 : 1900;
    } else {
        return std::nullopt;
    }
    if (y < 1900 || y > 2099 || !valid(y, m, day)) return std::nullopt;
    return DateMatch{i, i + 5, y, m, day, false};
}

}  // namespace

std::string DateMatch::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::vector<DateMatch> find_dates(const Doc& doc) {
    std::vector<DateMatch> out;
    for (std::size_t i = 0; i < doc.tokens.size();) {
        std::optional<DateMatch> m;
        if (doc.tokens[i].word || doc.f(i) == "l") {
            m = formal_at(doc, i);
            if (!m) m = day_month_year_at(doc, i);
            if (!m) m = numeric_at(doc, i);
        }
        if (m) {
            out.push_back(*m);
            i = m->last;
        } else {
            ++i;
        }
    }
    return out;
}

int place_date_kind(const Doc& doc, const DateMatch& m) {
    const Line& line = doc.lines[doc.line_of_token(m.first)];
    std::size_t p = m.first;
    if (p > line.first_token && weekday(doc.f(p - 1))) --p;
    const std::size_t le_tokens = le_before(doc, p, line.first_token);
    const bool le = le_tokens > 0;
    p -= le_tokens;
    if (p <= line.first_token || doc.f(p - 1) != ",") {
        // "Fait à Bururi le 3 mars 2024", "Bururi le 3 mars 2024" without the comma; not
        // "Depuis le 3 mars 2024".
        if (!le || p == line.first_token) return 0;
        // (a place is written with a capital: not "… de la Sécurité / publique le 19 janvier 2024")
        if (!starts_upper(doc.original(doc.tokens[line.first_token].begin, doc.tokens[line.first_token].end)))
            return 0;
        if (p == line.first_token + 1 &&
            is_word(doc.f(line.first_token), {"depuis", "avant", "apres", "des", "vers", "du", "au", "jusqu", "et", "ou"}))
            return 0;
    } else {
        --p;
    }
    if (p == line.first_token || p - line.first_token > 8) return 0;
    for (std::size_t k = line.first_token; k < p; ++k)
        if (!doc.tokens[k].word && !is_word(doc.f(k), {"'", "-"})) return 0;
    std::string_view first = doc.f(line.first_token);
    if (is_word(first, {"fait", "donne", "delivre", "etabli", "etablie"})) return 2;
    // The place line: nothing but punctuation after the date.
    for (std::size_t k = m.last; k < line.end_token; ++k)
        if (doc.tokens[k].word) return 0;
    return 1;
}

}  // namespace ububiko::classify::detail

namespace ububiko::classify {

using namespace detail;

std::optional<std::string> parse_french_date(std::string_view text) {
    Doc doc(text);
    std::vector<DateMatch> found = find_dates(doc);
    if (found.size() != 1) return std::nullopt;
    const DateMatch& m = found.front();
    for (std::size_t k = m.last; k < doc.tokens.size(); ++k)
        if (!is_word(doc.f(k), {".", ",", ";", ")"})) return std::nullopt;
    std::size_t p = m.first;
    if (p > 0 && weekday(doc.f(p - 1))) --p;
    if (p >= 3 && doc.f(p - 3) == "en" && doc.f(p - 2) == "date" && doc.f(p - 1) == "du") p -= 3;
    else if (std::size_t le = le_before(doc, p, 0); le > 0) p -= le;
    else if (p > 0 && doc.f(p - 1) == "du") --p;
    if (p == 0) return m.iso();
    // "Bururi, le 3 mars 2024", "Fait à Bururi, le …"
    if (doc.f(p - 1) != "," || p - 1 > 8) return std::nullopt;
    for (std::size_t k = 0; k + 1 < p; ++k)
        if (!doc.tokens[k].word && !is_word(doc.f(k), {"'", "-"})) return std::nullopt;
    return m.iso();
}

}  // namespace ububiko::classify
