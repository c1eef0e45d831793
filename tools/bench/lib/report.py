"""The benchmark's goals and its printed report."""


def _ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


def goals(r, goal_mrr, goal_memory_growth):
    """Each goal of the issue: what is measured, the target, the value and whether it is met."""
    ing = r["ingest"]
    u, o, c = ing["ububiko"], ing["omindex"], ing["recoll"]
    out = []

    def add(name, value, target, met, detail):
        out.append({"goal": name, "value": value, "target": target, "met": bool(met), "detail": detail})

    v = _ratio(u["pdfs"]["pages_per_s"], o["pdfs"]["pages_per_s"])
    add("text PDFs at least twice as fast as omindex", v, ">= 2.0", v is not None and v >= 2.0,
        f"pages/s ububiko {u['pdfs']['pages_per_s']} / omindex {o['pdfs']['pages_per_s']}")
    v = _ratio(u["pdfs"]["pages_per_s"], c["pdfs"]["pages_per_s"])
    add("text PDFs faster than recollindex", v, "> 1.0", v is not None and v > 1.0,
        f"pages/s ububiko {u['pdfs']['pages_per_s']} / recollindex {c['pdfs']['pages_per_s']}")
    v = _ratio(u["texts"]["docs_per_s"], c["texts"]["docs_per_s"])
    add("short texts no slower than recollindex (each record fsynced)", v, ">= 1.0", v is not None and v >= 1.0,
        f"documents/s ububiko {u['texts']['docs_per_s']} / recollindex {c['texts']['docs_per_s']}")
    wp = r["latency"]["whole_process"]
    v = _ratio(wp["ububiko"]["median_ms"], wp["quest"]["median_ms"])
    add("whole-process search no slower than quest (median)", v, "<= 1.0", v is not None and v <= 1.0,
        f"median ms ububiko {wp['ububiko']['median_ms']} / quest {wp['quest']['median_ms']}"
        f" (p99 {wp['ububiko']['p99_ms']} / {wp['quest']['p99_ms']})")
    for kind, noun in (("texts", "texts"), ("pdfs", "PDFs")):
        big, small = u[f"{kind}_triple"], u[kind]
        v = _ratio(big["peak_tree_mb"], small["peak_tree_mb"])
        add(f"memory flat as the corpus grows ({noun})", v, f"<= {goal_memory_growth}",
            v is not None and v <= goal_memory_growth,
            f"peak memory filing {big['documents']} {noun} {big['peak_tree_mb']} MB / "
            f"{small['documents']} {noun} {small['peak_tree_mb']} MB")
    if "quality" in r:
        for variant, value in r["quality"]["mrr"]["ububiko"].items():
            add(f"MRR@10 {variant}", value, f">= {goal_mrr}", value >= goal_mrr,
                "60 known-item queries over 1500 articles")
    return out


def _row(label, values, width=14):
    return f"  {label:<34}" + "".join(f"{'' if v is None else v:>{width}}" for v in values)


def text(r, goal_mrr):
    m, corp, ing = r["machine"], r["corpus"], r["ingest"]
    names = ("ububiko", "omindex", "recoll")
    lines = [
        f"ububiko ingest-and-search benchmark — {r['started']}",
        f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; load average at start "
        f"{r['load_at_start'][0]}; other programs used {r['other_programs_cores']} cores on average during the run",
        "versions: " + "; ".join(f"{k} {v}" for k, v in r["versions"].items()),
        f"corpus (seed {r['seed']}, scale {r['scale']}): {corp['texts']} texts ({corp['texts_mb']} MB), "
        f"{corp['pdfs']} PDFs ({corp['pdfs_mb']} MB, {corp['pdf_pages']} pages, {corp['pdf_pages_min_max'][0]}–"
        f"{corp['pdf_pages_min_max'][1]} each; accents back from pdftotext: {corp['pdf_text_has_accents']})",
    ]
    if r["other_programs_cores"] > 0.2:
        lines.append("WARNING: other programs were using the CPUs during the run: timings are noisy.")
    rounds = ing.get("rounds", 1)
    lines += ["", ("INGEST" if rounds == 1 else f"INGEST (fastest of {rounds} rounds)").ljust(36) + "".join(f"{n:>14}" for n in ("ububiko", "omindex", "recollindex"))]
    for kind, title in (("texts", f"{corp['texts']} short texts"), ("pdfs", f"{corp['pdfs']} text PDFs")):
        runs = [ing[n][kind] for n in names]
        lines.append(f" {title}")
        lines.append(_row("wall time (s)", [x["wall_s"] for x in runs]))
        lines.append(_row("documents/s", [x["docs_per_s"] for x in runs]))
        if kind == "pdfs":
            lines.append(_row("pages/s", [x["pages_per_s"] for x in runs]))
        lines.append(_row("CPU time (s)", [x["cpu_s"] for x in runs]))
        lines.append(_row("cores kept busy (CPU/wall)", [x["cores"] for x in runs]))
        lines.append(_row("peak memory, whole tree (MB PSS)", [x["peak_tree_mb"] for x in runs]))
        lines.append(_row("max RSS of one process (MB)", [x["maxrss_mb"] for x in runs]))
        lines.append(_row("index size (MB) (2)", [x["index_mb"] for x in runs]))
        lines.append(_row("documents in the index (1)", [x["filed"] for x in runs]))
        lines.append(_row("exit status", [x["rc"] for x in runs]))
        u = runs[0]
        rate = "pages_per_s" if kind == "pdfs" else "docs_per_s"
        lines.append(_row(f"ububiko speed ÷ peer ({rate})", [None, _ratio(u[rate], runs[1][rate]),
                                                             _ratio(u[rate], runs[2][rate])]))
    lines.append(" (1) recoll also counts the top folder as a document. (2) ububiko files both sets into one archive:"
                 " its PDF figure is what the index grew by.")
    for kind, noun in (("texts", "texts"), ("pdfs", "PDFs")):
        points = [ing["ububiko"][k] for k in (f"{kind}_fifth", kind, f"{kind}_triple")]
        lines.append(f" memory trend: ububiko filing " + ", ".join(
            f"{p['documents']} {noun} peaked at {p['peak_tree_mb']} MB (max RSS {p['maxrss_mb']})" for p in points))
    lines.append(f" whole index: ububiko {ing['ububiko']['index_mb']} MB (archive with originals and text: "
                 f"{ing['ububiko']['archive_mb']} MB), omindex {ing['omindex']['index_mb']} MB, "
                 f"recoll {ing['recoll']['index_mb']} MB (stores document text)")
    lines.append(" how each uses the 2 cores: ububiko = one writer process + one extraction worker process per core,"
                 " records fsynced in groups;")
    lines.append("   omindex = one single-threaded process, forks pdftotext per PDF; recollindex = threads"
                 " (2 extract, 2 split, 1 index update), PDFs via rclpdf.py + pdftotext.")

    lat = r["latency"]
    wp = lat["whole_process"]
    lines += ["", f"SEARCH LATENCY ({len(lat['queries'])} queries, {lat['reps']} runs each, whole process, ms)"
              + " " * 2 + f"{'median':>10}{'p99':>10}"]
    for name, label in (("ububiko", "ububiko search --limit 10"), ("quest", "quest -s french -m 10"),
                        ("recollq", "recollq -s french -b -n 10")):
        lines.append(f"  {label:<66}{wp[name]['median_ms']:>10}{wp[name]['p99_ms']:>10}")
    starts = ", ".join(f"{k} {v} ms" for k, v in lat.get("process_start_ms", {}).items())
    lines.append(f"  (starting the program alone, median: {starts})")
    ip = lat.get("in_process", {})
    if "error" in ip:
        lines.append(f"  in process: unavailable ({ip['error']})")
    else:
        lines.append(f"  {'in process: ububiko Searcher::search, index open, with snippets':<66}"
                     f"{round(ip['median_ms'], 3):>10}{round(ip['p99_ms'], 3):>10}")
        lines.append(f"  {'in process: the same, without snippets':<66}"
                     f"{round(ip['median_ms_no_snippets'], 3):>10}{round(ip['p99_ms_no_snippets'], 3):>10}")
        lines.append(f"  (opening the Searcher: {round(ip['open_ms'], 2)} ms)")
        lines.append("  per query, median ms:" + " " * 24 + "".join(f"{h:>9}" for h in
                     ("ububiko", "quest", "recollq", "in proc", "no snip", "hits")))
        inproc = {q["query"]: q for q in ip["queries"]}
        for query in lat["queries"]:
            cells = [wp[n]["per_query_median_ms"][query] for n in ("ububiko", "quest", "recollq")]
            cells += [round(inproc[query]["median_ms"], 2), round(inproc[query]["median_ms_no_snippets"], 2),
                      lat["ububiko_totals"][query]]
            lines.append(f"    {query[:42]:<42}" + "".join(f"{c:>9}" for c in cells))

    if "quality" in r:
        q = r["quality"]
        variants = list(next(iter(q["mrr"].values())))
        lines += ["", f"SEARCH QUALITY (MRR@10, 60 known-item queries over {q['documents']} French legal articles)",
                  "  " + " " * 30 + "".join(f"{v:>18}" for v in variants)]
        for system, per in q["mrr"].items():
            lines.append(f"  {system:<30}" + "".join(f"{per[v]:>18}" for v in variants))
        lines.append(f"  number rule: {q['number_rule']}")
        lines.append("  omega: omindex keeps accents and elisions in its terms (no folding); quest's default operator"
                     " is OR, omega's web default is AND.")
        misses = [row for row in q["queries"] if row["ububiko"]["rank"] != 1]
        if misses:
            lines.append(f"  ububiko queries whose document is not first ({len(misses)}):")
            for row in misses:
                rank = row["ububiko"]["rank"] or "—"
                lines.append(f"    {row['qid']} [{row['variant']}] «{row['query']}» wants {row['relevant']}: rank {rank};"
                             f" top {', '.join(row['ububiko']['top']) or 'nothing'}")

    lines += ["", "GOALS"]
    for g in r["goals"]:
        lines.append(f"  {'met   ' if g['met'] else 'MISSED'}  {g['goal']}: {g['value']} (target {g['target']}; "
                     f"{g['detail']})")
    return "\n".join(lines)
