// When a record's administrative use ends (DUA) and what happens then, from the rules of
// the plan under which it is filed.
#pragma once

#include <optional>
#include <string>

#include "archive/record.hpp"
#include "core/time.hpp"
#include "plan/plan.hpp"

namespace ububiko::archive {

struct RetentionStatus {
    std::optional<Date> due;           // end of the DUA; unknown when the start is unknown
    plan::Disposition disposition = plan::Disposition::keep;  // what then
    int years = 0;
    plan::RetentionFrom from = plan::RetentionFrom::document_date;
    // Why there is no due date, for people ("date du document inconnue", "dossier non
    // clos"); empty when there is one.
    std::string unknown_because;
    bool has_rule = false;             // the code has retention rules at all
};

// The retention of a record under `plan` (its code's rules, inherited). Counts from the
// document date, the 31 December of its year, or the closing date of its file (the
// record's "closed" field, YYYY-MM-DD).
RetentionStatus retention_of(const Record& record, const plan::Plan& plan);

// Whether the record's DUA has ended on `as_of`.
bool retention_due(const RetentionStatus& status, const Date& as_of);

// "10 ans à compter de la date du document, puis conservation" / English by locale.
std::string describe(const RetentionStatus& status);

// A date plus whole years (29 February becomes 28 February in a common year).
Date add_years(const Date& date, int years);

}  // namespace ububiko::archive
