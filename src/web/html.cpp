#include "web/html.hpp"

#include "core/i18n.hpp"
#include "core/text.hpp"

namespace ububiko::web {

std::string esc(std::string_view text) { return escape_html(text); }

std::string url_encode(std::string_view text) {
    static const char* k_hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.' || c == '~';
        if (keep) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += k_hex[c >> 4];
            out += k_hex[c & 15];
        }
    }
    return out;
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
    std::string out;
    for (const auto& [k, v] : params) {
        if (v.empty()) continue;
        out += out.empty() ? '?' : '&';
        out += url_encode(k) + "=" + url_encode(v);
    }
    return out;
}

std::string csrf_field(const std::string& token) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(token) + "\">";
}

std::string page(const Frame& f, const std::string& body) {
    bool en = language() == Language::en;
    std::string h;
    h.reserve(body.size() + 4096);
    h += "<!DOCTYPE html>\n<html lang=\"";
    h += en ? "en" : "fr";
    h += "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
    h += "<title>" + esc(f.title) + " — ububiko</title>";
    h += "<link rel=\"stylesheet\" href=\"/static/style.css\"><script src=\"/static/app.js\" defer></script></head><body>";
    h += "<a class=\"skip\" href=\"#main\">" + tr("Aller au contenu", "Skip to content") + "</a>";
    h += "<header class=\"top\"><div class=\"brand\"><a href=\"/\">ububiko</a>";
    if (!f.commune.empty()) h += "<span class=\"commune\">" + esc(f.commune) + "</span>";
    h += "</div>";
    if (!f.menu.empty()) {
        h += "<nav aria-label=\"" + tr("Menu principal", "Main menu") + "\"><ul>";
        for (const auto& [key, label] : f.menu) {
            h += "<li><a href=\"/" + esc(key) + "\"";
            if (key == f.active) h += " aria-current=\"page\"";
            h += ">" + esc(label) + "</a></li>";
        }
        h += "</ul></nav>";
    }
    h += "<div class=\"who\">";
    // The language switch: a link to the same page in the other language.
    h += "<a class=\"lang\" href=\"/lang?to=" + std::string(en ? "fr" : "en") + "&amp;back=" + esc(url_encode(f.path)) +
         "\" lang=\"" + (en ? "fr" : "en") + "\">" + (en ? "Français" : "English") + "</a>";
    if (!f.user.empty()) {
        h += "<span class=\"user\">" + esc(f.user_label) + "</span>";
        h += "<form method=\"post\" action=\"/logout\" class=\"inline\">" + csrf_field(f.csrf) +
             "<button type=\"submit\" id=\"logout\">" + tr("Se déconnecter", "Log out") + "</button></form>";
    }
    h += "</div></header><main id=\"main\">";
    h += body;
    h += "</main><footer>ububiko — " + tr("classement et archivage des documents de la commune",
                                          "filing and archiving the commune's documents") +
         "</footer></body></html>\n";
    return h;
}

}  // namespace ububiko::web
