#include "service/maintenance.hpp"

#include <dirent.h>

#include <filesystem>
#include <map>
#include <set>

#include "archive/journal.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/sha256.hpp"
#include "core/system.hpp"
#include "core/time.hpp"
#include "index/indexer.hpp"
#include "index/searcher.hpp"
#include "service/session.hpp"

namespace ububiko::service {

namespace fs = std::filesystem;

std::size_t CheckReport::unrepaired() const {
    std::size_t n = 0;
    for (const auto& p : problems) n += !p.repaired;
    return n;
}

ReindexReport reindex(const archive::Archive& archive, const Counter& progress) {
    ReindexReport report;
    archive::Writer writer(archive);  // the lock, and recovery of interrupted changes
    std::vector<std::string> dirs;
    archive.for_each_record_dir([&](const std::string& d) { dirs.push_back(d); });
    std::sort(dirs.begin(), dirs.end());
    const std::string fresh = archive.root() + "/index.new";
    if (exists(fresh)) remove_all(fresh);
    {
        index::IndexWriter index(fresh, index::IndexWriter::Mode::create_new);
        std::size_t done = 0;
        for (const std::string& dir : dirs) {
            try {
                archive::Record r = archive.load_record(dir);
                std::string text_path = dir + "/" + r.extraction.text_file;
                std::string text = exists(text_path) ? read_file(text_path) : std::string();
                index::IndexInput in;
                in.record = &r;
                in.text = text;
                in.relative_dir = fs::relative(dir, archive.root()).string();
                describe_code(archive, in);
                index.put(in);
                ++report.records;
            } catch (const Error& e) {
                report.skipped.push_back(e.what());
            }
            if (++done % 1000 == 0) index.commit();
            if (progress) progress(done, dirs.size());
        }
        index.commit();
    }
    // Swap: the old index stays readable by open searchers until they close it.
    const std::string current = archive.index_dir();
    const std::string old = archive.root() + "/index.old";
    if (exists(old)) remove_all(old);
    if (exists(current)) rename_path(current, old);
    rename_path(fresh, current);
    fsync_path(archive.root());
    if (exists(old)) remove_all(old);
    writer.settle();
    return report;
}

namespace {

std::string rel(const archive::Archive& a, const std::string& path) {
    return fs::relative(path, a.root()).string();
}

}  // namespace

CheckReport check(const archive::Archive& archive, bool repair, const Counter& progress) {
    CheckReport report;
    // Finish any change a crash interrupted (as a database replays its log): that is
    // completing an acknowledged operation, not repairing damage.
    // A damaged index cannot be opened for that; it is reported below, and rebuilt by --repair.
    try {
        WriteSession session(archive);
        report.recovered = session.recovered_count();
    } catch (const Error& e) {
        if (e.code() != ErrorCode::corrupt) throw;
    }
    auto problem = [&](std::string kind, std::string id, std::string path, std::string message) {
        report.problems.push_back({std::move(kind), std::move(id), std::move(path), std::move(message), false});
    };

    // 1. Record folders against their record.json.
    std::vector<std::string> dirs;
    archive.for_each_record_dir([&](const std::string& d) { dirs.push_back(d); });
    std::sort(dirs.begin(), dirs.end());
    std::map<std::string, std::string> on_disk;  // id → relative folder
    std::map<std::string, archive::Record> records;
    std::size_t done = 0;
    for (const std::string& dir : dirs) {
        const std::string id = fs::path(dir).filename().string();
        const std::string rdir = rel(archive, dir);
        if (progress) progress(done++, dirs.size());
        archive::Record r;
        try {
            r = archive.load_record(dir);
        } catch (const Error& e) {
            problem("record", id, rdir + "/record.json", e.message());
            on_disk[id] = rdir;
            continue;
        }
        ++report.records;
        if (r.id != id) problem("record", id, rdir, tr("record.json porte le numéro ", "record.json carries id ") + r.id);
        if (archive::Archive::relative_record_dir(r.code, r.id) != rdir)
            problem("misplaced", id, rdir,
                    tr("dossier mal placé pour le code ", "folder misplaced for code ") + r.code + tr(" (attendu ", " (expected ") +
                        archive::Archive::relative_record_dir(r.code, r.id) + ")");
        std::set<std::string> listed = {"record.json"};
        for (const archive::RecordFile& f : r.files) {
            listed.insert(f.name);
            std::string path = dir + "/" + f.name;
            if (!exists(path)) {
                problem("missing-file", id, rdir + "/" + f.name, tr("fichier absent", "file missing"));
                continue;
            }
            ++report.files;
            std::uint64_t size = fs::file_size(path);
            report.bytes += size;
            std::string sha = sha256_file(path);
            if (size != f.size || sha != f.sha256)
                problem("fixity", id, rdir + "/" + f.name,
                        tr("contenu altéré : SHA-256 ", "content altered: SHA-256 ") + sha.substr(0, 12) + "… " +
                            tr("au lieu de ", "instead of ") + f.sha256.substr(0, 12) + "…, " + std::to_string(size) +
                            tr(" octets au lieu de ", " bytes instead of ") + std::to_string(f.size));
        }
        for (const auto& entry : fs::directory_iterator(dir)) {
            std::string name = entry.path().filename().string();
            if (!listed.count(name))
                problem("extra-file", id, rdir + "/" + name, tr("fichier non décrit dans record.json", "file not described in record.json"));
        }
        on_disk[id] = rdir;
        records.emplace(id, std::move(r));
    }

    // 2. The journal: chain, and every record journaled.
    for (const auto& jp : archive::verify_journal(archive.journal_path()))
        problem("journal", "", "journal.jsonl" + (jp.line ? ":" + std::to_string(jp.line) : std::string()), jp.message);
    std::set<std::string> journaled;
    for (const auto& e : archive::read_journal(archive.journal_path()))
        if (e.value("action", "") == "file" || e.value("action", "") == "recover") journaled.insert(e.value("id", ""));
    std::vector<std::string> not_journaled;
    for (const auto& [id, rdir] : on_disk)
        if (!journaled.count(id) && records.count(id)) {
            problem("not-journaled", id, rdir, tr("enregistrement absent du journal", "record missing from the journal"));
            not_journaled.push_back(id);
        }

    // 3. The index against the records.
    std::map<std::string, std::string> indexed;
    std::string index_error;
    try {
        indexed = index::Searcher(archive.root()).all_paths();
    } catch (const Error& e) {
        index_error = e.message();
        problem("index", "", "index", e.message());
    }
    std::vector<std::string> to_index, to_remove;
    for (const auto& [id, rdir] : on_disk) {
        if (!records.count(id)) continue;
        auto it = indexed.find(id);
        if (it == indexed.end()) {
            if (index_error.empty()) problem("not-indexed", id, rdir, tr("enregistrement absent de l'index", "record missing from the index"));
            to_index.push_back(id);
        } else if (it->second != rdir) {
            problem("stale-index", id, rdir, tr("l'index le situe ailleurs (", "the index places it elsewhere (") + it->second + ")");
            to_index.push_back(id);
        }
    }
    for (const auto& [id, path] : indexed)
        if (!on_disk.count(id)) {
            problem("orphan-index", id, path, tr("entrée d'index sans enregistrement", "index entry without a record"));
            to_remove.push_back(id);
        }

    if (repair) {
        if (!index_error.empty()) {
            reindex(archive);
            for (auto& p : report.problems)
                if (p.kind == "index" || p.kind == "not-indexed" || p.kind == "stale-index" || p.kind == "orphan-index") p.repaired = true;
        } else if (!to_index.empty() || !to_remove.empty() || !not_journaled.empty()) {
            WriteSession session(archive);
            for (const std::string& id : to_index) {
                std::string dir = archive.root() + "/" + on_disk[id];
                session.index_record(records.at(id), dir);
            }
            for (const std::string& id : to_remove) session.index().remove(id);
            if (!not_journaled.empty()) {
                std::vector<nlohmann::json> entries;
                for (const std::string& id : not_journaled) {
                    const archive::Record& r = records.at(id);
                    const archive::RecordFile* original = r.file_with_role("original");
                    entries.push_back({{"time", now_utc_iso()}, {"action", "recover"}, {"id", id}, {"code", r.code},
                                       {"user", current_user()}, {"sha256", original ? original->sha256 : ""},
                                       {"reason", "check --repair: record found on disk without a journal entry"}});
                }
                session.writer().append_journal(entries);
            }
            session.commit();
            for (auto& p : report.problems)
                if (p.kind == "not-indexed" || p.kind == "stale-index" || p.kind == "orphan-index" || p.kind == "not-journaled")
                    p.repaired = true;
        }
    }
    return report;
}

}  // namespace ububiko::service
