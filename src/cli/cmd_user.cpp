// ububiko user add|passwd|disable|enable|role|list|roles: the accounts of the web application.
#include <fcntl.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <iostream>

#include "accounts/accounts.hpp"
#include "cli/context.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"

namespace ububiko::cli {
namespace {

// A password in memory, wiped when it is no longer needed.
struct Secret {
    std::string text;
    Secret() = default;
    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;
    ~Secret() { ::explicit_bzero(text.data(), text.size()); }
};

// The terminal's settings from before echo went off, for the signal handler to put back.
termios g_saved_tty;
int g_tty_fd = -1;

void restore_tty_and_die(int sig) {
    if (g_tty_fd >= 0) ::tcsetattr(g_tty_fd, TCSANOW, &g_saved_tty);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

// Echo off on the terminal for the object's life (what was typed ahead is discarded, as
// getpass does); Ctrl-C or a SIGTERM puts it back too.
class EchoOff {
public:
    explicit EchoOff(int fd) : m_fd(fd) {
        if (::tcgetattr(fd, &g_saved_tty) != 0) throw_io("tcgetattr", "/dev/tty", errno);
        termios quiet = g_saved_tty;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;
        g_tty_fd = fd;
        m_old_int = std::signal(SIGINT, restore_tty_and_die);
        m_old_term = std::signal(SIGTERM, restore_tty_and_die);
        if (::tcsetattr(fd, TCSAFLUSH, &quiet) != 0) {
            const int err = errno;
            std::signal(SIGINT, m_old_int);
            std::signal(SIGTERM, m_old_term);
            g_tty_fd = -1;
            throw_io("tcsetattr", "/dev/tty", err);
        }
    }
    ~EchoOff() {
        ::tcsetattr(m_fd, TCSANOW, &g_saved_tty);
        g_tty_fd = -1;
        std::signal(SIGINT, m_old_int);
        std::signal(SIGTERM, m_old_term);
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    int m_fd;
    void (*m_old_int)(int) = SIG_DFL;
    void (*m_old_term)(int) = SIG_DFL;
};

// Prints a prompt on the terminal (echo already off) and reads one line.
void ask(const UniqueFd& tty, const std::string& prompt, Secret& out) {
    write_all(tty, "/dev/tty", prompt);
    out.text.clear();
    char c = 0;
    for (;;) {
        ssize_t n = ::read(tty.get(), &c, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0 || c == '\n') break;
        out.text += c;
    }
    c = 0;
}

// The password for `name`: one line of stdin with --password-stdin, else asked twice on the
// terminal. Checked (length) before it is returned.
void read_password(bool from_stdin, const std::string& name, Secret& out) {
    if (from_stdin) {
        if (!std::getline(std::cin, out.text) && out.text.empty())
            throw Error(
                ErrorCode::invalid_input,
                tr("aucun mot de passe sur l'entrée standard", "no password on standard input"),
                Place{"", 0, 0, "--password-stdin"});
        if (!out.text.empty() && out.text.back() == '\r') out.text.pop_back();
        accounts::check_password(out.text);
        return;
    }
    UniqueFd tty(::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY));
    if (!tty)
        throw Error(ErrorCode::invalid_input,
                    tr("pas de terminal pour demander le mot de passe : utilisez --password-stdin",
                       "no terminal to ask for the password: use --password-stdin"));
    // Echo goes off before the first prompt and stays off for both: what is typed as soon as
    // a prompt shows is never echoed nor thrown away.
    EchoOff quiet(tty.get());
    ask(tty, tr("Mot de passe de ", "Password for ") + name + tr(" : ", ": "), out);
    accounts::check_password(out.text);
    Secret again;
    ask(tty, tr("Confirmez le mot de passe : ", "Confirm the password: "), again);
    if (again.text != out.text)
        throw Error(ErrorCode::invalid_input,
                    tr("les deux mots de passe diffèrent ; rien n'a été changé",
                       "the two passwords differ; nothing was changed"));
}

accounts::Role role_option(const std::string& text, const char* option) {
    if (auto r = accounts::parse_role(text)) return *r;
    std::string known;
    for (accounts::Role r : accounts::k_roles)
        known += (known.empty() ? "" : ", ") + accounts::role_label(r);
    throw Error(ErrorCode::invalid_input,
                tr("rôle inconnu « ", "unknown role '") + text + tr(" » (rôles : ", "' (roles: ") +
                    known + ")",
                Place{"", 0, 0, option});
}

std::string pad(const std::string& s, std::size_t width) {
    std::size_t chars = decode_utf8(s).size();
    return chars >= width ? s : s + std::string(width - chars, ' ');
}

std::string without_trailing_spaces(std::string s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

nlohmann::json user_json(const accounts::User& u) {
    // Never the hash: what a script needs to know about an account.
    return {{"name", u.name},
            {"full_name", u.full_name},
            {"role", std::string(accounts::role_name(u.role))},
            {"role_label", accounts::role_label(u.role)},
            {"disabled", u.disabled},
            {"created", u.created},
            {"updated", u.updated}};
}

void print_users(const std::vector<accounts::User>& users) {
    if (users.empty()) {
        std::cout << tr("aucun utilisateur (ububiko user add NOM --role admin)\n",
                        "no users (ububiko user add NAME --role admin)\n");
        return;
    }
    std::vector<std::vector<std::string>> rows = {
        {tr("NOM", "NAME"), tr("NOM COMPLET", "FULL NAME"), tr("RÔLE", "ROLE"), tr("ÉTAT", "STATE"),
         tr("CRÉÉ LE", "CREATED")}};
    for (const auto& u : users)
        rows.push_back({u.name, u.full_name, accounts::role_label(u.role),
                        u.disabled ? tr("désactivé", "disabled") : tr("actif", "active"),
                        u.created.substr(0, 10)});
    std::vector<std::size_t> widths(rows[0].size(), 0);
    for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], decode_utf8(row[i]).size());
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? pad(row[i], widths[i] + 2) : row[i];
        std::cout << line << "\n";
    }
    std::cout << users.size() << tr(" utilisateur(s)\n", " user(s)\n");
}

void print_roles() {
    std::string head = pad("", 40);
    for (accounts::Role r : accounts::k_roles) head += pad(accounts::role_label(r), 16);
    std::cout << without_trailing_spaces(head) << "\n";
    for (const auto& row : accounts::permission_table()) {
        std::string line = pad(tr(row.label_fr, row.label_en), 40);
        for (std::size_t i = 0; i < accounts::k_roles.size(); ++i)
            line += pad(row.allowed[i] ? tr("oui", "yes") : "-", 16);
        std::cout << without_trailing_spaces(line) << "\n";
    }
}

}  // namespace

void register_user(CLI::App& app, Context& ctx) {
    CLI::App* user = app.add_subcommand(
        "user", tr("gère les comptes de l'application web (ajout, mot de passe, rôle)",
                   "manage the web application's accounts (add, password, role)"));
    user->require_subcommand(1);

    struct Options {
        std::string name, role, full_name;
        bool password_stdin = false;
    };
    auto o = std::make_shared<Options>();
    const std::string name_help = tr("identifiant : 2 à 32 caractères a-z 0-9 . _ -",
                                     "login: 2 to 32 characters a-z 0-9 . _ -");
    const std::string stdin_help = tr("lit le mot de passe sur une ligne de l'entrée standard",
                                      "read the password from one line of standard input");

    CLI::App* add = user->add_subcommand("add", tr("ajoute un utilisateur", "add a user"));
    add->add_option("name", o->name, name_help)->required();
    add->add_option("--role", o->role,
                    tr("admin, archiviste, secrétaire ou auditeur",
                       "admin, archivist, secretary or auditor"))
        ->required()
        ->type_name(tr("RÔLE", "ROLE"));
    add->add_option("--full-name", o->full_name, tr("nom et prénom", "full name"))
        ->type_name(tr("TEXTE", "TEXT"));
    add->add_flag("--password-stdin", o->password_stdin, stdin_help);
    add->callback([o, &ctx] {
        // Everything that can be refused is, before the password is asked.
        const accounts::Role role = role_option(o->role, "--role");
        const std::string name = accounts::normalize_user_name(o->name);
        accounts::normalize_full_name(o->full_name);
        accounts::UserStore store(ctx.archive());
        if (store.find(name))
            throw Error(ErrorCode::conflict,
                        tr("l'utilisateur existe déjà : ", "the user already exists: ") + name,
                        Place{"", 0, 0, "name"});
        Secret password;
        read_password(o->password_stdin, name, password);
        accounts::User u = store.add(name, o->full_name, role, password.text, acting_user());
        std::cout << tr("utilisateur ajouté : ", "user added: ") << u.name << " ("
                  << accounts::role_label(u.role) << ")\n";
    });

    CLI::App* passwd = user->add_subcommand(
        "passwd", tr("change le mot de passe d'un utilisateur", "change a user's password"));
    passwd->add_option("name", o->name, name_help)->required();
    passwd->add_flag("--password-stdin", o->password_stdin, stdin_help);
    passwd->callback([o, &ctx] {
        const std::string name = accounts::normalize_user_name(o->name);
        accounts::UserStore store(ctx.archive());
        if (!store.find(name))
            throw Error(ErrorCode::not_found, tr("utilisateur inconnu : ", "unknown user: ") + name,
                        Place{"", 0, 0, "name"});
        Secret password;
        read_password(o->password_stdin, name, password);
        store.set_password(name, password.text, acting_user());
        std::cout << tr("mot de passe changé : ", "password changed: ") << name << "\n";
    });

    for (bool disable : {true, false}) {
        CLI::App* sub =
            disable
                ? user->add_subcommand("disable", tr("désactive un utilisateur (il ne peut plus "
                                                     "se connecter ; rien n'est effacé)",
                                                     "disable a user (who can no longer sign "
                                                     "in; nothing is deleted)"))
                : user->add_subcommand("enable", tr("réactive un utilisateur désactivé",
                                                    "enable a disabled user again"));
        sub->add_option("name", o->name, name_help)->required();
        sub->callback([o, &ctx, disable] {
            accounts::UserStore store(ctx.archive());
            const std::string name = accounts::normalize_user_name(o->name);
            bool changed = store.set_disabled(name, disable, acting_user());
            if (disable)
                std::cout << (changed ? tr("utilisateur désactivé : ", "user disabled: ")
                                      : tr("déjà désactivé : ", "already disabled: "))
                          << name << "\n";
            else
                std::cout << (changed ? tr("utilisateur réactivé : ", "user enabled: ")
                                      : tr("déjà actif : ", "already active: "))
                          << name << "\n";
        });
    }

    CLI::App* role =
        user->add_subcommand("role", tr("change le rôle d'un utilisateur", "change a user's role"));
    role->add_option("name", o->name, name_help)->required();
    role->add_option("role", o->role,
                     tr("admin, archiviste, secrétaire ou auditeur",
                        "admin, archivist, secretary or auditor"))
        ->required();
    role->callback([o, &ctx] {
        const accounts::Role r = role_option(o->role, "role");
        accounts::UserStore store(ctx.archive());
        const std::string name = accounts::normalize_user_name(o->name);
        bool changed = store.set_role(name, r, acting_user());
        std::cout << (changed ? tr("nouveau rôle de ", "new role of ")
                              : tr("rôle inchangé de ", "role unchanged for "))
                  << name << tr(" : ", ": ") << accounts::role_label(r) << "\n";
    });

    CLI::App* list = user->add_subcommand("list", tr("liste les utilisateurs", "list the users"));
    list->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    list->callback([&ctx] {
        accounts::UserStore store(ctx.archive());
        auto users = store.list();
        if (!ctx.json) return print_users(users);
        nlohmann::json j = nlohmann::json::array();
        for (const auto& u : users) j.push_back(user_json(u));
        print_json(j);
    });

    CLI::App* roles = user->add_subcommand(
        "roles", tr("affiche ce que chaque rôle permet", "show what each role allows"));
    roles->add_flag("--json", ctx.json, tr("résultat en JSON", "output as JSON"));
    roles->callback([&ctx] {
        if (!ctx.json) return print_roles();
        nlohmann::json j = nlohmann::json::array();
        for (const auto& row : accounts::permission_table()) {
            nlohmann::json allowed = nlohmann::json::object();
            for (std::size_t i = 0; i < accounts::k_roles.size(); ++i)
                allowed[std::string(accounts::role_name(accounts::k_roles[i]))] = row.allowed[i];
            j.push_back({{"permission", std::string(row.name)},
                         {"label", tr(row.label_fr, row.label_en)},
                         {"roles", allowed}});
        }
        print_json(j);
    });
}

}  // namespace ububiko::cli
