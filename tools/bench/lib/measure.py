"""Running a program and measuring it: wall time, CPU time, peak memory.

Two memory figures, because the three tools spread their work differently (ububiko and
recoll over worker processes or threads, omindex over forked pdftotext):
  * peak_tree_mb: the largest total PSS (proportional set size: shared pages divided
    among the processes sharing them) of the process and all its descendants, sampled
    every 50 ms from /proc. This is what the machine had to provide.
  * maxrss_mb: the largest resident set of any single process of the tree, from the
    kernel's rusage (what GNU time -v reports as "Maximum resident set size").
CPU time (user + system) includes every descendant that was waited for; cpu/wall says
how many cores the tool kept busy on average.
"""

import os
import sys
import threading
import time

PAGE = os.sysconf("SC_PAGE_SIZE")


def _children(pid):
    kids = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                kids += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return kids


def _tree(pid):
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += _children(p)
    return out


def rss_kb(pid):
    """Resident set of one process (VmRSS) in KB, 0 when it has gone."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE // 1024
    except (OSError, IndexError, ValueError):
        return 0


def _pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return rss_kb(pid)


class Progress:
    """One status line: rewritten in place on a terminal, printed every 10 s otherwise."""

    def __init__(self, label, stream=sys.stderr):
        self.label, self.stream = label, stream
        self.tty = stream.isatty()
        self.last = 0.0

    def update(self, text, force=False):
        now = time.monotonic()
        if self.tty:
            self.stream.write(f"\r\x1b[K  {self.label}: {text}")
            self.stream.flush()
        elif force or now - self.last >= 10:
            self.stream.write(f"  {self.label}: {text}\n")
            self.stream.flush()
            self.last = now

    def done(self, text):
        if self.tty:
            self.stream.write("\r\x1b[K")
        self.stream.write(f"  {self.label}: {text}\n")
        self.stream.flush()


def run(argv, label, cwd=None, env=None, stdout_path=None, count_lines_of=None, total=None, interval=0.05):
    """Runs argv to completion and measures it.

    stdout and stderr go to stdout_path (or /dev/null). When count_lines_of is a file
    path, its line count is shown as progress (out of total). Returns a dict with
    rc, wall_s, cpu_s, cores, maxrss_mb, peak_tree_mb and timeline (seconds, MB) pairs.
    """
    import subprocess

    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    progress = Progress(label)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    peak, timeline, stop = [0], [], threading.Event()

    def sample():
        last_shown = 0.0
        while not stop.is_set():
            kb = sum(_pss_kb(p) for p in _tree(proc.pid))
            t = time.perf_counter() - start
            peak[0] = max(peak[0], kb)
            if not timeline or t - timeline[-1][0] >= 0.5:
                timeline.append((round(t, 2), round(kb / 1024, 1)))
            if t - last_shown >= 0.5:
                done = ""
                if count_lines_of:
                    try:
                        with open(count_lines_of, "rb") as f:
                            done = f"{sum(1 for _ in f)}/{total} " if total else f"{sum(1 for _ in f)} lines "
                    except OSError:
                        pass
                progress.update(f"{done}{t:.1f} s, {kb / 1024:.0f} MB")
                last_shown = t
            stop.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if stdout_path:
        out.close()
    cpu = ru.ru_utime + ru.ru_stime
    result = {
        "rc": proc.returncode,
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "cores": round(cpu / wall, 2) if wall else 0,
        "maxrss_mb": round(ru.ru_maxrss / 1024, 1),
        "peak_tree_mb": round(peak[0] / 1024, 1),
        "timeline": timeline,
    }
    progress.done(f"{wall:.1f} s wall, {cpu:.1f} s CPU ({result['cores']} cores), peak {result['peak_tree_mb']} MB"
                  + ("" if proc.returncode == 0 else f", exit {proc.returncode}"))
    return result


def dir_size_mb(path):
    """Apparent size of every file under path, in MB."""
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return round(total / 1e6, 2)


def percentile(values, q):
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(-(-q * len(s) // 100)) - 1))
    return s[k]


def median(values):
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


class OtherLoad:
    """How busy other programs kept the CPUs while the benchmark ran, in cores on average.

    All CPU time the kernel counted (/proc/stat), minus this process's and its waited-for
    children's own time, over the wall time. The load average cannot tell the benchmark's
    own work from anybody else's; this can.
    """

    def __init__(self):
        self.start = (self._busy_s(), self._own_s(), time.monotonic())

    @staticmethod
    def _busy_s():
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
        return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")

    @staticmethod
    def _own_s():
        t = os.times()
        return t.user + t.system + t.children_user + t.children_system

    def cores(self):
        busy, own, t0 = self.start
        wall = time.monotonic() - t0
        other = (self._busy_s() - busy) - (self._own_s() - own)
        return round(max(0.0, other) / wall, 2) if wall > 0 else 0.0


class Periodic:
    """Calls self.sample() every `every` seconds in a thread, from start() until stop()."""

    def __init__(self, every):
        self.every = every
        self.samples = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join()
        return self.samples

    def _run(self):
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.every)
