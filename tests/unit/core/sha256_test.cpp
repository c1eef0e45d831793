#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "core/sha256.hpp"

using namespace ububiko;

namespace {

std::string digest(std::string_view data, Sha256::Engine engine) {
    Sha256 h(engine);
    h.update(data);
    return h.hex();
}

}  // namespace

// The examples of FIPS 180-4 (NIST's "SHA256.pdf" and "SHA2_Additional.pdf").
TEST_CASE("SHA-256 gives NIST's digests, with and without the processor's SHA extensions") {
    const std::string million_a(1000000, 'a');
    const std::pair<std::string_view, const char*> examples[] = {
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
        {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
        {million_a, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
    };
    INFO("processor extensions used: " << sha256_uses_processor_extensions());
    for (const auto& [message, expected] : examples) {
        CHECK(digest(message, Sha256::Engine::portable) == expected);
        CHECK(digest(message, Sha256::Engine::best) == expected);
        CHECK(sha256_hex(message) == expected);
    }
}

TEST_CASE("SHA-256 is the same whatever the lengths and the pieces it is given in") {
    std::mt19937 random(20261128);
    std::string data(5000, '\0');
    for (char& c : data) c = static_cast<char>(random());
    // Every length around the block (64) and padding (56) boundaries, and a few longer.
    for (std::size_t size : {0u, 1u, 55u, 56u, 57u, 63u, 64u, 65u, 119u, 120u, 127u, 128u, 129u, 1000u, 4097u, 5000u}) {
        std::string_view message(data.data(), size);
        const std::string whole = digest(message, Sha256::Engine::portable);
        CHECK(digest(message, Sha256::Engine::best) == whole);
        // The same bytes in pieces of 1, 7, 63 and 100 bytes.
        for (std::size_t piece : {1u, 7u, 63u, 100u}) {
            Sha256 h;
            for (std::size_t at = 0; at < size; at += piece) h.update(message.substr(at, piece));
            CHECK(h.hex() == whole);
        }
    }
}
