// Snippets: the passage of a record's text that best shows why it matched, with the
// matching words marked. Words are compared folded and stemmed, so "Décisions" in the text
// is marked for the query "decision".
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace ububiko::index {

struct SnippetTerms {
    std::set<std::string> words;  // folded words of the query (unstemmed terms)
    std::set<std::string> stems;  // their stems
    bool empty() const { return words.empty() && stems.empty(); }
};

struct Snippet {
    std::string text;  // plain text; each match between \x01 and \x02; "…" where cut
    std::string html;  // the same, HTML-escaped, matches in <mark>…</mark>
};

// The window of about `words` words with the most distinct matches (the start of the
// text when nothing matches).
Snippet make_snippet(std::string_view text, const SnippetTerms& terms, std::size_t words = 36);

// Most hits match in their first pages: a snippet can be looked for there before the
// whole text is read.
inline constexpr std::size_t k_snippet_first_part = 24 * 1024;
// The same window from the start of a longer text (shown cut at its end), or nothing when
// no query word is in that start.
std::optional<Snippet> make_snippet_if_matched(std::string_view text_start, const SnippetTerms& terms, std::size_t words = 36);
// make_snippet for a text whose first `searched` bytes were looked at by
// make_snippet_if_matched and hold no query word: only the rest is scanned (from a little
// before, for a word cut there and the context before a match).
Snippet make_snippet_after(std::string_view text, std::size_t searched, const SnippetTerms& terms, std::size_t words = 36);

}  // namespace ububiko::index
