#include "archive/record.hpp"

#include <cmath>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace ububiko::archive {

using nlohmann::json;

double Extraction::ocr_confidence() const {
    double sum = 0;
    int n = 0;
    for (const PageRecord& p : page_info)
        if (p.ocr && !p.blank && p.confidence >= 0) {
            sum += p.confidence;
            ++n;
        }
    return n ? sum / n : -1;
}

int Record::year() const { return std::stoi(id.substr(0, 4)); }

int Record::document_year() const {
    if (date.size() >= 4) return std::stoi(date.substr(0, 4));
    return year();
}

const RecordFile* Record::file_with_role(const std::string& role) const {
    for (const RecordFile& f : files)
        if (f.role == role) return &f;
    return nullptr;
}

bool Record::has_flag(const std::string& flag) const {
    for (const auto& f : flags)
        if (f == flag) return true;
    return false;
}

bool is_record_id(const std::string& t) {
    if (t.size() != 11 || t[4] != '-') return false;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (i != 4 && (t[i] < '0' || t[i] > '9')) return false;
    return true;
}

json to_json(const Record& r) {
    json j = r.extra;
    j["schema"] = "ububiko/record/" + std::to_string(k_record_schema);
    j["id"] = r.id;
    j["archive"] = r.archive;
    j["code"] = r.code;
    j["plan"] = r.plan;
    j["status"] = r.status;
    j["title"] = r.title;
    j["date"] = r.date.empty() ? json(nullptr) : json(r.date);
    j["type"] = r.type;
    j["direction"] = r.direction;
    j["correspondent"] = r.correspondent;
    j["reference"] = r.reference;
    j["access"] = r.access;
    j["language"] = r.language;
    j["original_name"] = r.original_name;
    j["registered"] = r.registered;
    j["registered_by"] = r.registered_by;
    j["flags"] = r.flags;
    j["extraction"] = {{"method", r.extraction.method},
                       {"pages", r.extraction.pages},
                       {"chars", r.extraction.chars},
                       {"needs_ocr", r.extraction.needs_ocr},
                       {"pages_without_text", r.extraction.pages_without_text},
                       {"text_file", r.extraction.text_file}};
    if (!r.extraction.ocr_engine.empty()) j["extraction"]["ocr_engine"] = r.extraction.ocr_engine;
    if (!r.extraction.page_info.empty()) {
        json pages = json::array();
        for (const PageRecord& p : r.extraction.page_info)
            pages.push_back({{"page", p.page}, {"ocr", p.ocr}, {"confidence", std::round(p.confidence * 10) / 10},
                             {"rotation", p.rotation}, {"skew", std::round(p.skew * 100) / 100}, {"blank", p.blank},
                             {"words", p.words}});
        j["extraction"]["page_info"] = pages;
    }
    json files = json::array();
    for (const RecordFile& f : r.files)
        files.push_back({{"name", f.name},
                         {"role", f.role},
                         {"media_type", f.media_type},
                         {"size", f.size},
                         {"sha256", f.sha256}});
    j["files"] = files;
    return j;
}

namespace {

[[noreturn]] void bad(const std::string& where, const std::string& field) {
    throw Error(ErrorCode::corrupt,
                tr("record.json invalide : champ manquant ou mal formé", "invalid record.json: missing or malformed field"),
                Place{where, 0, 0, field});
}

std::string str(const json& j, const char* key, const std::string& where, bool required = true) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        if (required) bad(where, key);
        return {};
    }
    if (!it->is_string()) bad(where, key);
    return it->get<std::string>();
}

}  // namespace

Record record_from_json(const json& j, const std::string& where) {
    if (!j.is_object()) bad(where, "schema");
    std::string schema = str(j, "schema", where);
    if (schema.rfind("ububiko/record/", 0) != 0) bad(where, "schema");
    Record r;
    r.id = str(j, "id", where);
    if (!is_record_id(r.id)) bad(where, "id");
    r.archive = str(j, "archive", where);
    r.code = str(j, "code", where, false);
    r.plan = str(j, "plan", where);
    r.status = str(j, "status", where);
    r.title = str(j, "title", where, false);
    r.date = str(j, "date", where, false);
    r.type = str(j, "type", where, false);
    r.direction = str(j, "direction", where, false);
    r.correspondent = str(j, "correspondent", where, false);
    r.reference = str(j, "reference", where, false);
    r.access = str(j, "access", where);
    r.language = str(j, "language", where, false);
    r.original_name = str(j, "original_name", where, false);
    r.registered = str(j, "registered", where);
    r.registered_by = str(j, "registered_by", where, false);
    try {
        if (j.contains("flags")) r.flags = j.at("flags").get<std::vector<std::string>>();
        const json& e = j.at("extraction");
        r.extraction.method = e.value("method", "");
        r.extraction.pages = e.value("pages", 0);
        r.extraction.chars = e.value("chars", std::uint64_t{0});
        r.extraction.needs_ocr = e.value("needs_ocr", false);
        r.extraction.text_file = e.value("text_file", std::string("text.txt"));
        if (r.extraction.text_file.empty() || r.extraction.text_file.find('/') != std::string::npos ||
            r.extraction.text_file[0] == '.')
            bad(where, "extraction.text_file");
        r.extraction.ocr_engine = e.value("ocr_engine", std::string());
        if (e.contains("page_info"))
            for (const json& p : e.at("page_info"))
                r.extraction.page_info.push_back({p.value("page", 0), p.value("ocr", false), p.value("confidence", -1.0),
                                                  p.value("rotation", 0), p.value("skew", 0.0), p.value("blank", false),
                                                  p.value("words", 0)});
        if (e.contains("pages_without_text"))
            r.extraction.pages_without_text = e.at("pages_without_text").get<std::vector<int>>();
        for (const json& f : j.at("files")) {
            RecordFile file;
            file.name = f.at("name").get<std::string>();
            file.role = f.at("role").get<std::string>();
            file.media_type = f.value("media_type", "");
            file.size = f.at("size").get<std::uint64_t>();
            file.sha256 = f.at("sha256").get<std::string>();
            if (file.name.empty() || file.name.find('/') != std::string::npos || file.name[0] == '.')
                bad(where, "files.name");
            r.files.push_back(std::move(file));
        }
    } catch (const json::exception&) {
        bad(where, "files");
    }
    static const char* k_known[] = {"schema", "id", "archive", "code", "plan", "status", "title", "date",
                                    "type", "direction", "correspondent", "reference", "access", "language",
                                    "original_name", "registered", "registered_by", "flags", "extraction", "files"};
    for (auto it = j.begin(); it != j.end(); ++it) {
        bool known = false;
        for (const char* k : k_known) known = known || it.key() == k;
        if (!known) r.extra[it.key()] = it.value();
    }
    return r;
}

}  // namespace ububiko::archive
