#include "extract/protocol.hpp"

#include <cstring>
#include <limits>

namespace ububiko::extract::detail {

namespace {

enum class Tag : unsigned char { request = 'Q', progress = 'P', result = 'R', error = 'E' };

// Builds a frame: reserves the header, appends fields, fills the length in at the end.
class FrameWriter {
public:
    explicit FrameWriter(Tag tag) : m_frame(k_frame_header_bytes, '\0') {
        u8(static_cast<unsigned char>(tag));
    }
    void u8(unsigned char value) { m_frame.push_back(static_cast<char>(value)); }
    void u32(std::uint32_t value) {
        for (int shift = 24; shift >= 0; shift -= 8)
            m_frame.push_back(static_cast<char>((value >> shift) & 0xFF));
    }
    void i32(int value) { u32(static_cast<std::uint32_t>(value)); }
    void f64(double value) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        u32(static_cast<std::uint32_t>(bits >> 32));
        u32(static_cast<std::uint32_t>(bits & 0xFFFFFFFFu));
    }
    void str(std::string_view s) {
        if (s.size() > k_max_frame_bytes) throw ProtocolError("string too long for a frame");
        u32(static_cast<std::uint32_t>(s.size()));
        m_frame.append(s);
    }
    std::string finish() {
        const std::size_t payload = m_frame.size() - k_frame_header_bytes;
        if (payload > k_max_frame_bytes) throw ProtocolError("frame too large");
        for (int i = 0; i < 4; ++i)
            m_frame[static_cast<std::size_t>(i)] =
                static_cast<char>((payload >> (8 * (3 - i))) & 0xFF);
        return std::move(m_frame);
    }

private:
    std::string m_frame;
};

// Reads fields back, checking every length against what is left.
class PayloadReader {
public:
    explicit PayloadReader(std::string_view payload) : m_rest(payload) {}
    unsigned char u8() {
        need(1);
        const auto value = static_cast<unsigned char>(m_rest[0]);
        m_rest.remove_prefix(1);
        return value;
    }
    std::uint32_t u32() {
        need(4);
        std::uint32_t value = 0;
        for (int i = 0; i < 4; ++i)
            value = (value << 8) | static_cast<unsigned char>(m_rest[static_cast<std::size_t>(i)]);
        m_rest.remove_prefix(4);
        return value;
    }
    int i32() { return static_cast<int>(u32()); }
    double f64() {
        std::uint64_t bits = std::uint64_t{u32()} << 32;
        bits |= u32();
        double value = 0;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    }
    std::string str() {
        const std::uint32_t size = u32();
        need(size);
        std::string value(m_rest.substr(0, size));
        m_rest.remove_prefix(size);
        return value;
    }
    // A count of items each at least min_item_bytes long: bounded by what is left.
    std::uint32_t count(std::size_t min_item_bytes) {
        const std::uint32_t n = u32();
        if (n > m_rest.size() / min_item_bytes) throw ProtocolError("count exceeds the frame");
        return n;
    }
    void expect_end() const {
        if (!m_rest.empty()) throw ProtocolError("trailing bytes in frame");
    }

private:
    void need(std::size_t size) const {
        if (size > m_rest.size()) throw ProtocolError("truncated frame");
    }
    std::string_view m_rest;
};

Kind kind_from(unsigned char value) {
    if (value > static_cast<unsigned char>(Kind::unknown)) throw ProtocolError("bad kind");
    return static_cast<Kind>(value);
}

ErrorCode code_from(unsigned char value) {
    const auto code = static_cast<ErrorCode>(value);
    switch (code) {
        case ErrorCode::invalid_input:
        case ErrorCode::not_found:
        case ErrorCode::conflict:
        case ErrorCode::busy:
        case ErrorCode::corrupt:
        case ErrorCode::io:
        case ErrorCode::unsupported:
        case ErrorCode::internal:
            return code;
    }
    throw ProtocolError("bad error code");
}

}  // namespace

std::uint32_t decode_frame_length(const unsigned char header[k_frame_header_bytes]) {
    const std::uint32_t length = (std::uint32_t{header[0]} << 24) |
                                 (std::uint32_t{header[1]} << 16) |
                                 (std::uint32_t{header[2]} << 8) | std::uint32_t{header[3]};
    if (length == 0 || length > k_max_frame_bytes) throw ProtocolError("bad frame length");
    return length;
}

std::string encode_request(const Request& request) {
    FrameWriter out(Tag::request);
    out.u8(request.language == Language::en ? 1 : 0);
    out.str(request.path);
    out.u32(static_cast<std::uint32_t>(request.options.ocr_languages.size()));
    for (const std::string& language : request.options.ocr_languages) out.str(language);
    out.str(request.options.searchable_pdf);
    return out.finish();
}

Request decode_request(std::string_view payload) {
    PayloadReader in(payload);
    if (in.u8() != static_cast<unsigned char>(Tag::request)) throw ProtocolError("not a request");
    Request request;
    request.language = in.u8() == 1 ? Language::en : Language::fr;
    request.path = in.str();
    const std::uint32_t languages = in.count(4);
    for (std::uint32_t i = 0; i < languages; ++i) request.options.ocr_languages.push_back(in.str());
    request.options.searchable_pdf = in.str();
    in.expect_end();
    return request;
}

std::string encode_progress(const Progress& progress) {
    FrameWriter out(Tag::progress);
    out.i32(progress.done);
    out.i32(progress.total);
    return out.finish();
}

std::string encode_result(const Result& result) {
    FrameWriter out(Tag::result);
    out.u8(static_cast<unsigned char>(result.type.kind));
    out.str(result.type.media_type);
    out.str(result.type.extension);
    out.u32(static_cast<std::uint32_t>(result.pages.size()));
    for (const std::string& page : result.pages) out.str(page);
    out.str(result.method);
    out.u8(result.needs_ocr ? 1 : 0);
    out.u32(static_cast<std::uint32_t>(result.pages_without_text.size()));
    for (int page : result.pages_without_text) out.i32(page);
    out.str(result.title);
    out.u8(result.created ? 1 : 0);
    if (result.created) out.str(*result.created);
    out.u32(static_cast<std::uint32_t>(result.page_info.size()));
    for (const PageInfo& page : result.page_info) {
        out.i32(page.number);
        out.u8(page.ocr ? 1 : 0);
        out.f64(page.confidence);
        out.i32(page.rotation);
        out.f64(page.skew);
        out.u8(page.blank ? 1 : 0);
        out.i32(page.words);
    }
    out.str(result.ocr_engine);
    out.u8(result.searchable_pdf_written ? 1 : 0);
    return out.finish();
}

std::string encode_error(const Error& error, bool replace_worker) {
    FrameWriter out(Tag::error);
    out.u8(static_cast<unsigned char>(error.code()));
    out.str(error.message());
    out.str(error.place().file);
    out.i32(error.place().line);
    out.i32(error.place().column);
    out.str(error.place().field);
    out.u8(replace_worker ? 1 : 0);
    return out.finish();
}

Reply decode_reply(std::string_view payload) {
    PayloadReader in(payload);
    Reply reply;
    const unsigned char tag = in.u8();
    if (tag == static_cast<unsigned char>(Tag::result)) {
        Result result;
        result.type.kind = kind_from(in.u8());
        result.type.media_type = in.str();
        result.type.extension = in.str();
        const std::uint32_t pages = in.count(4);
        result.pages.reserve(pages);
        for (std::uint32_t i = 0; i < pages; ++i) result.pages.push_back(in.str());
        result.method = in.str();
        result.needs_ocr = in.u8() != 0;
        const std::uint32_t blank = in.count(4);
        result.pages_without_text.reserve(blank);
        for (std::uint32_t i = 0; i < blank; ++i) result.pages_without_text.push_back(in.i32());
        result.title = in.str();
        if (in.u8() != 0) result.created = in.str();
        constexpr std::size_t k_page_info_bytes = 4 + 1 + 8 + 4 + 8 + 1 + 4;
        const std::uint32_t infos = in.count(k_page_info_bytes);
        result.page_info.reserve(infos);
        for (std::uint32_t i = 0; i < infos; ++i) {
            PageInfo page;
            page.number = in.i32();
            page.ocr = in.u8() != 0;
            page.confidence = in.f64();
            page.rotation = in.i32();
            page.skew = in.f64();
            page.blank = in.u8() != 0;
            page.words = in.i32();
            result.page_info.push_back(page);
        }
        result.ocr_engine = in.str();
        result.searchable_pdf_written = in.u8() != 0;
        reply.result = std::move(result);
    } else if (tag == static_cast<unsigned char>(Tag::progress)) {
        Progress progress;
        progress.done = in.i32();
        progress.total = in.i32();
        reply.progress = progress;
    } else if (tag == static_cast<unsigned char>(Tag::error)) {
        const ErrorCode code = code_from(in.u8());
        std::string message = in.str();
        Place place;
        place.file = in.str();
        place.line = in.i32();
        place.column = in.i32();
        place.field = in.str();
        reply.replace_worker = in.u8() != 0;
        reply.error.emplace(code, message, std::move(place));
    } else {
        throw ProtocolError("not a reply");
    }
    in.expect_end();
    return reply;
}

}  // namespace ububiko::extract::detail
