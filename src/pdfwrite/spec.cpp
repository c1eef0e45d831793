// The JSON form of RegisterSpec, SlipSpec and StampSpec, as ububiko sends it to ububiko-pdf. Reading
// checks everything the layout relies on, and a bad field gives Error(invalid_input) with
// the field's path ("rows[3].date") as its place. Unknown fields are refused: a typo must
// not silently drop a column of a document that will be signed.
#include <set>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "pdfwrite/pdfwrite.hpp"

namespace ububiko::pdfwrite {

namespace {

using nlohmann::json;

enum class Need { required, optional };

[[noreturn]] void fail(const std::string& field, const std::string& message) {
    throw Error(ErrorCode::invalid_input, message, Place({}, 0, 0, field));
}

// The fields of one JSON object, read one by one; `done` refuses those nobody read.
class Fields {
public:
    Fields(const json& j, std::string path) : m_j(j), m_path(std::move(path)) {
        if (!j.is_object())
            fail(m_path.empty() ? std::string("/") : m_path,
                 tr("un objet JSON est attendu", "a JSON object is expected"));
    }

    std::string path_of(const std::string& key) const {
        return m_path.empty() ? key : m_path + "." + key;
    }

    const json* find(const std::string& key, Need need) {
        m_read.insert(key);
        const auto it = m_j.find(key);
        if (it == m_j.end() || (it->is_null() && need == Need::optional)) {
            if (need == Need::required)
                fail(path_of(key), tr("champ obligatoire absent", "required field missing"));
            return nullptr;
        }
        return &*it;
    }

    std::string string(const std::string& key, Need need) {
        const json* v = find(key, need);
        if (v == nullptr) return {};
        if (!v->is_string()) fail(path_of(key), tr("du texte est attendu", "a string is expected"));
        std::string s = v->get<std::string>();
        if (!is_valid_utf8(s))
            fail(path_of(key), tr("texte qui n'est pas de l'UTF-8 valide", "text that is not valid UTF-8"));
        return s;
    }

    std::string non_empty(const std::string& key) {
        std::string s = string(key, Need::required);
        if (trim(s).empty()) fail(path_of(key), tr("ne doit pas être vide", "must not be empty"));
        return s;
    }

    // A date YYYY-MM-DD; "" allowed when optional.
    std::string date(const std::string& key, Need need) {
        std::string s = string(key, need);
        if (s.empty() && need == Need::optional) return s;
        if (!parse_iso_date(s))
            fail(path_of(key), tr("date invalide « ", "invalid date '") + s +
                                   tr(" » (attendu AAAA-MM-JJ)", "' (expected YYYY-MM-DD)"));
        return s;
    }

    std::string one_of(const std::string& key, Need need, const std::vector<std::string>& allowed,
                       const std::string& fallback) {
        const json* v = find(key, need);
        if (v == nullptr) return fallback;
        if (!v->is_string()) fail(path_of(key), tr("du texte est attendu", "a string is expected"));
        const std::string s = v->get<std::string>();
        for (const std::string& a : allowed)
            if (s == a) return s;
        std::string list;
        for (std::size_t i = 0; i < allowed.size(); ++i) {
            if (i > 0) list += i + 1 == allowed.size() ? tr(" ou ", " or ") : ", ";
            list += allowed[i].empty() ? std::string("\"\"") : allowed[i];
        }
        fail(path_of(key), tr("valeur « ", "value '") + (is_valid_utf8(s) ? s : std::string("?")) +
                               tr(" » invalide (attendu : ", "' is not allowed (expected: ") + list + ")");
    }

    std::int64_t integer(const std::string& key, Need need, std::int64_t low, std::int64_t high) {
        const json* v = find(key, need);
        if (v == nullptr) return low;
        if (!v->is_number_integer())
            fail(path_of(key), tr("un nombre entier est attendu", "an integer is expected"));
        const auto n = v->get<std::int64_t>();
        if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(high))
            fail(path_of(key), tr("nombre hors limites", "number out of range"));
        if (n < low || n > high)
            fail(path_of(key), tr("nombre hors limites (de ", "number out of range (from ") +
                                   std::to_string(low) + tr(" à ", " to ") + std::to_string(high) + ")");
        return n;
    }

    std::uint64_t size(const std::string& key, Need need) {
        const json* v = find(key, need);
        if (v == nullptr) return 0;
        if (!v->is_number_unsigned())
            fail(path_of(key), tr("un nombre entier positif ou nul est attendu",
                                  "a non-negative integer is expected"));
        return v->get<std::uint64_t>();
    }

    const json& array(const std::string& key) {
        const json* v = find(key, Need::required);
        if (!v->is_array()) fail(path_of(key), tr("une liste est attendue", "a list is expected"));
        return *v;
    }

    const json& object(const std::string& key) { return *find(key, Need::required); }

    void done() const {
        for (const auto& [key, value] : m_j.items())
            if (!m_read.contains(key)) fail(path_of(key), tr("champ inconnu", "unknown field"));
    }

private:
    const json& m_j;
    std::string m_path;
    std::set<std::string> m_read;
};

Issuer issuer_from(const json& j, const std::string& path) {
    Fields f(j, path);
    Issuer issuer;
    issuer.commune = f.non_empty("commune");
    issuer.province = f.string("province", Need::optional);
    issuer.archive_code = f.non_empty("archive_code");
    f.done();
    return issuer;
}

json issuer_json(const Issuer& issuer) {
    return {{"commune", issuer.commune},
            {"province", issuer.province},
            {"archive_code", issuer.archive_code}};
}

std::string row_path(const char* list, std::size_t i) {
    return std::string(list) + "[" + std::to_string(i) + "]";
}

const std::vector<std::string> k_languages = {"fr", "en"};

}  // namespace

json to_json(const RegisterSpec& spec) {
    json rows = json::array();
    for (const auto& r : spec.rows)
        rows.push_back({{"id", r.id},
                        {"date", r.date},
                        {"correspondent", r.correspondent},
                        {"subject", r.subject},
                        {"reference", r.reference},
                        {"code", r.code}});
    return {{"issuer", issuer_json(spec.issuer)}, {"year", spec.year},
            {"direction", spec.direction},        {"rows", std::move(rows)},
            {"generated", spec.generated},        {"language", spec.language}};
}

RegisterSpec register_from_json(const json& j) {
    Fields f(j, "");
    RegisterSpec spec;
    spec.issuer = issuer_from(f.object("issuer"), "issuer");
    spec.year = static_cast<int>(f.integer("year", Need::required, 1900, 2200));
    spec.direction = f.one_of("direction", Need::optional, {"in", "out", ""}, "");
    const json& rows = f.array("rows");
    spec.rows.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        Fields r(rows[i], row_path("rows", i));
        RegisterSpec::Row row;
        row.id = r.non_empty("id");
        row.date = r.date("date", Need::required);
        row.correspondent = r.string("correspondent", Need::optional);
        row.subject = r.string("subject", Need::optional);
        row.reference = r.string("reference", Need::optional);
        row.code = r.string("code", Need::optional);
        r.done();
        spec.rows.push_back(std::move(row));
    }
    spec.generated = f.date("generated", Need::required);
    spec.language = f.one_of("language", Need::optional, k_languages, "fr");
    f.done();
    return spec;
}

json to_json(const SlipSpec& spec) {
    json rows = json::array();
    for (const auto& r : spec.rows)
        rows.push_back({{"id", r.id},
                        {"code", r.code},
                        {"title", r.title},
                        {"start", r.start},
                        {"end", r.end},
                        {"bytes", r.bytes},
                        {"due", r.due}});
    return {{"issuer", issuer_json(spec.issuer)},
            {"action", spec.action},
            {"number", spec.number},
            {"date", spec.date},
            {"rows", std::move(rows)},
            {"signatures", spec.signatures},
            {"language", spec.language}};
}

SlipSpec slip_from_json(const json& j) {
    Fields f(j, "");
    SlipSpec spec;
    spec.issuer = issuer_from(f.object("issuer"), "issuer");
    spec.action = f.one_of("action", Need::required, {"destroy", "transfer"}, "");
    spec.number = f.non_empty("number");
    spec.date = f.date("date", Need::required);
    const json& rows = f.array("rows");
    spec.rows.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        Fields r(rows[i], row_path("rows", i));
        SlipSpec::Row row;
        row.id = r.non_empty("id");
        row.code = r.string("code", Need::optional);
        row.title = r.string("title", Need::optional);
        row.start = r.date("start", Need::optional);
        row.end = r.date("end", Need::optional);
        if (!row.start.empty() && !row.end.empty() && row.start > row.end)
            fail(r.path_of("end"), tr("la date de fin précède la date de début (", "the end date comes before the start date (") +
                                       row.start + " > " + row.end + ")");
        row.bytes = r.size("bytes", Need::optional);
        row.due = r.date("due", Need::optional);
        r.done();
        spec.rows.push_back(std::move(row));
    }
    if (f.find("signatures", Need::optional) != nullptr) {
        const json& signatures = f.array("signatures");
        // Boxes of three a row: nine still leave room for the last rows on the last page.
        if (signatures.size() > 9)
            fail("signatures", tr("au plus 9 signatures", "at most 9 signatures"));
        for (std::size_t i = 0; i < signatures.size(); ++i) {
            const std::string field = row_path("signatures", i);
            if (!signatures[i].is_string())
                fail(field, tr("du texte est attendu", "a string is expected"));
            std::string s = signatures[i].get<std::string>();
            if (!is_valid_utf8(s))
                fail(field, tr("texte qui n'est pas de l'UTF-8 valide", "text that is not valid UTF-8"));
            if (trim(s).empty()) fail(field, tr("ne doit pas être vide", "must not be empty"));
            spec.signatures.push_back(std::move(s));
        }
    }
    spec.language = f.one_of("language", Need::optional, k_languages, "fr");
    f.done();
    return spec;
}

json to_json(const StampSpec& spec) {
    return {{"issuer", issuer_json(spec.issuer)},
            {"record_id", spec.record_id},
            {"date", spec.date},
            {"code", spec.code},
            {"code_title", spec.code_title},
            {"input_pdf", spec.input_pdf},
            {"language", spec.language}};
}

StampSpec stamp_from_json(const json& j) {
    Fields f(j, "");
    StampSpec spec;
    spec.issuer = issuer_from(f.object("issuer"), "issuer");
    spec.record_id = f.non_empty("record_id");
    spec.date = f.date("date", Need::required);
    spec.code = f.string("code", Need::optional);
    spec.code_title = f.string("code_title", Need::optional);
    spec.input_pdf = f.non_empty("input_pdf");
    spec.language = f.one_of("language", Need::optional, k_languages, "fr");
    f.done();
    return spec;
}

}  // namespace ububiko::pdfwrite
