// ububiko serve [ARCHIVE] [--listen HOST:PORT] [--max-upload MB]
// Runs the web application (the ububiko-web program beside this one, which alone loads
// the HTTP library) on the archive found as every other command finds it.
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "cli/context.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/system.hpp"

namespace ububiko::cli {

void register_serve(CLI::App& app, Context& ctx) {
    struct Options {
        std::string archive, listen = "127.0.0.1:8080";
        unsigned max_upload_mb = 64;
    };
    auto o = std::make_shared<Options>();
    CLI::App* cmd = app.add_subcommand(
        "serve", tr("application web sur le réseau de la commune (comptes : « ububiko user »)",
                    "web application on the commune's network (accounts: 'ububiko user')"));
    cmd->add_option("archive", o->archive, tr("dossier de l'archive", "archive folder"))->type_name(tr("ARCHIVE", "ARCHIVE"));
    cmd->add_option("--listen", o->listen,
                    tr("adresse et port (défaut 127.0.0.1:8080 ; 0.0.0.0:8080 pour tout le réseau)",
                       "address and port (default 127.0.0.1:8080; 0.0.0.0:8080 for the whole network)"))
        ->type_name(tr("HÔTE:PORT", "HOST:PORT"));
    cmd->add_option("--max-upload", o->max_upload_mb, tr("taille maximale d'un envoi, en Mo (défaut 64)", "largest upload, in MB (default 64)"))
        ->check(CLI::Range(1u, 4096u));
    cmd->callback([o, &ctx] {
        std::string dir = archive::Archive::locate(o->archive.empty() ? ctx.archive_dir : o->archive);
        archive::Archive::open(dir);  // a clear error here rather than in the server
        std::string self = self_executable();
        std::string program = self.substr(0, self.rfind('/') + 1) + "ububiko-web";
        if (const char* p = std::getenv("UBUBIKO_WEB_PROGRAM"); p != nullptr && *p != '\0') program = p;
        std::string upload = std::to_string(o->max_upload_mb);
        std::vector<const char*> args = {program.c_str(), "--archive", dir.c_str(), "--listen", o->listen.c_str(),
                                         "--max-upload", upload.c_str(), nullptr};
        ::execv(program.c_str(), const_cast<char* const*>(args.data()));
        throw Error(ErrorCode::io, tr("impossible de lancer ", "cannot start ") + program + " : " + system_error_text(errno));
    });
}

}  // namespace ububiko::cli
