// The three sources of suggestions gathered for one document, and their combination into
// confidences and reasons. Suggester and evaluate() both run on this; the benchmark tunes
// Params on it. Internal to the classify module.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "classify/hints_match.hpp"
#include "classify/model_linear.hpp"
#include "classify/neighbours_vote.hpp"
#include "classify/suggest.hpp"
#include "classify/suggest_analysis.hpp"

namespace ububiko::classify::detail {

// How the sources are combined (chosen on the evaluations of the benchmark,
// tools/bench/classify). Each source gives a distribution over the fileable leaves, made
// of its evidence plus a uniform "don't know" part; the confidence of a leaf is the
// weighted mean of the three, sharpened by a power and normalised. The neighbours and the
// model are trusted as far as they have seen several records per code: with d records per
// code in use, their weight is weight × d / (d + half).
struct Params {
    double hint_weight = 2.0;
    double hint_prior = 3.0;  // score of "don't know" beside the hint scores
    double hint_power = 3.0;  // hint scores to this power before sharing them out
    double neighbour_weight = 0.25;
    double neighbour_half = 30;
    double neighbour_smoothing = 0.1;  // share of the uniform part
    double model_weight = 4.0;
    double model_half = 10;
    double model_smoothing = 0.05;
    double sharpen = 1.0;  // power applied before normalising
};
// The parameters in use (the benchmark changes them to tune; nothing else should).
Params& params();

struct Sources {
    std::vector<HintScore> hints;
    NeighbourResult neighbours;
    std::vector<LinearModel::Prediction> model;
    std::size_t model_records = 0;  // records the model learnt from (0: no model)
    std::size_t model_classes = 0;  // codes it knows
    std::size_t filed = 0;          // filed records the neighbours were drawn from
    std::size_t codes_in_use = 0;   // codes they are filed under
    bool hints_in_plan = true;      // false: the plan has no hints at all
    bool empty = false;             // nothing to go on (no words, no type, no correspondent)
};

// Leaf and confidence, best first, over every fileable leaf with some evidence.
struct Ranked {
    std::string code;
    double confidence = 0;
};

// The combination: `leaves` are the fileable leaves (the confidences are normalised over
// all of them).
std::vector<Ranked> rank(const Sources& sources, const Params& params,
                         const std::vector<std::string>& leaves);

class Engine {
public:
    // `model` may be null (none trained yet).
    Engine(const plan::Plan& plan, const std::string& index_dir,
           std::shared_ptr<const LinearModel> model);
    ~Engine();

    Sources gather(const Analysis& analysis, const std::string& exclude_id) const;
    std::vector<Ranked> rank(const Sources& sources, const Params& params) const;
    // Ranked suggestions with their reasons, at most max.
    std::vector<Suggestion> suggest(const Analysis& analysis, const Sources& sources,
                                    const Params& params, std::size_t max) const;

    NeighbourVoter& neighbours() { return m_neighbours; }
    void set_model(std::shared_ptr<const LinearModel> model);
    const std::vector<std::string>& leaves() const { return m_leaves; }
    // Filed records seen by the neighbours: set when some are hidden (evaluation).
    void set_filed_override(std::size_t filed) { m_filed_override = filed; }
    const plan::Plan& plan() const { return m_plan; }

private:
    const plan::Plan& m_plan;
    HintMatcher m_hints;
    NeighbourVoter m_neighbours;
    std::shared_ptr<const LinearModel> m_model;
    std::vector<std::string> m_leaves;
    std::unordered_set<std::string> m_fileable;
    std::size_t m_filed = 0;
    std::size_t m_codes_in_use = 0;
    std::size_t m_filed_override = 0;
};

}  // namespace ububiko::classify::detail
