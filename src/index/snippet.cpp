#include "index/snippet.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "core/text.hpp"
#include "index/analysis.hpp"

namespace ububiko::index {
namespace {

inline bool is_word_char(UChar32 c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    // Latin-1 letters, Latin Extended-A and -B, combining accents: the usual case, without ICU.
    if (c >= 0xC0 && c < 0x250) return c != 0xD7 && c != 0xF7;
    if (c >= 0x300 && c < 0x370) return true;
    return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK;
}

// Calls f(begin, end) for each word of text[from..] (byte offsets in text) until f
// returns false.
template <class F>
void for_each_word(std::string_view text, std::size_t from, F&& f) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const int32_t n = static_cast<int32_t>(text.size());
    int32_t i = static_cast<int32_t>(from), start = -1;
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
            if (!f(static_cast<std::size_t>(start), static_cast<std::size_t>(here))) return;
            start = -1;
        }
    }
    if (start >= 0) f(static_cast<std::size_t>(start), text.size());
}

// A word of the text that is one of the query's terms.
struct Match {
    std::size_t index;       // which word of the text
    std::size_t begin, end;  // bytes
    int term;                // which query term
    std::size_t lead_begin;  // where a snippet leading up to it starts
};

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

std::optional<Snippet> make_snippet_if_matched(std::string_view text_start, const SnippetTerms& terms, std::size_t window) {
    if (terms.empty()) return std::nullopt;
    bool matched = false;
    Snippet first = snippet_of(text_start, terms, window, &matched);
    if (!matched) return std::nullopt;
    if (first.text.size() < 3 || first.text.compare(first.text.size() - 3, 3, "…") != 0) {
        first.text += "…";
        first.html += "…";
    }
    return first;
}

Snippet make_snippet(std::string_view text, const SnippetTerms& terms, std::size_t window) {
    // Most hits match early: the first pages are searched first, the rest only if they
    // hold no match (a long PDF costs a few milliseconds to scan whole).
    if (text.size() > k_snippet_first_part)
        if (auto first = make_snippet_if_matched(utf8_prefix(text, k_snippet_first_part), terms, window)) return std::move(*first);
    return snippet_of(text, terms, window, nullptr);
}

namespace {

Snippet snippet_of(std::string_view text, const SnippetTerms& terms, std::size_t window, bool* matched) {
    static thread_local Xapian::Stem stemmer = folded_french_stemmer();
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
    auto term_of = [&](std::size_t begin, std::size_t end) {
        char head[3];
        std::size_t n = std::min<std::size_t>(3, end - begin);
        bool ascii = true;
        for (std::size_t k = 0; k < n; ++k) {
            unsigned char c = static_cast<unsigned char>(text[begin + k]);
            if (c >= 0x80) {
                ascii = false;
                break;
            }
            head[k] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
        if (ascii && !starts_like(heads, pack(std::string_view(head, n)))) return -1;
        std::string folded = fold(text.substr(begin, end - begin));
        if (terms.words.count(folded)) return term_index(folded);
        if (!terms.stems.empty() && starts_like(stem_heads, pack(std::string_view(folded).substr(0, 3)))) {
            std::string stem = stemmer(folded);
            if (terms.stems.count(stem)) return term_index("Z" + stem);
        }
        return -1;
    };

    // One pass over the text keeps only the matches (a long text has tens of thousands of
    // words and a handful of matches), each with where a snippet leading up to it starts.
    const std::size_t lead = window / 4;
    std::vector<std::size_t> recent(lead + 1, 0);  // begins of the last lead+1 words
    std::vector<Match> matches;
    std::size_t word_count = 0;
    for_each_word(text, 0, [&](std::size_t begin, std::size_t end) {
        std::size_t k = word_count++;
        recent[k % recent.size()] = begin;
        if (terms.empty()) return word_count <= window;  // no terms: the start is the snippet
        int term = term_of(begin, end);
        if (term >= 0) matches.push_back({k, begin, end, term, k > lead ? recent[(k - lead) % recent.size()] : 0});
        return true;
    });
    if (word_count == 0) return {};

    // The window of `window` words with the most distinct terms (then the most matches),
    // earliest first; windows are scored where they end, on a match.
    std::size_t first_match = matches.size();  // first match of the chosen window
    {
        std::vector<int> count(term_names.size(), 0);
        int distinct = 0, best_distinct = 0, best_matches = 0;
        std::size_t oldest = 0;
        for (std::size_t j = 0; j < matches.size(); ++j) {
            if (count[static_cast<std::size_t>(matches[j].term)]++ == 0) ++distinct;
            while (matches[oldest].index + window <= matches[j].index)
                if (--count[static_cast<std::size_t>(matches[oldest++].term)] == 0) --distinct;
            int in_window = static_cast<int>(j - oldest + 1);
            if (distinct > best_distinct || (distinct == best_distinct && in_window > best_matches)) {
                best_distinct = distinct;
                best_matches = in_window;
                first_match = oldest;
            }
        }
    }
    if (matched) *matched = first_match < matches.size();

    // Some context before the first match of the window (the start of the text when none).
    std::size_t best = 0, from = 0;
    if (first_match < matches.size()) {
        best = matches[first_match].index > lead ? matches[first_match].index - lead : 0;
        from = matches[first_match].lead_begin;
    }
    std::size_t last = std::min(word_count, best + window);
    std::size_t to = text.size();
    if (last < word_count) {
        std::size_t seen = 0;
        for_each_word(text, from, [&](std::size_t, std::size_t end) {
            to = end;
            return ++seen < window;
        });
    }

    Snippet out;
    std::string buffer;
    if (best > 0) {
        out.text += "…";
        out.html += "…";
    }
    // Every match shown is marked, those of the lead-in included.
    std::size_t shown = first_match;
    while (shown > 0 && shown <= matches.size() && matches[shown - 1].index >= best) --shown;
    std::size_t pos = from;
    for (std::size_t j = shown; j < matches.size() && matches[j].index < last; ++j) {
        const Match& w = matches[j];
        std::string_view between = squeeze_into(buffer, text.substr(pos, w.begin - pos));
        out.text += between;
        append_escaped_html(out.html, between);
        std::string_view word = text.substr(w.begin, w.end - w.begin);
        out.text += '\x01';
        out.text += word;
        out.text += '\x02';
        out.html += "<mark>";
        append_escaped_html(out.html, word);
        out.html += "</mark>";
        pos = w.end;
    }
    std::string_view rest = squeeze_into(buffer, text.substr(pos, to - pos));
    out.text += rest;
    append_escaped_html(out.html, rest);
    if (last < word_count) {
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
