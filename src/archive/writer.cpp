#include "archive/writer.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <signal.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <cstdio>
#include <filesystem>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/sha256.hpp"
#include "core/system.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace ububiko::archive {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string pending_path(const Archive& a) { return a.tmp_dir() + "/pending.json"; }

std::string dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; }

std::string media_type_of_text() { return "text/plain; charset=utf-8"; }

}  // namespace

namespace {

// Whether a tmp/ entry named "<letter>-<pid>[-…]" belongs to a process still running.
bool owner_alive(const std::string& name) {
    if (name.size() < 3 || name[1] != '-') return false;
    long pid = std::atol(name.c_str() + 2);
    if (pid <= 0) return false;
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

std::string work_dir_path(const Archive& archive) { return archive.tmp_dir() + "/w-" + std::to_string(::getpid()); }

std::string work_dir(const Archive& archive) {
    std::string dir = work_dir_path(archive);
    make_dirs(dir);
    return dir;
}

Writer::Writer(const Archive& archive) : Writer(archive, default_lock_wait()) {}

Writer::Writer(const Archive& archive, std::chrono::milliseconds wait)
    : m_archive(archive), m_lock(archive.root(), wait) {
    make_dirs(m_archive.tmp_dir());
    recover();
}

Writer::~Writer() = default;

void Writer::write_pending(const json& ops) {
    json p = {{"journal_size", read_tail(m_archive.journal_path()).size}, {"ops", ops}};
    replace_file_atomically(pending_path(m_archive), dump(p));
    m_pending = true;
}

void Writer::append_journal(const std::vector<json>& entries) {
    if (!m_tail) m_tail = read_tail(m_archive.journal_path());
    JournalTail tail = *m_tail;
    std::string lines = chain_lines(entries, tail);
    append_durably(m_archive.journal_path(), lines);
    m_tail = tail;
}

void Writer::recover() {
    const std::string root = m_archive.root();
    const std::string pending = pending_path(m_archive);
    if (exists(pending)) {
        json p = json::parse(read_file(pending), nullptr, false);
        if (p.is_discarded() || !p.contains("ops"))
            throw Error(ErrorCode::corrupt, tr("journal d'intentions illisible", "unreadable intent log"), Place{pending});
        const std::uint64_t journal_size = p.value("journal_size", std::uint64_t{0});
        const std::string journal = m_archive.journal_path();
        std::uint64_t size = exists(journal) ? fs::file_size(journal) : 0;
        bool journaled = false;
        if (size > journal_size) {
            std::string appended = read_file(journal).substr(journal_size);
            if (!appended.empty() && appended.back() == '\n') {
                journaled = true;
            } else {
                // A torn append (power cut): never acknowledged, so cut it and redo it.
                fs::resize_file(journal, journal_size);
            }
        }
        std::vector<json> entries;
        for (const json& op : p["ops"]) {
            const std::string id = op.at("id").get<std::string>();
            const std::string from = root + "/" + op.at("from").get<std::string>();
            const std::string to = root + "/" + op.at("to").get<std::string>();
            if (op.contains("record")) replace_file_atomically((exists(to) ? to : from) + "/record.json", dump(op["record"]));
            if (op.contains("delete"))
                for (const auto& name : op["delete"]) std::remove((to + "/" + name.get<std::string>()).c_str());
            if (!exists(to + "/record.json")) {
                if (!exists(from)) continue;  // never got far enough to exist
                make_dirs(fs::path(to).parent_path().string());
                rename_path(from, to);
            }
            entries.push_back(op.at("entry"));
            m_recovered.push_back(id);
        }
        sync_filesystem(root);
        if (!journaled && !entries.empty()) append_journal(entries);
        m_pending = true;  // until the caller has reindexed m_recovered
    }
    // Anything else in tmp/ was never committed: removed, unless a live process owns it
    // (names "s-<pid>-…" and "w-<pid>…": a batch keeps its work there across groups).
    for (const auto& entry : fs::directory_iterator(m_archive.tmp_dir())) {
        std::string name = entry.path().filename().string();
        if (name == "pending.json") continue;
        if (owner_alive(name)) continue;
        remove_all(entry.path().string());
    }
    if (exists(pending) && m_recovered.empty()) settle();
}

std::string Writer::allocate_id() {
    const int year = today().year;
    auto it = m_next_seq.find(year);
    if (it == m_next_seq.end()) {
        int max_seq = 0;
        const std::string prefix = std::to_string(year) + "-";
        m_archive.for_each_record_dir([&](const std::string& dir) {
            std::string name = fs::path(dir).filename().string();
            if (name.compare(0, 5, prefix) == 0) max_seq = std::max(max_seq, std::stoi(name.substr(5)));
        });
        it = m_next_seq.emplace(year, max_seq + 1).first;
    }
    int seq = it->second++;
    if (seq > 999999)
        throw Error(ErrorCode::conflict, tr("plus d'un million d'enregistrements cette année : numérotation épuisée",
                                            "over a million records this year: numbering exhausted"));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%06d", year, seq);
    return buf;
}

StagedFiles Writer::stage_files(const std::string& source_path, const std::string& text,
                                const std::string& extension, const std::string& media_type,
                                const std::string& searchable_pdf) const {
    static std::atomic<unsigned> counter{0};
    StagedFiles s;
    s.stage_dir = m_archive.tmp_dir() + "/s-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    if (::mkdir(s.stage_dir.c_str(), 0755) != 0) throw_io(tr("créer le dossier", "create folder"), s.stage_dir, errno);
    try {
        const std::string original = "original." + (extension.empty() ? std::string("bin") : extension);
        CopyResult copy = copy_and_hash(source_path, s.stage_dir + "/" + original, text);
        s.original = {original, "original", media_type, copy.size, copy.sha256};
        crash_point("stage:copied");
        if (!copy.same_as_expected) {
            write_file(s.stage_dir + "/text.txt", text, Durability::none);
            s.text = RecordFile{"text.txt", "text", media_type_of_text(), text.size(), sha256_hex(text)};
        }
        if (!searchable_pdf.empty() && exists(searchable_pdf)) {
            const std::string target = s.stage_dir + "/searchable.pdf";
            rename_path(searchable_pdf, target);
            s.searchable = RecordFile{"searchable.pdf", "searchable", "application/pdf", fs::file_size(target), sha256_file(target)};
        }
    } catch (...) {
        remove_all(s.stage_dir);
        throw;
    }
    return s;
}

Staged Writer::finish(const StagedFiles& files, Record record) const {
    if (!is_record_id(record.id)) throw Error(ErrorCode::internal, "finish(): record without id");
    record.files = {files.original};
    if (files.text) record.files.push_back(*files.text);
    if (files.searchable) record.files.push_back(*files.searchable);
    record.extraction.text_file = files.text ? files.text->name : files.original.name;
    write_file(files.stage_dir + "/record.json", dump(to_json(record)), Durability::none);
    return Staged{std::move(record), files.stage_dir};
}

Staged Writer::stage(const std::string& source_path, Record draft, const std::string& text,
                     const std::string& extension, const std::string& expected_sha256) {
    StagedFiles files = stage_files(source_path, text, extension, "");
    if (!expected_sha256.empty() && files.original.sha256 != expected_sha256) {
        discard(files.stage_dir);
        throw Error(ErrorCode::conflict,
                    tr("le fichier a changé pendant son classement ; recommencez",
                       "the file changed while it was being filed; try again"),
                    Place{source_path});
    }
    try {
        return finish(files, std::move(draft));
    } catch (...) {
        discard(files.stage_dir);
        throw;
    }
}

void Writer::discard(const std::string& stage_dir) {
    if (!stage_dir.empty()) remove_all(stage_dir);
}

void Writer::discard(Staged& staged) {
    if (!staged.stage_dir.empty()) remove_all(staged.stage_dir);
    staged.stage_dir.clear();
}

std::vector<std::string> Writer::commit(const std::vector<Staged>& group, const std::string& user) {
    if (group.empty()) return {};
    if (!m_recovered.empty() && m_pending)
        throw Error(ErrorCode::internal, "commit() before settle() of recovered records");
    const std::string root = m_archive.root();
    sync_filesystem(root);  // the staged files of the whole group, in one flush
    crash_point("commit:staged");

    json ops = json::array();
    std::vector<json> entries;
    std::vector<std::string> dirs;
    const std::string now = now_utc_iso();
    for (const Staged& s : group) {
        const Record& r = s.record;
        std::string to = Archive::relative_record_dir(r.code, r.id);
        const RecordFile* original = r.file_with_role("original");
        json entry = {{"time", now},
                      {"action", "file"},
                      {"id", r.id},
                      {"code", r.code},
                      {"user", user},
                      {"sha256", original ? original->sha256 : ""},
                      {"record_sha256", sha256_hex(dump(to_json(r)))},
                      {"original_name", r.original_name},
                      {"title", r.title}};
        ops.push_back({{"op", "file"},
                       {"id", r.id},
                       {"from", fs::relative(s.stage_dir, root).string()},
                       {"to", to},
                       {"entry", entry}});
        entries.push_back(entry);
        dirs.push_back(root + "/" + to);
    }
    write_pending(ops);
    crash_point("commit:pending");
    for (std::size_t i = 0; i < group.size(); ++i) {
        std::string parent = fs::path(dirs[i]).parent_path().string();
        if (m_known_dirs.insert(parent).second) make_dirs(parent);
        rename_path(group[i].stage_dir, dirs[i]);
        crash_point("commit:renamed-one");
    }
    sync_filesystem(root);  // the renames and new folders
    crash_point("commit:renamed");
    append_journal(entries);
    crash_point("commit:journaled");
    return dirs;
}

Writer::Reclassified Writer::reclassify(const std::string& id, const std::string& code,
                                        const std::string& reason, const std::string& user) {
    if (std::string(trim(reason)).empty())
        throw Error(ErrorCode::invalid_input, tr("un motif est obligatoire (--reason)", "a reason is required (--reason)"));
    return move_record(id, code, "reclassify", reason, user, {});
}

Writer::Reclassified Writer::classify(const std::string& id, const std::string& code, const std::string& user,
                                      const std::function<void(Record&)>& amend) {
    return move_record(id, code, "classify", "", user, amend);
}

Writer::Reclassified Writer::move_record(const std::string& id, const std::string& code, const std::string& action,
                                         const std::string& reason, const std::string& user,
                                         const std::function<void(Record&)>& amend) {
    if (!m_recovered.empty() && m_pending)
        throw Error(ErrorCode::internal, "move_record() before settle() of recovered records");
    if (!is_record_id(id))
        throw Error(ErrorCode::invalid_input, tr("numéro d'enregistrement invalide « ", "invalid record number '") + id +
                                                  tr(" » (attendu AAAA-NNNNNN)", "' (expected YYYY-NNNNNN)"));
    auto dir = m_archive.find_record_dir(id);
    if (!dir) throw Error(ErrorCode::not_found, tr("enregistrement introuvable : ", "no such record: ") + id);
    Record record = m_archive.load_record(*dir);
    m_archive.plan().require_fileable(code);
    const bool queued = record.status == "to-classify";
    if (action == "classify" && !queued)
        throw Error(ErrorCode::conflict, id + tr(" n'est pas dans la file à classer (il est classé sous ",
                                                 " is not waiting to be classified (it is filed under ") +
                                             record.code + tr(") : utilisez « reclassify »", "): use 'reclassify'"));
    if (action == "reclassify" && queued)
        throw Error(ErrorCode::conflict, id + tr(" attend d'être classé : utilisez « classify »", " waits to be classified: use 'classify'"));
    if (record.code == code)
        throw Error(ErrorCode::conflict, id + tr(" est déjà classé sous ", " is already filed under ") + code);

    Reclassified out;
    out.old_code = record.code;
    if (amend) amend(record);
    record.code = code;
    record.plan = m_archive.plan().ref();
    record.status = "filed";
    // The code's default access level: taken by a record that had none of its own yet (from
    // the queue, its level not given by a person), and by any record when it is stricter.
    if (auto access = m_archive.plan().effective(code).access) {
        auto current = plan::parse_access(record.access);
        bool given = record.extra.value("access_given", false);
        if (!current || (queued && !given) || plan::rank(*access) > plan::rank(*current))
            record.access = plan::to_string(*access);
    }
    const std::string root = m_archive.root();
    std::string from = fs::relative(*dir, root).string();
    std::string to = Archive::relative_record_dir(code, id);
    json record_json = to_json(record);
    json entry = {{"time", now_utc_iso()}, {"action", action}, {"id", id}, {"from_code", out.old_code},
                  {"code", code}, {"reason", std::string(trim(reason))}, {"user", user},
                  {"record_sha256", sha256_hex(dump(record_json))}};
    write_pending(json::array({{{"op", "reclassify"}, {"id", id}, {"from", from}, {"to", to},
                                {"record", record_json}, {"entry", entry}}}));
    crash_point("reclassify:pending");
    replace_file_atomically(*dir + "/record.json", dump(record_json));
    crash_point("reclassify:rewritten");
    make_dirs(fs::path(root + "/" + to).parent_path().string());
    rename_path(*dir, root + "/" + to);
    sync_filesystem(root);
    crash_point("reclassify:moved");
    append_journal({entry});
    crash_point("reclassify:journaled");
    out.record = std::move(record);
    out.dir = root + "/" + to;
    return out;
}

namespace {

// The fields edit() may change, in the order its journal entry lists them.
constexpr std::array<std::pair<const char*, std::string Record::*>, 7> k_editable = {{
    {"title", &Record::title},
    {"date", &Record::date},
    {"type", &Record::type},
    {"direction", &Record::direction},
    {"correspondent", &Record::correspondent},
    {"reference", &Record::reference},
    {"access", &Record::access},
}};

[[noreturn]] void bad_field(const std::string& field, const std::string& message) {
    throw Error(ErrorCode::invalid_input, message, Place{"", 0, 0, field});
}

// The checks filing makes (service::normalise_metadata), again here: edit() writes only
// values that record.json's schema and the plan allow, whoever the caller.
void check_edited(const plan::Plan& plan, const std::string& field, const std::string& value) {
    if (field == "title" && trim(value).empty())
        bad_field(field, tr("le titre ne peut pas être vide", "the title cannot be empty"));
    if (field == "date" && !value.empty() && !parse_iso_date(value))
        bad_field(field, tr("date invalide « ", "invalid date '") + value + tr(" » (attendu AAAA-MM-JJ)", "' (expected YYYY-MM-DD)"));
    if (field == "type" && !value.empty()) {
        const plan::DocumentType* t = plan.resolve_type(value);
        if (t == nullptr || t->id != value)
            bad_field(field, tr("type de document inconnu « ", "unknown document type '") + value + tr(" »", "'"));
    }
    if (field == "direction" && !value.empty() && value != "in" && value != "out" && value != "internal")
        bad_field(field, tr("sens inconnu « ", "unknown direction '") + value + tr(" » (in, out ou internal)", "' (in, out or internal)"));
    if (field == "access" && !plan::parse_access(value))
        bad_field(field, tr("niveau d'accès inconnu « ", "unknown access level '") + value +
                             tr(" » (public, internal ou confidential)", "' (public, internal or confidential)"));
}

}  // namespace

Writer::Edited Writer::edit(const std::string& id, const std::function<void(Record&)>& amend,
                            const std::string& reason, const std::string& user) {
    if (!m_recovered.empty() && m_pending)
        throw Error(ErrorCode::internal, "edit() before settle() of recovered records");
    if (trim(reason).empty())
        bad_field("reason", tr("un motif est obligatoire (--reason)", "a reason is required (--reason)"));
    if (!is_record_id(id))
        throw Error(ErrorCode::invalid_input, tr("numéro d'enregistrement invalide « ", "invalid record number '") + id +
                                                  tr(" » (attendu AAAA-NNNNNN)", "' (expected YYYY-NNNNNN)"));
    auto dir = m_archive.find_record_dir(id);
    if (!dir) throw Error(ErrorCode::not_found, tr("enregistrement introuvable : ", "no such record: ") + id);
    Record record = m_archive.load_record(*dir);
    if (record.status == "destroyed")
        throw Error(ErrorCode::conflict, id + tr(" est éliminé : il n'en reste que la fiche (pierre tombale), qui ne se modifie plus",
                                                 " is destroyed: only its tombstone remains, which cannot be changed"));
    if (record.status == "to-classify")
        throw Error(ErrorCode::conflict, id + tr(" attend d'être classé : donnez ses métadonnées avec « classify »",
                                                 " waits to be classified: give its metadata with 'classify'"));

    Edited out;
    out.dir = *dir;
    Record amended = record;
    if (amend) amend(amended);
    json changes = json::array();
    for (const auto& [field, member] : k_editable) {
        if (amended.*member == record.*member) continue;
        check_edited(m_archive.plan(), field, amended.*member);
        out.changes.push_back({field, record.*member, amended.*member});
        changes.push_back({{"field", field}, {"old", record.*member}, {"new", amended.*member}});
        record.*member = amended.*member;
    }
    if (out.changes.empty()) {
        out.record = std::move(record);
        return out;
    }
    // A level set by a person, not the code's default (see move_record); access comes last.
    if (out.changes.back().field == "access") record.extra["access_given"] = true;
    const std::string rel = fs::relative(*dir, m_archive.root()).string();
    json record_json = to_json(record);
    json entry = {{"time", now_utc_iso()}, {"action", "edit"}, {"id", id}, {"code", record.code},
                  {"changes", changes}, {"reason", std::string(trim(reason))}, {"user", user},
                  {"record_sha256", sha256_hex(dump(record_json))}};
    crash_point("edit:checked");
    // In place (from = to): recovery rewrites record.json from the intent and journals it once.
    write_pending(json::array({{{"op", "edit"}, {"id", id}, {"from", rel}, {"to", rel}, {"record", record_json},
                                {"entry", entry}}}));
    crash_point("edit:pending");
    replace_file_atomically(*dir + "/record.json", dump(record_json));
    crash_point("edit:rewritten");
    append_journal({entry});
    crash_point("edit:journaled");
    out.record = std::move(record);
    return out;
}

Record Writer::destroy(const std::string& id, const json& disposal, const std::string& user) {
    if (!m_recovered.empty() && m_pending)
        throw Error(ErrorCode::internal, "destroy() before settle() of recovered records");
    auto dir = m_archive.find_record_dir(id);
    if (!dir) throw Error(ErrorCode::not_found, tr("enregistrement introuvable : ", "no such record: ") + id);
    Record record = m_archive.load_record(*dir);
    if (record.status == "destroyed")
        throw Error(ErrorCode::conflict, id + tr(" est déjà éliminé", " is already destroyed"));
    json destroyed = json::array();
    json names = json::array();
    for (const RecordFile& f : record.files) {
        destroyed.push_back({{"name", f.name}, {"role", f.role}, {"media_type", f.media_type}, {"size", f.size}, {"sha256", f.sha256}});
        names.push_back(f.name);
    }
    record.files.clear();
    record.status = "destroyed";
    record.extra["destroyed_files"] = destroyed;
    json d = disposal;
    d["time"] = now_utc_iso();
    d["user"] = user;
    record.extra["disposal"] = d;
    const std::string rel = fs::relative(*dir, m_archive.root()).string();
    json record_json = to_json(record);
    json entry = {{"time", d["time"]}, {"action", "dispose"}, {"id", id}, {"code", record.code}, {"user", user},
                  {"disposition", d.value("action", "destroy")}, {"slip", d.value("slip", "")},
                  {"reason", d.value("reason", "")}, {"record_sha256", sha256_hex(dump(record_json))}};
    write_pending(json::array({{{"op", "dispose"}, {"id", id}, {"from", rel}, {"to", rel}, {"record", record_json},
                                {"delete", names}, {"entry", entry}}}));
    crash_point("dispose:pending");
    replace_file_atomically(*dir + "/record.json", dump(record_json));
    for (const auto& name : names) std::remove((*dir + "/" + name.get<std::string>()).c_str());
    sync_filesystem(m_archive.root());
    crash_point("dispose:deleted");
    append_journal({entry});
    return record;
}

void Writer::settle() {
    if (!m_pending) return;
    std::string p = pending_path(m_archive);
    if (exists(p)) {
        if (std::remove(p.c_str()) != 0) throw_io(tr("supprimer", "remove"), p, errno);
    }
    m_pending = false;
    m_recovered.clear();
}

}  // namespace ububiko::archive
