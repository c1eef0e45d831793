#include "pdfwrite/content_scan.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <string>

namespace ububiko::pdfwrite::detail {

namespace {

using namespace PoDoFo;

// Bounds on the work a hostile page can ask for.
constexpr int k_max_form_depth = 8;
constexpr std::size_t k_max_boxes = 200000;
constexpr std::size_t k_max_operands = 4096;

// [a b c d e f], as PDF writes a transformation.
struct Matrix {
    double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
    // This transformation, then `then`.
    Matrix times(const Matrix& then) const {
        return {a * then.a + b * then.c,         a * then.b + b * then.d,
                c * then.a + d * then.c,         c * then.b + d * then.d,
                e * then.a + f * then.c + then.e, e * then.b + f * then.d + then.f};
    }
    void apply(double x, double y, double& ox, double& oy) const {
        ox = a * x + c * y + e;
        oy = b * x + d * y + f;
    }
};

Matrix translation(double x, double y) { return {1, 0, 0, 1, x, y}; }

const PdfObject* resolve(PdfVecObjects& objects, const PdfObject* o) {
    for (int i = 0; i < 16 && o != nullptr && o->IsReference(); ++i) o = objects.GetObject(o->GetReference());
    return o != nullptr && o->IsReference() ? nullptr : o;
}

const PdfObject* key(PdfVecObjects& objects, const PdfObject* dict, const char* name) {
    dict = resolve(objects, dict);
    if (dict == nullptr || !dict->IsDictionary()) return nullptr;
    return resolve(objects, dict->GetDictionary().GetKey(PdfName(name)));
}

double number(const PdfVariant& v, double fallback = 0) {
    return v.IsNumber() || v.IsReal() ? v.GetReal() : fallback;
}

// How wide each code of a font is, in thousandths of the font size.
struct FontWidths {
    bool two_bytes = false;  // Type0 fonts: codes of two bytes (Identity-H and the like)
    std::map<unsigned, double> widths;
    double fallback = 600;   // unknown codes, and the base-14 fonts that carry no widths
    double scale = 1;        // Type3: their FontMatrix
    double of(unsigned code) const {
        auto it = widths.find(code);
        return (it == widths.end() ? fallback : it->second) * scale;
    }
};

FontWidths read_font(PdfVecObjects& objects, const PdfObject* font) {
    FontWidths w;
    const PdfObject* subtype = key(objects, font, "Subtype");
    const std::string kind = subtype != nullptr && subtype->IsName() ? subtype->GetName().GetName() : "";
    if (kind == "Type0") {
        w.two_bytes = true;
        const PdfObject* descendants = key(objects, font, "DescendantFonts");
        const PdfObject* cid = descendants != nullptr && descendants->IsArray() && !descendants->GetArray().empty()
                                   ? resolve(objects, &descendants->GetArray()[0])
                                   : nullptr;
        const PdfObject* dw = key(objects, cid, "DW");
        w.fallback = dw != nullptr ? number(*dw, 1000) : 1000;
        // W: [c [w1 w2 …]] or [c_first c_last w] groups.
        const PdfObject* list = key(objects, cid, "W");
        if (list != nullptr && list->IsArray()) {
            const PdfArray& a = list->GetArray();
            for (std::size_t i = 0; i + 1 < a.size() && w.widths.size() < 65536;) {
                const PdfObject* first = resolve(objects, &a[i]);
                const PdfObject* next = resolve(objects, &a[i + 1]);
                if (first == nullptr || next == nullptr) break;
                const auto start = static_cast<unsigned>(number(*first));
                if (next->IsArray()) {
                    unsigned code = start;
                    for (const PdfObject& each : next->GetArray())
                        if (const PdfObject* v = resolve(objects, &each)) w.widths[code++] = number(*v);
                    i += 2;
                } else if (i + 2 < a.size()) {
                    const PdfObject* width = resolve(objects, &a[i + 2]);
                    const auto last = static_cast<unsigned>(number(*next));
                    for (unsigned code = start; code <= last && code - start < 65536; ++code)
                        w.widths[code] = width != nullptr ? number(*width) : w.fallback;
                    i += 3;
                } else {
                    break;
                }
            }
        }
        return w;
    }
    if (kind == "Type3") {
        const PdfObject* matrix = key(objects, font, "FontMatrix");
        if (matrix != nullptr && matrix->IsArray() && !matrix->GetArray().empty())
            w.scale = std::abs(number(matrix->GetArray()[0], 0.001)) * 1000;
    }
    const PdfObject* first = key(objects, font, "FirstChar");
    const PdfObject* widths = key(objects, font, "Widths");
    if (const PdfObject* missing = key(objects, key(objects, font, "FontDescriptor"), "MissingWidth");
        missing != nullptr && number(*missing) > 0)
        w.fallback = number(*missing);
    if (first != nullptr && widths != nullptr && widths->IsArray()) {
        auto code = static_cast<unsigned>(number(*first));
        for (const PdfObject& each : widths->GetArray())
            if (const PdfObject* v = resolve(objects, &each)) w.widths[code++] = number(*v);
    }
    return w;
}

struct TextState {
    Matrix tm, tlm;
    double size = 0, char_spacing = 0, word_spacing = 0, scale = 1, leading = 0, rise = 0;
    const FontWidths* font = nullptr;
};

struct GraphicsState {
    Matrix ctm;
    TextState text;  // font and spacing belong to the graphics state; the matrices do not matter across q/Q
};

class Scanner {
public:
    Scanner(PdfMemDocument& doc) : m_objects(doc.GetObjects()) {}

    void run(const std::string& content, const PdfObject* resources, const Matrix& ctm, int depth) {
        PdfContentsTokenizer tokens(content.data(), static_cast<long>(content.size()));
        std::vector<GraphicsState> stack;
        GraphicsState gs;
        gs.ctm = ctm;
        std::vector<PdfVariant> operands;
        EPdfContentsType type;
        const char* keyword = nullptr;
        PdfVariant value;
        while (tokens.ReadNext(type, keyword, value)) {
            if (type == ePdfContentsType_Variant) {
                if (operands.size() < k_max_operands) operands.push_back(value);
                continue;
            }
            if (type != ePdfContentsType_Keyword) {
                operands.clear();
                continue;
            }
            const std::string op = keyword;
            auto arg = [&](std::size_t i) { return i < operands.size() ? number(operands[i]) : 0.0; };
            TextState& t = gs.text;
            if (op == "q") {
                if (stack.size() < 1024) stack.push_back(gs);
            } else if (op == "Q") {
                if (!stack.empty()) {
                    gs = stack.back();
                    stack.pop_back();
                }
            } else if (op == "cm" && operands.size() == 6) {
                gs.ctm = Matrix{arg(0), arg(1), arg(2), arg(3), arg(4), arg(5)}.times(gs.ctm);
            } else if (op == "BT") {
                t.tm = t.tlm = Matrix{};
            } else if (op == "Tf" && operands.size() == 2) {
                t.size = arg(1);
                t.font = operands[0].IsName() ? font(resources, operands[0].GetName()) : nullptr;
            } else if (op == "Tc") {
                t.char_spacing = arg(0);
            } else if (op == "Tw") {
                t.word_spacing = arg(0);
            } else if (op == "Tz") {
                t.scale = arg(0) / 100;
            } else if (op == "TL") {
                t.leading = arg(0);
            } else if (op == "Ts") {
                t.rise = arg(0);
            } else if (op == "Td" || op == "TD") {
                if (op == "TD") t.leading = -arg(1);
                t.tlm = translation(arg(0), arg(1)).times(t.tlm);
                t.tm = t.tlm;
            } else if (op == "Tm" && operands.size() == 6) {
                t.tm = t.tlm = Matrix{arg(0), arg(1), arg(2), arg(3), arg(4), arg(5)};
            } else if (op == "T*") {
                next_line(t);
            } else if (op == "Tj" && !operands.empty()) {
                show(gs, operands.back());
            } else if (op == "'" && !operands.empty()) {
                next_line(t);
                show(gs, operands.back());
            } else if (op == "\"" && operands.size() == 3) {
                t.word_spacing = arg(0);
                t.char_spacing = arg(1);
                next_line(t);
                show(gs, operands[2]);
            } else if (op == "TJ" && !operands.empty() && operands.back().IsArray()) {
                for (const PdfObject& item : operands.back().GetArray()) {
                    if (item.IsString() || item.IsHexString())
                        show(gs, item);
                    else
                        t.tm = translation(-number(item) / 1000 * t.size * t.scale, 0).times(t.tm);
                }
            } else if (op == "Do" && operands.size() == 1 && operands[0].IsName() && depth < k_max_form_depth) {
                form(resources, operands[0].GetName(), gs.ctm, depth);
            }
            operands.clear();
        }
    }

    std::vector<Rect> boxes;

private:
    void next_line(TextState& t) {
        t.tlm = translation(0, -t.leading).times(t.tlm);
        t.tm = t.tlm;
    }

    const FontWidths* font(const PdfObject* resources, const PdfName& name) {
        const PdfObject* fonts = key(m_objects, resources, "Font");
        const PdfObject* f = fonts != nullptr && fonts->IsDictionary()
                                 ? resolve(m_objects, fonts->GetDictionary().GetKey(name))
                                 : nullptr;
        if (f == nullptr) return nullptr;
        auto it = m_fonts.find(f);
        if (it == m_fonts.end()) it = m_fonts.emplace(f, std::make_unique<FontWidths>(read_font(m_objects, f))).first;
        return it->second.get();
    }

    // A string shown: its box from its start to its advance, then the text matrix moved on.
    void show(GraphicsState& gs, const PdfVariant& string) {
        if (!string.IsString() && !string.IsHexString()) return;
        TextState& t = gs.text;
        const PdfString& s = string.GetString();
        const auto* bytes = reinterpret_cast<const unsigned char*>(s.GetString());
        const std::size_t length = bytes == nullptr ? 0 : static_cast<std::size_t>(s.GetLength());
        static const FontWidths k_unknown;
        const FontWidths& f = t.font != nullptr ? *t.font : k_unknown;
        double advance = 0;
        for (std::size_t i = 0; i < length;) {
            unsigned code = bytes[i++];
            if (f.two_bytes && i < length) code = code << 8 | bytes[i++];
            advance += (f.of(code) / 1000 * t.size + t.char_spacing + (!f.two_bytes && code == 32 ? t.word_spacing : 0)) *
                       t.scale;
        }
        if (length > 0 && t.size != 0 && boxes.size() < k_max_boxes) {
            const Matrix to_user = t.tm.times(gs.ctm);
            const double bottom = t.rise - 0.25 * std::abs(t.size), top = t.rise + 0.9 * std::abs(t.size);
            Rect r{1e18, 1e18, -1e18, -1e18};
            for (const double x : {0.0, advance})
                for (const double y : {bottom, top}) {
                    double ux = 0, uy = 0;
                    to_user.apply(x, y, ux, uy);
                    r.x0 = std::min(r.x0, ux);
                    r.y0 = std::min(r.y0, uy);
                    r.x1 = std::max(r.x1, ux);
                    r.y1 = std::max(r.y1, uy);
                }
            if (std::isfinite(r.x0) && std::isfinite(r.y0) && std::isfinite(r.x1) && std::isfinite(r.y1))
                boxes.push_back(r);
        }
        t.tm = translation(advance, 0).times(t.tm);
    }

    // A form XObject's content, with its own resources (else those of its caller).
    void form(const PdfObject* resources, const PdfName& name, const Matrix& ctm, int depth) {
        const PdfObject* xobjects = key(m_objects, resources, "XObject");
        const PdfObject* x = xobjects != nullptr && xobjects->IsDictionary()
                                 ? resolve(m_objects, xobjects->GetDictionary().GetKey(name))
                                 : nullptr;
        if (x == nullptr || !x->HasStream()) return;
        const PdfObject* subtype = key(m_objects, x, "Subtype");
        if (subtype == nullptr || !subtype->IsName() || subtype->GetName().GetName() != "Form") return;
        Matrix m;
        if (const PdfObject* mo = key(m_objects, x, "Matrix"); mo != nullptr && mo->IsArray() && mo->GetArray().size() == 6) {
            const PdfArray& a = mo->GetArray();
            m = {number(a[0], 1), number(a[1]), number(a[2]), number(a[3], 1), number(a[4]), number(a[5])};
        }
        const PdfObject* own = key(m_objects, x, "Resources");
        run(decoded(x), own != nullptr ? own : resources, m.times(ctm), depth + 1);
    }

public:
    static std::string decoded(const PdfObject* object) {
        char* buffer = nullptr;
        pdf_long length = 0;
        object->GetStream()->GetFilteredCopy(&buffer, &length);
        std::string out(buffer != nullptr ? buffer : "", buffer != nullptr ? static_cast<std::size_t>(length) : 0);
        podofo_free(buffer);
        return out;
    }

private:
    PdfVecObjects& m_objects;
    std::map<const PdfObject*, std::unique_ptr<FontWidths>> m_fonts;
};

}  // namespace

std::optional<std::vector<Rect>> text_boxes(PdfMemDocument& doc, PdfPage& page) {
    try {
        PdfVecObjects& objects = doc.GetObjects();
        // The page's content streams, one after the other (a content array is one stream cut
        // in pieces).
        std::string content;
        const PdfObject* contents = resolve(objects, page.GetObject()->GetDictionary().GetKey(PdfName("Contents")));
        if (contents != nullptr && contents->IsArray()) {
            for (const PdfObject& each : contents->GetArray())
                if (const PdfObject* part = resolve(objects, &each); part != nullptr && part->HasStream())
                    content += Scanner::decoded(part) + "\n";
        } else if (contents != nullptr && contents->HasStream()) {
            content = Scanner::decoded(contents);
        }
        const PdfObject* resources = resolve(objects, page.GetInheritedKey(PdfName("Resources")));
        Scanner scanner(doc);
        scanner.run(content, resources, Matrix{}, 0);
        // Annotations are drawn over the page (form fields filled in, notes): their areas
        // count as text.
        const PdfObject* annots = resolve(objects, page.GetObject()->GetDictionary().GetKey(PdfName("Annots")));
        if (annots != nullptr && annots->IsArray()) {
            for (const PdfObject& each : annots->GetArray()) {
                const PdfObject* subtype = key(objects, &each, "Subtype");
                if (subtype != nullptr && subtype->IsName() && subtype->GetName().GetName() == "Popup") continue;
                const PdfObject* rect = key(objects, &each, "Rect");
                if (rect == nullptr || !rect->IsArray() || rect->GetArray().size() != 4) continue;
                double v[4];
                for (std::size_t i = 0; i < 4; ++i) {
                    const PdfObject* n = resolve(objects, &rect->GetArray()[i]);
                    v[i] = n != nullptr ? number(*n) : 0;
                }
                scanner.boxes.push_back({std::min(v[0], v[2]), std::min(v[1], v[3]), std::max(v[0], v[2]), std::max(v[1], v[3])});
            }
        }
        return std::move(scanner.boxes);
    } catch (const PdfError&) {
        return std::nullopt;
    } catch (const std::bad_alloc&) {
        return std::nullopt;
    }
}

}  // namespace ububiko::pdfwrite::detail
