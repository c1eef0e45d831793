#include "zip_fixture.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <stdexcept>

namespace ububiko::test {

std::string write_zip(const std::string& path, const std::vector<ZipEntry>& entries) {
    std::unique_ptr<archive, int (*)(archive*)> zip(archive_write_new(), archive_write_free);
    archive_write_set_format_zip(zip.get());
    if (archive_write_open_filename(zip.get(), path.c_str()) != ARCHIVE_OK)
        throw std::runtime_error(archive_error_string(zip.get()));
    for (const ZipEntry& e : entries) {
        if (e.name == "mimetype")
            archive_write_zip_set_compression_store(zip.get());
        else
            archive_write_zip_set_compression_deflate(zip.get());
        std::unique_ptr<archive_entry, void (*)(archive_entry*)> entry(archive_entry_new(),
                                                                       archive_entry_free);
        archive_entry_set_pathname(entry.get(), e.name.c_str());
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0644);
        archive_entry_set_size(entry.get(), static_cast<la_int64_t>(e.data.size()));
        if (archive_write_header(zip.get(), entry.get()) != ARCHIVE_OK)
            throw std::runtime_error(archive_error_string(zip.get()));
        std::size_t done = 0;
        while (done < e.data.size()) {
            const std::size_t chunk = std::min<std::size_t>(e.data.size() - done, 1 << 20);
            if (archive_write_data(zip.get(), e.data.data() + done, chunk) < 0)
                throw std::runtime_error(archive_error_string(zip.get()));
            done += chunk;
        }
    }
    if (archive_write_close(zip.get()) != ARCHIVE_OK)
        throw std::runtime_error(archive_error_string(zip.get()));
    return path;
}

std::string write_odt(const std::string& path, const std::string& body_xml,
                      const std::string& title, const std::string& created) {
    std::vector<ZipEntry> entries = {
        {"mimetype", "application/vnd.oasis.opendocument.text"},
        {"content.xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<office:document-content "
         "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
         "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
         "office:version=\"1.3\"><office:body><office:text>" +
             body_xml + "</office:text></office:body></office:document-content>"},
        {"META-INF/manifest.xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
         "<manifest:file-entry manifest:full-path=\"/\" "
         "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
         "<manifest:file-entry manifest:full-path=\"content.xml\" "
         "manifest:media-type=\"text/xml\"/>"
         "</manifest:manifest>"},
    };
    if (!title.empty() || !created.empty()) {
        std::string meta =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<office:document-meta "
            "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
            "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\"><office:meta>";
        if (!title.empty()) meta += "<dc:title>" + title + "</dc:title>";
        if (!created.empty()) meta += "<meta:creation-date>" + created + "</meta:creation-date>";
        meta += "</office:meta></office:document-meta>";
        entries.push_back({"meta.xml", meta});
    }
    return write_zip(path, entries);
}

std::string write_docx(const std::string& path, const std::string& body_xml,
                       const std::string& title, const std::string& created,
                       const std::vector<ZipEntry>& extra) {
    std::vector<ZipEntry> entries = {
        {"[Content_Types].xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
         "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
         "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
        {"_rels/.rels",
         "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
         "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
        {"word/document.xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
         "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>" +
             body_xml + "<w:sectPr/></w:body></w:document>"},
    };
    if (!title.empty() || !created.empty()) {
        std::string core =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
            "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
            "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
        if (!title.empty()) core += "<dc:title>" + title + "</dc:title>";
        if (!created.empty())
            core +=
                "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + created + "</dcterms:created>";
        core += "</cp:coreProperties>";
        entries.push_back({"docProps/core.xml", core});
    }
    entries.insert(entries.end(), extra.begin(), extra.end());
    return write_zip(path, entries);
}

}  // namespace ububiko::test
