"""The goals of tools/bench/web and its printed report."""


def goals(r, goal_p99_ms, goal_idle_mb):
    """Each goal: what is measured, the target, the value, met or not."""
    out = []

    def add(name, value, target, met, detail):
        out.append({"goal": name, "value": value, "target": target, "met": bool(met), "detail": detail})

    loads = r["loads"]
    api = [(k, loads[k]) for k in ("with_intake", "without_intake") if k in loads]
    errors = sum(x["errors"] for _, x in api)
    add("no errors under load", errors, "= 0", errors == 0,
        "; ".join(f"{LOAD_NAMES[k]}: {_errors_detail(x)}" for k, x in api))
    for k, x in api:
        p99 = x["latency_ms"].get("p99")
        add(f"p99 under {goal_p99_ms} ms, {LOAD_NAMES[k]}", p99, f"< {goal_p99_ms} ms",
            p99 is not None and p99 < goal_p99_ms,
            f"wrk --latency over {x['requests']} requests at {x['requests_per_s']} requests/s; "
            f"p50 {x['latency_ms'].get('p50')} ms, p90 {x['latency_ms'].get('p90')} ms, max {x['latency_ms'].get('max')} ms")
    idle = r["memory"]["idle"]
    worst = max(idle, key=lambda m: m["rss_mb"])
    add(f"idle memory under {goal_idle_mb} MB at {r['archive']['records']} records", worst["rss_mb"],
        f"< {goal_idle_mb} MB", worst["rss_mb"] < goal_idle_mb,
        "RSS of the server's process tree, " + ", ".join(f"{m['when']} {m['rss_mb']} MB" for m in idle)
        + f" (largest: {worst['when']}; PSS {worst['pss_mb']} MB)")
    return out


LOAD_NAMES = {"with_intake": "while an intake runs", "without_intake": "without intake",
              "html": "search page (HTML)"}


def _errors_detail(x):
    s = x["socket_errors"]
    return (f"socket errors connect {s['connect']}, read {s['read']}, write {s['write']}, timeout {s['timeout']}; "
            f"non-2xx or 3xx {x['non_2xx_3xx']}")


def _row(label, values, width=17):
    return f"  {label:<36}" + "".join(f"{'–' if v is None else v:>{width}}" for v in values)


def _loads_table(r):
    keys = [k for k in ("with_intake", "without_intake", "html") if k in r["loads"]]
    loads = [r["loads"][k] for k in keys]
    heads = {"with_intake": "with intake", "without_intake": "without intake", "html": "HTML page"}
    lines = ["SEARCH UNDER LOAD".ljust(38) + "".join(f"{heads[k]:>17}" for k in keys)]
    lat = lambda x, p: x["latency_ms"].get(p)
    exact = lambda x, f: round(x["exact"][f] / 1000, 2) if x.get("exact") else None
    lines.append(_row("path", ["/api/search" if k != "html" else "/search" for k in keys]))
    lines.append(_row("duration (s)", [x["duration_s"] for x in loads]))
    lines.append(_row("requests", [x["requests"] for x in loads]))
    lines.append(_row("requests/s", [x["requests_per_s"] for x in loads]))
    lines.append(_row("latency p50 (ms)", [lat(x, "p50") for x in loads]))
    lines.append(_row("latency p90 (ms)", [lat(x, "p90") for x in loads]))
    lines.append(_row("latency p99 (ms)", [lat(x, "p99") for x in loads]))
    lines.append(_row("latency p99.9 (ms, wrk's done())", [exact(x, "p99_9_us") for x in loads]))
    lines.append(_row("latency max (ms)", [lat(x, "max") for x in loads]))
    lines.append(_row("latency mean ± stdev (ms)", [f"{lat(x, 'mean')} ± {lat(x, 'stdev')}" for x in loads]))
    for e in ("connect", "read", "write", "timeout"):
        lines.append(_row(f"socket errors: {e}", [x["socket_errors"][e] for x in loads]))
    lines.append(_row("non-2xx or 3xx responses", [x["non_2xx_3xx"] for x in loads]))
    lines.append(_row("server CPU (cores busy)", [x["server_cores"] for x in loads]))
    lines.append(_row("wrk CPU (cores busy)", [x["wrk_cores"] for x in loads]))
    lines.append(_row("server peak memory (MB RSS)", [x["server_memory"]["peak_rss_mb"] for x in loads]))
    lines.append(_row("server peak memory (MB PSS)", [x["server_memory"]["peak_pss_mb"] for x in loads]))
    lines.append(_row("probe: searches / median ms", [f"{x['probe']['n']} / {x['probe'].get('median_ms')}" for x in loads]))
    lines.append(_row("probe: max ms / failed", [f"{x['probe'].get('max_ms')} / {x['probe'].get('failed')}" for x in loads]))
    return lines


def text(r, goal_list):
    m, a, s = r["machine"], r["archive"], r["setup"]
    lines = [f"ububiko web benchmark — {r['started']}",
             f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; load average at start "
             f"{r['load_at_start'][0]}; other programs used {r.get('other_programs_cores')} cores on average during the run",
             "versions: " + "; ".join(f"{k} {v}" for k, v in r["versions"].items()),
             f"archive: {a['records']} records (generated texts, seed {a['seed']}, code 2.2.1; "
             + (f"filed this run in {a['filing_s']} s, {a['batches']} batches" if a.get("filing_s") is not None
                else "reused from an earlier run") + f"), index {a['index_mb']} MB, texts {a['texts_mb']} MB",
             f"server: ububiko serve ARCHIVE --listen 127.0.0.1:0 (execs ububiko-web); user '{s['user']}' (archivist), "
             "signed in with POST /api/login",
             f"load: {s['wrk']} over {len(s['queries'])} queries in turn, each ?q=…&limit=10 with the session cookie; "
             f"wrk shares the {m['cores']} cores with the server",
             f"probe: one search every 0.1 s on a fresh connection from the benchmark, beside wrk", ""]
    lines += _loads_table(r)
    lines.append("")
    i = r["intake"]
    lines.append(f"INTAKE during the first load: {i['documents']} further texts, `{i['argv']}`, started "
                 f"{i['lead_s']} s before wrk")
    if i.get("wall_s") is not None:
        lines.append(f"  took {i['wall_s']} s wall, {i['cpu_s']} s CPU ({i['cores']} cores), exit {i['rc']}; "
                     f"filed {i['filed']}, duplicates {i['duplicates']}, failed {i['failed']}")
    lines.append(f"  still running when the load ended: {'yes' if i['running_at_load_end'] else 'no'}; "
                 f"documents filed by then: {i['filed_at_load_end']} of {i['documents']}; "
                 f"the intake covered {i['overlap_pct']} % of the load's {r['loads']['with_intake']['duration_s']} s")
    pd, pa = i.get("probe_during"), i.get("probe_after")
    if pd:
        lines.append(f"  probe while the intake ran: {pd['n']} searches, median {pd.get('median_ms')} ms, "
                     f"p90 {pd.get('p90_ms')} ms, max {pd.get('max_ms')} ms, failed {pd.get('failed')}")
    if pa:
        lines.append(f"  probe after it, same load: {pa['n']} searches, median {pa.get('median_ms')} ms, "
                     f"p90 {pa.get('p90_ms')} ms, max {pa.get('max_ms')} ms, failed {pa.get('failed')}")
    lines.append("")
    lines.append("SERVER MEMORY, idle (2 s after the last request), whole tree     RSS MB    PSS MB   threads")
    for x in r["memory"]["idle"]:
        lines.append(f"  {x['when']:<60}{x['rss_mb']:>9}{x['pss_mb']:>10}{x['threads']:>10}")
    lines.append("")
    w = r["warm_up"]
    lines.append(f"WARM-UP: {w['searches']} searches one at a time (urllib, new connection each), every query "
                 f"{w['rounds']} times: first {w['first_ms']} ms, median {w['median_ms']} ms, max {w['max_ms']} ms; "
                 f"non-200 {w['non_200']}")
    lines.append(f"  hits per query (the answer's total, an estimate above a few hundred): min {w['hits_min']}, median {w['hits_median']}, max {w['hits_max']}; "
                 f"relaxed (not every word found) {w['relaxed']}; no hit: {', '.join(w['no_hits']) or 'none'}")
    lines.append("")
    lines.append("GOALS")
    for g in goal_list:
        lines.append(f"  {'met   ' if g['met'] else 'MISSED'}  {g['goal']}: {g['value']} (goal {g['target']}) — {g['detail']}")
    return "\n".join(lines)
