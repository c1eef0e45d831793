#include <catch2/catch.hpp>

#include "extract/protocol.hpp"

using namespace ububiko;
using namespace ububiko::extract;
using namespace ububiko::extract::detail;

namespace {

std::string_view payload_of(const std::string& frame) {
    return std::string_view(frame).substr(k_frame_header_bytes);
}

}  // namespace

TEST_CASE("requests and results survive the round trip byte for byte") {
    const std::string odd_path = "/archive/inbox/lettre \xE9t\xE9\n.pdf";  // not UTF-8
    Request sent{odd_path, Language::en, {}};
    sent.options.ocr_languages = {"fra", "eng"};
    sent.options.searchable_pdf = "/archive/tmp/ocr-1.pdf";
    const std::string frame = encode_request(sent);
    const auto header = reinterpret_cast<const unsigned char*>(frame.data());
    CHECK(decode_frame_length(header) == frame.size() - k_frame_header_bytes);
    const Request request = decode_request(payload_of(frame));
    CHECK(request.path == odd_path);
    CHECK(request.language == Language::en);
    CHECK(request.options.ocr_languages == std::vector<std::string>{"fra", "eng"});
    CHECK(request.options.searchable_pdf == "/archive/tmp/ocr-1.pdf");

    Result result;
    result.type = {Kind::pdf, "application/pdf", "pdf"};
    result.pages = {"première page\n", "", std::string("nul\0inside", 10)};
    result.method = "pdf-text";
    result.needs_ocr = true;
    result.pages_without_text = {2};
    result.title = "Procès-verbal";
    result.created = "2024-03-05";
    result.page_info = {{1, false, -1, 0, 0, false, 12}, {2, true, 87.25, 270, -1.5, false, 40},
                        {3, true, -1, 0, 0, true, 0}};
    result.ocr_engine = "tesseract 5.3.0 fra+eng";
    result.searchable_pdf_written = true;
    const Reply reply = decode_reply(payload_of(encode_result(result)));
    REQUIRE(reply.result);
    CHECK_FALSE(reply.error);
    CHECK(reply.result->type.kind == Kind::pdf);
    CHECK(reply.result->type.media_type == "application/pdf");
    CHECK(reply.result->pages == result.pages);
    CHECK(reply.result->needs_ocr);
    CHECK(reply.result->pages_without_text == std::vector<int>{2});
    CHECK(reply.result->title == "Procès-verbal");
    CHECK(reply.result->created == "2024-03-05");
    CHECK(reply.result->page_info == result.page_info);
    CHECK(reply.result->ocr_engine == "tesseract 5.3.0 fra+eng");
    CHECK(reply.result->searchable_pdf_written);
    CHECK_FALSE(reply.progress);
}

TEST_CASE("progress frames say which page is done") {
    const Reply reply = decode_reply(payload_of(encode_progress({3, 40})));
    REQUIRE(reply.progress);
    CHECK(reply.progress->done == 3);
    CHECK(reply.progress->total == 40);
    CHECK_FALSE(reply.result);
    CHECK_FALSE(reply.error);
    const std::string frame = encode_progress({1, 2});
    for (std::size_t n = 0; n < frame.size() - k_frame_header_bytes; ++n)
        CHECK_THROWS_AS(decode_reply(payload_of(frame).substr(0, n)), ProtocolError);
}

TEST_CASE("errors keep their code, message and place") {
    const Error error(ErrorCode::unsupported, "« x.pdf » : PDF protégé", Place{"x.pdf", 3, 4, "f"});
    const Reply reply = decode_reply(payload_of(encode_error(error, true)));
    REQUIRE(reply.error);
    CHECK(reply.error->code() == ErrorCode::unsupported);
    CHECK(reply.error->message() == "« x.pdf » : PDF protégé");
    CHECK(reply.error->place().file == "x.pdf");
    CHECK(reply.error->place().line == 3);
    CHECK(reply.error->place().column == 4);
    CHECK(reply.error->place().field == "f");
    CHECK(reply.replace_worker);
}

TEST_CASE("malformed frames are rejected, never trusted") {
    const unsigned char zero[4] = {0, 0, 0, 0};
    const unsigned char huge[4] = {0x67, 0x61, 0x72, 0x62};  // "garb"
    CHECK_THROWS_AS(decode_frame_length(zero), ProtocolError);
    CHECK_THROWS_AS(decode_frame_length(huge), ProtocolError);

    Result result;
    result.pages = {"a", "b"};
    result.page_info = {{1, true, 90, 0, 0, false, 1}};
    const std::string frame = encode_result(result);
    const std::string_view payload = payload_of(frame);
    // Every truncation, and a trailing byte, fail cleanly.
    for (std::size_t n = 0; n < payload.size(); ++n)
        CHECK_THROWS_AS(decode_reply(payload.substr(0, n)), ProtocolError);
    CHECK_THROWS_AS(decode_reply(std::string(payload) + "x"), ProtocolError);
    CHECK_THROWS_AS(decode_reply("hello"), ProtocolError);
    // A page count far beyond the frame does not allocate anything.
    std::string lying(payload);
    lying[1 + 1 + 4 + 4 + 0] = '\x7F';  // kind, media_type "", extension "", page count
    CHECK_THROWS_AS(decode_reply(lying), ProtocolError);
    CHECK_THROWS_AS(decode_request(payload), ProtocolError);
}
