"""The goals of tools/bench/ocr and its printed report."""


def _ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


def goals(r, goal_throughput, goal_cores, goal_memory, recall_margin):
    """Each goal of issue 3 §4: what is measured, the target, the value, met or not."""
    out = []

    def add(name, value, target, met, detail):
        out.append({"goal": name, "value": value, "target": target, "met": bool(met), "detail": detail})

    main = r["runs"]["main"]
    u, t = main["ububiko"], main["tesseract"]
    large = r["runs"].get("large") or {}
    v = _ratio(u["pages_per_min"], t["pages_per_min"])
    detail = f"pages/min ububiko {u['pages_per_min']} / tesseract {t['pages_per_min']} on {u['pages']} pages"
    if large:
        detail += (f"; large batch {large['ububiko']['pages_per_min']} / {large['tesseract']['pages_per_min']} = "
                   f"{_ratio(large['ububiko']['pages_per_min'], large['tesseract']['pages_per_min'])}")
    add(f"throughput within {round((1 - goal_throughput) * 100)} % of the tesseract command line", v,
        f">= {goal_throughput}", v is not None and v >= goal_throughput, detail)

    busy = min(r["jobs"], r["machine"]["cores"])
    want = round(goal_cores * busy, 2)
    add(f"{'both cores' if busy == 2 else f'{busy} cores'} busy (CPU/wall)", u["cores"], f">= {want}",
        u["cores"] >= want, f"ububiko {u['cores']}, tesseract {t['cores']} (--jobs {r['jobs']})")

    if large:
        lu = large["ububiko"]
        v = _ratio(lu["peak_tree_rss_mb"], u["peak_tree_rss_mb"])
        add("memory flat as the batch grows", v, f"<= {goal_memory}", v is not None and v <= goal_memory,
            f"peak RSS of ububiko's whole tree (workers included), {lu['pages']} pages {lu['peak_tree_rss_mb']} MB / "
            f"{u['pages']} pages {u['peak_tree_rss_mb']} MB (PSS {lu['peak_tree_mb']} / {u['peak_tree_mb']} MB)")

    ur, tr = u["recall"]["all"], t["recall"]["all"]
    add("reads as many words as tesseract (sanity)", ur, f">= {round(tr - recall_margin, 4)}",
        ur is not None and tr is not None and ur >= tr - recall_margin,
        f"word recall against the source text: ububiko {ur}, tesseract {tr}")
    return out


def _row(label, values, width=17):
    return f"  {label:<40}" + "".join(f"{'' if v is None else v:>{width}}" for v in values)


def _pct(x):
    return "–" if x is None else f"{x * 100:.1f} %"


def _table(title, u, t):
    lines = [title.ljust(42) + f"{'ububiko intake':>17}{'tesseract CLI':>17}"]
    pair = (u, t)
    lines.append(_row("files / pages", [f"{x['files']} / {x['pages']}" for x in pair]))
    lines.append(_row("wall time (s)", [x["wall_s"] for x in pair]))
    lines.append(_row("pages/min", [x["pages_per_min"] for x in pair]))
    lines.append(_row("CPU time (s)", [x["cpu_s"] for x in pair]))
    lines.append(_row("CPU s per page", [x["cpu_s_per_page"] for x in pair]))
    lines.append(_row("cores kept busy (CPU/wall)", [x["cores"] for x in pair]))
    lines.append(_row("peak memory, whole tree (MB RSS)", [x["peak_tree_rss_mb"] for x in pair]))
    lines.append(_row("peak memory, whole tree (MB PSS)", [x["peak_tree_mb"] for x in pair]))
    lines.append(_row("max RSS of one process (MB)", [x["maxrss_mb"] for x in pair]))
    lines.append(_row("word recall (sanity)", [_pct(x["recall"]["all"]) for x in pair]))
    lines.append(_row("pages read under 90 %", [x["recall"]["pages_under_90"] for x in pair]))
    lines.append(_row("words read (known words)", [f"{x['recall']['read_words']} ({x['recall']['known_words']})"
                                                   for x in pair]))
    lines.append(_row("searchable PDFs (per file / per page)", [u.get("searchable_pdfs"), t.get("searchable_pdfs")]))
    lines.append(_row("exit status", [x["rc"] for x in pair]))
    lines.append(_row("ububiko ÷ tesseract, pages/min", [_ratio(u["pages_per_min"], t["pages_per_min"])]))
    if len(u.get("rounds_wall_s", [])) > 1:
        lines.append(f"  wall time of each round (s): ububiko {u['rounds_wall_s']}, tesseract {t['rounds_wall_s']}")
    if t.get("page_wall_s"):
        lines.append(f"  tesseract, one page: median {t['page_wall_s']['median']} s wall, "
                     f"{t['page_cpu_s_median']} s CPU, at most {t['page_wall_s']['max']} s; "
                     f"largest process {t['page_maxrss_mb']} MB RSS")
    o = u.get("orientation_right")
    if o:
        lines.append(f"  ububiko turned {o[0]} of {o[1]} pages the right way up; mean OCR confidence "
                     f"{u.get('mean_confidence')}")
    kinds = sorted(set(u["recall"]["by_kind"]) | set(t["recall"]["by_kind"]))
    lines.append("  word recall by kind:  " + "; ".join(
        f"{k} {_pct(u['recall']['by_kind'].get(k))} / {_pct(t['recall']['by_kind'].get(k))}" for k in kinds)
        + "  (ububiko / tesseract)")
    lines.append(f"  word recall, upright pages {_pct(u['recall']['upright'])} / {_pct(t['recall']['upright'])}; "
                 f"turned pages {_pct(u['recall']['turned'])} / {_pct(t['recall']['turned'])}")
    for x in pair:
        if x.get("error"):
            lines.append(f"  ERROR ({x['tool']}): {x['error']}")
        if x.get("failed_pages"):
            lines.append(f"  ERROR: tesseract failed on {x['failed_pages']} pages")
        rep = x.get("reported")
        if rep and (rep.get("failed") or rep.get("duplicates") or rep.get("filed") != x["files"]):
            lines.append(f"  WARNING: ububiko reported {rep}")
    return lines


def _at_fractions(timeline, fractions=(0.25, 0.5, 0.75, 1.0)):
    """Tree PSS (MB) at fractions of a run's timeline: the largest sample up to each point."""
    if not timeline:
        return []
    end = timeline[-1][0]
    return [max((mb for t, mb in timeline if t <= f * end), default=0) for f in fractions]


def text(r):
    m, s = r["machine"], r["scans"]
    runs = r["runs"]

    def describe(b):
        kinds = ", ".join(f"{k} {v[0]} files/{v[1]} pages" for k, v in sorted(b["kinds"].items()))
        rot = b["rotations"]
        return (f"{b['pages']} pages in {b['files']} files ({b['mb']} MB): {kinds}; pages turned "
                f"180° {rot.get('180', rot.get(180, 0))}, 90° {rot.get('90', rot.get(90, 0))}, "
                f"270° {rot.get('270', rot.get(270, 0))}")

    lines = [
        f"ububiko OCR benchmark — {r['started']}",
        f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; load average at start {r['load_at_start'][0]}; "
        f"other programs used {r['other_programs_cores']} cores on average during the run",
        "versions: " + "; ".join(f"{k} {v}" for k, v in r["versions"].items()),
        f"scan set (seed {r['seed']}, 300 dpi, bilevel or grey, skew within ±2°):",
        f"  main batch: {describe(s['main'])}",
        f"  large batch: {describe(s['large'])}",
        f"ububiko: ububiko --archive FRESH intake FILES... --code 2.2.1 --jobs {r['jobs']} --json "
        f"(OCR {r['languages']}, orientation, deskew, blank pages, searchable.pdf per record, filed and indexed)",
        f"tesseract: tesseract PAGE OUT -l {r['languages']} --psm 1 txt pdf, {r['jobs']} at a time, OMP_THREAD_LIMIT=1, "
        "one run per page image (the same pixels)",
    ]
    if r["other_programs_cores"] > 0.2:
        lines.append("WARNING: other programs were using the CPUs during the run: timings are noisy.")
    rounds = runs.get("rounds", 1)
    lines.append("")
    lines += _table(f"MAIN BATCH{'' if rounds == 1 else f' (fastest of {rounds} rounds)'}",
                    runs["main"]["ububiko"], runs["main"]["tesseract"])
    large = runs.get("large") or {}
    if large:
        lines.append("")
        lines += _table("LARGE BATCH (once)", large["ububiko"], large["tesseract"])
        u, lu = runs["main"]["ububiko"], large["ububiko"]
        lines.append("")
        lines.append(f"MEMORY TREND: ububiko's whole tree peaked at {u['peak_tree_rss_mb']} MB RSS for {u['pages']} "
                     f"pages, {lu['peak_tree_rss_mb']} MB for {lu['pages']} pages "
                     f"(×{_ratio(lu['peak_tree_rss_mb'], u['peak_tree_rss_mb'])}; PSS {u['peak_tree_mb']} → "
                     f"{lu['peak_tree_mb']} MB); max RSS of one process {u['maxrss_mb']} → {lu['maxrss_mb']} MB")
        lines.append("  largest tree PSS up to 25/50/75/100 % of the large run (MB): "
                     + " / ".join(str(x) for x in _at_fractions(lu["timeline"])))
    lines += ["", "GOALS"]
    for g in r["goals"]:
        lines.append(f"  {'met   ' if g['met'] else 'MISSED'}  {g['goal']}: {g['value']} (goal {g['target']}) — "
                     f"{g['detail']}")
    return "\n".join(lines)
