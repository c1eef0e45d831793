// Builds small zip archives (ODT and DOCX documents) in a test, with libarchive, so that
// no binary fixture is committed.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace ububiko::test {

struct ZipEntry {
    std::string name;
    std::string data;
};

// Writes a zip archive (deflated entries, except a "mimetype" entry, stored as ODF
// requires) to path; returns path.
std::string write_zip(const std::string& path, const std::vector<ZipEntry>& entries);

// A minimal ODT: content.xml holds body_xml inside <office:text>; meta.xml gives the title
// and creation date when not empty.
std::string write_odt(const std::string& path, const std::string& body_xml,
                      const std::string& title = "", const std::string& created = "");

// A minimal DOCX: word/document.xml holds body_xml inside <w:body>; extra entries (headers,
// footers) are added as given; docProps/core.xml gives the title and date when not empty.
std::string write_docx(const std::string& path, const std::string& body_xml,
                       const std::string& title = "", const std::string& created = "",
                       const std::vector<ZipEntry>& extra = {});

}  // namespace ububiko::test
