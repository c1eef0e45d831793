#include "index/snippet.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/text.hpp"
#include "index/analysis.hpp"

namespace ububiko::index {
namespace {

// ASCII letters and digits (the other ASCII characters end words).
constexpr bool is_ascii_word_byte(uint8_t b) { return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9'); }

inline bool is_word_char(UChar32 c) {
    if (c < 0x80) return is_ascii_word_byte(static_cast<uint8_t>(c));
    // Latin-1 letters, Latin Extended-A and -B, combining accents: the usual case, without ICU.
    if (c >= 0xC0 && c < 0x250) return c != 0xD7 && c != 0xF7;
    if (c >= 0x300 && c < 0x370) return true;
    return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK;
}

// Byte classes: 0 ends a word (ASCII other than letters and digits), 1 an ASCII letter or
// digit, 2 the first byte of a longer character (decoded to know).
constexpr std::array<uint8_t, 256> k_byte_class = [] {
    std::array<uint8_t, 256> t{};
    for (int b = 0; b < 256; ++b) t[static_cast<std::size_t>(b)] = b >= 0x80 ? 2 : is_ascii_word_byte(static_cast<uint8_t>(b)) ? 1 : 0;
    return t;
}();

// The character at s[i] (not ASCII): where the next one begins, and whether it is part of
// a word. (Returned by value: an index passed by reference would live in memory in the
// scanning loop, a store and a load for every byte.)
struct WideChar {
    int32_t next;
    bool word;
};
inline WideChar wide_char_at(const uint8_t* s, int32_t i, int32_t n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    return {i, c >= 0 && is_word_char(c)};
}

// Calls f(begin, end) for each word of text[from..] (byte offsets in text) until f
// returns false. Runs of ASCII (most of a French text) are read a byte at a time.
template <class F>
void for_each_word(std::string_view text, std::size_t from, F&& f) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const int32_t n = static_cast<int32_t>(text.size());
    int32_t i = static_cast<int32_t>(from);
    while (i < n) {
        int32_t start = i;
        uint8_t kind = k_byte_class[s[i]];
        if (kind == 0) {
            ++i;
            continue;
        }
        if (kind == 1) {
            ++i;
        } else {
            WideChar w = wide_char_at(s, i, n);
            i = w.next;
            if (!w.word) continue;
        }
        int32_t end = i;
        while (i < n) {
            kind = k_byte_class[s[i]];
            if (kind == 1) {
                ++i;
            } else {
                if (kind == 0) break;
                WideChar w = wide_char_at(s, i, n);
                i = w.next;
                if (!w.word) break;
            }
            end = i;
        }
        if (!f(static_cast<std::size_t>(start), static_cast<std::size_t>(end))) return;
    }
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
    if (text.size() > k_snippet_first_part && !terms.empty()) {
        std::string_view first = utf8_prefix(text, k_snippet_first_part);
        if (auto found = make_snippet_if_matched(first, terms, window)) return std::move(*found);
        return make_snippet_after(text, first.size(), terms, window);
    }
    return snippet_of(text, terms, window, nullptr);
}

Snippet make_snippet_after(std::string_view text, std::size_t searched, const SnippetTerms& terms, std::size_t window) {
    // Back a little before the end of what was searched, to a space: a word cut there, and
    // the context shown before a match, are in the part scanned.
    const std::size_t back = 1024;
    std::size_t from = searched > back ? searched - back : 0;
    if (from > 0) {
        std::size_t space = text.find_first_of(" \n\t\r\f", from);
        from = space == std::string_view::npos || space >= searched ? 0 : space + 1;
    }
    if (from == 0 || searched >= text.size()) return snippet_of(text, terms, window, nullptr);
    bool matched = false;
    Snippet rest = snippet_of(text.substr(from), terms, window, &matched);
    // No query word anywhere in the text: its start, as make_snippet gives it.
    if (!matched) return snippet_of(text, SnippetTerms{}, window, nullptr);
    if (rest.text.rfind("…", 0) != 0) {
        rest.text.insert(0, "…");
        rest.html.insert(0, "…");
    }
    return rest;
}

namespace {

Snippet snippet_of(std::string_view text, const SnippetTerms& terms, std::size_t window, bool* matched) {
    static thread_local Xapian::Stem stemmer = folded_french_stemmer();
    // Which query term each word is, by its folded form or its stem.
    std::vector<std::string> term_names(terms.words.begin(), terms.words.end());
    for (const auto& st : terms.stems) term_names.push_back("Z" + st);
    const std::vector<std::string> stems(terms.stems.begin(), terms.stems.end());
    auto index_in = [](const auto& list, std::string_view name) {
        for (std::size_t k = 0; k < list.size(); ++k)
            if (list[k] == name) return static_cast<int>(k);
        return -1;
    };
    // Most words of a long text match nothing: a word is folded only when its first three
    // letters, folded, are those of a query word or stem, and stemmed only when they are
    // those of a stem (stems nearly always begin their words). Heads as numbers: the first
    // three bytes, packed with their count.
    auto pack = [](std::string_view h) {
        std::uint32_t v = static_cast<std::uint32_t>(std::min<std::size_t>(h.size(), 3)) << 24;
        for (std::size_t k = 0; k < h.size() && k < 3; ++k) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(h[k])) << (8 * k);
        return v;
    };
    std::vector<std::uint32_t> heads, stem_heads;
    for (const auto& w : terms.words) heads.push_back(pack(w));
    for (const auto& st : stems) {
        heads.push_back(pack(st));
        stem_heads.push_back(pack(st));
    }
    auto starts_like = [](const std::vector<std::uint32_t>& list, std::uint32_t head) {
        for (std::uint32_t h : list)
            if (h == head) return true;
        return false;
    };
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    // The folded head of text[begin, end) without folding the word: ASCII letters and
    // digits and the accented letters of Latin-1; false for anything else (fold() decides).
    auto quick_head = [&](std::size_t begin, std::size_t end, std::uint32_t& head) {
        std::uint32_t v = 0, count = 0;
        for (std::size_t i = begin; count < 3 && i < end; ++count) {
            uint8_t b = bytes[i];
            char c;
            if (b < 0x80) {
                c = static_cast<char>(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
                ++i;
            } else if (b == 0xC3 && i + 1 < end && (c = folded_latin1_letter(bytes[i + 1])) != 0) {
                i += 2;
            } else {
                return false;
            }
            v |= static_cast<std::uint32_t>(static_cast<unsigned char>(c)) << (8 * count);
        }
        head = v | count << 24;
        return true;
    };
    // Bytes that may begin a query word: the first letters of the heads in either case, and
    // every non-ASCII byte (quick_head or fold() decides those). Most words of a long text
    // begin otherwise and are passed over on their first byte.
    std::array<bool, 256> may_begin{};
    for (std::size_t b = 0x80; b < 256; ++b) may_begin[b] = true;
    // And for words whose first two bytes are ASCII letters or digits (nearly all): the
    // first two letters of the heads, lowercase (b | 0x20 lowercases an ASCII letter and
    // keeps a digit), one bit each. A first letter alone lets through a word in five, and
    // which ones is too random for the processor to guess; two let through few.
    std::array<std::uint64_t, (1 << 14) / 64> may_begin_2{};
    for (std::uint32_t h : heads) {
        const auto c = static_cast<unsigned char>(h & 0xFF);
        may_begin[c] = true;
        if (c >= 'a' && c <= 'z') may_begin[static_cast<unsigned char>(c - 'a' + 'A')] = true;
        const auto c2 = static_cast<unsigned char>((h >> 8) & 0xFF);
        if ((h >> 24) >= 2 && c < 0x80 && c2 < 0x80) {
            const unsigned key = (static_cast<unsigned>(c) << 7) | c2;
            may_begin_2[key >> 6] |= std::uint64_t{1} << (key & 63);
        }
    }
    std::string folded;
    // Words that begin like a query word are folded and stemmed once each: a long text says
    // « conseil » hundreds of times, and stemming is most of the cost of a word.
    std::unordered_map<std::string_view, int> memo;
    auto term_of = [&](std::size_t begin, std::size_t end) {
        const uint8_t b0 = bytes[begin];
        if (end - begin >= 2 && b0 < 0x80 && bytes[begin + 1] < 0x80) {
            const unsigned key = (static_cast<unsigned>(b0 | 0x20) << 7) | (bytes[begin + 1] | 0x20);
            if (!((may_begin_2[key >> 6] >> (key & 63)) & 1)) return -1;
        } else if (!may_begin[b0]) {
            return -1;
        }
        std::uint32_t head;
        if (quick_head(begin, end, head) && !starts_like(heads, head)) return -1;
        std::string_view word = text.substr(begin, end - begin);
        auto [known, added] = memo.try_emplace(word, -1);
        if (!added) return known->second;
        bool plain = std::all_of(word.begin(), word.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
        if (plain) folded.assign(word);
        else folded = fold(word);
        if (terms.words.count(folded)) return known->second = index_in(term_names, folded);
        if (!stems.empty() && starts_like(stem_heads, pack(folded))) {
            int s = index_in(stems, stemmer(folded));
            if (s >= 0) return known->second = static_cast<int>(terms.words.size()) + s;
        }
        return -1;
    };

    // Query words, not terms, are what a reader looks for: a word and its stem are one
    // group ("budget" and "budgets" are the same word found twice).
    std::vector<int> group_of(term_names.size());
    int group_count = 0;
    {
        std::vector<int> stem_group(stems.size(), -1);
        std::size_t w = 0;
        for (const auto& word : terms.words) {
            int st = stems.empty() ? -1 : index_in(stems, stemmer(word));
            if (st >= 0 && stem_group[static_cast<std::size_t>(st)] < 0) stem_group[static_cast<std::size_t>(st)] = group_count++;
            group_of[w++] = st >= 0 ? stem_group[static_cast<std::size_t>(st)] : group_count++;
        }
        for (std::size_t st = 0; st < stems.size(); ++st) {
            if (stem_group[st] < 0) stem_group[st] = group_count++;
            group_of[terms.words.size() + st] = stem_group[st];
        }
    }

    // One pass over the text keeps only the matches (a long text has tens of thousands of
    // words and a handful of matches), each with where a snippet leading up to it starts,
    // and scores on the way the windows of `window` words that end on a match: the most
    // distinct query words, then the most matches, earliest first. The first window that
    // holds every query word cannot be beaten on the first count: the scan then stops once
    // the words it shows are read (most hits show all their words on the first page).
    const std::size_t lead = window / 4;
    const std::size_t none = static_cast<std::size_t>(-1);
    // Begins of the last words, at least lead+1 of them (a power of two: no division per word).
    const std::size_t ring_mask = std::bit_ceil(lead + 1) - 1;
    std::vector<std::size_t> recent(ring_mask + 1, 0);
    std::vector<Match> matches;
    std::vector<int> count(static_cast<std::size_t>(group_count), 0);
    int distinct = 0, best_distinct = 0, best_matches = 0;
    std::size_t oldest = 0;
    std::size_t first_match = none, window_end = 0;  // chosen window: its first match, its last word
    std::size_t word_count = 0, stop_at = none;
    bool more_words = false;  // words after stop_at
    auto shown_from = [&](std::size_t match) { return matches[match].index > lead ? matches[match].index - lead : 0; };
    for_each_word(text, 0, [&](std::size_t begin, std::size_t end) {
        if (word_count >= stop_at) {
            more_words = true;
            return false;
        }
        std::size_t k = word_count++;
        recent[k & ring_mask] = begin;
        if (terms.empty()) return word_count <= window;  // no terms: the start is the snippet
        int term = term_of(begin, end);
        if (term < 0) return true;
        matches.push_back({k, begin, end, term, k > lead ? recent[(k - lead) & ring_mask] : 0});
        if (stop_at != none) return true;  // only reading to the end of the chosen window
        if (count[static_cast<std::size_t>(group_of[static_cast<std::size_t>(term)])]++ == 0) ++distinct;
        while (matches[oldest].index + window <= k)
            if (--count[static_cast<std::size_t>(group_of[static_cast<std::size_t>(matches[oldest++].term)])] == 0) --distinct;
        int in_window = static_cast<int>(matches.size() - oldest);
        if (distinct > best_distinct || (distinct == best_distinct && in_window > best_matches)) {
            best_distinct = distinct;
            best_matches = in_window;
            first_match = oldest;
            window_end = k;
            if (distinct == group_count) stop_at = std::max(shown_from(first_match) + window, k + 1);
        }
        return true;
    });
    if (word_count == 0) return {};
    if (matched) *matched = first_match != none;

    // Some context before the first match of the window (the start of the text when none),
    // and the window's words up to its last match at least.
    std::size_t best = 0, from = 0;
    if (first_match != none) {
        best = shown_from(first_match);
        from = matches[first_match].lead_begin;
    }
    std::size_t last = std::min(word_count, std::max(best + window, first_match != none ? window_end + 1 : 0));
    bool cut = last < word_count || more_words;
    std::size_t to = text.size();
    if (cut) {
        std::size_t seen = 0;
        for_each_word(text, from, [&](std::size_t, std::size_t end) {
            to = end;
            return ++seen < last - best;
        });
    }

    Snippet out;
    std::string buffer;
    if (best > 0) {
        out.text += "…";
        out.html += "…";
    }
    // Every match shown is marked, those of the lead-in included.
    std::size_t shown = first_match == none ? matches.size() : first_match;
    while (shown > 0 && matches[shown - 1].index >= best) --shown;
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
    if (cut) {
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
