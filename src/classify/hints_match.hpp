// The plan's matching hints applied to a document: keywords and phrases (as word sequences
// of folded, stemmed text, so "PV" never matches "PVC" and "procès-verbaux" finds
// "procès-verbal"), regexes on the raw text, correspondents, document types. Each leaf
// gets a score and the reasons behind it. Internal to the classify module.
#pragma once

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "classify/suggest_analysis.hpp"
#include "plan/plan.hpp"

namespace ububiko::classify::detail {

struct Reason {
    double weight = 0;  // contribution to the score
    std::string text;   // for people, in their language
};

struct HintScore {
    std::string code;  // a fileable leaf
    double score = 0;
    std::vector<Reason> reasons;  // strongest first
};

class HintMatcher {
public:
    // Compiles the hints of every fileable leaf of the plan (regexes that do not compile
    // are skipped: `plan check` reports them).
    explicit HintMatcher(const plan::Plan& plan);
    ~HintMatcher();
    HintMatcher(const HintMatcher&) = delete;
    HintMatcher& operator=(const HintMatcher&) = delete;

    // Leaves with at least one matching hint, best first.
    std::vector<HintScore> match(const Analysis& analysis) const;
    bool empty() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ububiko::classify::detail
