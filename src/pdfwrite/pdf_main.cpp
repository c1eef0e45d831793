// ububiko-pdf KIND OUT.pdf, KIND being "register", "slip" or "stamp": reads the document's
// JSON description on standard input, writes the PDF atomically (OUT.pdf.tmp, fsync, rename:
// OUT.pdf is either the whole new file or untouched) and exits with 0; on failure prints
// one message in the user's language (UBUBIKO_LANG, else the locale) on standard error and
// exits with 2 (bad description or arguments), 6 (a PDF to stamp that cannot be read),
// 8 (one that is encrypted) or 7 (anything else: writing, PDF library).
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <new>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "pdfwrite/pdfwrite.hpp"

namespace ububiko::pdfwrite {

namespace {

// A description is a few hundred bytes a row: this is millions of rows.
constexpr std::size_t k_max_input_bytes = 512u * 1024 * 1024;

std::string read_standard_input() {
    std::string data;
    char buffer[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(0, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw_io(tr("lire", "read"), tr("l'entrée standard", "standard input"), errno);
        if (n == 0) return data;
        data.append(buffer, static_cast<std::size_t>(n));
        if (data.size() > k_max_input_bytes)
            throw Error(ErrorCode::invalid_input,
                        tr("description trop longue (plus de 512 Mo)", "description too long (over 512 MB)"));
    }
}

nlohmann::json parse(const std::string& text) {
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw Error(ErrorCode::invalid_input,
                    tr("description JSON illisible (octet ", "unreadable JSON description (byte ") +
                        std::to_string(e.byte) + ")");
    }
}

}  // namespace

int pdf_main(int argc, char** argv) {
    try {
        const std::string kind = argc > 1 ? argv[1] : "";
        if (argc != 3 || (kind != "register" && kind != "slip" && kind != "stamp") || argv[2][0] == '\0')
            throw Error(ErrorCode::invalid_input,
                        tr("usage : ububiko-pdf register|slip|stamp FICHIER.pdf (description JSON sur "
                           "l'entrée standard)",
                           "usage: ububiko-pdf register|slip|stamp FILE.pdf (JSON description on standard "
                           "input)"));
        const nlohmann::json spec = parse(read_standard_input());
        if (kind == "register") {
            write_register(register_from_json(spec), argv[2]);
        } else if (kind == "slip") {
            write_slip(slip_from_json(spec), argv[2]);
        } else {
            StampSpec stamp = stamp_from_json(spec);
            stamp.output_pdf = argv[2];
            write_stamp(stamp);
        }
        return 0;
    } catch (const Error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        switch (e.code()) {
            case ErrorCode::invalid_input:
            case ErrorCode::corrupt:
            case ErrorCode::unsupported: return exit_status(e.code());
            default: return 7;
        }
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "%s\n", tr("mémoire insuffisante", "out of memory").c_str());
        return 7;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s%s\n", tr("erreur interne : ", "internal error: ").c_str(), e.what());
        return 7;
    }
}

}  // namespace ububiko::pdfwrite
