#include "pdfwrite/text.hpp"

#include "core/text.hpp"

#include <array>
#include <cstdio>
#include <vector>

#include "core/time.hpp"

namespace ububiko::pdfwrite::detail {

namespace {

// Code points of the bytes 0x80..0x9F in Windows-1252 (0 where the byte is unused); the
// other bytes are the code points of the same value.
constexpr std::array<char32_t, 32> k_cp1252_high = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// Base letters of Latin Extended-A (U+0100..U+017F); '?' where the letter needs more.
constexpr std::string_view k_latin_ext_a =
    "AaAaAaCcCcCcCcDd"
    "DdEeEeEeEeEeGgGg"
    "GgGgHhHhIiIiIiIi"
    "Ii??JjKkkLlLlLlL"
    "lLlNnNnNnnNnOoOo"
    "Oo??RrRrRrSsSsSs"
    "SsTtTtTtUuUuUuUu"
    "UuUuWwYyYZzZzZzs";

struct Composition {
    char32_t base, mark, result;
};

// Letter + combining accent → the precomposed letter WinAnsiEncoding has.
const std::vector<Composition>& compositions() {
    static const std::vector<Composition> table = [] {
        std::vector<Composition> t;
        struct Row {
            char32_t base;
            std::vector<char32_t> marks;
            char32_t first;
        };
        const std::vector<Row> rows = {
            {U'A', {0x300, 0x301, 0x302, 0x303, 0x308, 0x30A}, 0xC0},
            {U'C', {0x327}, 0xC7},
            {U'E', {0x300, 0x301, 0x302, 0x308}, 0xC8},
            {U'I', {0x300, 0x301, 0x302, 0x308}, 0xCC},
            {U'N', {0x303}, 0xD1},
            {U'O', {0x300, 0x301, 0x302, 0x303, 0x308}, 0xD2},
            {U'U', {0x300, 0x301, 0x302, 0x308}, 0xD9},
            {U'Y', {0x301}, 0xDD},
        };
        for (const Row& row : rows) {
            for (std::size_t i = 0; i < row.marks.size(); ++i) {
                t.push_back({row.base, row.marks[i], row.first + static_cast<char32_t>(i)});
                t.push_back({row.base + 0x20, row.marks[i], row.first + 0x20 + static_cast<char32_t>(i)});
            }
        }
        t.push_back({U'y', 0x308, 0xFF});
        t.push_back({U'Y', 0x308, 0x178});
        t.push_back({U'S', 0x30C, 0x160});
        t.push_back({U's', 0x30C, 0x161});
        t.push_back({U'Z', 0x30C, 0x17D});
        t.push_back({U'z', 0x30C, 0x17E});
        return t;
    }();
    return table;
}

bool is_collapsible_space(char32_t cp) {
    return cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == U'\f' ||
           cp == U'\v' || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x205F || cp == 0x3000 ||
           cp == 0x2028 || cp == 0x2029 || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

// What stands for a character WinAnsiEncoding lacks ("" to drop it).
std::u32string substitute(char32_t cp) {
    if (cp >= 0x100 && cp < 0x180) {
        if (cp == 0x132) return U"IJ";
        if (cp == 0x133) return U"ij";
        return std::u32string(1, static_cast<char32_t>(k_latin_ext_a[cp - 0x100]));
    }
    switch (cp) {
        case 0x218: case 0x15E: return U"S";
        case 0x219: case 0x15F: return U"s";
        case 0x21A: return U"T";
        case 0x21B: return U"t";
        case 0x2010: case 0x2011: case 0x2043: case 0x2212: return U"-";
        case 0x2012: return U"\u2013";
        case 0x2015: return U"\u2014";
        case 0x202F: case 0x2007: return U"\u00A0";
        case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0xAD: return U"";
        case 0x2032: return U"'";
        case 0x2033: return U"\"";
        case 0x2044: return U"/";
        case 0x2116: return U"N\u00B0";
        case 0x2264: return U"<=";
        case 0x2265: return U">=";
        case 0x2192: return U"->";
        case 0xFB00: return U"ff";
        case 0xFB01: return U"fi";
        case 0xFB02: return U"fl";
        case 0xFB03: return U"ffi";
        case 0xFB04: return U"ffl";
        default: return U"?";
    }
}

}  // namespace

Lang lang_of(const std::string& language) { return language == "en" ? Lang::en : Lang::fr; }

int winansi_byte(char32_t cp) {
    if ((cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0xFF)) return static_cast<int>(cp);
    for (std::size_t i = 0; i < k_cp1252_high.size(); ++i)
        if (k_cp1252_high[i] != 0 && k_cp1252_high[i] == cp) return static_cast<int>(0x80 + i);
    return -1;
}

std::string printable(std::string_view utf8) {
    std::u32string out;
    bool pending_space = false;
    for (const char32_t cp : decode_utf8(utf8)) {
        if (is_collapsible_space(cp)) {
            pending_space = !out.empty();
            continue;
        }
        if (cp >= 0x300 && cp < 0x370) {  // a combining mark: compose it, or drop it
            if (!pending_space && !out.empty()) {
                for (const Composition& c : compositions()) {
                    if (c.base == out.back() && c.mark == cp) {
                        out.back() = c.result;
                        break;
                    }
                }
            }
            continue;
        }
        // The soft hyphen has a byte of its own, but readers draw it as a hyphen.
        const std::u32string piece =
            winansi_byte(cp) >= 0 && cp != 0xAD ? std::u32string(1, cp) : substitute(cp);
        if (piece.empty()) continue;
        if (pending_space) {
            out += U' ';
            pending_space = false;
        }
        out += piece;
    }
    return encode_utf8(out);
}

std::string short_date(const std::string& iso, Lang lang) {
    const auto date = parse_iso_date(iso);
    if (!date) return iso;
    if (lang == Lang::en) return date->iso();
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", date->day, date->month, date->year);
    return buf;
}

std::string long_date(const std::string& iso, Lang lang) {
    static constexpr std::array<const char*, 12> k_fr = {
        "janvier", "février", "mars",      "avril",   "mai",      "juin",
        "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
    static constexpr std::array<const char*, 12> k_en = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    const auto date = parse_iso_date(iso);
    if (!date) return iso;
    const auto month = static_cast<std::size_t>(date->month - 1);
    if (lang == Lang::en)
        return std::to_string(date->day) + " " + k_en[month] + " " + std::to_string(date->year);
    return (date->day == 1 ? std::string("1er") : std::to_string(date->day)) + " " + k_fr[month] +
           " " + std::to_string(date->year);
}

std::string grouped(std::uint64_t n, Lang lang) {
    const std::string digits = std::to_string(n);
    const std::string separator = lang == Lang::fr ? "\u00A0" : ",";
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
        out += digits[i];
    }
    return out;
}

std::string size_text(std::uint64_t bytes, Lang lang) {
    static constexpr std::array<const char*, 4> k_fr = {"o", "Ko", "Mo", "Go"};
    static constexpr std::array<const char*, 4> k_en = {"B", "KB", "MB", "GB"};
    const auto& units = lang == Lang::fr ? k_fr : k_en;
    if (bytes < 1024) return std::to_string(bytes) + "\u00A0" + units[0];
    double value = static_cast<double>(bytes);
    std::size_t unit = 0;
    while (value >= 1024 && unit + 1 < units.size()) {
        value /= 1024;
        ++unit;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", value);
    std::string figure = buf;
    if (lang == Lang::fr)
        for (char& c : figure)
            if (c == '.') c = ',';
    return figure + "\u00A0" + units[unit];
}

namespace {

std::string french_below_100(unsigned n) {
    static constexpr std::array<const char*, 20> k_units = {
        "zéro", "un",    "deux",    "trois",    "quatre",   "cinq",    "six",
        "sept", "huit",  "neuf",    "dix",      "onze",     "douze",   "treize",
        "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"};
    static constexpr std::array<const char*, 7> k_tens = {
        "", "", "vingt", "trente", "quarante", "cinquante", "soixante"};
    if (n < 20) return k_units[n];
    unsigned tens = n / 10, unit = n % 10;
    if (tens == 7 || tens == 9) {  // soixante-dix…, quatre-vingt-dix…: counted on from 60, 80
        const std::string head = tens == 7 ? "soixante" : "quatre-vingt";
        const unsigned rest = 10 + unit;
        if (tens == 7 && unit == 1) return head + " et onze";
        return head + "-" + k_units[rest];
    }
    if (tens == 8) return unit == 0 ? "quatre-vingts" : std::string("quatre-vingt-") + k_units[unit];
    if (unit == 0) return k_tens[tens];
    if (unit == 1) return std::string(k_tens[tens]) + " et un";
    return std::string(k_tens[tens]) + "-" + k_units[unit];
}

// 1..999; `before_multiplier` drops the plural s of cents/vingts before "mille".
std::string french_below_1000(unsigned n, bool before_multiplier) {
    static constexpr std::array<const char*, 10> k_units = {"",     "un",   "deux", "trois",
                                                             "quatre", "cinq", "six",  "sept",
                                                             "huit", "neuf"};
    const unsigned hundreds = n / 100, rest = n % 100;
    std::string out;
    if (hundreds == 1) {
        out = "cent";
    } else if (hundreds > 1) {
        out = std::string(k_units[hundreds]) + " cent" + (rest == 0 && !before_multiplier ? "s" : "");
    }
    if (rest != 0) {
        std::string tail = french_below_100(rest);
        if (before_multiplier && tail == "quatre-vingts") tail = "quatre-vingt";
        out += (out.empty() ? "" : " ") + tail;
    }
    return out;
}

std::string english_below_1000(unsigned n) {
    static constexpr std::array<const char*, 20> k_units = {
        "zero",    "one",     "two",       "three",    "four",     "five",    "six",
        "seven",   "eight",   "nine",      "ten",      "eleven",   "twelve",  "thirteen",
        "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen"};
    static constexpr std::array<const char*, 10> k_tens = {
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    const unsigned hundreds = n / 100, rest = n % 100;
    std::string out;
    if (hundreds > 0) out = std::string(k_units[hundreds]) + " hundred";
    if (rest != 0) {
        if (!out.empty()) out += " and ";
        if (rest < 20) {
            out += k_units[rest];
        } else {
            out += k_tens[rest / 10];
            if (rest % 10 != 0) out += std::string("-") + k_units[rest % 10];
        }
    }
    return out;
}

}  // namespace

std::string number_words(std::uint64_t n, Lang lang, bool feminine) {
    if (n >= 1'000'000'000) return std::to_string(n);
    if (n == 0) return lang == Lang::fr ? "zéro" : "zero";
    const auto millions = static_cast<unsigned>(n / 1'000'000);
    const auto thousands = static_cast<unsigned>(n / 1000 % 1000);
    const auto units = static_cast<unsigned>(n % 1000);
    std::vector<std::string> parts;
    if (lang == Lang::en) {
        if (millions) parts.push_back(english_below_1000(millions) + " million");
        if (thousands) parts.push_back(english_below_1000(thousands) + " thousand");
        if (units) {
            // "one thousand and five": the "and" that British English puts before the last part.
            if (!parts.empty() && units < 100) parts.push_back("and");
            parts.push_back(english_below_1000(units));
        }
    } else {
        if (millions)
            parts.push_back(french_below_1000(millions, false) + (millions > 1 ? " millions" : " million"));
        if (thousands) parts.push_back(thousands == 1 ? "mille" : french_below_1000(thousands, true) + " mille");
        if (units) parts.push_back(french_below_1000(units, false));
    }
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : " ") + p;
    if (lang == Lang::fr && feminine && out.size() >= 2 && out.ends_with("un") &&
        (out.size() == 2 || out[out.size() - 3] == ' ' || out[out.size() - 3] == '-'))
        out += "e";
    return out;
}

std::string place_name(const std::string& commune) {
    static constexpr std::array<std::string_view, 5> k_prefixes = {
        "commune de ", "commune d'", "commune d\u2019", "commune of ", "commune "};
    for (std::string_view prefix : k_prefixes) {
        if (commune.size() <= prefix.size()) continue;
        bool match = true;
        for (std::size_t i = 0; i < prefix.size() && match; ++i) {
            const char c = commune[i];
            match = (c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c) == prefix[i];
        }
        if (match) return commune.substr(prefix.size());
    }
    return commune;
}

}  // namespace ububiko::pdfwrite::detail
