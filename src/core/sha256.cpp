#include "core/sha256.hpp"

#include <array>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"

// SHA-256 as FIPS 180-4 defines it, written here rather than taken from libcrypto: linking
// libcrypto runs its processor detection (a dozen CPUID instructions, each a trip to the
// hypervisor on a virtual machine, about 30 µs in all) at the start of every command, a
// search included, though only filing hashes anything. On processors with the SHA
// extensions (Intel since Goldmont and Ice Lake, AMD since Zen) the rounds run on them;
// which one is asked the first time something is hashed.

namespace ububiko {
namespace {

using State = std::array<std::uint32_t, 8>;

constexpr State k_initial = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                             0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

// The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
alignas(16) constexpr std::uint32_t k_round[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

std::uint32_t load_big_endian(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) << 24 | static_cast<std::uint32_t>(p[1]) << 16 |
           static_cast<std::uint32_t>(p[2]) << 8 | static_cast<std::uint32_t>(p[3]);
}

// Any processor: the 64 rounds of FIPS 180-4 §6.2.2 on each 64-byte block.
void compress_portable(State& h, const unsigned char* blocks, std::size_t count) {
    for (; count > 0; --count, blocks += 64) {
        std::uint32_t w[64];
        for (int t = 0; t < 16; ++t) w[t] = load_big_endian(blocks + 4 * t);
        for (int t = 16; t < 64; ++t) {
            const std::uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
            const std::uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
        for (int t = 0; t < 64; ++t) {
            const std::uint32_t t1 = k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k_round[t] + w[t];
            const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            k = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += k;
    }
}

#if defined(__x86_64__)
// The SHA extensions: SHA256RNDS2 does two rounds on the state held as ABEF and CDGH,
// SHA256MSG1/MSG2 extend the message schedule four words at a time.
__attribute__((target("sha,sse4.1,ssse3"))) void compress_sha_ni(State& h, const unsigned char* blocks, std::size_t count) {
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i dcba = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&h[0]));  // lanes A B C D
    __m128i hgfe = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&h[4]));  // lanes E F G H
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);                               // lanes B A D C
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);                               // lanes H G F E
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);                              // lanes F E B A
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);                           // lanes H G D C
    for (; count > 0; --count, blocks += 64) {
        const __m128i abef_before = abef, cdgh_before = cdgh;
        __m128i m[4];
        for (int i = 0; i < 4; ++i)
            m[i] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks + 16 * i)), byte_swap);
        for (int group = 0; group < 16; ++group) {
            __m128i& words = m[group % 4];
            if (group >= 4) {
                // W[t..t+3] from the four previous groups of words (t = 4 * group).
                const __m128i& w0 = m[group % 4];  // W[t-16..t-13], overwritten below
                const __m128i& w1 = m[(group + 1) % 4];
                const __m128i& w2 = m[(group + 2) % 4];
                const __m128i& w3 = m[(group + 3) % 4];
                __m128i next = _mm_sha256msg1_epu32(w0, w1);
                next = _mm_add_epi32(next, _mm_alignr_epi8(w3, w2, 4));
                words = _mm_sha256msg2_epu32(next, w3);
            }
            __m128i msg = _mm_add_epi32(words, _mm_load_si128(reinterpret_cast<const __m128i*>(&k_round[4 * group])));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, msg);
            msg = _mm_shuffle_epi32(msg, 0x0E);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, msg);
        }
        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
    }
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    dcba = _mm_blend_epi16(feba, dchg, 0xF0);
    hgfe = _mm_alignr_epi8(dchg, feba, 8);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(&h[0]), dcba);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(&h[4]), hgfe);
}

bool cpu_has_sha_ni() {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
    const bool ssse3 = (c & bit_SSSE3) != 0, sse41 = (c & bit_SSE4_1) != 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
    return ssse3 && sse41 && (b & bit_SHA) != 0;
}
#endif

using Compress = void (*)(State&, const unsigned char*, std::size_t);

Compress compress_function() {
#if defined(__x86_64__)
    static const Compress chosen = cpu_has_sha_ni() ? compress_sha_ni : compress_portable;
    return chosen;
#else
    return compress_portable;
#endif
}

}  // namespace

bool sha256_uses_processor_extensions() { return compress_function() != compress_portable; }

struct Sha256::Impl {
    State state = k_initial;
    unsigned char pending[64];
    std::size_t pending_size = 0;
    std::uint64_t total = 0;  // bytes
    Compress compress = compress_portable;
};

Sha256::Sha256() : Sha256(Engine::best) {}

Sha256::Sha256(Engine engine) : m_impl(std::make_unique<Impl>()) {
    m_impl->compress = engine == Engine::portable ? compress_portable : compress_function();
}

Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(const void* data, std::size_t size) {
    Impl& s = *m_impl;
    const auto* p = static_cast<const unsigned char*>(data);
    s.total += size;
    if (s.pending_size > 0) {
        const std::size_t take = std::min(size, 64 - s.pending_size);
        std::memcpy(s.pending + s.pending_size, p, take);
        s.pending_size += take;
        p += take;
        size -= take;
        if (s.pending_size < 64) return;
        s.compress(s.state, s.pending, 1);
        s.pending_size = 0;
    }
    if (size >= 64) {
        s.compress(s.state, p, size / 64);
        p += size / 64 * 64;
        size %= 64;
    }
    std::memcpy(s.pending, p, size);
    s.pending_size = size;
}

std::string Sha256::hex() {
    Impl& s = *m_impl;
    // The message, a 1 bit, zeros up to 56 bytes modulo 64, then its length in bits.
    const std::uint64_t bits = s.total * 8;
    unsigned char tail[128] = {0};
    std::memcpy(tail, s.pending, s.pending_size);
    tail[s.pending_size] = 0x80;
    const std::size_t tail_size = s.pending_size < 56 ? 64 : 128;
    for (int i = 0; i < 8; ++i) tail[tail_size - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
    s.compress(s.state, tail, tail_size / 64);
    unsigned char digest[32];
    for (int i = 0; i < 8; ++i)
        for (int j = 0; j < 4; ++j) digest[4 * i + j] = static_cast<unsigned char>(s.state[static_cast<std::size_t>(i)] >> (24 - 8 * j));
    return to_hex(digest, sizeof digest);
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
