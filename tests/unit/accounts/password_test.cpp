#include <catch2/catch.hpp>

#include <argon2.h>

#include "accounts/password.hpp"
#include "core/error.hpp"

using namespace ububiko;
using namespace ububiko::accounts;

TEST_CASE("a password hash is Argon2id with the OWASP parameters and its own salt") {
    const std::string a = hash_password("correct horse");
    const std::string b = hash_password("correct horse");
    CHECK_THAT(a, Catch::StartsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
    CHECK(a != b);  // a fresh salt each time
    // The salt is the fourth field: 16 bytes, 22 characters of unpadded base64.
    const std::size_t salt_at = a.find('$', 30) + 1;
    CHECK(a.find('$', salt_at) - salt_at == 22);
    CHECK(looks_like_argon2id(a));
    CHECK(verify_password(a, "correct horse"));
    CHECK(verify_password(b, "correct horse"));
    CHECK_FALSE(verify_password(a, "correct horsE"));
    CHECK_FALSE(verify_password(a, ""));
    CHECK(a.find("correct") == std::string::npos);
}

TEST_CASE("a malformed hash matches nothing") {
    CHECK_FALSE(verify_password("", "motdepasse"));
    CHECK_FALSE(verify_password("motdepasse", "motdepasse"));
    CHECK_FALSE(verify_password("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA", "motdepasse"));
    CHECK_FALSE(verify_password("$argon2id$v=19$m=19456,t=2,p=1$!!$??", "motdepasse"));
    CHECK_FALSE(looks_like_argon2id("$2y$10$abcdefghijklmnopqrstuv"));
}

TEST_CASE("hashes made with other parameters still verify, so the parameters can rise") {
    const unsigned char salt[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    char encoded[128];
    REQUIRE(argon2id_hash_encoded(1, 4096, 1, "ancien mot", 10, salt, sizeof salt, 32, encoded,
                                  sizeof encoded) == ARGON2_OK);
    CHECK_THAT(encoded, Catch::StartsWith("$argon2id$v=19$m=4096,t=1,p=1$"));
    CHECK(verify_password(encoded, "ancien mot"));
    CHECK_FALSE(verify_password(encoded, "ancien mut"));
}

TEST_CASE("passwords are at least 8 characters, counted as characters, not bytes") {
    auto field_of_refusal = [](const std::string& password) {
        try {
            check_password(password);
        } catch (const Error& e) {
            CHECK(e.code() == ErrorCode::invalid_input);
            return e.place().field;
        }
        return std::string("(accepted)");
    };
    CHECK(field_of_refusal("1234567") == "password");
    CHECK(field_of_refusal("") == "password");
    CHECK(field_of_refusal("12345678") == "(accepted)");
    CHECK(field_of_refusal("ééééééé") == "password");     // 7 characters, 14 bytes
    CHECK(field_of_refusal("éééééééé") == "(accepted)");  // 8 characters
    CHECK(field_of_refusal("abc\xff\xfe"
                           "defgh") == "password");  // not UTF-8
    CHECK(field_of_refusal(std::string(k_max_password_bytes + 1, 'x')) == "password");
    CHECK(field_of_refusal(std::string(k_max_password_bytes, 'x')) == "(accepted)");
}

TEST_CASE("the time of an unknown name is spent without error") {
    CHECK_NOTHROW(waste_one_verification("anything"));
    CHECK_NOTHROW(waste_one_verification(""));
}
