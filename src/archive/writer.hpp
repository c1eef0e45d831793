// The only way records change: a Writer holds the archive's writer lock, finishes any change
// a crash interrupted (roll forward from tmp/pending.json), allocates register numbers,
// stages new records in tmp/ and commits them in groups: one filesystem flush for the whole
// group, then atomic renames into records/, then one journal append. A record is durable,
// visible and journaled when commit() returns; the caller then updates the index and calls
// settle().
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <optional>
#include <string>
#include <vector>

#include "archive/archive.hpp"
#include "archive/journal.hpp"
#include "archive/lock.hpp"
#include "archive/record.hpp"

namespace ububiko::archive {

// A record prepared in tmp/, not yet part of the archive.
struct Staged {
    Record record;
    std::string stage_dir;  // absolute
};

// The files of a record staged in tmp/ before it has a number.
struct StagedFiles {
    std::string stage_dir;  // absolute
    RecordFile original;
    std::optional<RecordFile> text;  // absent when the original is that very text
    std::optional<RecordFile> searchable;  // searchable.pdf, when OCR made one
};

// This process's own folder in tmp/ (tmp/w-<pid>), for work in progress outside any
// record: OCR output, unpacked batches. Recovery leaves it alone while the process lives.
std::string work_dir(const Archive& archive);
// The same folder's path, without creating it.
std::string work_dir_path(const Archive& archive);

class Writer {
public:
    // Takes the writer lock (waiting up to `wait`) and recovers interrupted changes.
    explicit Writer(const Archive& archive);
    Writer(const Archive& archive, std::chrono::milliseconds wait);
    ~Writer();
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    // Records whose interrupted change was completed by recovery: the index must be brought
    // up to date for them (then call settle()).
    const std::vector<std::string>& recovered() const { return m_recovered; }

    // The next register number of the current year, "2026-000043".
    std::string allocate_id();

    // Stages a record: copies the original byte for byte (checking that its SHA-256 is still
    // `expected_sha256` when given), writes text.txt and record.json. `draft` must have its
    // id and metadata set; files are filled in here. No fsync: commit() flushes the group.
    Staged stage(const std::string& source_path, Record draft, const std::string& text,
                 const std::string& extension, const std::string& expected_sha256 = {});
    // The same in two steps, so that many records are staged at once on several threads
    // (both are thread-safe) and numbered only once known not to be duplicates:
    // stage_files copies the original (hashing it) and writes the text into a new folder of
    // tmp/; finish writes record.json there (record.files is filled in).
    // searchable_pdf, when given, is moved into the record as searchable.pdf.
    StagedFiles stage_files(const std::string& source_path, const std::string& text, const std::string& extension,
                            const std::string& media_type, const std::string& searchable_pdf = {}) const;
    Staged finish(const StagedFiles& files, Record record) const;
    // Removes a staged record that will not be committed.
    void discard(Staged& staged);
    void discard(const std::string& stage_dir);

    // Makes the group durable and visible (see the file comment). Returns each record's
    // final folder, in order. `user` goes to the journal.
    std::vector<std::string> commit(const std::vector<Staged>& group, const std::string& user);

    struct Reclassified {
        Record record;        // as now on disk
        std::string old_code;
        std::string dir;      // new folder
    };
    // Moves a record under another code of the plan in force (a leaf, not obsolete), with a
    // reason for the journal. Throws Error(not_found / invalid_input / conflict).
    Reclassified reclassify(const std::string& id, const std::string& code, const std::string& reason,
                            const std::string& user);

    // Files a record waiting in the queue (status "to-classify", no code) under a code,
    // after `amend` (if given) has completed its metadata. Takes the code's default access
    // level unless the record's own is stricter.
    Reclassified classify(const std::string& id, const std::string& code, const std::string& user,
                          const std::function<void(Record&)>& amend = {});

    // One metadata field changed by edit(): its record.json name, its value before and after
    // ("" for an unknown date).
    struct FieldChange {
        std::string field;  // "title", "date", "type", "direction", "correspondent", "reference", "access"
        std::string old_value, new_value;
        bool operator==(const FieldChange&) const = default;
    };
    struct Edited {
        Record record;                     // as now on disk
        std::string dir;                   // its folder, unchanged
        std::vector<FieldChange> changes;  // in the order above; empty: nothing written
    };
    // Changes the metadata of a filed record in place: `amend` sets any of title, date, type,
    // direction, correspondent, reference and access (whatever else it changes is ignored: the
    // code, and so the folder, change by reclassify only). The new values are checked: an ISO
    // date, a type id of the plan's vocabulary, a known direction and access level, a title
    // that is not empty. record.json is replaced atomically after the intent log, so that a
    // crash leaves the edit either not begun or completed by recovery; then one journal
    // entry "edit" lists each field changed (old and new values) with the reason and the user.
    // When amend changes nothing, nothing is written nor journaled (changes is empty).
    // Throws Error(invalid_input) naming the field (or "reason" when it is empty),
    // Error(not_found), Error(conflict) for a destroyed record or one waiting in the queue.
    Edited edit(const std::string& id, const std::function<void(Record&)>& amend, const std::string& reason,
                const std::string& user);

    // Destroys a record's files (original, text, searchable copy) and leaves a tombstone:
    // its record.json, status "destroyed", with the files' names and checksums under
    // "destroyed_files" and `disposal` (action, slip, reason, who, when) under "disposal".
    // Journaled as "dispose". The caller has checked that it may be destroyed.
    Record destroy(const std::string& id, const nlohmann::json& disposal, const std::string& user);

    // Forgets the intent log once the index reflects every change made so far.
    void settle();

    // Appends entries that describe no change of records (views, repairs) to the journal.
    void append_journal(const std::vector<nlohmann::json>& entries);

private:
    Reclassified move_record(const std::string& id, const std::string& code, const std::string& action,
                             const std::string& reason, const std::string& user,
                             const std::function<void(Record&)>& amend);
    void recover();
    void write_pending(const nlohmann::json& ops);

    const Archive& m_archive;
    WriterLock m_lock;
    std::vector<std::string> m_recovered;
    std::map<int, int> m_next_seq;  // year → next sequence number
    std::set<std::string> m_known_dirs;  // record parents known to exist
    std::optional<JournalTail> m_tail;
    bool m_pending = false;
};

}  // namespace ububiko::archive
