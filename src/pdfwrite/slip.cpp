// The disposition slips, A4 portrait: bordereau d'élimination (the records are proposed for
// destruction) or bordereau de versement (they go to the archives service). The issuer's
// letterhead, the title with the slip's number and date, the sentence that says what is
// done and why, the table of records (number, code, title, covering dates, size, end of the
// retention period) paginated as the register is, then the totals (records, size, dates
// covered), "Fait à …, le …" and one box per signature ("Nom, date et signature").
#include <algorithm>

#include "core/error.hpp"
#include "pdfwrite/furniture.hpp"
#include "pdfwrite/layout.hpp"
#include "pdfwrite/pdfwrite.hpp"
#include "pdfwrite/text.hpp"
#include "pdfwrite/typesetter.hpp"

namespace ububiko::pdfwrite {

namespace {

using namespace detail;

constexpr double k_title_size = 15.0;
constexpr double k_body_size = 10.0;
constexpr double k_body_leading = 13.0;
constexpr double k_box_height = 92.0;
constexpr double k_box_gap = 12.0;
constexpr std::size_t k_boxes_per_row = 3;

struct Labels {
    std::string title, number_of, sentence, later, carried_noun_one, carried_noun_many, brought;
    std::string on_page, running, count, size, bytes, dates, from, to, undated, done_at, done_on;
    std::string sign_here, no_row, carried;
    std::vector<Column> columns;
    std::vector<std::string> default_signatures;
};

Labels labels(const SlipSpec& spec, Lang lang) {
    const bool destroy = spec.action == "destroy";
    Labels l;
    if (lang == Lang::en) {
        l.title = destroy ? "Destruction slip" : "Transfer slip";
        l.number_of = "No. ";
        l.sentence =
            destroy ? "The records listed below, whose administrative retention period has expired and "
                      "whose final disposition is destruction, are proposed for destruction. They "
                      "will be destroyed only once the signatories below have approved it."
                    : "The records listed below, whose administrative retention period has expired and "
                      "whose final disposition is permanent keeping, are transferred to the archives "
                      "service, which takes custody of them from the date of this slip.";
        l.brought = "Brought forward: ";
        l.carried_noun_one = " record";
        l.carried_noun_many = " records";
        l.on_page = "Records on this page: ";
        l.running = " — running total: ";
        l.count = "Number of records: ";
        l.size = "Total size: ";
        l.bytes = " bytes";
        l.dates = "Covering dates: ";
        l.from = "";
        l.to = " to ";
        l.undated = "n.d.";
        l.done_at = "Done at ";
        l.done_on = " on ";
        l.sign_here = "Name, date and signature";
        l.no_row = "No record.";
        l.later = " (continued)";
        l.carried = " (carried forward)";
        l.columns = {{"Registration no.", 78, Align::left}, {"Code", 40, Align::left},
                     {"Title", 0, Align::left},            {"Covering dates", 92, Align::left},
                     {"Size", 48, Align::right},           {"Retention ends", 52, Align::left}};
        l.default_signatures = {"The archivist", "The communal administrator",
                                "The director of archives"};
    } else {
        l.title = destroy ? "Bordereau d'élimination" : "Bordereau de versement";
        l.number_of = "N° ";
        l.sentence =
            destroy ? "Les documents ci-dessous, dont la durée d'utilité administrative est échue et "
                      "dont le sort final est l'élimination, sont proposés à l'élimination. Ils ne "
                      "seront détruits qu'après le visa des signataires ci-dessous."
                    : "Les documents ci-dessous, dont la durée d'utilité administrative est échue et "
                      "dont le sort final est la conservation définitive, sont versés au service des "
                      "archives, qui en assure la garde à compter de la date du présent bordereau.";
        l.brought = "Report : ";
        l.carried_noun_one = " document";
        l.carried_noun_many = " documents";
        l.on_page = "Documents de cette page : ";
        l.running = " — cumul : ";
        l.count = "Nombre de documents : ";
        l.size = "Taille totale : ";
        l.bytes = " octets";
        l.dates = "Dates extrêmes : ";
        l.from = "du ";
        l.to = " au ";
        l.undated = "s.d.";
        l.done_at = "Fait à ";
        l.done_on = ", le ";
        l.sign_here = "Nom, date et signature";
        l.no_row = "Aucun document.";
        l.later = " (suite)";
        l.carried = " (à reporter)";
        l.columns = {{"N° d'enregistrement", 78, Align::left}, {"Code", 40, Align::left},
                     {"Intitulé", 0, Align::left},             {"Dates extrêmes", 92, Align::left},
                     {"Taille", 48, Align::right},             {"Fin de DUA", 52, Align::left}};
        l.default_signatures = {"L'archiviste", "L'administrateur communal",
                                "Le directeur des archives"};
    }
    return l;
}

std::string count_text(int n, const Labels& l) {
    return std::to_string(n) + (n == 1 ? l.carried_noun_one : l.carried_noun_many);
}

// "03/03/2024 – 30/06/2024", one date when both are the same or one is missing, "s.d." for none.
std::string covering(const std::string& start, const std::string& end, Lang lang, const Labels& l) {
    if (start.empty() && end.empty()) return l.undated;
    if (start.empty() || end.empty() || start == end) return short_date(start.empty() ? end : start, lang);
    return short_date(start, lang) + " – " + short_date(end, lang);
}

double closing(Page& page, const Metrics& m, const Geometry& g, const SlipSpec& spec, Lang lang,
               const Labels& l, double y) {
    std::uint64_t bytes = 0;
    std::string first, last;
    for (const auto& r : spec.rows) {
        bytes += r.bytes;
        for (const std::string* d : {&r.start, &r.end}) {
            if (d->empty()) continue;
            if (first.empty() || *d < first) first = *d;
            if (last.empty() || *d > last) last = *d;
        }
    }
    const std::string dates =
        first.empty() ? l.undated
                      : (first == last ? short_date(first, lang)
                                       : l.from + short_date(first, lang) + l.to + short_date(last, lang));

    double line = y - k_body_size;
    page.text(m, g.left, line, Face::bold, k_body_size,
              l.count + std::to_string(spec.rows.size()));
    line -= k_body_leading;
    // The exact count in bytes as well, which the rounded size alone would hide.
    page.text(m, g.left, line, Face::bold, k_body_size,
              l.size + (bytes < 1024 ? grouped(bytes, lang) + l.bytes
                                     : size_text(bytes, lang) + " (" + grouped(bytes, lang) + l.bytes + ")"));
    line -= k_body_leading;
    page.text(m, g.left, line, Face::bold, k_body_size, l.dates + dates);
    line -= k_body_leading * 1.6;
    page.text(m, g.left, line, Face::regular, k_body_size,
              l.done_at + place_name(spec.issuer.commune) + l.done_on + long_date(spec.date, lang) + ".");
    line -= k_body_leading;

    const std::vector<std::string>& signers =
        spec.signatures.empty() ? l.default_signatures : spec.signatures;
    const std::size_t per_row = std::min(k_boxes_per_row, std::max<std::size_t>(signers.size(), 1));
    const double width =
        (g.content_width() - k_box_gap * static_cast<double>(per_row - 1)) / static_cast<double>(per_row);
    double top = line;
    for (std::size_t i = 0; i < signers.size(); ++i) {
        const std::size_t column = i % per_row;
        if (column == 0 && i > 0) top -= k_box_height + k_box_gap;
        const double x = g.left + static_cast<double>(column) * (width + k_box_gap);
        page.box(x, top - k_box_height, width, k_box_height, 0.6);
        double baseline = top - 12;
        for (const std::string& text : wrap(m, Face::bold, 9, signers[i], width - 10, 3)) {
            page.text(m, x + 5, baseline, Face::bold, 9, text);
            baseline -= 11;
        }
        page.text(m, x + 5, baseline - 1, Face::italic, 8, l.sign_here);
    }
    return top - k_box_height;
}

Document lay_out_slip(const SlipSpec& spec, const Metrics& m) {
    const Lang lang = lang_of(spec.language);
    const Geometry g = a4(Orientation::portrait);
    const Labels l = labels(spec, lang);

    std::vector<std::vector<std::string>> rows;
    rows.reserve(spec.rows.size());
    for (const auto& r : spec.rows)
        rows.push_back({r.id, r.code, r.title, covering(r.start, r.end, lang, l),
                        size_text(r.bytes, lang), short_date(r.due, lang)});

    TableStyle style;
    style.size = 8;
    style.leading = 10;
    style.empty_text = l.no_row;

    Frame frame;
    frame.first_heading = [&](Page& page, double y) {
        y = letterhead(page, m, g, spec.issuer, lang, "", y);
        double baseline = y - 16 - k_title_size;
        page.text(m, g.page_width / 2, baseline, Face::bold, k_title_size, l.title, Align::centre);
        baseline -= 16;
        page.text(m, g.page_width / 2, baseline, Face::regular, k_body_size + 1,
                  l.number_of + spec.number + (lang == Lang::en ? " of " : " du ") +
                      long_date(spec.date, lang),
                  Align::centre);
        baseline -= 20;
        baseline = paragraph(page, m, g.left, baseline, g.content_width(), Face::regular, k_body_size,
                             k_body_leading, l.sentence);
        return baseline + k_body_leading - 8;
    };
    // Sizes of the rows before each one, for what is carried from page to page.
    std::vector<std::uint64_t> bytes_before(spec.rows.size() + 1, 0);
    for (std::size_t i = 0; i < spec.rows.size(); ++i) bytes_before[i + 1] = bytes_before[i] + spec.rows[i].bytes;
    auto so_far = [&](int count) {
        return count_text(count, l) + ", " + size_text(bytes_before[static_cast<std::size_t>(count)], lang);
    };

    frame.later_heading = [&](Page& page, double y, int carried) {
        return running_head(page, m, g,
                            spec.issuer.commune + " — " + l.title + " " + l.number_of + spec.number + l.later,
                            l.brought + so_far(carried), y);
    };
    frame.closing = [&](Page& page, double y) { return closing(page, m, g, spec, lang, l, y); };
    frame.footer = [&](Page& page, int number, int pages, int on_page, int cumulative) {
        const std::uint64_t page_bytes = bytes_before[static_cast<std::size_t>(cumulative)] -
                                         bytes_before[static_cast<std::size_t>(cumulative - on_page)];
        page_footer(page, m, g,
                    l.on_page + std::to_string(on_page) + " (" + size_text(page_bytes, lang) + ")" +
                        l.running + so_far(cumulative) + (number < pages ? l.carried : ""),
                    number, pages);
    };

    Document doc;
    doc.width = g.page_width;
    doc.height = g.page_height;
    doc.pages = paginate(m, g, l.columns, rows, style, frame);
    doc.title = l.title + " " + spec.number;
    doc.author = spec.issuer.commune;
    doc.subject = spec.issuer.archive_code;
    doc.date = spec.date;
    return doc;
}

}  // namespace

void write_slip(const SlipSpec& spec, const std::string& out_path) {
    // The same checks as the JSON form: a caller in this process gets the same errors.
    const SlipSpec checked = slip_from_json(to_json(spec));
    Typesetter typesetter;
    const Document doc = lay_out_slip(checked, typesetter.metrics());
    save_pdf(typesetter.write(doc), out_path);
}

}  // namespace ububiko::pdfwrite
