// Writing the index: one Xapian document per record (docs/index-schema.md). Only the
// holder of the archive's writer lock opens an IndexWriter.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "index/document.hpp"

namespace ububiko::index {

// A record's Xapian document, built apart from the database so that many can be built at
// once on several threads (one DocumentBuilder per thread), then added by the writer.
class PreparedDocument {
public:
    PreparedDocument();
    ~PreparedDocument();
    PreparedDocument(PreparedDocument&&) noexcept;
    PreparedDocument& operator=(PreparedDocument&&) noexcept;

    struct Impl;  // defined where Xapian is, in indexer.cpp

private:
    friend class DocumentBuilder;
    friend class IndexWriter;
    std::unique_ptr<Impl> m_impl;
};

class DocumentBuilder {
public:
    DocumentBuilder();
    ~DocumentBuilder();
    DocumentBuilder(const DocumentBuilder&) = delete;
    DocumentBuilder& operator=(const DocumentBuilder&) = delete;
    // Folds, tokenises and stems the record's texts, adds its filters, values and data.
    PreparedDocument build(const IndexInput& input);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The index is split into shards written in parallel (one per core of the small machines
// it is made for) and searched as one database through a Xapian stub file.
inline constexpr unsigned k_shards = 2;

class IndexWriter {
public:
    enum class Mode { open_or_create, create_new };
    // Opens (or creates) the database in dir. Throws Error(corrupt) when the index was built
    // with another schema, normaliser or stemmer ("run ububiko reindex"), Error(busy) when
    // another process writes it.
    explicit IndexWriter(const std::string& dir, Mode mode = Mode::open_or_create);
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    // Adds or replaces the record's document.
    void put(const IndexInput& input);
    // The same for a document built beforehand; `is_new` skips the replace lookup.
    void add(PreparedDocument document, bool is_new = false);
    // Many documents at once, one thread per shard.
    void add_all(std::vector<PreparedDocument>& documents, bool is_new = false);
    // Changes made between begin_group() and commit() become visible together, or not at
    // all with cancel_group() (when the records they describe could not be committed).
    void begin_group();
    void cancel_group();
    void remove(const std::string& id);
    // Makes the changes durable and visible to readers.
    void commit();

    // The id of the record whose original has this SHA-256, if any (sees uncommitted puts).
    std::optional<std::string> find_by_sha256(const std::string& sha256) const;
    std::size_t document_count() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Translates a Xapian exception into ububiko::Error (the module's edge).
[[noreturn]] void rethrow_xapian(const std::string& context);

}  // namespace ububiko::index
