// Dates and times as the archive writes them: ISO 8601, UTC for instants.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ububiko {

// A calendar date, validated.
struct Date {
    int year = 0, month = 0, day = 0;
    std::string iso() const;         // "2024-03-07"
    std::string compact() const;     // "20240307", the index's sortable form
    auto operator<=>(const Date&) const = default;
};

// Parses "YYYY-MM-DD" (only that form); std::nullopt when malformed or not a real date.
std::optional<Date> parse_iso_date(std::string_view text);
bool is_leap_year(int year);
int days_in_month(int year, int month);

// Now as "2026-11-27T10:15:03Z".
std::string now_utc_iso();
// Today's date in local time.
Date today();

}  // namespace ububiko
