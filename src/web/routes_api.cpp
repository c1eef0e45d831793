// The JSON API (docs/api.md): the same data and the same access rules as the pages. A
// script logs in with POST /api/login, keeps the session cookie, and sends the CSRF token
// it got back in the X-CSRF-Token header of every POST.
#include <filesystem>

#include "audit/audit.hpp"
#include "classify/suggest.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "service/filing.hpp"
#include "web/web_internal.hpp"

namespace ububiko::web::detail {

void file_uploads(Ctx& ctx, const service::Metadata& defaults, const std::function<void(const service::FileOutcome&)>& each);
std::optional<std::string> sign_in(Ctx& ctx, const std::string& name, const std::string& password);
service::Metadata metadata_from_form(const Ctx& ctx);

namespace {

nlohmann::json user_json(const accounts::User& u) {
    nlohmann::json permissions = nlohmann::json::array();
    for (const auto& row : accounts::permission_table())
        if (accounts::allows(u.role, row.permission)) permissions.push_back(std::string(row.name));
    return {{"name", u.name}, {"full_name", u.full_name}, {"role", std::string(accounts::role_name(u.role))}, {"permissions", permissions}};
}

// A JSON body, or the fields of a form: the API takes both.
std::string body_field(const Ctx& ctx, const nlohmann::json& body, const std::string& name) {
    if (body.is_object() && body.contains(name) && body[name].is_string()) return body[name].get<std::string>();
    return ctx.param(name);
}

nlohmann::json parse_body(const Ctx& ctx) {
    if (ctx.req.get_header_value("Content-Type").rfind("application/json", 0) != 0) return nlohmann::json::object();
    auto j = nlohmann::json::parse(ctx.req.body, nullptr, false);
    if (j.is_discarded()) throw Error(ErrorCode::invalid_input, tr("corps JSON invalide", "invalid JSON body"));
    return j;
}

std::size_t size_param(const Ctx& ctx, const std::string& name, std::size_t fallback, std::size_t max) {
    std::string v = ctx.param(name);
    if (v.empty()) return fallback;
    try {
        long n = std::stol(v);
        if (n < 0) throw std::out_of_range("negative");
        return std::min<std::size_t>(static_cast<std::size_t>(n), max);
    } catch (...) {
        throw Error(ErrorCode::invalid_input, tr("paramètre invalide : ", "invalid parameter: ") + name + "=" + v);
    }
}

const char* status_name(service::FileOutcome::Status s) {
    using S = service::FileOutcome::Status;
    switch (s) {
        case S::filed: return "filed";
        case S::queued: return "queued";
        case S::duplicate: return "duplicate";
        case S::failed: return "failed";
        default: return "not-started";
    }
}

}  // namespace

void add_api_routes(App& app, httplib::Server& server) {
    using P = accounts::Permission;
    // Logging in needs no CSRF token: there is no session yet to protect, and the
    // password is the proof. The throttle applies as on the page.
    add_route(app, server, "POST", "/api/login", {Kind::api, std::nullopt, false, true}, [](Ctx& ctx) {
        // JSON only: a form on another site cannot send it without the browser asking
        // first (CORS), so nobody can sign a visitor in under an account of theirs.
        if (ctx.req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
            throw Error(ErrorCode::invalid_input, tr("POST /api/login attend du JSON (Content-Type: application/json)",
                                                     "POST /api/login expects JSON (Content-Type: application/json)"));
        nlohmann::json body = parse_body(ctx);
        if (auto refused = sign_in(ctx, body_field(ctx, body, "username"), body_field(ctx, body, "password")))
            return ctx.json({{"error", {{"code", "unauthenticated"}, {"message", *refused}}}}, 401);
        nlohmann::json j = user_json(*ctx.user);
        j["csrf"] = ctx.session.csrf;
        ctx.json(j);
    });
    add_route(app, server, "POST", "/api/logout", {Kind::api, std::nullopt, true}, [](Ctx& ctx) {
        ctx.app.sessions.remove(ctx.session.token);
        ctx.json({{"ok", true}});
    });
    add_route(app, server, "GET", "/api/me", {Kind::api}, [](Ctx& ctx) {
        nlohmann::json j = user_json(*ctx.user);
        j["csrf"] = ctx.session.csrf;
        ctx.json(j);
    });
    add_route(app, server, "GET", "/api/search", {Kind::api, P::search}, [](Ctx& ctx) {
        index::SearchRequest req;
        req.query = ctx.param("q");
        req.limit = size_param(ctx, "limit", 10, 100);
        req.offset = size_param(ctx, "offset", 0, 100000);
        std::string sort = ctx.param("sort");
        if (!sort.empty() && sort != "relevance" && sort != "date")
            throw Error(ErrorCode::invalid_input, tr("tri inconnu : ", "unknown sort: ") + sort + " (relevance, date)");
        req.sort = sort == "date" ? index::Sort::date : index::Sort::relevance;
        req.facets = ctx.param("facets") == "1" || ctx.param("facets") == "true";
        req.max_access = ctx.max_access();
        req.plan = &ctx.app.archive.plan();
        index::SearchResult r = ctx.app.searcher()->search(req);
        ctx.json(index::to_json(req, r, ctx.app.archive.config().code));
    });
    add_route(app, server, "GET", R"(/api/record/(\d{4}-\d{6}))", {Kind::api, P::search}, [](Ctx& ctx) {
        auto view = visible_record(ctx, ctx.req.matches[1]);
        nlohmann::json j = archive::to_json(view.record);
        j["qualified_id"] = ctx.app.archive.qualified_id(view.record.id);
        j["history"] = view.history;
        std::string base = "/record/" + view.record.id;
        j["links"] = {{"page", base}, {"original", base + "/original"}};
        if (view.record.file_with_role("searchable")) j["links"]["searchable"] = base + "/searchable";
        ctx.json(j);
    });
    add_route(app, server, "GET", R"(/api/suggest/(\d{4}-\d{6}))", {Kind::api, P::search}, [](Ctx& ctx) {
        auto view = visible_record(ctx, ctx.req.matches[1]);
        classify::Suggester suggester(ctx.app.archive);
        nlohmann::json list = nlohmann::json::array();
        for (const auto& s : suggester.suggest(classify::record_document(view.record, view.dir), size_param(ctx, "limit", 5, 20)))
            list.push_back({{"code", s.code}, {"title", code_label(ctx.app.archive, s.code)}, {"confidence", s.confidence}, {"reasons", s.reasons}});
        ctx.json({{"id", view.record.id}, {"suggestions", list}});
    });
    add_route(app, server, "POST", "/api/file", {Kind::api, P::file, true}, [](Ctx& ctx) {
        service::Metadata defaults = metadata_from_form(ctx);
        defaults.code = ctx.param("code");
        nlohmann::json outcomes = nlohmann::json::array();
        file_uploads(ctx, defaults, [&](const service::FileOutcome& o) {
            nlohmann::json j = {{"name", std::filesystem::path(o.path).filename().string()}, {"status", status_name(o.status)}};
            if (!o.id.empty()) {
                j["id"] = o.id;
                j["qualified_id"] = ctx.app.archive.qualified_id(o.id);
            }
            if (!o.message.empty()) j["message"] = o.message;
            if (o.status == service::FileOutcome::Status::filed) j["code"] = o.record.code;
            if (!o.suggested_code.empty()) {
                j["suggested_code"] = o.suggested_code;
                j["suggested_confidence"] = o.suggested_confidence;
            }
            if (!o.warnings.empty()) j["warnings"] = o.warnings;
            if (!o.proposed.empty()) j["proposed"] = o.proposed;
            outcomes.push_back(j);
        });
        ctx.json({{"outcomes", outcomes}});
    });
    add_route(app, server, "GET", "/api/audit", {Kind::api, P::audit}, [](Ctx& ctx) {
        audit::Options options;
        options.suggestions = ctx.param("full") == "1";
        options.may_see = [&ctx](const std::string& access) { return ctx.may_see(access); };
        ctx.json(audit::to_json({audit::run(ctx.app.archive, options)}));
    });
    add_route(app, server, "GET", "/api/queue", {Kind::api, P::search}, [](Ctx& ctx) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& s : visible_queue(ctx)) list.push_back(index::to_json(s));
        ctx.json({{"queue", list}});
    });
    add_route(app, server, "GET", "/api/.*", {Kind::api}, [](Ctx& ctx) {
        ctx.json({{"error", {{"code", "not-found"}, {"message", tr("point d'accès inconnu", "unknown endpoint")}}}}, 404);
    });
}

}  // namespace ububiko::web::detail
