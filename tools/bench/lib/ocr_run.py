"""A measured run for tools/bench/ocr: lib/measure.py's run(), with what OCR batches need.

The same figures as measure.run() (wall; user + system CPU of the process and every
descendant it waited for, from wait4; the largest sum of PSS over the process tree, sampled
every 50 ms from /proc, with measure's own helpers; the largest RSS of one process), plus:
  * the largest sum of RSS over the process tree, sampled with the PSS (shared pages, such
    as libraries, counted once per process: what `ps` or `top` would add up);
  * stdout and stderr kept apart (ububiko intake --json prints its data on stdout);
  * progress from a callable (pages done, read from what the run has written so far), as
    `ububiko intake --json` prints nothing until it ends;
  * the tree's PSS over time kept every 0.5 s (the timeline), to see memory grow or not.
"""

import os
import subprocess
import threading
import time

import measure



def run(argv, label, env=None, cwd=None, stdout_path=None, stderr_path=None, progress=None, interval=0.05):
    """Runs argv to completion and measures it. progress() -> str is called every 0.5 s.
    Returns rc, wall_s, cpu_s, cores, maxrss_mb, peak_tree_mb (PSS), peak_tree_rss_mb,
    timeline [(s, PSS MB)]."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    err = open(stderr_path, "wb") if stderr_path else subprocess.DEVNULL
    shown = measure.Progress(label)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=err)
    peak, peak_rss, timeline, stop = [0], [0], [], threading.Event()

    def sample():
        last_shown = 0.0
        while not stop.is_set():
            tree = measure._tree(proc.pid)
            kb = sum(measure._pss_kb(p) for p in tree)
            peak_rss[0] = max(peak_rss[0], sum(measure.rss_kb(p) for p in tree))
            t = time.perf_counter() - start
            peak[0] = max(peak[0], kb)
            if not timeline or t - timeline[-1][0] >= 0.5:
                timeline.append((round(t, 2), round(kb / 1024, 1)))
            if t - last_shown >= 0.5:
                done = ""
                if progress:
                    try:
                        done = progress() + ", "
                    except OSError:
                        pass
                shown.update(f"{done}{t:.1f} s, {kb / 1024:.0f} MB")
                last_shown = t
            stop.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    rc = os.waitstatus_to_exitcode(status)
    proc.returncode = rc  # waited for here: Popen must not wait again
    for f in (out, err):
        if f is not subprocess.DEVNULL:
            f.close()
    cpu = ru.ru_utime + ru.ru_stime
    result = {
        "rc": rc,
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "cores": round(cpu / wall, 2) if wall else 0,
        "maxrss_mb": round(ru.ru_maxrss / 1024, 1),
        "peak_tree_mb": round(peak[0] / 1024, 1),
        "peak_tree_rss_mb": round(peak_rss[0] / 1024, 1),
        "timeline": timeline,
    }
    shown.done(f"{wall:.1f} s wall, {cpu:.1f} s CPU ({result['cores']} cores), peak {result['peak_tree_rss_mb']} MB RSS, "
               f"{result['peak_tree_mb']} MB PSS"
               + ("" if rc == 0 else f", exit {rc}"))
    return result
