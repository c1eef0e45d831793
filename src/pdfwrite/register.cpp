// The mail register of a year (registre du courrier arrivé / départ), A4 landscape: the
// issuer's letterhead and the title on the first page; one table row per record, in
// register order, wrapped over several lines when needed and never split across pages;
// the header row and a reminder of the document repeated on each page with the count
// carried forward ("Report : 40 entrées"); in each footer the entries of the page and the
// running total, and "Page N / M"; after the last row the total and the closing formula
// ("Arrêté le présent registre à N entrées (en lettres). Fait à …, le …") with room to sign
// for the archivist or secretary and for the administrator.
#include "core/error.hpp"
#include "pdfwrite/furniture.hpp"
#include "pdfwrite/layout.hpp"
#include "pdfwrite/pdfwrite.hpp"
#include "pdfwrite/text.hpp"
#include "pdfwrite/typesetter.hpp"

namespace ububiko::pdfwrite {

namespace {

using namespace detail;

constexpr double k_title_size = 14.0;
constexpr double k_closing_size = 10.0;
constexpr double k_closing_leading = 14.0;

std::string entries(int n, Lang lang) {
    if (lang == Lang::en) return std::to_string(n) + (n == 1 ? " entry" : " entries");
    return std::to_string(n) + (n > 1 ? " entrées" : " entrée");
}

std::string title(const RegisterSpec& spec, Lang lang) {
    const std::string year = std::to_string(spec.year);
    if (lang == Lang::en) {
        const char* what = spec.direction == "in"    ? "incoming mail"
                           : spec.direction == "out" ? "outgoing mail"
                                                     : "incoming and outgoing mail";
        return std::string("Register of ") + what + " — " + year;
    }
    const char* what = spec.direction == "in"    ? "arrivé"
                       : spec.direction == "out" ? "départ"
                                                 : "arrivé et départ";
    return std::string("Registre du courrier ") + what + " — " + year;
}

std::vector<Column> columns(const RegisterSpec& spec, Lang lang) {
    const bool in = spec.direction == "in", out = spec.direction == "out";
    if (lang == Lang::en)
        return {{"Registration no.", 84, Align::left},
                {in ? "Date received" : out ? "Date sent" : "Date", 58, Align::left},
                {in ? "Sender" : out ? "Addressee" : "Sender / addressee", 150, Align::left},
                {"Subject", 0, Align::left},
                {"Reference", 120, Align::left},
                {"Classification code", 68, Align::left}};
    return {{"N° d'enregistrement", 84, Align::left},
            {in ? "Date de réception" : out ? "Date d'envoi" : "Date", 58, Align::left},
            {in ? "Expéditeur" : out ? "Destinataire" : "Expéditeur / destinataire", 150, Align::left},
            {"Objet", 0, Align::left},
            {"Référence", 120, Align::left},
            {"Code de classement", 68, Align::left}};
}

// The closing block: total, formula, place and date, two places to sign.
double closing(Page& page, const Metrics& m, const Geometry& g, const RegisterSpec& spec, Lang lang,
               double y) {
    const int n = static_cast<int>(spec.rows.size());
    const auto count = static_cast<std::uint64_t>(n);
    const std::string place = place_name(spec.issuer.commune);
    std::string total, formula, done;
    std::vector<std::string> signers;
    std::string sign_here;
    if (lang == Lang::en) {
        total = "Total entries: " + std::to_string(n);
        formula = "Register closed at " + entries(n, lang) + " (" + number_words(count, lang) + ").";
        done = "Done at " + place + " on " + long_date(spec.generated, lang) + ".";
        signers = {"The archivist / secretary", "The communal administrator"};
        sign_here = "Name and signature";
    } else {
        total = "Total des entrées : " + std::to_string(n);
        formula = "Arrêté le présent registre à " + entries(n, lang) + " (" +
                  number_words(count, lang, true) + ").";
        done = "Fait à " + place + ", le " + long_date(spec.generated, lang) + ".";
        signers = {"L'archiviste / Le secrétaire", "L'administrateur communal"};
        sign_here = "Nom et signature";
    }
    double line = y - k_closing_size;
    page.text(m, g.page_width - g.right, line, Face::bold, k_closing_size, total, Align::right);
    line -= k_closing_leading * 1.4;
    page.text(m, g.left, line, Face::bold, k_closing_size, formula);
    line -= k_closing_leading;
    page.text(m, g.left, line, Face::regular, k_closing_size, done);
    line -= k_closing_leading * 1.8;
    const double column = g.content_width() / 2;
    for (std::size_t i = 0; i < signers.size(); ++i) {
        const double x = g.left + 20 + column * static_cast<double>(i);
        page.text(m, x, line, Face::bold, 9.5, signers[i]);
        page.text(m, x, line - 12, Face::italic, 8.5, sign_here);
        page.line(x, line - 58, x + 220, line - 58, 0.5);
    }
    return line - 62;
}

Document lay_out_register(const RegisterSpec& spec, const Metrics& m) {
    const Lang lang = lang_of(spec.language);
    const Geometry g = a4(Orientation::landscape);
    const std::string heading = title(spec, lang);

    std::vector<std::vector<std::string>> rows;
    rows.reserve(spec.rows.size());
    for (const auto& r : spec.rows)
        rows.push_back({r.id, short_date(r.date, lang), r.correspondent, r.subject, r.reference, r.code});

    TableStyle style;
    style.empty_text = lang == Lang::en ? "No entry this year." : "Aucune entrée pour cette année.";

    Frame frame;
    frame.first_heading = [&](Page& page, double y) {
        const std::string printed = (lang == Lang::en ? "Printed on " : "Imprimé le ") +
                                    short_date(spec.generated, lang);
        y = letterhead(page, m, g, spec.issuer, lang, printed, y);
        const double baseline = y - 12 - k_title_size;
        page.text(m, g.page_width / 2, baseline, Face::bold, k_title_size, heading, Align::centre);
        return baseline - 12;
    };
    frame.later_heading = [&](Page& page, double y, int carried) {
        const std::string left = spec.issuer.commune + " — " + heading +
                                 (lang == Lang::en ? " (continued)" : " (suite)");
        const std::string right =
            (lang == Lang::en ? "Brought forward: " : "Report : ") + entries(carried, lang);
        return running_head(page, m, g, left, right, y);
    };
    frame.closing = [&](Page& page, double y) { return closing(page, m, g, spec, lang, y); };
    frame.footer = [&](Page& page, int number, int pages, int on_page, int cumulative) {
        std::string left =
            lang == Lang::en ? "Entries on this page: " + std::to_string(on_page) +
                                   " — running total: " + std::to_string(cumulative)
                             : "Entrées de cette page : " + std::to_string(on_page) +
                                   " — cumul : " + std::to_string(cumulative);
        if (number < pages) left += lang == Lang::en ? " (carried forward)" : " (à reporter)";
        page_footer(page, m, g, left, number, pages);
    };

    Document doc;
    doc.width = g.page_width;
    doc.height = g.page_height;
    doc.pages = paginate(m, g, columns(spec, lang), rows, style, frame);
    doc.title = heading;
    doc.author = spec.issuer.commune;
    doc.subject = spec.issuer.archive_code;
    doc.date = spec.generated;
    return doc;
}

}  // namespace

void write_register(const RegisterSpec& spec, const std::string& out_path) {
    // The same checks as the JSON form: a caller in this process gets the same errors.
    const RegisterSpec checked = register_from_json(to_json(spec));
    Typesetter typesetter;
    const Document doc = lay_out_register(checked, typesetter.metrics());
    save_pdf(typesetter.write(doc), out_path);
}

}  // namespace ububiko::pdfwrite
