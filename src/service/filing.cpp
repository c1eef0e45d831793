#include "service/filing.hpp"

#include <sys/stat.h>

#include <chrono>
#include <deque>
#include <optional>
#include <filesystem>
#include <future>
#include <map>
#include <set>
#include <algorithm>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/parallel.hpp"
#include "core/i18n.hpp"
#include "core/sha256.hpp"
#include "core/system.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "extract/extract.hpp"
#include "index/indexer.hpp"
#include "service/session.hpp"

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
    std::string stem = fs::path(path).stem().string();
    for (char& c : stem)
        if (c == '_') c = ' ';
    return stem;
}

struct Pending {
    std::size_t index;
    std::string path;
    std::future<extract::Result> result;
};

struct Ready {
    std::size_t index;
    std::string path;
    std::uint64_t size = 0;
    extract::Result extracted;
    bool failed = false;  // outcome already set; kept in the group to report in order
};

}  // namespace

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

Metadata normalise_metadata(const archive::Archive& archive, const Metadata& given, const Place& place) {
    Metadata m = given;
    m.code = std::string(trim(m.code));
    if (m.code.empty())
        at_place(place, "code", [] () -> int {
            throw Error(ErrorCode::invalid_input,
                        tr("indiquez le code de classement avec --code (voir « ububiko plan show »)",
                           "give the classification code with --code (see 'ububiko plan show')"),
                        Place{"", 0, 0, "--code"});
        });
    at_place(place, "code", [&] { archive.plan().require_fileable(m.code); return 0; });
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
    if (m.access.empty()) {
        auto access = archive.plan().effective(m.code).access;
        m.access = access ? plan::to_string(*access) : "internal";
    }
    m.title = std::string(trim(m.title));
    m.correspondent = std::string(trim(m.correspondent));
    m.reference = std::string(trim(m.reference));
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
    for (std::size_t i = 0; i < rows[0].fields.size(); ++i) {
        std::string name(trim(rows[0].fields[i]));
        if (std::find(k_columns.begin(), k_columns.end(), name) == k_columns.end())
            problems.push_back(Place{path, 1, static_cast<int>(i + 1), name}.to_string() + ": " +
                               tr("colonne inconnue (colonnes : file, code, date, type, direction, correspondent, title, reference, access)",
                                  "unknown column (columns: file, code, date, type, direction, correspondent, title, reference, access)"));
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

std::vector<FileOutcome> file_documents(const archive::Archive& archive, const FileRequest& request,
                                        const Progress& progress) {
    if (request.paths.size() > 1 && !trim(request.metadata.title).empty())
        throw Error(ErrorCode::invalid_input,
                    tr("--title ne convient qu'à un seul fichier : donnez les titres dans un tableau (--metadata)",
                       "--title fits one file only: give titles in a spreadsheet (--metadata)"),
                    Place{"", 0, 0, "--title"});
    // Every document's metadata is checked before anything is touched.
    std::map<std::string, MetadataRow> rows;
    if (!request.metadata_csv.empty()) rows = read_metadata_csv(request.metadata_csv);
    std::vector<Metadata> metas;
    std::vector<std::string> problems;
    ErrorCode problem_code = ErrorCode::invalid_input;
    for (const std::string& path : request.paths) {
        Metadata m = request.metadata;
        Place place;
        auto row = rows.find(fs::path(path).filename().string());
        if (row != rows.end()) {
            const Metadata& r = row->second.metadata;
            for (auto [field, value] : {std::pair{&m.code, &r.code}, {&m.title, &r.title}, {&m.date, &r.date},
                                        {&m.type, &r.type}, {&m.direction, &r.direction},
                                        {&m.correspondent, &r.correspondent}, {&m.reference, &r.reference},
                                        {&m.access, &r.access}})
                if (!value->empty()) *field = *value;
            place = Place{request.metadata_csv, row->second.line};
        } else if (!request.metadata_csv.empty() && trim(m.code).empty()) {
            problems.push_back(tr("« ", "'") + path + tr(" » n'a pas de ligne dans ", "' has no row in ") + request.metadata_csv +
                               tr(" : ajoutez-la, ou donnez --code", ": add one, or give --code"));
            metas.emplace_back();
            continue;
        }
        try {
            metas.push_back(normalise_metadata(archive, m, place));
        } catch (const Error& e) {
            if (problems.empty()) problem_code = e.code();
            problems.push_back(e.what());  // an option's error is the same for every file: said once
        }
    }
    if (!problems.empty()) {
        std::string message;
        std::set<std::string> seen;
        for (const auto& p : problems)
            if (seen.insert(p).second) message += (message.empty() ? "" : "\n") + p;
        throw Error(problem_code, message);
    }
    const std::size_t total = request.paths.size();
    std::vector<FileOutcome> outcomes(total);
    std::size_t done = 0;
    auto report = [&](std::size_t i) {
        ++done;
        if (progress) progress(outcomes[i], done, total);
    };

    unsigned jobs = request.jobs ? request.jobs : processor_count();
    jobs = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(jobs, total)));
    extract::WorkerPool pool({extract_worker_program()}, jobs);

    // A window of documents in extraction, so memory stays flat however long the list.
    const std::size_t window = std::max<std::size_t>(32, jobs * 16);
    std::deque<Pending> in_flight;
    std::size_t next = 0;
    auto refill = [&] {
        while (next < total && in_flight.size() < window) {
            const std::string& path = request.paths[next];
            outcomes[next].path = path;
            in_flight.push_back({next, path, pool.submit(path)});
            ++next;
        }
    };

    // A group is committed when it is big enough, or old enough that slow extractions
    // (long PDFs) still reach the disk and the index steadily.
    const std::size_t k_group_documents = 256;
    const std::uint64_t k_group_bytes = 32ull << 20;
    const auto k_group_age = std::chrono::milliseconds(1000);
    std::vector<Ready> group;
    std::uint64_t group_bytes = 0;
    auto group_started = std::chrono::steady_clock::now();

    const unsigned threads = std::max(1u, processor_count());
    auto flush = [&] {
        if (group.empty()) return;
        WriteSession session(archive);
        archive::Writer& writer = session.writer();

        // 1. Originals copied (and hashed) and texts written into tmp/, on every core.
        std::vector<std::string> texts(group.size());
        std::vector<std::optional<archive::StagedFiles>> files(group.size());
        parallel_for(group.size(), threads, [&](std::size_t i) {
            Ready& r = group[i];
            if (r.failed) return;
            for (std::size_t p = 0; p < r.extracted.pages.size(); ++p) {
                if (p) texts[i] += '\f';
                texts[i] += r.extracted.pages[p];
            }
            try {
                files[i] = writer.stage_files(r.path, texts[i], r.extracted.type.extension, r.extracted.type.media_type);
            } catch (const Error& e) {
                outcomes[r.index].status = FileOutcome::Status::failed;
                outcomes[r.index].message = e.what();
            }
        });

        // 2. Duplicates refused, then numbers given in order: no number is ever skipped.
        std::vector<std::size_t> chosen;
        std::vector<archive::Record> drafts;
        std::set<std::string> seen;
        for (std::size_t i = 0; i < group.size(); ++i) {
            if (!files[i]) continue;
            Ready& r = group[i];
            FileOutcome& out = outcomes[r.index];
            const std::string& sha = files[i]->original.sha256;
            std::optional<std::string> existing = session.index().find_by_sha256(sha);
            if (existing || !seen.insert(sha).second) {
                writer.discard(files[i]->stage_dir);
                out.status = FileOutcome::Status::duplicate;
                if (existing) {
                    out.id = *existing;
                    out.message = tr("déjà dans l'archive sous le numéro ", "already in the archive as ") + *existing;
                } else {
                    out.message = tr("même contenu qu'un autre fichier de ce lot", "same content as another file of this batch");
                }
                continue;
            }
            const Metadata& meta = metas[r.index];
            const std::string& text = texts[i];
            archive::Record rec;
            rec.id = writer.allocate_id();
            rec.archive = archive.config().code;
            rec.code = meta.code;
            rec.plan = archive.plan().ref();
            rec.status = "filed";
            rec.title = !meta.title.empty() ? meta.title
                        : !trim(r.extracted.title).empty() ? std::string(trim(r.extracted.title))
                                                           : title_from_text(text);
            if (rec.title.empty()) rec.title = title_from_name(r.path);
            rec.date = meta.date;
            rec.type = meta.type;
            rec.direction = meta.direction;
            rec.correspondent = meta.correspondent;
            rec.reference = meta.reference;
            rec.access = meta.access;
            rec.original_name = fs::path(r.path).filename().string();
            rec.registered = now_utc_iso();
            rec.registered_by = request.user;
            rec.extraction.method = r.extracted.method;
            rec.extraction.pages = static_cast<int>(r.extracted.pages.size());
            std::uint64_t chars = 0;
            for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
            rec.extraction.chars = chars;
            rec.extraction.needs_ocr = r.extracted.needs_ocr;
            rec.extraction.pages_without_text = r.extracted.pages_without_text;
            if (r.extracted.needs_ocr) {
                rec.flags.push_back("needs-ocr");
                out.warnings.push_back(tr("sans couche texte : à océriser", "no text layer: needs OCR"));
            }
            if (rec.date.empty()) out.warnings.push_back(tr("date du document non renseignée", "document date not given"));
            chosen.push_back(i);
            drafts.push_back(std::move(rec));
        }

        // 3. record.json written and index documents built, on every core.
        std::vector<archive::Staged> staged(chosen.size());
        std::vector<index::PreparedDocument> documents(chosen.size());
        try {
            parallel_for(chosen.size(), threads, [&](std::size_t k) {
                static thread_local index::DocumentBuilder builder;
                std::size_t i = chosen[k];
                staged[k] = writer.finish(*files[i], std::move(drafts[k]));
                index::IndexInput in;
                in.record = &staged[k].record;
                in.text = texts[i];
                in.relative_dir = archive::Archive::relative_record_dir(staged[k].record.code, staged[k].record.id);
                in.code_title = code_title(archive, staged[k].record.code);
                documents[k] = builder.build(in);
            });
        } catch (...) {
            for (std::size_t i = 0; i < group.size(); ++i)
                if (files[i]) writer.discard(files[i]->stage_dir);
            throw;
        }

        // 4. One commit for the group: durable, then visible, then journaled.
        try {
            writer.commit(staged, request.user);
        } catch (...) {
            for (auto& st : staged) writer.discard(st);
            throw;
        }
        for (std::size_t k = 0; k < staged.size(); ++k) {
            FileOutcome& out = outcomes[group[chosen[k]].index];
            out.status = FileOutcome::Status::filed;
            out.id = staged[k].record.id;
            out.record = staged[k].record;
        }
        // 5. The index follows.
        for (auto& d : documents) session.index().add(std::move(d), /*is_new=*/true);
        session.commit();
        for (const Ready& r : group) report(r.index);
        group.clear();
        group_bytes = 0;
        group_started = std::chrono::steady_clock::now();
    };

    refill();
    while (!in_flight.empty()) {
        Pending p = std::move(in_flight.front());
        in_flight.pop_front();
        FileOutcome& out = outcomes[p.index];
        try {
            struct stat st;
            if (::stat(p.path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
                throw Error(ErrorCode::invalid_input, tr("« ", "'") + p.path + tr(" » n'est pas un fichier ordinaire", "' is not a regular file"));
            extract::Result result = p.result.get();
            Ready r{p.index, p.path, static_cast<std::uint64_t>(st.st_size), std::move(result), false};
            if (group.empty()) group_started = std::chrono::steady_clock::now();
            group_bytes += r.size;
            group.push_back(std::move(r));
        } catch (const Error& e) {
            out.status = FileOutcome::Status::failed;
            out.message = e.what();
            // Keep reporting in order: a failure waits for the documents before it.
            if (group.empty()) {
                report(p.index);
            } else {
                Ready r{p.index, p.path, 0, {}, true};
                group.push_back(std::move(r));
            }
        }
        refill();
        if (group.size() >= k_group_documents || group_bytes >= k_group_bytes ||
            (!group.empty() && std::chrono::steady_clock::now() - group_started >= k_group_age))
            flush();
    }
    flush();
    return outcomes;
}

}  // namespace ububiko::service
