#include "classify/hints_match.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>
#include <unordered_map>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "plan/validate.hpp"

namespace ububiko::classify::detail {
namespace {

// What a hint adds to its leaf's score, before its specificity (a hint several leaves share
// tells less) and, in the text, the number of times it occurs.
constexpr double k_keyword_title = 3.0;
constexpr double k_keyword_text = 1.0;
constexpr double k_phrase_title = 4.0;
constexpr double k_phrase_text = 2.5;
constexpr double k_regex = 1.5;
constexpr double k_correspondent_field = 3.0;
constexpr double k_correspondent_head = 1.5;
constexpr double k_type = 2.0;
// Regexes read the title and the start of the text only: std::regex is slow.
constexpr std::size_t k_regex_bytes = 8000;

enum class Kind { keyword, phrase };

struct Entry {
    int leaf = 0;
    Kind kind = Kind::keyword;
    std::string label;  // as the plan writes it
};

struct Sequence {
    std::vector<std::string> keys;
    std::vector<Entry> entries;
    double specificity = 1;
};

struct Regex {
    std::regex re;
    int leaf = 0;
};

struct Correspondent {
    std::vector<std::string> keys;
    std::string label;
    std::vector<int> leaves;
    double specificity = 1;
};

using KeyIndex = std::unordered_map<std::string_view, std::vector<std::uint32_t>>;

KeyIndex index_keys(const Words& w) {
    KeyIndex out;
    for (std::size_t i = 0; i < w.size(); ++i)
        out[w.keys[i]].push_back(static_cast<std::uint32_t>(i));
    return out;
}

// Occurrences of keys in w (contiguous); positions limited to [0, limit).
std::size_t occurrences(const std::vector<std::string>& keys, const Words& w, const KeyIndex& idx,
                        std::size_t limit = SIZE_MAX) {
    if (keys.empty()) return 0;
    auto it = idx.find(keys[0]);
    if (it == idx.end()) return 0;
    std::size_t n = 0;
    for (std::uint32_t p : it->second) {
        if (p >= limit || p + keys.size() > w.size()) continue;
        bool all = true;
        for (std::size_t k = 1; k < keys.size() && all; ++k) all = w.keys[p + k] == keys[k];
        n += all;
    }
    return n;
}

bool contains(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
    if (needle.empty() || needle.size() > hay.size()) return false;
    return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

double specificity(std::size_t leaves) {
    return 1.0 / std::sqrt(static_cast<double>(std::max<std::size_t>(leaves, 1)));
}

// Longer expressions say more than one word.
double length_factor(std::size_t words) {
    return std::min(1.0 + 0.3 * (static_cast<double>(words) - 1), 2.0);
}

std::string in_quotes(const std::string& s) {
    return tr("« ", "'") + s + tr(" »", "'");
}

std::string times(std::size_t n) {
    if (n <= 1) return {};
    return " (" + std::to_string(n) + tr(" fois)", " times)");
}

// A regex match as people can read it: spaces collapsed, at most ~50 bytes.
std::string excerpt(std::string_view s) {
    std::string out;
    for (char c : s) {
        bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f';
        if (space) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (out.size() > 50) out = std::string(utf8_prefix(out, 50)) + "…";
    return out;
}

}  // namespace

struct HintMatcher::Impl {
    const plan::Plan* plan = nullptr;
    std::vector<std::string> leaves;
    std::vector<Sequence> sequences;
    std::vector<Regex> regexes;
    std::vector<Correspondent> correspondents;
    std::map<std::string, std::vector<int>> types;  // type id → leaves
};

HintMatcher::HintMatcher(const plan::Plan& plan) : m_impl(std::make_unique<Impl>()) {
    Impl& m = *m_impl;
    m.plan = &plan;
    std::map<std::vector<std::string>, std::size_t> seq_of;
    std::map<std::vector<std::string>, std::size_t> corr_of;
    for (const std::string& code : plan.codes()) {
        const plan::Node& node = plan.at(code);
        if (!plan.is_leaf(code) || node.obsolete) continue;
        const int leaf = static_cast<int>(m.leaves.size());
        m.leaves.push_back(code);
        auto add_sequence = [&](const std::string& text, Kind kind) {
            Words w = analyse_words(text);
            if (w.size() == 0) return;
            auto [it, fresh] = seq_of.try_emplace(w.keys, m.sequences.size());
            if (fresh) m.sequences.push_back({w.keys, {}, 1});
            Sequence& s = m.sequences[it->second];
            for (const Entry& e : s.entries)
                if (e.leaf == leaf) return;  // the same words twice for one leaf
            s.entries.push_back({leaf, kind, text});
        };
        for (const std::string& k : node.hints.keywords) add_sequence(k, Kind::keyword);
        for (const std::string& p : node.hints.phrases) add_sequence(p, Kind::phrase);
        for (const std::string& r : node.hints.regexes) {
            try {
                m.regexes.push_back({plan::compile_hint_regex(r), leaf});
            } catch (const std::regex_error&) {
            }
        }
        for (const std::string& c : node.hints.correspondents) {
            Words w = analyse_words(c);
            if (w.size() == 0) continue;
            auto [it, fresh] = corr_of.try_emplace(w.keys, m.correspondents.size());
            if (fresh) m.correspondents.push_back({w.keys, c, {}, 1});
            auto& leaves = m.correspondents[it->second].leaves;
            if (std::find(leaves.begin(), leaves.end(), leaf) == leaves.end())
                leaves.push_back(leaf);
        }
        for (const std::string& t : node.hints.types) {
            auto& leaves = m.types[t];
            if (std::find(leaves.begin(), leaves.end(), leaf) == leaves.end())
                leaves.push_back(leaf);
        }
    }
    for (Sequence& s : m.sequences) s.specificity = specificity(s.entries.size());
    for (Correspondent& c : m.correspondents) c.specificity = specificity(c.leaves.size());
}

HintMatcher::~HintMatcher() = default;

bool HintMatcher::empty() const {
    return m_impl->sequences.empty() && m_impl->regexes.empty() && m_impl->correspondents.empty() &&
           m_impl->types.empty();
}

std::vector<HintScore> HintMatcher::match(const Analysis& a) const {
    const Impl& m = *m_impl;
    std::vector<HintScore> scores(m.leaves.size());
    auto credit = [&](int leaf, double weight, std::string reason) {
        HintScore& s = scores[static_cast<std::size_t>(leaf)];
        s.score += weight;
        s.reasons.push_back({weight, std::move(reason)});
    };

    const KeyIndex title_idx = index_keys(a.title), text_idx = index_keys(a.text);
    for (const Sequence& s : m.sequences) {
        std::size_t in_title = occurrences(s.keys, a.title, title_idx);
        std::size_t in_text = occurrences(s.keys, a.text, text_idx);
        if (in_title == 0 && in_text == 0) continue;
        const double len = length_factor(s.keys.size()) * s.specificity;
        for (const Entry& e : s.entries) {
            const bool phrase = e.kind == Kind::phrase;
            if (in_title > 0)
                credit(e.leaf, (phrase ? k_phrase_title : k_keyword_title) * len,
                       tr("le titre contient ", "the title contains ") + in_quotes(e.label));
            if (in_text > 0) {
                double count = std::min(1.0 + 0.5 * std::log(static_cast<double>(in_text)), 2.5);
                credit(e.leaf, (phrase ? k_phrase_text : k_keyword_text) * len * count,
                       tr("le texte contient ", "the text contains ") + in_quotes(e.label) +
                           times(in_text));
            }
        }
    }

    if (!m.regexes.empty()) {
        const std::string title(a.raw_title);
        const std::string head(utf8_prefix(a.raw_text, k_regex_bytes));
        for (const Regex& r : m.regexes) {
            std::smatch found;
            try {
                if (!std::regex_search(title, found, r.re) && !std::regex_search(head, found, r.re))
                    continue;
            } catch (const std::regex_error&) {
                continue;  // too complex for std::regex on this text
            }
            credit(
                r.leaf, k_regex,
                tr("le texte contient ", "the text contains ") + in_quotes(excerpt(found.str())));
        }
    }

    for (const Correspondent& c : m.correspondents) {
        const auto& field = a.correspondent.keys;
        // The document's correspondent names the hint, or is a precise part of it.
        bool in_field =
            contains(field, c.keys) || (a.correspondent.size() >= 2 && contains(c.keys, field));
        bool in_head = !in_field && (occurrences(c.keys, a.text, text_idx, a.head_words) > 0 ||
                                     occurrences(c.keys, a.title, title_idx) > 0);
        if (!in_field && !in_head) continue;
        std::string reason;
        if (in_field) {
            reason = a.direction == "in"    ? tr("l'expéditeur est ", "the sender is ")
                     : a.direction == "out" ? tr("le destinataire est ", "the recipient is ")
                                            : tr("le correspondant est ", "the correspondent is ");
        } else {
            reason = tr("l'en-tête nomme ", "the heading names ");
        }
        reason += in_quotes(c.label);
        for (int leaf : c.leaves)
            credit(leaf, (in_field ? k_correspondent_field : k_correspondent_head) * c.specificity,
                   reason);
    }

    if (!a.type.empty()) {
        if (auto it = m.types.find(a.type); it != m.types.end()) {
            std::string label = a.type;
            for (const plan::DocumentType& t : m.plan->types)
                if (t.id == a.type)
                    label =
                        language() == Language::en && !t.label_en.empty() ? t.label_en : t.label;
            for (int leaf : it->second)
                credit(leaf, k_type * specificity(it->second.size()),
                       tr("le type est ", "the type is ") + in_quotes(label));
        }
    }

    std::vector<HintScore> out;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (scores[i].score <= 0) continue;
        scores[i].code = m.leaves[i];
        std::stable_sort(scores[i].reasons.begin(), scores[i].reasons.end(),
                         [](const Reason& x, const Reason& y) { return x.weight > y.weight; });
        out.push_back(std::move(scores[i]));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const HintScore& x, const HintScore& y) { return x.score > y.score; });
    return out;
}

}  // namespace ububiko::classify::detail
