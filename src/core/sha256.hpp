// SHA-256 digests (FIPS 180-4), as lowercase hex.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace ububiko {

// Incremental hashing; update() any number of times, then hex() once.
class Sha256 {
public:
    // best: the processor's SHA extensions when it has them; portable: plain C++ (tests
    // compare the two).
    enum class Engine { best, portable };
    Sha256();
    explicit Sha256(Engine engine);
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
// Whether Engine::best uses the processor's SHA extensions here.
bool sha256_uses_processor_extensions();
// Hashes a whole file; throws Error(io) naming the file when it cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace ububiko
