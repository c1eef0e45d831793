#include "service/stamp.hpp"

#include <filesystem>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/sha256.hpp"
#include "index/searcher.hpp"
#include "pdfwrite/pdfwrite.hpp"
#include "service/records.hpp"

namespace ububiko::service {

namespace fs = std::filesystem;

namespace {

bool inside(const fs::path& path, const fs::path& folder) {
    auto p = path.begin();
    for (auto f = folder.begin(); f != folder.end(); ++f, ++p)
        if (p == path.end() || *p != *f) return false;
    return true;
}

}  // namespace

StampedCopy stamped_copy(const archive::Archive& archive, const std::string& text, const std::string& out_path) {
    if (out_path.empty())
        throw Error(ErrorCode::invalid_input, tr("fichier PDF à écrire non précisé", "no PDF file to write"), Place{"", 0, 0, "--out"});
    const fs::path out = fs::weakly_canonical(fs::absolute(out_path));
    if (inside(out, fs::weakly_canonical(archive.records_root())))
        throw Error(ErrorCode::invalid_input,
                    tr("la copie tamponnée s'écrit hors des dossiers des enregistrements (", "the stamped copy is written outside the record folders (") +
                        archive.records_root() + ")",
                    Place{"", 0, 0, "--out"});
    const std::string id = parse_record_id(archive, text);
    std::string hint;
    if (auto s = index::Searcher(archive.root()).find(id)) hint = s->code;
    const auto dir = archive.find_record_dir(id, hint);
    if (!dir) throw Error(ErrorCode::not_found, tr("aucun enregistrement n° ", "no record number ") + id);
    const archive::Record r = archive.load_record(*dir);
    if (r.status == "destroyed")
        throw Error(ErrorCode::conflict, r.id + tr(" est éliminé : il n'a plus de fichier à tamponner", " is destroyed: it has no file left to stamp"));

    const archive::RecordFile* original = r.file_with_role("original");
    if (original == nullptr)
        throw Error(ErrorCode::corrupt, r.id + tr(" n'a pas d'original dans record.json", " has no original in record.json"));
    const archive::RecordFile* file = nullptr;
    if (original->media_type == "application/pdf") {
        file = original;
    } else if (original->media_type.rfind("image/", 0) == 0) {
        file = r.file_with_role("searchable");
        if (file == nullptr)
            throw Error(ErrorCode::unsupported,
                        r.id + tr(" : un tampon se pose sur un PDF, et cette image (", ": a stamp goes on a PDF, and this image (") +
                            original->media_type +
                            tr(") n'a pas de copie PDF consultable (l'OCR n'en a pas fait)", ") has no searchable PDF copy (OCR made none)"));
    } else {
        throw Error(ErrorCode::unsupported, r.id + tr(" : un tampon se pose sur un PDF, pas sur ce document (", ": a stamp goes on a PDF, not on this document (") +
                                                original->media_type + ")");
    }

    const std::string input = *dir + "/" + file->name;
    // A copy of what the archive vouches for, or none.
    if (sha256_file(input) != file->sha256)
        throw Error(ErrorCode::corrupt, r.id + tr(" : ", ": ") + file->name +
                                            tr(" ne correspond plus à son empreinte SHA-256 (voir « ububiko check »)",
                                               " no longer matches its SHA-256 (see 'ububiko check')"));

    pdfwrite::StampSpec spec;
    spec.issuer = {archive.config().name,
                   archive.config().province.empty() ? "" : tr("Province de ", "Province of ") + archive.config().province,
                   archive.config().code};
    spec.record_id = archive.qualified_id(r.id);
    spec.date = r.registered.substr(0, 10);  // as the mail register gives it
    spec.code = r.code;
    if (const plan::Node* node = r.code.empty() ? nullptr : archive.plan().find(r.code))
        spec.code_title = language() == Language::en && !node->title_en.empty() ? node->title_en : node->title;
    spec.input_pdf = input;
    spec.output_pdf = out.string();
    spec.language = language() == Language::en ? "en" : "fr";
    try {
        pdfwrite::stamp(spec);
    } catch (const Error& e) {
        throw Error(e.code(), r.id + tr(" : ", ": ") + e.what());
    }
    return {r.id, file->role, out.string()};
}

}  // namespace ububiko::service
