// ububiko suggest FILE|ID [--json] | train [--json] | eval [--json] [--method auto|split|loo]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

#include "classify/metadata.hpp"
#include "classify/suggest.hpp"
#include "cli/background_training.hpp"
#include "cli/context.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/system.hpp"
#include "core/text.hpp"
#include "extract/extract.hpp"
#include "index/searcher.hpp"
#include "service/metadata.hpp"
#include "service/records.hpp"

namespace ububiko::cli {
namespace {

// What the suggestions were made for.
struct Subject {
    classify::Document document;
    std::string file;        // the file given, or the record's original name
    std::string id;          // the record given
    std::string filed_code;  // its code, when filed
    std::string text;        // for the metadata proposals
    bool needs_ocr = false;  // a scan read without OCR: little to go on
};

struct SuggestOptions {
    std::string target;
    std::size_t max = 5;
    bool no_ocr = false, no_train = false;
    std::string title, type, correspondent, direction;
};

std::string percent(double p) {
    std::ostringstream s;
    s << std::lround(p * 100) << " %";
    return s.str();
}

std::string percent1(double p) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(1) << p * 100;
    std::string out = s.str();
    if (language() == Language::fr)
        for (char& c : out)
            if (c == '.') c = ',';
    return out + " %";
}

// "1,5 s" / "1.5 s".
std::string seconds_text(double seconds) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(1) << seconds;
    std::string out = s.str();
    if (language() == Language::fr)
        for (char& c : out)
            if (c == '.') c = ',';
    return out + " s";
}

std::string code_title(const plan::Plan& plan, const std::string& code) {
    const plan::Node* node = plan.find(code);
    if (node == nullptr) return {};
    return language() == Language::en && !node->title_en.empty() ? node->title_en : node->title;
}

// The document of a file: its text extracted in a worker process, as `file` would.
Subject file_subject(const archive::Archive& a, const std::string& path, const SuggestOptions& o) {
    extract::WorkerPool pool({extract_worker_program()}, 1);
    extract::Options options;
    if (!o.no_ocr) options.ocr_languages = a.config().ocr_languages;
    extract::Result x = pool.extract(path, options);
    Subject s;
    s.file = path;
    for (std::size_t i = 0; i < x.pages.size(); ++i) s.text += (i ? "\f" : "") + x.pages[i];
    s.needs_ocr = x.needs_ocr && x.page_info.empty();
    s.document.text = s.text;
    s.document.title = std::string(trim(x.title));
    return s;
}

Subject record_subject(const archive::Archive& a, const std::string& text) {
    std::string id = service::parse_record_id(a, text);
    std::string hint;
    if (auto summary = index::Searcher(a.root()).find(id)) hint = summary->code;
    std::optional<std::string> dir = a.find_record_dir(id, hint);
    if (!dir)
        throw Error(ErrorCode::not_found, tr("aucun enregistrement n° ", "no record number ") + id);
    archive::Record r = a.load_record(*dir);
    Subject s;
    s.id = r.id;
    s.file = r.original_name;
    if (r.status == "filed") s.filed_code = r.code;
    s.document = classify::record_document(r, *dir);
    s.text = s.document.text;
    s.needs_ocr = r.extraction.needs_ocr && r.extraction.page_info.empty();
    return s;
}

nlohmann::json proposed_json(const std::optional<classify::Proposed>& p) {
    if (!p) return nullptr;
    return {{"value", p->value}, {"evidence", p->evidence}};
}

void print_proposal(const std::string& label, const std::optional<classify::Proposed>& p,
                    const std::string& shown = {}) {
    if (!p) return;
    std::cout << "  " << label << (shown.empty() ? p->value : shown);
    if (!p->evidence.empty() && p->evidence != p->value)
        std::cout << tr("   (lu : « ", "   (read: '") << p->evidence << tr(" »)", "')");
    std::cout << "\n";
}

// Trains when enough was filed since the last training and no training runs already
// (`file` and `intake` start one in the background; this suggestion then uses the model
// there is).
void train_if_stale(const archive::Archive& a, bool quiet) {
    if (!classify::model_stale(a)) return;
    TrainingLock lock(a);
    if (!lock.held()) return;
    classify::TrainReport t = classify::train(a);
    if (!quiet && t.classes >= 2)
        std::cerr << tr("modèle réappris sur ", "model retrained on ") << t.records
                  << tr(" documents classés (", " filed records (") << seconds_text(t.seconds)
                  << ")\n";
}

void register_suggest_command(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<SuggestOptions>();
    CLI::App* cmd = app.add_subcommand(
        "suggest", tr("propose des codes de classement et des métadonnées pour un fichier ou un "
                      "enregistrement",
                      "suggest classification codes and metadata for a file or a record"));
    cmd->add_option("target", o->target,
                    tr("fichier à classer, ou numéro d'enregistrement (ex. 2026-000042)",
                       "file to classify, or record number (e.g. 2026-000042)"))
        ->required();
    cmd->add_option(
        "--max,-n", o->max,
        tr("nombre de codes proposés (défaut 5)", "number of codes suggested (default 5)"))
        ->check(whole_number());
    cmd->add_option("--title", o->title,
                    tr("titre (sinon lu dans le document)", "title (else read from the document)"));
    cmd->add_option("--type", o->type,
                    tr("type de document (sinon lu dans le document)",
                       "document type (else read from the document)"));
    cmd->add_option("--correspondent", o->correspondent,
                    tr("expéditeur ou destinataire", "sender or recipient"));
    cmd->add_option("--direction", o->direction,
                    tr("sens : in, out, internal", "direction: in, out, internal"));
    cmd->add_flag("--no-ocr", o->no_ocr,
                  tr("sans OCR pour les pages sans texte", "no OCR for pages without text"));
    cmd->add_flag("--no-train", o->no_train,
                  tr("ne réapprend pas le modèle même s'il est dépassé",
                     "do not retrain the model even when it is out of date"));
    cmd->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    cmd->callback([o, &ctx] {
        const archive::Archive& a = ctx.archive();
        const plan::Plan& plan = a.plan();
        const bool is_file = std::filesystem::is_regular_file(o->target);
        // A record number, bare or with its archive code ("BRR/2026-000042").
        const std::string bare = o->target.substr(
            o->target.find('/') == std::string::npos ? 0 : o->target.find('/') + 1);
        if (!is_file && (!archive::is_record_id(bare) ||
                         std::count(o->target.begin(), o->target.end(), '/') > 1))
            throw Error(ErrorCode::not_found, tr("ni un fichier ni un numéro d'enregistrement : « ",
                                                 "neither a file nor a record number: '") +
                                                  o->target + tr(" »", "'"));
        Subject s = is_file ? file_subject(a, o->target, *o) : record_subject(a, o->target);

        const std::string file_name = std::filesystem::path(s.file).filename().string();
        classify::ProposedMetadata meta = classify::propose_metadata(s.text, file_name, plan);
        // What was given wins; then the record's own fields; then what the text says.
        classify::Document& d = s.document;
        if (!o->title.empty()) d.title = o->title;
        if (d.title.empty() && meta.title) d.title = meta.title->value;
        if (d.title.empty()) d.title = service::title_from_text(s.text);
        if (d.title.empty() && !file_name.empty()) d.title = service::title_from_name(file_name);
        if (!o->type.empty()) d.type = o->type;
        if (d.type.empty() && meta.type) d.type = meta.type->value;
        if (!o->correspondent.empty()) d.correspondent = o->correspondent;
        if (d.correspondent.empty() && meta.correspondent)
            d.correspondent = meta.correspondent->value;
        if (!o->direction.empty()) d.direction = o->direction;

        if (!o->no_train) train_if_stale(a, ctx.json);
        classify::Suggester suggester(a);
        std::vector<classify::Suggestion> suggestions = suggester.suggest(d, o->max);

        if (ctx.json) {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& sug : suggestions)
                list.push_back({{"code", sug.code},
                                {"title", code_title(plan, sug.code)},
                                {"confidence", sug.confidence},
                                {"reasons", sug.reasons}});
            nlohmann::json j = {{"title", d.title},
                                {"suggestions", list},
                                {"threshold", a.config().suggestion_threshold},
                                {"metadata",
                                 {{"date", proposed_json(meta.date)},
                                  {"reference", proposed_json(meta.reference)},
                                  {"correspondent", proposed_json(meta.correspondent)},
                                  {"type", proposed_json(meta.type)},
                                  {"title", proposed_json(meta.title)}}}};
            if (is_file)
                j["file"] = s.file;
            else {
                j["id"] = s.id;
                j["code"] =
                    s.filed_code.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.filed_code);
            }
            if (s.needs_ocr) j["needs_ocr"] = true;
            if (auto m = classify::model_status(a))
                j["model"] = {
                    {"records", m->records}, {"classes", m->classes}, {"trained", m->trained}};
            else
                j["model"] = nullptr;
            return print_json(j);
        }

        std::cout << tr("Document : ", "Document: ") << bold(d.title.empty() ? file_name : d.title);
        if (!s.id.empty())
            std::cout << "  (" << s.id
                      << (s.filed_code.empty()
                              ? tr(", à classer", ", to classify")
                              : tr(", classé sous ", ", filed under ") + s.filed_code)
                      << ")";
        else if (!file_name.empty() && file_name != d.title)
            std::cout << "  [" << file_name << "]";
        std::cout << "\n";
        if (s.needs_ocr)
            std::cout << tr("(sans couche texte et lu sans OCR : peu d'indices)\n",
                            "(no text layer and read without OCR: little to go on)\n");
        if (suggestions.empty()) {
            std::cout << tr(
                "Aucun code à proposer : ni les indices du plan, ni les documents classés, ni le "
                "modèle ne reconnaissent ce document.\n",
                "No code to suggest: neither the plan's hints, nor the filed records, nor the "
                "model recognise this document.\n");
        } else {
            std::cout << tr("Codes proposés :\n", "Suggested codes:\n");
            std::size_t rank = 0;
            for (const auto& sug : suggestions) {
                std::cout << "  " << ++rank << ". " << bold(sug.code) << "  "
                          << code_title(plan, sug.code) << "  — " << percent(sug.confidence);
                if (rank == 1 && sug.confidence >= a.config().suggestion_threshold)
                    std::cout << tr("  (au-dessus du seuil de classement automatique)",
                                    "  (above the automatic filing threshold)");
                std::cout << "\n";
                for (const std::string& reason : sug.reasons)
                    std::cout << "       · " << reason << "\n";
            }
        }
        std::cout << tr("Métadonnées proposées :\n", "Proposed metadata:\n");
        if (!meta.date && !meta.reference && !meta.correspondent && !meta.type && !meta.title)
            std::cout << tr("  (aucune lue dans le texte)\n", "  (none read from the text)\n");
        std::string type_label;
        if (meta.type)
            if (const plan::DocumentType* t = plan.resolve_type(meta.type->value))
                type_label =
                    language() == Language::en && !t->label_en.empty() ? t->label_en : t->label;
        print_proposal(tr("Date          : ", "Date          : "), meta.date);
        print_proposal(tr("Référence     : ", "Reference     : "), meta.reference);
        print_proposal(tr("Correspondant : ", "Correspondent : "), meta.correspondent);
        print_proposal(tr("Type          : ", "Type          : "), meta.type, type_label);
        print_proposal(tr("Titre         : ", "Title         : "), meta.title);
        if (!classify::model_status(a))
            std::cout << tr(
                "(pas encore de modèle appris : « ububiko train » une fois quelques dizaines de "
                "documents classés)\n",
                "(no model learnt yet: 'ububiko train' once a few dozen records are filed)\n");
    });
}

void register_train_command(CLI::App& app, Context& ctx) {
    CLI::App* cmd = app.add_subcommand(
        "train", tr("réapprend le modèle de suggestion sur les documents classés",
                    "retrain the suggestion model on the filed records"));
    auto if_stale = std::make_shared<bool>(false);
    cmd->add_flag("--if-stale", *if_stale,
                  tr("seulement si le modèle est dépassé, et si aucun autre apprentissage n'est en cours "
                     "(ce que file et intake lancent en arrière-plan)",
                     "only when the model is out of date and no other training runs (what file "
                     "and intake start in the background)"));
    cmd->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    cmd->callback([&ctx, if_stale] {
        const archive::Archive& a = ctx.archive();
        std::optional<TrainingLock> lock;
        if (*if_stale) {
            lock.emplace(a);
            if (!lock->held() || !classify::model_stale(a)) {
                if (ctx.json) print_json({{"trained", false}});
                return;
            }
        }
        classify::TrainReport t = classify::train(a);
        if (ctx.json)
            return print_json({{"records", t.records},
                               {"classes", t.classes},
                               {"features", t.features},
                               {"seconds", t.seconds},
                               {"model", t.classes >= 2},
                               {"folder", classify::model_dir(a)}});
        if (t.classes < 2) {
            std::cout
                << tr("Pas de modèle : il faut des documents classés sous au moins deux codes (",
                      "No model: records filed under at least two codes are needed (")
                << t.records << tr(" document(s) classé(s)).\n", " record(s) filed).\n");
            return;
        }
        std::cout << tr("Modèle appris sur ", "Model learnt from ") << group_digits(t.records)
                  << tr(" documents classés, ", " filed records, ") << t.classes
                  << tr(" codes, ", " codes, ") << group_digits(t.features)
                  << tr(" termes, en ", " terms, in ") << seconds_text(t.seconds) << "\n";
    });
}

void register_eval_command(CLI::App& app, Context& ctx) {
    struct EvalOptions {
        std::string method = "auto";
        std::size_t confusions = 10;
    };
    auto o = std::make_shared<EvalOptions>();
    CLI::App* cmd = app.add_subcommand(
        "eval", tr("mesure la justesse des suggestions sur les documents déjà classés",
                   "measure how right the suggestions are on the records already filed"));
    cmd->add_option("--method", o->method,
                    tr("split (apprend sur 80 %, teste 20 %), loo (un à un) ou auto (loo sous 300 "
                       "documents)",
                       "split (train on 80%, test 20%), loo (leave-one-out) or auto (loo under 300 "
                       "records)"))
        ->check(CLI::IsMember({"auto", "split", "loo"}));
    cmd->add_option("--confusions", o->confusions,
                    tr("confusions montrées (défaut 10)", "confusions shown (default 10)"))
        ->check(whole_number());
    cmd->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    cmd->callback([o, &ctx] {
        const archive::Archive& a = ctx.archive();
        classify::EvalOptions options;
        if (o->method == "loo")
            options.leave_one_out = true;
        else if (o->method == "auto") {
            std::size_t records = 0;
            a.for_each_record_dir([&](const std::string&) { ++records; });
            options.leave_one_out = records < 300;
        }
        const auto start = std::chrono::steady_clock::now();
        classify::EvalReport r = classify::evaluate(a, options);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (ctx.json) {
            nlohmann::json per = nlohmann::json::array();
            for (const auto& p : r.per_top_level)
                per.push_back({{"code", p.code},
                               {"title", code_title(a.plan(), p.code)},
                               {"test", p.test},
                               {"top1", p.top1},
                               {"top3", p.top3}});
            nlohmann::json confusion = nlohmann::json::array();
            for (const auto& c : r.confusion)
                confusion.push_back(
                    {{"actual", c.actual}, {"predicted", c.predicted}, {"count", c.count}});
            nlohmann::json sources = nlohmann::json::object();
            for (const auto& src : r.sources)
                sources[src.source] = {{"top1", src.top1}, {"top3", src.top3}};
            return print_json({{"method", r.method},
                               {"train", r.train},
                               {"test", r.test},
                               {"top1", r.top1},
                               {"top3", r.top3},
                               {"per_top_level", per},
                               {"confusion", confusion},
                               {"sources_alone", sources},
                               {"seconds", seconds}});
        }
        if (r.test == 0) {
            std::cout << tr("Rien à évaluer : aucun document classé sous une feuille du plan.\n",
                            "Nothing to evaluate: no record filed under a leaf of the plan.\n");
            return;
        }
        std::cout << tr("Méthode : ", "Method: ")
                  << (r.method == "leave-one-out"
                          ? tr("un contre tous (chaque document suggéré par les autres)",
                               "leave-one-out (each record suggested from the others)")
                          : tr("apprentissage sur 80 %, test sur 20 % (partage fixe par numéro)",
                               "train on 80%, test on 20% (fixed split by number)"))
                  << "\n"
                  << tr("Documents testés : ", "Records tested: ") << r.test
                  << tr(" (appris sur ", " (learnt from ") << r.train << ")\n"
                  << tr("Bon code en tête       : ", "Right code first       : ")
                  << bold(percent1(r.top1)) << "\n"
                  << tr("Bon code parmi les 3   : ", "Right code in the top 3: ")
                  << bold(percent1(r.top3)) << "\n";
        std::cout << tr("Chaque source seule     : ", "Each source alone      : ");
        for (std::size_t i = 0; i < r.sources.size(); ++i) {
            const auto& src = r.sources[i];
            std::string name = src.source == "hints" ? tr("indices du plan", "plan hints")
                               : src.source == "neighbours"
                                   ? tr("documents semblables", "similar records")
                                   : tr("modèle", "model");
            std::cout << (i ? " · " : "") << name << " " << percent1(src.top1) << " / "
                      << percent1(src.top3);
        }
        std::cout << tr(" (en tête / parmi 3)\n", " (first / top 3)\n");
        std::cout << tr("\nPar code de premier niveau :\n", "\nBy top-level code:\n");
        for (const auto& p : r.per_top_level) {
            std::string title = code_title(a.plan(), p.code);
            if (title.size() > 40) title = std::string(utf8_prefix(title, 38)) + "…";
            std::cout << "  " << std::left << std::setw(4) << p.code << " " << title << " : "
                      << p.test << tr(" testés, en tête ", " tested, first ") << percent1(p.top1)
                      << tr(", parmi 3 ", ", top 3 ") << percent1(p.top3) << "\n";
        }
        if (!r.confusion.empty()) {
            std::cout << tr(
                "\nConfusions les plus fréquentes (code réel → code proposé en tête) :\n",
                "\nMost frequent confusions (actual code → code suggested first):\n");
            for (std::size_t i = 0; i < r.confusion.size() && i < o->confusions; ++i) {
                const auto& c = r.confusion[i];
                std::cout << "  " << c.actual << " → " << c.predicted << " : " << c.count << "\n";
            }
        }
        std::cout << tr("\n(en ", "\n(in ") << seconds_text(seconds) << ")\n";
    });
}

}  // namespace

void register_suggest(CLI::App& app, Context& ctx) {
    register_suggest_command(app, ctx);
    register_train_command(app, ctx);
    register_eval_command(app, ctx);
}

}  // namespace ububiko::cli
