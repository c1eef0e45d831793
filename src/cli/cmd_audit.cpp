// ububiko audit [ARCHIVE...] [--as-of DATE] [--format html|json|csv] [--out FILE]
#include <unistd.h>

#include <deque>
#include <iostream>
#include <memory>

#include "audit/audit.hpp"
#include "cli/context.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/time.hpp"

namespace ububiko::cli {
namespace {

struct AuditOptions {
    std::vector<std::string> archives;
    std::string as_of, format, out;
    bool json = false, no_suggestions = false;
};

std::string checked_format(const AuditOptions& o) {
    if (o.json && !o.format.empty() && o.format != "json")
        throw Error(ErrorCode::invalid_input, tr("--json demande le format JSON, pas « ",
                                                 "--json means the JSON format, not '") +
                                                  o.format + tr(" »", "'"));
    std::string format = o.json ? "json" : o.format.empty() ? "html" : o.format;
    if (format != "html" && format != "json" && format != "csv")
        throw Error(ErrorCode::invalid_input,
                    tr("format de rapport inconnu : « ", "unknown report format: '") + format +
                        tr(" » (html, json ou csv)", "' (html, json or csv)"));
    return format;
}

// Refuses, before any work, a report file that could not be written: a folder, or a
// place whose folder is missing or closed to us.
void check_writable(const std::string& out) {
    if (out == "-") return;
    auto refuse = [&](const std::string& why) {
        throw Error(ErrorCode::invalid_input,
                    tr("impossible d'écrire le rapport « ", "cannot write the report '") + out +
                        tr(" » : ", "': ") + why);
    };
    if (out.empty() || out.back() == '/')
        refuse(tr("il faut un nom de fichier", "a file name is needed"));
    if (is_directory(out)) refuse(tr("c'est un dossier", "it is a folder"));
    const std::size_t slash = out.rfind('/');
    const std::string dir = slash == std::string::npos ? "."
                            : slash == 0               ? "/"
                                                       : out.substr(0, slash);
    if (!is_directory(dir))
        refuse(tr("le dossier « ", "folder '") + dir + tr(" » n'existe pas", "' does not exist"));
    if (::access(dir.c_str(), W_OK | X_OK) != 0)
        refuse(tr("pas le droit d'écrire dans « ", "no permission to write in '") + dir +
               tr(" »", "'"));
    if (exists(out) && ::access(out.c_str(), W_OK) != 0)
        refuse(tr("fichier protégé en écriture", "the file is write-protected"));
}

// "audit-BRR-2026-11-28.html", or "audit-2026-11-28.html" for several archives.
std::string default_out(const std::vector<const archive::Archive*>& archives, const Date& as_of,
                        const std::string& format) {
    std::string name = "audit-";
    if (archives.size() == 1) name += archives.front()->config().code + "-";
    return name + as_of.iso() + "." + format;
}

// A line on stderr that rewrites itself, only on a terminal.
audit::Progress progress_line(const std::string& who) {
    if (!stderr_is_terminal()) return {};
    return [who](const std::string& stage, std::size_t done, std::size_t total) {
        if (done % 25 == 0 || done == total)
            std::cerr << "\r\x1b[K" << who << " : " << stage << " " << done << "/" << total
                      << std::flush;
    };
}

}  // namespace

void register_audit(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<AuditOptions>();
    CLI::App* cmd =
        app.add_subcommand("audit", tr("audit de conformité d'une ou plusieurs archives (HTML "
                                       "autonome, JSON ou CSV), avec scores et constats",
                                       "compliance audit of one or more archives (self-contained "
                                       "HTML, JSON or CSV), with scores and findings"));
    cmd->add_option(
           "archives", o->archives,
           tr("dossiers d'archives à comparer (défaut : l'archive courante, voir --archive)",
              "archive folders to compare (default: the current archive, see --archive)"))
        ->type_name(tr("ARCHIVE", "ARCHIVE"));
    cmd->add_option("--as-of", o->as_of,
                    tr("jour de la situation, AAAA-MM-JJ (défaut : aujourd'hui)",
                       "day of the audit, YYYY-MM-DD (default: today)"))
        ->type_name("DATE");
    cmd->add_option("--format", o->format,
                    tr("html (défaut), json ou csv", "html (default), json or csv"))
        ->type_name("FORMAT");
    cmd->add_option(
           "--out,-o", o->out,
           tr("fichier à écrire (défaut : audit-CODE-DATE.html ; « - » : la sortie standard)",
              "file to write (default: audit-CODE-DATE.html; '-': standard output)"))
        ->type_name(tr("FICHIER", "FILE"));
    cmd->add_flag("--json", o->json,
                  tr("rapport JSON sur la sortie standard", "JSON report on standard output"));
    cmd->add_flag("--no-suggestions", o->no_suggestions,
                  tr("sans la recherche des classements douteux (plus rapide)",
                     "without looking for probable misfiling (faster)"));
    cmd->callback([o, &ctx] {
        // Every input is judged before any work, so that bad input writes nothing.
        const std::string format = checked_format(*o);
        const Date as_of = parse_as_of(o->as_of);
        std::string out = o->out.empty() && o->json ? "-" : o->out;
        if (!out.empty()) check_writable(out);
        // Pointers: an Archive is not copied (its plan is read once, on first use).
        std::deque<archive::Archive> opened;
        std::vector<const archive::Archive*> archives;
        if (o->archives.empty()) archives.push_back(&ctx.archive());
        for (const std::string& dir : o->archives)
            archives.push_back(&opened.emplace_back(archive::Archive::open(dir)));
        if (out.empty()) {
            out = default_out(archives, as_of, format);
            check_writable(out);
        }

        std::vector<audit::Report> reports;
        for (const archive::Archive* a : archives) {
            audit::Options options;
            options.as_of = as_of;
            options.suggestions = !o->no_suggestions;
            options.progress = progress_line(a->config().code);
            reports.push_back(audit::run(*a, options));
            if (options.progress) std::cerr << "\r\x1b[K" << std::flush;
        }

        std::string text;
        if (format == "html")
            text = audit::to_html(reports);
        else if (format == "csv")
            text = audit::to_csv(reports);
        else
            text = audit::to_json(reports).dump(2, ' ', false,
                                                nlohmann::json::error_handler_t::replace) +
                   "\n";
        if (out == "-") {
            std::cout << text << std::flush;
            return;
        }
        replace_file_atomically(out, text);
        std::cout << audit::to_text(reports) << tr("rapport → ", "report → ") << out << "\n";
    });
}

}  // namespace ububiko::cli
