// The integrity section: every problem check() finds (fixity, missing and extra files,
// unreadable records, index disagreements, the journal chain).
#include <set>

#include "audit/audit_internal.hpp"
#include "core/i18n.hpp"
#include "service/maintenance.hpp"

namespace ububiko::audit::detail {
namespace {

// Problems that leave the archive unable to prove its content: one is enough for 0.
const std::set<std::string> k_severe = {"fixity", "missing-file", "record", "journal", "index"};

}  // namespace

Section integrity_section(const archive::Archive& archive, std::size_t& files, std::uint64_t& bytes,
                          const Progress& progress) {
    Section s;
    s.key = "integrity";
    service::Counter counter;
    if (progress)
        counter = [&progress, stage = tr("vérification", "checking")](
                      std::size_t done, std::size_t total) { progress(stage, done, total); };
    service::CheckReport check = service::check(archive, false, counter);
    files = check.files;
    bytes = check.bytes;
    s.checked = check.records;
    std::map<std::string, std::size_t> severe;
    for (const service::Problem& p : check.problems) {
        s.findings.push_back(
            {p.kind, p.id, "", p.path.empty() ? p.message : p.path + tr(" : ", ": ") + p.message});
        if (k_severe.count(p.kind)) ++severe[p.kind];
    }
    const std::string rule =
        tr("0 dès qu'un fichier est altéré ou absent, qu'un record.json est illisible ou que le "
           "journal "
           "est rompu ; sinon 100 × (1 − documents concernés / documents examinés)",
           "0 as soon as a file is altered or missing, a record.json is unreadable or the journal "
           "is broken; else 100 × (1 − documents concerned / documents examined)");
    if (!severe.empty()) {
        std::string which;
        for (const auto& [kind, n] : severe)
            which += (which.empty() ? "" : ", ") + kind_label(kind) + " × " + std::to_string(n);
        s.score = 0;
        s.formula = rule + tr(" ; ici ", "; here ") + which + tr(" : 0", ": 0");
        return s;
    }
    score_by_share(s, affected(s), tr("documents concernés", "documents concerned"));
    s.formula = rule + tr(" ; ici ", "; here ") + s.formula;
    return s;
}

}  // namespace ububiko::audit::detail
