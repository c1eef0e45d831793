// Word accuracy of an OCR text against the known text of a scan: both folded (case,
// accents, ligatures, apostrophes and punctuation), then the share of the known words,
// counted with their repetitions, that the OCR text holds (multiset overlap / known words).
// Order does not matter: a skewed page keeps its words but may shuffle its lines.
#include "scan.hpp"

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace scans {

namespace {

// The next code point of UTF-8 text (a bad byte counts as itself, as Latin-1).
char32_t next_code_point(const std::string& s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    int extra = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
    if (i + extra >= s.size()) extra = 0;
    char32_t cp = extra == 0 ? b : extra == 1 ? (b & 0x1f) : extra == 2 ? (b & 0x0f) : (b & 0x07);
    for (int k = 1; k <= extra; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xc0) != 0x80) {
            extra = 0;
            cp = b;
            break;
        }
        cp = (cp << 6) | (c & 0x3f);
    }
    i += 1 + extra;
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

// Latin-1 letters U+00C0..U+00FF without their accents, lower case ("" for × and ÷).
const char* const k_latin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

// What a code point becomes in a folded word; "" separates words.
std::string fold(char32_t cp) {
    if (cp >= 'A' && cp <= 'Z') return std::string(1, static_cast<char>(cp - 'A' + 'a'));
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
        return std::string(1, static_cast<char>(cp));
    }
    if (cp < 0xc0) return "";  // ASCII punctuation, Latin-1 signs (° « » ² NBSP ...)
    if (cp <= 0xff) return k_latin1[cp - 0xc0];
    if (cp == 0x152 || cp == 0x153) return "oe";
    if (cp == 0x178) return "y";
    if (cp >= 0x2000 && cp <= 0x206f) return "";  // quotes, dashes, spaces, ellipsis
    if (cp == 0xfb01) return "fi";
    if (cp == 0xfb02) return "fl";
    std::string other;
    append_utf8(other, cp);
    return other;
}

std::map<std::string, int> folded_words(const std::string& text) {
    std::map<std::string, int> words;
    std::string word;
    for (std::size_t i = 0; i < text.size();) {
        const std::string f = fold(next_code_point(text, i));
        if (f.empty()) {
            if (!word.empty()) ++words[word];
            word.clear();
        } else {
            word += f;
        }
    }
    if (!word.empty()) ++words[word];
    return words;
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read '" + path + "'");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

}  // namespace

Accuracy word_accuracy(const std::string& truth, const std::string& ocr) {
    const auto known = folded_words(truth);
    const auto read = folded_words(ocr);
    Accuracy a;
    for (const auto& [word, n] : known) {
        a.known += n;
        const auto it = read.find(word);
        if (it != read.end()) a.found += std::min(n, it->second);
    }
    for (const auto& [word, n] : read) a.read += n;
    return a;
}

int print_accuracy(const std::string& truth_file, const std::string& ocr_file) {
    const Accuracy a = word_accuracy(read_all(truth_file), read_all(ocr_file));
    char buf[96];
    if (a.known == 0) {
        std::snprintf(buf, sizeof buf, "blank %d", a.read);
    } else {
        std::snprintf(buf, sizeof buf, "%.3f %d %d %d", double(a.found) / a.known, a.found, a.known,
                      a.read);
    }
    std::printf("%s\n", buf);
    return 0;
}

}  // namespace scans
