#include "extract/ocr_pix.hpp"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>

namespace ububiko::extract::detail {

namespace {

// A grey page whose pixels are nearly all black or white is a bilevel image (a fax, a
// scanner's "text" mode) rendered or stored as grey: mid-tones under this fraction.
constexpr double k_bilevel_mid_tones = 0.015;

PixPtr own(Pix* pix) {
    return PixPtr(pix);
}

// Fraction of pixels of an 8-bit image with a value in [low, high].
double fraction_between(Pix* grey, int low, int high) {
    const int factor = std::max(1, std::min(pixGetWidth(grey), pixGetHeight(grey)) / 500);
    Numa* histogram = pixGetGrayHistogram(grey, factor);
    if (histogram == nullptr) return 1.0;
    double inside = 0;
    double total = 0;
    const int n = numaGetCount(histogram);
    for (int i = 0; i < n; ++i) {
        l_float32 count = 0;
        numaGetFValue(histogram, i, &count);
        total += count;
        if (i >= low && i <= high) inside += count;
    }
    numaDestroy(&histogram);
    return total > 0 ? inside / total : 1.0;
}

}  // namespace

void PixDeleter::operator()(Pix* pix) const {
    pixDestroy(&pix);
}

void silence_leptonica() {
    static const bool once = [] {
        setMsgSeverity(L_SEVERITY_NONE);
        return true;
    }();
    (void)once;
}

PixPtr normalise_page(Pix* image) {
    if (image == nullptr) return nullptr;
    const int depth = pixGetDepth(image);
    if (depth == 1) {
        PixPtr binary =
            own(pixGetColormap(image) != nullptr ? pixRemoveColormap(image, REMOVE_CMAP_TO_BINARY)
                                                 : pixCopy(nullptr, image));
        if (binary && pixGetDepth(binary.get()) != 1)
            binary = own(pixConvertTo1(binary.get(), 128));
        return binary;
    }
    PixPtr flat;
    if (depth == 32 && pixGetSpp(image) == 4) flat = own(pixAlphaBlendUniform(image, 0xffffff00));
    PixPtr grey = own(pixConvertTo8(flat ? flat.get() : image, 0));
    if (!grey) return nullptr;
    if (pixGetColormap(grey.get()) != nullptr)
        grey = own(pixRemoveColormap(grey.get(), REMOVE_CMAP_TO_GRAYSCALE));
    if (grey && fraction_between(grey.get(), 48, 207) < k_bilevel_mid_tones) {
        PixPtr binary = own(pixThresholdToBinary(grey.get(), 128));
        if (binary) return binary;
    }
    return grey;
}

PixPtr ink_mask(Pix* page) {
    if (pixGetDepth(page) == 1) return own(pixClone(page));
    // The paper's level: most of a page is paper, even a dense one.
    l_uint32 paper = 255;
    const int factor = std::max(1, std::min(pixGetWidth(page), pixGetHeight(page)) / 500);
    if (pixGetRankValue(page, factor, 0.8f, &paper) != 0) paper = 255;
    // Ink is well below the paper: the grain of a blank sheet (a few levels) is not, faint
    // print (a third below the paper) is.
    const int margin = std::max(40, static_cast<int>(paper) / 4);
    const int threshold = std::max(20, static_cast<int>(paper) - margin);
    return own(pixThresholdToBinary(page, threshold));
}

double ink_fraction(Pix* ink, int ppi) {
    const int width = pixGetWidth(ink);
    const int height = pixGetHeight(ink);
    const int mx = width * 4 / 100;
    const int my = height * 4 / 100;
    Box* inner = boxCreate(mx, my, width - 2 * mx, height - 2 * my);
    PixPtr middle = own(pixClipRectangle(ink, inner, nullptr));
    boxDestroy(&inner);
    if (!middle) return 0;
    const double area = static_cast<double>(pixGetWidth(middle.get())) * pixGetHeight(middle.get());
    if (area <= 0) return 0;
    l_int32 count = 0;
    pixCountPixels(middle.get(), &count, nullptr);
    // Only a nearly empty page needs the specks told from marks (connected components
    // cost a few tens of milliseconds on a full page).
    if (count / area > 0.01) return count / area;
    const int speck = std::max(2, (ppi > 0 ? ppi : 300) / 75);
    PixPtr marks = own(pixSelectBySize(middle.get(), speck, speck, 8, L_SELECT_IF_EITHER,
                                       L_SELECT_IF_GTE, nullptr));
    if (!marks) return count / area;
    pixCountPixels(marks.get(), &count, nullptr);
    return count / area;
}

Skew find_skew(Pix* ink, int quadrant) {
    PixPtr turned_ink;
    Pix* source = ink;
    if (quadrant % 2 != 0) {
        turned_ink = own(pixRotateOrth(ink, 1));
        if (!turned_ink) return {};
        source = turned_ink.get();
    }
    l_float32 angle = 0;
    l_float32 confidence = 0;
    if (pixFindSkew(source, &angle, &confidence) != 0) return {};
    return {angle, confidence};
}

double up_down_confidence(Pix* ink_horizontal) {
    l_float32 confidence = 0;
    if (pixUpDownDetect(ink_horizontal, &confidence, 0, 0, 0) != 0) return 0;
    return confidence;
}

PixPtr turned(Pix* image, int quadrants, double degrees) {
    quadrants = ((quadrants % 4) + 4) % 4;
    PixPtr out = own(quadrants != 0 ? pixRotateOrth(image, quadrants) : pixCopy(nullptr, image));
    if (!out || std::abs(degrees) < 0.05) return out;
    const float radians = static_cast<float>(degrees * M_PI / 180.0);
    const int type = pixGetDepth(out.get()) == 1 ? L_ROTATE_SAMPLING : L_ROTATE_AREA_MAP;
    PixPtr straight = own(pixRotate(out.get(), radians, type, L_BRING_IN_WHITE, 0, 0));
    if (!straight) return out;
    pixCopyResolution(straight.get(), out.get());
    return straight;
}

}  // namespace ububiko::extract::detail
