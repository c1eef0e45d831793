// Reading and writing plans as YAML (docs/plan-format.md), with every problem reported at
// its file, line and column.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plan/diagnostics.hpp"
#include "plan/plan.hpp"

namespace ububiko::plan {

struct CheckResult {
    std::optional<Plan> plan;  // set when there is no error
    std::vector<Diagnostic> errors;
};

// Parses and validates; content problems go to errors. Throws Error(not_found / io) only
// when the file cannot be read.
CheckResult check_plan_file(const std::string& path);
CheckResult check_plan_text(std::string_view yaml, const std::string& name, bool full_rules = true);

// As check_plan_file, but throws PlanError when there is any error.
Plan load_plan_file(const std::string& path);
// For a plan already checked when it was put in force (an archive's plan/ folder): the
// structure is read and checked, the costlier rules (regexes, inheritance) are not.
Plan load_trusted_plan_file(const std::string& path);
Plan load_plan_text(std::string_view yaml, const std::string& name);

// The plan as YAML in the documented format (comments are not preserved).
std::string to_yaml(const Plan& plan);

}  // namespace ububiko::plan
