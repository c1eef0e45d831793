// Password hashing: Argon2id (libargon2) in its encoded form
// "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>", which carries its own parameters so that
// they can be raised later without making the stored hashes unreadable.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ububiko::accounts {

// The parameters of new hashes: OWASP's minimum for Argon2id (19 MiB, two passes, one lane).
inline constexpr std::uint32_t k_argon2_time_cost = 2;
inline constexpr std::uint32_t k_argon2_memory_kib = 19456;
inline constexpr std::uint32_t k_argon2_parallelism = 1;
inline constexpr std::size_t k_salt_bytes = 16;
inline constexpr std::size_t k_hash_bytes = 32;

// Shortest and longest password accepted, in characters (UTF-8 code points) and bytes.
inline constexpr std::size_t k_min_password_chars = 8;
inline constexpr std::size_t k_max_password_bytes = 1024;

// Throws Error(invalid_input), field "password", when the password is too short or too
// long, or is not UTF-8.
void check_password(std::string_view password);

// Hashes a password with a fresh 16-byte salt from getrandom(2). Two calls with the same
// password give different strings. Throws Error(io) if the system gives no randomness,
// Error(internal) if libargon2 fails (out of memory).
std::string hash_password(std::string_view password);

// Whether the password matches an encoded hash (any Argon2id parameters). A malformed
// hash matches nothing.
bool verify_password(std::string_view encoded, std::string_view password);

// The Argon2id verifications this process has run, and the parameters of the last one
// ("$argon2id$v=19$m=19456,t=2,p=1"): what a refusal costs, told without a clock (tests
// check that an unknown name costs one full verification, as a wrong password does).
struct Verifications {
    std::uint64_t runs = 0;
    std::string last_parameters;
};
Verifications verifications();
// The parameters part of an encoded hash, as Verifications gives it.
std::string hash_parameters(std::string_view encoded);

// Whether an encoded string is an Argon2id hash this module can verify (checked when
// users.json is read).
bool looks_like_argon2id(std::string_view encoded);

// Spends the time of one verification with the current parameters and returns nothing:
// used for an unknown user, so that the time of a refusal does not tell whether a name
// exists.
void waste_one_verification(std::string_view password);

}  // namespace ububiko::accounts
