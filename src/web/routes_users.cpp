// The administrator's page of accounts: who may sign in, with which role; add a user,
// set a password, change a role, disable or re-enable (nothing is ever deleted). The
// same changes as `ububiko user`, journaled with the administrator's name.
#include "core/i18n.hpp"
#include "web/web_internal.hpp"

namespace ububiko::web::detail {
namespace {

std::string role_options(accounts::Role selected) {
    std::string h;
    for (accounts::Role r : accounts::k_roles)
        h += "<option value=\"" + std::string(accounts::role_name(r)) + "\"" + (r == selected ? " selected" : "") + ">" +
             esc(accounts::role_label(r)) + "</option>";
    return h;
}

accounts::Role role_param(const Ctx& ctx) {
    auto role = accounts::parse_role(ctx.param("role"));
    if (!role) throw Error(ErrorCode::invalid_input, tr("rôle inconnu : ", "unknown role: ") + ctx.param("role"));
    return *role;
}

}  // namespace

void add_user_routes(App& app, httplib::Server& server) {
    using P = accounts::Permission;
    add_route(app, server, "GET", "/users", {Kind::page, P::manage_users}, [](Ctx& ctx) {
        std::string b = "<h1>" + tr("Comptes", "Accounts") + "</h1>";
        std::string done = ctx.param("done");
        if (!done.empty()) b += "<div class=\"notice ok\" role=\"status\">" + tr("Fait : ", "Done: ") + esc(done) + "</div>";
        b += "<table><thead><tr><th>" + tr("Nom", "Name") + "</th><th>" + tr("Nom complet", "Full name") + "</th><th>" + tr("Rôle", "Role") +
             "</th><th>" + tr("État", "State") + "</th><th>" + tr("Mot de passe", "Password") + "</th></tr></thead><tbody>";
        for (const accounts::User& u : ctx.app.list_users()) {
            std::string n = esc(u.name);
            b += "<tr><td>" + n + "</td><td>" + esc(u.full_name) + "</td><td><form method=\"post\" action=\"/users/role\" class=\"inline\">" +
                 csrf_field(ctx.session.csrf) + "<input type=\"hidden\" name=\"name\" value=\"" + n + "\"><label class=\"visually-hidden\" for=\"role-" + n + "\">" +
                 tr("Rôle", "Role") + "</label><select id=\"role-" + n + "\" name=\"role\">" + role_options(u.role) + "</select> <button type=\"submit\" class=\"secondary\">" +
                 tr("Changer", "Change") + "</button></form></td><td><form method=\"post\" action=\"/users/" + std::string(u.disabled ? "enable" : "disable") +
                 "\" class=\"inline\">" + csrf_field(ctx.session.csrf) + "<input type=\"hidden\" name=\"name\" value=\"" + n + "\">" +
                 (u.disabled ? tr("désactivé", "disabled") : tr("actif", "active")) + " <button type=\"submit\" class=\"secondary\">" +
                 (u.disabled ? tr("Réactiver", "Enable") : tr("Désactiver", "Disable")) + "</button></form></td><td><form method=\"post\" action=\"/users/passwd\" class=\"inline\">" +
                 csrf_field(ctx.session.csrf) + "<input type=\"hidden\" name=\"name\" value=\"" + n + "\"><label class=\"visually-hidden\" for=\"pw-" + n + "\">" +
                 tr("Nouveau mot de passe", "New password") + "</label><input type=\"password\" id=\"pw-" + n + "\" name=\"password\" autocomplete=\"new-password\" minlength=\"8\" required> <button type=\"submit\" class=\"secondary\">" +
                 tr("Changer", "Change") + "</button></form></td></tr>";
        }
        b += "</tbody></table>";
        b += "<h2>" + tr("Ajouter un compte", "Add an account") + "</h2><form class=\"card\" method=\"post\" action=\"/users/add\">" + csrf_field(ctx.session.csrf) +
             "<div class=\"grid2\"><div><label for=\"new-name\">" + tr("Nom d'utilisateur (a-z, 0-9, . _ -)", "User name (a-z, 0-9, . _ -)") +
             "</label><input type=\"text\" id=\"new-name\" name=\"name\" required></div><div><label for=\"new-full\">" + tr("Nom complet", "Full name") +
             "</label><input type=\"text\" id=\"new-full\" name=\"full_name\"></div><div><label for=\"new-role\">" + tr("Rôle", "Role") +
             "</label><select id=\"new-role\" name=\"role\">" + role_options(accounts::Role::secretary) + "</select></div><div><label for=\"new-password\">" +
             tr("Mot de passe (8 caractères au moins)", "Password (at least 8 characters)") +
             "</label><input type=\"password\" id=\"new-password\" name=\"password\" autocomplete=\"new-password\" minlength=\"8\" required></div></div>"
             "<p><button type=\"submit\">" + tr("Ajouter", "Add") + "</button></p></form>";
        ctx.html(tr("Comptes", "Accounts"), "users", b);
    });
    RouteSpec change{Kind::page, P::manage_users, true};
    add_route(app, server, "POST", "/users/add", change, [](Ctx& ctx) {
        auto u = ctx.app.users().add(ctx.param("name"), ctx.param("full_name"), role_param(ctx), ctx.param("password"), ctx.actor());
        ctx.redirect("/users?done=" + url_encode(tr("compte ajouté ", "account added ") + u.name));
    });
    add_route(app, server, "POST", "/users/passwd", change, [](Ctx& ctx) {
        std::string name = ctx.param("name");
        ctx.app.users().set_password(name, ctx.param("password"), ctx.actor());
        // Whoever knew the old password is signed out (the administrator stays signed in).
        std::string who = accounts::normalize_user_name(name);
        if (who != ctx.actor()) ctx.app.sessions.remove_user(who);
        ctx.redirect("/users?done=" + url_encode(tr("mot de passe changé : ", "password changed: ") + name));
    });
    add_route(app, server, "POST", "/users/role", change, [](Ctx& ctx) {
        std::string name = ctx.param("name");
        ctx.app.users().set_role(name, role_param(ctx), ctx.actor());
        ctx.redirect("/users?done=" + url_encode(tr("rôle changé : ", "role changed: ") + name));
    });
    for (bool disable : {true, false}) {
        add_route(app, server, "POST", disable ? "/users/disable" : "/users/enable", change, [disable](Ctx& ctx) {
            std::string name = ctx.param("name");
            ctx.app.users().set_disabled(name, disable, ctx.actor());
            if (disable) ctx.app.sessions.remove_user(accounts::normalize_user_name(name));
            ctx.redirect("/users?done=" + url_encode((disable ? tr("compte désactivé : ", "account disabled: ") : tr("compte réactivé : ", "account enabled: ")) + name));
        });
    }
}

}  // namespace ububiko::web::detail
