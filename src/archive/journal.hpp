// The archive's journal: journal.jsonl, append-only, one JSON object per line, each with
// the SHA-256 of the previous line ("prev") and a sequence number, so that a removed,
// changed or reordered line breaks the chain (docs/archive-format.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ububiko::archive {

inline const std::string k_genesis_hash(64, '0');

// The end of the journal: what the next line must chain to.
struct JournalTail {
    std::uint64_t seq = 0;        // seq of the last line, 0 when empty
    std::string hash = k_genesis_hash;  // SHA-256 of the last line (without its newline)
    std::uint64_t size = 0;       // byte size of the file
};

// Reads the last line of the journal (cheap: only the end of the file is read).
// Throws Error(corrupt) when the last line is not valid JSON with a seq.
JournalTail read_tail(const std::string& path);

// Builds the lines for these entries after the tail: sets "seq" and "prev" in each and
// returns the text to append (each line ends with '\n'); updates tail.
std::string chain_lines(std::vector<nlohmann::json> entries, JournalTail& tail);

struct JournalProblem {
    std::uint64_t line = 0;  // 1-based
    std::string message;
};

// Checks the whole chain: every line parses, seq follows, prev matches. An unterminated
// last line is reported too.
std::vector<JournalProblem> verify_journal(const std::string& path);

// All entries in order (unparseable lines are skipped; use verify_journal to find them).
std::vector<nlohmann::json> read_journal(const std::string& path);
// The entries about one record (whose "id" is record_id), in order. Only the lines that
// name it are parsed: a record's page reads a journal of many thousand lines quickly.
std::vector<nlohmann::json> read_journal_about(const std::string& path, const std::string& record_id);

}  // namespace ububiko::archive
