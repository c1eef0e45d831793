"""`ububiko serve` under test, for tools/bench/web: started, signed in, measured, stopped.

The server is started with --listen 127.0.0.1:0 (the kernel picks a free port; the server
prints the URL it listens on). `ububiko serve` execs ububiko-web, so the process started
here is the server itself. Its memory is read from /proc like lib/measure.py does: the
sum of VmRSS over the process and its descendants (what `ps`/`top` add up), and the sum
of PSS (shared pages divided among sharers); its CPU time from /proc/PID/stat (all its
threads).
"""

import json
import os
import queue
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request

import measure

CLK_TCK = os.sysconf("SC_CLK_TCK")



class Server:
    def __init__(self, ububiko, archive, log_path, env=None):
        self.ububiko, self.archive, self.log_path, self.env = ububiko, archive, log_path, env
        self.proc, self.url, self.host, self.port, self.cookie = None, None, None, None, None

    def start(self, timeout_s=30):
        """Starts the server; returns its URL once it listens."""
        self._log = open(self.log_path, "w", encoding="utf-8")
        self.proc = subprocess.Popen([self.ububiko, "serve", self.archive, "--listen", "127.0.0.1:0"], env=self.env,
                                     stdout=subprocess.PIPE, stderr=self._log, text=True)
        lines = queue.Queue()

        def drain():  # keeps reading, so that the server never blocks on a full pipe
            for line in self.proc.stdout:
                self._log.write(line)
                self._log.flush()
                lines.put(line)
            lines.put(None)

        threading.Thread(target=drain, daemon=True).start()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.2)
            except queue.Empty:
                continue
            if line is None:
                break
            m = re.search(r"http://([^\s:/]+):(\d+)", line)
            if m:
                self.url, self.host, self.port = m.group(0), m.group(1), int(m.group(2))
                return self.url
        self.stop()
        raise RuntimeError(f"ububiko serve did not print its URL within {timeout_s} s (see {self.log_path})")

    def login(self, username, password):
        """POST /api/login; keeps and returns the session cookie ("ububiko_session=...")."""
        body = json.dumps({"username": username, "password": password}).encode()
        req = urllib.request.Request(self.url + "/api/login", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            answer = json.load(r)
            cookies = r.headers.get_all("Set-Cookie") or []
        for c in cookies:
            m = re.match(r"\s*(ububiko_session=[^;]+)", c)
            if m:
                self.cookie = m.group(1)
                return self.cookie
        raise RuntimeError(f"no ububiko_session cookie in the login answer ({answer})")

    def get(self, path):
        """GET with the session cookie: (HTTP status, parsed JSON or text, milliseconds)."""
        req = urllib.request.Request(self.url + path, headers={"Cookie": self.cookie or ""})
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                status, raw, kind = r.status, r.read(), r.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            status, raw, kind = e.code, e.read(), e.headers.get("Content-Type", "")
        ms = (time.perf_counter() - started) * 1000
        text = raw.decode("utf-8", errors="replace")
        return status, (json.loads(text) if "json" in kind else text), ms

    def memory(self):
        """The server tree's memory now: RSS and PSS sums in MB, processes, threads."""
        tree = measure._tree(self.proc.pid)
        threads = 0
        for p in tree:
            try:
                threads += len(os.listdir(f"/proc/{p}/task"))
            except OSError:
                pass
        return {"rss_mb": round(sum(measure.rss_kb(p) for p in tree) / 1024, 1),
                "pss_mb": round(sum(measure._pss_kb(p) for p in tree) / 1024, 1),
                "processes": len(tree), "threads": threads}

    def cpu_s(self):
        """User + system CPU time of the server process so far (all its threads)."""
        try:
            with open(f"/proc/{self.proc.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / CLK_TCK
        except (OSError, IndexError, ValueError):
            return 0.0

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self, grace_s=10):
        """SIGTERM (the server finishes the requests under way), SIGKILL after grace_s.
        Returns the exit status, or None if it was not running."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(grace_s)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


class MemorySampler(measure.Periodic):
    """The server tree's RSS and PSS every `every` seconds in a thread, until stop()."""

    def __init__(self, server, every=0.25):
        super().__init__(every)
        self.server = server  # samples: (time.monotonic(), rss MB, pss MB)

    def stop(self):
        super().stop()
        rss = [s[1] for s in self.samples] or [0]
        pss = [s[2] for s in self.samples] or [0]
        return {"peak_rss_mb": max(rss), "peak_pss_mb": max(pss), "samples": len(self.samples)}

    def sample(self):
        m = self.server.memory()
        self.samples.append((time.monotonic(), m["rss_mb"], m["pss_mb"]))
