// The stamped copy: the input PDF loaded whole with PoDoFo, the stamp drawn once as a form
// XObject and laid on page 1 through a transformation that takes the page's visual frame
// (its /Rotate applied) to its user space, the page's own drawing wrapped in q … Q first so
// that whatever state it leaves cannot move or scale the stamp; then the whole document
// written to the output atomically. The input file is only read.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/i18n.hpp"
#include "pdfwrite/content_scan.hpp"
#include "pdfwrite/faces.hpp"
#include "pdfwrite/pdfwrite.hpp"
#include "pdfwrite/stamp_layout.hpp"
#include "pdfwrite/typesetter.hpp"

namespace ububiko::pdfwrite {

namespace {

using namespace PoDoFo;
using detail::Rect;

// The widest a stamp may be: under half an A4 page, and under half of any page.
constexpr double k_max_stamp_width = 260;

std::string quoted(const std::string& path) { return tr("« ", "'") + path + tr(" »", "'"); }

Error encrypted(const std::string& path) {
    return Error(ErrorCode::unsupported,
                 quoted(path) + tr(" est un PDF chiffré (mot de passe ou restrictions) : ububiko n'y appose pas de tampon",
                                   " is an encrypted PDF (password or restrictions): ububiko does not stamp it"));
}

Error unreadable(const std::string& path, const PdfError& e) {
    const char* name = PdfError::ErrorName(e.GetError());
    return Error(ErrorCode::corrupt, quoted(path) + tr(" n'est pas un PDF lisible (PoDoFo : ", " is not a readable PDF (PoDoFo: ") +
                                         (name != nullptr ? name : "?") + ")");
}

// Whether the file names an /Encrypt dictionary in its trailer (at its end, or at its
// start when linearized): PoDoFo may fail on such a file for another reason first.
bool names_encryption(const std::string& path) {
    try {
        const std::string head = read_file_prefix(path, 64 * 1024);
        if (head.find("/Encrypt") != std::string::npos) return true;
        const UniqueFd fd = open_for_reading(path);
        struct stat st{};
        if (::fstat(fd.get(), &st) != 0 || st.st_size <= 64 * 1024) return false;
        std::string tail(64 * 1024, '\0');
        const ssize_t n = ::pread(fd.get(), tail.data(), tail.size(), st.st_size - static_cast<off_t>(tail.size()));
        return n > 0 && tail.find("/Encrypt") != std::string::npos;
    } catch (const Error&) {
        return false;
    }
}

void refuse_same_file(const std::string& input, const std::string& output) {
    struct stat a{}, b{};
    if (input == output ||
        (::stat(input.c_str(), &a) == 0 && ::stat(output.c_str(), &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino))
        throw Error(ErrorCode::invalid_input,
                    tr("la copie tamponnée ne peut pas remplacer le document lui-même : choisissez un autre fichier que ",
                       "the stamped copy cannot replace the document itself: choose another file than ") +
                        quoted(input));
}

const PdfObject* resolve(PdfVecObjects& objects, const PdfObject* o) {
    for (int i = 0; i < 16 && o != nullptr && o->IsReference(); ++i) o = objects.GetObject(o->GetReference());
    return o != nullptr && o->IsReference() ? nullptr : o;
}

std::optional<Rect> box_of(PdfVecObjects& objects, const PdfObject* o) {
    o = resolve(objects, o);
    if (o == nullptr || !o->IsArray() || o->GetArray().size() != 4) return std::nullopt;
    double v[4];
    for (std::size_t i = 0; i < 4; ++i) {
        const PdfObject* n = resolve(objects, &o->GetArray()[i]);
        if (n == nullptr || !(n->IsNumber() || n->IsReal())) return std::nullopt;
        v[i] = n->GetReal();
    }
    Rect r{std::min(v[0], v[2]), std::min(v[1], v[3]), std::max(v[0], v[2]), std::max(v[1], v[3])};
    if (r.x1 - r.x0 < 1 || r.y1 - r.y0 < 1) return std::nullopt;
    return r;
}

PdfArray array_of(const Rect& r) {
    PdfArray a;
    for (double v : {r.x0, r.y0, r.x1, r.y1}) a.push_back(PdfObject(v));
    return a;
}

// The part of page 1 people see (CropBox within MediaBox), and how it is turned.
struct Frame {
    Rect box;
    int rotation = 0;  // 0, 90, 180 or 270, clockwise as displayed
    bool has_crop = false;
    Rect media;
    double width() const { return rotation % 180 == 0 ? box.x1 - box.x0 : box.y1 - box.y0; }
    double height() const { return rotation % 180 == 0 ? box.y1 - box.y0 : box.x1 - box.x0; }
};

Frame frame_of(PdfVecObjects& objects, const PdfPage& page) {
    Frame f;
    // The default MediaBox of PDF 1.0 (US Letter) for a page that names none.
    f.media = box_of(objects, page.GetInheritedKey(PdfName("MediaBox"))).value_or(Rect{0, 0, 612, 792});
    f.box = f.media;
    if (auto crop = box_of(objects, page.GetInheritedKey(PdfName("CropBox")))) {
        f.has_crop = true;
        const Rect c{std::max(crop->x0, f.media.x0), std::max(crop->y0, f.media.y0), std::min(crop->x1, f.media.x1),
                     std::min(crop->y1, f.media.y1)};
        if (c.x1 - c.x0 >= 1 && c.y1 - c.y0 >= 1) f.box = c;
    }
    if (const PdfObject* r = resolve(objects, page.GetInheritedKey(PdfName("Rotate"))); r != nullptr && r->IsNumber()) {
        const long degrees = static_cast<long>(r->GetNumber() % 360 + 360) % 360;
        f.rotation = static_cast<int>((degrees + 45) / 90 % 4 * 90);
    }
    return f;
}

// The point of the visual frame (u, v) in user space: [a b c d e f].
std::array<double, 6> visual_to_user(const Frame& f) {
    const Rect& b = f.box;
    switch (f.rotation) {
        case 90: return {0, 1, -1, 0, b.x1, b.y0};
        case 180: return {-1, 0, 0, -1, b.x1, b.y1};
        case 270: return {0, -1, 1, 0, b.x0, b.y1};
        default: return {1, 0, 0, 1, b.x0, b.y0};
    }
}

Rect user_to_visual(const Frame& f, const Rect& r) {
    const Rect& b = f.box;
    switch (f.rotation) {
        case 90: return {r.y0 - b.y0, b.x1 - r.x1, r.y1 - b.y0, b.x1 - r.x0};
        case 180: return {b.x1 - r.x1, b.y1 - r.y1, b.x1 - r.x0, b.y1 - r.y0};
        case 270: return {b.y1 - r.y1, r.x0 - b.x0, b.y1 - r.y0, r.x1 - b.x0};
        default: return {r.x0 - b.x0, r.y0 - b.y0, r.x1 - b.x0, r.y1 - b.y0};
    }
}

// Makes the page taller by `grow` points at its visual top: the edge of its boxes that is
// up once turned moves out, so nothing drawn moves or changes size.
void grow_page(PdfPage& page, Frame& f, double grow) {
    auto extend = [&](Rect& r) {
        switch (f.rotation) {
            case 90: r.x0 -= grow; break;
            case 180: r.y0 -= grow; break;
            case 270: r.x1 += grow; break;
            default: r.y1 += grow; break;
        }
    };
    extend(f.box);
    f.media = {std::min(f.media.x0, f.box.x0), std::min(f.media.y0, f.box.y0), std::max(f.media.x1, f.box.x1),
               std::max(f.media.y1, f.box.y1)};
    PdfDictionary& dict = page.GetObject()->GetDictionary();
    dict.AddKey(PdfName("MediaBox"), array_of(f.media));
    if (f.has_crop) dict.AddKey(PdfName("CropBox"), array_of(f.box));
}

std::string number_text(double v) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, std::abs(v) < 1e-9 ? 0.0 : v, std::chars_format::fixed, 4);
    return ec == std::errc() ? std::string(buf, end) : "0";
}

// Draws the form XObject on the page through matrix m, after the page's own drawing, which
// is put between q and Q.
void lay_on(PdfMemDocument& doc, PdfPage& page, PdfXObject& stamp, const std::array<double, 6>& m) {
    PdfVecObjects& objects = doc.GetObjects();
    PdfDictionary& dict = page.GetObject()->GetDictionary();

    // The page's resources get the stamp; inherited ones are copied onto the page first,
    // so that the other pages stay as they were.
    if (!dict.HasKey(PdfName("Resources"))) {
        const PdfObject* inherited = resolve(objects, page.GetInheritedKey(PdfName("Resources")));
        dict.AddKey(PdfName("Resources"), inherited != nullptr && inherited->IsDictionary() ? *inherited
                                                                                         : PdfObject(PdfDictionary()));
    }
    PdfObject* resources = const_cast<PdfObject*>(resolve(objects, dict.GetKey(PdfName("Resources"))));
    if (resources == nullptr || !resources->IsDictionary())
        throw PdfError(ePdfError_InvalidDataType, __FILE__, __LINE__, "Resources");
    if (!resources->GetDictionary().HasKey(PdfName("XObject")))
        resources->GetDictionary().AddKey(PdfName("XObject"), PdfDictionary());
    PdfObject* xobjects = const_cast<PdfObject*>(resolve(objects, resources->GetDictionary().GetKey(PdfName("XObject"))));
    if (xobjects == nullptr || !xobjects->IsDictionary())
        throw PdfError(ePdfError_InvalidDataType, __FILE__, __LINE__, "XObject");
    std::string name = stamp.GetIdentifier().GetName();
    while (xobjects->GetDictionary().HasKey(PdfName(name))) name += "x";
    xobjects->GetDictionary().AddKey(PdfName(name), stamp.GetObject()->Reference());

    PdfArray parts;
    PdfObject* before = objects.CreateObject();
    before->GetStream()->Set("q\n");
    parts.push_back(before->Reference());
    if (const PdfObject* contents = dict.GetKey(PdfName("Contents"))) {
        const PdfObject* target = resolve(objects, contents);
        if (target != nullptr && target->IsArray()) {
            for (const PdfObject& part : target->GetArray()) parts.push_back(part);
        } else if (target != nullptr) {
            parts.push_back(*contents);
        }
    }
    std::string draw = "Q\nq ";
    for (double v : m) draw += number_text(v) + " ";
    draw += "cm /" + name + " Do Q\n";
    PdfObject* after = objects.CreateObject();
    after->GetStream()->Set(draw.c_str());
    parts.push_back(after->Reference());
    dict.AddKey(PdfName("Contents"), parts);
}

}  // namespace

void write_stamp(const StampSpec& spec) {
    detail::quiet_podofo();
    const std::string& input = spec.input_pdf;
    refuse_same_file(input, spec.output_pdf);
    if (!exists(input)) throw Error(ErrorCode::not_found, quoted(input) + tr(" n'existe pas", " does not exist"));
    PdfMemDocument doc;
    try {
        doc.Load(input.c_str());
    } catch (const PdfError& e) {
        if (e.GetError() == ePdfError_InvalidPassword || names_encryption(input)) throw encrypted(input);
        throw unreadable(input, e);
    }
    if (doc.GetEncrypted()) throw encrypted(input);
    try {
        if (doc.GetPageCount() < 1)
            throw Error(ErrorCode::corrupt, quoted(input) + tr(" n'a aucune page", " has no page"));
        PdfPage* page = doc.GetPage(0);
        if (page == nullptr) throw Error(ErrorCode::corrupt, quoted(input) + tr(" : page 1 illisible", ": page 1 unreadable"));
        PdfVecObjects& objects = doc.GetObjects();
        Frame frame = frame_of(objects, *page);

        detail::Faces faces(doc);
        const double max_width = std::min(k_max_stamp_width, frame.width() / 2);
        const detail::StampBox stamp = detail::stamp_box(spec, faces.metrics(), max_width);
        std::vector<Rect> text;
        if (auto boxes = detail::text_boxes(doc, *page)) {
            for (const Rect& r : *boxes) text.push_back(user_to_visual(frame, r));
        } else {
            text.push_back({0, 0, frame.width(), frame.height()});  // unreadable: text anywhere
        }
        const detail::Placement at = detail::place_stamp(frame.width(), frame.height(), text, stamp.width, stamp.height);
        if (at.grow > 0) grow_page(*page, frame, at.grow);

        PdfXObject xobject(PdfRect(0, 0, stamp.width, stamp.height), &doc, "UbuStamp");
        {
            PdfPainter painter;
            painter.SetPage(&xobject);
            detail::draw_items(painter, faces, stamp.page);
            painter.FinishPage();
        }
        // The stamp's corner at (x, y) of the visual frame, then the frame into user space.
        std::array<double, 6> m = visual_to_user(frame);
        m[4] += m[0] * at.x + m[2] * at.y;
        m[5] += m[1] * at.x + m[3] * at.y;
        lay_on(doc, *page, xobject, m);

        PdfRefCountedBuffer buffer;
        PdfOutputDevice device(&buffer);
        doc.Write(&device);
        detail::save_pdf(std::string(buffer.GetBuffer(), device.GetLength()), spec.output_pdf);
    } catch (const PdfError& e) {
        // Loaded, but a part the stamp needs (the page tree, page 1, its content) is broken.
        const char* name = PdfError::ErrorName(e.GetError());
        throw Error(ErrorCode::corrupt, tr("impossible de tamponner ", "cannot stamp ") + quoted(input) +
                                            tr(" : PDF endommagé (PoDoFo : ", ": damaged PDF (PoDoFo: ") +
                                            (name != nullptr ? name : "?") + ")");
    }
}

}  // namespace ububiko::pdfwrite
