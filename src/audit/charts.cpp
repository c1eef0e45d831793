// SVG charts for the HTML report: plain shapes and text, sized by a viewBox so that they
// shrink on a narrow screen and print sharp.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "audit/audit_internal.hpp"
#include "audit/html_internal.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"

namespace ububiko::audit::detail {
namespace {

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    if (s.ends_with(".0")) s.resize(s.size() - 2);
    return s;
}

// At most n characters (code points) of UTF-8 text, with "…" when cut.
std::string shorten(const std::string& text, std::size_t n) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (++chars > n) return text.substr(0, i) + "…";
    }
    return text;
}

// A round scale maximum at or above v, and its step: 1, 2 or 5 times a power of ten.
std::pair<double, double> nice_scale(double v) {
    if (v <= 0) return {1, 1};
    double raw = v / 4;
    double p = std::pow(10, std::floor(std::log10(raw)));
    double step = raw <= p ? p : raw <= 2 * p ? 2 * p : raw <= 5 * p ? 5 * p : 10 * p;
    step = std::max(step, 1.0);
    return {std::ceil(v / step) * step, step};
}

std::string open_svg(int w, int h, const std::string& title) {
    return "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + std::to_string(w) + " " +
           std::to_string(h) + "\" width=\"" + std::to_string(w) + "\" height=\"" +
           std::to_string(h) + "\" font-family=\"sans-serif\" font-size=\"11\"><title>" +
           esc(title) + "</title>";
}

}  // namespace

std::string esc(std::string_view text) { return escape_html(text); }

const char* score_band(double score) {
    return score >= 90 ? "good" : score >= 75 ? "fair" : score >= 50 ? "poor" : "bad";
}

const char* score_color(double score) {
    return score >= 90 ? "#2e7d32" : score >= 75 ? "#9e7c00" : score >= 50 ? "#e65100" : "#c62828";
}

std::string column_chart(const std::vector<std::pair<std::string, double>>& values,
                         const std::string& title) {
    const int w = 680, h = 230, left = 46, right = 10, top = 16, bottom = 44;
    std::string svg = open_svg(w, h, title);
    if (values.empty()) {
        svg += "<text x=\"" + std::to_string(w / 2) + "\" y=\"" + std::to_string(h / 2) +
               "\" text-anchor=\"middle\" fill=\"#666\">" +
               esc(tr("aucun document", "no document")) + "</text></svg>";
        return svg;
    }
    double max = 0;
    for (const auto& [label, v] : values) max = std::max(max, v);
    auto [scale, step] = nice_scale(max);
    const double plot_w = w - left - right, plot_h = h - top - bottom;
    // Axis and grid.
    for (double y = 0; y <= scale + 1e-9; y += step) {
        double py = top + plot_h - plot_h * y / scale;
        svg += "<line x1=\"" + std::to_string(left) + "\" x2=\"" + std::to_string(w - right) +
               "\" y1=\"" + fmt(py) + "\" y2=\"" + fmt(py) + "\" stroke=\"" +
               (y == 0 ? "#555" : "#ddd") + "\"/>";
        svg += "<text x=\"" + std::to_string(left - 6) + "\" y=\"" + fmt(py + 4) +
               "\" text-anchor=\"end\" fill=\"#444\">" + fmt(y) + "</text>";
    }
    const std::size_t n = values.size();
    const double slot = plot_w / static_cast<double>(n);
    const double bar = std::max(1.0, slot * 0.72);
    const std::size_t every = (n + 19) / 20;  // at most about 20 labels
    const bool slanted = n > 12;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& [label, v] = values[i];
        double x = left + slot * static_cast<double>(i) + (slot - bar) / 2;
        double bh = plot_h * v / scale;
        double y = top + plot_h - bh;
        svg += "<rect x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(bar) +
               "\" height=\"" + fmt(bh) + "\" fill=\"#3b6ea5\"><title>" + esc(label) +
               tr(" : ", ": ") + fmt(v) + "</title></rect>";
        if (n <= 30 && v > 0)
            svg += "<text x=\"" + fmt(x + bar / 2) + "\" y=\"" + fmt(y - 3) +
                   "\" text-anchor=\"middle\" font-size=\"9\" fill=\"#222\">" + fmt(v) + "</text>";
        if (i % every == 0) {
            double lx = x + bar / 2, ly = top + plot_h + 14;
            if (slanted)
                svg += "<text x=\"" + fmt(lx) + "\" y=\"" + fmt(ly) +
                       "\" text-anchor=\"end\" transform=\"rotate(-45 " + fmt(lx) + " " + fmt(ly) +
                       ")\" fill=\"#444\">" + esc(label) + "</text>";
            else
                svg += "<text x=\"" + fmt(lx) + "\" y=\"" + fmt(ly) +
                       "\" text-anchor=\"middle\" fill=\"#444\">" + esc(label) + "</text>";
        }
    }
    return svg + "</svg>";
}

std::string bar_chart(const std::vector<Bar>& bars, const std::string& title, double max,
                      bool scored) {
    const int w = 680, row = 22, top = 8, label_w = 300, value_w = 70;
    const int h = top * 2 + row * static_cast<int>(std::max<std::size_t>(bars.size(), 1));
    std::string svg = open_svg(w, h, title);
    if (bars.empty())
        return svg + "<text x=\"" + std::to_string(w / 2) + "\" y=\"" + std::to_string(h / 2 + 4) +
               "\" text-anchor=\"middle\" fill=\"#666\">" +
               esc(tr("aucun document", "no document")) + "</text></svg>";
    if (max <= 0)
        for (const Bar& b : bars) max = std::max(max, b.value.value_or(0));
    if (max <= 0) max = 1;
    const double plot_w = w - label_w - value_w;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar& b = bars[i];
        const double y = top + row * static_cast<double>(i);
        svg += "<text x=\"" + std::to_string(label_w - 8) + "\" y=\"" + fmt(y + 15) +
               "\" text-anchor=\"end\" fill=\"#222\">" + esc(shorten(b.label, 48)) + "<title>" +
               esc(b.label) + "</title></text>";
        svg += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + fmt(y + 3) + "\" width=\"" +
               fmt(plot_w) + "\" height=\"16\" fill=\"#f0f0f0\"/>";
        if (!b.value) {
            svg += "<text x=\"" + std::to_string(label_w + 6) + "\" y=\"" + fmt(y + 15) +
                   "\" fill=\"#777\" font-style=\"italic\">" + esc(b.shown) + "</text>";
            continue;
        }
        double bw = plot_w * std::clamp(*b.value / max, 0.0, 1.0);
        const char* fill = scored ? score_color(*b.value) : "#3b6ea5";
        svg += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + fmt(y + 3) + "\" width=\"" +
               fmt(bw) + "\" height=\"16\" fill=\"" + fill + "\"/>";
        svg += "<text x=\"" + fmt(label_w + plot_w + 6) + "\" y=\"" + fmt(y + 15) +
               "\" fill=\"#222\" font-weight=\"bold\">" + esc(b.shown) + "</text>";
    }
    return svg + "</svg>";
}

}  // namespace ububiko::audit::detail
