"""The scan set of tools/bench/ocr: which pages, spoilt how, in which files.

One random.Random(seed) draws a stack of documents from the pages of samples/*.pdf (44
pages of French administrative documents whose text poppler knows), until the main batch
has exactly N pages; drawing goes on, from the same generator, until 3N pages: that whole
stack is the large batch (the main batch is its first part). A scanner at 300 dpi, as a
commune's multifunction printer gives:

  kind        share  file                                   page look
  png-bw       22 %  PNG, 1 bit                             bilevel
  png-grey     12 %  PNG, 8 or 4 bit grey                   grey
  tiff         18 %  TIFF, CCITT G4, one page               bilevel
  jpeg         15 %  JPEG, grey                             grey
  tiff-multi   11 %  TIFF, CCITT G4, 2–3 pages              bilevel
  pdf-g4       11 %  image-only PDF, CCITT G4 pages, 1–3    bilevel
  pdf-jpeg     11 %  image-only PDF, JPEG pages, 1–3        grey

bilevel: blur 0.7–0.9 px, paper 245, ink 30, Gaussian noise 6, threshold 140–160, salt and
pepper 0.02 %, 25 specks (gen-scans' "bilevel_300"). grey: blur 0.6–0.8 px, paper 232–240,
ink 35–45, noise 2–4, paper grain 3, uneven light 8 %, 40 specks; JPEG quality 55–70.
Every page is skewed by -2.0 to +2.0 degrees (uniform, 0.1 steps) and turned: 8 % half a
turn, 4 % a quarter clockwise, 4 % anticlockwise. Each document has its own noise seed, so
no two files are alike (the benchmark checks their SHA-256). No blank pages: they would
measure ububiko's blank-page test, not OCR.

tools/bench/cpp/ocr_scans.cpp renders and spoils the pages (with tools/gen-scans' code).
"""

import os
import random
import re
import subprocess
import unicodedata

KINDS = [  # kind, weight, file extension, look, pages (min, max)
    ("png-bw", 22, ".png", "bilevel", (1, 1)),
    ("png-grey", 12, ".png", "grey", (1, 1)),
    ("tiff", 18, ".tif", "bilevel", (1, 1)),
    ("jpeg", 15, ".jpg", "grey", (1, 1)),
    ("tiff-multi", 11, ".tif", "bilevel", (2, 3)),
    ("pdf-g4", 11, ".pdf", "bilevel", (1, 3)),
    ("pdf-jpeg", 11, ".pdf", "grey", (1, 3)),
]
SPEC_KIND = {".png": "png", ".tif": "tiff", ".jpg": "jpeg", ".pdf": "pdf"}
FIELDS = ("dpi", "blur", "skew", "paper", "ink", "noise", "grain", "salt_pepper", "lighting", "threshold",
          "specks", "levels", "rotate", "quality")


def source_pages(samples):
    """Every (pdf name, page) of samples/*.pdf, in name order."""
    out = []
    for name in sorted(os.listdir(samples)):
        if not name.endswith(".pdf"):
            continue
        info = subprocess.run(["pdfinfo", os.path.join(samples, name)], capture_output=True, text=True).stdout
        m = re.search(r"^Pages:\s+(\d+)", info, re.M)
        for page in range(1, int(m.group(1)) + 1 if m else 1):
            out.append((name, page))
    return out


def slug(name):
    s = unicodedata.normalize("NFKD", os.path.splitext(name)[0]).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")[:28]


def page_look(look, rng):
    if look == "bilevel":
        d = dict(dpi=300, blur=rng.choice((0.7, 0.8, 0.9)), paper=245, ink=30, noise=6, grain=0, salt_pepper=0.0002,
                 lighting=0, threshold=rng.choice((140, 150, 160)), specks=25, levels=256, quality=70)
    else:
        d = dict(dpi=300, blur=rng.choice((0.6, 0.7, 0.8)), paper=rng.choice((232, 236, 240)),
                 ink=rng.choice((35, 40, 45)), noise=rng.choice((2, 3, 4)), grain=3, salt_pepper=0, lighting=0.08,
                 threshold=0, specks=40, levels=256, quality=rng.choice((55, 60, 70)))
    d["skew"] = round(rng.uniform(-2.0, 2.0), 1)
    r = rng.random()
    d["rotate"] = 180 if r < 0.08 else 90 if r < 0.12 else 270 if r < 0.16 else 0
    return d


def draw(samples, pages_main, seed):
    """The stack: a list of documents, each {file, kind, pages: [{source, page, d}], seed,
    main: bool}. The main batch is exactly pages_main pages, the whole stack 3 × that."""
    rng = random.Random(seed)
    pool = source_pages(samples)
    deck = []

    def next_source():
        if not deck:
            deck.extend(rng.sample(pool, len(pool)))
        return deck.pop()

    docs, total, target = [], 0, 3 * pages_main
    weights = [k[1] for k in KINDS]
    while total < target:
        kind, _, ext, look, (lo, hi) = rng.choices(KINDS, weights)[0]
        n = rng.randint(lo, hi)
        boundary = pages_main if total < pages_main else target
        n = min(n, boundary - total)
        pages = []
        first = next_source()
        pages.append(first)
        for _ in range(n - 1):
            # A multi-page document continues its source when it can, else takes the next sheet.
            name, page = pages[-1]
            if (name, page + 1) in pool:
                nxt = (name, page + 1)
                if nxt in deck:
                    deck.remove(nxt)
            else:
                nxt = next_source()
            pages.append(nxt)
        if kind == "png-grey":
            levels = rng.choice((256, 16))
        i = len(docs) + 1
        doc = {"file": f"b{i:03d}-{slug(first[0])}{ext}", "kind": kind, "seed": seed * 1000 + i,
               "main": total < pages_main, "pages": []}
        for name, page in pages:
            d = page_look(look, rng)
            if kind == "png-grey":
                d["levels"] = levels
            doc["pages"].append({"source": name, "page": page, "d": d})
        docs.append(doc)
        total += n
    return docs


def spec_lines(docs):
    """The tab-separated spec ocr_scans reads: one line per page."""
    out = []
    for doc in docs:
        ext = os.path.splitext(doc["file"])[1]
        for p in doc["pages"]:
            d = p["d"]
            out.append("\t".join([doc["file"], SPEC_KIND[ext], p["source"], str(p["page"]), str(doc["seed"])]
                                 + [str(d[f]) for f in FIELDS]))
    return out


def describe(docs):
    """{kind: [files, pages]} and the rotations, for the report."""
    kinds, turned = {}, {0: 0, 90: 0, 180: 0, 270: 0}
    for doc in docs:
        k = kinds.setdefault(doc["kind"], [0, 0])
        k[0] += 1
        k[1] += len(doc["pages"])
        for p in doc["pages"]:
            turned[p["d"]["rotate"]] += 1
    return {"kinds": kinds, "rotations": turned}
