// Messages for people in French (the default) or English, chosen once from the locale.
#pragma once

#include <string>

namespace ububiko {

enum class Language { fr, en };

// The language of messages: UBUBIKO_LANG, else LC_ALL, LC_MESSAGES, LANG; English when the
// first one set starts with "en", French otherwise.
Language language();
// Overrides the language (the web server does this per request; tests use it).
void set_language(Language lang);

// Picks the French or English text.
inline std::string tr(const char* fr, const char* en) {
    return language() == Language::en ? en : fr;
}

}  // namespace ububiko
