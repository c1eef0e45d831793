#include "index/snippet.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <vector>

#include "core/text.hpp"
#include "index/analysis.hpp"

namespace ububiko::index {
namespace {

struct Word {
    std::size_t begin, end;  // bytes in the text
    int term = -1;           // which query term it matches, -1 for none
};

inline bool is_word_char(UChar32 c) {
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

namespace {

Snippet snippet_of(std::string_view text, const SnippetTerms& terms, std::size_t window, bool* matched);

}  // namespace

Snippet make_snippet(std::string_view text, const SnippetTerms& terms, std::size_t window) {
    // Most hits match early: the first pages are searched first, the rest only if they
    // hold no match (a long PDF costs a few milliseconds to scan whole).
    constexpr std::size_t k_first_pass = 24 * 1024;
    if (text.size() > k_first_pass && !terms.empty()) {
        bool matched = false;
        Snippet first = snippet_of(utf8_prefix(text, k_first_pass), terms, window, &matched);
        if (matched) {
            if (first.text.size() < 3 || first.text.compare(first.text.size() - 3, 3, "…") != 0) {
                first.text += "…";
                first.html += "…";
            }
            return first;
        }
    }
    return snippet_of(text, terms, window, nullptr);
}

namespace {

Snippet snippet_of(std::string_view text, const SnippetTerms& terms, std::size_t window, bool* matched) {
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
    // Most words of a long text match nothing: a word is folded only when its first three
    // letters (lower-cased, for plain ASCII) are those of a query word or stem, and stemmed
    // only when they are those of a stem (stems nearly always begin their words).
    // Heads as numbers: the first three bytes, packed.
    auto pack = [](std::string_view h) {
        std::uint32_t v = static_cast<std::uint32_t>(h.size()) << 24;
        for (std::size_t k = 0; k < h.size() && k < 3; ++k) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(h[k])) << (8 * k);
        return v;
    };
    std::vector<std::uint32_t> heads, stem_heads;
    for (const auto& w : terms.words) heads.push_back(pack(std::string_view(w).substr(0, 3)));
    for (const auto& st : terms.stems) {
        heads.push_back(pack(std::string_view(st).substr(0, 3)));
        stem_heads.push_back(pack(std::string_view(st).substr(0, 3)));
    }
    auto starts_like = [](const std::vector<std::uint32_t>& list, std::uint32_t head) {
        for (std::uint32_t h : list)
            if (h == head) return true;
        return false;
    };
    if (!terms.empty()) {
        char head[3];
        for (Word& w : words) {
            std::size_t n = std::min<std::size_t>(3, w.end - w.begin);
            bool ascii = true;
            for (std::size_t k = 0; k < n; ++k) {
                unsigned char c = static_cast<unsigned char>(text[w.begin + k]);
                if (c >= 0x80) {
                    ascii = false;
                    break;
                }
                head[k] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            }
            if (ascii && !starts_like(heads, pack(std::string_view(head, n)))) continue;
            std::string folded = fold(text.substr(w.begin, w.end - w.begin));
            if (terms.words.count(folded)) {
                w.term = term_index(folded);
            } else if (!terms.stems.empty() && starts_like(stem_heads, pack(std::string_view(folded).substr(0, 3)))) {
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
        if (matched) *matched = best_distinct > 0;
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

}  // namespace

}  // namespace ububiko::index
