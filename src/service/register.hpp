// The mail register of a year (registre du courrier arrivé / départ): every record
// registered that year, in register order, optionally only incoming or outgoing.
#pragma once

#include <string>

#include "archive/archive.hpp"
#include "pdfwrite/pdfwrite.hpp"

namespace ububiko::service {

// direction: "in", "out" or "" (both). Throws Error(invalid_input) for a bad direction.
pdfwrite::RegisterSpec register_of(const archive::Archive& archive, int year, const std::string& direction);

// The same as CSV (UTF-8, comma-separated, header row).
std::string register_csv(const pdfwrite::RegisterSpec& spec);

}  // namespace ububiko::service
