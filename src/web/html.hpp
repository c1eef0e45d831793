// Building the web application's HTML: escaping (everything that comes from a user or a
// document goes through esc()), URLs, and the page frame shared by every page.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ububiko::web {

// Escapes text for HTML element content and attribute values (& < > " ').
std::string esc(std::string_view text);
// Percent-encodes a query-string value or path segment (RFC 3986 unreserved kept).
std::string url_encode(std::string_view text);
// "?a=1&b=x%20y" from pairs, empty values left out.
std::string query_string(const std::vector<std::pair<std::string, std::string>>& params);

// What the frame of a page needs to know about who is looking.
struct Frame {
    std::string title;        // of the page, already for people
    std::string user;         // name of the signed-in user ("" on the login page)
    std::string user_label;   // "Marie (archiviste)"
    std::string csrf;         // for the log-out form
    std::string path;         // the page's own path and query (for the language switch)
    std::string active;       // which menu entry is current: "search", "intake", ...
    std::vector<std::pair<std::string, std::string>> menu;  // {key, label} the user may use
    std::string commune;      // "Commune de Bururi"
};

// The whole page: head (embedded stylesheet link), header with menu, language switch
// and log-out button, then `body`.
std::string page(const Frame& frame, const std::string& body);

// A hidden field with the CSRF token, for every form that changes something.
std::string csrf_field(const std::string& token);

// Embedded static files: the stylesheet and the small script (no build step, no CDN).
const std::string& stylesheet();
const std::string& script();

}  // namespace ububiko::web
