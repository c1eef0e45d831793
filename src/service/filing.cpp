#include "service/filing.hpp"

#include <malloc.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <deque>
#include <exception>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include "classify/metadata.hpp"
#include "classify/suggest.hpp"
#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/parallel.hpp"
#include "core/system.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "extract/extract.hpp"
#include "index/indexer.hpp"
#include "index/searcher.hpp"
#include "service/session.hpp"

namespace ububiko::service {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// Limits of a group of records committed together. Bigger groups mean fewer flushes;
// the bounds keep memory flat and let slow extractions (long PDFs) reach the disk steadily.
constexpr std::size_t k_group_documents = 512;
constexpr std::uint64_t k_group_original_bytes = 16ull << 20;
constexpr std::uint64_t k_group_text_bytes = 2ull << 20;  // Xapian holds a group's postings in memory
constexpr auto k_group_age = std::chrono::milliseconds(1000);
// How long one hold of the writer lock may last before another writer gets a turn.
constexpr auto k_session_age = std::chrono::milliseconds(1000);

// One document on its way through the pipeline.
struct Item {
    std::size_t index = 0;
    FileOutcome outcome;
    std::uint64_t size = 0;
    extract::Result extracted;
    std::string text;  // pages joined by form feeds
    int pages = 0;
    std::optional<archive::StagedFiles> files;
    std::string searchable;  // the searchable PDF OCR wrote, if any
    bool failed = false;  // outcome already final (extraction or staging failed)
    classify::ProposedMetadata proposals;  // read from the text while staging, on every core
};

struct Group {
    std::vector<Item> items;
    std::vector<std::size_t> chosen;  // items that become records, in number order
    std::vector<archive::Staged> staged;
    std::vector<index::PreparedDocument> documents;
    std::uint64_t original_bytes = 0, text_bytes = 0;
    Clock::time_point started = Clock::now();
};

class Filer {
public:
    Filer(const archive::Archive& archive, const FileRequest& request, const Progress& progress)
        : m_archive(archive), m_request(request), m_progress(progress) {}

    FileSummary run();

private:
    void hand_off(Group group);
    void ensure_session();
    void drain();
    void prepare(Group& group);
    void commit(Group& group);
    void report(Group& group);
    archive::Record make_record(const Item& item, const Metadata& meta);
    void propose(const Item& item, FileOutcome& out, Metadata& meta, nlohmann::json& extra);
    const std::string& name_of(std::size_t index) const {
        return m_request.names.empty() ? m_request.paths[index] : m_request.names[index];
    }

    const archive::Archive& m_archive;
    const FileRequest& m_request;
    const Progress& m_progress;
    MetadataSource m_metadata;
    unsigned m_threads = std::max(1u, processor_count());

    std::optional<WriteSession> m_session;
    std::optional<index::Searcher> m_reader;  // committed records, for duplicates
    std::unique_ptr<classify::Suggester> m_suggester;  // opened at the first document without a code
    std::set<std::string> m_seen;             // originals of this session, committed or not
    Clock::time_point m_session_started;

    std::thread m_committer;  // commits the previous group while the next is prepared
    std::exception_ptr m_commit_error;
    std::optional<Group> m_committing;

    FileSummary m_summary;
    std::size_t m_done = 0;
};

FileSummary Filer::run() {
    const std::vector<std::string>& names = m_request.names.empty() ? m_request.paths : m_request.names;
    if (names.size() != m_request.paths.size()) throw Error(ErrorCode::internal, "file_documents: names and paths differ in number");
    m_metadata = check_metadata(m_archive, names, m_request.metadata, m_request.metadata_csv, !m_request.queue_unclassified);
    const std::size_t total = m_request.paths.size();
    const std::string work = m_request.ocr_languages.empty() ? std::string() : archive::work_dir(m_archive) + "/ocr";
    if (!work.empty()) make_dirs(work);
    // This process's work folder goes when the filing ends, however it ends.
    struct WorkCleanup {
        std::string dir;
        ~WorkCleanup() {
            if (dir.empty()) return;
            try {
                remove_all(dir);
            } catch (const Error&) {
            }
        }
    } cleanup{work.empty() ? std::string() : archive::work_dir_path(m_archive)};
    unsigned jobs = m_request.jobs ? m_request.jobs : processor_count();
    jobs = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(jobs, total)));
    extract::WorkerPool pool({extract_worker_program()}, jobs);

    // A window of documents in extraction: workers keep busy while a group is committed,
    // and memory stays flat however long the list.
    const std::size_t window = std::max<std::size_t>(16, jobs * 8);
    std::deque<std::pair<std::size_t, std::future<extract::Result>>> in_flight;
    // Pages already counted by OCR progress, per document (the rest is counted at its end).
    auto pages_seen = std::make_shared<std::vector<std::atomic<int>>>(total);
    std::size_t next = 0;
    auto refill = [&] {
        while (next < total && in_flight.size() < window) {
            if (m_request.stop && m_request.stop->load()) break;
            extract::Options options;
            options.ocr_languages = m_request.ocr_languages;
            if (!work.empty()) options.searchable_pdf = work + "/ocr-" + std::to_string(next) + ".pdf";
            extract::PageProgress progress;
            if (m_request.on_pages) {
                auto on_pages = m_request.on_pages;
                std::size_t index = next;
                progress = [on_pages, pages_seen, index](int, int) {
                    ++(*pages_seen)[index];
                    on_pages(1);
                };
            }
            in_flight.emplace_back(next, pool.submit(m_request.paths[next], options, progress));
            ++next;
        }
    };

    Group group;
    try {
        refill();
        while (!in_flight.empty()) {
            auto [index, future] = std::move(in_flight.front());
            in_flight.pop_front();
            Item item;
            item.index = index;
            item.outcome.path = name_of(index);
            try {
                struct stat st {};
                const std::string& path = m_request.paths[index];
                const bool exists_here = ::stat(path.c_str(), &st) == 0;
                if (exists_here && S_ISDIR(st.st_mode))
                    throw Error(ErrorCode::invalid_input,
                                tr("« ", "'") + item.outcome.path +
                                    tr(" » est un dossier : « ububiko intake » classe un dossier entier",
                                       "' is a folder: 'ububiko intake' files a whole folder"));
                if (exists_here && !S_ISREG(st.st_mode))
                    throw Error(ErrorCode::invalid_input, tr("« ", "'") + item.outcome.path +
                                                              tr(" » n'est pas un fichier ordinaire", "' is not a regular file"));
                item.extracted = future.get();
                if (!work.empty() && item.extracted.searchable_pdf_written)
                    item.searchable = work + "/ocr-" + std::to_string(index) + ".pdf";
                m_summary.pages += item.extracted.pages.size();
                int counted = (*pages_seen)[index].load();
                if (m_request.on_pages && static_cast<int>(item.extracted.pages.size()) > counted)
                    m_request.on_pages(static_cast<int>(item.extracted.pages.size()) - counted);
                item.size = static_cast<std::uint64_t>(st.st_size);
                for (std::size_t p = 0; p < item.extracted.pages.size(); ++p) {
                    if (p) item.text += '\f';
                    item.text += item.extracted.pages[p];
                }
                item.pages = static_cast<int>(item.extracted.pages.size());
                item.extracted.pages.clear();
                item.extracted.pages.shrink_to_fit();
            } catch (const Error& e) {
                item.failed = true;
                item.outcome.status = FileOutcome::Status::failed;
                item.outcome.message = e.what();
                // A file taken out of a batch is named as received, not by its place in tmp/.
                const std::string& path = m_request.paths[index];
                for (std::size_t p = item.outcome.message.find(path); p != std::string::npos && path != item.outcome.path;
                     p = item.outcome.message.find(path, p + item.outcome.path.size()))
                    item.outcome.message.replace(p, path.size(), item.outcome.path);
            }
            refill();
            if (group.items.empty()) group.started = Clock::now();
            group.original_bytes += item.size;
            group.text_bytes += item.text.size();
            group.items.push_back(std::move(item));
            if (group.items.size() >= k_group_documents || group.original_bytes >= k_group_original_bytes ||
                group.text_bytes >= k_group_text_bytes || Clock::now() - group.started >= k_group_age) {
                hand_off(std::move(group));
                group = Group{};
            }
        }
        if (!group.items.empty()) hand_off(std::move(group));
        drain();
        m_session.reset();
        // Stopped (Ctrl-C): the documents never started are reported as such.
        for (std::size_t i = next; i < total; ++i) {
            FileOutcome out;
            out.path = name_of(i);
            out.status = FileOutcome::Status::not_started;
            ++m_summary.not_started;
            ++m_done;
            if (m_progress) m_progress(out, m_done, total);
        }
    } catch (...) {
        if (m_committer.joinable()) m_committer.join();
        throw;
    }
    (void)m_done;
    // The classifier learns from what was filed: retrained once enough is new (derived
    // data beside the index; a failure leaves the old model and is only said).
    if (m_request.retrain && m_summary.filed > 0 && !(m_request.stop && m_request.stop->load())) {
        try {
            if (classify::model_stale(m_archive)) {
                classify::TrainReport t = classify::train(m_archive);
                m_summary.model_records = t.records;
                m_summary.model_seconds = t.seconds;
            }
        } catch (const std::exception& e) {
            m_summary.model_error = e.what();
        }
    }
    return m_summary;
}

// Holds the writer lock for a second at most, then gives a waiting writer its turn.
void Filer::ensure_session() {
    if (m_session && Clock::now() - m_session_started < k_session_age) return;
    if (m_session) {
        drain();
        m_session.reset();
        m_reader.reset();
        if (archive::writer_waiting(m_archive.root())) std::this_thread::sleep_for(std::chrono::milliseconds(150));
    }
    m_session.emplace(m_archive);
    m_reader.emplace(m_archive.root());
    m_seen.clear();
    m_session_started = Clock::now();
}

// Waits for the group being committed; rethrows its failure.
void Filer::drain() {
    if (m_committer.joinable()) m_committer.join();
    m_committing.reset();
    if (m_commit_error) {
        std::exception_ptr e = m_commit_error;
        m_commit_error = nullptr;
        std::rethrow_exception(e);
    }
}

void Filer::hand_off(Group group) {
    ensure_session();
    try {
        prepare(group);
    } catch (...) {
        for (Item& item : group.items)
            if (item.files) m_session->writer().discard(item.files->stage_dir);
        throw;
    }
    try {
        drain();
    } catch (...) {
        for (Item& item : group.items)
            if (item.files) m_session->writer().discard(item.files->stage_dir);
        throw;
    }
    m_committing.emplace(std::move(group));
    m_committer = std::thread([this] {
        try {
            commit(*m_committing);
        } catch (...) {
            m_commit_error = std::current_exception();
        }
    });
}

namespace {

// A workbook's cells are no letter: no heading to take a title from, no letterhead naming a
// correspondent. Its title is its own (document properties) or its file name.
bool is_workbook(const extract::Result& x) {
    return x.type.kind == extract::Kind::ods || x.type.kind == extract::Kind::xlsx;
}

std::string title_from_content(const Item& item) {
    const extract::Result& x = item.extracted;
    if (!trim(x.title).empty()) return std::string(trim(x.title));
    return is_workbook(x) ? title_from_name(item.outcome.path) : title_from_text(item.text);
}

}  // namespace

archive::Record Filer::make_record(const Item& item, const Metadata& meta) {
    const extract::Result& x = item.extracted;
    archive::Record rec;
    rec.archive = m_archive.config().code;
    rec.code = meta.code;
    rec.plan = m_archive.plan().ref();
    rec.status = meta.code.empty() ? "to-classify" : "filed";
    if (meta.access_given) rec.extra["access_given"] = true;
    rec.title = !meta.title.empty() ? meta.title : title_from_content(item);
    if (rec.title.empty()) rec.title = title_from_name(item.outcome.path);
    rec.date = meta.date;
    rec.type = meta.type;
    rec.direction = meta.direction;
    rec.correspondent = meta.correspondent;
    rec.reference = meta.reference;
    rec.access = meta.access;
    // The name as received, shown in results: a name from a Windows machine (not UTF-8) is
    // decoded from its encoding; the file itself is kept byte for byte.
    rec.original_name = utf8_or_cp1252(fs::path(item.outcome.path).filename().string());
    rec.registered = now_utc_iso();
    rec.registered_by = m_request.user;
    rec.extraction.method = x.method;
    rec.extraction.pages = item.pages;
    std::uint64_t chars = 0;
    for (unsigned char c : item.text) chars += (c & 0xC0) != 0x80 && c != '\f';
    rec.extraction.chars = chars;
    rec.extraction.needs_ocr = x.needs_ocr;
    rec.extraction.pages_without_text = x.pages_without_text;
    rec.extraction.ocr_engine = x.ocr_engine;
    for (const extract::PageInfo& p : x.page_info)
        rec.extraction.page_info.push_back({p.number, p.ocr, p.confidence, p.rotation, p.skew, p.blank, p.words});
    if (x.needs_ocr) rec.flags.push_back("needs-ocr");
    double confidence = rec.extraction.ocr_confidence();
    if (confidence >= 0 && confidence < k_low_ocr_confidence) rec.flags.push_back("low-ocr-confidence");
    return rec;
}

// Fills what was not given from the text (metadata proposals), then, without a code, asks
// the classifier: its first suggestion is taken at or above the archive's threshold, else
// the document is queued with the suggestions kept in its record. `extra` receives what
// was proposed, for the record (extra.proposed): people see what ububiko chose.
void Filer::propose(const Item& item, FileOutcome& out, Metadata& meta, nlohmann::json& extra) {
    const classify::ProposedMetadata& p = item.proposals;
    // A proposal is taken only when the field was not given and it passes the same checks
    // as a value typed by a person.
    auto take = [&](const char* field, std::string Metadata::*slot, const std::optional<classify::Proposed>& proposal) {
        if (!trim(meta.*slot).empty() || !proposal || proposal->value.empty()) return;
        Metadata trial = meta;
        trial.*slot = proposal->value;
        try {
            meta.*slot = normalise_metadata(m_archive, trial, {}, false).*slot;  // "3 mars 2024" → "2024-03-03"
        } catch (const Error&) {
            return;
        }
        extra[field] = {{"value", meta.*slot}, {"evidence", proposal->evidence}};
        out.proposed.push_back(field);
    };
    take("date", &Metadata::date, p.date);
    take("type", &Metadata::type, p.type);
    take("reference", &Metadata::reference, p.reference);
    if (!is_workbook(item.extracted)) {
        take("correspondent", &Metadata::correspondent, p.correspondent);
        if (trim(item.extracted.title).empty()) take("title", &Metadata::title, p.title);
    }

    if (!meta.code.empty()) return;
    if (!m_suggester) m_suggester = std::make_unique<classify::Suggester>(m_archive);
    classify::Document doc;
    doc.title = !meta.title.empty() ? meta.title : title_from_content(item);
    doc.text = item.text;
    doc.correspondent = meta.correspondent;
    doc.type = meta.type;
    doc.direction = meta.direction;
    std::vector<classify::Suggestion> suggestions = m_suggester->suggest(doc, 3);
    if (suggestions.empty()) return;
    nlohmann::json list = nlohmann::json::array();
    for (const classify::Suggestion& s : suggestions)
        list.push_back({{"code", s.code}, {"confidence", s.confidence}, {"reasons", s.reasons}});
    extra["suggestions"] = std::move(list);
    const classify::Suggestion& best = suggestions.front();
    out.suggested_code = best.code;
    out.suggested_confidence = best.confidence;
    if (best.confidence < m_archive.config().suggestion_threshold) return;
    try {
        m_archive.plan().require_fileable(best.code);
    } catch (const Error&) {
        return;
    }
    meta.code = best.code;
    extra["code"] = {{"value", best.code}, {"confidence", best.confidence}};
    if (!meta.access_given) {
        auto access = m_archive.plan().effective(meta.code).access;
        meta.access = access ? plan::to_string(*access) : "internal";
    }
}

// On the main thread, under the writer lock: the group staged, checked, numbered, its
// record.json written and its index documents built.
void Filer::prepare(Group& g) {
    archive::Writer& writer = m_session->writer();

    // 1. Originals copied (and hashed) and texts written into tmp/, on every core.
    parallel_for(g.items.size(), m_threads, [&](std::size_t i) {
        Item& item = g.items[i];
        if (item.failed) return;
        try {
            item.files = writer.stage_files(m_request.paths[item.index], item.text, item.extracted.type.extension,
                                            item.extracted.type.media_type, item.searchable);
            if (m_request.queue_unclassified && m_request.suggest)
                item.proposals = classify::propose_metadata(item.text, name_of(item.index), m_archive.plan());
        } catch (const Error& e) {
            item.failed = true;
            item.outcome.status = FileOutcome::Status::failed;
            item.outcome.message = e.what();
            if (!item.searchable.empty()) std::remove(item.searchable.c_str());
        }
    });

    // 2. Duplicates refused, then numbers given in order: no number is ever skipped.
    std::vector<archive::Record> drafts;
    for (std::size_t i = 0; i < g.items.size(); ++i) {
        Item& item = g.items[i];
        if (!item.files) continue;
        FileOutcome& out = item.outcome;
        const std::string& sha = item.files->original.sha256;
        std::optional<index::Summary> existing = m_reader->find_by_sha256(sha);
        if (existing || !m_seen.insert(sha).second) {
            writer.discard(item.files->stage_dir);
            if (!item.searchable.empty()) std::remove(item.searchable.c_str());
            item.files.reset();
            out.status = FileOutcome::Status::duplicate;
            if (existing) {
                out.id = existing->id;
                out.message = tr("déjà dans l'archive sous le numéro ", "already in the archive as ") + existing->id;
            } else {
                out.message = tr("même contenu qu'un autre document de ce lot", "same content as another document of this batch");
            }
            continue;
        }
        Place place;
        Metadata meta = normalise_metadata(m_archive, m_metadata.for_path(out.path, &place), place,
                                           !m_request.queue_unclassified);
        nlohmann::json proposals = nlohmann::json::object();
        if (m_request.queue_unclassified && m_request.suggest) propose(item, out, meta, proposals);
        archive::Record rec = make_record(item, meta);
        if (!proposals.empty()) rec.extra["proposed"] = std::move(proposals);
        rec.id = writer.allocate_id();
        if (rec.has_flag("needs-ocr")) out.warnings.push_back(tr("sans couche texte : à océriser", "no text layer: needs OCR"));
        if (rec.has_flag("low-ocr-confidence"))
            out.warnings.push_back(tr("lecture OCR peu sûre : à vérifier", "uncertain OCR: to be checked"));
        const std::string percent = std::to_string(static_cast<int>(out.suggested_confidence * 100 + 0.5)) + tr(" %", "%");
        if (!out.suggested_code.empty() && rec.code == out.suggested_code)
            out.warnings.push_back(tr("code suggéré par ububiko, confiance ", "code suggested by ububiko, confidence ") + percent);
        if (rec.code.empty()) {
            if (!out.suggested_code.empty())
                out.warnings.push_back(tr("sans code : mis dans la file à classer (meilleure suggestion ",
                                          "no code: put in the queue (best suggestion ") +
                                       out.suggested_code + tr(" à ", " at ") + percent + tr(", sous le seuil)", ", under the threshold)"));
            else
                out.warnings.push_back(tr("sans code : mis dans la file à classer", "no code: put in the queue"));
        }
        if (rec.date.empty()) out.warnings.push_back(tr("date du document non renseignée", "document date not given"));
        g.chosen.push_back(i);
        drafts.push_back(std::move(rec));
    }

    // 3. record.json written and index documents built, on every core.
    g.staged.resize(g.chosen.size());
    g.documents.resize(g.chosen.size());
    parallel_for(g.chosen.size(), m_threads, [&](std::size_t k) {
        static thread_local index::DocumentBuilder builder;
        Item& item = g.items[g.chosen[k]];
        g.staged[k] = writer.finish(*item.files, std::move(drafts[k]));
        index::IndexInput in;
        in.record = &g.staged[k].record;
        in.text = item.text;
        in.relative_dir = archive::Archive::relative_record_dir(g.staged[k].record.code, g.staged[k].record.id);
        describe_code(m_archive, in);
        g.documents[k] = builder.build(in);
    });
}

// On the committer thread: the group made durable, visible and journaled, then indexed;
// its documents reported.
void Filer::commit(Group& g) {
    archive::Writer& writer = m_session->writer();
    index::IndexWriter& index = m_session->index();
    if (!g.staged.empty()) {
        // The index takes the documents (one thread per shard) in a transaction that becomes
        // visible only once the records are safe.
        index.begin_group();
        std::exception_ptr index_error;
        std::thread indexing([&] {
            try {
                index.add_all(g.documents, /*is_new=*/true);
            } catch (...) {
                index_error = std::current_exception();
            }
        });
        try {
            writer.commit(g.staged, m_request.user);
        } catch (...) {
            indexing.join();
            index.cancel_group();
            for (auto& st : g.staged) writer.discard(st);
            throw;
        }
        indexing.join();
        for (std::size_t k = 0; k < g.staged.size(); ++k) {
            FileOutcome& out = g.items[g.chosen[k]].outcome;
            out.status = g.staged[k].record.code.empty() ? FileOutcome::Status::queued : FileOutcome::Status::filed;
            out.id = g.staged[k].record.id;
            out.record = std::move(g.staged[k].record);
        }
        // Should the index fail, the records are safe and journaled: the intent log stays,
        // and the next writer (or check) indexes them.
        if (index_error) {
            index.cancel_group();
            report(g);
            std::rethrow_exception(index_error);
        }
        m_session->commit();
    }
    report(g);
    // Freed pages go back to the system, so memory stays flat over a long batch.
    g.documents.clear();
    g.staged.clear();
    for (Item& item : g.items) std::string().swap(item.text);
    ::malloc_trim(0);
}

void Filer::report(Group& g) {
    const std::size_t total = m_request.paths.size();
    for (Item& item : g.items) {
        switch (item.outcome.status) {
            case FileOutcome::Status::filed: ++m_summary.filed; break;
            case FileOutcome::Status::queued: ++m_summary.queued; break;
            case FileOutcome::Status::duplicate: ++m_summary.duplicates; break;
            case FileOutcome::Status::failed: ++m_summary.failed; break;
            case FileOutcome::Status::not_started: ++m_summary.not_started; break;
        }
        ++m_done;
        if (m_progress) m_progress(item.outcome, m_done, total);
    }
}

}  // namespace

FileSummary file_documents(const archive::Archive& archive, const FileRequest& request, const Progress& progress) {
    Filer filer(archive, request, progress);
    return filer.run();
}

}  // namespace ububiko::service
