// Problems found in a plan file, each with its place, collected rather than thrown so that
// `plan check` can report all of them at once.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"

namespace ububiko::plan {

struct Diagnostic {
    Place place;
    std::string message;
    std::string to_string() const { return place.empty() ? message : place.to_string() + ": " + message; }
};

// Thrown when a plan cannot be used; carries every problem found.
class PlanError : public Error {
public:
    explicit PlanError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }

private:
    std::vector<Diagnostic> m_diagnostics;
};

}  // namespace ububiko::plan
