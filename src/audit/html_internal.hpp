// Pieces of the HTML rendering: escaping, the colour of a score, and the SVG charts (drawn
// here, no script, no external resource).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ububiko::audit::detail {

// Escapes text for HTML and SVG content and attribute values.
std::string esc(std::string_view text);

// Colour band of a score: "good" (≥ 90), "fair" (≥ 75), "poor" (≥ 50), "bad" (< 50).
const char* score_band(double score);
// Its colour ("#2e7d32"…), for SVG fills.
const char* score_color(double score);

// Vertical bars, one per labelled value, in the given order (records per year).
std::string column_chart(const std::vector<std::pair<std::string, double>>& values,
                         const std::string& title);

// One horizontal bar per row: a label, a value, and a scale maximum (0: the largest value).
struct Bar {
    std::string label;
    std::optional<double> value;  // nullopt: drawn as "not evaluated"
    std::string shown;            // the value as printed beside the bar
};
std::string bar_chart(const std::vector<Bar>& bars, const std::string& title, double max,
                      bool scored);

}  // namespace ububiko::audit::detail
