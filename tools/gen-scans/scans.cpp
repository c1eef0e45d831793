// The stack of scans: what a commune's secretariat brings to the scanner on a given week.
// Every scan names the sample PDF it shows, its pages, and how it was spoilt. Change a seed
// or a parameter and the bytes change: rerun tools/make-scans --check and commit.
#include "scan.hpp"

#include <utility>

namespace scans {

namespace {

// A clean bilevel office scan at 300 dpi: what a multifunction printer's feeder gives.
Degradation bilevel_300() {
    Degradation d;
    d.dpi = 300;
    d.blur = 0.8;
    d.paper = 245;
    d.ink = 30;
    d.noise = 6;
    d.threshold = 150;
    d.salt_pepper = 0.0002;
    d.specks = 25;
    return d;
}

// A clean grey scan at 200 dpi.
Degradation grey_200() {
    Degradation d;
    d.dpi = 200;
    d.blur = 0.6;
    d.paper = 240;
    d.ink = 35;
    d.noise = 3;
    d.levels = 16;
    return d;
}

PageSpec page(int n, Degradation d) {
    return PageSpec{n, d};
}

ScanSpec scan(std::string file, std::string source, Format format, std::vector<PageSpec> pages,
              std::uint64_t seed, std::string scanned_on) {
    ScanSpec spec;
    spec.file = std::move(file);
    spec.source = std::move(source);
    spec.format = format;
    spec.pages = std::move(pages);
    spec.seed = seed;
    spec.scanned_on = std::move(scanned_on);
    return spec;
}

}  // namespace

std::vector<ScanSpec> stack() {
    std::vector<ScanSpec> s;

    // 1. Outgoing letter, clean 300 dpi bilevel G4 TIFF, hardly skewed.
    {
        Degradation d = bilevel_300();
        d.skew = 0.3;
        s.push_back(scan("lettre-ministre-2017.tif",
                         "Lettre au Ministre 2017 rehabilitation bureau communal.pdf",
                         Format::tiff_g4, {page(1, d)}, 101, "2017-08-22 15:10"));
    }
    // 2. Incoming circular, clean 16-level grey PNG at 200 dpi.
    {
        Degradation d = grey_200();
        d.skew = -0.4;
        d.noise = 1.0;
        s.push_back(scan("circulaire-mininter-2020.png",
                         "Circulaire_MININTER_2020_remise_reprise.pdf", Format::png, {page(1, d)},
                         102, "2020-08-17 10:05"));
    }
    // 3. Decision, noisy grey JPEG: an old flatbed with a dirty glass.
    {
        Degradation d;
        d.dpi = 200;
        d.blur = 0.9;
        d.paper = 228;
        d.ink = 45;
        d.noise = 4;
        d.specks = 150;
        d.lighting = 0.12;
        d.skew = 0.8;
        d.quality = 45;
        d.grain = 8;
        s.push_back(scan("decision-2016-007-bruitee.jpg",
                         "Decision 2016-007 nomination percepteurs.pdf", Format::jpeg, {page(1, d)},
                         103, "2016-03-09 11:40"));
        s.back().clean = false;
    }
    // 4. Minutes of a conciliation, placed crooked on the glass: 1.8 degrees anticlockwise,
    //    bilevel PNG. (Turned +1.8 degrees, the tesseract command line drops a paragraph.)
    {
        Degradation d = bilevel_300();
        d.skew = -1.8;
        s.push_back(scan("pv-conciliation-gasanda-2017-penche.png",
                         "PV conciliation Bashingantahe Gasanda 2017.pdf", Format::png,
                         {page(1, d)}, 104, "2017-09-04 09:20"));
    }
    // 5. A complaint fed upside down into the feeder: G4 TIFF turned 180 degrees.
    {
        Degradation d = bilevel_300();
        d.skew = -0.5;
        d.rotate = 180;
        s.push_back(scan("plainte-nyabigina-2015-a-l-envers.tif",
                         "Plainte litige foncier Nyabigina 2015.pdf", Format::tiff_g4, {page(1, d)},
                         105, "2015-10-13 08:55"));
    }
    // 6. A letter laid sideways on the glass: bilevel PNG turned 90 degrees clockwise.
    {
        Degradation d = bilevel_300();
        d.skew = 0.6;
        d.rotate = 90;
        s.push_back(scan("lettre-fonic-2018-de-cote.png",
                         "Lettre FONIC 2018 financement marche Kiryama.pdf", Format::png,
                         {page(1, d)}, 106, "2018-04-26 14:30"));
    }
    // 7. The development plan extract through the feeder: a 3-page G4 TIFF, each sheet
    //    a little differently skewed, the second one nearly empty (the end of a table).
    {
        Degradation a = bilevel_300();
        a.skew = 0.4;
        Degradation b = bilevel_300();
        b.skew = -0.7;
        Degradation c = bilevel_300();
        c.skew = 0.9;
        c.edge_shadow = 40;
        s.push_back(scan("pcdc-2020-2024-3-pages.tif", "PCDC 2020-2024 extrait.pdf",
                         Format::tiff_g4, {page(1, a), page(2, b), page(3, c)}, 107,
                         "2019-12-20 16:00"));
    }
    // 8. A letter photographed with a phone on a desk: colour JPEG, perspective, uneven
    //    light, soft focus, about 160 dpi on the sheet. Hard: the tesseract command line
    //    reads about two thirds of its words.
    {
        Degradation d;
        d.dpi = 160;
        d.blur = 1.2;
        d.skew = -3.0;
        d.lighting = 0.45;
        d.noise = 6;
        d.quality = 65;
        s.push_back(scan("IMG_20220607_094512.jpg", "Lettre du Gouverneur rappel rapports 2022.pdf",
                         Format::jpeg, {page(1, d)}, 108, "2022-06-07 09:45"));
        s.back().look = Look::phone;
        s.back().clean = false;
    }
    // 9. Council minutes scanned to PDF by the copier: two grey JPEG pages, no text layer.
    {
        Degradation a = grey_200();
        a.levels = 256;
        a.blur = 0.8;
        a.noise = 1.0;
        a.quality = 50;
        a.skew = 0.5;
        Degradation b = a;
        b.skew = -0.3;
        s.push_back(scan("pv-session-ordinaire-2023-03.pdf", "PV session ordinaire 2023-03.pdf",
                         Format::pdf_image, {page(1, a), page(2, b)}, 109, "2023-04-03 09:30"));
    }
    // 10. A payment voucher printed to PDF, with the supplier's invoice scanned and
    //     appended: page 1 has its text layer, page 2 is a bilevel CCITT G4 image.
    {
        Degradation d = bilevel_300();
        d.skew = -0.6;
        s.push_back(scan("mandat-2022-041-avec-facture.pdf", "Mandat de paiement 2022-041.pdf",
                         Format::pdf_mixed, {page(1, Degradation{})}, 110, "2022-04-08 11:15"));
        s.back().annex_source = "Facture Ets Niyongabo 2022-117.pdf";
        s.back().annex_pages = {page(1, d)};
    }
    // 11. The back of a letter, scanned by mistake: a blank page with its edge showing.
    {
        Degradation d = grey_200();
        d.noise = 2.5;
        d.specks = 12;
        d.skew = 0;
        s.push_back(
            scan("page-blanche.png", "", Format::png, {page(1, d)}, 111, "2024-07-08 10:00"));
        s.back().look = Look::blank;
        s.back().metadata = {{"code", "2.2.1"},
                             {"date", "2024-07-08"},
                             {"type", "lettre"},
                             {"direction", "in"},
                             {"correspondent", "Expéditeur inconnu"},
                             {"title", "Page blanche"},
                             {"reference", ""},
                             {"access", "internal"}};
    }
    // 12. A tax receipt torn from its book, scanned at 200 dpi to a bilevel PNM (PBM), cropped
    //     to its written part.
    {
        Degradation d = bilevel_300();
        d.skew = 0.7;
        d.crop_to_content = true;
        d.dpi = 200;
        d.blur = 0.6;
        s.push_back(scan("quittance-0457-2025.pnm", "quittance_0457_2025.pdf", Format::pnm,
                         {page(1, d)}, 112, "2025-05-06 12:00"));
    }
    // 13. Minutes of a site visit, grey JPEG at 250 dpi, slightly skewed: a clean scan.
    {
        Degradation d;
        d.dpi = 250;
        d.blur = 0.9;
        d.paper = 238;
        d.ink = 40;
        d.noise = 2;
        d.skew = -1.2;
        d.quality = 55;
        s.push_back(scan("pv-descente-nyabigina-2015.jpg",
                         "PV descente terrain Nyabigina 2015-11.pdf", Format::jpeg, {page(1, d)},
                         113, "2015-11-09 10:25"));
    }
    // 14. A zone chief's report with a table, bilevel at 200 dpi like a fax.
    {
        Degradation d = bilevel_300();
        d.dpi = 200;
        d.blur = 0.6;
        d.skew = 1.0;
        d.threshold = 140;
        d.specks = 60;
        s.push_back(scan("taxe-betail-mugozi-2018-200dpi.tif", "Taxe betail zone Mugozi 2018.pdf",
                         Format::tiff_g4, {page(1, d)}, 114, "2018-07-12 15:45"));
    }
    // 15. A request handed in at the desk, on thin paper, through a tired scanner: grey
    //     JPEG, soft, noisy, grey paper, uneven light. Hard: near the blur at which
    //     tesseract stops reading (1.2 px reads 96 %, 1.5 px 40 %).
    {
        Degradation d;
        d.dpi = 200;
        d.blur = 1.3;
        d.paper = 225;
        d.ink = 60;
        d.noise = 4;
        d.lighting = 0.22;
        d.specks = 80;
        d.skew = -1.6;
        d.quality = 50;
        d.grain = 9;
        s.push_back(scan("requete-twiyungunganye-2021.jpg",
                         "Requete association Twiyungunganye 2021.pdf", Format::jpeg, {page(1, d)},
                         115, "2021-03-10 08:40"));
        s.back().clean = false;
    }
    // 16. A deliberation through the copier's feeder to PDF in bilevel: two CCITT G4 pages.
    {
        Degradation a = bilevel_300();
        a.skew = 0.3;
        Degradation b = bilevel_300();
        b.skew = 0.5;
        s.push_back(scan("deliberation-03-2022.pdf", "Deliberation 03-2022 taxes communales.pdf",
                         Format::pdf_image, {page(1, a), page(2, b)}, 116, "2022-02-01 09:10"));
    }
    return s;
}

}  // namespace scans
