// Unpacking zip and tar batches: hostile archives built here with libarchive's writer (and
// by hand where the writer will not lie), each bad entry refused with its reason, the good
// ones written byte for byte, and nothing anywhere outside the destination folder.
#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <set>
#include <stdexcept>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "extract/unpack.hpp"
#include "support/temp_dir.hpp"
#include "zip_fixture.hpp"

namespace fs = std::filesystem;
using namespace ububiko;
using namespace ububiko::extract;
using ububiko::test::TempDir;

namespace {

enum class Format { zip, ustar, pax, gnutar };
enum class Filter { none, gzip, bzip2, xz };

struct Entry {
    std::string name;
    std::string data;
    unsigned type = AE_IFREG;
    std::string symlink;   // target of a symbolic link
    std::string hardlink;  // target of a hard link
};

Entry file(std::string name, std::string data) {
    Entry e;
    e.name = std::move(name);
    e.data = std::move(data);
    return e;
}

Entry special(std::string name, unsigned type) {
    Entry e = file(std::move(name), "");
    e.type = type;
    return e;
}

Entry symlink_entry(std::string name, std::string target) {
    Entry e = special(std::move(name), AE_IFLNK);
    e.symlink = std::move(target);
    return e;
}

Entry hardlink_entry(std::string name, std::string target) {
    Entry e = file(std::move(name), "");
    e.hardlink = std::move(target);
    return e;
}

std::string write_archive(const std::string& path, Format format, const std::vector<Entry>& entries,
                          Filter filter = Filter::none) {
    std::unique_ptr<archive, int (*)(archive*)> a(archive_write_new(), archive_write_free);
    switch (format) {
        case Format::zip:
            archive_write_set_format_zip(a.get());
            break;
        case Format::ustar:
            archive_write_set_format_ustar(a.get());
            break;
        case Format::pax:
            archive_write_set_format_pax_restricted(a.get());
            break;
        case Format::gnutar:
            archive_write_set_format_gnutar(a.get());
            break;
    }
    if (filter == Filter::gzip) archive_write_add_filter_gzip(a.get());
    if (filter == Filter::bzip2) archive_write_add_filter_bzip2(a.get());
    if (filter == Filter::xz) archive_write_add_filter_xz(a.get());
    if (archive_write_open_filename(a.get(), path.c_str()) != ARCHIVE_OK)
        throw std::runtime_error(archive_error_string(a.get()));
    for (const Entry& e : entries) {
        std::unique_ptr<archive_entry, void (*)(archive_entry*)> entry(archive_entry_new(),
                                                                       archive_entry_free);
        archive_entry_copy_pathname(entry.get(), e.name.c_str());
        archive_entry_set_filetype(entry.get(), e.type);
        archive_entry_set_perm(entry.get(), e.type == AE_IFDIR ? 0755 : 0644);
        archive_entry_set_size(entry.get(), e.type == AE_IFREG && e.hardlink.empty()
                                                ? static_cast<la_int64_t>(e.data.size())
                                                : 0);
        if (!e.symlink.empty()) archive_entry_copy_symlink(entry.get(), e.symlink.c_str());
        if (!e.hardlink.empty()) archive_entry_copy_hardlink(entry.get(), e.hardlink.c_str());
        if (e.type == AE_IFCHR || e.type == AE_IFBLK) archive_entry_set_rdev(entry.get(), 0x0103);
        if (archive_write_header(a.get(), entry.get()) < ARCHIVE_WARN)
            throw std::runtime_error(e.name + ": " + archive_error_string(a.get()));
        for (std::size_t done = 0; done < e.data.size();) {
            const std::size_t chunk = std::min<std::size_t>(e.data.size() - done, 1 << 20);
            if (archive_write_data(a.get(), e.data.data() + done, chunk) < 0)
                throw std::runtime_error(archive_error_string(a.get()));
            done += chunk;
        }
    }
    if (archive_write_close(a.get()) != ARCHIVE_OK)
        throw std::runtime_error(archive_error_string(a.get()));
    return path;
}

// ---- zips made by hand, for what libarchive's writer will not write ------------------

std::uint32_t crc32(std::string_view data) {
    std::uint32_t crc = 0xFFFFFFFF;
    for (unsigned char b : data) {
        crc ^= b;
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320 & (0 - (crc & 1)));
    }
    return ~crc;
}

// Raw deflate data: libarchive's gzip output without its 10-byte header and 8-byte trailer.
std::string deflate(const std::string& data) {
    std::unique_ptr<archive, int (*)(archive*)> a(archive_write_new(), archive_write_free);
    archive_write_set_format_raw(a.get());
    archive_write_add_filter_gzip(a.get());
    archive_write_set_bytes_in_last_block(a.get(), 1);
    std::string out(data.size() + 1024, '\0');
    std::size_t used = 0;
    REQUIRE(archive_write_open_memory(a.get(), out.data(), out.size(), &used) == ARCHIVE_OK);
    std::unique_ptr<archive_entry, void (*)(archive_entry*)> entry(archive_entry_new(),
                                                                   archive_entry_free);
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    REQUIRE(archive_write_header(a.get(), entry.get()) == ARCHIVE_OK);
    REQUIRE(archive_write_data(a.get(), data.data(), data.size()) ==
            static_cast<la_ssize_t>(data.size()));
    REQUIRE(archive_write_close(a.get()) == ARCHIVE_OK);
    out.resize(used);
    REQUIRE(out.size() > 18);
    REQUIRE(out[3] == '\0');  // no optional gzip fields
    return out.substr(10, out.size() - 18);
}

struct RawZipEntry {
    std::string name;  // raw bytes, NULs and all
    std::string data;
    bool deflated = false;
    std::uint16_t flags = 0;          // bit 0: encrypted, bit 11: UTF-8 name
    std::int64_t declared_size = -1;  // uncompressed size in the headers; -1: true size
};

void le16(std::string& s, unsigned v) {
    s += static_cast<char>(v & 0xFF);
    s += static_cast<char>((v >> 8) & 0xFF);
}
void le32(std::string& s, std::uint32_t v) {
    le16(s, v & 0xFFFF);
    le16(s, v >> 16);
}

std::string raw_zip(const std::vector<RawZipEntry>& entries) {
    std::string out, directory;
    for (const RawZipEntry& e : entries) {
        const std::string stored = e.deflated ? deflate(e.data) : e.data;
        const std::uint32_t size = e.declared_size >= 0
                                       ? static_cast<std::uint32_t>(e.declared_size)
                                       : static_cast<std::uint32_t>(e.data.size());
        auto common = [&](std::string& s) {
            le16(s, 20);
            le16(s, e.flags);
            le16(s, e.deflated ? 8 : 0);
            le16(s, 0);       // time
            le16(s, 0x5C21);  // date: 2026-01-01
            le32(s, crc32(e.data));
            le32(s, static_cast<std::uint32_t>(stored.size()));
            le32(s, size);
            le16(s, static_cast<unsigned>(e.name.size()));
            le16(s, 0);  // extra
        };
        const auto offset = static_cast<std::uint32_t>(out.size());
        out += "PK\x03\x04";
        common(out);
        out += e.name;
        out += stored;
        directory += "PK\x01\x02";
        le16(directory, 20);
        common(directory);
        le16(directory, 0);  // comment
        le16(directory, 0);  // disk
        le16(directory, 0);  // internal attributes
        le32(directory, 0100644u << 16);
        le32(directory, offset);
        directory += e.name;
    }
    const auto at = static_cast<std::uint32_t>(out.size());
    out += directory;
    out += "PK\x05\x06";
    le16(out, 0);
    le16(out, 0);
    le16(out, static_cast<unsigned>(entries.size()));
    le16(out, static_cast<unsigned>(entries.size()));
    le32(out, static_cast<std::uint32_t>(directory.size()));
    le32(out, at);
    le16(out, 0);
    return out;
}

// ---- looking at the results ----------------------------------------------------------

// Every path under root (relative, with its type), not following links; `skip` left out.
std::set<std::string> snapshot(const std::string& root, const std::string& skip = "") {
    std::set<std::string> paths;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
         ++it) {
        if (!skip.empty() && it->path() == skip) {
            it.disable_recursion_pending();
            continue;
        }
        const auto status = fs::symlink_status(it->path());
        paths.insert(fs::relative(it->path(), root).string() + " " +
                     std::to_string(static_cast<int>(status.type())));
    }
    return paths;
}

// Only plain files and folders under dest, none setuid, setgid or executable.
void require_only_plain_files(const std::string& dest) {
    for (auto it = fs::recursive_directory_iterator(dest); it != fs::recursive_directory_iterator();
         ++it) {
        struct stat info {};
        REQUIRE(::lstat(it->path().c_str(), &info) == 0);
        INFO(it->path());
        REQUIRE((S_ISREG(info.st_mode) || S_ISDIR(info.st_mode)));
        REQUIRE((info.st_mode & (S_ISUID | S_ISGID)) == 0);
        if (S_ISREG(info.st_mode)) REQUIRE((info.st_mode & 0111) == 0);
    }
}

const UnpackedEntry& entry_named(const UnpackReport& report, const std::string& name) {
    for (const UnpackedEntry& e : report.entries)
        if (e.name == name) return e;
    FAIL("no entry named '" << name << "' in the report");
    throw std::logic_error("unreachable");
}

void require_refused(const UnpackReport& report, const std::string& name,
                     const std::string& reason) {
    const UnpackedEntry& e = entry_named(report, name);
    INFO(name << " → " << e.refused << " / " << e.path);
    REQUIRE(e.path.empty());
    REQUIRE_THAT(e.refused, Catch::Contains(reason));
}

void require_written(const UnpackReport& report, const std::string& name, const std::string& dest,
                     const std::string& relative, const std::string& data) {
    const UnpackedEntry& e = entry_named(report, name);
    INFO(name << " → " << e.refused);
    REQUIRE(e.refused.empty());
    REQUIRE(e.path == fs::canonical(dest).string() + "/" + relative);
    REQUIRE(e.size == data.size());
    REQUIRE(read_file(e.path) == data);
}

std::string binary_bytes() {
    std::string data = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    for (int i = 0; i < 4096; ++i) data += static_cast<char>((i * 7 + i / 256) & 0xFF);
    return data + "\n%%EOF\n";
}

Error unpack_error(const std::function<void()>& run) {
    try {
        run();
    } catch (const Error& e) {
        return e;
    }
    FAIL("no error");
    throw std::logic_error("unreachable");
}

// The hostile entries both zip and tar can hold, with the good ones beside them.
std::vector<Entry> hostile_entries(const std::string& pdf) {
    return {
        file("lettre.txt", "Lettre du gouverneur\n"),
        file("../evil.txt", "escaped"),
        file("/etc/evil", "absolute"),
        file("a/../../evil", "climbed"),
        file("..\\..\\evil-windows.txt", "backslashes"),
        file("C:/Windows/evil.txt", "drive"),
        symlink_entry("lien", "../../../../etc/passwd"),
        file("scans/2024/mars/scan.pdf", pdf),
        special("scans/2024/avril/", AE_IFDIR),
        file("ctl\x01name\x1B[31m.txt", "controls"),
        file("lettre.txt", "Deuxième lettre du même nom\n"),
        file("./scans/./2024/note.txt", "note"),
    };
}

void require_hostile_entries_handled(const UnpackReport& report, const std::string& dest,
                                     const std::string& pdf) {
    require_written(report, "lettre.txt", dest, "lettre.txt", "Lettre du gouverneur\n");
    require_refused(report, "../evil.txt", "chemin hors du dossier (../) refusé");
    require_refused(report, "/etc/evil", "chemin absolu refusé");
    require_refused(report, "a/../../evil", "chemin hors du dossier (../) refusé");
    // libarchive itself turns a zip's backslashes into slashes.
    const bool zip =
        std::any_of(report.entries.begin(), report.entries.end(),
                    [](const UnpackedEntry& e) { return e.name == "../../evil-windows.txt"; });
    require_refused(report, zip ? "../../evil-windows.txt" : "..\\..\\evil-windows.txt",
                    "chemin hors du dossier (../) refusé");
    require_refused(report, "C:/Windows/evil.txt", "chemin absolu (lecteur Windows) refusé");
    require_refused(report, "lien", "lien symbolique refusé");
    require_written(report, "scans/2024/mars/scan.pdf", dest, "scans/2024/mars/scan.pdf", pdf);
    REQUIRE(fs::is_directory(dest + "/scans/2024/avril"));
    require_written(report, "ctl?name?[31m.txt", dest, "ctl_name_[31m.txt", "controls");
    // The second "lettre.txt" is the last entry of that name.
    const UnpackedEntry& second =
        *std::find_if(report.entries.rbegin(), report.entries.rend(),
                      [](const UnpackedEntry& e) { return e.name == "lettre.txt"; });
    REQUIRE(second.path == fs::canonical(dest).string() + "/lettre (2).txt");
    REQUIRE(read_file(second.path) == "Deuxième lettre du même nom\n");
    require_written(report, "./scans/./2024/note.txt", dest, "scans/2024/note.txt", "note");
    // Folders are not listed; every other entry is, in order.
    REQUIRE(report.entries.size() == 11);
    REQUIRE(report.entries.front().name == "lettre.txt");
    REQUIRE(report.entries.back().name == "./scans/./2024/note.txt");
    require_only_plain_files(dest);
}

}  // namespace

TEST_CASE("unpack: archive_kind tells batches from documents") {
    TempDir tmp;
    const std::vector<Entry> entries = {file("a.txt", "bonjour"), file("b/c.txt", "salut")};
    CHECK(archive_kind(write_archive(tmp / "lot.zip", Format::zip, entries)) == ArchiveKind::zip);
    CHECK(archive_kind(write_archive(tmp / "lot.tar", Format::ustar, entries)) == ArchiveKind::tar);
    CHECK(archive_kind(write_archive(tmp / "lot.pax", Format::pax, entries)) == ArchiveKind::tar);
    CHECK(archive_kind(write_archive(tmp / "lot.gnu", Format::gnutar, entries)) ==
          ArchiveKind::tar);
    CHECK(archive_kind(write_archive(tmp / "lot.tar.gz", Format::ustar, entries, Filter::gzip)) ==
          ArchiveKind::tar);
    CHECK(archive_kind(write_archive(tmp / "lot.tbz", Format::ustar, entries, Filter::bzip2)) ==
          ArchiveKind::tar);
    CHECK(archive_kind(write_archive(tmp / "lot.txz", Format::ustar, entries, Filter::xz)) ==
          ArchiveKind::tar);
    // Named by its content, not its extension.
    CHECK(archive_kind(write_archive(tmp / "lot.pdf", Format::zip, entries)) == ArchiveKind::zip);

    // Documents that are zips are not batches.
    CHECK(archive_kind(test::write_odt(tmp / "doc.odt", "<text:p>Bonjour</text:p>")) ==
          ArchiveKind::none);
    CHECK(archive_kind(test::write_docx(tmp / "doc.docx", "<w:p/>")) == ArchiveKind::none);
    CHECK(archive_kind(test::write_zip(
              tmp / "classeur.ods", {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                                     {"content.xml", "<x/>"}})) == ArchiveKind::none);
    CHECK(archive_kind(test::write_zip(tmp / "classeur.xlsx", {{"[Content_Types].xml", "<Types/>"},
                                                               {"xl/workbook.xml", "<w/>"}})) ==
          ArchiveKind::none);
    // A compressed file that is not a tar, and other files.
    CHECK(archive_kind(tmp.write("scan.pdf", binary_bytes())) == ArchiveKind::none);
    CHECK(archive_kind(tmp.write("note.txt", "Procès-verbal du conseil communal")) ==
          ArchiveKind::none);
    CHECK(archive_kind(tmp.write("vide", "")) == ArchiveKind::none);
    CHECK(archive_kind(tmp.write("faux.gz", "\x1F\x8B garbage")) == ArchiveKind::none);
    CHECK(archive_kind(tmp.path()) == ArchiveKind::none);  // a folder
    CHECK(unpack_error([&] { archive_kind(tmp / "absent.zip"); }).code() == ErrorCode::not_found);
}

TEST_CASE("unpack: a gzip file holding a single document is not a batch") {
    TempDir tmp;
    std::unique_ptr<archive, int (*)(archive*)> a(archive_write_new(), archive_write_free);
    archive_write_set_format_raw(a.get());
    archive_write_add_filter_gzip(a.get());
    const std::string path = tmp / "scan.pdf.gz";
    REQUIRE(archive_write_open_filename(a.get(), path.c_str()) == ARCHIVE_OK);
    std::unique_ptr<archive_entry, void (*)(archive_entry*)> entry(archive_entry_new(),
                                                                   archive_entry_free);
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    REQUIRE(archive_write_header(a.get(), entry.get()) == ARCHIVE_OK);
    const std::string pdf = binary_bytes();
    archive_write_data(a.get(), pdf.data(), pdf.size());
    REQUIRE(archive_write_close(a.get()) == ARCHIVE_OK);
    CHECK(archive_kind(path) == ArchiveKind::none);
}

TEST_CASE("unpack: hostile zip entries are refused one by one, nothing written outside") {
    set_language(Language::fr);
    TempDir tmp;
    const std::string pdf = binary_bytes();
    const std::string archive = write_archive(tmp / "lot.zip", Format::zip, hostile_entries(pdf));
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    make_dirs(tmp / "outside");
    const auto before = snapshot(tmp.path(), dest);

    const UnpackReport report = unpack_in_process(archive, dest);
    require_hostile_entries_handled(report, dest, pdf);
    REQUIRE(snapshot(tmp.path(), dest) == before);
    REQUIRE(!fs::exists(fs::path(tmp.path()).parent_path() / "evil.txt"));
}

TEST_CASE("unpack: hostile tar entries are refused one by one, nothing written outside") {
    set_language(Language::fr);
    TempDir tmp;
    const std::string pdf = binary_bytes();
    std::vector<Entry> entries = hostile_entries(pdf);
    entries.push_back(hardlink_entry("dur", "lettre.txt"));
    entries.push_back(hardlink_entry("dur-dehors", "../../etc/passwd"));
    entries.push_back(special("tube", AE_IFIFO));
    entries.push_back(special("console", AE_IFCHR));
    entries.push_back(special("disque", AE_IFBLK));
    const std::string dest = tmp / "dest";
    make_dirs(dest);

    for (Format format : {Format::ustar, Format::pax, Format::gnutar}) {
        for (Filter filter : {Filter::none, Filter::gzip, Filter::xz}) {
            const std::string archive = write_archive(tmp / "lot.tar", format, entries, filter);
            remove_all(dest);
            make_dirs(dest);
            const auto before = snapshot(tmp.path(), dest);
            UnpackReport report = unpack_in_process(archive, dest);
            INFO("format " << static_cast<int>(format) << " filter " << static_cast<int>(filter));
            REQUIRE(report.entries.size() == 16);
            require_refused(report, "dur", "lien physique refusé");
            require_refused(report, "dur-dehors", "lien physique refusé");
            require_refused(report, "tube", "fichier spécial (tube nommé) refusé");
            require_refused(report, "console", "fichier spécial (périphérique) refusé");
            require_refused(report, "disque", "fichier spécial (périphérique) refusé");
            // The first eleven as in a zip.
            report.entries.resize(11);
            require_hostile_entries_handled(report, dest, pdf);
            REQUIRE(snapshot(tmp.path(), dest) == before);
            require_only_plain_files(dest);
        }
    }
}

TEST_CASE("unpack: a link or file placed in the destination beforehand is never followed") {
    set_language(Language::fr);
    TempDir tmp;
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    make_dirs(tmp / "outside");
    fs::create_directory_symlink(tmp / "outside", dest + "/scans");
    fs::create_symlink(tmp / "outside/victim.txt", dest + "/note.txt");
    tmp.write("dest/rapport.txt", "déjà là");
    const std::string archive = write_archive(
        tmp / "lot.tar", Format::pax,
        {file("scans/scan.txt", "scan"), file("note.txt", "note"), file("rapport.txt", "nouveau")});
    const auto outside_before = snapshot(tmp / "outside");

    const UnpackReport report = unpack_in_process(archive, dest);
    require_written(report, "scans/scan.txt", dest, "scans (2)/scan.txt", "scan");
    require_written(report, "note.txt", dest, "note (2).txt", "note");
    require_written(report, "rapport.txt", dest, "rapport (2).txt", "nouveau");
    REQUIRE(read_file(dest + "/rapport.txt") == "déjà là");
    REQUIRE(snapshot(tmp / "outside") == outside_before);
    REQUIRE(!fs::exists(tmp / "outside/victim.txt"));
}

TEST_CASE("unpack: a file and a folder of the same name both come out") {
    TempDir tmp;
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    const std::string archive =
        write_archive(tmp / "lot.zip", Format::zip,
                      {file("a", "fichier"), file("a/b.txt", "dans le dossier"),
                       file("c/d.txt", "d"), file("c", "fichier après le dossier")});
    const UnpackReport report = unpack_in_process(archive, dest);
    require_written(report, "a", dest, "a", "fichier");
    require_written(report, "a/b.txt", dest, "a (2)/b.txt", "dans le dossier");
    require_written(report, "c/d.txt", dest, "c/d.txt", "d");
    require_written(report, "c", dest, "c (2)", "fichier après le dossier");
}

TEST_CASE("unpack: long names are shortened and keep their extension") {
    TempDir tmp;
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    const std::string stem(300, 'e');
    std::string name = "dossier/" + std::string(140, 'x');
    for (int i = 0; i < 40; ++i) name += "é";  // cut must fall between two bytes of an é
    name += ".pdf";
    const std::string archive =
        write_archive(tmp / "lot.tar", Format::pax, {file(stem + ".pdf", "a"), file(name, "b")});
    const UnpackReport report = unpack_in_process(archive, dest);
    REQUIRE(report.entries.size() == 2);
    for (const UnpackedEntry& e : report.entries) {
        INFO(e.refused);
        REQUIRE(e.refused.empty());
        const std::string base = fs::path(e.path).filename().string();
        CHECK(base.size() <= 200);
        CHECK(base.ends_with(".pdf"));
        CHECK(is_valid_utf8(base));
        CHECK(fs::exists(e.path));
    }
}

TEST_CASE("unpack: zip names in CP850 (French Windows) or UTF-8 give UTF-8 names, a NUL cuts the name") {
    TempDir tmp;
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    const std::string path =
        tmp.write("lot.zip", raw_zip({{"r\x82sum\x82.txt", "cp850"},
                                      {"PROC\xD4S-VERBAL \xB7 SIGNER.txt", "cp850 capitals"},
                                      {"d\xC3\xA9"
                                       "cision.txt",
                                       "utf8 flag", false, 0x800},
                                      {"proc\xC3\xA8s-verbal.txt", "utf8 without the flag"},
                                      {std::string("bon\0../../mauvais.txt", 21), "nul"}}));
    const UnpackReport report = unpack_in_process(path, dest);
    require_written(report, "résumé.txt", dest, "résumé.txt", "cp850");
    require_written(report, "PROCÈS-VERBAL À SIGNER.txt", dest, "PROCÈS-VERBAL À SIGNER.txt", "cp850 capitals");
    require_written(report, "décision.txt", dest, "décision.txt", "utf8 flag");
    require_written(report, "procès-verbal.txt", dest, "procès-verbal.txt",
                    "utf8 without the flag");
    require_written(report, "bon", dest, "bon", "nul");
    for (const UnpackedEntry& e : report.entries) CHECK(is_valid_utf8(e.path));
}

TEST_CASE("unpack: tar names in Windows-1252 give UTF-8 names, bad UTF-8 in a zip is refused") {
    set_language(Language::fr);
    TempDir tmp;
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    const std::string tar =
        write_archive(tmp / "lot.tar", Format::ustar,
                      {file("r\xE9sum\xE9 \x80.txt", "latin"), file("ok.txt", "ok")});
    const UnpackReport report = unpack_in_process(tar, dest);
    require_written(report, "résumé €.txt", dest, "résumé €.txt", "latin");

    const std::string zip =
        tmp.write("lot.zip", raw_zip({{"mauvais\xFF.txt", "x", false, 0x800}, {"bon.txt", "bon"}}));
    const UnpackReport zipped = unpack_in_process(zip, dest);
    REQUIRE(zipped.entries.size() == 2);
    REQUIRE(zipped.entries[0].refused == "nom illisible (encodage invalide) refusé");
    require_written(zipped, "bon.txt", dest, "bon.txt", "bon");
}

TEST_CASE("unpack: the folder entry ./ is not listed, paths too deep or too long are refused") {
    set_language(Language::fr);
    TempDir tmp;
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    std::string deep, wide;
    for (int i = 0; i < 70; ++i) deep += "d/";
    for (int i = 0; i < 8; ++i) wide += std::string(150, 'w') + "/";
    const std::string tar = write_archive(
        tmp / "lot.tar", Format::pax,
        {special("./", AE_IFDIR), file("./a.txt", "a"), file(deep + "profond.txt", "p"),
         file(wide + "large.txt", "l"), file("d/d/d/ok.txt", "ok")});
    const UnpackReport report = unpack_in_process(tar, dest);
    REQUIRE(report.entries.size() == 4);
    require_written(report, "./a.txt", dest, "a.txt", "a");
    require_refused(report, deep + "profond.txt", "chemin trop long refusé");
    require_refused(report, wide + "large.txt", "chemin trop long refusé");
    require_written(report, "d/d/d/ok.txt", dest, "d/d/d/ok.txt", "ok");
}

TEST_CASE("unpack: encrypted zip entries are refused") {
    set_language(Language::fr);
    TempDir tmp;
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    const std::string path =
        tmp.write("lot.zip", raw_zip({{"secret.txt", "\x12\x34\x56 not really encrypted", false, 1},
                                      {"public.txt", "public"}}));
    const UnpackReport report = unpack_in_process(path, dest);
    require_refused(report, "secret.txt", "entrée chiffrée refusée");
    require_written(report, "public.txt", dest, "public.txt", "public");
    REQUIRE(!fs::exists(dest + "/secret.txt"));
}

TEST_CASE("unpack: entries over the size limits are refused, their partial files removed") {
    set_language(Language::fr);
    TempDir tmp;
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    UnpackLimits limits;
    limits.max_entry_bytes = 1000;

    SECTION("declared size") {
        const std::string archive =
            write_archive(tmp / "lot.tar", Format::ustar,
                          {file("petit.txt", std::string(1000, 'a')),
                           file("gros.txt", std::string(1001, 'b')), file("apres.txt", "après")});
        const UnpackReport report = unpack_in_process(archive, dest, limits);
        require_written(report, "petit.txt", dest, "petit.txt", std::string(1000, 'a'));
        require_refused(report, "gros.txt", "taille excessive (plus de 1000 octets)");
        REQUIRE(entry_named(report, "gros.txt").size == 1001);
        require_written(report, "apres.txt", dest, "apres.txt", "après");
        REQUIRE(!fs::exists(dest + "/gros.txt"));
    }
    SECTION("actual size larger than declared") {
        const std::string path =
            tmp.write("lot.zip", raw_zip({{"menteur.txt", std::string(4u << 20, 'm'), true, 0, 10},
                                          {"apres.txt", "après"}}));
        const UnpackReport report = unpack_in_process(path, dest, limits);
        require_refused(report, "menteur.txt", "taille excessive (plus de 1000 octets)");
        REQUIRE(!fs::exists(dest + "/menteur.txt"));
        require_written(report, "apres.txt", dest, "apres.txt", "après");
    }
    SECTION("an absurd declared size (a terabyte)") {
        std::string tar = read_file(write_archive(
            tmp / "lot.tar", Format::ustar, {file("bon.txt", "bon"), file("enorme.bin", "xx")}));
        // Second header: base-256 size of 2^40 bytes, checksum recomputed.
        char* header = tar.data() + 1024;
        std::memset(header + 124, 0, 12);
        header[124] = static_cast<char>(0x80);
        header[124 + 6] = 0x01;  // 2^40 = 0x01 followed by five zero bytes, big-endian
        std::memset(header + 148, ' ', 8);
        unsigned sum = 0;
        for (int i = 0; i < 512; ++i) sum += static_cast<unsigned char>(header[i]);
        std::snprintf(header + 148, 8, "%06o", sum);
        header[155] = ' ';
        const std::string path = tmp.write("enorme.tar", tar);
        const UnpackReport report = unpack_in_process(path, dest, {});
        require_written(report, "bon.txt", dest, "bon.txt", "bon");
        require_refused(report, "enorme.bin", "taille excessive (plus de 2 Gio)");
        REQUIRE(entry_named(report, "enorme.bin").size == (std::uint64_t{1} << 40));
        // The archive ends before that terabyte: the damage is reported after it.
        REQUIRE(report.entries.size() == 3);
        REQUIRE(report.entries.back().name.empty());
        REQUIRE_THAT(report.entries.back().refused, Catch::Contains("archive endommagée"));
    }
}

TEST_CASE("unpack: a zip bomb is refused by its compression ratio") {
    set_language(Language::fr);
    TempDir tmp;
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    const std::string zeros(24u << 20, '\0');
    const std::string text = "Procès-verbal de la séance du conseil communal.\n";
    std::string normal;
    while (normal.size() < (3u << 20)) normal += text + std::to_string(normal.size()) + "\n";

    for (Format format : {Format::zip, Format::ustar}) {
        remove_all(dest);
        make_dirs(dest);
        const std::string archive =
            write_archive(tmp / (format == Format::zip ? "bombe.zip" : "bombe.tar.gz"), format,
                          {file("bombe.bin", zeros), file("pv.txt", normal)},
                          format == Format::zip ? Filter::none : Filter::gzip);
        REQUIRE(fs::file_size(archive) < (1u << 20));
        const UnpackReport report = unpack_in_process(archive, dest);
        INFO(archive);
        require_refused(report, "bombe.bin", "taux de compression excessif (plus de 250 pour 1");
        REQUIRE(!fs::exists(dest + "/bombe.bin"));
        // Ordinary text compresses well too, but not like that.
        require_written(report, "pv.txt", dest, "pv.txt", normal);
    }
    SECTION("a smaller ratio limit") {
        UnpackLimits limits;
        limits.max_ratio = 2;
        const std::string archive =
            write_archive(tmp / "texte.zip", Format::zip, {file("pv.txt", normal)});
        remove_all(dest);
        make_dirs(dest);
        const UnpackReport report = unpack_in_process(archive, dest, limits);
        require_refused(report, "pv.txt", "taux de compression excessif (plus de 2 pour 1");
        REQUIRE(!fs::exists(dest + "/pv.txt"));
    }
}

TEST_CASE("unpack: past the total size or the entry count, the rest is refused") {
    set_language(Language::fr);
    TempDir tmp;
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    std::vector<Entry> entries;
    for (int i = 1; i <= 6; ++i)
        entries.push_back(file("f" + std::to_string(i) + ".txt", std::string(1000, 'a' + i)));
    const std::string archive = write_archive(tmp / "lot.zip", Format::zip, entries);

    SECTION("total size") {
        UnpackLimits limits;
        limits.max_total_bytes = 3500;
        const UnpackReport report = unpack_in_process(archive, dest, limits);
        REQUIRE(report.entries.size() == 6);
        for (int i = 1; i <= 3; ++i)
            require_written(report, "f" + std::to_string(i) + ".txt", dest,
                            "f" + std::to_string(i) + ".txt", std::string(1000, 'a' + i));
        for (int i = 4; i <= 6; ++i) {
            require_refused(report, "f" + std::to_string(i) + ".txt",
                            "taille totale excessive (plus de 3,4 Kio) : le reste de l'archive "
                            "est refusé");
            REQUIRE(!fs::exists(dest + "/f" + std::to_string(i) + ".txt"));
        }
    }
    SECTION("total size, a size that lies") {
        // g2 says 10 bytes and gives 2 MiB: the total is counted as data comes.
        const std::string two(2u << 20, 'g');
        const std::string path = tmp.write(
            "menteur.zip",
            raw_zip({{"g1.txt", two, true}, {"g2.txt", two, true, 0, 10}, {"g3.txt", "g3", true}}));
        UnpackLimits limits;
        limits.max_total_bytes = 3u << 20;
        const UnpackReport report = unpack_in_process(path, dest, limits);
        require_written(report, "g1.txt", dest, "g1.txt", two);
        require_refused(report, "g2.txt", "taille totale excessive (plus de 3 Mio)");
        require_refused(report, "g3.txt", "taille totale excessive (plus de 3 Mio)");
        REQUIRE(!fs::exists(dest + "/g2.txt"));
        REQUIRE(!fs::exists(dest + "/g3.txt"));
    }
    SECTION("entry count") {
        UnpackLimits limits;
        limits.max_entries = 3;
        const UnpackReport report = unpack_in_process(archive, dest, limits);
        REQUIRE(report.entries.size() == 4);
        require_written(report, "f3.txt", dest, "f3.txt", std::string(1000, 'd'));
        require_refused(report, "f4.txt",
                        "trop d'entrées (plus de 3) : le reste de l'archive est refusé");
        REQUIRE(!fs::exists(dest + "/f4.txt"));
    }
}

TEST_CASE("unpack: a damaged archive keeps the entries before the damage") {
    set_language(Language::fr);
    TempDir tmp;
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    std::string other(20000, '\0');
    for (std::size_t i = 0; i < other.size(); ++i) other[i] = static_cast<char>((i * 31) % 251);

    SECTION("tar cut in the middle of an entry") {
        const std::string full = read_file(write_archive(
            tmp / "lot.tar", Format::ustar,
            {file("un.txt", "un"), file("deux.txt", "deux"), file("trois.bin", other)}));
        const std::string path = tmp.write("coupe.tar", full.substr(0, 2048 + 512 + 5000));
        const UnpackReport report = unpack_in_process(path, dest);
        require_written(report, "un.txt", dest, "un.txt", "un");
        require_written(report, "deux.txt", dest, "deux.txt", "deux");
        require_refused(report, "trois.bin", "entrée endommagée");
        REQUIRE(!fs::exists(dest + "/trois.bin"));
        REQUIRE(report.entries.size() == 4);
        REQUIRE(report.entries.back().name.empty());
        REQUIRE_THAT(report.entries.back().refused,
                     Catch::StartsWith("archive endommagée, la suite est illisible ("));
    }
    SECTION("zip without its central directory, cut in the middle") {
        const std::string full = read_file(write_archive(
            tmp / "lot.zip", Format::zip,
            {file("un.txt", "un"), file("deux.txt", "deux"), file("trois.bin", other)}));
        const std::string path = tmp.write("coupe.zip", full.substr(0, full.size() / 2));
        const UnpackReport report = unpack_in_process(path, dest);
        require_written(report, "un.txt", dest, "un.txt", "un");
        require_written(report, "deux.txt", dest, "deux.txt", "deux");
        REQUIRE(!report.entries.back().refused.empty());
        REQUIRE(!fs::exists(dest + "/trois.bin"));
    }
    SECTION("zip with damaged data in one entry") {
        std::string zip =
            raw_zip({{"un.txt", "un"}, {"abime.bin", other, true}, {"trois.txt", "trois"}});
        // Flip bytes inside the deflated data of the second entry.
        const std::size_t at = zip.find("abime.bin") + 9 + 40;
        for (std::size_t i = at; i < at + 16; ++i) zip[i] = static_cast<char>(~zip[i]);
        const std::string path = tmp.write("abime.zip", zip);
        const UnpackReport report = unpack_in_process(path, dest);
        require_written(report, "un.txt", dest, "un.txt", "un");
        require_refused(report, "abime.bin", "entrée endommagée");
        require_written(report, "trois.txt", dest, "trois.txt", "trois");
        REQUIRE(!fs::exists(dest + "/abime.bin"));
    }
    SECTION("not an archive at all") {
        for (const std::string& content : {std::string("n'importe quoi, pas une archive"),
                                           std::string(), std::string("PK\x03\x04garbage")}) {
            const std::string path = tmp.write("lot.zip", content);
            const Error e = unpack_error([&] { unpack_in_process(path, dest); });
            CHECK(e.code() == ErrorCode::invalid_input);
            CHECK_THAT(e.message(), Catch::Contains("« " + path + " »"));
            CHECK_THAT(e.message(), Catch::Contains("archive illisible"));
        }
        CHECK(unpack_error([&] { unpack_in_process(tmp / "absent.zip", dest); }).code() ==
              ErrorCode::not_found);
        CHECK(fs::is_empty(dest));
    }
}

TEST_CASE("unpack: messages in English") {
    set_language(Language::en);
    TempDir tmp;
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    const std::string archive =
        write_archive(tmp / "lot.zip", Format::zip,
                      {file("../evil.txt", "x"), symlink_entry("lien", "/etc/passwd")});
    const UnpackReport report = unpack_in_process(archive, dest);
    set_language(Language::fr);
    require_refused(report, "../evil.txt", "path outside the folder (../) refused");
    require_refused(report, "lien", "symbolic link refused");
}

// ---- in a child process --------------------------------------------------------------

TEST_CASE("unpack: in a child process, the same report as in this one") {
    set_language(Language::fr);
    TempDir tmp;
    const std::string pdf = binary_bytes();
    const std::string archive = write_archive(tmp / "lot.zip", Format::zip, hostile_entries(pdf));
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    const auto before = snapshot(tmp.path(), dest);

    const UnpackReport report = unpack(UBUBIKO_EXTRACT_BIN, archive, dest);
    require_hostile_entries_handled(report, dest, pdf);
    REQUIRE(snapshot(tmp.path(), dest) == before);

    make_dirs(tmp / "dest2");
    const UnpackReport here = unpack_in_process(archive, tmp / "dest2");
    REQUIRE(here.entries.size() == report.entries.size());
    for (std::size_t i = 0; i < here.entries.size(); ++i) {
        CHECK(here.entries[i].name == report.entries[i].name);
        CHECK(here.entries[i].size == report.entries[i].size);
        CHECK(here.entries[i].refused == report.entries[i].refused);
    }

    SECTION("limits and language are passed on") {
        UnpackLimits limits;
        limits.max_entry_bytes = 10;
        set_language(Language::en);
        remove_all(dest);
        make_dirs(dest);
        const UnpackReport small = unpack(UBUBIKO_EXTRACT_BIN, archive, dest, limits);
        set_language(Language::fr);
        require_refused(small, "scans/2024/mars/scan.pdf", "size too large (over 10 bytes)");
        require_written(small, "./scans/./2024/note.txt", dest, "scans/2024/note.txt", "note");
    }
}

TEST_CASE("unpack: in a child process, a garbage archive is an error naming it") {
    set_language(Language::fr);
    TempDir tmp;
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    const std::string path = tmp.write("lot.zip", "PK\x03\x04 ceci n'est pas une archive");
    const Error e = unpack_error([&] { unpack(UBUBIKO_EXTRACT_BIN, path, dest); });
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK_THAT(e.message(), Catch::Contains("« " + path + " »"));
    CHECK_THAT(e.message(), Catch::Contains("archive illisible"));
    // A missing destination is named as such.
    const Error missing = unpack_error([&] {
        unpack(UBUBIKO_EXTRACT_BIN, write_archive(tmp / "bon.zip", Format::zip, {file("a", "a")}),
               tmp / "absent");
    });
    CHECK(missing.code() == ErrorCode::not_found);
}

TEST_CASE("unpack: a child that runs too long is killed and reported") {
    set_language(Language::fr);
    TempDir tmp;
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    std::vector<Entry> entries;
    for (int i = 0; i < 32; ++i)
        entries.push_back(file("page" + std::to_string(i) + ".bin", std::string(1u << 20, 'x')));
    const std::string archive = write_archive(tmp / "gros.tar", Format::ustar, entries);

    const auto start = std::chrono::steady_clock::now();
    const Error e = unpack_error([&] {
        unpack(UBUBIKO_EXTRACT_BIN, archive, dest, {}, Limits{std::chrono::milliseconds(20), 0});
    });
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK_THAT(e.message(), Catch::Contains("« " + archive + " »"));
    CHECK_THAT(e.message(), Catch::Contains("décompactage trop long, arrêté après 20 ms"));
    CHECK(took < std::chrono::seconds(5));
}

TEST_CASE("unpack: a child without enough memory is an error naming the archive") {
    set_language(Language::fr);
    TempDir tmp;
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    const std::string archive = write_archive(tmp / "lot.zip", Format::zip, {file("a.txt", "a")});
#if defined(__SANITIZE_ADDRESS__)
    WARN("address-space limits are not set in builds with AddressSanitizer");
    return;
#endif
    // 4 MiB of address space: the worker cannot even load its libraries.
    const Error e = unpack_error([&] {
        unpack(UBUBIKO_EXTRACT_BIN, archive, dest, {}, {std::chrono::seconds(10), 4u << 20});
    });
    CHECK(e.code() == ErrorCode::invalid_input);
    CHECK_THAT(e.message(), Catch::Contains("« " + archive + " »"));
    CHECK_THAT(e.message(), Catch::Contains("décompactage"));
}

TEST_CASE("unpack: a child that crashes or talks nonsense is an error naming the archive") {
    set_language(Language::fr);
    TempDir tmp;
    const std::string dest = tmp / "dest";
    make_dirs(dest);
    const std::string archive = write_archive(tmp / "lot.zip", Format::zip, {file("a.txt", "a")});
    auto script = [&](const std::string& name, const std::string& body) {
        const std::string path = tmp.write(name, "#!/bin/sh\n" + body + "\n");
        fs::permissions(path, fs::perms::owner_all);
        return path;
    };
    auto error_with = [&](const std::string& worker) {
        return unpack_error([&] {
            unpack(worker, archive, dest, {}, {std::chrono::seconds(10), 0});
        });
    };

    const Error crash = error_with(script("crash.sh", "kill -SEGV $$"));
    CHECK(crash.code() == ErrorCode::invalid_input);
    CHECK_THAT(crash.message(), Catch::Contains("« " + archive + " »"));
    CHECK_THAT(crash.message(),
               Catch::Contains("le processus de décompactage s'est arrêté brutalement (signal 11"));

    for (const std::string& nonsense :
         {std::string("echo 'pas du JSON'"),
          std::string(
              "echo '{\"name\":\"a\",\"path\":\"/etc/passwd\",\"size\":1,\"refused\":\"\"}'; "
              "echo '{\"end\":true,\"entries\":1}'"),
          std::string("echo '{\"end\":true,\"entries\":5}'"), std::string("exit 0"),
          std::string("head -c 200000 /dev/zero")}) {
        INFO(nonsense);
        const Error e = error_with(script("nonsense.sh", nonsense));
        CHECK(e.code() == ErrorCode::invalid_input);
        CHECK_THAT(e.message(), Catch::Contains("« " + archive + " »"));
        CHECK_THAT(e.message(), Catch::Contains("compte rendu du décompactage illisible"));
    }

    const Error hang = unpack_error([&] {
        unpack(script("hang.sh", "exec sleep 30"), archive, dest, {},
               {std::chrono::milliseconds(200), 0});
    });
    CHECK_THAT(hang.message(), Catch::Contains("décompactage trop long, arrêté après 200 ms"));

    const Error absent = error_with(tmp / "absent-worker");
    CHECK(absent.code() == ErrorCode::io);
    CHECK_THAT(absent.message(), Catch::Contains("absent-worker"));
}
