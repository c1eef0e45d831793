"""Load on ububiko's web application for tools/bench/web: the queries, wrk and its output.

  * QUERIES: what a commune's staff would type into the search box, in the words of the
    generated corpus (lib/corpus.py), with and without accents, a few with the filters
    code:, année:/annee: and type:.
  * wrk_script(): a Lua script for wrk that sends the session cookie and rotates through
    the queries (each wrk thread from its own starting point); its done() prints one line
    WRK-JSON {...} with wrk's own exact counts and percentiles (in microseconds).
  * run_wrk(): runs wrk, measures its CPU time (wait4), parses the text it prints
    (Requests/sec, the --latency distribution, socket errors, non-2xx or 3xx responses)
    and the WRK-JSON line.
  * Probe: while a load runs, one search every 0.1 s on a fresh connection from this
    process, timed, so that the latency while an intake runs can be told from the latency
    after it (wrk only gives figures for the whole run).
"""

import http.client
import json
import os
import re
import time
import urllib.parse

import measure

QUERIES = [
    "marché", "marche central", "conseil communal", "procès-verbal conseil", "proces verbal reunion",
    "permis de bâtir", "permis batir parcelle", "taxe sur le bétail", "taxe betail", "quittance taxe marché",
    "vaccination rougeole", "paludisme centre de santé", "état civil naissance", "etat civil", "acte de naissance Gitega",
    "gouverneur rapport", "réhabilitation du marché", "eau potable", "litiges fonciers", "reboisement des collines",
    "latrines publiques", "vols de bétail", "sécurité zone", "note de service personnel", "FONIC financement",
    "Croix-Rouge", "école fondamentale Ngozi", "code:2.2.1 paludisme", "année:2020 conseil", "année:2023 quittance",
    "annee:2018 permis", "code:2.2 Kayanza", "type:quittance Muyinga",
]


def search_path(query, prefix="/api/search", limit=10):
    """The URL path of one search, the query URL-encoded as a browser's form does (no
    limit parameter when limit is None: the search page has its own page size)."""
    return f"{prefix}?q={urllib.parse.quote_plus(query)}" + ("" if limit is None else f"&limit={limit}")


def wrk_script(path, cookie, paths):
    """Writes the Lua script for wrk at path: the cookie on every request, paths in turn."""
    lua_paths = ",\n  ".join(json.dumps(p) for p in paths)  # JSON strings are valid Lua strings here (ASCII)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"""-- Written by tools/bench/web: searches in turn, with the session cookie.
wrk.headers["Cookie"] = {json.dumps(cookie)}
local paths = {{
  {lua_paths}
}}

-- Each thread starts at its own place in the list (setup runs in wrk's main state).
local threads = 0
function setup(thread)
  thread:set("first", threads * 7)
  threads = threads + 1
end

local i = 0
function init(args)
  i = first or 0
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {{"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "min_us": %d, "mean_us": %.1f, "max_us": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "p99_9_us": %d}}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.max, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9)))
end
""")
    return path


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}


def _ms(value, unit):
    return round(float(value) * _UNITS_MS[unit], 3)


def parse_wrk(text):
    """wrk's printed report -> dict (times in ms). Missing lines give None (errors: 0, as wrk
    prints the error lines only when there are errors)."""
    out = {"requests_per_s": None, "requests": None, "duration_s": None, "latency_ms": {},
           "socket_errors": {"connect": 0, "read": 0, "write": 0, "timeout": 0}, "non_2xx_3xx": 0, "exact": None}
    m = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    if m:
        out["requests_per_s"] = float(m.group(1))
    m = re.search(r"^\s+(\d+) requests in ([\d.]+)(us|ms|s|m|h),", text, re.M)
    if m:
        out["requests"] = int(m.group(1))
        out["duration_s"] = round(_ms(m.group(2), m.group(3)) / 1000, 2)
    m = re.search(r"^\s+Latency\s+([\d.]+)(us|ms|s|m|h)\s+([\d.]+)(us|ms|s|m|h)\s+([\d.]+)(us|ms|s|m|h)", text, re.M)
    if m:
        out["latency_ms"].update(mean=_ms(m.group(1), m.group(2)), stdev=_ms(m.group(3), m.group(4)),
                                 max=_ms(m.group(5), m.group(6)))
    for m in re.finditer(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m|h)\s*$", text, re.M):
        out["latency_ms"][f"p{m.group(1)}"] = _ms(m.group(2), m.group(3))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        out["socket_errors"] = dict(zip(("connect", "read", "write", "timeout"), (int(x) for x in m.groups())))
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if m:
        out["non_2xx_3xx"] = int(m.group(1))
    m = re.search(r"^WRK-JSON (\{.*\})\s*$", text, re.M)
    if m:
        out["exact"] = json.loads(m.group(1))
    out["errors"] = sum(out["socket_errors"].values()) + out["non_2xx_3xx"]
    return out


def run_wrk(url, script, duration_s, threads, connections, log_path):
    """Runs wrk --latency against url; returns parse_wrk()'s dict with the command line,
    wrk's exit status and CPU time, and the wall-clock start and end (time.monotonic())."""
    import subprocess
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration_s}s", "--latency",
            "-s", script, url]
    with open(log_path, "wb") as log:
        started = time.monotonic()
        proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
        try:
            _, status, ru = os.wait4(proc.pid, 0)
        except BaseException:  # Ctrl-C or SIGTERM of the benchmark: wrk goes too
            proc.kill()
            proc.wait()
            raise
        ended = time.monotonic()
        proc.returncode = os.waitstatus_to_exitcode(status)
    with open(log_path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    out = parse_wrk(text)
    out.update(argv=" ".join(argv[:-2] + ["SCRIPT", url]), rc=proc.returncode, started=started, ended=ended,
               wall_s=round(ended - started, 2), wrk_cpu_s=round(ru.ru_utime + ru.ru_stime, 2))
    return out


class Probe(measure.Periodic):
    """One timed search every `every` seconds on a fresh connection, in a thread, until stop()."""

    def __init__(self, host, port, cookie, paths, every=0.1):
        super().__init__(every)
        self.host, self.port, self.cookie, self.paths = host, port, cookie, paths
        self._next = 0  # samples: (time.monotonic(), ms, HTTP status or 0 for a connection error)

    def sample(self):
        path = self.paths[self._next % len(self.paths)]
        self._next += 1
        started = time.monotonic()
        try:
            c = http.client.HTTPConnection(self.host, self.port, timeout=10)
            c.request("GET", path, headers={"Cookie": self.cookie})
            r = c.getresponse()
            r.read()
            status = r.status
            c.close()
        except OSError:
            status = 0
        self.samples.append((started, round((time.monotonic() - started) * 1000, 2), status))


def summarize(samples):
    """Median, p90, max (ms) and failures of probe samples [(t, ms, status)]."""
    if not samples:
        return {"n": 0}
    ms = sorted(s[1] for s in samples)
    pick = lambda q: ms[max(0, min(len(ms) - 1, -(-q * len(ms) // 100) - 1))]  # nearest rank
    return {"n": len(ms), "median_ms": pick(50), "p90_ms": pick(90), "max_ms": ms[-1],
            "failed": sum(1 for s in samples if s[2] != 200)}
