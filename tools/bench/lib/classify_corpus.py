"""Labelled corpora for the classification benchmark (tools/bench/classify).

* text-fr: the French legal articles of ../shared/corpus/text-fr, each labelled by the first
  three levels of its hierarchy (code / partie or livre / livre or titre: 88 leaves), turned
  into a plan (numeric codes, the French headings as titles, no hints) and a metadata
  spreadsheet for `ububiko file --metadata`.
* large: N synthetic records made from those articles (same labels), for the timings at
  10,000 records: each is an article with a deterministic share of its sentences dropped and
  sentences of other articles of the same leaf added, so that no two are identical.
"""

import csv
import os
import random
import re

DEPTH = 3
PLAN_HEADER = """plan:
  id: {id}
  version: 1
  title: {title}
  language: fr
  file_at_leaves_only: true
  required: [title]
nodes:
"""


def read_manifest(text_fr):
    with open(os.path.join(text_fr, "MANIFEST.tsv"), encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def truncated(row):
    parts = row["hierarchy"].split("/")
    titles = [t.strip() for t in row["hierarchy_titles"].split(" > ")]
    return tuple(parts[:DEPTH]), titles[:DEPTH]


def labelled(text_fr):
    """[(file, label path tuple, title)] and {path tuple: heading} for every article whose
    truncated path is a leaf (a few articles sit directly on a level that has sub-levels
    elsewhere in the sample: they are left out, as a plan files at leaves only)."""
    rows = read_manifest(text_fr)
    paths = {}
    headings = {}
    for r in rows:
        p, t = truncated(r)
        paths[r["file"]] = (p, r["title"])
        for i in range(len(p)):
            headings.setdefault(p[: i + 1], t[i] if i < len(t) else p[i])
    inner = {p[:i] for p, _ in paths.values() for i in range(1, len(p))}
    out = [(f, p, title) for f, (p, title) in sorted(paths.items()) if p not in inner]
    return out, headings


def number_tree(paths):
    """Numeric codes ("1", "1.2", "1.2.3") for every node of the tree of label paths, in
    sorted order of the path names."""
    nodes = sorted({p[: i + 1] for p in paths for i in range(len(p))})
    codes = {}
    counters = {}
    for n in nodes:
        parent = n[:-1]
        counters[parent] = counters.get(parent, 0) + 1
        codes[n] = (codes[parent] + "." if parent else "") + str(counters[parent])
    return codes


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_plan(path, plan_id, title, codes, headings):
    lines = [PLAN_HEADER.format(id=plan_id, title=yaml_str(title))]
    children = {}
    for n in codes:
        children.setdefault(n[:-1], []).append(n)

    def emit(node, indent):
        pad = " " * indent
        heading = headings.get(node, node[-1])[:150] or node[-1]
        lines.append(f"{pad}- code: {yaml_str(codes[node])}\n")
        lines.append(f"{pad}  title: {yaml_str(heading)}\n")
        if len(node) == 1:
            lines.append(f"{pad}  retention: {{years: 10, from: document_date}}\n")
            lines.append(f"{pad}  disposition: keep\n")
            lines.append(f"{pad}  access: public\n")
        kids = sorted(children.get(node, []), key=lambda k: [int(x) for x in codes[k].split(".")])
        if kids:
            lines.append(f"{pad}  children:\n")
            for k in kids:
                emit(k, indent + 4)

    for top in sorted(children.get((), []), key=lambda k: int(codes[k])):
        emit(top, 2)
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(lines))


def write_metadata(path, rows):
    """rows: [(file name, code, title)]"""
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "code", "date", "type", "direction", "correspondent", "title", "reference", "access"])
        for name, code, title in rows:
            w.writerow([name, code, "", "", "", "", title, "", ""])


def text_fr(text_fr_dir, out_dir):
    """Writes plan.yaml and metadata.csv for the articles into out_dir. Returns
    (plan path, metadata path, [article paths], {file name: code})."""
    os.makedirs(out_dir, exist_ok=True)
    docs, headings = labelled(text_fr_dir)
    codes = number_tree([p for _, p, _ in docs])
    plan = os.path.join(out_dir, "plan.yaml")
    write_plan(plan, "codes-juridiques", "Articles des codes juridiques (3 niveaux)", codes, headings)
    meta = os.path.join(out_dir, "metadata.csv")
    rows = [(os.path.basename(f), codes[p], title) for f, p, title in docs]
    write_metadata(meta, rows)
    files = [os.path.join(text_fr_dir, f) for f, _, _ in docs]
    return plan, meta, files, {os.path.basename(f): codes[p] for f, p, _ in docs}


SENTENCE = re.compile(r"(?<=[.;:])\s+")


def large(text_fr_dir, out_dir, n, seed):
    """n synthetic articles in out_dir/docs with plan.yaml and metadata.csv; reused when
    already there for the same n and seed."""
    stamp = os.path.join(out_dir, "STAMP")
    want = f"{n} {seed} 1\n"
    plan = os.path.join(out_dir, "plan.yaml")
    meta = os.path.join(out_dir, "metadata.csv")
    docs_dir = os.path.join(out_dir, "docs")
    if os.path.exists(stamp) and open(stamp).read() == want:
        return plan, meta, sorted(os.path.join(docs_dir, f) for f in os.listdir(docs_dir))
    os.makedirs(docs_dir, exist_ok=True)
    for f in os.listdir(docs_dir):
        os.remove(os.path.join(docs_dir, f))
    docs, headings = labelled(text_fr_dir)
    codes = number_tree([p for _, p, _ in docs])
    write_plan(plan, "codes-juridiques", "Articles des codes juridiques (3 niveaux)", codes, headings)
    by_leaf = {}
    texts = {}
    for f, p, title in docs:
        with open(os.path.join(text_fr_dir, f), encoding="utf-8") as fh:
            body = fh.read().split("\n", 2)[-1]
        texts[f] = [s for s in SENTENCE.split(body.strip()) if s]
        by_leaf.setdefault(p, []).append(f)
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        f, p, title = docs[i % len(docs)]
        sentences = [s for s in texts[f] if rng.random() > 0.25] or texts[f][:1]
        other = rng.choice(by_leaf[p])
        if texts[other]:
            sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(texts[other]))
        name = f"synth-{i:05d}.txt"
        with open(os.path.join(docs_dir, name), "w", encoding="utf-8") as fh:
            fh.write(f"# {title}\n\n" + " ".join(sentences) + f"\n\nExemplaire {i}.\n")
        rows.append((name, codes[p], title))
    write_metadata(meta, rows)
    with open(stamp, "w") as fh:
        fh.write(want)
    return plan, meta, sorted(os.path.join(docs_dir, f) for f in os.listdir(docs_dir))
