// The worker process: `ububiko __extract-worker`, started by WorkerPool.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <new>

#include "core/i18n.hpp"
#include "extract/extract.hpp"
#include "extract/messages.hpp"
#include "extract/protocol.hpp"

namespace ububiko::extract {

namespace {

using detail::about;

// Reads exactly size bytes. False on end of input before the first byte; throws
// ProtocolError on end of input in the middle.
bool read_exact(int fd, void* buffer, std::size_t size) {
    auto* out = static_cast<char*>(buffer);
    std::size_t have = 0;
    while (have < size) {
        const ssize_t n = ::read(fd, out + have, size - have);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (have == 0) return false;
            throw detail::ProtocolError("truncated request");
        }
        have += static_cast<std::size_t>(n);
    }
    return true;
}

bool write_all_fd(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

std::string memory_limit_text() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_AS, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return "";
    return tr(" (limite : ", " (limit: ") + std::to_string(limit.rlim_cur >> 20) +
           tr(" Mio)", " MiB)");
}

// The parent is gone: nobody reads what this worker writes.
struct ParentGone {};

// The reply frame for one request: the result, or the error it ended with. Progress
// frames go to out as pages are done.
std::string answer(const detail::Request& request, int out) {
    const PageProgress progress = [out](int done, int total) {
        if (!write_all_fd(out, detail::encode_progress({done, total}))) throw ParentGone{};
    };
    try {
        return detail::encode_result(extract_in_process(request.path, request.options, progress));
    } catch (const Error& e) {
        return detail::encode_error(e, false);
    } catch (const std::bad_alloc&) {
        // The heap may be fragmented or a library left half-way: ask to be replaced.
        return detail::encode_error(
            Error(ErrorCode::invalid_input,
                  about(request.path, tr("mémoire insuffisante pour l'extraction",
                                         "out of memory during extraction") +
                                          memory_limit_text())),
            true);
    } catch (const detail::ProtocolError&) {
        return detail::encode_error(
            Error(ErrorCode::invalid_input,
                  about(request.path, tr("texte extrait trop volumineux (plus de 256 Mio)",
                                         "extracted text too large (over 256 MiB)"))),
            false);
    } catch (const std::exception& e) {
        return detail::encode_error(
            Error(ErrorCode::internal,
                  about(request.path, tr("erreur inattendue pendant l'extraction : ",
                                         "unexpected error during extraction: ") +
                                          e.what())),
            true);
    }
}

}  // namespace

int worker_main() {
    // A parent that went away makes writes fail: end quietly rather than by a signal.
    ::signal(SIGPIPE, SIG_IGN);
    // The protocol gets private copies of stdin and stdout; the standard descriptors point
    // to /dev/null, so that a library printing on stdout cannot corrupt a frame.
    const int in = ::fcntl(0, F_DUPFD_CLOEXEC, 3);
    const int out = ::fcntl(1, F_DUPFD_CLOEXEC, 3);
    if (in < 0 || out < 0) return 1;
    const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null_fd >= 0) {
        ::dup2(null_fd, 0);
        ::dup2(null_fd, 1);
        // What the image libraries say about a damaged file ("libpng error: Read Error",
        // libtiff and libjpeg warnings) reaches the user as an Error: their own words on
        // stderr would only clutter the progress of a batch. Set UBUBIKO_WORKER_STDERR to
        // see them; sanitised builds keep stderr for their reports.
#if !defined(__SANITIZE_ADDRESS__)
        if (std::getenv("UBUBIKO_WORKER_STDERR") == nullptr) ::dup2(null_fd, 2);
#endif
        ::close(null_fd);
    }

    for (;;) {
        std::string reply;
        try {
            unsigned char header[detail::k_frame_header_bytes];
            if (!read_exact(in, header, sizeof header)) return 0;  // end of input: done
            std::string payload(detail::decode_frame_length(header), '\0');
            if (!read_exact(in, payload.data(), payload.size()))
                throw detail::ProtocolError("truncated request");
            const detail::Request request = detail::decode_request(payload);
            set_language(request.language);
            reply = answer(request, out);
        } catch (const detail::ProtocolError&) {
            return 2;  // not talking to a WorkerPool
        } catch (const ParentGone&) {
            return 1;
        }
        if (!write_all_fd(out, reply)) return 1;
    }
}

}  // namespace ububiko::extract
