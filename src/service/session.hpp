// A write session: the archive's writer lock and its index opened together, with any
// change a crash interrupted completed in both before anything else happens.
#pragma once

#include <string>

#include "archive/archive.hpp"
#include "archive/writer.hpp"
#include "index/indexer.hpp"

namespace ububiko::service {

class WriteSession {
public:
    explicit WriteSession(const archive::Archive& archive);

    archive::Writer& writer() { return m_writer; }
    index::IndexWriter& index() { return m_index; }

    // Indexes a record that is in place at dir (reads its text.txt).
    void index_record(const archive::Record& record, const std::string& dir);
    // Indexes a record whose text is at hand.
    void index_record(const archive::Record& record, const std::string& dir, std::string_view text);
    // Commits the index, then forgets the writer's intent log.
    void commit();

    std::size_t recovered_count() const { return m_recovered; }

private:
    const archive::Archive& m_archive;
    archive::Writer m_writer;
    index::IndexWriter m_index;
    std::size_t m_recovered = 0;
};

// Title of the record's code in the plan in force ("" when the code is unknown there).
std::string code_title(const archive::Archive& archive, const std::string& code);
// What the index keeps of the record's place in the plan in force: its code's title, and
// the titles of the code and its ancestors (ranking). in.record must be set.
void describe_code(const archive::Archive& archive, index::IndexInput& in);

}  // namespace ububiko::service
