#include "pdf_layout.hpp"

#include "pdf_layout_internal.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace gen::detail {

PageLayout Layouter::run(const Sample& sample) {
    letterhead(sample);
    BlockKind previous = BlockKind::gap;
    for (std::size_t i = 0; i < sample.blocks.size(); ++i) {
        if (sample.blocks[i].kind == BlockKind::signature && previous != BlockKind::signature) {
            // Keep a signature block (title, room to sign, name) on one page.
            double lines_needed = 0;
            for (std::size_t j = i;
                 j < sample.blocks.size() && sample.blocks[j].kind == BlockKind::signature; ++j) {
                lines_needed += sample.blocks[j].spans.empty() ? 2 : 1;
            }
            ensure((lines_needed - 1) * m_leading);
        }
        block(sample.blocks[i]);
        previous = sample.blocks[i].kind;
    }
    m_out.pages = m_page + 1;
    if (m_out.pages > 1) {
        for (int p = 0; p < m_out.pages; ++p) {
            const std::string label =
                "Page " + std::to_string(p + 1) + "/" + std::to_string(m_out.pages);
            const double w = m_measure(Face::regular, k_footer, label);
            m_out.texts.push_back({p, k_margin_left + (m_width - w) / 2, k_footer_y, Face::regular,
                                   k_footer, label, false});
        }
    }
    return std::move(m_out);
}

std::vector<Word> Layouter::split(const std::vector<Span>& spans) {
    std::vector<Word> words;
    Word current;
    for (const auto& span : spans) {
        const Face face = span.bold ? Face::bold : Face::regular;
        std::string piece;
        for (const char c : span.text) {
            if (c != ' ') {
                piece += c;
                continue;
            }
            if (!piece.empty()) {
                current.pieces.push_back({face, std::move(piece)});
                piece.clear();
            }
            if (!current.pieces.empty()) {
                words.push_back(std::move(current));
                current = {};
            }
        }
        if (!piece.empty()) {
            current.pieces.push_back({face, std::move(piece)});
        }
    }
    if (!current.pieces.empty()) {
        words.push_back(std::move(current));
    }
    return words;
}

std::vector<std::vector<Word>> Layouter::wrap(const std::vector<Word>& words, double max_width,
                                              double size) const {
    std::vector<std::vector<Word>> lines;
    std::vector<Word> line;
    double line_width = 0;
    const double space = m_measure(Face::regular, size, " ");
    for (const auto& word : words) {
        const double w = width(word, size);
        if (!line.empty() && line_width + space + w > max_width) {
            lines.push_back(std::move(line));
            line.clear();
            line_width = 0;
        }
        line_width += (line.empty() ? 0 : space) + w;
        line.push_back(word);
    }
    if (!line.empty()) {
        lines.push_back(std::move(line));
    }
    return lines;
}

void Layouter::place_line(const std::vector<Word>& line, double x, double max_width, double size,
                          Align align, bool justify) {
    const double space = m_measure(Face::regular, size, " ");
    double natural = 0;
    for (const auto& word : line) {
        natural += width(word, size);
    }
    natural += space * static_cast<double>(line.size() - 1);
    double cursor = align == Align::centre  ? x + (max_width - natural) / 2
                    : align == Align::right ? x + max_width - natural
                                            : x;
    const double gap = justify && line.size() > 1
                           ? space + (max_width - natural) / static_cast<double>(line.size() - 1)
                           : space;
    bool can_merge = false;
    for (const auto& word : line) {
        for (std::size_t i = 0; i < word.pieces.size(); ++i) {
            const Piece& piece = word.pieces[i];
            if (i == 0 && can_merge && !justify && m_out.texts.back().face == piece.face) {
                m_out.texts.back().text += " " + piece.text;
            } else {
                put(cursor, m_y, piece.face, size, piece.text, i > 0);
            }
            cursor += m_measure(piece.face, size, piece.text);
        }
        can_merge = word.pieces.size() == 1;
        cursor += gap;
    }
}

void Layouter::lines(const std::vector<Span>& spans, double x, double max_width, double size,
                     double leading, Align align, bool justify) {
    const auto wrapped = wrap(split(spans), max_width, size);
    for (std::size_t i = 0; i < wrapped.size(); ++i) {
        ensure(0);
        place_line(wrapped[i], x, max_width, size, align, justify && i + 1 < wrapped.size());
        m_y -= leading;
    }
}

void Layouter::letterhead(const Sample& sample) {
    const double left = k_margin_left;
    if (!sample.letterhead.empty()) {
        std::vector<std::vector<Word>> all;
        double block_width = 0;
        for (const auto& text : sample.letterhead) {
            for (auto& line :
                 wrap(split({{text, true}}), m_width * k_letterhead_share, k_letterhead)) {
                double w = 0;
                for (const auto& word : line) {
                    w += width(word, k_letterhead) + m_measure(Face::bold, k_letterhead, " ");
                }
                block_width = std::max(block_width, w);
                all.push_back(std::move(line));
            }
        }
        for (const auto& line : all) {
            place_line(line, left, block_width, k_letterhead, Align::centre, false);
            m_y -= k_letterhead_leading;
        }
        const double rule = std::min(block_width * 0.4, 90.0);
        const double rule_y = m_y + k_letterhead_leading - 6;
        m_out.rules.push_back(
            {0, left + (block_width - rule) / 2, rule_y, left + (block_width + rule) / 2, rule_y});
        m_y = rule_y - 26 * m_squeeze;
    }
    if (!sample.dateline.empty()) {
        const double w = m_measure(Face::regular, k_body, sample.dateline);
        put(k_margin_left + m_width - w, top(), Face::regular, k_body, sample.dateline);
        if (sample.letterhead.empty()) {
            m_y = top() - 2.5 * m_leading;
        }
    }
}

void Layouter::block(const Block& b) {
    const double left = k_margin_left;
    switch (b.kind) {
        case BlockKind::paragraph:
            lines(b.spans, left, m_width, k_body, m_leading, Align::left, true);
            break;
        case BlockKind::heading:
            if (!m_at_top) {
                m_y -= 6 * m_squeeze;
            }
            ensure(4 * m_leading);
            lines(b.spans, left, m_width, k_heading, m_heading_leading, Align::centre, false);
            m_y -= 4 * m_squeeze;
            break;
        case BlockKind::subheading:
            ensure(3 * m_leading);
            lines(b.spans, left, m_width, k_body, m_leading, Align::left, false);
            break;
        case BlockKind::centered:
            lines(b.spans, left, m_width, k_body, m_leading, Align::centre, false);
            break;
        case BlockKind::right:
            if (b.spans.empty()) {
                m_y -= m_leading;
            } else {
                lines(b.spans, left + m_width * 0.5, m_width * 0.5, k_body, m_leading, Align::left,
                      false);
            }
            break;
        case BlockKind::signature:
            if (b.spans.empty()) {
                m_y -= 2 * m_leading;
            } else {
                lines(b.spans, left + m_width * 0.45, m_width * 0.55, k_body, m_leading,
                      Align::centre, false);
            }
            break;
        case BlockKind::signatures:
            ensure(static_cast<double>(b.rows.size() + 1) * m_leading);
            for (const auto& row : b.rows) {
                const double y = m_y;
                double lowest = y;
                for (std::size_t c = 0; c < 2; ++c) {
                    m_y = y;
                    if (!row.cells[c].empty()) {
                        lines({{row.cells[c], false}},
                              left + m_width * 0.5 * static_cast<double>(c), m_width * 0.5, k_body,
                              m_leading, Align::centre, false);
                    }
                    lowest = std::min(lowest, m_y);
                }
                m_y = std::min(lowest, y - m_leading);
            }
            break;
        case BlockKind::bullet:
            ensure(0);
            put(left + 8, m_y, Face::regular, k_body, "–");
            lines(b.spans, left + 20, m_width - 20, k_body, m_leading, Align::left, true);
            break;
        case BlockKind::table:
            table(b);
            break;
        case BlockKind::fields:
            fields(b);
            break;
        case BlockKind::gap:
            if (!m_at_top) {
                m_y -= 0.55 * m_leading;
            }
            break;
        case BlockKind::page_break:
            if (!m_at_top) {
                new_page();
            }
            break;
    }
}

}  // namespace gen::detail

namespace gen {

using detail::k_footer_y;
using detail::Layouter;

PageLayout lay_out(const Sample& sample, const Measure& measure, double page_width,
                   double page_height) {
    // A last page holding only a few lines (typically the signature) is tightened away
    // when slightly closer spacing lets the document end on the previous page.
    constexpr double k_squeezes[] = {1.0, 0.96, 0.92, 0.88};
    constexpr std::size_t k_orphan_lines = 6;
    PageLayout first;
    for (const double squeeze : k_squeezes) {
        PageLayout layout = Layouter(measure, page_width, page_height, squeeze).run(sample);
        std::set<double> last_page_lines;
        for (const auto& t : layout.texts) {
            if (t.page == layout.pages - 1 && t.y != k_footer_y) {
                last_page_lines.insert(t.y);
            }
        }
        if (layout.pages == 1 || last_page_lines.size() >= k_orphan_lines) {
            return layout;
        }
        if (squeeze == k_squeezes[0]) {
            first = std::move(layout);
        }
    }
    return first;
}

std::string reading_order_text(const PageLayout& layout) {
    std::vector<const TextItem*> items;
    for (const auto& t : layout.texts) {
        items.push_back(&t);
    }
    std::stable_sort(items.begin(), items.end(), [](const TextItem* a, const TextItem* b) {
        if (a->page != b->page) {
            return a->page < b->page;
        }
        if (a->y != b->y) {
            return a->y > b->y;
        }
        return a->x < b->x;
    });
    std::string out;
    for (const auto* t : items) {
        if (!out.empty() && !t->glued) {
            out += ' ';
        }
        out += t->text;
    }
    return out;
}

}  // namespace gen
