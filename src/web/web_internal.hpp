// What the route files of the web application share: the application's state, the
// request context handed to every handler, and the wrapper that checks the session, the
// permission and the CSRF token before a handler runs and turns errors into pages.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "archive/archive.hpp"
#include "index/searcher.hpp"
#include "service/records.hpp"
#include "web/html.hpp"
#include "web/server.hpp"
#include "web/sessions.hpp"

namespace ububiko::web::detail {

struct App {
    App(archive::Archive a, ServeOptions o);

    archive::Archive archive;
    ServeOptions options;
    SessionStore sessions;
    accounts::LoginThrottle throttle;

    // The user as the store says now (users.json is re-read when the CLI changed it).
    std::optional<accounts::User> current_user(const std::string& name);
    std::optional<accounts::User> authenticate(const std::string& name, const std::string& password);
    std::vector<accounts::User> list_users();
    // The user store itself, for the administrator's changes (it locks users.json itself).
    accounts::UserStore& users() { return m_users; }

    // A searcher over the index, brought up to date with the last commit, lent until the
    // lease ends. At most k_max_searchers are open (file handles, memory); more concurrent
    // searches wait for one (there are two cores to run them anyway).
    struct SearcherReturn {
        App* app;
        void operator()(index::Searcher* s) const;
    };
    using SearcherLease = std::unique_ptr<index::Searcher, SearcherReturn>;
    SearcherLease searcher();
    static constexpr std::size_t k_max_searchers = 6;

private:
    std::mutex m_searchers_mutex;
    std::condition_variable m_searcher_free;
    std::vector<std::unique_ptr<index::Searcher>> m_idle_searchers;
    std::size_t m_open_searchers = 0;

    std::mutex m_users_mutex;
    accounts::UserStore m_users;
};

struct Ctx {
    App& app;
    const httplib::Request& req;
    httplib::Response& res;
    Session session;
    std::optional<accounts::User> user;

    bool allows(accounts::Permission p) const { return user && accounts::allows(user->role, p); }
    plan::Access max_access() const;
    // Whether a record at this access level ("public", "internal", "confidential"; unknown:
    // confidential) exists for the user.
    bool may_see(const std::string& access) const;
    // A query-string or form field (urlencoded or multipart); "" when absent.
    std::string param(const std::string& name) const;
    // The user name for the journal.
    std::string actor() const { return user ? user->name : std::string(); }

    Frame frame(const std::string& title, const std::string& active) const;
    void html(const std::string& title, const std::string& active, const std::string& body, int status = 200);
    void json(const nlohmann::json& j, int status = 200);
    void redirect(const std::string& url);  // 303 See Other
};

enum class Kind { page, api };
struct RouteSpec {
    Kind kind;
    std::optional<accounts::Permission> need;  // besides being signed in
    bool changes;                              // a state change: the CSRF token is required
    bool public_route;                         // no sign-in needed (login page, static files)
    RouteSpec(Kind k = Kind::page, std::optional<accounts::Permission> n = std::nullopt, bool c = false, bool p = false)
        : kind(k), need(n), changes(c), public_route(p) {}
};
using Handler = std::function<void(Ctx&)>;
void add_route(App& app, httplib::Server& server, const std::string& method, const std::string& pattern,
               RouteSpec spec, Handler handler);

void add_auth_routes(App& app, httplib::Server& server);
void add_search_routes(App& app, httplib::Server& server);
void add_record_routes(App& app, httplib::Server& server);
void add_intake_routes(App& app, httplib::Server& server);
void add_list_routes(App& app, httplib::Server& server);  // queue, plan, audit, disposition
void add_api_routes(App& app, httplib::Server& server);
void add_user_routes(App& app, httplib::Server& server);  // the administrator's page of accounts

// A record the user may see, or Error(not_found): a record above the user's access level
// does not exist for them. Views of confidential records are journaled.
service::RecordView visible_record(Ctx& ctx, const std::string& id);

// The queue as the user may see it (records above their level left out).
std::vector<index::Summary> visible_queue(const Ctx& ctx);

// The bytes of a PDF that `make` writes at the path it is given (in this process's tmp/
// folder, removed afterwards): stamped copies, slips.
std::string pdf_made_in_tmp(const App& app, const std::function<void(const std::string& path)>& make);

// "28/11/2026" (French) or "2026-11-28" (English) from "2026-11-28"; other text unchanged.
std::string show_date(const std::string& iso);
// "1.2.3 Title of the code" for people.
std::string code_label(const archive::Archive& archive, const std::string& code);
// Labels for people.
std::string access_label(const std::string& access);
std::string direction_label(const std::string& direction);
std::string type_label(const archive::Archive& archive, const std::string& type);
// The menu the user may use: {path, label}.
std::vector<std::pair<std::string, std::string>> menu_for(const Ctx& ctx);

}  // namespace ububiko::web::detail
