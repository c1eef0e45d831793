// The searchable PDF of a mixed PDF: the original's pages, those read by OCR replaced by
// Tesseract's (see ocr_session.hpp). PoDoFo 0.9.8.
#include <podofo/podofo.h>

#include <set>

#include "extract/messages.hpp"
#include "extract/ocr_session.hpp"

namespace ububiko::extract::detail {

namespace {

void quiet_podofo() {
    static const bool once = [] {
        PoDoFo::PdfError::EnableLogging(false);
        PoDoFo::PdfError::EnableDebug(false);
        return true;
    }();
    (void)once;
}

std::string podofo_message(const PoDoFo::PdfError& e) {
    const char* name = PoDoFo::PdfError::ErrorName(e.GetError());
    return name != nullptr ? name : "PoDoFo error";
}

// Removes the objects that nothing reachable from the trailer refers to: here the pages
// replaced and the other document's catalog and page tree. (PoDoFo's own CollectGarbage
// renumbers the objects, and 0.9.8 gets the references wrong doing so.)
void remove_unreachable(PoDoFo::PdfMemDocument& doc) {
    PoDoFo::PdfVecObjects& objects = doc.GetObjects();
    std::set<PoDoFo::PdfReference> reached;
    std::vector<const PoDoFo::PdfVariant*> pending = {doc.GetTrailer()};
    while (!pending.empty()) {
        const PoDoFo::PdfVariant* value = pending.back();
        pending.pop_back();
        if (value->IsReference()) {
            if (reached.insert(value->GetReference()).second)
                if (const PoDoFo::PdfObject* target = objects.GetObject(value->GetReference()))
                    pending.push_back(target);
        } else if (value->IsArray()) {
            for (const PoDoFo::PdfObject& item : value->GetArray()) pending.push_back(&item);
        } else if (value->IsDictionary()) {
            for (const auto& entry : value->GetDictionary().GetKeys())
                pending.push_back(entry.second);
        }
    }
    std::vector<PoDoFo::PdfReference> unreached;
    for (const PoDoFo::PdfObject* object : objects)
        if (reached.count(object->Reference()) == 0) unreached.push_back(object->Reference());
    for (const PoDoFo::PdfReference& ref : unreached) delete objects.RemoveObject(ref);
}

}  // namespace

void replace_pdf_pages(const std::string& original, const std::string& replacement,
                       const std::vector<int>& replaced, const std::string& output) {
    quiet_podofo();
    PoDoFo::PdfMemDocument doc;
    try {
        doc.Load(original.c_str());
        PoDoFo::PdfMemDocument pages;
        pages.Load(replacement.c_str());
        const int count = doc.GetPageCount();
        if (pages.GetPageCount() != static_cast<int>(replaced.size()))
            throw Error(ErrorCode::internal, "replace_pdf_pages: page counts differ");
        for (int number : replaced)
            if (number < 1 || number > count)
                throw Error(ErrorCode::internal, "replace_pdf_pages: no such page");

        // The new pages come in at the end, then each takes the place of its original.
        doc.Append(pages, true);
        PoDoFo::PdfPagesTree* tree = doc.GetPagesTree();
        std::vector<PoDoFo::PdfObject*> added;
        for (std::size_t i = 0; i < replaced.size(); ++i)
            added.push_back(tree->GetPage(count + static_cast<int>(i))->GetObject());
        for (int i = static_cast<int>(replaced.size()) - 1; i >= 0; --i)
            tree->DeletePage(count + i);
        for (std::size_t i = 0; i < replaced.size(); ++i) {
            PoDoFo::PdfDictionary& page = added[i]->GetDictionary();
            // Nothing inherited from the original's page tree may turn or crop the page:
            // it is upright as it is.
            page.AddKey(PoDoFo::PdfName("Rotate"),
                        PoDoFo::PdfVariant(static_cast<PoDoFo::pdf_int64>(0)));
            if (const PoDoFo::PdfObject* media = page.GetKey(PoDoFo::PdfName("MediaBox")))
                page.AddKey(PoDoFo::PdfName("CropBox"), *media);
            const int index = replaced[i] - 1;
            tree->DeletePage(index);
            tree->InsertPage(index - 1, added[i]);
        }
        remove_unreachable(doc);
    } catch (const PoDoFo::PdfError& e) {
        throw file_error(
            ErrorCode::invalid_input, original,
            tr("PDF indexable impossible à composer (", "cannot compose the searchable PDF (") +
                podofo_message(e) + ")");
    }
    try {
        doc.Write(output.c_str());
    } catch (const PoDoFo::PdfError& e) {
        throw file_error(
            ErrorCode::io, output,
            tr("impossible d'écrire le PDF indexable (", "cannot write the searchable PDF (") +
                podofo_message(e) + ")");
    }
}

}  // namespace ububiko::extract::detail
