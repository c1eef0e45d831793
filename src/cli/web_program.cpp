// ububiko-web --archive DIR [--listen HOST:PORT] [--max-upload MB]: the web server,
// started by `ububiko serve` (which checks the options for people first).
#include <iostream>
#include <string>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "web/server.hpp"

int main(int argc, char** argv) {
    using namespace ububiko;
    web::ServeOptions options;
    try {
        for (int i = 1; i < argc; ++i) {
            std::string a = argv[i];
            auto value = [&]() -> std::string {
                if (i + 1 >= argc) throw Error(ErrorCode::invalid_input, a + tr(" demande une valeur", " needs a value"));
                return argv[++i];
            };
            if (a == "--archive") options.archive_dir = value();
            else if (a == "--listen") web::parse_listen(value(), options.host, options.port);
            else if (a == "--max-upload") options.max_upload_bytes = static_cast<std::size_t>(std::stoul(value())) << 20;
            else if (a == "--version") {
                std::cout << "ububiko-web " << UBUBIKO_VERSION << "\n";
                return 0;
            } else throw Error(ErrorCode::invalid_input, tr("option inconnue : ", "unknown option: ") + a);
        }
        if (options.archive_dir.empty()) throw Error(ErrorCode::invalid_input, tr("--archive est obligatoire", "--archive is required"));
        options.on_listening = [](const std::string& url) {
            std::cout << tr("ububiko : application web sur ", "ububiko: web application at ") << url << "\n"
                      << tr("(Ctrl-C pour arrêter ; comptes : « ububiko user add »)", "(Ctrl-C to stop; accounts: 'ububiko user add')")
                      << std::endl;
        };
        web::serve(options);
        std::cout << tr("ububiko : serveur arrêté", "ububiko: server stopped") << std::endl;
        return 0;
    } catch (const Error& e) {
        std::cerr << "ububiko serve : " << e.what() << "\n";
        return exit_status(e.code());
    } catch (const std::exception& e) {
        std::cerr << "ububiko serve : " << tr("erreur interne : ", "internal error: ") << e.what() << "\n";
        return 70;
    }
}
