// Runs every example of docs/api.md, in order, against a live server: each request is
// sent as written ({csrf} and {id} filled in), and the answer must have the status shown
// and every field the example shows (values may differ: ids, scores, texts).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"
#include "core/text.hpp"
#include "web/web_fixture.hpp"

using namespace ububiko::test;

namespace {

struct Example {
    std::string request, response;
    int line = 0;
};

std::vector<Example> read_examples(const std::string& path) {
    std::ifstream in(path);
    std::vector<Example> out;
    std::string line, block, kind;
    int n = 0, start = 0;
    bool inside = false;
    while (std::getline(in, line)) {
        ++n;
        if (!inside && (line == "```request" || line == "```response")) {
            inside = true;
            kind = line.substr(3);
            block.clear();
            start = n;
        } else if (inside && line == "```") {
            inside = false;
            if (kind == "request") out.push_back({block, "", start});
            else if (!out.empty()) out.back().response = block;
        } else if (inside) {
            block += line + "\n";
        }
    }
    return out;
}

std::string fill(std::string s, const std::string& csrf, const std::string& id) {
    for (auto [key, value] : {std::pair<std::string, std::string>{"{csrf}", csrf}, {"{id}", id}})
        for (auto p = s.find(key); p != std::string::npos; p = s.find(key, p)) s.replace(p, key.size(), value);
    return s;
}

// Every key of `expected` is in `actual`, recursively (first elements of arrays compared
// when both have one).
void check_shape(const nlohmann::json& expected, const nlohmann::json& actual, const std::string& where) {
    if (expected.is_object()) {
        REQUIRE(actual.is_object());
        for (auto& [k, v] : expected.items()) {
            INFO(where + "." + k);
            REQUIRE(actual.contains(k));
            check_shape(v, actual[k], where + "." + k);
        }
    } else if (expected.is_array()) {
        REQUIRE(actual.is_array());
        if (!expected.empty() && !actual.empty()) check_shape(expected[0], actual[0], where + "[0]");
    }
}

}  // namespace

TEST_CASE("every example of docs/api.md works as documented") {
    auto examples = read_examples(source("docs/api.md"));
    REQUIRE(examples.size() >= 10);
    Browser b;
    std::string csrf, id;
    for (const Example& ex : examples) {
        INFO("docs/api.md line " << ex.line << ":\n" << ex.request);
        REQUIRE_FALSE(ex.response.empty());
        std::istringstream req(fill(ex.request, csrf, id));
        std::string first;
        std::getline(req, first);
        std::string method = first.substr(0, first.find(' '));
        std::string target = first.substr(first.find(' ') + 1);
        httplib::Headers headers;
        httplib::MultipartFormDataItems items;
        std::string content_type, body, line;
        bool in_body = false;
        while (std::getline(req, line)) {
            if (in_body) {
                body += line + "\n";
            } else if (line.empty()) {
                in_body = true;
            } else if (line.rfind("@file ", 0) == 0) {
                std::istringstream f(line.substr(6));
                std::string field, name, text;
                f >> field >> name;
                std::getline(f, text);
                items.push_back({field, std::string(ububiko::trim(text)), name, "text/plain"});
            } else if (line.rfind("@field ", 0) == 0) {
                std::istringstream f(line.substr(7));
                std::string field, value;
                f >> field;
                std::getline(f, value);
                items.push_back({field, std::string(ububiko::trim(value)), "", ""});
            } else {
                auto colon = line.find(':');
                std::string key = line.substr(0, colon), value = std::string(ububiko::trim(line.substr(colon + 1)));
                if (key == "Content-Type") content_type = value;
                else headers.emplace(key, value);
            }
        }
        httplib::Headers all = b.headers(headers);
        httplib::Result r = method == "GET"     ? b.client.Get(target, all)
                            : !items.empty()    ? b.client.Post(target, all, items)
                            : content_type.empty() ? b.client.Post(target, all, body, "application/x-www-form-urlencoded")
                                                   : b.client.Post(target, all, body, content_type);
        REQUIRE(r);
        b.keep_cookies(r);
        std::istringstream resp(ex.response);
        int status = 0;
        resp >> status;
        std::string expected_json((std::istreambuf_iterator<char>(resp)), std::istreambuf_iterator<char>());
        INFO("answer " << r->status << ": " << r->body.substr(0, 600));
        CHECK(r->status == status);
        auto expected = nlohmann::json::parse(expected_json);
        auto actual = nlohmann::json::parse(r->body);
        check_shape(expected, actual, "");
        if (actual.is_object() && actual.contains("csrf")) csrf = actual["csrf"].get<std::string>();
        if (target == "/api/file" && status == 200) id = actual["outcomes"][0]["id"].get<std::string>();
    }
}
