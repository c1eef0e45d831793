#include "index/query.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <span>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "index/analysis.hpp"
#include "index/schema.hpp"
#include "index/synonyms.hpp"
#include "plan/plan.hpp"

namespace ububiko::index {
namespace {

using Q = Xapian::Query;

[[noreturn]] void fail(const std::string& message, std::size_t column) {
    throw Error(ErrorCode::invalid_input, tr("requête invalide : ", "invalid query: ") + message +
                                              tr(" (colonne ", " (column ") + std::to_string(column + 1) + ")");
}

// ---- Syntax tree -------------------------------------------------------------------------

struct Node {
    enum Kind { word, phrase, field, negation, all_of, any_of } kind;
    std::string text;   // word / phrase text, field value
    std::string name;   // field name (folded)
    std::size_t column = 0;
    bool quoted = false;  // field value was quoted
    std::vector<std::unique_ptr<Node>> children;
};
using NodePtr = std::unique_ptr<Node>;

bool is_known_field(const std::string& folded_name);

class Parser {
public:
    explicit Parser(const std::string& text) : m_s(text) {}

    NodePtr parse() {
        NodePtr n = parse_or();
        skip_space();
        if (m_pos < m_s.size()) {
            if (m_s[m_pos] == ')') fail(tr("parenthèse fermante sans ouvrante", "closing parenthesis without opening one"), m_pos);
            fail(tr("texte inattendu", "unexpected text"), m_pos);
        }
        return n;
    }

private:
    // White space, and closing quotes with no opening one: a stray », or a ” that no quote
    // follows ("budget”", as a phone may leave it).
    void skip_space() {
        for (;;) {
            if (m_pos < m_s.size() && (m_s[m_pos] == ' ' || m_s[m_pos] == '\t' || m_s[m_pos] == '\n')) ++m_pos;
            else if (m_s.compare(m_pos, 2, "\u00BB") == 0) m_pos += 2;
            else if (m_s.compare(m_pos, 3, "\u201D") == 0 && !closing_quote_after(m_pos + 3)) m_pos += 3;
            else break;
        }
    }

    bool closing_quote_after(std::size_t pos) const {
        for (std::size_t p = pos; p < m_s.size(); ++p)
            if (quote_at(p, true) > 0) return true;
        return false;
    }

    // The next bare token without consuming it.
    std::string peek_bare() {
        skip_space();
        std::size_t p = m_pos;
        while (p < m_s.size() && m_s[p] != ' ' && m_s[p] != '\t' && m_s[p] != '\n' && m_s[p] != '(' && m_s[p] != ')') ++p;
        return m_s.substr(m_pos, p - m_pos);
    }

    bool at_or() {
        std::string t = peek_bare();
        return t == "OR" || t == "OU" || t == "|";
    }

    NodePtr parse_or() {
        NodePtr first = parse_and();
        if (!at_or()) return first;
        auto any = std::make_unique<Node>(Node{Node::any_of, "", "", first->column, false, {}});
        any->children.push_back(std::move(first));
        while (at_or()) {
            std::size_t column = m_pos;
            m_pos += peek_bare().size();
            skip_space();
            if (m_pos >= m_s.size() || m_s[m_pos] == ')')
                fail(tr("rien après OU", "nothing after OR"), column);
            any->children.push_back(parse_and());
        }
        return any;
    }

    NodePtr parse_and() {
        auto all = std::make_unique<Node>(Node{Node::all_of, "", "", m_pos, false, {}});
        for (;;) {
            skip_space();
            if (m_pos >= m_s.size() || m_s[m_pos] == ')' || at_or()) break;
            std::string t = peek_bare();
            if (t == "AND" || t == "ET") {
                std::size_t column = m_pos;
                m_pos += t.size();
                skip_space();
                if (m_pos >= m_s.size()) fail(tr("rien après ET", "nothing after AND"), column);
                continue;
            }
            all->children.push_back(parse_unary());
        }
        if (all->children.empty()) fail(tr("expression vide", "empty expression"), m_pos);
        if (all->children.size() == 1) return std::move(all->children[0]);
        return all;
    }

    NodePtr parse_unary() {
        skip_space();
        std::size_t column = m_pos;
        std::string t = peek_bare();
        if (t == "NOT" || t == "SAUF") {
            m_pos += t.size();
            skip_space();
            if (m_pos >= m_s.size()) fail(tr("rien après SAUF", "nothing after NOT"), column);
            auto n = std::make_unique<Node>(Node{Node::negation, "", "", column, false, {}});
            n->children.push_back(parse_unary());
            return n;
        }
        if (m_s[m_pos] == '-' && m_pos + 1 < m_s.size() && m_s[m_pos + 1] != ' ') {
            ++m_pos;
            auto n = std::make_unique<Node>(Node{Node::negation, "", "", column, false, {}});
            n->children.push_back(parse_primary());
            return n;
        }
        if (m_s[m_pos] == '+') ++m_pos;
        return parse_primary();
    }

    // Quotes as people type them: straight, French guillemets (« … », with or without the
    // spaces inside), and the curly quotes word processors and phones put for straight ones
    // (“ ”, „ “). The byte length of the quote at pos; 0 when there is none.
    std::size_t quote_at(std::size_t pos, bool closing) const {
        if (pos >= m_s.size()) return 0;
        if (m_s[pos] == '"') return 1;
        static constexpr std::string_view k_open[] = {"\u00AB", "\u201C", "\u201E", "\u201D"};
        static constexpr std::string_view k_close[] = {"\u00BB", "\u201D", "\u201C"};
        for (std::string_view q : closing ? std::span<const std::string_view>(k_close) : std::span<const std::string_view>(k_open))
            if (m_s.compare(pos, q.size(), q) == 0) return q.size();
        return 0;
    }

    std::string read_quoted() {
        std::size_t open = m_pos;
        m_pos += quote_at(m_pos, false);
        std::size_t close = m_pos;
        while (close < m_s.size() && quote_at(close, true) == 0) ++close;
        if (close >= m_s.size()) fail(tr("guillemet ouvert jamais refermé", "quote opened and never closed"), open);
        std::string inside = m_s.substr(m_pos, close - m_pos);
        m_pos = close + quote_at(close, true);
        return inside;
    }

    // Where a token ends: white space, a parenthesis, a quote (or a colon, when asked).
    std::size_t token_end(std::size_t p, bool at_colon) const {
        while (p < m_s.size() && m_s[p] != ' ' && m_s[p] != '\t' && m_s[p] != '\n' && m_s[p] != '(' && m_s[p] != ')' &&
               !(at_colon && m_s[p] == ':') && quote_at(p, false) == 0 && quote_at(p, true) == 0)
            ++p;
        return p;
    }

    NodePtr parse_primary() {
        skip_space();
        std::size_t column = m_pos;
        if (m_pos >= m_s.size()) fail(tr("expression attendue", "expression expected"), m_pos);
        char c = m_s[m_pos];
        if (c == '(') {
            ++m_pos;
            skip_space();
            if (m_pos < m_s.size() && m_s[m_pos] == ')') fail(tr("parenthèses vides", "empty parentheses"), column);
            NodePtr inner = parse_or();
            skip_space();
            if (m_pos >= m_s.size() || m_s[m_pos] != ')') fail(tr("parenthèse ouverte jamais refermée", "parenthesis opened and never closed"), column);
            ++m_pos;
            return inner;
        }
        if (quote_at(m_pos, false) > 0) return std::make_unique<Node>(Node{Node::phrase, read_quoted(), "", column, true, {}});
        if (c == ')') fail(tr("parenthèse fermante sans ouvrante", "closing parenthesis without opening one"), m_pos);
        // A bare token, possibly "name:value".
        std::size_t p = token_end(m_pos, true);
        const std::string typed_name = m_s.substr(m_pos, p - m_pos);
        // "année : 2024", with the space French typography puts before a colon: only for
        // the names of fields ("Remarque : voirie" stays words).
        if (p < m_s.size() && p > m_pos && (m_s[p] == ' ' || m_s[p] == '\t')) {
            std::size_t colon = p;
            while (colon < m_s.size() && (m_s[colon] == ' ' || m_s[colon] == '\t')) ++colon;
            if (colon < m_s.size() && m_s[colon] == ':' && is_field_name(typed_name) && is_known_field(fold(typed_name))) p = colon;
        }
        bool url = m_s.compare(p, 3, "://") == 0;
        if (p < m_s.size() && m_s[p] == ':' && p > m_pos && !url && is_field_name(typed_name)) {
            std::string name = fold(typed_name);
            // "Objet: budget", as people write it: the value may follow a space. A word
            // that names no field, followed by a colon and a space, is just a word.
            std::size_t value = p + 1;
            while (value < m_s.size() && (m_s[value] == ' ' || m_s[value] == '\t')) ++value;
            if (value > p + 1) {
                if (!is_known_field(name)) {
                    auto n = std::make_unique<Node>(Node{Node::word, typed_name, "", column, false, {}});
                    m_pos = p + 1;
                    return n;
                }
                if (value < m_s.size() && m_s[value] != ')') p = value - 1;
            }
            m_pos = p + 1;
            auto n = std::make_unique<Node>(Node{Node::field, "", name, column, false, {}});
            if (quote_at(m_pos, false) > 0) {
                n->text = read_quoted();
                n->quoted = true;
            } else {
                std::size_t q = m_pos;
                while (q < m_s.size() && m_s[q] != ' ' && m_s[q] != '\t' && m_s[q] != '\n' && m_s[q] != '(' && m_s[q] != ')') ++q;
                n->text = m_s.substr(m_pos, q - m_pos);
                m_pos = q;
            }
            if (trim(n->text).empty())
                fail(tr("valeur manquante après « ", "missing value after '") + typed_name + ":" + tr(" »", "'"), column);
            return n;
        }
        p = token_end(p, false);
        if (p == m_pos) fail(tr("expression attendue", "expression expected"), column);  // never loop on a character no rule takes
        auto n = std::make_unique<Node>(Node{Node::word, m_s.substr(m_pos, p - m_pos), "", column, false, {}});
        m_pos = p;
        return n;
    }

    // Letters only (accents allowed), so "10:30" or "http://x" stay words.
    static bool is_field_name(const std::string& s) {
        std::string f = fold(s);
        if (f.empty() || f.size() > 20) return false;
        for (char c : f)
            if (!((c >= 'a' && c <= 'z') || c == '_' || (static_cast<unsigned char>(c) >= 0x80))) return false;
        return true;
    }

    const std::string& m_s;
    std::size_t m_pos = 0;
};

// ---- Compilation -------------------------------------------------------------------------

enum class Field { code, year, type, from, title, reference, filename, date, direction, access, status, id };

struct FieldName {
    const char* name;
    Field field;
};
const FieldName k_fields[] = {
    {"code", Field::code}, {"classement", Field::code}, {"annee", Field::year}, {"an", Field::year},
    {"year", Field::year}, {"type", Field::type}, {"de", Field::from}, {"from", Field::from},
    {"a", Field::from}, {"to", Field::from}, {"correspondant", Field::from}, {"correspondent", Field::from},
    {"expediteur", Field::from}, {"destinataire", Field::from}, {"titre", Field::title},
    {"title", Field::title}, {"objet", Field::title}, {"ref", Field::reference}, {"reference", Field::reference},
    {"fichier", Field::filename}, {"file", Field::filename}, {"date", Field::date}, {"sens", Field::direction},
    {"direction", Field::direction}, {"acces", Field::access}, {"access", Field::access},
    {"statut", Field::status}, {"status", Field::status}, {"id", Field::id}, {"numero", Field::id},
    {"no", Field::id}, {"n", Field::id}, {"n°", Field::id}, {"nº", Field::id},
};

bool is_known_field(const std::string& folded_name) {
    for (const FieldName& f : k_fields)
        if (folded_name == f.name) return true;
    return false;
}

std::string known_fields() {
    return tr("code, année, type, de, à, titre, réf, fichier, date, sens, accès, statut, n°",
              "code, year, type, from, to, title, ref, file, date, direction, access, status, id");
}

Q term(const std::string& t) { return Q(t); }

Q any_of(const std::vector<Q>& qs) { return qs.size() == 1 ? qs[0] : Q(Q::OP_OR, qs.begin(), qs.end()); }
Q all_of(const std::vector<Q>& qs) { return qs.size() == 1 ? qs[0] : Q(Q::OP_AND, qs.begin(), qs.end()); }

std::vector<std::string> content_words(const std::vector<std::string>& words) {
    std::vector<std::string> out;
    for (const auto& w : words)
        if (!is_stopword(w)) out.push_back(w);
    return out.empty() ? words : out;
}

// Whether TermGenerator (STEM_SOME, STOP_STEMMED) gives a word its stem's term: when the
// word is not a stopword and begins with a letter other than a capital (its should_stem(),
// queryparser/termgenerator_internal.cc in Xapian 1.4.22; the text is folded to lowercase
// before indexing).
bool indexed_with_stem(const std::string& w) {
    if (w.empty() || is_stopword(w)) return false;
    Xapian::Utf8Iterator first(w);
    switch (Xapian::Unicode::get_category(*first)) {
        case Xapian::Unicode::LOWERCASE_LETTER:
        case Xapian::Unicode::TITLECASE_LETTER:
        case Xapian::Unicode::MODIFIER_LETTER:
        case Xapian::Unicode::OTHER_LETTER:
            return true;
        default:
            return false;
    }
}

// A word in any of its forms. The indexer (Xapian's TermGenerator, STEM_SOME) gives each
// word of a text its own term and its stem's, except stopwords and words that do not begin
// with a letter (a number), which keep only their own: the stem's term alone then finds
// every form, and reads one posting list where the word and its stem read two (twice the
// blocks and the buffers of a search, the half of its time spent in the index).
Q stemmed_or_exact(const std::string& w, const std::string& prefix) {
    static thread_local Xapian::Stem stemmer = folded_french_stemmer();
    const std::string stem = stemmer(w);
    if (!indexed_with_stem(w) || stem.empty()) return Q(Q::OP_SYNONYM, Q(prefix + w), Q("Z" + prefix + stem));
    return Q("Z" + prefix + stem);
}

}  // namespace

Q word_query(const std::string& w, const std::string& prefix) {
    Q base = stemmed_or_exact(w, prefix);
    if (prefix.empty()) {
        if (const Abbreviation* a = find_abbreviation(w)) {
            std::vector<Q> parts;
            for (const auto& e : content_words(a->expansion)) parts.push_back(stemmed_or_exact(e, prefix));
            return Q(Q::OP_SYNONYM, base, all_of(parts));
        }
    }
    return base;
}

namespace {

// A record's weight when its own number is searched: above any text's (BM25 weights here
// stay under a few tens), so that it comes first.
constexpr double k_own_record_weight = 1000.0;

// "2026-000042" or "BRR/2026-000042" (the archive's code before a slash): the register
// number; none for anything else.
std::optional<std::string> register_number(std::string_view text) {
    if (auto slash = text.rfind('/'); slash != std::string_view::npos) {
        std::string_view code = text.substr(0, slash);
        if (code.empty() || code.size() > 16 ||
            !std::all_of(code.begin(), code.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }))
            return std::nullopt;
        text = text.substr(slash + 1);
    }
    if (text.size() != 11 || text[4] != '-') return std::nullopt;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (i != 4 && !std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    return std::string(text);
}

class Compiler {
public:
    Compiler(const plan::Plan* plan, CompiledQuery& out) : m_plan(plan), m_out(out) {}

    void compile_top(const Node& root) {
        std::vector<const Node*> items;
        if (root.kind == Node::all_of)
            for (const auto& c : root.children) items.push_back(c.get());
        else
            items.push_back(&root);

        std::vector<std::pair<Field, Q>> filters;
        std::vector<Q> excluded;
        std::vector<const Node*> text;
        for (const Node* n : items) {
            if (n->kind == Node::field) {
                filters.emplace_back(field_of(*n), field_query(*n));
            } else if (n->kind == Node::negation) {
                excluded.push_back(compile_excluded(*n->children[0]));
            } else {
                text.push_back(n);
            }
        }
        add_text_clauses(text);
        // Same field twice: either; different fields: both.
        std::vector<Q> by_field;
        for (Field f : {Field::code, Field::year, Field::type, Field::from, Field::title, Field::reference,
                        Field::filename, Field::date, Field::direction, Field::access, Field::status, Field::id}) {
            std::vector<Q> alternatives;
            for (auto& [field, q] : filters)
                if (field == f) alternatives.push_back(q);
            if (!alternatives.empty()) by_field.push_back(any_of(alternatives));
        }
        if (!by_field.empty()) m_out.filter = all_of(by_field);
        if (!excluded.empty()) m_out.exclude = any_of(excluded);
        if (!m_boost_words.empty()) {
            std::vector<Q> boost;
            for (const std::string& w : m_boost_words) boost.push_back(stemmed_or_exact(w, P_CLASSIFICATION));
            // Every word: the query then names the place in the plan ("état civil"); one
            // word shared with a title ("animaux" and "santé animale") is not enough.
            m_out.boost = all_of(boost);
        }
        if (m_out.required.empty() && m_out.filter.empty() && !excluded.empty())
            fail(tr("une requête ne peut pas seulement exclure : ajoutez un mot ou un champ",
                    "a query cannot only exclude: add a word or a field"), root.column);
    }

private:
    // Consecutive plain words that spell an abbreviation's expansion also match the
    // abbreviation ("centre de santé" finds "CDS").
    void add_text_clauses(const std::vector<const Node*>& nodes) {
        std::vector<std::vector<std::string>> words(nodes.size());
        bool only_stopwords = true;
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            if (nodes[i]->kind == Node::word) words[i] = tokenize(fold(nodes[i]->text));
            if (nodes[i]->kind != Node::word) only_stopwords = false;
            for (const auto& w : words[i]) only_stopwords = only_stopwords && is_stopword(w);
        }
        std::size_t i = 0;
        while (i < nodes.size()) {
            bool merged = false;
            if (words[i].size() == 1) {
                for (const Abbreviation& a : abbreviations()) {
                    std::size_t n = a.expansion.size();
                    if (n < 2 || i + n > nodes.size()) continue;
                    bool match = true;
                    for (std::size_t k = 0; k < n && match; ++k)
                        match = words[i + k].size() == 1 && words[i + k][0] == a.expansion[k];
                    if (!match) continue;
                    std::vector<Q> parts;
                    for (std::size_t k = 0; k < n; ++k) {
                        note_word(nodes[i + k]->text, words[i + k][0]);
                        note_wanted(words[i + k][0]);
                        if (!is_stopword(words[i + k][0])) parts.push_back(word_query(words[i + k][0]));
                    }
                    m_out.required.push_back(Q(Q::OP_SYNONYM, all_of(parts), stemmed_or_exact(a.short_form, "")));
                    i += n;
                    merged = true;
                    break;
                }
            }
            if (merged) continue;
            Q q = compile(*nodes[i], /*top_level=*/!only_stopwords, nodes.size());
            if (!q.empty()) m_out.required.push_back(q);
            ++i;
        }
    }

    void note_word(const std::string& typed, const std::string& folded) { m_out.words.push_back({typed, folded}); }

    // A word the query looks for (not one it excludes): records filed under a code whose
    // titles (its own and its ancestors') have all of them rank higher.
    void note_wanted(const std::string& folded) {
        if (m_excluding == 0 && !is_stopword(folded) &&
            std::find(m_boost_words.begin(), m_boost_words.end(), folded) == m_boost_words.end())
            m_boost_words.push_back(folded);
    }

    Q compile_excluded(const Node& n) {
        ++m_excluding;
        Q q = compile(n);
        --m_excluding;
        return q;
    }

    Q compile(const Node& n, bool top_level = false, std::size_t siblings = 1) {
        switch (n.kind) {
            case Node::word: return word_node(n, top_level && siblings > 1);
            case Node::phrase: return phrase_node(n.text, "");
            case Node::field: return field_query(n);
            case Node::negation: return Q(Q::OP_AND_NOT, Q::MatchAll, compile_excluded(*n.children[0]));
            case Node::all_of: {
                std::vector<Q> parts, negatives;
                for (const auto& c : n.children) {
                    if (c->kind == Node::negation)
                        negatives.push_back(compile_excluded(*c->children[0]));
                    else if (Q q = compile(*c, false, n.children.size()); !q.empty())
                        parts.push_back(q);
                }
                if (parts.empty()) fail(tr("un groupe ne peut pas seulement exclure", "a group cannot only exclude"), n.column);
                Q q = all_of(parts);
                return negatives.empty() ? q : Q(Q::OP_AND_NOT, q, any_of(negatives));
            }
            case Node::any_of: {
                std::vector<Q> parts;
                for (const auto& c : n.children)
                    if (Q q = compile(*c); !q.empty()) parts.push_back(q);
                return parts.empty() ? Q() : any_of(parts);
            }
        }
        return Q();
    }

    Q word_node(const Node& n, bool may_drop_stopword) {
        std::string text = n.text;
        // A register number typed alone, as the register and the stamps print it
        // ("2026-000042", "BRR/2026-000042"): its record first, then the texts citing it.
        if (std::optional<std::string> id = register_number(text)) {
            Q own(Q::OP_AND, Q((new Xapian::FixedWeightPostingSource(k_own_record_weight))->release()), Q(P_ID + *id));
            const std::size_t wanted = m_boost_words.size();
            Q cited = phrase_node(*id, "");
            m_boost_words.resize(wanted);  // digits name no place in the plan
            return Q(Q::OP_OR, own, cited);
        }
        if (text.size() > 1 && text.back() == '*') {
            std::string prefix = fold(text.substr(0, text.size() - 1));
            auto words = tokenize(prefix);
            if (words.size() != 1 || words[0].size() < 2)
                fail(tr("un joker* demande au moins deux lettres avant l'étoile", "a wildcard* needs at least two letters before the star"), n.column);
            return Q(Q::OP_WILDCARD, words[0], 200, Q::WILDCARD_LIMIT_MOST_FREQUENT);
        }
        std::vector<std::string> words = tokenize(fold(text));
        if (words.empty()) return Q();
        std::vector<std::string> kept = content_words(words);
        if (kept.size() == 1 && is_stopword(kept[0]) && may_drop_stopword) return Q();
        for (const auto& w : kept) note_wanted(w);
        if (kept.size() == 1) {
            note_word(text, kept[0]);
            return word_query(kept[0]);
        }
        // A compound (procès-verbal, l'état civil): every part, and the abbreviation that
        // stands for the whole when there is one.
        std::vector<Q> parts;
        for (const auto& w : kept) parts.push_back(word_query(w));
        Q q = all_of(parts);
        for (const Abbreviation& a : abbreviations())
            if (a.expansion == words) q = Q(Q::OP_SYNONYM, q, stemmed_or_exact(a.short_form, ""));
        return q;
    }

    Q phrase_node(const std::string& text, const std::string& prefix) {
        std::vector<std::string> words = tokenize(fold(text));
        if (words.empty()) return Q();
        if (prefix.empty())
            for (const auto& w : words) note_wanted(w);
        if (words.size() == 1) return word_query(words[0], prefix);
        std::vector<Q> terms;
        for (const auto& w : words) terms.push_back(term(prefix + w));
        return Q(Q::OP_PHRASE, terms.begin(), terms.end());
    }

    Q prefixed_words(const Node& n, const char* prefix) {
        if (n.quoted) return phrase_node(n.text, prefix);
        std::vector<std::string> words = content_words(tokenize(fold(n.text)));
        std::vector<Q> parts;
        for (const auto& w : words) parts.push_back(word_query(w, prefix));
        if (parts.empty()) fail(tr("aucun mot après « ", "no word after '") + n.name + ":" + tr(" »", "'"), n.column);
        return all_of(parts);
    }

    Field field_of(const Node& n) {
        for (const FieldName& f : k_fields)
            if (n.name == f.name) return f.field;
        fail(tr("champ inconnu « ", "unknown field '") + n.name + tr(" » (champs : ", "' (fields: ") + known_fields() + ")",
             n.column);
    }

    Q bool_filter(const std::string& term_text) { return Q(Q::OP_SCALE_WEIGHT, Q(term_text), 0); }

    Q field_query(const Node& n) {
        const std::string value(trim(n.text));
        const std::string folded = fold(value);
        switch (field_of(n)) {
            case Field::code: {
                if (plan::code_components(value).empty())
                    fail(tr("code de classement invalide « ", "invalid classification code '") + value +
                             tr(" » (ex. code:1.2)", "' (e.g. code:1.2)"), n.column);
                if (m_plan != nullptr && m_plan->find(value) == nullptr)
                    fail(tr("le code « ", "code '") + value + tr(" » n'existe pas dans le plan", "' does not exist in the plan"), n.column);
                return bool_filter(P_CODE + value);
            }
            case Field::year: {
                auto [from, to] = year_range(value, n.column);
                std::vector<Q> years;
                for (int y = from; y <= to; ++y) years.push_back(Q(P_YEAR + std::to_string(y)));
                return Q(Q::OP_SCALE_WEIGHT, any_of(years), 0);
            }
            case Field::type: {
                std::string id = slugify(value);
                if (m_plan != nullptr) {
                    const plan::DocumentType* t = m_plan->resolve_type(value);
                    if (t == nullptr) {
                        std::string list;
                        for (const auto& ty : m_plan->types) list += (list.empty() ? "" : ", ") + ty.id;
                        fail(tr("type de document inconnu « ", "unknown document type '") + value + tr(" » (types : ", "' (types: ") + list + ")",
                             n.column);
                    }
                    id = t->id;
                }
                return bool_filter(P_TYPE + id);
            }
            case Field::from: return Q(Q::OP_SCALE_WEIGHT, prefixed_words(n, P_FROM), 0);
            case Field::title: return prefixed_words(n, P_TITLE);
            case Field::reference: return prefixed_words(n, P_REFERENCE);
            case Field::filename: return Q(Q::OP_SCALE_WEIGHT, prefixed_words(n, P_FILENAME), 0);
            case Field::date: return date_range(value, n.column);
            case Field::direction: {
                std::string s = slugify(value);
                if (s == "in" || s == "entrant" || s == "arrivee" || s == "arrive" || s == "recu" || s == "entree") return bool_filter(std::string(P_DIRECTION) + "in");
                if (s == "out" || s == "sortant" || s == "depart" || s == "envoye" || s == "sortie") return bool_filter(std::string(P_DIRECTION) + "out");
                if (s == "internal" || s == "interne") return bool_filter(std::string(P_DIRECTION) + "internal");
                fail(tr("sens inconnu « ", "unknown direction '") + value + tr(" » (entrant, sortant, interne)", "' (in, out, internal)"), n.column);
            }
            case Field::access: {
                std::string s = slugify(value);
                if (s == "public") return bool_filter(std::string(P_ACCESS) + "public");
                if (s == "interne" || s == "internal") return bool_filter(std::string(P_ACCESS) + "internal");
                if (s == "confidentiel" || s == "confidential") return bool_filter(std::string(P_ACCESS) + "confidential");
                fail(tr("niveau d'accès inconnu « ", "unknown access level '") + value + tr(" » (public, interne, confidentiel)", "' (public, internal, confidential)"), n.column);
            }
            case Field::status: {
                std::string s = slugify(value);
                if (s == "classe" || s == "filed") return bool_filter(std::string(P_STATUS) + "filed");
                if (s == "a-classer" || s == "to-classify") return bool_filter(std::string(P_STATUS) + "to-classify");
                if (s == "ocr" || s == "a-ocr" || s == "needs-ocr" || s == "sans-texte") return bool_filter(std::string(P_STATUS) + "needs-ocr");
                fail(tr("statut inconnu « ", "unknown status '") + value + tr(" » (classé, à-classer, ocr)", "' (filed, to-classify, needs-ocr)"), n.column);
            }
            case Field::id: {
                std::string id = value;
                if (auto slash = id.rfind('/'); slash != std::string::npos) id = id.substr(slash + 1);
                return bool_filter(P_ID + id);
            }
        }
        (void)folded;
        return Q();
    }

    std::pair<int, int> year_range(const std::string& v, std::size_t column) {
        auto year = [&](const std::string& s) {
            if (s.size() != 4 || s.find_first_not_of("0123456789") != std::string::npos)
                fail(tr("année invalide « ", "invalid year '") + s + tr(" » (ex. année:2024 ou année:2020..2024)", "' (e.g. year:2024 or year:2020..2024)"), column);
            return std::stoi(s);
        };
        auto dots = v.find("..");
        if (dots == std::string::npos) {
            int y = year(v);
            return {y, y};
        }
        int a = year(v.substr(0, dots)), b = year(v.substr(dots + 2));
        if (b < a) fail(tr("intervalle d'années à l'envers", "year range is backwards"), column);
        if (b - a > 300) fail(tr("intervalle d'années trop grand", "year range too wide"), column);
        return {a, b};
    }

    // "2024", "2024-03", "2024-03-07" as the first or last day they cover.
    std::string date_bound(const std::string& s, bool upper, std::size_t column) {
        auto bad = [&] {
            fail(tr("date invalide « ", "invalid date '") + s +
                     tr(" » (AAAA, AAAA-MM ou AAAA-MM-JJ ; intervalle : date:2024-01-01..2024-06-30)",
                        "' (YYYY, YYYY-MM or YYYY-MM-DD; range: date:2024-01-01..2024-06-30)"),
                 column);
        };
        if (s.size() == 4 && s.find_first_not_of("0123456789") == std::string::npos) return s + (upper ? "1231" : "0101");
        if (s.size() == 7 && s[4] == '-') {
            auto d = parse_iso_date(s + "-01");
            if (!d) bad();
            if (!upper) return d->compact();
            d->day = days_in_month(d->year, d->month);
            return d->compact();
        }
        auto d = parse_iso_date(s);
        if (!d) bad();
        return d->compact();
    }

    Q date_range(const std::string& v, std::size_t column) {
        auto dots = v.find("..");
        std::string lo, hi;
        if (dots == std::string::npos) {
            lo = date_bound(v, false, column);
            hi = date_bound(v, true, column);
        } else {
            std::string a = v.substr(0, dots), b = v.substr(dots + 2);
            if (a.empty() && b.empty()) fail(tr("intervalle de dates vide", "empty date range"), column);
            if (!a.empty()) lo = date_bound(a, false, column);
            if (!b.empty()) hi = date_bound(b, true, column);
            if (!lo.empty() && !hi.empty() && hi < lo) fail(tr("intervalle de dates à l'envers", "date range is backwards"), column);
        }
        if (lo.empty()) return Q(Q::OP_VALUE_LE, SLOT_DATE, hi);
        if (hi.empty()) return Q(Q::OP_VALUE_GE, SLOT_DATE, lo);
        return Q(Q::OP_VALUE_RANGE, SLOT_DATE, lo, hi);
    }

    const plan::Plan* m_plan;
    CompiledQuery& m_out;
    std::vector<std::string> m_boost_words;
    int m_excluding = 0;
};

}  // namespace

CompiledQuery compile_query(const std::string& text, const plan::Plan* plan) {
    CompiledQuery out;
    if (trim(text).empty()) return out;
    if (std::size_t bad = first_invalid_utf8(text); bad != std::string::npos)
        fail(tr("texte qui n'est pas en UTF-8 (réglez le terminal en UTF-8)", "text that is not UTF-8 (set the terminal to UTF-8)"), bad);
    Parser parser(text);
    NodePtr root = parser.parse();
    Compiler compiler(plan, out);
    compiler.compile_top(*root);
    return out;
}

}  // namespace ububiko::index
