// Page layout of a sample for the PDF writer, independent of PoDoFo: where each piece
// of text, each rule and each shaded box goes, page by page. Text is measured through
// a callback so that wrapping uses the real font metrics.
#pragma once

#include "sample.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gen {

enum class Face { regular, bold };

struct TextItem {
    int page = 0;
    double x = 0;
    double y = 0;  // baseline
    Face face = Face::regular;
    double size = 11;
    std::string text;
    bool glued = false;  // continues the previous item's word (no space between them)
};

struct RuleItem {
    int page = 0;
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
};

struct FillItem {
    int page = 0;
    double x = 0, y = 0, width = 0, height = 0;  // lower-left corner
};

struct PageLayout {
    int pages = 1;
    std::vector<TextItem> texts;
    std::vector<RuleItem> rules;
    std::vector<FillItem> fills;
};

// Width in points of UTF-8 text set in face at size.
using Measure = std::function<double(Face face, double size, std::string_view text)>;

// Lays the sample out on pages of the given size (points). Throws std::runtime_error
// when a table cannot fit the width of the page.
PageLayout lay_out(const Sample& sample, const Measure& measure, double page_width,
                   double page_height);

// The text of the layout in reading order, words separated by single spaces.
std::string reading_order_text(const PageLayout& layout);

}  // namespace gen
