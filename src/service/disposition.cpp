#include "service/disposition.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

#include "archive/journal.hpp"
#include "archive/retention.hpp"
#include "archive/writer.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "pdfwrite/pdfwrite.hpp"
#include "service/records.hpp"
#include "service/session.hpp"

namespace ububiko::service {

namespace fs = std::filesystem;

namespace {

std::uint64_t record_bytes(const archive::Record& r) {
    std::uint64_t n = 0;
    for (const auto& f : r.files) n += f.size;
    return n;
}

DueRecord due_record(const archive::Archive& a, const archive::Record& r, const archive::RetentionStatus& s) {
    DueRecord d;
    d.id = r.id;
    d.code = r.code;
    d.code_title = code_title(a, r.code);
    d.title = r.title;
    d.date = r.date;
    d.due = s.due.value_or(Date{});
    d.disposition = s.disposition;
    d.bytes = record_bytes(r);
    return d;
}

std::string slips_dir(const archive::Archive& a) { return a.root() + "/slips"; }

}  // namespace

bool disposition_matches(plan::Disposition d, const std::string& action) {
    if (action == "destroy") return d == plan::Disposition::destroy;
    if (action == "transfer") return d == plan::Disposition::keep || d == plan::Disposition::sample;
    return false;
}

DueList due_records(const archive::Archive& a, const Date& as_of) {
    DueList list;
    list.as_of = as_of;
    a.for_each_record_dir([&](const std::string& dir) {
        archive::Record r;
        try {
            r = a.load_record(dir);
        } catch (const Error&) {
            return;  // check reports it
        }
        if (r.status == "destroyed" || r.status == "to-classify") return;
        archive::RetentionStatus s = archive::retention_of(r, a.plan());
        if (!s.due) {
            if (s.has_rule) ++list.unknown;
            return;
        }
        if (archive::retention_due(s, as_of)) list.records.push_back(due_record(a, r, s));
    });
    std::sort(list.records.begin(), list.records.end(), [](const DueRecord& x, const DueRecord& y) {
        return x.code != y.code ? plan::code_less(x.code, y.code) : x.id < y.id;
    });
    return list;
}

SlipResult make_slip(const archive::Archive& a, const std::string& action, const Date& as_of, const std::string& out_pdf,
                     const std::vector<std::string>& ids, const std::string& user) {
    if (action != "destroy" && action != "transfer")
        throw Error(ErrorCode::invalid_input, tr("action inconnue « ", "unknown action '") + action +
                                                  tr(" » : destroy (élimination) ou transfer (versement)", "': destroy or transfer"),
                    Place{"", 0, 0, "--action"});
    DueList due = due_records(a, as_of);
    std::vector<DueRecord> chosen;
    for (const DueRecord& d : due.records) {
        if (!disposition_matches(d.disposition, action)) continue;
        if (!ids.empty() && std::find(ids.begin(), ids.end(), d.id) == ids.end()) continue;
        chosen.push_back(d);
    }
    if (chosen.empty())
        throw Error(ErrorCode::conflict, action == "destroy"
                                             ? tr("aucun document à éliminer au ", "nothing due for destruction on ") + as_of.iso()
                                             : tr("aucun document à verser au ", "nothing due for transfer on ") + as_of.iso());
    archive::Writer writer(a);  // the lock: slip numbers are given one at a time
    make_dirs(slips_dir(a));
    std::string prefix = a.config().code + (action == "destroy" ? "-ELIM-" : "-VERS-") + std::to_string(as_of.year) + "-";
    int n = 1;
    for (const auto& e : fs::directory_iterator(slips_dir(a))) {
        std::string name = e.path().stem().string();
        if (name.rfind(prefix, 0) == 0) n = std::max(n, std::atoi(name.c_str() + prefix.size()) + 1);
    }
    char seq[8];
    std::snprintf(seq, sizeof seq, "%03d", n);
    SlipResult result;
    result.number = prefix + seq;
    result.pdf = out_pdf;

    pdfwrite::SlipSpec spec;
    spec.issuer = {a.config().name, a.config().province.empty() ? "" : tr("Province de ", "Province of ") + a.config().province,
                   a.config().code};
    spec.action = action;
    spec.number = result.number;
    spec.date = today().iso();
    spec.language = language() == Language::en ? "en" : "fr";
    for (const DueRecord& d : chosen) {
        spec.rows.push_back({d.id, d.code, d.title, d.date, d.date, d.bytes, d.due.iso()});
        result.ids.push_back(d.id);
    }
    spec.signatures = action == "destroy"
                          ? std::vector<std::string>{tr("L'archiviste communal", "The commune's archivist"),
                                                     tr("L'administrateur communal", "The commune administrator"),
                                                     tr("Visa du service des archives", "Approval of the archives service")}
                          : std::vector<std::string>{tr("L'archiviste communal (remettant)", "The commune's archivist (handing over)"),
                                                     tr("L'administrateur communal", "The commune administrator"),
                                                     tr("Le service des archives (prenant en charge)", "The archives service (taking over)")};
    pdfwrite::render("slip", pdfwrite::to_json(spec), out_pdf);
    // The slip is kept with the archive: what dispose --slip refers to.
    std::string kept = slips_dir(a) + "/" + result.number;
    write_file(kept + ".pdf", read_file(out_pdf), Durability::fsync);
    nlohmann::json list = {{"number", result.number}, {"action", action}, {"as_of", as_of.iso()}, {"date", spec.date},
                           {"ids", result.ids}, {"user", user}};
    replace_file_atomically(kept + ".json", list.dump(2) + "\n");
    writer.append_journal({{{"time", now_utc_iso()}, {"action", "slip"}, {"user", user}, {"slip", result.number},
                            {"disposition", action}, {"ids", result.ids}}});
    return result;
}

std::vector<std::string> slip_records(const archive::Archive& a, const std::string& slip, std::string* number) {
    std::string n = fs::path(slip).stem().string();
    std::string path = slips_dir(a) + "/" + n + ".json";
    if (!exists(path))
        throw Error(ErrorCode::not_found, tr("bordereau inconnu : ", "unknown slip: ") + slip +
                                              tr(" (les bordereaux sont dans ", " (slips are in ") + slips_dir(a) + ")");
    nlohmann::json j = nlohmann::json::parse(read_file(path), nullptr, false);
    if (j.is_discarded() || !j.contains("ids"))
        throw Error(ErrorCode::corrupt, tr("liste du bordereau illisible", "unreadable slip list"), Place{path});
    if (number) *number = n;
    return j["ids"].get<std::vector<std::string>>();
}

std::vector<DueRecord> check_disposal(const archive::Archive& a, const DisposeRequest& req) {
    if (req.ids.empty()) throw Error(ErrorCode::invalid_input, tr("aucun document désigné", "no document named"));
    if (req.force && trim(req.reason).empty())
        throw Error(ErrorCode::invalid_input, tr("--force demande un motif (--reason)", "--force needs a reason (--reason)"),
                    Place{"", 0, 0, "--reason"});
    std::vector<DueRecord> out;
    std::vector<std::string> problems;
    for (const std::string& text : req.ids) {
        std::string id = parse_record_id(a, text);
        auto dir = a.find_record_dir(id);
        if (!dir) {
            problems.push_back(id + tr(" : introuvable", ": not found"));
            continue;
        }
        archive::Record r = a.load_record(*dir);
        if (r.status == "destroyed") {
            problems.push_back(id + tr(" : déjà éliminé", ": already destroyed"));
            continue;
        }
        archive::RetentionStatus s = archive::retention_of(r, a.plan());
        if (!req.force) {
            if (!s.due) {
                problems.push_back(id + tr(" : fin de DUA inconnue (", ": end of retention unknown (") + s.unknown_because + ")");
                continue;
            }
            if (!archive::retention_due(s, req.as_of)) {
                problems.push_back(id + tr(" : DUA non échue (jusqu'au ", ": retention not over (until ") + s.due->iso() +
                                   tr(") ; --force et un motif pour passer outre", "); --force and a reason to override"));
                continue;
            }
            if (s.disposition != plan::Disposition::destroy) {
                const std::string fate = s.disposition == plan::Disposition::keep ? tr("la conservation (versement)", "keeping (transfer)")
                                                                             : tr("le tri (échantillonnage)", "sampling");
                problems.push_back(id + tr(" : le plan prévoit ", ": the plan says ") + fate +
                                   tr(", pas l'élimination ; --force et un motif pour passer outre",
                                      ", not destruction; --force and a reason to override"));
                continue;
            }
        }
        out.push_back(due_record(a, r, s));
    }
    if (!problems.empty()) {
        std::string message = tr("élimination refusée, rien n'a été détruit :", "destruction refused, nothing was destroyed:");
        for (const auto& p : problems) message += "\n  " + p;
        throw Error(ErrorCode::conflict, message);
    }
    return out;
}

DisposeReport dispose(const archive::Archive& a, const DisposeRequest& req) {
    std::vector<DueRecord> checked = check_disposal(a, req);
    DisposeReport report;
    WriteSession session(a);
    for (const DueRecord& d : checked) {
        nlohmann::json disposal = {{"action", "destroy"}, {"slip", req.slip}, {"reason", std::string(trim(req.reason))},
                                   {"forced", req.force}, {"due", d.due.year ? d.due.iso() : std::string()}};
        archive::Record r = session.writer().destroy(d.id, disposal, req.user);
        auto dir = a.find_record_dir(d.id, r.code);
        if (dir) session.index_record(r, *dir, std::string_view());
        report.destroyed.push_back(d.id);
        report.bytes += d.bytes;
    }
    session.commit();
    return report;
}

}  // namespace ububiko::service
