#include "accounts/password.hpp"

#include <argon2.h>

#include <array>
#include <cerrno>
#include <mutex>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/system.hpp"
#include "core/text.hpp"

namespace ububiko::accounts {
namespace {

std::array<unsigned char, k_salt_bytes> random_salt() {
    std::array<unsigned char, k_salt_bytes> salt{};
    random_bytes(salt.data(), salt.size());
    return salt;
}

}  // namespace

void check_password(std::string_view password) {
    const Place field{"", 0, 0, "password"};
    if (!is_valid_utf8(password))
        throw Error(
            ErrorCode::invalid_input,
            tr("le mot de passe n'est pas du texte UTF-8", "the password is not UTF-8 text"),
            field);
    if (decode_utf8(password).size() < k_min_password_chars)
        throw Error(ErrorCode::invalid_input,
                    tr("mot de passe trop court : ", "password too short: ") +
                        std::to_string(k_min_password_chars) +
                        tr(" caractères au moins", " characters at least"),
                    field);
    if (password.size() > k_max_password_bytes)
        throw Error(ErrorCode::invalid_input,
                    tr("mot de passe trop long : ", "password too long: ") +
                        std::to_string(k_max_password_bytes) +
                        tr(" octets au plus", " bytes at most"),
                    field);
}

std::string hash_password(std::string_view password) {
    const auto salt = random_salt();
    std::string encoded(
        argon2_encodedlen(k_argon2_time_cost, k_argon2_memory_kib, k_argon2_parallelism,
                          k_salt_bytes, k_hash_bytes, Argon2_id),
        '\0');
    int rc = argon2id_hash_encoded(k_argon2_time_cost, k_argon2_memory_kib, k_argon2_parallelism,
                                   password.data(), password.size(), salt.data(), salt.size(),
                                   k_hash_bytes, encoded.data(), encoded.size());
    if (rc != ARGON2_OK)
        throw Error(ErrorCode::internal,
                    tr("calcul du mot de passe impossible : ", "cannot hash the password: ") +
                        argon2_error_message(rc));
    encoded.resize(encoded.find('\0'));  // argon2_encodedlen counts the terminating NUL
    return encoded;
}

namespace {
std::mutex g_verifications_mutex;
Verifications g_verifications;
}  // namespace

Verifications verifications() {
    std::lock_guard lock(g_verifications_mutex);
    return g_verifications;
}

std::string hash_parameters(std::string_view encoded) {
    // "$argon2id$v=19$m=…,t=…,p=…$salt$hash": up to the fourth '$'.
    std::size_t at = 0;
    for (int k = 0; k < 3 && at != std::string_view::npos; ++k) at = encoded.find('$', at + 1);
    return std::string(encoded.substr(0, at));
}

bool verify_password(std::string_view encoded, std::string_view password) {
    if (!looks_like_argon2id(encoded)) return false;
    {
        std::lock_guard lock(g_verifications_mutex);
        ++g_verifications.runs;
        g_verifications.last_parameters = hash_parameters(encoded);
    }
    // libargon2 wants a NUL-terminated string.
    const std::string hash(encoded);
    return argon2id_verify(hash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

bool looks_like_argon2id(std::string_view encoded) {
    // The library decodes the rest (parameters, salt, hash) and refuses what is malformed.
    return encoded.starts_with("$argon2id$v=19$m=") && encoded.find('\0') == std::string_view::npos;
}

void waste_one_verification(std::string_view password) {
    // A hash made once per process with the current parameters, so that the refusal of an
    // unknown name costs what a wrong password costs. (The first such refusal in a process
    // costs one hash more, which tells nothing about the name.)
    static std::once_flag once;
    static std::string dummy;
    std::call_once(once, [] { dummy = hash_password("ububiko: no such user"); });
    (void)verify_password(dummy, password);
}

}  // namespace ububiko::accounts
