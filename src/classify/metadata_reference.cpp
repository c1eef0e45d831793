// The document's own number: "N/Réf. : N°045/ADM/BRR/2024", "Réf. : SRGL/BRR/2023/041", a
// number alone on its line near the top ("N°031/CDS-KRB/2016"), or the number in the heading
// ("DÉCISION N°031/2024 PORTANT …"). Numbers cited in the text ("Vu la loi n°1/33 …", "votre
// lettre n°052/ADM/BRR/2018") are not read: only the top of the document and its heading are.
#include <algorithm>

#include "classify/metadata_internal.hpp"

namespace ububiko::classify::detail {

namespace {

bool ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool digit(char c) { return c >= '0' && c <= '9'; }

std::size_t skip_spaces(std::string_view f, std::size_t k, std::size_t most = 3) {
    for (std::size_t n = 0; k < f.size() && f[k] == ' ' && n < most; ++n) ++k;
    return k;
}

// End of a reference value that starts at k in folded text: letters, digits and / - . _ #,
// with spaces allowed around slashes ("045 / ADM / BRR / 2024", as OCR reads it).
std::size_t value_end(std::string_view f, std::size_t k) {
    std::size_t j = k;
    while (j < f.size()) {
        char c = f[j];
        if (ascii_alnum(c) || c == '/' || c == '-' || c == '.' || c == '_') {
            ++j;
        } else if (c == ' ' && j > k && (f[j - 1] == '/' || (j + 1 < f.size() && f[j + 1] == '/'))) {
            ++j;
        } else {
            break;
        }
    }
    while (j > k && (f[j - 1] == '.' || f[j - 1] == '-' || f[j - 1] == '/' || f[j - 1] == '_' || f[j - 1] == ' '))
        --j;
    return j;
}

struct Candidate {
    int score = 0;
    std::string value;
    std::size_t line = 0;
};

// The value at folded position k of the line (after a label or a number sign), normalised:
// spaces removed, "N°" in front when the text had a number sign. Empty if not a reference.
std::string value_at(const Doc& doc, const Line& line, std::size_t k, bool numbered) {
    std::string_view f = doc.fl(line);
    std::size_t e = value_end(f, k);
    if (e <= k || e - k > 48) return {};
    std::string_view v = f.substr(k, e - k);
    if (v.find_first_of("0123456789") == std::string_view::npos) return {};
    std::string raw(doc.original(line.fbegin + k, line.fbegin + e));
    std::string out;
    for (char c : raw)
        if (c != ' ') out += c;
    return numbered ? "N°" + out : out;
}

}  // namespace

namespace {

// The label of a reference at the start of a folded line: "n/ref.", "notre reference", "nos
// ref.", "ref." (ours: theirs = false) or "v/ref.", "votre reference", "vos ref." (theirs =
// true). The position after the label and its colon, or nullopt.
std::optional<std::size_t> label_at_start(std::string_view f, bool& theirs) {
    std::size_t k = 0;
    bool owner = false;
    theirs = false;
    if (!f.empty() && (f[0] == 'n' || f[0] == 'v')) {
        std::size_t s = skip_spaces(f, 1);
        if (s < f.size() && (f[s] == '/' || (f[s] == '.' && s + 1 < f.size() && f[s + 1] != ' '))) {
            theirs = f[0] == 'v';
            k = skip_spaces(f, s + 1);
            owner = true;
        }
    }
    if (!owner) {
        for (std::string_view w : {"notre", "nos", "votre", "vos"}) {
            if (starts_with_words(f, w)) {
                theirs = w[0] == 'v';
                k = skip_spaces(f, w.size());
                owner = true;
                break;
            }
        }
    }
    if (f.substr(k, 3) != "ref") return std::nullopt;
    k += 3;
    if (f.substr(k, 6) == "erence") k += 6;
    if (k < f.size() && f[k] == 's') ++k;
    if (k < f.size() && ascii_alnum(f[k])) return std::nullopt;
    k = skip_spaces(f, k);
    // "Référence du dossier :", "Réf. dossier :"
    for (std::string_view of : {"du dossier", "dossier"})
        if (k < f.size() && starts_with_words(f.substr(k), of)) {
            k = skip_spaces(f, k + of.size());
            break;
        }
    if (k < f.size() && f[k] == '.') k = skip_spaces(f, k + 1);
    if (k < f.size() && f[k] == ':') return skip_spaces(f, k + 1);
    // "N/Réf. N°045/…" or "Réf. n°12/…" without a colon
    if (owner || number_sign(f, k)) return k;
    return std::nullopt;
}

}  // namespace

std::optional<std::size_t> reference_label(std::string_view f) {
    bool theirs = false;
    auto k = label_at_start(f, theirs);
    if (!k || theirs) return std::nullopt;
    return k;
}

bool their_reference_label(std::string_view f) {
    bool theirs = false;
    return label_at_start(f, theirs) && theirs;
}

std::optional<std::size_t> number_sign(std::string_view f, std::size_t pos) {
    if (pos >= f.size() || f[pos] != 'n' || (pos > 0 && ascii_alnum(f[pos - 1]))) return std::nullopt;
    std::size_t k = skip_spaces(f, pos + 1, 2);
    if (k >= f.size()) return std::nullopt;
    if (f[k] == '#' || f[k] == '*' || f[k] == '\'') {
        ++k;
    } else if (f[k] == 'o' && k + 1 < f.size() && (f[k + 1] == '.' || f[k + 1] == ' ' || digit(f[k + 1]))) {
        k += f[k + 1] == '.' ? 2 : 1;
    } else {
        return std::nullopt;
    }
    k = skip_spaces(f, k, 2);
    // A number follows: a digit within its first few characters ("N°045", "N° MH-118").
    for (std::size_t j = k; j < f.size() && j < k + 5; ++j) {
        if (digit(f[j])) return k;
        if (!ascii_alnum(f[j]) && f[j] != '-') break;
    }
    return std::nullopt;
}

std::optional<Proposed> propose_reference(const Doc& doc, const Layout& lay) {
    const std::size_t n = doc.lines.size();
    std::size_t region = std::min<std::size_t>(n, std::max({lay.body + 2, lay.heading_end + 3, 6}));
    region = std::min<std::size_t>(region, 30);
    std::optional<Candidate> best;
    auto offer = [&](int score, std::string value, std::size_t line) {
        if (value.empty()) return;
        if (!best || score > best->score) best = Candidate{score, std::move(value), line};
    };
    for (std::size_t i = 0; i < region; ++i) {
        const Line& line = doc.lines[i];
        std::string_view f = doc.fl(line);
        bool heading = lay.heading >= 0 && static_cast<int>(i) >= lay.heading && static_cast<int>(i) < lay.heading_end;
        if (auto k = reference_label(f)) {
            auto sign = number_sign(f, *k);
            offer(100, value_at(doc, line, sign ? *sign : *k, sign.has_value()), i);
            continue;
        }
        if (auto k = number_sign(f, 0)) {
            std::string value = value_at(doc, line, *k, true);
            std::size_t e = value_end(f, *k);
            bool alone = f.find_first_not_of(" .,;:", e) == std::string_view::npos;
            offer(alone ? 90 : 70, value, i);
            continue;
        }
        // In the heading ("DÉCISION N°031/2024 PORTANT …"), or on a line that names a type
        // ("Appel d'offres national N°001/CGMP/BRR/2019 – …"): the first number sign, unless a
        // cited text comes first ("… PORTANT APPLICATION DE LA LOI N°1/33").
        bool named = heading || (type_keyword_at_start(f) != nullptr && !line.shouting());
        if (named || heading) {
            for (std::size_t k = 1; k < f.size() && k < (heading ? f.size() : 60); ++k) {
                auto sign = number_sign(f, k);
                if (!sign) continue;
                // after the heading's own type word ("ORDONNANCE MINISTÉRIELLE N°…")
                std::string_view before = f.substr(0, k);
                if (const TypeKeyword* own = type_keyword_at_start(f)) before.remove_prefix(own->phrase.size());
                bool cited = false;
                for (std::string_view w : {"loi ", "decret", "vu ", "lettre ", "ordonnance "})
                    cited = cited || before.find(w) != std::string_view::npos;
                if (!cited) offer(heading ? 85 : 50, value_at(doc, line, *sign, true), i);
                break;
            }
        }
        // The entry of a civil-status register: "… – Acte n°214".
        if (std::size_t p = f.find("acte n"); p != std::string_view::npos && (p == 0 || f[p - 1] == ' ')) {
            if (auto sign = number_sign(f, p + 5)) {
                std::string v = value_at(doc, line, *sign, false);
                if (!v.empty()) offer(40, "Acte n°" + v, i);
            }
        }
    }
    if (!best) return std::nullopt;
    return Proposed{best->value, tidy(doc.raw(doc.lines[best->line]), 160)};
}

}  // namespace ububiko::classify::detail
