// How the extract module names a file in its messages: « scan.pdf » : … in French,
// 'scan.pdf': … in English. Internal to the extract module.
#pragma once

#include <string>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace ububiko::extract::detail {

// The file name quoted for the current language.
inline std::string quoted(const std::string& path) {
    return language() == Language::en ? "'" + path + "'" : "« " + path + " »";
}

// "« path » : what" (French) or "'path': what" (English).
inline std::string about(const std::string& path, const std::string& what) {
    return quoted(path) + tr(" : ", ": ") + what;
}

// An Error whose message names the file.
inline Error file_error(ErrorCode code, const std::string& path, const std::string& what) {
    return Error(code, about(path, what));
}

}  // namespace ububiko::extract::detail
