// What a cheap scanner or a phone does to a clean page, with Leptonica and a seeded
// generator of our own (the standard library's distributions differ between libraries).
#include "scan.hpp"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace scans {

namespace {
constexpr double k_pi = 3.14159265358979323846;
}

// ---- random numbers ---------------------------------------------------------------------

std::uint64_t Rng::next() {
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

double Rng::uniform() {
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

double Rng::gaussian() {
    if (m_has_spare) {
        m_has_spare = false;
        return m_spare;
    }
    double u = 0;
    do u = uniform();
    while (u <= 0);
    const double v = uniform();
    const double r = std::sqrt(-2.0 * std::log(u));
    m_spare = r * std::sin(2 * k_pi * v);
    m_has_spare = true;
    return r * std::cos(2 * k_pi * v);
}

namespace {

Pix* check(Pix* pix, const char* what) {
    if (pix == nullptr) throw std::runtime_error(std::string("Leptonica: ") + what + " failed");
    return pix;
}

// Owns a Pix for the length of a scope.
class Owned {
public:
    explicit Owned(Pix* pix) : m_pix(pix) {}
    ~Owned() {
        if (m_pix) pixDestroy(&m_pix);
    }
    Owned(const Owned&) = delete;
    Owned& operator=(const Owned&) = delete;
    Pix* get() const { return m_pix; }
    Pix* release() {
        Pix* p = m_pix;
        m_pix = nullptr;
        return p;
    }
    void reset(Pix* pix) {
        if (m_pix) pixDestroy(&m_pix);
        m_pix = pix;
    }

private:
    Pix* m_pix;
};

int clamp_byte(double v) {
    return static_cast<int>(std::lround(std::clamp(v, 0.0, 255.0)));
}

// Calls f(x, y, value) -> new value on every pixel of an 8-bit image.
template <typename F>
void for_each_grey(Pix* pix, F f) {
    const int w = pixGetWidth(pix);
    const int h = pixGetHeight(pix);
    const int wpl = pixGetWpl(pix);
    l_uint32* data = pixGetData(pix);
    for (int y = 0; y < h; ++y) {
        l_uint32* line = data + static_cast<std::size_t>(y) * wpl;
        for (int x = 0; x < w; ++x) {
            SET_DATA_BYTE(line, x, clamp_byte(f(x, y, GET_DATA_BYTE(line, x))));
        }
    }
}

Pix* gaussian_blur(Pix* pix, double sigma) {
    L_KERNEL* kx = nullptr;
    L_KERNEL* ky = nullptr;
    const int half = std::max(1, static_cast<int>(std::ceil(sigma * 2.5)));
    makeGaussianKernelSep(half, half, static_cast<float>(sigma), 1.0f, &kx, &ky);
    Pix* out = check(pixConvolveSep(pix, kx, ky, 8, 1), "blur");
    kernelDestroy(&kx);
    kernelDestroy(&ky);
    return out;
}

// Smooth light falloff: 1 at the brightest corner, 1 - amount at the darkest, with a
// gentle bulge so that it is not a plain linear ramp.
double light(double amount, double fx, double fy, double ax, double ay) {
    const double ramp = 0.55 * (ax * fx + ay * fy) / std::max(1e-9, ax + ay) +
                        0.45 * ((fx - 0.45) * (fx - 0.45) + (fy - 0.4) * (fy - 0.4));
    return 1.0 - amount * std::clamp(ramp / 0.85, 0.0, 1.0);
}

void grey_noise(Pix* pix, double sigma, Rng& rng) {
    for_each_grey(pix, [&](int, int, int v) { return v + sigma * rng.gaussian(); });
}

// Paper texture: Gaussian noise drawn on a grid four times coarser and interpolated, so
// that it comes in soft blotches a few pixels wide, as fibres and uneven whiteness do.
void paper_grain(Pix* pix, double sigma, Rng& rng) {
    const int w = pixGetWidth(pix);
    const int h = pixGetHeight(pix);
    Owned coarse(check(pixCreate(w / 4 + 2, h / 4 + 2, 8), "grain"));
    for_each_grey(coarse.get(), [&](int, int, int) { return 128 + 1.6 * sigma * rng.gaussian(); });
    Owned fine(check(pixScaleGrayLI(coarse.get(), 4.0f, 4.0f), "grain scale"));
    const int fwpl = pixGetWpl(fine.get());
    const l_uint32* fdata = pixGetData(fine.get());
    for_each_grey(pix, [&](int x, int y, int v) {
        return v + (GET_DATA_BYTE(fdata + static_cast<std::size_t>(y) * fwpl, x) - 128);
    });
}

void salt_and_pepper(Pix* pix, double fraction, Rng& rng) {
    for_each_grey(pix, [&](int, int, int v) {
        const double u = rng.uniform();
        if (u < fraction / 2) return 0.0;
        if (u < fraction) return 255.0;
        return static_cast<double>(v);
    });
}

// Dust: small dark blobs of one to a few pixels, away from nothing in particular.
void dust(Pix* pix, int count, Rng& rng) {
    const int w = pixGetWidth(pix);
    const int h = pixGetHeight(pix);
    const int depth = pixGetDepth(pix);
    for (int i = 0; i < count; ++i) {
        const int cx = rng.below(w);
        const int cy = rng.below(h);
        const int r = 1 + rng.below(3) / 2;  // 1 or 2
        for (int y = cy - r; y <= cy + r; ++y) {
            for (int x = cx - r; x <= cx + r; ++x) {
                if (x < 0 || y < 0 || x >= w || y >= h) continue;
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) > r * r + rng.below(2)) continue;
                if (depth == 1) {
                    pixSetPixel(pix, x, y, 1);
                } else {
                    l_uint32 v = 0;
                    pixGetPixel(pix, x, y, &v);
                    pixSetPixel(pix, x, y, static_cast<l_uint32>(v * 0.35));
                }
            }
        }
    }
}

// The lid or the feeder leaves a dark band along the right edge, darkest at the edge.
void edge_shadow(Pix* pix, int width, Rng& rng) {
    const int w = pixGetWidth(pix);
    for_each_grey(pix, [&](int x, int, int v) {
        const int from_edge = w - 1 - x;
        if (from_edge >= width) return static_cast<double>(v);
        const double t = static_cast<double>(from_edge) / width;  // 0 at the edge
        return v * (0.25 + 0.75 * t * t) + 4 * rng.gaussian();
    });
}

Pix* to_levels(Pix* pix, const Degradation& d) {
    if (d.threshold > 0) return check(pixThresholdToBinary(pix, d.threshold), "threshold");
    if (d.levels == 16) return check(pixThresholdTo4bpp(pix, 16, 0), "4-bit grey");
    if (d.levels != 256) throw std::runtime_error("grey levels must be 16 or 256");
    return check(pixCopy(nullptr, pix), "copy");
}

std::string number(double v, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

}  // namespace

Pix* scan_page(Pix* rendered, const Degradation& d, Rng& rng) {
    if (pixGetDepth(rendered) != 8) throw std::runtime_error("scan_page wants 8-bit grey");
    Owned pix(check(pixCopy(nullptr, rendered), "copy"));
    if (d.blur > 0) pix.reset(gaussian_blur(pix.get(), d.blur));
    if (d.skew != 0) {
        pix.reset(check(pixRotate(pix.get(), static_cast<float>(d.skew * k_pi / 180),
                                  L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0),
                        "skew"));
    }
    const int w = pixGetWidth(pix.get());
    const int h = pixGetHeight(pix.get());
    const double span = (d.paper - d.ink) / 255.0;
    for_each_grey(pix.get(), [&](int x, int y, int v) {
        double g = d.ink + span * v;
        if (d.lighting > 0) g *= light(d.lighting, double(x) / w, double(y) / h, 1.0, 0.6);
        return g;
    });
    if (d.edge_shadow > 0) edge_shadow(pix.get(), d.edge_shadow, rng);
    if (d.grain > 0) paper_grain(pix.get(), d.grain, rng);
    if (d.noise > 0) grey_noise(pix.get(), d.noise, rng);
    if (d.threshold == 0 && d.specks > 0) dust(pix.get(), d.specks, rng);
    Owned out(to_levels(pix.get(), d));
    if (d.threshold > 0 && d.salt_pepper > 0) {
        // On a bilevel scan, isolated flipped pixels: scanner noise after thresholding.
        const int bw = pixGetWidth(out.get());
        const int bh = pixGetHeight(out.get());
        const auto flips = static_cast<long>(d.salt_pepper * bw * bh);
        for (long i = 0; i < flips; ++i) {
            const int x = rng.below(bw);
            const int y = rng.below(bh);
            l_uint32 v = 0;
            pixGetPixel(out.get(), x, y, &v);
            pixSetPixel(out.get(), x, y, v ^ 1u);
        }
    } else if (d.salt_pepper > 0) {
        salt_and_pepper(out.get(), d.salt_pepper, rng);
    }
    if (d.threshold > 0 && d.specks > 0) dust(out.get(), d.specks, rng);
    if (d.crop_to_content) {
        // Keep the written part of the sheet and a margin: a receipt torn from its book.
        // The written part is found on the clean page, then cut from the scan.
        Owned black(check(pixThresholdToBinary(rendered, 128), "threshold"));
        BOX* box = nullptr;
        pixClipToForeground(black.get(), nullptr, &box);
        if (box != nullptr) {
            const int margin = d.dpi / 2;  // half an inch
            l_int32 bx = 0, by = 0, bw = 0, bh = 0;
            boxGetGeometry(box, &bx, &by, &bw, &bh);
            boxDestroy(&box);
            const int left = std::max(0, bx - margin);
            const int right = std::min(pixGetWidth(out.get()), bx + bw + margin);
            const int top = std::max(0, by - margin);
            const int bottom = std::min(pixGetHeight(out.get()), by + bh + margin);
            BOX* keep = boxCreate(left, top, right - left, bottom - top);
            out.reset(check(pixClipRectangle(out.get(), keep, nullptr), "crop"));
            boxDestroy(&keep);
        }
    }
    if (d.rotate % 90 != 0) throw std::runtime_error("rotation must be a multiple of 90");
    if (d.rotate != 0) out.reset(check(pixRotateOrth(out.get(), (d.rotate / 90) % 4), "rotate"));
    pixSetResolution(out.get(), d.dpi, d.dpi);
    return out.release();
}

Pix* blank_page(const Degradation& d, Rng& rng) {
    // An empty A4 sheet, slightly smaller than the glass and not quite straight: its
    // edge shows as a faint line, the lid beyond it a little darker than the paper.
    const int w = static_cast<int>(std::lround(595.0 * d.dpi / 72));
    const int h = static_cast<int>(std::lround(842.0 * d.dpi / 72));
    Owned sheet(check(pixCreate(w, h, 8), "blank"));
    const double tilt = 0.004;  // the sheet edge drifts by 0.4 %
    const int left = d.dpi / 12;
    const int top = d.dpi / 15;
    for_each_grey(sheet.get(), [&](int x, int y, int) {
        const double ex = left + tilt * y;  // sheet's left edge at this row
        const double ey = top - tilt * x;   // sheet's top edge at this column
        const double dx = x - ex;
        const double dy = y - ey;
        if (dx < 0 || dy < 0) return 228.0;                     // the lid
        if (dx < 2.5 || dy < 2.5) return 205.0;                 // the sheet's edge
        if (dx < 9 || dy < 9) return 240.0 + std::min(dx, dy);  // its shadow, fading
        return 255.0;
    });
    return scan_page(sheet.get(), d, rng);
}

Pix* photograph_page(Pix* rendered, const Degradation& d, Rng& rng) {
    if (pixGetDepth(rendered) != 8) throw std::runtime_error("photograph_page wants 8-bit grey");
    if (d.threshold != 0 || d.levels != 256 || d.rotate != 0 || d.crop_to_content) {
        throw std::runtime_error("a photo is in colour, 8 bits a channel, upright, uncropped");
    }
    Owned page(check(pixCopy(nullptr, rendered), "copy"));
    if (d.blur > 0) page.reset(gaussian_blur(page.get(), d.blur));
    const int pw = pixGetWidth(page.get());
    const int ph = pixGetHeight(page.get());

    // A 3:4 photo, the sheet filling most of it.
    const int cw = static_cast<int>(pw * 1.14) & ~1;
    const int ch = static_cast<int>(cw * 4 / 3) & ~1;
    const int ox = (cw - pw) / 2;
    const int oy = (ch - ph) / 2;

    // Paper: warm white; ink: dark blue-grey.
    const int paper[3] = {236, 230, 214};
    const int ink[3] = {38, 40, 52};
    Owned flat(check(pixCreate(cw, ch, 32), "canvas"));
    Owned mask(check(pixCreate(cw, ch, 8), "mask"));
    {
        const int wpl = pixGetWpl(page.get());
        const l_uint32* src = pixGetData(page.get());
        for (int y = 0; y < ph; ++y) {
            for (int x = 0; x < pw; ++x) {
                const int v = GET_DATA_BYTE(src + static_cast<std::size_t>(y) * wpl, x);
                l_uint32 rgb = 0;
                composeRGBPixel(ink[0] + (paper[0] - ink[0]) * v / 255,
                                ink[1] + (paper[1] - ink[1]) * v / 255,
                                ink[2] + (paper[2] - ink[2]) * v / 255, &rgb);
                pixSetPixel(flat.get(), x + ox, y + oy, rgb);
                pixSetPixel(mask.get(), x + ox, y + oy, 255);
            }
        }
    }

    // Where the sheet lands: turned a little, narrower at the top (the phone is held
    // above the lower half of the sheet), not centred.
    const double angle = d.skew * k_pi / 180;
    const double cx = cw / 2.0 + cw * 0.012;
    const double cy = ch / 2.0 - ch * 0.008;
    const double keystone = 0.06;  // the top edge is 6 % narrower than the bottom
    struct P {
        double x, y;
    };
    const P corners[4] = {{-pw / 2.0 * (1 - keystone), -ph / 2.0},
                          {pw / 2.0 * (1 - keystone), -ph / 2.0},
                          {pw / 2.0 * (1 + keystone / 3), ph / 2.0},
                          {-pw / 2.0 * (1 + keystone / 3), ph / 2.0}};
    PTA* ptas = ptaCreate(4);
    PTA* ptad = ptaCreate(4);
    ptaAddPt(ptas, ox, oy);
    ptaAddPt(ptas, ox + pw, oy);
    ptaAddPt(ptas, ox + pw, oy + ph);
    ptaAddPt(ptas, ox, oy + ph);
    const double scale = 0.96;
    for (const P& c : corners) {
        const double x = scale * (c.x * std::cos(angle) - c.y * std::sin(angle));
        const double y = scale * (c.x * std::sin(angle) + c.y * std::cos(angle));
        ptaAddPt(ptad, static_cast<float>(cx + x), static_cast<float>(cy + y));
    }
    Owned warped(check(pixProjectivePtaColor(flat.get(), ptad, ptas, 0), "projective (sheet)"));
    Owned coverage(check(pixProjectivePtaGray(mask.get(), ptad, ptas, 0), "projective (mask)"));
    ptaDestroy(&ptas);
    ptaDestroy(&ptad);

    // The desk: dark wood, with a slow grain.
    const double grain_phase = rng.uniform() * 2 * k_pi;
    Owned photo(check(pixCreate(cw, ch, 32), "photo"));
    const int wwpl = pixGetWpl(warped.get());
    const int mwpl = pixGetWpl(coverage.get());
    const int owpl = pixGetWpl(photo.get());
    for (int y = 0; y < ch; ++y) {
        const l_uint32* wline = pixGetData(warped.get()) + static_cast<std::size_t>(y) * wwpl;
        const l_uint32* mline = pixGetData(coverage.get()) + static_cast<std::size_t>(y) * mwpl;
        l_uint32* oline = pixGetData(photo.get()) + static_cast<std::size_t>(y) * owpl;
        for (int x = 0; x < cw; ++x) {
            const double fx = double(x) / cw;
            const double fy = double(y) / ch;
            const double grain = 0.5 + 0.5 * std::sin(fy * 90 + 6 * std::sin(fx * 7 + grain_phase));
            const double desk[3] = {92 + 22 * grain, 62 + 14 * grain, 40 + 8 * grain};
            const double a = GET_DATA_BYTE(mline, x) / 255.0;
            l_int32 r = 0, g = 0, b = 0;
            extractRGBValues(wline[x], &r, &g, &b);
            const double lit = light(d.lighting, fx, fy, 0.8, 1.0);
            // A soft shadow of the phone across the lower left.
            const double sx = fx - 0.15;
            const double sy = fy - 0.95;
            const double shadow = 1.0 - 0.18 * std::exp(-(sx * sx + sy * sy) / 0.08);
            const double k = lit * shadow;
            const int n = static_cast<int>(d.noise * rng.gaussian());
            l_uint32 px = 0;
            composeRGBPixel(
                clamp_byte((a * r + (1 - a) * desk[0]) * k + n + d.noise * rng.gaussian() * 0.5),
                clamp_byte((a * g + (1 - a) * desk[1]) * k + n),
                clamp_byte((a * b + (1 - a) * desk[2]) * k + n + d.noise * rng.gaussian() * 0.5),
                &px);
            oline[x] = px;
        }
    }
    pixSetResolution(photo.get(), d.dpi, d.dpi);
    return photo.release();
}

std::string describe(const Degradation& d, Look look) {
    std::string s;
    auto add = [&](const std::string& part) {
        if (!s.empty()) s += ", ";
        s += part;
    };
    if (look == Look::phone) {
        add("phone photo, colour, about " + std::to_string(d.dpi) + " dpi on the sheet");
        add("perspective (top edge 6 % narrower), desk around the sheet");
        add("uneven light (" + number(d.lighting * 100, 0) + " % darker corner) and a shadow");
    } else {
        if (look == Look::blank) add("blank sheet, edge and lid visible");
        if (d.threshold > 0) {
            add("bilevel (threshold " + std::to_string(d.threshold) + ")");
        } else {
            add(d.levels == 16 ? "grey 4-bit" : "grey 8-bit");
        }
        if (d.lighting > 0) add("uneven light (" + number(d.lighting * 100, 0) + " %)");
        if (d.edge_shadow > 0) add("dark band on the right edge");
    }
    if (d.blur > 0) add("blur sigma " + number(d.blur, 1) + " px");
    if (d.grain > 0) add("paper grain sigma " + number(d.grain, 1));
    if (d.noise > 0) add("Gaussian noise sigma " + number(d.noise, 1));
    if (d.salt_pepper > 0) add("salt-and-pepper " + number(d.salt_pepper * 100, 2) + " %");
    if (d.specks > 0) add(std::to_string(d.specks) + " specks");
    if (d.skew != 0) add("skew " + number(d.skew, 1) + " deg");
    if (look != Look::phone && d.paper < 255) add("paper " + std::to_string(d.paper));
    if (d.crop_to_content) add("cropped to the written part");
    return s;
}

}  // namespace scans
