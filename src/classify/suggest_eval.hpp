// Held-out evaluation of the suggestions, in two steps so that the benchmark can try other
// combination parameters without asking the sources again: collect() gathers the three
// sources for every test record, report() combines and scores them. Internal to classify.
#pragma once

#include <string>
#include <vector>

#include "archive/archive.hpp"
#include "classify/suggest.hpp"
#include "classify/suggest_engine.hpp"

namespace ububiko::classify::detail {

struct EvalCase {
    std::string id, actual;
    Sources sources;
};

struct EvalRun {
    std::string method;
    std::size_t train = 0, test = 0;
    std::vector<std::string> leaves;  // fileable leaves of the plan
    std::vector<EvalCase> cases;
    double seconds = 0;
};

// Whether a record is in the test part of the 80/20 split (a hash of its id).
bool in_test_split(const std::string& id);

EvalRun collect(const archive::Archive& archive, const EvalOptions& options,
                const TrainOptions& training = {});
EvalReport report(const EvalRun& run, const Params& params);
// Sets a parameter by name; false for an unknown name.
bool set_param(Params& params, const std::string& name, double value);
std::string describe(const Params& params);
// The results of a grid of combination parameters around `start`, best first.
std::vector<std::pair<Params, std::pair<double, double>>> tune(const EvalRun& run,
                                                               const Params& start);

}  // namespace ububiko::classify::detail
