#include "pdf_fixture.hpp"

#include <openssl/evp.h>

#include <cstdio>
#include <string>
#include <vector>

namespace ububiko::test {

namespace {

using Bytes = std::string;

// The 32-byte padding of the standard security handler (ISO 32000-1, 7.6.3.3).
const Bytes k_padding(
    "\x28\xBF\x4E\x5E\x4E\x75\x8A\x41\x64\x00\x4E\x56\xFF\xFA\x01\x08"
    "\x2E\x2E\x00\xB6\xD0\x68\x3E\x80\x2F\x0C\xA9\xFE\x64\x53\x69\x7A",
    32);

Bytes md5(const Bytes& data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(data.data(), data.size(), out, &size, EVP_md5(), nullptr);
    return Bytes(reinterpret_cast<char*>(out), size);
}

Bytes rc4(const Bytes& key, const Bytes& data) {
    unsigned char s[256];
    for (int i = 0; i < 256; ++i) s[i] = static_cast<unsigned char>(i);
    for (int i = 0, j = 0; i < 256; ++i) {
        j = (j + s[i] + static_cast<unsigned char>(key[static_cast<std::size_t>(i) % key.size()])) &
            0xFF;
        std::swap(s[i], s[j]);
    }
    Bytes out(data);
    for (std::size_t n = 0, i = 0, j = 0; n < out.size(); ++n) {
        i = (i + 1) & 0xFF;
        j = (j + s[i]) & 0xFF;
        std::swap(s[i], s[j]);
        out[n] = static_cast<char>(out[n] ^ s[(s[i] + s[j]) & 0xFF]);
    }
    return out;
}

Bytes hex(const Bytes& data) {
    Bytes out;
    char byte[3];
    for (unsigned char c : data) {
        std::snprintf(byte, sizeof byte, "%02X", c);
        out += byte;
    }
    return out;
}

// The key for one object's strings and streams (algorithm 1).
Bytes object_key(const Bytes& file_key, int number) {
    Bytes salt = file_key;
    salt += static_cast<char>(number & 0xFF);
    salt += static_cast<char>((number >> 8) & 0xFF);
    salt += static_cast<char>((number >> 16) & 0xFF);
    salt += Bytes("\0\0", 2);  // generation 0
    return md5(salt).substr(0, file_key.size() + 5);
}

}  // namespace

std::string owner_protected_pdf(const std::string& text, const std::string& title) {
    const Bytes id = md5("ububiko test fixture");
    const int permissions = -64;  // nothing allowed beyond viewing
    // O from the owner password (algorithm 3), file key and U from the empty user password
    // (algorithms 2 and 4).
    const Bytes o =
        rc4(md5(Bytes("proprietaire") + k_padding.substr(0, 32 - 12)).substr(0, 5), k_padding);
    Bytes p(4, '\0');
    for (int i = 0; i < 4; ++i)
        p[static_cast<std::size_t>(i)] = static_cast<char>((permissions >> (8 * i)) & 0xFF);
    const Bytes key = md5(k_padding + o + p + id).substr(0, 5);
    const Bytes u = rc4(key, k_padding);

    const Bytes content = "BT /F1 14 Tf 72 720 Td (" + text + ") Tj ET";
    const Bytes stream = rc4(object_key(key, 5), content);
    std::vector<Bytes> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
        "<< /Title <" + hex(rc4(object_key(key, 6), title)) + "> >>",
        "<< /Filter /Standard /V 1 /R 2 /O <" + hex(o) + "> /U <" + hex(u) + "> /P " +
            std::to_string(permissions) + " >>",
    };
    Bytes pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t offset : offsets) {
        char line[21];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
        pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R /Info 6 0 R /Encrypt 7 0 R /ID [<" + hex(id) + "> <" + hex(id) +
           ">] >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

}  // namespace ububiko::test
