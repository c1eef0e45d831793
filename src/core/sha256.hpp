// SHA-256 digests (OpenSSL libcrypto), as lowercase hex.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace ububiko {

// Incremental hashing; update() any number of times, then hex() once.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;

    void update(const void* data, std::size_t size);
    void update(std::string_view data) { update(data.data(), data.size()); }
    // The digest as 64 lowercase hex characters; the object is finished afterwards.
    std::string hex();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

std::string sha256_hex(std::string_view data);
// Hashes a whole file; throws Error(io) naming the file when it cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace ububiko
