// The misfiling section: the suggester is asked about every filed record (left out of its
// own neighbours); when it is sure of another code and gives the filed one almost nothing,
// the record is probably misfiled.
#include <algorithm>
#include <cmath>
#include <mutex>

#include "audit/audit_internal.hpp"
#include "classify/suggest.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/parallel.hpp"
#include "core/system.hpp"

namespace ububiko::audit::detail {
namespace {

std::string percent(double confidence) {
    return number(std::round(confidence * 100)) + " %";
}

std::string text_of(const Item& item) {
    const std::string path = item.dir + "/" + item.record.extraction.text_file;
    try {
        return exists(path) ? read_file_prefix(path, k_suggest_text_bytes) : std::string();
    } catch (const Error&) {
        return {};  // an unreadable file is the integrity section's business
    }
}

// The finding for one record, if the suggestions disagree strongly with its code.
std::optional<Finding> judge(const archive::Record& r,
                             const std::vector<classify::Suggestion>& suggestions,
                             const plan::Plan& plan) {
    if (suggestions.empty()) return std::nullopt;
    const classify::Suggestion& top = suggestions.front();
    if (top.code == r.code || top.confidence < k_misfiling_top) return std::nullopt;
    // A more precise code under the filed one is a placement matter, not a misfiling.
    if (top.code.starts_with(r.code + ".")) return std::nullopt;
    double filed = 0;
    std::size_t rank = suggestions.size();
    for (std::size_t i = 0; i < suggestions.size(); ++i)
        if (suggestions[i].code == r.code) {
            rank = i;
            filed = suggestions[i].confidence;
            break;
        }
    if (rank < k_misfiling_rank && filed >= k_misfiling_filed) return std::nullopt;
    std::string message = tr("« ", "'") + r.title + tr(" » classé sous ", "' filed under ") +
                          code_label(plan, r.code) +
                          tr(" ; les suggestions désignent ", "; the suggestions point to ") +
                          code_label(plan, top.code) + tr(" à ", " at ") + percent(top.confidence) +
                          " (" + r.code + tr(" : ", ": ") + percent(filed) + ")";
    if (!top.reasons.empty()) message += tr(" ; raison : ", "; reason: ") + top.reasons.front();
    return Finding{"probable-misfiling", r.id, r.code, message};
}

}  // namespace

std::optional<Section> misfiling_section(const archive::Archive& archive,
                                         const std::vector<Item>& items, const Progress& progress) {
    Section s;
    s.key = "misfiling";
    const plan::Plan& plan = archive.plan();
    std::vector<const Item*> asked;
    for (const Item& item : items)
        if (item.record.status == "filed" && plan.find(item.record.code) != nullptr)
            asked.push_back(&item);
    s.checked = asked.size();

    // A few threads, each with its own suggester (its own index and model handles).
    const unsigned threads = static_cast<unsigned>(std::clamp<std::size_t>(
        std::min<std::size_t>(processor_count(), 4), 1, std::max<std::size_t>(asked.size(), 1)));
    std::vector<std::vector<Finding>> found(threads);
    const Language lang = language();
    std::mutex progress_mutex;
    std::size_t done = 0;
    const std::string stage = tr("suggestions", "suggestions");
    auto step = [&] {
        if (!progress) return;
        std::lock_guard<std::mutex> lock(progress_mutex);
        progress(stage, ++done, asked.size());
    };
    try {
        parallel_for(threads, threads, [&](std::size_t t) {
            set_language(lang);
            classify::Suggester suggester(archive);
            const std::size_t begin = asked.size() * t / threads,
                              end = asked.size() * (t + 1) / threads;
            for (std::size_t i = begin; i < end; ++i) {
                const archive::Record& r = asked[i]->record;
                classify::Document doc;
                doc.title = r.title;
                doc.text = text_of(*asked[i]);
                doc.correspondent = r.correspondent;
                doc.type = r.type;
                doc.direction = r.direction;
                doc.exclude_id = r.id;
                if (auto f = judge(r, suggester.suggest(doc, 5), plan))
                    found[t].push_back(std::move(*f));
                step();
            }
        });
    } catch (const Error&) {
        // No suggester (index unreadable: the integrity section says so): not evaluated.
        return std::nullopt;
    }
    for (auto& part : found)
        for (Finding& f : part) s.findings.push_back(std::move(f));
    score_by_share(s, affected(s),
                   tr("documents probablement mal classés", "documents probably misfiled"));
    s.formula += tr(" ; « probablement mal classé » : la première suggestion désigne un autre code "
                    "avec une confiance "
                    "d'au moins ",
                    "; 'probably misfiled': the first suggestion is another code with a confidence "
                    "of at least ") +
                 percent(k_misfiling_top) +
                 tr(" et le code choisi n'est pas parmi les 3 premières ou a moins de ",
                    " and the code chosen is not among the first 3 or has less than ") +
                 percent(k_misfiling_filed);
    return s;
}

}  // namespace ububiko::audit::detail
