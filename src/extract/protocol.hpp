// The messages a WorkerPool and its worker processes exchange over the worker's stdin and
// stdout. Each message is a frame: a 4-byte big-endian payload length, then the payload,
// whose first byte says what it is (request, progress, result or error); strings are a
// 4-byte length and raw bytes, so paths and text pass through unchanged. While it works on
// a document, a worker may send progress frames (a page done) before the result or error. The reader checks every
// length: a worker that writes garbage produces a ProtocolError, never a crash.
// Internal to the extract module.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "extract/extract.hpp"

namespace ububiko::extract::detail {

// Largest payload either side accepts.
inline constexpr std::uint32_t k_max_frame_bytes = std::uint32_t{256} << 20;
inline constexpr std::size_t k_frame_header_bytes = 4;

class ProtocolError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Request {
    std::string path;
    Language language = Language::fr;  // the worker answers in the caller's language
    Options options;
};

struct Progress {
    int done = 0;   // pages done
    int total = 0;  // pages in the document
};

// What a worker sends: progress, then a result or an error; replace_worker asks the pool
// to start a fresh worker for the next document (after running out of memory, say).
// Exactly one of progress, result and error is set.
struct Reply {
    std::optional<Progress> progress;
    std::optional<Result> result;
    std::optional<Error> error;
    bool replace_worker = false;
};

// Whole frames, header included, ready to write.
std::string encode_request(const Request& request);
std::string encode_progress(const Progress& progress);
std::string encode_result(const Result& result);
std::string encode_error(const Error& error, bool replace_worker);

// Payload length from a frame header; throws ProtocolError above k_max_frame_bytes.
std::uint32_t decode_frame_length(const unsigned char header[k_frame_header_bytes]);
// Payloads (without the header); throw ProtocolError on anything malformed.
Request decode_request(std::string_view payload);
Reply decode_reply(std::string_view payload);

}  // namespace ububiko::extract::detail
