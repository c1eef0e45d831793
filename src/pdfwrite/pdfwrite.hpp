// PDF documents ububiko writes for people to print, sign and keep: the mail register, the
// disposition slips (bordereaux d'élimination et de versement) and stamped copies of filed
// documents. Written with PoDoFo 0.9.8 in the ububiko-pdf program (so that the ububiko
// program itself loads no PDF library), from a description in JSON.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ububiko::pdfwrite {

// Who the document is from: shown in its heading.
struct Issuer {
    std::string commune;        // "Commune de Bururi"
    std::string province;       // "Province de Bururi"
    std::string archive_code;   // "BRR"
};

// The mail register (registre du courrier arrivé / départ) of a year: one line per
// record in register order; paginated, with the number of entries carried from page to
// page, ready to print and sign.
struct RegisterSpec {
    Issuer issuer;
    int year = 0;
    std::string direction;  // "in", "out" or "" (both)
    struct Row {
        std::string id;             // register number
        std::string date;           // received or sent (YYYY-MM-DD)
        std::string correspondent;
        std::string subject;        // the title
        std::string reference;
        std::string code;
    };
    std::vector<Row> rows;
    std::string generated;    // date of printing, YYYY-MM-DD
    std::string language = "fr";  // "fr" or "en"
};

// A disposition slip: bordereau d'élimination (destroy) or bordereau de versement
// (transfer to the archives service).
struct SlipSpec {
    Issuer issuer;
    std::string action;     // "destroy" or "transfer"
    std::string number;     // slip number, e.g. "BRR-ELIM-2026-001"
    std::string date;       // YYYY-MM-DD
    struct Row {
        std::string id, code, title;
        std::string start, end;   // dates covered (YYYY-MM-DD or "")
        std::uint64_t bytes = 0;
        std::string due;          // end of the DUA
    };
    std::vector<Row> rows;
    // Signature blocks, in order (e.g. "L'archiviste", "L'administrateur communal",
    // "Le directeur des archives"): a titled box each, with room for name, date, signature.
    std::vector<std::string> signatures;
    std::string language = "fr";
};

// A copy of a filed PDF with the registration stamp on its first page, for printing at
// intake: a framed box (white, dark border) in the visual top-right corner with the commune,
// "Enregistré sous le n° BRR/2026-000042", "le 28/11/2026" and "Classement : 1.2.3 Title"
// (or in English). The input is only read.
struct StampSpec {
    Issuer issuer;
    std::string record_id;  // "BRR/2026-000042"
    std::string date;       // of registration, YYYY-MM-DD
    std::string code, code_title;  // "" while the record waits to be classified
    std::string input_pdf;
    // The file written: the OUT argument of ububiko-pdf (not part of the JSON); never the
    // input itself.
    std::string output_pdf;
    std::string language = "fr";
};

nlohmann::json to_json(const RegisterSpec& spec);
RegisterSpec register_from_json(const nlohmann::json& j);
nlohmann::json to_json(const SlipSpec& spec);
SlipSpec slip_from_json(const nlohmann::json& j);
nlohmann::json to_json(const StampSpec& spec);  // without output_pdf
StampSpec stamp_from_json(const nlohmann::json& j);

// In this process (the ububiko-pdf program): writes the PDF. Throws ububiko::Error.
void write_register(const RegisterSpec& spec, const std::string& out_path);
void write_slip(const SlipSpec& spec, const std::string& out_path);
// Stamps page 1 of spec.input_pdf into spec.output_pdf. The stamp is small (7 pt) and
// placed in the page's top margin above any text found on the page (visible or not, such as
// the text layer of a scan read by OCR), on the visual top-right corner whatever the page's
// /Rotate; when the margin is too narrow for it, the page is made taller at its top rather
// than anything covered. Throws Error(unsupported) for an encrypted PDF and Error(corrupt)
// for one PoDoFo cannot read, naming the file; Error(invalid_input) when the output is the
// input.
void write_stamp(const StampSpec& spec);

// From the ububiko program: runs `ububiko-pdf KIND OUT` (KIND "register", "slip" or
// "stamp") with the JSON on its standard input, with a time limit; throws Error naming what
// failed (its category kept: invalid_input, corrupt, unsupported, else io).
void render(const std::string& kind, const nlohmann::json& spec, const std::string& out_path);
// The same for a stamp: render("stamp", to_json(spec), spec.output_pdf).
void stamp(const StampSpec& spec);

// Entry point of the ububiko-pdf program. Returns the exit status.
int pdf_main(int argc, char** argv);

}  // namespace ububiko::pdfwrite
