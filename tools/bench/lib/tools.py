"""The three tools under test, as command lines: ububiko, omega (omindex/quest), recoll.

Each indexer gets a fresh index per corpus folder. Settings that differ from the tools'
defaults, and why:
  * omindex --stemmer=french and quest -s french: both default to English; the index and
    the query must use the same stemmer, and these are French documents. recollq -s
    french likewise: recollq takes its query stemming language from the locale, so under
    C.UTF-8 it would expand no French plural.
  * recoll: indexstemminglanguages = french; noaspell = 1 (no aspell dictionary build;
    aspell is not installed anyway); idxniceprio = 0 and monioniceclass = 2: recollindex
    otherwise lowers itself to nice 19 and the idle I/O class, so on a machine doing
    anything else it waits, and its figures would measure the other load, not recoll.
    The configuration folder lives outside the indexed folder (and is in skippedPaths).
"""

import os
import re
import subprocess
import urllib.parse


def ububiko_init(ububiko, archive, plan):
    subprocess.run([ububiko, "init", archive, "--plan", plan, "--name", "Bench", "--code", "BCH"],
                   check=True, stdout=subprocess.DEVNULL)


def ububiko_file_argv(ububiko, archive, paths, code="2.2.1"):
    return [ububiko, "--archive", archive, "file", *paths, "--code", code]


def ububiko_search_argv(ububiko, archive, query, json_out=False):
    return [ububiko, "--archive", archive, "search", "--limit", "10", *(["--json"] if json_out else []), *query.split()]


def omindex_argv(db, folder):
    return ["omindex", "--db", db, "--url", "/", "--stemmer=french", folder]


def quest_argv(dbs, query, op=None):
    argv = ["quest"]
    for db in dbs:
        argv += ["-d", db]
    argv += ["-s", "french", "-m", "10"]
    if op:
        argv += ["-o", op]
    return argv + [query]


def recoll_config(confdir, folder):
    """Writes a fresh recoll configuration indexing folder; returns confdir."""
    os.makedirs(confdir, exist_ok=True)
    with open(os.path.join(confdir, "recoll.conf"), "w", encoding="utf-8") as f:
        f.write(f"topdirs = {folder}\n"
                f"skippedPaths = {confdir}\n"
                "indexstemminglanguages = french\n"
                "noaspell = 1\n"
                "idxniceprio = 0\n"
                "monioniceclass = 2\n"
                "loglevel = 1\n")
    return confdir


def recollindex_argv(confdir):
    return ["recollindex", "-c", confdir]


def recollq_argv(confdir, query, extra_dbs=()):
    argv = ["recollq", "-c", confdir]
    for db in extra_dbs:
        argv += ["-i", db]
    return argv + ["-s", "french", "-b", "-n", "10", query]


def parse_quest(stdout):
    """File names of quest's hits, in rank order (omindex stores url=/NAME)."""
    return [os.path.basename(line[4:].strip()) for line in stdout.splitlines() if line.startswith("url=")]


def parse_recollq(stdout):
    """File names of recollq -b hits, in rank order."""
    return [os.path.basename(urllib.parse.unquote(line.strip()[7:])) for line in stdout.splitlines()
            if line.startswith("file://")]


def xapian_doc_count(db):
    """Number of documents in a Xapian database (xapian-delve)."""
    try:
        out = subprocess.run(["xapian-delve", db], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    m = re.search(r"number of documents = (\d+)", out)
    return int(m.group(1)) if m else None


def version(argv):
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    text = (p.stdout + p.stderr).strip().splitlines()
    return text[0].strip() if text else "?"


def package_version(package):
    """Debian package version, or '?'."""
    p = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True)
    return p.stdout.strip() or "?"
