// Unpacking the zip and tar batches people bring (a scanner's export, a folder zipped by a
// secretary) safely: only regular files come out, each under the destination folder, one
// by one; whatever could escape or harm is refused entry by entry with a reason.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "extract/extract.hpp"

namespace ububiko::extract {

enum class ArchiveKind { none, zip, tar };  // tar: plain, gzip, bzip2 or xz compressed

// What the first bytes of a file say: a zip that is not an ODT/DOCX (those are documents
// to file, not batches), a tar (plain or compressed), or none. Throws Error(not_found/io).
ArchiveKind archive_kind(const std::string& path);

struct UnpackLimits {
    std::uint64_t max_entry_bytes = 2ull << 30;    // one file, uncompressed
    std::uint64_t max_total_bytes = 20ull << 30;   // the whole batch, uncompressed
    std::uint64_t max_entries = 100000;
    double max_ratio = 250.0;                      // uncompressed / compressed, for one entry (zip bombs)
};

struct UnpackedEntry {
    std::string name;    // the path inside the archive, as written there
    std::string path;    // where it was written (absolute), empty when refused
    std::uint64_t size = 0;
    std::string refused; // why it was not written, for people; empty when written
};

struct UnpackReport {
    std::vector<UnpackedEntry> entries;  // in archive order; directories are not listed
};

// In this process: writes the regular files of the archive under dest_dir (which must
// exist), keeping their folders; refuses entry by entry: absolute paths and paths that
// climb out (..), symbolic and hard links, devices, fifos and sockets, encrypted entries,
// entries over the limits. Names are made safe for the filesystem and unique. Never
// writes outside dest_dir. Throws Error(invalid_input) naming the archive when it cannot
// be read at all.
UnpackReport unpack_in_process(const std::string& archive_path, const std::string& dest_dir,
                               const UnpackLimits& limits = {});

// The same in a child process (`worker_program --unpack ARCHIVE DEST`, the ububiko-extract
// program) with a time and a memory limit, so that a hostile archive cannot take the
// caller down. Throws Error naming the archive on a crash, a timeout or a bad report.
UnpackReport unpack(const std::string& worker_program, const std::string& archive_path,
                    const std::string& dest_dir, const UnpackLimits& limits = {},
                    const Limits& process_limits = {std::chrono::minutes(10), 1024u << 20});

// Entry point of `ububiko-extract --unpack ARCHIVE DEST [limits]`: unpacks and writes the
// report on stdout. Returns the process exit status.
int unpack_main(int argc, char** argv);

}  // namespace ububiko::extract
