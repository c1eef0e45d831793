// Plans as spreadsheets (CSV), for coaches who draft plans in a spreadsheet: one row per
// code, lists separated by '|'; format in docs/plan-format.md. Round-trips with YAML.
#pragma once

#include <string>
#include <string_view>

#include "plan/plan.hpp"
#include "plan/plan_yaml.hpp"

namespace ububiko::plan {

std::string to_csv(const Plan& plan, char delimiter = ',');

// Parses and validates a CSV plan; problems go to errors with line and column name.
CheckResult check_plan_csv_text(std::string_view csv, const std::string& name);
// Throws PlanError when there is any error.
Plan load_plan_csv_file(const std::string& path);

}  // namespace ububiko::plan
