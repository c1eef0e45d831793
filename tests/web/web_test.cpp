// The web application against a live server: sign-in, each role's allowed and denied
// actions, records above a user's access level absent from pages, search and facets,
// CSRF, traversal attempts, escaping, the upload limit, the language switch.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/run.hpp"
#include "web/web_fixture.hpp"

using namespace ububiko::test;

namespace {

nlohmann::json json_of(const httplib::Result& r) {
    REQUIRE(r);
    return nlohmann::json::parse(r->body);
}

std::size_t api_total(Browser& b, const std::string& q) {
    auto j = json_of(b.get("/api/search?facets=1&q=" + q));
    return j.at("total").get<std::size_t>();
}

std::size_t journal_count(const std::string& root, const std::string& needle) {
    std::ifstream in(root + "/journal.jsonl");
    std::string line;
    std::size_t n = 0;
    while (std::getline(in, line))
        if (line.find(needle) != std::string::npos) ++n;
    return n;
}

}  // namespace

TEST_CASE("pages ask to log in first and a wrong password is refused") {
    Browser b;
    auto r = b.get("/search?q=budget");
    REQUIRE(status_of(r) == 303);
    CHECK(r->get_header_value("Location").rfind("/login?next=", 0) == 0);
    CHECK(status_of(b.get("/api/search?q=budget")) == 401);
    auto bad = b.login("archiviste", "pas-le-bon");
    REQUIRE(status_of(bad) == 401);
    CHECK(bad->body.find("mot de passe incorrect") != std::string::npos);
    auto ok = b.login("archiviste");
    REQUIRE(status_of(ok) == 303);
    CHECK(ok->get_header_value("Location") == "/search");
    CHECK(b.cookie.rfind("ububiko_session=", 0) == 0);
    auto set_cookie = ok->get_header_value("Set-Cookie");
    CHECK(set_cookie.find("HttpOnly") != std::string::npos);
    CHECK(set_cookie.find("SameSite=Strict") != std::string::npos);
    auto page = b.get("/search?q=budget");
    REQUIRE(status_of(page) == 200);
    CHECK(page->body.find("Délibération sur le <mark>budget</mark>") == std::string::npos);  // titles are not marked
    CHECK(page->body.find("/record/" + server().public_id) != std::string::npos);
}

TEST_CASE("logins are throttled after repeated failures") {
    Browser b;
    for (int i = 0; i < 5; ++i) CHECK(status_of(b.login("auditeur-inconnu", "faux")) == 401);
    auto r = b.login("auditeur-inconnu", "faux");
    REQUIRE(status_of(r) == 401);
    CHECK(r->body.find("trop d&#39;essais manqués : réessayez dans 30 s") != std::string::npos);
}

TEST_CASE("logging out ends the session") {
    Browser b;
    REQUIRE(status_of(b.login("secretaire")) == 303);
    std::string old_cookie = b.cookie;
    REQUIRE(status_of(b.post("/logout", {})) == 303);
    b.cookie = old_cookie;  // even a kept copy of the cookie no longer works
    CHECK(status_of(b.get("/search")) == 303);
    CHECK(status_of(b.get("/api/me")) == 401);
}

TEST_CASE("each role may do what the permission table says, and no more") {
    struct Case {
        const char* user;
        int audit, intake, disposition, queue;
    };
    const Case cases[] = {
        {"admin", 200, 200, 200, 200},
        {"archiviste", 200, 200, 200, 200},
        {"secretaire", 403, 200, 403, 200},
        {"auditeur", 200, 403, 403, 404},
    };
    for (const Case& c : cases) {
        INFO(c.user);
        Browser b;
        REQUIRE(status_of(b.login(c.user)) == 303);
        CHECK(status_of(b.get("/search?q=budget")) == 200);
        CHECK(status_of(b.get("/plan")) == 200);
        CHECK(status_of(b.get("/audit")) == c.audit);
        CHECK(status_of(b.get("/api/audit")) == c.audit);
        CHECK(status_of(b.get("/intake")) == c.intake);
        CHECK(status_of(b.get("/disposition")) == c.disposition);
        CHECK(status_of(b.get("/queue")) == c.queue);
    }
    // Reclassifying: archivists yes, secretaries no (and nothing moves).
    Browser sec;
    REQUIRE(status_of(sec.login("secretaire")) == 303);
    auto denied = sec.post("/record/" + server().internal_id + "/reclassify", {{"code", "1.1.1"}, {"reason", "essai"}});
    CHECK(status_of(denied) == 403);
    Browser arc;
    REQUIRE(status_of(arc.login("archiviste")) == 303);
    auto rec = json_of(arc.get("/api/record/" + server().internal_id));
    CHECK(rec.at("code") == "1.1.2");
}

TEST_CASE("a confidential record does not exist for those who may not see it") {
    const std::string id = server().confidential_id;
    Browser arc, sec, aud;
    REQUIRE(status_of(arc.login("archiviste")) == 303);
    REQUIRE(status_of(sec.login("secretaire")) == 303);
    REQUIRE(status_of(aud.login("auditeur")) == 303);
    // Search: found by the archivist, absent for the others, and not counted in facets.
    CHECK(api_total(arc, "detournement") == 1);
    CHECK(api_total(sec, "detournement") == 0);
    CHECK(api_total(aud, "detournement") == 0);
    auto all_arc = json_of(arc.get("/api/search?facets=1&q=code:1.1.2"));
    auto all_sec = json_of(sec.get("/api/search?facets=1&q=code:1.1.2"));
    CHECK(all_arc.at("total").get<int>() == all_sec.at("total").get<int>() + 1);
    auto count_of = [](const nlohmann::json& j, const std::string& code) {
        for (const auto& v : j.at("facets").at("code"))
            if (v.at("value") == code) return v.at("count").get<int>();
        return 0;
    };
    CHECK(count_of(all_arc, "1.1.2") == count_of(all_sec, "1.1.2") + 1);
    auto page = sec.get("/search?q=code%3A1.1.2");
    REQUIRE(status_of(page) == 200);
    CHECK(page->body.find("Plainte confidentielle") == std::string::npos);
    // Pages, files and API: 404, the same answer as for a number that does not exist.
    for (const std::string& path : {"/record/" + id, "/record/" + id + "/original", "/record/" + id + "/original?download=1",
                                    "/api/record/" + id, "/api/suggest/" + id}) {
        INFO(path);
        CHECK(status_of(sec.get(path)) == 404);
        CHECK(status_of(aud.get(path)) == 404);
    }
    CHECK(status_of(sec.get("/record/2031-999999")) == 404);
    // The archivist sees it, and the view is journaled with the user.
    std::size_t before = journal_count(server().root, "\"action\":\"view\"");
    auto seen = arc.get("/record/" + id);
    REQUIRE(status_of(seen) == 200);
    CHECK(seen->body.find("Plainte confidentielle") != std::string::npos);
    CHECK(journal_count(server().root, "\"action\":\"view\"") == before + 1);
    CHECK(journal_count(server().root, "\"user\":\"archiviste\"") >= 1);
    auto original = arc.get("/record/" + id + "/original?download=1");
    REQUIRE(status_of(original) == 200);
    CHECK(original->body.find("détournement de fonds") != std::string::npos);
    CHECK(original->get_header_value("Content-Disposition").rfind("attachment", 0) == 0);
}

TEST_CASE("the audit names no record its reader may not see") {
    // A confidential record kept past its retention period (DUA 10 years, then destroyed).
    std::string path = server().tmp.write("docs/rapport-ancien.txt", "Rapport confidentiel sur les taxes de marché de 2001.");
    RunResult filed = server().run({"file", path, "--code", "4.2.2", "--title", "Rapport confidentiel des taxes 2001", "--access",
                                    "confidential", "--date", "2001-06-30", "--json"});
    REQUIRE(filed.status == 0);
    const std::string id = nlohmann::json::parse(filed.out).at("documents").at(0).at("id").get<std::string>();
    Browser admin, aud;
    REQUIRE(status_of(admin.login("admin")) == 303);
    REQUIRE(status_of(aud.login("auditeur")) == 303);
    auto findings_about = [](const nlohmann::json& report, const std::string& needle) {
        int n = 0;
        for (const auto& s : report.at("reports").at(0).at("sections"))
            for (const auto& f : s.at("findings"))
                if (f.at("id") == needle || f.at("message").get<std::string>().find(needle) != std::string::npos) ++n;
        return n;
    };
    auto all = json_of(admin.get("/api/audit"));
    auto restricted = json_of(aud.get("/api/audit"));
    // The confidential record has findings (its retention is over) …
    REQUIRE(findings_about(all, id) > 0);
    // … which the auditor sees counted, under a stand-in, without its number or title.
    CHECK(findings_about(restricted, id) == 0);
    CHECK(findings_about(restricted, "Rapport confidentiel des taxes") == 0);
    CHECK(findings_about(restricted, "restreint-1") == findings_about(all, id));
    CHECK(restricted.at("reports").at(0).at("score") == all.at("reports").at(0).at("score"));
    for (std::size_t k = 0; k < all.at("reports").at(0).at("sections").size(); ++k)
        CHECK(restricted.at("reports").at(0).at("sections").at(k).at("affected") == all.at("reports").at(0).at("sections").at(k).at("affected"));
    auto page = aud.get("/audit/report");
    REQUIRE(status_of(page) == 200);
    CHECK(page->body.find(id) == std::string::npos);
    CHECK(page->body.find("Rapport confidentiel des taxes") == std::string::npos);
    auto full = admin.get("/audit/report");
    REQUIRE(status_of(full) == 200);
    CHECK(full->body.find(id) != std::string::npos);
}

TEST_CASE("a state change without the CSRF token is refused") {
    const std::string id = server().internal_id;
    Browser b;
    REQUIRE(status_of(b.login("archiviste")) == 303);
    auto none = b.post("/record/" + id + "/reclassify", {{"code", "1.1.1"}, {"reason", "essai"}}, false);
    CHECK(status_of(none) == 403);
    auto wrong = b.post("/record/" + id + "/reclassify", {{"code", "1.1.1"}, {"reason", "essai"}, {"csrf", std::string(64, 'a')}}, false);
    CHECK(status_of(wrong) == 403);
    CHECK(json_of(b.get("/api/record/" + id)).at("code") == "1.1.2");
    // The API wants the token in its header.
    httplib::MultipartFormDataItems items{{"files", "texte", "note.txt", "text/plain"}};
    CHECK(status_of(b.post_files("/api/file", items, false)) == 403);
    // With the token the same change goes through, journaled with the user.
    auto ok = b.post("/record/" + id + "/reclassify", {{"code", "1.1.1"}, {"reason", "mauvais code"}});
    REQUIRE(status_of(ok) == 303);
    CHECK(json_of(b.get("/api/record/" + id)).at("code") == "1.1.1");
    CHECK(journal_count(server().root, "mauvais code") == 1);
    REQUIRE(status_of(b.post("/record/" + id + "/reclassify", {{"code", "1.1.2"}, {"reason", "retour"}})) == 303);
}

TEST_CASE("paths that try to leave the archive find nothing") {
    Browser b;
    REQUIRE(status_of(b.login("admin")) == 303);
    for (const std::string& path : {std::string("/record/../../archive.yaml"), std::string("/record/2026-000001/../../../archive.yaml"),
                                    std::string("/record/2026-000001/..%2f..%2farchive.yaml"), std::string("/static/../archive.yaml"),
                                    std::string("/static/%2e%2e/users.json"), std::string("/record/%2e%2e%2fusers.json"),
                                    std::string("/users.json"), std::string("/api/record/..%2f..%2fusers.json")}) {
        INFO(path);
        auto r = b.get(path);
        REQUIRE(r);
        CHECK(r->status == 404);
        CHECK(r->body.find("argon2") == std::string::npos);
        CHECK(r->body.find("commune-burundi") == std::string::npos);
    }
    // A redirect after logging in stays on this site.
    Browser c;
    auto page = c.get("/login?next=//evil.example/");
    REQUIRE(status_of(page) == 200);
    CHECK(page->body.find("//evil.example") == std::string::npos);
}

TEST_CASE("what users typed is shown as text, never run") {
    Browser b;
    REQUIRE(status_of(b.login("archiviste")) == 303);
    auto page = b.get("/search?q=piegee");
    REQUIRE(status_of(page) == 200);
    // And the browser is told to run no inline script even if one slipped through.
    CHECK(page->get_header_value("Content-Security-Policy").find("script-src 'self'") != std::string::npos);
    CHECK(page->body.find("<script>alert") == std::string::npos);
    CHECK(page->body.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
    auto record = b.get("/record/" + server().script_id);
    REQUIRE(status_of(record) == 200);
    CHECK(record->body.find("<script>alert") == std::string::npos);
    CHECK(record->body.find("&lt;script&gt;") != std::string::npos);
    // The query itself is escaped when shown back.
    auto q = b.get("/search?q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E");
    REQUIRE(q);
    CHECK(q->body.find("<img src=x") == std::string::npos);
}

TEST_CASE("an upload over the limit is refused and the archive is left as it was") {
    Browser b;
    REQUIRE(status_of(b.login("archiviste")) == 303);
    std::string csrf = b.csrf();
    auto before = snapshot(server().root + "/records");
    httplib::MultipartFormDataItems items{{"files", std::string(k_test_upload_limit + 1024, 'x'), "gros.txt", "text/plain"},
                                          {"csrf", csrf, "", ""}};
    auto r = b.client.Post("/intake", b.headers(), items);
    REQUIRE(r);
    CHECK(r->status == 413);
    CHECK(r->body.find("trop volumineux") != std::string::npos);
    CHECK(snapshot(server().root + "/records") == before);
}

TEST_CASE("a secretary files a letter from the browser and finds it by a word of its text") {
    Browser b;
    REQUIRE(status_of(b.login("secretaire")) == 303);
    httplib::MultipartFormDataItems items{
        {"files", "Objet : demande d'autorisation de construire une boutique au marché de Kiremba.\nVeuillez agréer...",
         "demande boutique.txt", "text/plain"},
        {"direction", "in", "", ""}};
    auto r = b.post_files("/intake", items);
    REQUIRE(status_of(r) == 200);
    CHECK(r->body.find("Enregistré sous le n° ") != std::string::npos);
    auto at = r->body.find("class=\"register-number\"><a href=\"/record/");
    REQUIRE(at != std::string::npos);
    std::string id = r->body.substr(at + 41, 11);
    auto found = json_of(b.get("/api/search?q=boutique+kiremba"));
    REQUIRE(found.at("total").get<int>() >= 1);
    CHECK(found.at("hits").at(0).at("id") == id);
    // Queued (no sure suggestion in so small an archive) or filed: either way it has a number
    // and the one who filed it may confirm its code.
    auto rec = json_of(b.get("/api/record/" + id));
    CHECK(rec.at("registered_by") == "secretaire");
    CHECK(rec.at("direction") == "in");
    if (rec.at("status") == "to-classify") {
        auto done = b.post("/record/" + id + "/classify", {{"code", "6.3.1"}, {"back", "intake"}});
        REQUIRE(status_of(done) == 303);
        CHECK(done->get_header_value("Location") == "/intake?done=" + id);
        INFO(json_of(b.get("/api/record/" + id)).dump());
        CHECK(json_of(b.get("/api/record/" + id)).at("code") == "6.3.1");
    }
}

TEST_CASE("the language switch gives English pages") {
    Browser b;
    REQUIRE(status_of(b.login("archiviste")) == 303);
    auto fr = b.get("/search");
    REQUIRE(status_of(fr) == 200);
    CHECK(fr->body.find("Rechercher dans les archives") != std::string::npos);
    auto sw = b.get("/lang?to=en&back=%2Fsearch");
    REQUIRE(status_of(sw) == 303);
    CHECK(sw->get_header_value("Location") == "/search");
    auto en = b.get("/search");
    REQUIRE(status_of(en) == 200);
    CHECK(en->body.find("Search the archives") != std::string::npos);
    CHECK(en->body.find("lang=\"en\"") != std::string::npos);
}

TEST_CASE("a disabled user is signed out at the next request") {
    Browser b;
    REQUIRE(status_of(b.login("auditeur")) == 303);
    CHECK(status_of(b.get("/api/me")) == 200);
    REQUIRE(server().run({"user", "disable", "auditeur"}).status == 0);
    CHECK(status_of(b.get("/api/me")) == 401);
    CHECK(status_of(b.login("auditeur")) == 401);
    REQUIRE(server().run({"user", "enable", "auditeur"}).status == 0);
    CHECK(status_of(b.login("auditeur")) == 303);
}

TEST_CASE("an archivist corrects a record's metadata, the change is journaled and searchable") {
    const std::string id = server().public_id;
    Browser b;
    REQUIRE(status_of(b.login("archiviste")) == 303);
    auto rec = json_of(b.get("/api/record/" + id));
    httplib::Params form{{"title", "Délibération n°12 sur le budget primitif 2025"}, {"date", rec.at("date")},
                         {"type", rec.value("type", "")}, {"direction", rec.value("direction", "")},
                         {"correspondent", rec.value("correspondent", "")}, {"reference", "N°12/CC/2025"},
                         {"access", rec.at("access")}, {"reason", "titre du registre"}};
    // Without a reason nothing changes.
    httplib::Params no_reason = form;
    no_reason.erase("reason");
    CHECK(status_of(b.post("/record/" + id + "/edit", no_reason)) == 400);
    auto r = b.post("/record/" + id + "/edit", form);
    REQUIRE(status_of(r) == 303);
    CHECK(r->get_header_value("Location") == "/record/" + id + "?done=edited");
    auto after = json_of(b.get("/api/record/" + id));
    CHECK(after.at("title") == "Délibération n°12 sur le budget primitif 2025");
    CHECK(after.at("reference") == "N°12/CC/2025");
    CHECK(after.at("code") == rec.at("code"));
    CHECK(journal_count(server().root, "titre du registre") == 1);
    CHECK(json_of(b.get("/api/search?q=primitif")).at("total") == 1);
    auto page = b.get("/record/" + id);
    REQUIRE(status_of(page) == 200);
    CHECK(page->body.find("métadonnées corrigées") != std::string::npos);
    // A secretary may not.
    Browser sec;
    REQUIRE(status_of(sec.login("secretaire")) == 303);
    CHECK(status_of(sec.post("/record/" + id + "/edit", form)) == 403);
}

TEST_CASE("the administrator manages accounts from the web application") {
    Browser admin;
    REQUIRE(status_of(admin.login("admin")) == 303);
    Browser sec;
    REQUIRE(status_of(sec.login("secretaire")) == 303);
    CHECK(status_of(sec.get("/users")) == 403);
    CHECK(status_of(sec.post("/users/add", {{"name", "intrus"}, {"role", "admin"}, {"password", "12345678-x"}})) == 403);
    auto page = admin.get("/users");
    REQUIRE(status_of(page) == 200);
    CHECK(page->body.find("Paul Secrétaire") != std::string::npos);
    CHECK(page->body.find("argon2") == std::string::npos);
    // Add, then the new user signs in.
    auto added = admin.post("/users/add", {{"name", "Claudine"}, {"full_name", "Claudine <b>Ntahe</b>"}, {"role", "secretaire"},
                                           {"password", "claudine-2026"}});
    REQUIRE(status_of(added) == 303);
    Browser claudine;
    CHECK(status_of(claudine.login("claudine", "claudine-2026")) == 303);
    auto listed = admin.get("/users");
    REQUIRE(listed);
    CHECK(listed->body.find("Claudine &lt;b&gt;Ntahe&lt;/b&gt;") != std::string::npos);
    // A short password and a duplicate name are refused with the field named.
    auto short_pw = admin.post("/users/add", {{"name", "bref"}, {"role", "secretary"}, {"password", "court"}});
    CHECK(status_of(short_pw) == 400);
    CHECK(status_of(admin.post("/users/add", {{"name", "claudine"}, {"role", "secretary"}, {"password", "claudine-2026"}})) == 409);
    // A new password signs her out; disabling refuses her next sign-in.
    REQUIRE(status_of(admin.post("/users/passwd", {{"name", "claudine"}, {"password", "nouveau-secret"}})) == 303);
    CHECK(status_of(claudine.get("/api/me")) == 401);
    CHECK(status_of(claudine.login("claudine", "nouveau-secret")) == 303);
    REQUIRE(status_of(admin.post("/users/disable", {{"name", "claudine"}})) == 303);
    CHECK(status_of(claudine.get("/api/me")) == 401);
    CHECK(status_of(claudine.login("claudine", "nouveau-secret")) == 401);
    CHECK(journal_count(server().root, "\"account\":\"claudine\"") == 3);
}

TEST_CASE("a stamped copy of a PDF record is given to print, the original untouched") {
    Browser b;
    REQUIRE(status_of(b.login("secretaire")) == 303);
    const std::string id = server().pdf_id;
    auto before = snapshot(server().root + "/records");
    auto r = b.get("/record/" + id + "/stamped");
    REQUIRE(status_of(r) == 200);
    CHECK(r->get_header_value("Content-Type") == "application/pdf");
    CHECK(r->body.rfind("%PDF", 0) == 0);
    auto original = b.get("/record/" + id + "/original");
    REQUIRE(status_of(original) == 200);
    CHECK(original->body != r->body);
    CHECK(snapshot(server().root + "/records") == before);
    // A text has no page to stamp: said plainly.
    auto text = b.get("/record/" + server().public_id + "/stamped");
    REQUIRE(text);
    CHECK(text->status == 415);
    CHECK(text->body.find("notice error") != std::string::npos);
}

TEST_CASE("ububiko serve says what is wrong with its options and does not start") {
    auto bad_port = server().run({"serve", "--listen", "127.0.0.1:99999"});
    CHECK(bad_port.status == 2);
    CHECK(bad_port.err.find("--listen") != std::string::npos);
    CHECK(bad_port.err.find("99999") != std::string::npos);
    auto not_a_port = run_ububiko({"serve", server().root, "--listen", "localhost:http"});
    CHECK(not_a_port.status == 2);
    CHECK(not_a_port.err.find("port invalide") != std::string::npos);
    TempDir empty;
    auto no_archive = run_ububiko({"serve", empty.path()});
    CHECK(no_archive.status == 3);
    CHECK(no_archive.err.find(empty.path()) != std::string::npos);
    // The port the test server holds is refused plainly.
    auto taken = run_ububiko({"serve", server().root, "--listen", "127.0.0.1:" + std::to_string(server().port)});
    CHECK(taken.status != 0);
    CHECK(taken.err.find("impossible d'écouter") != std::string::npos);
}

TEST_CASE("the API signs in from JSON only, not from a form another site could post") {
    Browser b;
    auto form = b.client.Post("/api/login", httplib::Params{{"username", "archiviste"}, {"password", k_password}});
    REQUIRE(form);
    CHECK(form->status == 400);
    CHECK(form->get_header_value("Set-Cookie").find("ububiko_session=") == std::string::npos);
    auto json = b.client.Post("/api/login", nlohmann::json{{"username", "archiviste"}, {"password", k_password}}.dump(), "application/json");
    REQUIRE(json);
    CHECK(json->status == 200);
    CHECK(nlohmann::json::parse(json->body).at("role") == "archivist");
}

TEST_CASE("an archivist prints the destruction slip of the records whose retention has ended") {
    std::string path = server().tmp.write("docs/conge-2015.txt", "Demande de congé annuel de l'agent communal, année 2015.");
    REQUIRE(server().run({"file", path, "--code", "5.3.1", "--date", "2015-01-10", "--title", "Demande de congé 2015"}).status == 0);
    Browser b;
    REQUIRE(status_of(b.login("archiviste")) == 303);
    auto page = b.get("/disposition");
    REQUIRE(status_of(page) == 200);
    CHECK(page->body.find("Demande de congé 2015") != std::string::npos);
    CHECK(page->body.find("Bordereau d&#39;élimination (PDF) — 1") != std::string::npos);
    CHECK(status_of(b.post("/disposition/slip", {{"action", "burn"}})) == 400);
    auto slip = b.post("/disposition/slip", {{"action", "destroy"}});
    REQUIRE(status_of(slip) == 200);
    CHECK(slip->get_header_value("Content-Type") == "application/pdf");
    CHECK(slip->body.rfind("%PDF", 0) == 0);
    CHECK(slip->get_header_value("Content-Disposition").find("BRR-ELIM-") != std::string::npos);
    CHECK(journal_count(server().root, "\"action\":\"slip\"") == 1);
    // Nothing was destroyed: the slip only proposes.
    auto still = json_of(b.get("/api/search?q=demande+conge+2015"));
    REQUIRE(still.at("total").get<int>() == 1);
    CHECK(still.at("hits").at(0).at("status") == "filed");
    Browser sec;
    REQUIRE(status_of(sec.login("secretaire")) == 303);
    CHECK(status_of(sec.post("/disposition/slip", {{"action", "destroy"}})) == 403);
}
