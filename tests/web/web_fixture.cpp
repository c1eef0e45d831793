#include "web/web_fixture.hpp"

#include <cstdlib>
#include <future>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "accounts/accounts.hpp"
#include "archive/archive.hpp"
#include "web/server.hpp"

namespace ububiko::test {
namespace {

std::string file_one(const WebServer& s, const std::string& name, const std::string& text, const std::string& code,
                     const std::string& title, const std::string& access) {
    std::string path = s.tmp.write("docs/" + name, text);
    RunResult r = s.run({"file", path, "--code", code, "--title", title, "--access", access, "--date", "2025-03-14", "--json"});
    if (r.status != 0) throw std::runtime_error("file failed: " + r.err);
    auto j = nlohmann::json::parse(r.out);
    return j.at("documents").at(0).at("id").get<std::string>();
}

}  // namespace

WebServer::WebServer() {
    ::setenv("UBUBIKO_EXTRACT_WORKER", UBUBIKO_EXTRACT_BIN, 1);
    ::setenv("UBUBIKO_PDF_PROGRAM", UBUBIKO_PDF_BIN, 1);
    ::setenv("UBUBIKO_TRAIN", "off", 1);
    RunResult r = run_ububiko({"init", root, "--plan", source("classification/commune-burundi.yaml"), "--name", "Commune de Bururi",
                               "--code", "BRR"});
    if (r.status != 0) throw std::runtime_error("init failed: " + r.err);
    public_id = file_one(*this, "budget.txt",
                         "Délibération du conseil communal portant adoption du budget communal de l'exercice 2025.\n"
                         "Le conseil communal, réuni en session ordinaire, adopte le budget.",
                         "1.1.3", "Délibération sur le budget communal 2025", "public");
    internal_id = file_one(*this, "marche.txt", "Procès-verbal d'ouverture des offres du marché de réhabilitation du marché central.",
                           "1.1.2", "Procès-verbal d'ouverture des offres", "internal");
    confidential_id = file_one(*this, "plainte.txt", "Plainte confidentielle contre un agent communal pour détournement de fonds.",
                               "1.1.2", "Plainte confidentielle détournement", "confidential");
    script_id = file_one(*this, "script.txt", "Note avec un titre piégé pour vérifier l'échappement.", "1.1.2",
                         "<script>alert('x')</script> note piégée", "internal");
    {
        RunResult pdf = run({"file", source("samples/PV session ordinaire 2023-03.pdf"), "--code", "1.1.2", "--access", "public", "--json"});
        if (pdf.status != 0) throw std::runtime_error("file failed: " + pdf.err);
        pdf_id = nlohmann::json::parse(pdf.out).at("documents").at(0).at("id").get<std::string>();
    }
    archive::Archive a = archive::Archive::open(root);
    accounts::UserStore users(a);
    users.add("admin", "Administrateur", accounts::Role::admin, k_password, "test");
    users.add("archiviste", "Jeanne Archiviste", accounts::Role::archivist, k_password, "test");
    users.add("secretaire", "Paul Secrétaire", accounts::Role::secretary, k_password, "test");
    users.add("auditeur", "Awa Auditrice", accounts::Role::auditor, k_password, "test");

    std::promise<int> listening;
    auto ready = listening.get_future();
    thread = std::thread([this, &listening] {
        web::ServeOptions o;
        o.archive_dir = root;
        o.port = 0;
        o.max_upload_bytes = k_test_upload_limit;
        o.on_listening = [&listening](const std::string& url) { listening.set_value(std::stoi(url.substr(url.rfind(':') + 1))); };
        try {
            web::serve(o);
        } catch (...) {
            try {
                listening.set_exception(std::current_exception());
            } catch (...) {
            }
        }
    });
    port = ready.get();
}

WebServer::~WebServer() {
    web::stop_serving();
    if (thread.joinable()) thread.join();
}

RunResult WebServer::run(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--archive", root});
    return run_ububiko(args, {{"UBUBIKO_TRAIN", "off"}});
}

WebServer& server() {
    static WebServer s;
    return s;
}

Browser::Browser() : client("127.0.0.1", server().port) {
    client.set_read_timeout(120);
}

httplib::Headers Browser::headers(const httplib::Headers& extra) const {
    httplib::Headers h = extra;
    std::string c = cookie;
    if (!lang_cookie.empty()) c += (c.empty() ? "" : "; ") + lang_cookie;
    if (!c.empty()) h.emplace("Cookie", c);
    return h;
}

void Browser::keep_cookies(const httplib::Result& r) {
    if (!r) return;
    for (std::size_t i = 0, n = r->get_header_value_count("Set-Cookie"); i < n; ++i) {
        std::string v = r->get_header_value("Set-Cookie", i);
        std::string pair = v.substr(0, v.find(';'));
        if (pair.rfind("ububiko_session=", 0) == 0) cookie = pair == "ububiko_session=" ? "" : pair;
        if (pair.rfind("ububiko_lang=", 0) == 0) lang_cookie = pair;
    }
}

httplib::Result Browser::get(const std::string& path) {
    auto r = client.Get(path, headers());
    keep_cookies(r);
    return r;
}

std::string Browser::csrf() {
    auto r = client.Get("/api/me", headers());
    if (!r || r->status != 200) return {};
    return nlohmann::json::parse(r->body).value("csrf", "");
}

httplib::Result Browser::post(const std::string& path, httplib::Params params, bool with_csrf) {
    if (with_csrf) params.emplace("csrf", csrf());
    auto r = client.Post(path, headers(), params);
    keep_cookies(r);
    return r;
}

httplib::Result Browser::post_files(const std::string& path, httplib::MultipartFormDataItems items, bool with_csrf) {
    if (with_csrf) items.push_back({"csrf", csrf(), "", ""});
    auto r = client.Post(path, headers(), items);
    keep_cookies(r);
    return r;
}

httplib::Result Browser::login(const std::string& user, const std::string& password) {
    auto page = get("/login");
    std::string token;
    if (page) {
        auto at = page->body.find("name=\"csrf\" value=\"");
        if (at != std::string::npos) {
            at += 19;
            token = page->body.substr(at, page->body.find('"', at) - at);
        }
    }
    auto r = client.Post("/login", headers(), httplib::Params{{"username", user}, {"password", password}, {"csrf", token}});
    keep_cookies(r);
    return r;
}

int status_of(const httplib::Result& r) { return r ? r->status : -1; }

}  // namespace ububiko::test
