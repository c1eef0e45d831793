#include "core/i18n.hpp"

#include <cstdlib>
#include <string_view>

namespace ububiko {
namespace {

Language from_environment() {
    for (const char* var : {"UBUBIKO_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(var);
        if (value == nullptr || *value == '\0') continue;
        std::string_view v(value);
        return v.substr(0, 2) == "en" ? Language::en : Language::fr;
    }
    return Language::fr;
}

thread_local bool t_overridden = false;
thread_local Language t_language = Language::fr;
const Language g_environment_language = from_environment();

}  // namespace

Language language() { return t_overridden ? t_language : g_environment_language; }

void set_language(Language lang) {
    t_overridden = true;
    t_language = lang;
}

}  // namespace ububiko
