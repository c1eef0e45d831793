#include "web/server.hpp"

#include <sys/socket.h>

#include <csignal>
#include <atomic>
#include <cstdio>
#include <charconv>
#include <condition_variable>
#include <thread>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "archive/writer.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "web/web_internal.hpp"

namespace ububiko::web {
namespace detail {

App::App(archive::Archive a, ServeOptions o)
    : archive(std::move(a)), options(std::move(o)), m_users(archive) {}

std::optional<accounts::User> App::current_user(const std::string& name) {
    std::lock_guard lock(m_users_mutex);
    if (m_users.changed_since_load()) m_users.reload();
    auto u = m_users.find(name);
    if (!u || u->disabled) return std::nullopt;
    return u;
}

std::optional<accounts::User> App::authenticate(const std::string& name, const std::string& password) {
    // Verifying a password costs tens of milliseconds of memory-hard hashing; the store
    // is only locked to read it.
    {
        std::lock_guard lock(m_users_mutex);
        if (m_users.changed_since_load()) m_users.reload();
    }
    return m_users.authenticate(name, password);
}

std::vector<accounts::User> App::list_users() {
    std::lock_guard lock(m_users_mutex);
    if (m_users.changed_since_load()) m_users.reload();
    return m_users.list();
}

App::SearcherLease App::searcher() {
    std::unique_ptr<index::Searcher> s;
    {
        std::unique_lock lock(m_searchers_mutex);
        m_searcher_free.wait(lock, [this] { return !m_idle_searchers.empty() || m_open_searchers < k_max_searchers; });
        if (!m_idle_searchers.empty()) {
            s = std::move(m_idle_searchers.back());
            m_idle_searchers.pop_back();
        } else {
            ++m_open_searchers;
        }
    }
    try {
        if (s) s->refresh();
        else s = std::make_unique<index::Searcher>(archive.root());
    } catch (...) {
        std::lock_guard lock(m_searchers_mutex);
        --m_open_searchers;
        m_searcher_free.notify_one();
        throw;
    }
    return SearcherLease(s.release(), SearcherReturn{this});
}

void App::SearcherReturn::operator()(index::Searcher* s) const {
    std::lock_guard lock(app->m_searchers_mutex);
    app->m_idle_searchers.emplace_back(s);
    app->m_searcher_free.notify_one();
}

plan::Access Ctx::max_access() const {
    return user ? accounts::max_access(user->role) : plan::Access::public_;
}

bool Ctx::may_see(const std::string& access) const {
    auto level = plan::parse_access(access).value_or(plan::Access::confidential);
    return plan::rank(level) <= plan::rank(max_access());
}

std::vector<index::Summary> visible_queue(const Ctx& ctx) {
    std::vector<index::Summary> out;
    for (auto& s : service::queue(ctx.app.archive))
        if (ctx.may_see(s.access)) out.push_back(std::move(s));
    return out;
}

std::string pdf_made_in_tmp(const App& app, const std::function<void(const std::string& path)>& make) {
    const std::string path = archive::work_dir(app.archive) + "/pdf-" + random_token().substr(0, 16) + ".pdf";
    struct Remove {
        std::string path;
        ~Remove() { std::remove(path.c_str()); }
    } remove{path};
    make(path);
    return read_file(path);
}

std::string Ctx::param(const std::string& name) const {
    if (req.has_param(name)) return req.get_param_value(name);
    auto it = req.files.find(name);
    if (it != req.files.end() && it->second.filename.empty()) return it->second.content;
    return {};
}

std::vector<std::pair<std::string, std::string>> menu_for(const Ctx& ctx) {
    using P = accounts::Permission;
    std::vector<std::pair<std::string, std::string>> m;
    if (!ctx.user) return m;
    m.push_back({"search", tr("Rechercher", "Search")});
    if (ctx.allows(P::file)) m.push_back({"intake", tr("Enregistrer", "File documents")});
    if (ctx.allows(P::file) || ctx.allows(P::classify)) m.push_back({"queue", tr("À classer", "To classify")});
    m.push_back({"plan", tr("Plan de classement", "Classification plan")});
    if (ctx.allows(P::audit)) m.push_back({"audit", tr("Audit", "Audit")});
    if (ctx.allows(P::dispose)) m.push_back({"disposition", tr("Sort final", "Disposition")});
    if (ctx.allows(P::manage_users)) m.push_back({"users", tr("Comptes", "Accounts")});
    return m;
}

Frame Ctx::frame(const std::string& title, const std::string& active) const {
    Frame f;
    f.title = title;
    if (user) {
        f.user = user->name;
        f.user_label = (user->full_name.empty() ? user->name : user->full_name) + " (" + accounts::role_label(user->role) + ")";
    }
    f.csrf = session.csrf;
    f.path = req.target.empty() ? req.path : req.target;
    f.active = active;
    f.menu = menu_for(*this);
    f.commune = app.archive.config().name;
    return f;
}

void Ctx::html(const std::string& title, const std::string& active, const std::string& body, int status) {
    res.status = status;
    // Scripts from this server only (the embedded app.js), never inline; styles may be
    // inline (score bars); frames of this server only (the PDF viewer).
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                   "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'");
    res.set_content(page(frame(title, active), body), "text/html; charset=utf-8");
}

void Ctx::json(const nlohmann::json& j, int status) {
    res.status = status;
    // Compact: scripts read it, and a page of results is a third smaller.
    res.set_content(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", "application/json; charset=utf-8");
}

void Ctx::redirect(const std::string& url) {
    res.status = 303;
    res.set_header("Location", url);
}

namespace {

constexpr const char* k_session_cookie = "ububiko_session";
constexpr const char* k_lang_cookie = "ububiko_lang";

std::string cookie_value(const httplib::Request& req, const std::string& name) {
    for (std::size_t i = 0, n = req.get_header_value_count("Cookie"); i < n; ++i) {
        std::string all = req.get_header_value("Cookie", i);
        std::size_t pos = 0;
        while (pos < all.size()) {
            std::size_t end = all.find(';', pos);
            if (end == std::string::npos) end = all.size();
            std::string_view part = trim(std::string_view(all).substr(pos, end - pos));
            if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
                return std::string(part.substr(name.size() + 1));
            pos = end + 1;
        }
    }
    return {};
}

void set_session_cookie(httplib::Response& res, const std::string& token) {
    res.set_header("Set-Cookie", std::string(k_session_cookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
}

int http_status(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_input: return 400;
        case ErrorCode::not_found: return 404;
        case ErrorCode::conflict: return 409;
        case ErrorCode::busy: return 503;
        case ErrorCode::unsupported: return 415;
        default: return 500;
    }
}

void error_response(Ctx& ctx, Kind kind, int status, const std::string& code, const std::string& message) {
    if (kind == Kind::api) {
        ctx.json({{"error", {{"code", code}, {"message", message}}}}, status);
        return;
    }
    std::string title = status == 404 ? tr("Introuvable", "Not found")
                        : status == 403 ? tr("Non autorisé", "Not allowed")
                                        : tr("Erreur", "Error");
    ctx.html(title, "", "<h1>" + esc(title) + "</h1><div class=\"notice error\" role=\"alert\">" + esc(message) +
                            "</div><p><a href=\"/search\">" + tr("Retour à la recherche", "Back to search") + "</a></p>",
             status);
}

// Where a request's language comes from: the cookie the switch sets, else French.
void choose_language(const httplib::Request& req) {
    std::string lang = cookie_value(req, k_lang_cookie);
    set_language(lang == "en" ? Language::en : Language::fr);
}

// The CSRF token of a form (field "csrf") or of an API call (header X-CSRF-Token).
bool csrf_ok(const Ctx& ctx) {
    std::string given = ctx.req.get_header_value("X-CSRF-Token");
    if (given.empty()) given = ctx.param("csrf");
    if (given.size() != ctx.session.csrf.size() || given.empty()) return false;
    unsigned diff = 0;
    for (std::size_t i = 0; i < given.size(); ++i) diff |= static_cast<unsigned>(given[i] ^ ctx.session.csrf[i]);
    return diff == 0;
}

}  // namespace

void add_route(App& app, httplib::Server& server, const std::string& method, const std::string& pattern,
               RouteSpec spec, Handler handler) {
    auto wrapped = [&app, spec, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
        choose_language(req);
        Ctx ctx{app, req, res, {}, std::nullopt};
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Referrer-Policy", "same-origin");
        res.set_header("Cache-Control", "no-store");
        try {
            std::string token = cookie_value(req, k_session_cookie);
            if (auto s = app.sessions.find(token)) {
                ctx.session = *s;
                if (!s->user.empty()) {
                    ctx.user = app.current_user(s->user);
                    if (!ctx.user) app.sessions.remove(token);  // disabled or removed meanwhile
                }
            }
            if (!spec.public_route && !ctx.user) {
                if (spec.kind == Kind::api) {
                    error_response(ctx, spec.kind, 401, "unauthenticated", tr("connexion nécessaire", "login required"));
                } else if (req.method == "GET") {
                    ctx.redirect("/login" + query_string({{"next", req.target}}));
                } else {
                    ctx.redirect("/login");
                }
                return;
            }
            if (spec.changes && !csrf_ok(ctx)) {
                error_response(ctx, spec.kind, 403, "csrf",
                               tr("jeton de sécurité (CSRF) absent ou invalide : rechargez la page et recommencez",
                                  "security (CSRF) token missing or invalid: reload the page and try again"));
                return;
            }
            if (spec.need && !ctx.allows(*spec.need)) {
                error_response(ctx, spec.kind, 403, "forbidden",
                               tr("votre rôle ne permet pas cette action", "your role does not allow this"));
                return;
            }
            handler(ctx);
        } catch (const Error& e) {
            error_response(ctx, spec.kind, http_status(e.code()), code_name(e.code()), e.what());
        } catch (const std::exception& e) {
            error_response(ctx, spec.kind, 500, "internal", tr("erreur interne : ", "internal error: ") + std::string(e.what()));
        }
    };
    if (method == "GET") server.Get(pattern, wrapped);
    else if (method == "POST") server.Post(pattern, wrapped);
    else throw Error(ErrorCode::internal, "unsupported method " + method);
}

// ---- Log in, log out, language, static files ----

namespace {

// Only local paths are followed after logging in or switching language.
std::string safe_next(const std::string& next) {
    if (next.empty() || next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\'))) return "/search";
    return next;
}

void login_page(Ctx& ctx, const std::string& message, int status) {
    // A session without a user carries the login form's CSRF token.
    if (ctx.session.token.empty() || !ctx.session.user.empty()) {
        ctx.session = ctx.app.sessions.create("");
        set_session_cookie(ctx.res, ctx.session.token);
    }
    std::string next = safe_next(ctx.param("next"));
    std::string b = "<div class=\"card login\"><h1>" + tr("Connexion", "Log in") + "</h1>";
    if (!message.empty()) b += "<div class=\"notice error\" role=\"alert\">" + esc(message) + "</div>";
    b += "<form method=\"post\" action=\"/login\">" + csrf_field(ctx.session.csrf) +
         "<input type=\"hidden\" name=\"next\" value=\"" + esc(next) + "\">" +
         "<label for=\"username\">" + tr("Nom d'utilisateur", "User name") + "</label>" +
         "<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus value=\"" +
         esc(ctx.param("username")) + "\">" + "<label for=\"password\">" + tr("Mot de passe", "Password") + "</label>" +
         "<input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>" +
         "<p><button type=\"submit\" id=\"login\">" + tr("Se connecter", "Log in") + "</button></p></form></div>";
    ctx.html(tr("Connexion", "Log in"), "", b, status);
}

}  // namespace

// Signs in: the throttle first (after five failures for a name or an address, each
// further try waits longer), then the password; a new session replaces the anonymous one.
// Returns the message for people when refused.
std::optional<std::string> sign_in(Ctx& ctx, const std::string& name, const std::string& password) {
    auto wait = ctx.app.throttle.delay_for(name, ctx.req.remote_addr);
    if (wait.count() > 0)
        return tr("trop d'essais manqués : réessayez dans ", "too many failed attempts: try again in ") +
               std::to_string(wait.count()) + " s";
    auto user = ctx.app.authenticate(name, password);
    if (!user) {
        ctx.app.throttle.record_failure(name, ctx.req.remote_addr);
        return tr("nom d'utilisateur ou mot de passe incorrect", "wrong user name or password");
    }
    ctx.app.throttle.record_success(name, ctx.req.remote_addr);
    if (!ctx.session.token.empty()) ctx.app.sessions.remove(ctx.session.token);
    ctx.session = ctx.app.sessions.create(user->name);
    ctx.user = user;
    set_session_cookie(ctx.res, ctx.session.token);
    return std::nullopt;
}

void add_auth_routes(App& app, httplib::Server& server) {
    RouteSpec open{Kind::page, std::nullopt, false, true};
    add_route(app, server, "GET", "/login", open, [](Ctx& ctx) {
        if (ctx.user) return ctx.redirect(safe_next(ctx.param("next")));
        login_page(ctx, "", 200);
    });
    RouteSpec login_post{Kind::page, std::nullopt, true, true};
    add_route(app, server, "POST", "/login", login_post, [](Ctx& ctx) {
        if (auto refused = sign_in(ctx, ctx.param("username"), ctx.param("password"))) return login_page(ctx, *refused, 401);
        ctx.redirect(safe_next(ctx.param("next")));
    });
    RouteSpec logout{Kind::page, std::nullopt, true, false};
    add_route(app, server, "POST", "/logout", logout, [](Ctx& ctx) {
        ctx.app.sessions.remove(ctx.session.token);
        ctx.res.set_header("Set-Cookie", std::string(k_session_cookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        ctx.redirect("/login");
    });
    add_route(app, server, "GET", "/lang", open, [](Ctx& ctx) {
        std::string to = ctx.param("to") == "en" ? "en" : "fr";
        ctx.res.set_header("Set-Cookie", std::string(k_lang_cookie) + "=" + to + "; Path=/; SameSite=Strict; Max-Age=31536000");
        ctx.redirect(safe_next(ctx.param("back")));
    });
    add_route(app, server, "GET", "/", {}, [](Ctx& ctx) { ctx.redirect("/search"); });
    auto asset = [&app, &server](const std::string& path, const std::string& type, const std::string& (*content)()) {
        add_route(app, server, "GET", path, RouteSpec{Kind::page, std::nullopt, false, true}, [type, content](Ctx& ctx) {
            ctx.res.set_content(content(), type);
            ctx.res.set_header("Cache-Control", "max-age=3600");
        });
    };
    asset("/static/style.css", "text/css; charset=utf-8", &stylesheet);
    asset("/static/app.js", "text/javascript; charset=utf-8", &script);
}

}  // namespace detail

// ---- The server ----

namespace {
std::mutex g_server_mutex;
httplib::Server* g_server = nullptr;
std::atomic<bool> g_stop_requested{false};

void on_signal(int) { g_stop_requested = true; }
}  // namespace

void stop_serving() {
    g_stop_requested = true;
    std::lock_guard lock(g_server_mutex);
    if (g_server) g_server->stop();
}

void parse_listen(const std::string& text, std::string& host, int& port) {
    std::string h = "127.0.0.1", p = text;
    if (auto colon = text.rfind(':'); colon != std::string::npos) {
        h = text.substr(0, colon);
        p = text.substr(colon + 1);
        if (h.empty()) h = "0.0.0.0";
        if (h.size() > 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
    }
    int value = -1;
    auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), value);
    if (ec != std::errc() || ptr != p.data() + p.size() || value < 0 || value > 65535 || p.empty())
        throw Error(ErrorCode::invalid_input,
                    tr("--listen : port invalide « ", "--listen: invalid port '") + p + tr(" » (attendu : HÔTE:PORT, par exemple 127.0.0.1:8080)", "' (expected HOST:PORT, e.g. 127.0.0.1:8080)"));
    host = h;
    port = value;
}

void serve(const ServeOptions& options) {
    detail::App app(archive::Archive::open(options.archive_dir), options);
    httplib::Server server;
    server.set_payload_max_length(options.max_upload_bytes);
    // httplib gives each keep-alive connection a thread for as long as it lasts: enough
    // threads for the browsers of a commune's office and a few scripts (searches
    // themselves share a few index handles, App::searcher).
    server.new_task_queue = [] { return new httplib::ThreadPool(64); };
    server.set_keep_alive_max_count(1000);
    // Headers and body go in two writes: without TCP_NODELAY the body of a kept-alive
    // connection waits for the client's delayed acknowledgement (~40 ms a request,
    // measured by tools/bench/web).
    server.set_tcp_nodelay(true);
    // SO_REUSEADDR only: httplib's default also sets SO_REUSEPORT, with which a second
    // server started on the same port would silently share it instead of being refused.
    server.set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes), sizeof yes);
    });
    server.set_read_timeout(30);
    server.set_write_timeout(60);
    detail::add_auth_routes(app, server);
    detail::add_search_routes(app, server);
    detail::add_record_routes(app, server);
    detail::add_intake_routes(app, server);
    detail::add_list_routes(app, server);
    detail::add_api_routes(app, server);
    detail::add_user_routes(app, server);
    server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        // Statuses set by httplib itself (no route, request too large) get a body too.
        if (!res.body.empty()) return;
        detail::choose_language(req);
        std::string msg = res.status == 413 ? tr("fichier trop volumineux : la limite de dépôt est dépassée",
                                                 "file too large: the upload limit is exceeded")
                          : res.status == 404 ? tr("page introuvable", "page not found")
                                              : tr("requête refusée", "request refused");
        if (req.path.rfind("/api/", 0) == 0) {
            nlohmann::json j = {{"error", {{"code", res.status == 413 ? "too-large" : res.status == 404 ? "not-found" : "bad-request"}, {"message", msg}}}};
            res.set_content(j.dump() + "\n", "application/json; charset=utf-8");
        } else {
            res.set_content("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + std::to_string(res.status) +
                                "</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head><body><main><h1>" +
                                std::to_string(res.status) + "</h1><div class=\"notice error\">" + esc(msg) +
                                "</div><p><a href=\"/search\">ububiko</a></p></main></body></html>",
                            "text/html; charset=utf-8");
        }
    });
    int port = options.port == 0 ? server.bind_to_any_port(options.host)
                                 : (server.bind_to_port(options.host, options.port) ? options.port : -1);
    if (port < 0)
        throw Error(ErrorCode::io, tr("impossible d'écouter sur ", "cannot listen on ") + options.host + ":" +
                                       std::to_string(options.port) +
                                       tr(" (adresse occupée ou interdite)", " (address in use or not allowed)"));
    {
        std::lock_guard lock(g_server_mutex);
        g_server = &server;
    }
    g_stop_requested = false;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    // Signals only set a flag; this thread turns it into a stop.
    std::thread watcher([&server] {
        while (!g_stop_requested) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        server.stop();
    });
    if (options.on_listening) options.on_listening("http://" + options.host + ":" + std::to_string(port));
    server.listen_after_bind();
    g_stop_requested = true;
    watcher.join();
    std::lock_guard lock(g_server_mutex);
    g_server = nullptr;
}

}  // namespace ububiko::web
