#include "cli/app.hpp"

#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "plan/diagnostics.hpp"

namespace ububiko::cli {
namespace {

// CLI11 speaks English; the most common usage errors are said again in French.
std::string usage_message(const CLI::ParseError& e) {
    std::string what = e.what();
    if (language() == Language::en) return what;
    struct Pair {
        const char* en;
        const char* fr;
    };
    static const Pair k_pairs[] = {
        {"A subcommand is required", "une sous-commande est nécessaire"},
        {"fichiers is required", "aucun fichier indiqué"},
        {"The following argument was not expected: ", "argument inattendu : "},
        {"The following arguments were not expected: ", "arguments inattendus : "},
        {" is required", " est obligatoire"},
        {"requires at least 1", "demande au moins une valeur"},
        {"Could not convert: ", "valeur invalide : "},
        {"Value ", "valeur "},
        {" not in ", " hors de "},
        {"argument with name", "argument"},
    };
    for (const auto& p : k_pairs)
        for (std::size_t pos = what.find(p.en); pos != std::string::npos; pos = what.find(p.en, pos))
            what.replace(pos, std::strlen(p.en), p.fr);
    return what;
}

// Which file registers which subcommands. A command line sets up only the group of the
// subcommand it names (a search starts half a millisecond sooner than with all thirty);
// help, an unknown name or a name missing here set them all up.
using Register = void (*)(CLI::App&, Context&);
struct Group {
    Register fn;
    std::initializer_list<const char*> names;
};
const Group k_groups[] = {
    {register_init, {"init"}},
    {register_plan, {"plan"}},
    {register_file, {"file"}},
    {register_intake, {"intake"}},
    {register_records, {"show", "list", "queue", "classify", "reclassify", "edit"}},
    {register_stamp, {"stamp"}},
    {register_search, {"search"}},
    {register_suggest, {"suggest", "train", "eval"}},
    {register_retention, {"register", "disposition", "dispose"}},
    {register_audit, {"audit"}},
    {register_maintenance, {"check", "reindex"}},
    {register_user, {"user"}},
    {register_serve, {"serve"}},
};

// The subcommand named on the command line ("" when none, or when help is asked for).
std::string subcommand_of(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--archive") {
            ++i;
            continue;
        }
        if (a == "-h" || a == "--help" || a == "--help-all") return {};
        if (a.rfind("-", 0) == 0) continue;
        return a;
    }
    return {};
}

// The option of app or of its subcommand cmd that arg names ("--limit", "-n"), or none.
const CLI::Option* option_named(const CLI::App& app, const CLI::App& cmd, const std::string& arg) {
    for (const CLI::App* a : {&cmd, &app})
        for (const CLI::Option* o : a->get_options())
            if (o->nonpositional() && o->check_name(arg)) return o;
    return nullptr;
}

// "ububiko search budget -marché": a minus before a word excludes it (the query language),
// but CLI11 would take "-marché" for an unknown option. Arguments that name an option of
// the search (or the archive's) stay options, with their values ("--limit 5", "--limit=5",
// "-n5"); every other argument is the query, in its order, given after "--". An unknown
// long option is left to CLI11 to name.
std::vector<std::string> search_arguments(const CLI::App& app, int argc, char** argv) {
    const CLI::App* cmd = app.get_subcommand("search");
    std::vector<std::string> out{argv[0]}, query;
    bool in_search = false, rest_is_query = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (rest_is_query) {
            query.push_back(a);
            continue;
        }
        if (in_search && a == "--") {
            rest_is_query = true;
            continue;
        }
        const bool long_form = a.rfind("--", 0) == 0;
        std::string name = long_form ? a.substr(0, a.find('=')) : a.size() > 2 && a[0] == '-' ? a.substr(0, 2) : a;
        const CLI::Option* o = a.size() > 1 && a[0] == '-' ? option_named(app, *cmd, name) : nullptr;
        // "-nord" is the word nord excluded, not -n with the value "ord".
        if (o && !long_form && name != a && a.find_first_not_of("0123456789", 2) != std::string::npos) o = nullptr;
        if (o) {
            out.push_back(a);
            if (name == a && o->get_expected_min() > 0 && o->get_type_size_min() > 0 && i + 1 < argc) out.push_back(argv[++i]);
        } else if (!in_search || long_form) {
            if (in_search) return {argv, argv + argc};
            out.push_back(a);
            in_search = a == "search";
        } else {
            query.push_back(a);
        }
    }
    if (!query.empty()) {
        out.push_back("--");
        out.insert(out.end(), query.begin(), query.end());
    }
    return out;
}

bool has_subcommand(const CLI::App& app, const std::string& name) {
    for (const CLI::App* sub : app.get_subcommands({}))
        if (sub->get_name() == name) return true;
    return false;
}

void register_commands(CLI::App& app, Context& ctx, const std::string& name) {
    const Group* done = nullptr;
    for (const Group& g : k_groups)
        for (const char* n : g.names)
            if (!done && name == n) {
                g.fn(app, ctx);
                done = &g;
            }
    // A group that did not register the name it is listed for falls back to all.
    if (done && has_subcommand(app, name)) return;
    for (const Group& g : k_groups)
        if (&g != done) g.fn(app, ctx);
}

}  // namespace

int run(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    Context ctx;
    CLI::App app{tr("ububiko — classement et archivage des documents d'une commune",
                    "ububiko — filing and archiving a commune's documents")};
    app.set_help_flag("-h,--help", tr("affiche cette aide", "print this help"));
    app.set_version_flag("--version", std::string("ububiko ") + UBUBIKO_VERSION);
    app.require_subcommand(1);
    // "ububiko search --archive DIR …" as well as "ububiko --archive DIR search …".
    app.fallthrough();
    app.add_option("--archive", ctx.archive_dir,
                   tr("dossier de l'archive (sinon $UBUBIKO_ARCHIVE, sinon le dossier courant ou un parent)",
                      "archive folder (else $UBUBIKO_ARCHIVE, else the current folder or a parent)"))
        ->type_name(tr("DOSSIER", "DIR"));
    app.footer(tr("Statuts de sortie : 0 succès, 1 problèmes trouvés, 2 entrée invalide, 3 introuvable, "
                  "4 conflit ou doublon, 5 archive occupée, 6 données endommagées, 7 erreur d'E/S, 8 non pris en charge.",
                  "Exit status: 0 success, 1 problems found, 2 invalid input, 3 not found, 4 conflict or duplicate, "
                  "5 archive busy, 6 corrupt data, 7 I/O error, 8 unsupported."));
    const std::string subcommand = subcommand_of(argc, argv);
    // "ububiko --version" needs no subcommand set up (it measures the program's start in
    // tools/bench/ingest, and setting up thirty subcommands doubled it).
    if (subcommand.empty())
        for (int i = 1; i < argc && std::strcmp(argv[i], "--help") != 0 && std::strcmp(argv[i], "-h") != 0; ++i)
            if (std::strcmp(argv[i], "--version") == 0) {
                std::cout << "ububiko " << UBUBIKO_VERSION << "\n";
                return 0;
            }
    register_commands(app, ctx, subcommand);
    std::vector<std::string> arguments;
    std::vector<char*> rewritten;
    if (subcommand == "search") {
        arguments = search_arguments(app, argc, argv);
        for (std::string& a : arguments) rewritten.push_back(a.data());
        argc = static_cast<int>(rewritten.size());
        argv = rewritten.data();
    }

    // An unknown subcommand is named as such (CLI11 would only say one is required).
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--archive") {
            ++i;
            continue;
        }
        if (a.rfind("-", 0) == 0) continue;
        bool known = false;
        std::string names;
        for (const CLI::App* sub : app.get_subcommands({})) {
            known = known || sub->get_name() == a;
            names += (names.empty() ? "" : ", ") + sub->get_name();
        }
        if (!known) {
            std::cerr << "ububiko : " << tr("commande inconnue « ", "unknown command '") << a << tr(" » (commandes : ", "' (commands: ")
                      << names << ")\n";
            return 2;
        }
        break;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        std::cout << app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::CallForVersion&) {
        std::cout << "ububiko " << UBUBIKO_VERSION << "\n";
        return 0;
    } catch (const CLI::ParseError& e) {
        std::cerr << "ububiko : " << usage_message(e) << "\n";
        // A file whose name starts with a dash reads as an option.
        for (int i = 1; i < argc; ++i) {
            std::error_code ec;
            std::string a = argv[i];
            if (a.size() > 1 && a[0] == '-' && std::filesystem::is_regular_file(a, ec)) {
                std::cerr << tr("(« ", "('") << a
                          << tr(" » est un fichier dont le nom commence par un tiret : écrivez « ./",
                                "' is a file whose name starts with a dash: write './")
                          << a << tr(" »)", "')") << "\n";
                break;
            }
        }
        std::cerr << tr("(voir « ububiko --help »)", "(see 'ububiko --help')") << "\n";
        return 2;
    } catch (const plan::PlanError& e) {
        for (const auto& d : e.diagnostics()) std::cerr << d.to_string() << "\n";
        std::cerr << "ububiko : " << tr("plan invalide : ", "invalid plan: ") << e.diagnostics().size()
                  << tr(" erreur(s)", " error(s)") << "\n";
        return exit_status(e.code());
    } catch (const Error& e) {
        std::cerr << "ububiko : " << e.what() << "\n";
        return exit_status(e.code());
    } catch (const std::bad_alloc&) {
        std::cerr << "ububiko : " << tr("mémoire insuffisante", "out of memory") << "\n";
        return 70;
    } catch (const std::exception& e) {
        std::cerr << "ububiko : " << tr("erreur interne : ", "internal error: ") << e.what() << "\n";
        return 70;
    }
    return ctx.exit_code;
}

}  // namespace ububiko::cli
