#include "extract/ocr_engine.hpp"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/osdetect.h>
#include <tesseract/resultiterator.h>

#include <cmath>
#include <optional>

#include "core/fs.hpp"
#include "extract/messages.hpp"
#include "extract/text_decode.hpp"

namespace ububiko::extract::detail {

namespace {

// Less ink than this (a fraction of the page, specks and margins left out) is a blank
// page: about 150 pixels of an A4 page at 300 dpi, a page number at most.
constexpr double k_blank_ink = 0.00002;
// A page with so little ink on which OCR found no word it is confident of is blank too
// (scanner dust, a stamp, a crease): no text is expected there.
constexpr double k_sparse_ink = 0.005;
constexpr float k_confident_word = 50;
// Leptonica's up/down answer is trusted beyond this; under it, Tesseract's OSD decides
// (its best guess is right on nearly every page of text, even when it is unsure).
constexpr double k_up_down_sure = 10;
// A reading after the up/down test with a mean confidence under this is checked with
// Tesseract's orientation detection, which overrules it when this sure.
constexpr double k_recheck_below = 60;
constexpr float k_osd_sure = 1.5f;
// Skew is corrected when measured with this confidence, between these angles.
constexpr double k_skew_confidence = 2.0;
constexpr double k_min_skew = 0.1;
constexpr double k_max_skew = 10.0;

bool valid_language_code(const std::string& code) {
    if (code.empty() || code.size() > 32) return false;
    for (char c : code)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_'))
            return false;
    return true;
}

std::string joined(const std::vector<std::string>& languages) {
    std::string out;
    for (const std::string& l : languages) out += (out.empty() ? "" : "+") + l;
    return out;
}

// Tesseract prints its diagnostics with tprintf, on stderr unless debug_file says where.
const std::vector<std::string> k_quiet_names = {"debug_file"};
const std::vector<std::string> k_quiet_values = {"/dev/null"};

int init_api(tesseract::TessBaseAPI& api, const char* languages, tesseract::OcrEngineMode mode) {
    return api.Init(nullptr, languages, mode, nullptr, 0, &k_quiet_names, &k_quiet_values, false);
}

bool usable(const Skew& skew) {
    return skew.confidence >= k_skew_confidence && std::abs(skew.degrees) >= k_min_skew &&
           std::abs(skew.degrees) <= k_max_skew;
}

std::string page_text(tesseract::TessBaseAPI& api) {
    const std::unique_ptr<char[]> raw(api.GetUTF8Text());
    if (!raw) return {};
    std::string text = sanitize_utf8(normalise_newlines(raw.get()));
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

}  // namespace

OcrEngine& OcrEngine::instance(const std::vector<std::string>& languages, const std::string& path) {
    // One per thread (a worker process has one): a TessBaseAPI is not to be shared.
    thread_local std::unique_ptr<OcrEngine> engine;
    if (engine && engine->m_languages == languages) return *engine;
    engine.reset();
    auto fresh = std::unique_ptr<OcrEngine>(new OcrEngine());
    fresh->init(languages, path);
    engine = std::move(fresh);
    return *engine;
}

OcrEngine::~OcrEngine() = default;

void OcrEngine::init(const std::vector<std::string>& languages, const std::string& path) {
    silence_leptonica();
    if (languages.empty()) throw file_error(ErrorCode::internal, path, "OCR without languages");
    for (const std::string& code : languages)
        if (!valid_language_code(code))
            throw file_error(
                ErrorCode::invalid_input, path,
                tr("code de langue OCR invalide : « ", "invalid OCR language code: '") + code +
                    tr(" »", "'"));

    m_osd = std::make_unique<tesseract::TessBaseAPI>();
    if (init_api(*m_osd, "osd", tesseract::OEM_TESSERACT_ONLY) != 0)
        throw file_error(
            ErrorCode::unsupported, path,
            tr("OCR impossible : le modèle d'orientation de Tesseract (osd.traineddata) "
               "n'est pas installé (paquet tesseract-ocr-osd)",
               "cannot OCR: Tesseract's orientation model (osd.traineddata) is not "
               "installed (package tesseract-ocr-osd)"));
    m_osd->SetPageSegMode(tesseract::PSM_OSD_ONLY);
    const std::string datapath = m_osd->GetDatapath() ? m_osd->GetDatapath() : "";
    for (const std::string& code : languages) {
        const std::string file =
            datapath + (datapath.ends_with('/') ? "" : "/") + code + ".traineddata";
        if (!exists(file))
            throw file_error(ErrorCode::unsupported, path,
                             tr("OCR impossible : la langue « ", "cannot OCR: language '") + code +
                                 tr(" » n'est pas installée pour Tesseract (",
                                    "' is not installed for Tesseract (") +
                                 file + tr(" absent)", " missing)"));
    }

    const std::string wanted = joined(languages);
    m_api = std::make_unique<tesseract::TessBaseAPI>();
    // The LSTM models alone: the legacy classifier costs memory and time for nothing here.
    if (init_api(*m_api, wanted.c_str(), tesseract::OEM_LSTM_ONLY) != 0 &&
        init_api(*m_api, wanted.c_str(), tesseract::OEM_DEFAULT) != 0)
        throw file_error(ErrorCode::unsupported, path,
                         tr("OCR impossible : Tesseract ne peut pas charger les langues ",
                            "cannot OCR: Tesseract cannot load the languages ") +
                             wanted);
    m_api->SetPageSegMode(tesseract::PSM_AUTO);
    m_languages = languages;
    m_name = std::string("tesseract ") + tesseract::TessBaseAPI::Version() + " " + wanted;
}

void OcrEngine::release() {
    m_api->Clear();
}

int OcrEngine::up_down(Pix* ink, int ppi, const Skew& horizontal, const Skew& vertical) {
    const bool lines_vertical = vertical.confidence > horizontal.confidence;
    const Skew& lines = lines_vertical ? vertical : horizontal;
    PixPtr straight = turned(ink, lines_vertical ? 1 : 0, usable(lines) ? lines.degrees : 0);
    if (straight && ppi > 400) straight.reset(pixReduceRankBinary2(straight.get(), 2, nullptr));
    const double up = straight ? up_down_confidence(straight.get()) : 0;
    if (std::abs(up) < k_up_down_sure) return -1;
    return lines_vertical ? (up > 0 ? 3 : 1) : (up > 0 ? 0 : 2);
}

std::optional<OcrEngine::Osd> OcrEngine::detect_orientation(Pix* ink, int ppi) {
    m_osd->SetImage(ink);
    if (ppi > 0) m_osd->SetSourceResolution(ppi);
    tesseract::OSResults results;
    const bool ok = m_osd->DetectOS(&results);
    m_osd->Clear();
    if (!ok) return std::nullopt;
    return Osd{results.best_result.orientation_id, results.best_result.oconfidence};
}

void OcrEngine::recognise(Pix* page, int ppi, int quadrant, const Skew& horizontal,
                          const Skew& vertical, double ink_part, OcrPage& out) {
    // The skew measured along the lines as they lie once the page is upright (a half
    // turn keeps its sign).
    const Skew& skew = quadrant % 2 == 0 ? horizontal : vertical;
    const int turn = (4 - quadrant) % 4;
    out = OcrPage{};
    out.info.ocr = true;
    out.info.rotation = turn * 90;
    out.info.skew = usable(skew) ? std::round(skew.degrees * 100) / 100 : 0;
    PixPtr upright = turned(page, turn, out.info.skew);
    if (!upright) throw std::bad_alloc();

    m_api->SetImage(upright.get());
    if (ppi > 0) m_api->SetSourceResolution(ppi);
    if (m_api->Recognize(nullptr) != 0) {
        out.info.confidence = 0;  // nothing read from a page with ink: worth a look
        return;
    }
    int confident = 0;
    double sum = 0;
    const std::unique_ptr<tesseract::ResultIterator> it(m_api->GetIterator());
    if (it && !it->Empty(tesseract::RIL_WORD)) {
        do {
            const std::unique_ptr<char[]> word(it->GetUTF8Text(tesseract::RIL_WORD));
            if (!word || word[0] == '\0') continue;
            const float confidence = it->Confidence(tesseract::RIL_WORD);
            ++out.info.words;
            sum += confidence;
            if (confidence >= k_confident_word) ++confident;
        } while (it->Next(tesseract::RIL_WORD));
    }
    if (confident == 0 && ink_part < k_sparse_ink) {
        out.info.blank = true;
        out.info.words = 0;
        return;
    }
    out.info.confidence = out.info.words > 0 ? std::round(sum / out.info.words * 10) / 10 : 0;
    out.text = page_text(*m_api);
}

OcrPage OcrEngine::read(PixPtr page, int ppi) {
    OcrPage out;
    out.info.ocr = true;
    // No resolution, or not a credible one (72 dpi: a camera's default): Tesseract
    // estimates it from the size of the text.
    if (ppi < 100 || ppi > 2400) {
        ppi = 0;
        pixSetResolution(page.get(), 0, 0);
    }
    PixPtr ink = ink_mask(page.get());
    const double ink_part = ink ? ink_fraction(ink.get(), ppi) : 0;

    if (!ink || ink_part < k_blank_ink) {
        // Nothing to read. The renderer still wants the page image and a (void) result:
        // recognise a white page of the same size and show the real one.
        PixPtr white(pixCreate(pixGetWidth(page.get()), pixGetHeight(page.get()), 1));
        if (!white) throw std::bad_alloc();
        pixCopyResolution(white.get(), page.get());
        m_api->SetImage(white.get());
        if (ppi > 0) m_api->SetSourceResolution(ppi);
        m_api->Recognize(nullptr);
        m_api->SetInputImage(pixClone(page.get()));
        out.info.blank = true;
        return out;
    }

    // Orientation: Leptonica's up/down test on the text lines costs a few milliseconds and
    // settles most pages of Latin text; Tesseract's orientation detection (a third of a
    // second on an A4 page) decides the others.
    const Skew horizontal = find_skew(ink.get(), 0);
    const Skew vertical = find_skew(ink.get(), 1);
    int quadrant = up_down(ink.get(), ppi, horizontal, vertical);
    const bool by_up_down = quadrant >= 0;
    if (!by_up_down) {
        const std::optional<Osd> osd = detect_orientation(ink.get(), ppi);
        quadrant = osd ? osd->quadrant : 0;
    }
    recognise(page.get(), ppi, quadrant, horizontal, vertical, ink_part, out);
    // The up/down test can be wrong with conviction on other scripts (Cyrillic): a poor
    // reading after it is checked with Tesseract's detection, and read again if that is
    // sure of another way up.
    if (by_up_down && !out.info.blank && out.info.confidence < k_recheck_below) {
        const std::optional<Osd> osd = detect_orientation(ink.get(), ppi);
        if (osd && osd->quadrant != quadrant && osd->confidence >= k_osd_sure)
            recognise(page.get(), ppi, osd->quadrant, horizontal, vertical, ink_part, out);
    }
    return out;
}

}  // namespace ububiko::extract::detail
