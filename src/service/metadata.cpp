#include "service/metadata.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <tuple>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace ububiko::service {

namespace fs = std::filesystem;

namespace {

std::string normalise_date(const std::string& text) {
    std::string t(trim(text));
    if (t.empty()) return t;
    if (parse_iso_date(t)) return t;
    // DD/MM/YYYY or DD-MM-YYYY or DD.MM.YYYY, as people write dates in French.
    if (t.size() == 10 && (t[2] == '/' || t[2] == '-' || t[2] == '.') && t[5] == t[2]) {
        std::string iso = t.substr(6, 4) + "-" + t.substr(3, 2) + "-" + t.substr(0, 2);
        if (parse_iso_date(iso)) return iso;
    }
    throw Error(ErrorCode::invalid_input,
                tr("date invalide « ", "invalid date '") + t +
                    tr(" » : écrivez AAAA-MM-JJ (2024-03-07) ou JJ/MM/AAAA (07/03/2024)",
                       "': write YYYY-MM-DD (2024-03-07) or DD/MM/YYYY (07/03/2024)"),
                Place{"", 0, 0, "--date"});
}

std::string normalise_direction(const std::string& text) {
    std::string s = slugify(text);
    if (s.empty()) return s;
    if (s == "in" || s == "entrant" || s == "arrivee" || s == "arrive" || s == "recu" || s == "entree") return "in";
    if (s == "out" || s == "sortant" || s == "depart" || s == "envoye" || s == "sortie") return "out";
    if (s == "internal" || s == "interne") return "internal";
    throw Error(ErrorCode::invalid_input,
                tr("sens inconnu « ", "unknown direction '") + text +
                    tr(" » : in (entrant), out (sortant) ou internal (interne)", "': in, out or internal"),
                Place{"", 0, 0, "--direction"});
}

std::string normalise_access(const std::string& text) {
    std::string s = slugify(text);
    if (s.empty()) return s;
    if (s == "public") return "public";
    if (s == "internal" || s == "interne") return "internal";
    if (s == "confidential" || s == "confidentiel") return "confidential";
    throw Error(ErrorCode::invalid_input,
                tr("niveau d'accès inconnu « ", "unknown access level '") + text +
                    tr(" » : public, internal (interne) ou confidential (confidentiel)",
                       "': public, internal or confidential"),
                Place{"", 0, 0, "--access"});
}

// Levenshtein distance, for "did you mean".
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

// A title from the text when none is given: the "Objet :" line of a letter, else the first
// line that reads like a heading (not the letterhead, not a date line, not shouting caps).
std::string title_from_text(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos < text.size() && lines.size() < 60) {
        std::size_t nl = text.find_first_of("\n\f", pos);
        lines.emplace_back(trim(std::string_view(text).substr(pos, nl == std::string::npos ? std::string::npos : nl - pos)));
        pos = nl == std::string::npos ? text.size() : nl + 1;
    }
    for (const std::string& line : lines) {
        std::string f = fold(line);
        if (f.rfind("objet", 0) == 0) {
            auto colon = line.find(':');
            if (colon != std::string::npos && !trim(line.substr(colon + 1)).empty())
                return std::string(utf8_prefix(std::string(trim(line.substr(colon + 1))), 160));
        }
    }
    static const char* const k_letterhead[] = {"republique", "province", "commune", "ministere", "cabinet", "n/ref",
                                               "v/ref", "ref", "n°", "no ", "zone", "colline", "unite", "bururi, le"};
    for (const std::string& line : lines) {
        if (line.size() < 12 || line.size() > 200) continue;
        std::string f = fold(line);
        bool letterhead = false;
        for (const char* p : k_letterhead) letterhead = letterhead || f.rfind(p, 0) == 0;
        if (letterhead || f.find(", le ") != std::string::npos) continue;
        bool has_lower = false;
        for (char c : line) has_lower = has_lower || (c >= 'a' && c <= 'z');
        int words = 1;
        for (char c : line) words += c == ' ';
        if (words < 3) continue;
        if (!has_lower && words < 4) continue;
        std::string out = std::string(utf8_prefix(line, 160));
        while (!out.empty() && (out.back() == '.' || out.back() == ':')) out.pop_back();
        return out;
    }
    return {};
}

std::string title_from_name(const std::string& path) {
    std::string stem = utf8_or_cp1252(fs::path(path).stem().string());
    for (char& c : stem)
        if (c == '_') c = ' ';
    return stem;
}

namespace {

// Runs a check; an error gets the row's place (file:line, column name) instead of the option.
template <typename F>
auto at_place(const Place& place, const char* column, F&& check) {
    try {
        return check();
    } catch (const Error& e) {
        if (place.file.empty()) throw;
        throw Error(e.code(), e.message(), Place{place.file, place.line, 0, column});
    }
}

}  // namespace

Metadata normalise_metadata(const archive::Archive& archive, const Metadata& given, const Place& place,
                            bool code_required) {
    Metadata m = given;
    m.code = std::string(trim(m.code));
    if (m.code.empty() && code_required)
        at_place(place, "code", [] () -> int {
            throw Error(ErrorCode::invalid_input,
                        tr("indiquez le code de classement avec --code (voir « ububiko plan show »)",
                           "give the classification code with --code (see 'ububiko plan show')"),
                        Place{"", 0, 0, "--code"});
        });
    if (!m.code.empty()) at_place(place, "code", [&] { archive.plan().require_fileable(m.code); return 0; });
    m.date = at_place(place, "date", [&] { return normalise_date(m.date); });
    m.direction = at_place(place, "direction", [&] { return normalise_direction(m.direction); });
    m.access = at_place(place, "access", [&] { return normalise_access(m.access); });
    if (!trim(m.type).empty()) {
        const plan::DocumentType* t = archive.plan().resolve_type(m.type);
        if (t == nullptr) {
            std::string list;
            for (const auto& ty : archive.plan().types) list += (list.empty() ? "" : ", ") + ty.id;
            at_place(place, "type", [&] () -> int {
                throw Error(ErrorCode::invalid_input,
                            tr("type de document inconnu « ", "unknown document type '") + m.type + tr(" » ; types : ", "'; types: ") + list,
                            Place{"", 0, 0, "--type"});
            });
        }
        m.type = t->id;
    } else {
        m.type.clear();
    }
    m.access_given = !m.access.empty();
    if (m.access.empty()) {
        // Without a code (the queue), "internal" until the code says otherwise.
        auto access = m.code.empty() ? std::nullopt : archive.plan().effective(m.code).access;
        m.access = access ? plan::to_string(*access) : "internal";
    }
    m.title = std::string(trim(m.title));
    m.correspondent = std::string(trim(m.correspondent));
    m.reference = std::string(trim(m.reference));
    // Text typed in a terminal that is not set to UTF-8 would reach record.json as
    // replacement characters; it is refused, naming the option or the column.
    for (auto [value, column, option] : {std::tuple{&m.title, "title", "--title"},
                                         {&m.correspondent, "correspondent", "--correspondent"},
                                         {&m.reference, "reference", "--reference"}})
        if (!is_valid_utf8(*value))
            at_place(place, column, [&]() -> int {
                throw Error(ErrorCode::invalid_input,
                            std::string(option) + tr(" : texte qui n'est pas en UTF-8 (réglez le terminal en UTF-8)",
                                                     ": text that is not UTF-8 (set the terminal to UTF-8)"),
                            Place{"", 0, 0, option});
            });
    return m;
}

std::map<std::string, MetadataRow> read_metadata_csv(const std::string& path) {
    static const std::vector<std::string> k_columns = {"file", "code", "date", "type", "direction",
                                                       "correspondent", "title", "reference", "access"};
    std::vector<csv::Row> rows = csv::parse(read_file(path), path);
    std::map<std::string, MetadataRow> out;
    std::vector<std::string> problems;
    if (rows.empty()) throw Error(ErrorCode::invalid_input, tr("fichier de métadonnées vide", "empty metadata file"), Place{path});
    std::map<std::string, std::size_t> column;
    // Other columns (notes, a scanner's own) are left alone; one that looks like a misspelt
    // known column is an error, so that a typo never drops a field silently.
    for (std::size_t i = 0; i < rows[0].fields.size(); ++i) {
        std::string name(trim(rows[0].fields[i]));
        if (std::find(k_columns.begin(), k_columns.end(), name) == k_columns.end()) {
            for (const std::string& known : k_columns)
                if (edit_distance(slugify(name), known) <= 2 && name.size() > 2) {
                    problems.push_back(Place{path, 1, static_cast<int>(i + 1), name}.to_string() + ": " +
                                       tr("colonne inconnue ; vouliez-vous dire « ", "unknown column; did you mean '") + known +
                                       tr(" » ?", "'?"));
                    break;
                }
            continue;
        }
        column[name] = i;
    }
    if (!column.count("file"))
        problems.push_back(Place{path, 1, 0, "file"}.to_string() + ": " +
                           tr("colonne « file » (nom du fichier) absente", "column 'file' (file name) missing"));
    for (std::size_t r = 1; r < rows.size() && problems.empty(); ++r) {
        const csv::Row& row = rows[r];
        auto cell = [&](const char* name) -> std::string {
            auto it = column.find(name);
            if (it == column.end() || it->second >= row.fields.size()) return {};
            return std::string(trim(row.fields[it->second]));
        };
        std::string file = cell("file");
        if (file.empty()) {
            problems.push_back(Place{path, row.line, 0, "file"}.to_string() + ": " + tr("nom de fichier manquant", "file name missing"));
            continue;
        }
        MetadataRow m;
        m.line = row.line;
        m.metadata = {cell("code"), cell("title"), cell("date"), cell("type"), cell("direction"),
                      cell("correspondent"), cell("reference"), cell("access")};
        if (!out.emplace(file, m).second)
            problems.push_back(Place{path, row.line, 0, "file"}.to_string() + ": " +
                               tr("fichier déjà décrit plus haut : ", "file already described above: ") + file);
    }
    if (!problems.empty()) {
        std::string message;
        for (const auto& p : problems) message += (message.empty() ? "" : "\n") + p;
        throw Error(ErrorCode::invalid_input, message);
    }
    return out;
}


namespace {

// The row of a file: by its name as it is, else as the name decoded from Windows-1252 (a
// file copied from a Windows machine, described in a CSV that the reader decoded).
template <class Rows>
auto row_of(const Rows& rows, const std::string& path) {
    const std::string name = fs::path(path).filename().string();
    auto row = rows.find(name);
    if (row == rows.end() && !is_valid_utf8(name)) row = rows.find(cp1252_to_utf8(name));
    return row;
}

}  // namespace

Metadata MetadataSource::for_path(const std::string& path, Place* place) const {
    Metadata m = defaults;
    auto row = row_of(rows, path);
    if (row != rows.end()) {
        const Metadata& r = row->second.metadata;
        for (auto [field, value] : {std::pair{&m.code, &r.code}, {&m.title, &r.title}, {&m.date, &r.date},
                                    {&m.type, &r.type}, {&m.direction, &r.direction},
                                    {&m.correspondent, &r.correspondent}, {&m.reference, &r.reference},
                                    {&m.access, &r.access}})
            if (!value->empty()) *field = *value;
        if (place) *place = Place{csv_path, row->second.line};
    } else if (place) {
        *place = Place{};
    }
    return m;
}

bool MetadataSource::described(const std::string& path) const {
    return row_of(rows, path) != rows.end();
}

MetadataSource check_metadata(const archive::Archive& archive, const std::vector<std::string>& paths,
                              const Metadata& defaults, const std::string& csv_path, bool code_required) {
    if (paths.size() > 1 && !trim(defaults.title).empty())
        throw Error(ErrorCode::invalid_input,
                    tr("--title ne convient qu'à un seul fichier : donnez les titres dans un tableau (--metadata)",
                       "--title fits one file only: give titles in a spreadsheet (--metadata)"),
                    Place{"", 0, 0, "--title"});
    MetadataSource source;
    source.defaults = defaults;
    source.csv_path = csv_path;
    if (!csv_path.empty()) source.rows = read_metadata_csv(csv_path);
    std::vector<std::string> problems;
    std::set<std::string> seen;
    ErrorCode problem_code = ErrorCode::invalid_input;
    auto problem = [&](ErrorCode code, const std::string& message) {
        if (problems.empty()) problem_code = code;
        if (seen.insert(message).second) problems.push_back(message);  // an option's error: said once
    };
    for (const std::string& path : paths) {
        if (code_required && !csv_path.empty() && !source.described(path) && trim(defaults.code).empty()) {
            problem(ErrorCode::invalid_input, tr("« ", "'") + path + tr(" » n'a pas de ligne dans ", "' has no row in ") + csv_path +
                                                  tr(" : ajoutez-la, ou donnez --code", ": add one, or give --code"));
            continue;
        }
        Place place;
        Metadata m = source.for_path(path, &place);
        try {
            normalise_metadata(archive, m, place, code_required);
        } catch (const Error& e) {
            problem(e.code(), e.what());
        }
    }
    if (!problems.empty()) {
        std::string message;
        for (const auto& p : problems) message += (message.empty() ? "" : "\n") + p;
        throw Error(problem_code, message);
    }
    return source;
}

}  // namespace ububiko::service
