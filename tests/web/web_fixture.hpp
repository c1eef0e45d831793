// A live ububiko web server on 127.0.0.1 (any free port) over a fresh archive with a few
// records at each access level and one user per role; and a small browser that keeps
// the session cookie and reads the CSRF token from pages.
#pragma once

#include <httplib.h>

#include <string>
#include <thread>

#include "support/run.hpp"
#include "support/temp_dir.hpp"

namespace ububiko::test {

inline constexpr const char* k_password = "mot-de-passe-1";
inline constexpr std::size_t k_test_upload_limit = 2u << 20;

struct WebServer {
    TempDir tmp;
    std::string root = tmp / "archive";
    int port = 0;
    std::string public_id, internal_id, confidential_id, script_id, pdf_id;
    std::thread thread;

    WebServer();
    ~WebServer();
    // Runs the ububiko binary on this archive.
    RunResult run(std::vector<std::string> args) const;
};

// The server of this test program, started on first use.
WebServer& server();

struct Browser {
    httplib::Client client;
    std::string cookie;  // "ububiko_session=..." (and the language cookie when set)
    std::string lang_cookie;

    Browser();
    httplib::Headers headers(const httplib::Headers& extra = {}) const;
    void keep_cookies(const httplib::Result& r);
    httplib::Result get(const std::string& path);
    httplib::Result post(const std::string& path, httplib::Params params, bool with_csrf = true);
    httplib::Result post_files(const std::string& path, httplib::MultipartFormDataItems items, bool with_csrf = true);
    // The CSRF token of the current session (from GET /api/me).
    std::string csrf();
    // Logs in through the form; returns the response to the POST.
    httplib::Result login(const std::string& user, const std::string& password = k_password);
};

// Status of a request that must have reached the server.
int status_of(const httplib::Result& r);

}  // namespace ububiko::test
