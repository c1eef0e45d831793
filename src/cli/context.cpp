#include "cli/context.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/system.hpp"

namespace ububiko::cli {

const archive::Archive& Context::archive() {
    if (!m_archive) m_archive.emplace(archive::Archive::open(archive::Archive::locate(archive_dir)));
    return *m_archive;
}

void print_json(const nlohmann::json& j) {
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }
bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

std::string bold(const std::string& s) {
    static const bool colour = stdout_is_terminal() && std::getenv("NO_COLOR") == nullptr;
    return colour ? "\x1b[1m" + s + "\x1b[0m" : s;
}

std::string group_digits(std::uint64_t n) {
    std::string digits = std::to_string(n);
    std::string sep = language() == Language::fr ? "\u202f" : ",";
    std::string out;
    int count = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (count && count % 3 == 0) out.insert(0, sep);
        out.insert(out.begin(), *it);
        ++count;
    }
    return out;
}

std::string human_size(std::uint64_t bytes) {
    const char* fr[] = {"o", "Ko", "Mo", "Go", "To"};
    const char* en[] = {"B", "KB", "MB", "GB", "TB"};
    double v = static_cast<double>(bytes);
    int unit = 0;
    while (v >= 1000 && unit < 4) {
        v /= 1000;
        ++unit;
    }
    char buf[32];
    if (unit == 0) std::snprintf(buf, sizeof buf, "%.0f", v);
    else std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    if (language() == Language::fr)
        for (char& c : s)
            if (c == '.') c = ',';
    return s + " " + (language() == Language::fr ? fr[unit] : en[unit]);
}

std::string acting_user() {
    if (const char* u = std::getenv("UBUBIKO_USER"); u != nullptr && *u != '\0') return u;
    return current_user();
}

CLI::Validator whole_number() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            bool digits = !value.empty() && value.size() <= 9 &&
                          std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (digits) return {};
            return tr("nombre entier positif attendu, pas « ", "a whole number expected, not '") + value + tr(" »", "'");
        },
        "N");
}

Date parse_as_of(const std::string& text) {
    if (text.empty()) return today();
    auto d = parse_iso_date(text);
    if (!d)
        throw Error(ErrorCode::invalid_input,
                    tr("date invalide pour --as-of : « ", "invalid date for --as-of: '") + text +
                        tr(" » (attendu : AAAA-MM-JJ, une date réelle)", "' (expected: YYYY-MM-DD, a real date)"),
                    Place{"", 0, 0, "--as-of"});
    return *d;
}

}  // namespace ububiko::cli
