// The one error type of ububiko: a category (for exit codes and HTTP statuses), a message
// for people (already in the user's language) and, where known, the place it concerns.
#pragma once

#include <stdexcept>
#include <string>

namespace ububiko {

enum class ErrorCode {
    invalid_input,  // the user gave something wrong: a file, a plan, a query, an option
    not_found,      // a record, code, file or archive that does not exist
    conflict,       // a duplicate, or a state that forbids the operation
    busy,           // another writer holds the archive
    corrupt,        // on-disk data that fails its own checks
    io,             // the operating system refused a read or a write
    unsupported,    // a format or feature that is not handled
    internal,       // a bug: an invariant did not hold
};

// Where an error is: a file, optionally a line and column (1-based) and a field name.
struct Place {
    Place() = default;
    Place(std::string file_, int line_ = 0, int column_ = 0, std::string field_ = {})
        : file(std::move(file_)), line(line_), column(column_), field(std::move(field_)) {}

    std::string file;
    int line = 0;
    int column = 0;
    std::string field;

    bool empty() const { return file.empty() && line == 0 && field.empty(); }
    // "plan.yaml:12:5: field 'retention'" style prefix, empty when nothing is known.
    std::string to_string() const;
};

class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& message, Place place = {});

    ErrorCode code() const { return m_code; }
    const Place& place() const { return m_place; }
    // The message alone, without the place.
    const std::string& message() const { return m_message; }

private:
    ErrorCode m_code;
    std::string m_message;
    Place m_place;
};

// The process exit status a command uses for an error of this category.
int exit_status(ErrorCode code);
// A stable name for the category ("invalid-input", "not-found", ...), used in JSON output.
const char* code_name(ErrorCode code);
// What a system error number means, in the user's language (the C library speaks English
// only): "disque plein", "permission refusée" …
std::string system_error_text(int err);

}  // namespace ububiko
