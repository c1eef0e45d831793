// Writing the index: one Xapian document per record (docs/index-schema.md). Only the
// holder of the archive's writer lock opens an IndexWriter.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "index/document.hpp"

namespace ububiko::index {

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
