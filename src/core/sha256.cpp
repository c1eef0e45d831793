#include "core/sha256.hpp"

#include "core/text.hpp"

#include <openssl/evp.h>

#include <cstdio>

#include "core/error.hpp"
#include "core/fs.hpp"

namespace ububiko {

struct Sha256::Impl {
    EVP_MD_CTX* ctx = nullptr;
    ~Impl() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : m_impl(std::make_unique<Impl>()) {
    m_impl->ctx = EVP_MD_CTX_new();
    if (m_impl->ctx == nullptr || EVP_DigestInit_ex(m_impl->ctx, EVP_sha256(), nullptr) != 1)
        throw Error(ErrorCode::internal, "EVP_DigestInit_ex(sha256) failed");
}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(const void* data, std::size_t size) {
    EVP_DigestUpdate(m_impl->ctx, data, size);
}

std::string Sha256::hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_impl->ctx, digest, &length);
    return to_hex(digest, length);
}

std::string sha256_hex(std::string_view data) {
    Sha256 h;
    h.update(data);
    return h.hex();
}

std::string sha256_file(const std::string& path) {
    Sha256 h;
    UniqueFd fd = open_for_reading(path);
    char buffer[1 << 16];
    for (;;) {
        std::size_t n = read_some(fd, path, buffer, sizeof buffer);
        if (n == 0) break;
        h.update(buffer, n);
    }
    return h.hex();
}

}  // namespace ububiko
