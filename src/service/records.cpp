#include "service/records.hpp"

#include <algorithm>

#include "archive/journal.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "index/query.hpp"
#include "index/searcher.hpp"
#include "service/session.hpp"

namespace ububiko::service {

std::string parse_record_id(const archive::Archive& archive, const std::string& text) {
    std::string id = text;
    if (auto slash = id.find('/'); slash != std::string::npos) {
        std::string code = id.substr(0, slash);
        if (code != archive.config().code)
            throw Error(ErrorCode::not_found, tr("ce numéro appartient à l'archive ", "this number belongs to archive ") + code +
                                                  tr(", pas à ", ", not ") + archive.config().code);
        id = id.substr(slash + 1);
    }
    if (!archive::is_record_id(id))
        throw Error(ErrorCode::invalid_input, tr("numéro d'enregistrement invalide « ", "invalid record number '") + text +
                                                  tr(" » (attendu AAAA-NNNNNN, par exemple 2026-000042)",
                                                     "' (expected YYYY-NNNNNN, e.g. 2026-000042)"));
    return id;
}

RecordView show_record(const archive::Archive& archive, const std::string& text) {
    std::string id = parse_record_id(archive, text);
    std::string hint;
    if (auto s = index::Searcher(archive.root()).find(id)) hint = s->code;
    auto dir = archive.find_record_dir(id, hint);
    if (!dir) throw Error(ErrorCode::not_found, tr("aucun enregistrement n° ", "no record number ") + id);
    RecordView view;
    view.record = archive.load_record(*dir);
    view.dir = *dir;
    view.history = archive::read_journal_about(archive.journal_path(), id);
    return view;
}

std::vector<index::Summary> list_records(const archive::Archive& archive, const ListRequest& req) {
    index::Searcher searcher(archive.root());
    index::SearchRequest s;
    if (!req.code.empty()) s.query += "code:" + req.code + " ";
    if (req.year) s.query += "annee:" + std::to_string(req.year);
    s.plan = &archive.plan();
    s.snippets = false;
    s.limit = std::max<std::size_t>(searcher.document_count(), 1);
    std::vector<index::Summary> out;
    for (auto& hit : searcher.search(s).hits) out.push_back(std::move(hit.summary));
    std::sort(out.begin(), out.end(), [](const index::Summary& a, const index::Summary& b) { return a.id < b.id; });
    if (req.limit && out.size() > req.limit) out.resize(req.limit);
    return out;
}

std::vector<index::Summary> queue(const archive::Archive& archive) {
    index::Searcher searcher(archive.root());
    index::SearchRequest s;
    s.query = "statut:a-classer";
    s.snippets = false;
    s.limit = std::max<std::size_t>(searcher.document_count(), 1);
    std::vector<index::Summary> out;
    for (auto& hit : searcher.search(s).hits) out.push_back(std::move(hit.summary));
    std::sort(out.begin(), out.end(), [](const index::Summary& a, const index::Summary& b) { return a.id < b.id; });
    return out;
}

archive::Record classify(const archive::Archive& archive, const std::string& text, const std::string& code,
                         const Metadata& given, const std::string& user) {
    std::string id = parse_record_id(archive, text);
    Metadata with_code = given;
    with_code.code = code;
    Metadata m = normalise_metadata(archive, with_code);  // checks the code and every field given
    WriteSession session(archive);
    archive::Writer::Reclassified moved = session.writer().classify(id, m.code, user, [&](archive::Record& r) {
        if (!trim(given.title).empty()) r.title = m.title;
        if (!trim(given.date).empty()) r.date = m.date;
        if (!trim(given.type).empty()) r.type = m.type;
        if (!trim(given.direction).empty()) r.direction = m.direction;
        if (!trim(given.correspondent).empty()) r.correspondent = m.correspondent;
        if (!trim(given.reference).empty()) r.reference = m.reference;
        if (!trim(given.access).empty()) {
            r.access = m.access;
            r.extra["access_given"] = true;
        }
    });
    session.index_record(moved.record, moved.dir);
    session.commit();
    return moved.record;
}

EditResult edit_metadata(const archive::Archive& archive, const std::string& text, const Metadata& given,
                         const std::string& reason, const std::string& user) {
    std::string id = parse_record_id(archive, text);
    if (!trim(given.code).empty())
        throw Error(ErrorCode::invalid_input,
                    tr("le code ne se modifie pas ici : « ububiko reclassify NUMÉRO CODE --reason MOTIF » déplace un enregistrement",
                       "the code is not changed here: 'ububiko reclassify NUMBER CODE --reason REASON' moves a record"),
                    Place{"", 0, 0, "--code"});
    bool any = false;
    for (const std::string* f : {&given.title, &given.date, &given.type, &given.direction, &given.correspondent,
                                 &given.reference, &given.access})
        any = any || !trim(*f).empty();
    if (!any)
        throw Error(ErrorCode::invalid_input,
                    tr("rien à modifier : donnez au moins une option parmi --title, --date, --type, --direction, "
                       "--correspondent, --reference, --access",
                       "nothing to change: give at least one of --title, --date, --type, --direction, "
                       "--correspondent, --reference, --access"));
    if (trim(reason).empty())
        throw Error(ErrorCode::invalid_input, tr("un motif est obligatoire", "a reason is required"), Place{"", 0, 0, "--reason"});
    // Checked before the lock is taken: a bad value leaves everything as it was.
    Metadata m = normalise_metadata(archive, given, {}, false);
    WriteSession session(archive);
    archive::Writer::Edited edited = session.writer().edit(
        id,
        [&](archive::Record& r) {
            if (!trim(given.title).empty()) r.title = m.title;
            if (!trim(given.date).empty()) r.date = m.date;
            if (!trim(given.type).empty()) r.type = m.type;
            if (!trim(given.direction).empty()) r.direction = m.direction;
            if (!trim(given.correspondent).empty()) r.correspondent = m.correspondent;
            if (!trim(given.reference).empty()) r.reference = m.reference;
            if (!trim(given.access).empty()) r.access = m.access;
        },
        reason, user);
    if (!edited.changes.empty()) session.index_record(edited.record, edited.dir);
    session.commit();
    return {std::move(edited.record), std::move(edited.changes)};
}

void note_view(const archive::Archive& archive, const std::string& text, const std::string& user) {
    std::string id = parse_record_id(archive, text);
    std::string hint;
    if (auto s = index::Searcher(archive.root()).find(id)) hint = s->code;
    WriteSession session(archive);  // the lock, and any interrupted change completed first
    auto dir = archive.find_record_dir(id, hint);
    if (!dir) throw Error(ErrorCode::not_found, tr("aucun enregistrement n° ", "no record number ") + id);
    archive::Record r = archive.load_record(*dir);
    session.writer().append_journal(
        {{{"time", now_utc_iso()}, {"action", "view"}, {"id", id}, {"code", r.code}, {"access", r.access}, {"user", user}}});
}

ReclassifyResult reclassify(const archive::Archive& archive, const std::string& text, const std::string& code,
                            const std::string& reason, const std::string& user) {
    std::string id = parse_record_id(archive, text);
    WriteSession session(archive);
    archive::Writer::Reclassified moved = session.writer().reclassify(id, code, reason, user);
    session.index_record(moved.record, moved.dir);
    session.commit();
    return {moved.record, moved.old_code};
}

}  // namespace ububiko::service
