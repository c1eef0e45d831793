// `ububiko serve`: the web application on the commune's network. One process, pages
// rendered on the server (they work without JavaScript), a JSON API under /api/ with the
// same access rules, accounts from the archive's users.json.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace ububiko::web {

struct ServeOptions {
    std::string archive_dir;
    std::string host = "127.0.0.1";
    int port = 8080;  // 0: any free port (the one taken is reported to on_listening)
    std::size_t max_upload_bytes = 64u << 20;  // one request (all its files together)
    // Called once the socket listens, with the address to give people.
    std::function<void(const std::string& url)> on_listening;
};

// Serves until stop_serving() is called or SIGINT/SIGTERM arrives; throws Error when the
// archive cannot be opened or the address cannot be bound.
void serve(const ServeOptions& options);
// Asks a running serve() to return (thread-safe; for tests and signals).
void stop_serving();

// "127.0.0.1:8080", "0.0.0.0:80", ":8080", "8080" → host and port; throws
// Error(invalid_input) naming --listen.
void parse_listen(const std::string& text, std::string& host, int& port);

}  // namespace ububiko::web
