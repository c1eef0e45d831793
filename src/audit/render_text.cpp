// The audit in a few lines for the terminal, printed when the full report goes to a file.
#include <cstdio>

#include "audit/audit_internal.hpp"
#include "core/i18n.hpp"

namespace ububiko::audit {

using namespace detail;

namespace {

std::size_t code_points(const std::string& text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

// The text padded with spaces to `width` code points (UTF-8), for aligned columns.
std::string padded(const std::string& text, std::size_t width) {
    std::size_t n = code_points(text);
    return n >= width ? text + " " : text + std::string(width - n, ' ');
}

std::string right(const std::string& text, std::size_t width) {
    std::size_t n = code_points(text);
    return n >= width ? text : std::string(width - n, ' ') + text;
}

std::size_t findings_in(const Report& r) {
    std::size_t n = 0;
    for (const Section& s : r.sections) n += s.findings.size();
    return n;
}

// Several archives: one line each, as the comparison table has them.
std::string comparison_text(const std::vector<Report>& reports) {
    std::string out = padded(tr("Commune", "Commune"), 32) + padded(tr("Code", "Code"), 7) +
                      right(tr("Documents", "Documents"), 10) +
                      right(tr("Constats", "Findings"), 10) + right(tr("Score", "Score"), 8) + "\n";
    for (const Report& r : reports)
        out += padded(r.commune.empty() ? r.archive_name : r.commune, 32) +
               padded(r.archive_code, 7) + right(count(r.records), 10) +
               right(count(findings_in(r)), 10) + right(number(r.score), 8) + "\n";
    return out + tr("(le détail par section est dans le rapport)\n",
                    "(the details per section are in the report)\n");
}

}  // namespace

std::string to_text(const std::vector<Report>& reports) {
    if (reports.size() > 1) return comparison_text(reports);
    std::string out;
    for (const Report& r : reports) {
        const std::string name = r.commune.empty() ? r.archive_name : r.commune;
        out += name + " (" + r.archive_code + ")" + tr(", situation au ", ", as of ") +
               r.as_of.iso() + "\n";
        out += "  " + tr("documents : ", "documents: ") + count(r.records) +
               tr(", en attente de classement : ", ", waiting to be classified: ") +
               count(r.queued) + "\n";
        std::size_t findings = 0;
        for (const std::string& key : section_keys()) {
            const Section* s = find_section(r, key);
            out += "  " + padded(section_title(key), 40);
            if (s == nullptr) {
                out += right("—", 5) + "  " + tr("non évalué", "not evaluated") + "\n";
                continue;
            }
            findings += s->findings.size();
            out += right(number(s->score), 5) + "  " +
                   (s->findings.empty()
                        ? tr("rien à signaler", "nothing to report")
                        : count(s->findings.size()) + tr(" constat(s)", " finding(s)")) +
                   "\n";
        }
        out += "  " + padded(tr("Score global", "Overall score"), 40) + right(number(r.score), 5) +
               "  " +
               (findings ? count(findings) + tr(" constat(s) en tout", " finding(s) in all")
                         : tr("aucun problème", "no problem")) +
               "\n";
    }
    return out;
}

}  // namespace ububiko::audit
