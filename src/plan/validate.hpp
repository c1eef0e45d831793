// Rules a plan must satisfy whatever it was read from (YAML or CSV): complete leaves after
// inheritance, known document types in hints, regexes that compile, unique type aliases.
#pragma once

#include <regex>
#include <vector>

#include "plan/diagnostics.hpp"
#include "plan/plan.hpp"

namespace ububiko::plan {

// Compiles a hint regex (ECMAScript). A leading "(?i)" makes it case-insensitive, since
// std::regex has no inline flags. Throws std::regex_error.
std::regex compile_hint_regex(const std::string& pattern);

// Appends a diagnostic per problem; file is the name used in places.
void validate(const Plan& plan, const std::string& file, std::vector<Diagnostic>& out);

}  // namespace ububiko::plan
