#include "index/snippet.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <vector>

#include "core/text.hpp"
#include "index/analysis.hpp"

namespace ububiko::index {
namespace {

struct Word {
    std::size_t begin, end;  // bytes in the text
    int term = -1;           // which query term it matches, -1 for none
};

bool is_word_char(UChar32 c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK;
}

std::vector<Word> split_words(std::string_view text) {
    std::vector<Word> out;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const int32_t n = static_cast<int32_t>(text.size());
    int32_t i = 0, start = -1;
    while (i < n) {
        int32_t here = i;
        UChar32 c;
        if (s[i] < 0x80) {
            c = s[i++];
        } else {
            U8_NEXT(s, i, n, c);
        }
        bool word = c >= 0 && is_word_char(c);
        if (word && start < 0) start = here;
        if (!word && start >= 0) {
            out.push_back({static_cast<std::size_t>(start), static_cast<std::size_t>(here)});
            start = -1;
        }
    }
    if (start >= 0) out.push_back({static_cast<std::size_t>(start), text.size()});
    return out;
}

void append_html(std::string& out, std::string_view s) {
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
}

// Runs of white space (line and page breaks included) become one space.
std::string_view squeeze_into(std::string& buffer, std::string_view s) {
    buffer.clear();
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
            space = true;
        } else {
            if (space) buffer += ' ';
            space = false;
            buffer += c;
        }
    }
    if (space) buffer += ' ';
    return buffer;
}

}  // namespace

Snippet make_snippet(std::string_view text, const SnippetTerms& terms, std::size_t window) {
    static thread_local Xapian::Stem stemmer = folded_french_stemmer();
    std::vector<Word> words = split_words(text);
    // Which query term each word is, by its folded form or its stem.
    std::vector<std::string> term_names(terms.words.begin(), terms.words.end());
    for (const auto& st : terms.stems) term_names.push_back("Z" + st);
    auto term_index = [&](const std::string& name) {
        for (std::size_t k = 0; k < term_names.size(); ++k)
            if (term_names[k] == name) return static_cast<int>(k);
        return -1;
    };
    // A word is stemmed only when it starts like one of the stems (stems are nearly always
    // the start of their words, and the few that are not still share their first letters).
    std::set<std::string> heads;
    for (const auto& st : terms.stems) heads.insert(st.substr(0, 3));
    auto could_match = [&](const std::string& folded) {
        return heads.count(folded.substr(0, 3)) != 0;
    };
    if (!terms.empty()) {
        for (Word& w : words) {
            std::string folded = fold(text.substr(w.begin, w.end - w.begin));
            if (terms.words.count(folded)) {
                w.term = term_index(folded);
            } else if (!terms.stems.empty() && could_match(folded)) {
                std::string stem = stemmer(folded);
                if (terms.stems.count(stem)) w.term = term_index("Z" + stem);
            }
        }
    }
    // The window with the most distinct terms (then the most matches), earliest first.
    std::size_t best = 0;
    if (!words.empty() && !terms.empty()) {
        std::vector<int> count(term_names.size(), 0);
        int distinct = 0, matches = 0, best_distinct = 0, best_matches = 0;
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (words[i].term >= 0) {
                if (count[static_cast<std::size_t>(words[i].term)]++ == 0) ++distinct;
                ++matches;
            }
            if (i >= window) {
                const Word& out = words[i - window];
                if (out.term >= 0) {
                    if (--count[static_cast<std::size_t>(out.term)] == 0) --distinct;
                    --matches;
                }
            }
            if (distinct > best_distinct || (distinct == best_distinct && matches > best_matches)) {
                best_distinct = distinct;
                best_matches = matches;
                best = i + 1 > window ? i + 1 - window : 0;
            }
        }
        // Some context before the first match of the window.
        if (best_distinct > 0) {
            std::size_t first = best;
            while (first < words.size() && words[first].term < 0) ++first;
            std::size_t lead = window / 4;
            best = first > lead ? first - lead : 0;
        }
    }
    Snippet out;
    if (words.empty()) return out;
    std::size_t last = std::min(words.size(), best + window);
    std::size_t from = best == 0 ? 0 : words[best].begin;
    std::size_t to = last == words.size() ? text.size() : words[last - 1].end;
    std::string buffer;
    if (best > 0) {
        out.text += "…";
        out.html += "…";
    }
    std::size_t pos = from;
    for (std::size_t i = best; i < last; ++i) {
        const Word& w = words[i];
        if (w.term < 0) continue;
        std::string_view between = squeeze_into(buffer, text.substr(pos, w.begin - pos));
        out.text += between;
        append_html(out.html, between);
        std::string_view word = text.substr(w.begin, w.end - w.begin);
        out.text += '\x01';
        out.text += word;
        out.text += '\x02';
        out.html += "<mark>";
        append_html(out.html, word);
        out.html += "</mark>";
        pos = w.end;
    }
    std::string_view rest = squeeze_into(buffer, text.substr(pos, to - pos));
    out.text += rest;
    append_html(out.html, rest);
    if (last < words.size()) {
        out.text += "…";
        out.html += "…";
    }
    // Leading and trailing spaces of a cut window are noise.
    while (!out.text.empty() && out.text.front() == ' ') out.text.erase(0, 1);
    while (!out.html.empty() && out.html.front() == ' ') out.html.erase(0, 1);
    return out;
}

}  // namespace ububiko::index
