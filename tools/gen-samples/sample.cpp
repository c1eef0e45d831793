#include "sample.hpp"

#include "text_encoding.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>

namespace gen {

namespace {

constexpr std::array k_type_ids = {"lettre",
                                   "proces-verbal",
                                   "deliberation",
                                   "arrete",
                                   "decision",
                                   "ordonnance",
                                   "note-de-service",
                                   "circulaire",
                                   "rapport",
                                   "compte-rendu",
                                   "convocation",
                                   "invitation",
                                   "communique",
                                   "requete",
                                   "plainte",
                                   "attestation",
                                   "certificat",
                                   "acte",
                                   "extrait",
                                   "jugement",
                                   "permis",
                                   "contrat",
                                   "convention",
                                   "facture",
                                   "quittance",
                                   "bon-de-commande",
                                   "mandat",
                                   "budget",
                                   "compte",
                                   "etat-de-paie",
                                   "registre",
                                   "liste",
                                   "plan",
                                   "fiche",
                                   "dossier-appel-offres",
                                   "offre",
                                   "autre"};

constexpr std::array k_months = {"janvier",   "février", "mars",     "avril",
                                 "mai",       "juin",    "juillet",  "août",
                                 "septembre", "octobre", "novembre", "décembre"};

[[noreturn]] void fail(const std::string& where, const std::string& what) {
    throw std::runtime_error(where + ": " + what);
}

std::string scalar(const YAML::Node& node, const char* key, const std::string& where, bool required,
                   const std::string& fallback = {}) {
    const YAML::Node value = node[key];
    if (!value || value.IsNull()) {
        if (required) {
            fail(where, std::string("missing field '") + key + "'");
        }
        return fallback;
    }
    if (!value.IsScalar()) {
        fail(where, std::string("field '") + key + "' must be a string");
    }
    return value.as<std::string>();
}

template <typename Enum, std::size_t N>
Enum choice(const std::string& value, const std::array<std::pair<const char*, Enum>, N>& options,
            const std::string& where, const char* key) {
    for (const auto& [name, e] : options) {
        if (value == name) {
            return e;
        }
    }
    fail(where, std::string("unknown ") + key + " '" + value + "'");
}

std::vector<std::string> letterhead_lines(
    const YAML::Node& value, const std::map<std::string, std::vector<std::string>>& named,
    const std::string& where) {
    if (value.IsSequence()) {
        return value.as<std::vector<std::string>>();
    }
    const auto name = value.as<std::string>();
    if (name == "none") {
        return {};
    }
    const auto it = named.find(name);
    if (it == named.end()) {
        fail(where, "unknown letterhead '" + name + "'");
    }
    return it->second;
}

// Lower case for the letters of French dates and references (ASCII and the accented
// capitals of month names), enough to find "30 MARS 2023" as "30 mars 2023".
std::string fold_case(std::string text) {
    for (const auto& [upper, lower] :
         {std::pair<std::string, std::string>{"É", "é"}, {"È", "è"}, {"Û", "û"}}) {
        for (auto pos = text.find(upper); pos != std::string::npos; pos = text.find(upper, pos)) {
            text.replace(pos, upper.size(), lower);
        }
    }
    for (char& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

void check_sample(const Sample& s, const std::string& where) {
    static const std::regex code_re(R"(\d+(\.\d+)*)");
    static const std::regex date_re(R"((\d{4})-(\d{2})-(\d{2}))");
    if (!std::regex_match(s.code, code_re)) {
        fail(where, "bad code '" + s.code + "'");
    }
    std::smatch m;
    if (!std::regex_match(s.date, m, date_re)) {
        fail(where, "date must be YYYY-MM-DD, not '" + s.date + "'");
    }
    if (std::find(k_type_ids.begin(), k_type_ids.end(), s.type) == k_type_ids.end()) {
        fail(where, "unknown type '" + s.type + "'");
    }
    if (s.direction != "in" && s.direction != "out" && s.direction != "internal") {
        fail(where, "direction must be in, out or internal");
    }
    if ((s.direction == "internal") != s.correspondent.empty()) {
        fail(where, "a correspondent is required for in and out, and empty for internal");
    }
    if (s.access != "public" && s.access != "internal" && s.access != "confidential") {
        fail(where, "access must be public, internal or confidential");
    }
    const auto ext = std::filesystem::path(s.file).extension().string();
    static const std::map<Format, std::string> k_ext = {{Format::pdf, ".pdf"},
                                                        {Format::txt, ".txt"},
                                                        {Format::odt, ".odt"},
                                                        {Format::docx, ".docx"}};
    if (ext != k_ext.at(s.format)) {
        fail(where, "file name does not end in " + k_ext.at(s.format));
    }
    if (s.blocks.empty()) {
        fail(where, "empty text");
    }
    // The catalogue must agree with the document: its reference and its date (in
    // French) are written in it, as an archivist would read them off the page.
    const std::string text = fold_case(collapse_spaces(document_text(s)));
    if (!s.reference.empty() && text.find(fold_case(s.reference)) == std::string::npos) {
        fail(where, "reference '" + s.reference + "' does not appear in the text");
    }
    if (text.find(fold_case(french_date(s.date))) == std::string::npos) {
        fail(where, "date '" + french_date(s.date) + "' does not appear in the text");
    }
}

}  // namespace

std::string document_text(const Sample& sample) {
    std::string all;
    for (const auto& l : sample.letterhead) {
        all += l + '\n';
    }
    all += sample.dateline + '\n';
    for (const auto& b : sample.blocks) {
        all += span_text(b.spans) + '\n';
        for (const auto& r : b.rows) {
            for (const auto& c : r.cells) {
                all += c + ' ';
            }
            all += '\n';
        }
    }
    return all;
}

std::size_t word_count(const Sample& sample) {
    std::size_t n = 0;
    for (const auto& w : split_words(document_text(sample))) {
        if (std::any_of(w.begin(), w.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80);
            })) {
            ++n;
        }
    }
    return n;
}

std::string french_date(const std::string& iso_date) {
    const int year = std::stoi(iso_date.substr(0, 4));
    const int month = std::stoi(iso_date.substr(5, 2));
    const int day = std::stoi(iso_date.substr(8, 2));
    if (month < 1 || month > 12 || day < 1 || day > 31) {
        throw std::runtime_error("bad date '" + iso_date + "'");
    }
    return (day == 1 ? std::string("1er") : std::to_string(day)) + " " +
           k_months[static_cast<std::size_t>(month - 1)] + " " + std::to_string(year);
}

Timestamp creation_time(const Sample& sample) {
    // FNV-1a of the file name spreads the documents over 07:30..16:29.
    std::uint32_t hash = 2166136261u;
    for (const char c : sample.file) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    }
    const int minutes = 7 * 60 + 30 + static_cast<int>(hash % (9 * 60));
    return {std::stoi(sample.date.substr(0, 4)), std::stoi(sample.date.substr(5, 2)),
            std::stoi(sample.date.substr(8, 2)), minutes / 60, minutes % 60};
}

long long creation_epoch(const Sample& sample) {
    const Timestamp t = creation_time(sample);
    // Days from the civil date (proleptic Gregorian), after H. Hinnant's algorithm.
    const int y = t.month <= 2 ? t.year - 1 : t.year;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int mp = (t.month + 9) % 12;
    const int doy = (153 * mp + 2) / 5 + t.day - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const long long days = static_cast<long long>(era) * 146097 + doe - 719468;
    constexpr int k_utc_offset_minutes = 120;
    return days * 86400 + (t.hour * 60 + t.minute - k_utc_offset_minutes) * 60LL;
}

std::vector<Sample> load_samples(const std::filesystem::path& path) {
    YAML::Node root;
    try {
        root = YAML::LoadFile(path.string());
    } catch (const YAML::Exception& e) {
        throw std::runtime_error(path.string() + ": " + e.what());
    }
    std::map<std::string, std::vector<std::string>> named;
    for (const auto& entry : root["letterheads"]) {
        named[entry.first.as<std::string>()] = entry.second.as<std::vector<std::string>>();
    }
    const YAML::Node defaults = root["defaults"];
    const std::string default_author = scalar(defaults, "author", "defaults", true);
    const std::string default_place = scalar(defaults, "place", "defaults", true);
    const std::string default_letterhead = scalar(defaults, "letterhead", "defaults", true);

    constexpr std::array<std::pair<const char*, Format>, 4> k_formats = {
        {{"pdf", Format::pdf}, {"txt", Format::txt}, {"odt", Format::odt}, {"docx", Format::docx}}};
    constexpr std::array<std::pair<const char*, Typeface>, 2> k_faces = {
        {{"helvetica", Typeface::helvetica}, {"times", Typeface::times}}};
    constexpr std::array<std::pair<const char*, TextEncoding>, 3> k_encodings = {
        {{"utf-8", TextEncoding::utf8},
         {"utf-8-bom", TextEncoding::utf8_bom},
         {"windows-1252", TextEncoding::windows_1252}}};
    constexpr std::array<std::pair<const char*, LineEnd>, 2> k_line_ends = {
        {{"lf", LineEnd::lf}, {"crlf", LineEnd::crlf}}};

    std::vector<Sample> samples;
    std::set<std::string> seen;
    for (const auto& node : root["documents"]) {
        Sample s;
        s.file = scalar(node, "file",
                        path.string() + ": document " + std::to_string(samples.size() + 1), true);
        const std::string where = path.string() + ": " + s.file;
        if (!seen.insert(s.file).second) {
            fail(where, "duplicate file name");
        }
        s.format = choice(scalar(node, "format", where, true), k_formats, where, "format");
        s.code = scalar(node, "code", where, true);
        s.date = scalar(node, "date", where, true);
        s.type = scalar(node, "type", where, true);
        s.direction = scalar(node, "direction", where, true);
        s.correspondent = scalar(node, "correspondent", where, false);
        s.title = scalar(node, "title", where, true);
        s.reference = scalar(node, "reference", where, false);
        s.access = scalar(node, "access", where, true);
        s.author = scalar(node, "author", where, false, default_author);
        s.typeface =
            choice(scalar(node, "font", where, false, "helvetica"), k_faces, where, "font");
        s.encoding =
            choice(scalar(node, "encoding", where, false, "utf-8"), k_encodings, where, "encoding");
        s.line_end =
            choice(scalar(node, "newline", where, false, "lf"), k_line_ends, where, "newline");
        s.letterhead = letterhead_lines(
            node["letterhead"] ? node["letterhead"] : YAML::Node(default_letterhead), named, where);
        s.dateline = scalar(node, "dateline", where, false);
        if (s.dateline == "auto") {
            s.dateline =
                scalar(node, "place", where, false, default_place) + ", le " + french_date(s.date);
        }
        try {
            s.blocks = parse_markup(scalar(node, "text", where, true));
        } catch (const std::runtime_error& e) {
            fail(where, e.what());
        }
        check_sample(s, where);
        samples.push_back(std::move(s));
    }
    if (samples.empty()) {
        throw std::runtime_error(path.string() + ": no documents");
    }
    return samples;
}

}  // namespace gen
