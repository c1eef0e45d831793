#include "index/indexer.hpp"

#include <xapian.h>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/parallel.hpp"
#include "core/text.hpp"
#include "index/analysis.hpp"
#include "index/schema.hpp"

namespace ububiko::index {

using nlohmann::json;

json to_json(const Summary& s) {
    return {{"id", s.id}, {"title", s.title}, {"date", s.date}, {"code", s.code},
            {"code_title", s.code_title}, {"type", s.type}, {"direction", s.direction},
            {"correspondent", s.correspondent}, {"reference", s.reference}, {"access", s.access},
            {"status", s.status}, {"flags", s.flags}, {"original_name", s.original_name},
            {"path", s.path}, {"registered", s.registered}, {"pages", s.pages}, {"text_file", s.text_file}};
}

Summary summary_from_json(const json& j) {
    Summary s;
    auto get = [&](const char* k) { return j.value(k, std::string()); };
    s.id = get("id");
    s.title = get("title");
    s.date = get("date");
    s.code = get("code");
    s.code_title = get("code_title");
    s.type = get("type");
    s.direction = get("direction");
    s.correspondent = get("correspondent");
    s.reference = get("reference");
    s.access = get("access");
    s.status = get("status");
    s.original_name = get("original_name");
    s.path = get("path");
    s.registered = get("registered");
    s.text_file = j.value("text_file", std::string("text.txt"));
    s.pages = j.value("pages", 0);
    if (j.contains("flags") && j["flags"].is_array()) s.flags = j["flags"].get<std::vector<std::string>>();
    return s;
}

void rethrow_xapian(const std::string& context) {
    try {
        throw;
    } catch (const Error&) {
        throw;
    } catch (const Xapian::DatabaseLockError& e) {
        throw Error(ErrorCode::busy, context + tr(" : l'index est utilisé par un autre processus", ": the index is in use by another process"));
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw Error(ErrorCode::corrupt, context + tr(" : index illisible (", ": unreadable index (") + e.get_msg() +
                                            tr(") ; lancez « ububiko reindex »", "); run 'ububiko reindex'"));
    } catch (const Xapian::DatabaseCorruptError& e) {
        throw Error(ErrorCode::corrupt, context + tr(" : index endommagé (", ": damaged index (") + e.get_msg() +
                                            tr(") ; lancez « ububiko reindex »", "); run 'ububiko reindex'"));
    } catch (const Xapian::DatabaseModifiedError& e) {
        throw Error(ErrorCode::busy, context + tr(" : l'index a changé pendant la lecture ; recommencez",
                                                  ": the index changed while being read; try again"));
    } catch (const Xapian::DatabaseError& e) {
        // A table cut short or unreadable ("EOF reading block 4"): damage, which the index,
        // derived from records/, can be rebuilt from.
        throw Error(ErrorCode::corrupt, context + tr(" : index endommagé (", ": damaged index (") + e.get_msg() +
                                            tr(") ; lancez « ububiko reindex »", "); run 'ububiko reindex'"));
    } catch (const Xapian::Error& e) {
        throw Error(ErrorCode::io, context + " : " + e.get_type() + " " + e.get_msg());
    }
}

namespace {

std::string compact_date(const std::string& iso) {
    std::string out;
    for (char c : iso)
        if (c >= '0' && c <= '9') out += c;
    return out.substr(0, 8);
}

// Term for a boolean prefix: a ':' separates a value starting with a capital (Xapian's rule).
std::string bool_term(const char* prefix, const std::string& value) {
    std::string v = value.substr(0, 200);
    if (!v.empty() && v[0] >= 'A' && v[0] <= 'Z') return std::string(prefix) + ":" + v;
    return prefix + v;
}

}  // namespace

struct PreparedDocument::Impl {
    Xapian::Document doc;
    std::string id;
    std::vector<std::pair<std::string, Xapian::termcount>> spelling;
};

PreparedDocument::PreparedDocument() : m_impl(std::make_unique<Impl>()) {}
PreparedDocument::~PreparedDocument() = default;
PreparedDocument::PreparedDocument(PreparedDocument&&) noexcept = default;
PreparedDocument& PreparedDocument::operator=(PreparedDocument&&) noexcept = default;

struct DocumentBuilder::Impl {
    Xapian::TermGenerator generator;
    Impl() {
        generator.set_stemmer(folded_french_stemmer());
        generator.set_stopper(&french_stopper());
        generator.set_stopper_strategy(Xapian::TermGenerator::STOP_STEMMED);
        generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    }
};

DocumentBuilder::DocumentBuilder() : m_impl(std::make_unique<Impl>()) {}
DocumentBuilder::~DocumentBuilder() = default;

namespace {

// Words for the spelling dictionary: unprefixed terms without digits.
bool spelling_word(const std::string& term) {
    if (term.empty() || term.size() > 40) return false;
    unsigned char first = static_cast<unsigned char>(term[0]);
    if (first >= 'A' && first <= 'Z') return false;  // prefixed: filters, stems
    for (unsigned char c : term)
        if (c >= '0' && c <= '9') return false;
    return true;
}

}  // namespace

PreparedDocument DocumentBuilder::build(const IndexInput& in) {
    const archive::Record& r = *in.record;
    PreparedDocument prepared;
    try {
        Xapian::Document& doc = prepared.m_impl->doc;
        prepared.m_impl->id = r.id;
        Xapian::TermGenerator& g = m_impl->generator;
        g.set_document(doc);
        g.set_termpos(0);
        // Text: title and correspondent weigh more than the body; each also under its prefix.
        std::string title = fold(r.title);
        g.index_text(title, k_title_weight);
        g.index_text(title, 1, P_TITLE);
        g.increase_termpos(10);
        if (!r.correspondent.empty()) {
            std::string corr = fold(r.correspondent);
            g.index_text(corr, k_correspondent_weight);
            g.index_text(corr, 1, P_FROM);
            g.increase_termpos(10);
        }
        if (!r.reference.empty()) {
            std::string ref = fold(r.reference);
            g.index_text(ref);
            g.index_text(ref, 1, P_REFERENCE);
            g.increase_termpos(10);
        }
        if (!in.classification.empty()) g.index_text_without_positions(fold(in.classification), 1, P_CLASSIFICATION);
        if (!r.original_name.empty()) {
            std::string name = fold(r.original_name);
            g.index_text_without_positions(name);
            g.index_text_without_positions(name, 1, P_FILENAME);
            g.increase_termpos(10);
        }
        std::size_t start = 0;
        while (start <= in.text.size()) {
            std::size_t ff = in.text.find('\f', start);
            std::string_view page = in.text.substr(start, ff == std::string_view::npos ? std::string_view::npos : ff - start);
            if (!page.empty()) g.index_text(fold(page));
            g.increase_termpos(100);
            if (ff == std::string_view::npos) break;
            start = ff + 1;
        }

        // Filters.
        doc.add_boolean_term(P_ID + r.id);
        std::string code_so_far;
        for (std::size_t pos = 0; !r.code.empty();) {
            std::size_t dot = r.code.find('.', pos);
            code_so_far = r.code.substr(0, dot);
            doc.add_boolean_term(P_CODE + code_so_far);
            if (dot == std::string::npos) break;
            pos = dot + 1;
        }
        std::string year = std::to_string(r.document_year());
        doc.add_boolean_term(P_YEAR + year);
        if (!r.type.empty()) doc.add_boolean_term(bool_term(P_TYPE, r.type));
        if (!r.direction.empty()) doc.add_boolean_term(bool_term(P_DIRECTION, r.direction));
        if (!r.correspondent.empty()) doc.add_boolean_term(bool_term(P_CORRESPONDENT, slugify(r.correspondent)));
        doc.add_boolean_term(bool_term(P_ACCESS, r.access));
        doc.add_boolean_term(bool_term(P_STATUS, r.status));
        for (const std::string& flag : r.flags) doc.add_boolean_term(bool_term(P_STATUS, flag));
        if (const archive::RecordFile* original = r.file_with_role("original"))
            doc.add_boolean_term(P_SHA256 + original->sha256);
        if (!r.language.empty()) doc.add_boolean_term(bool_term(P_LANGUAGE, r.language));

        // Values.
        std::string registered = compact_date(r.registered);
        doc.add_value(SLOT_DATE, r.date.empty() ? registered : compact_date(r.date));
        doc.add_value(SLOT_CODE, r.code);
        doc.add_value(SLOT_TYPE, r.type);
        doc.add_value(SLOT_YEAR, year);
        doc.add_value(SLOT_CORRESPONDENT, r.correspondent.substr(0, 200));
        doc.add_value(SLOT_REGISTERED, registered);
        doc.add_value(SLOT_ID, r.id);

        Summary s;
        s.id = r.id;
        s.title = r.title;
        s.date = r.date;
        s.code = r.code;
        s.code_title = in.code_title;
        s.type = r.type;
        s.direction = r.direction;
        s.correspondent = r.correspondent;
        s.reference = r.reference;
        s.access = r.access;
        s.status = r.status;
        s.flags = r.flags;
        s.original_name = r.original_name;
        s.path = in.relative_dir;
        s.registered = r.registered;
        s.pages = r.extraction.pages;
        s.text_file = r.extraction.text_file;
        doc.set_data(to_json(s).dump(-1, ' ', false, json::error_handler_t::replace));
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
            if (spelling_word(*t)) prepared.m_impl->spelling.emplace_back(*t, t.get_wdf());
    } catch (...) {
        rethrow_xapian(tr("indexation de ", "indexing ") + r.id);
    }
    return prepared;
}

struct IndexWriter::Impl {
    std::string dir;
    std::vector<Xapian::WritableDatabase> shards;
    DocumentBuilder builder;
    bool in_group = false;

    std::size_t shard_of(const std::string& id) const {
        // Consecutive register numbers alternate between shards: balanced, and stable.
        std::size_t seq = 0;
        for (std::size_t i = 5; i < id.size(); ++i)
            if (id[i] >= '0' && id[i] <= '9') seq = seq * 10 + static_cast<std::size_t>(id[i] - '0');
        return seq % shards.size();
    }
};

namespace {

const char* k_stub = "XAPIANDB";

std::vector<std::string> read_stub(const std::string& dir) {
    std::vector<std::string> out;
    std::string text = read_file(dir + "/" + k_stub);
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        std::string line(trim(std::string_view(text).substr(pos, nl == std::string::npos ? std::string::npos : nl - pos)));
        pos = nl == std::string::npos ? text.size() : nl + 1;
        if (line.empty() || line[0] == '#') continue;
        auto space = line.find(' ');
        if (space == std::string::npos) continue;
        out.push_back(line.substr(space + 1));
    }
    return out;
}

}  // namespace

IndexWriter::IndexWriter(const std::string& dir, Mode mode) : m_impl(std::make_unique<Impl>()) {
    m_impl->dir = dir;
    try {
        if (mode == Mode::create_new && exists(dir)) remove_all(dir);
        if (exists(dir + "/iamglass"))
            throw Error(ErrorCode::corrupt,
                        tr("l'index a été construit par une autre version d'ububiko ; lancez « ububiko reindex »",
                           "the index was built by another version of ububiko; run 'ububiko reindex'"),
                        Place{dir});
        std::vector<std::string> names;
        if (exists(dir + "/" + k_stub)) {
            names = read_stub(dir);
        } else {
            // A new index: one shard per writer thread, listed in a Xapian stub so that any
            // Xapian tool (quest, delve) opens them as one database.
            make_dirs(dir);
            std::string stub = "# ububiko index: shards searched as one database\n";
            for (unsigned s = 0; s < k_shards; ++s) {
                names.push_back("shard" + std::to_string(s));
                stub += "glass shard" + std::to_string(s) + "\n";
            }
            replace_file_atomically(dir + "/" + k_stub, stub);
        }
        if (names.empty()) throw Error(ErrorCode::corrupt, tr("index sans partition", "index without shards"), Place{dir});
        for (const std::string& name : names) {
            Xapian::WritableDatabase db(dir + "/" + name, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
            std::string schema = db.get_metadata(M_SCHEMA);
            if (schema.empty() && db.get_doccount() == 0) {
                db.set_metadata(M_SCHEMA, std::to_string(k_index_schema));
                db.set_metadata(M_FOLD, std::to_string(k_fold_version));
                db.set_metadata(M_STEMMER, k_stemmer_name);
                db.commit();  // readers opening the new index see what it is at once
            } else if (schema != std::to_string(k_index_schema) ||
                       db.get_metadata(M_FOLD) != std::to_string(k_fold_version) ||
                       db.get_metadata(M_STEMMER) != k_stemmer_name) {
                throw Error(ErrorCode::corrupt,
                            tr("l'index a été construit par une autre version d'ububiko ; lancez « ububiko reindex »",
                               "the index was built by another version of ububiko; run 'ububiko reindex'"),
                            Place{dir});
            }
            m_impl->shards.push_back(std::move(db));
        }
    } catch (...) {
        rethrow_xapian(tr("ouverture de l'index ", "opening the index ") + dir);
    }
}

IndexWriter::~IndexWriter() = default;

void IndexWriter::put(const IndexInput& in) { add(m_impl->builder.build(in)); }

namespace {

void add_to(Xapian::WritableDatabase& db, PreparedDocument::Impl& p, bool is_new) {
    if (is_new) db.add_document(p.doc);
    else db.replace_document(P_ID + p.id, p.doc);
    for (const auto& [word, freq] : p.spelling) db.add_spelling(word, freq);
}

}  // namespace

void IndexWriter::add(PreparedDocument document, bool is_new) {
    PreparedDocument::Impl& p = *document.m_impl;
    try {
        add_to(m_impl->shards[m_impl->shard_of(p.id)], p, is_new);
    } catch (...) {
        rethrow_xapian(tr("indexation de ", "indexing ") + p.id);
    }
}

void IndexWriter::add_all(std::vector<PreparedDocument>& documents, bool is_new) {
    std::vector<std::vector<PreparedDocument::Impl*>> by_shard(m_impl->shards.size());
    for (auto& d : documents) by_shard[m_impl->shard_of(d.m_impl->id)].push_back(d.m_impl.get());
    try {
        parallel_for(by_shard.size(), static_cast<unsigned>(by_shard.size()), [&](std::size_t s) {
            for (PreparedDocument::Impl* p : by_shard[s]) add_to(m_impl->shards[s], *p, is_new);
        });
    } catch (...) {
        rethrow_xapian(tr("indexation", "indexing"));
    }
}

void IndexWriter::begin_group() {
    try {
        for (auto& db : m_impl->shards) db.begin_transaction(false);
        m_impl->in_group = true;
    } catch (...) {
        rethrow_xapian(tr("indexation", "indexing"));
    }
}

void IndexWriter::cancel_group() {
    if (!m_impl->in_group) return;
    m_impl->in_group = false;
    for (auto& db : m_impl->shards) {
        try {
            db.cancel_transaction();
        } catch (const Xapian::Error&) {
        }
    }
}

void IndexWriter::remove(const std::string& id) {
    try {
        m_impl->shards[m_impl->shard_of(id)].delete_document(P_ID + id);
    } catch (...) {
        rethrow_xapian(tr("retrait de l'index de ", "removing from the index ") + id);
    }
}

void IndexWriter::commit() {
    try {
        if (m_impl->in_group) {
            for (auto& db : m_impl->shards) db.commit_transaction();
            m_impl->in_group = false;
        }
        parallel_for(m_impl->shards.size(), static_cast<unsigned>(m_impl->shards.size()),
                     [&](std::size_t s) { m_impl->shards[s].commit(); });
    } catch (...) {
        rethrow_xapian(tr("enregistrement de l'index", "committing the index"));
    }
}

std::optional<std::string> IndexWriter::find_by_sha256(const std::string& sha256) const {
    try {
        for (auto& db : m_impl->shards) {
            Xapian::PostingIterator p = db.postlist_begin(P_SHA256 + sha256);
            if (p == db.postlist_end(P_SHA256 + sha256)) continue;
            auto summary = summary_from_data(db.get_document(*p).get_data());
            return summary && !summary->id.empty() ? summary->id : std::string("?");
        }
        return std::nullopt;
    } catch (...) {
        rethrow_xapian(tr("recherche de doublon", "duplicate lookup"));
    }
}

std::size_t IndexWriter::document_count() const {
    std::size_t n = 0;
    for (auto& db : m_impl->shards) n += db.get_doccount();
    return n;
}

}  // namespace ububiko::index
