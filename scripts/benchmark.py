# SPDX-License-Identifier: GPL-3.0-or-later
# benchmark.py HERE BUILD [RUNS | soak [MINUTES]]: run by scripts/benchmark inside a virtual
# display and a session bus of their own. See scripts/benchmark for what it measures.
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

here, build = sys.argv[1], sys.argv[2]
args = sys.argv[3:]
kaitsu = os.path.join(build, "src", "kaitsu")
floor = os.path.join(build, "tests", "bench-floor")
mark = re.compile(r"(first-frame|loaded|signin-opened|signin-closed) (\d+)")
renderer_mark = re.compile(r"kaitsu-bench.*renderer (\w+)")


def now_us():
    return time.monotonic_ns() // 1000


def descendants(root):
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def tree_pss_kb(root):
    """PSS of a process and every descendant, and how many processes that is"""
    total, count = 0, 0
    for pid in descendants(root):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        count += 1
                        break
        except OSError:
            pass
    return total, count


def tree_pss_by_name(root):
    """PSS in MB of each kind of process in the tree (kaitsu, WebKitWebProcess, …)"""
    kinds = {}
    for pid in descendants(root):
        try:
            with open(f"/proc/{pid}/comm") as f:
                name = f.read().strip()
            with open(f"/proc/{pid}/smaps_rollup") as f:
                kb = next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except (OSError, StopIteration):
            continue
        kinds[name] = kinds.get(name, 0) + kb / 1024
    return kinds


def tree_fds(root):
    total = 0
    for pid in descendants(root):
        try:
            total += len(os.listdir(f"/proc/{pid}/fd"))
        except OSError:
            pass
    return total


class Run:
    """A program started now, its marks read from its output as they come"""

    def __init__(self, argv, env_extra=None):
        self.env = dict(os.environ)
        self.env.update({"GSETTINGS_BACKEND": "memory", "GSETTINGS_SCHEMA_DIR": os.path.join(build, "data"),
                         "XDG_STATE_HOME": tempfile.mkdtemp(prefix="kaitsu-bench-"),
                         "G_MESSAGES_DEBUG": "kaitsu-bench", "NO_AT_BRIDGE": "1"})
        self.env.update(env_extra or {})
        self.marks = {}
        self.windows = []
        self.lines = []
        self.started = now_us()
        self.proc = subprocess.Popen(argv, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, errors="replace")
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line)
            r = renderer_mark.search(line)
            if r:
                self.marks.setdefault("renderer", r.group(1))
            m = mark.search(line)
            if not m:
                continue
            name, value = m.group(1), int(m.group(2))
            self.marks.setdefault(name, value)
            if name == "signin-opened":
                self.windows.append([value, None])
            elif name == "signin-closed" and self.windows:
                self.windows[-1][1] = value

    def wait_mark(self, name, timeout=60):
        until = time.monotonic() + timeout
        while name not in self.marks:
            if self.proc.poll() is not None or time.monotonic() > until:
                raise SystemExit(f"{self.proc.args[0]}: no {name} mark; last output:\n" + "".join(self.lines[-10:]))
            time.sleep(0.005)
        return self.marks[name]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.reader.join(5)


def median(values):
    return statistics.median(values) if values else float("nan")


def p95(values):
    values = sorted(values)
    return values[max(0, int(round(0.95 * len(values))) - 1)] if values else float("nan")


def settle_pss(run, seconds=3.0):
    """The lowest of a few samples once the program is idle: what it keeps, not a passing peak"""
    time.sleep(seconds)
    samples = []
    for _ in range(5):
        samples.append(tree_pss_kb(run.proc.pid))
        time.sleep(0.2)
    return min(samples)


def kaitsu_renderer():
    """What Kaitsu draws with on this display: "cairo" when it chose cairo over software GL,
    else GTK's own choice (None). The floor is then run with the same, so that the ratios
    compare Kaitsu with its stack drawn the same way, not with the renderer Kaitsu avoids."""
    run = Run([kaitsu])
    run.wait_mark("first-frame")
    run.stop()
    return os.environ.get("GSK_RENDERER") or run.marks.get("renderer")


def startup_and_welcome(runs, floor_env):
    first = {"kaitsu": [], "floor": []}
    pss = {"kaitsu": [], "floor": []}
    procs = {"kaitsu": [], "floor": []}
    for _ in range(runs):
        for who, argv, env in (("kaitsu", [kaitsu], None), ("floor", [floor, "label"], floor_env)):
            run = Run(argv, env)
            first[who].append((run.wait_mark("first-frame") - run.started) / 1000)
            kb, count = settle_pss(run)
            pss[who].append(kb / 1024)
            procs[who].append(count)
            run.stop()
    return first, pss, procs


def floor_pages(runs, floor_env):
    """PSS of the floor showing the console and the sign-in pages, and how long it took from
    exec to both loaded: the speed of this machine today, which the absolute figures (the
    activation's seconds, detection's milliseconds) move with from one day to the next"""
    values, counts, loads = [], [], []
    for _ in range(runs):
        run = Run([floor, "pages"], floor_env)
        loads.append((run.wait_mark("loaded") - run.started) / 1000)
        kb, count = settle_pss(run, 2.0)
        values.append(kb / 1024)
        counts.append(count)
        run.stop()
    return values, counts, loads


def practice_run(sample):
    """One practice activation by the autopilot: its report, and PSS samples every 50 ms if asked"""
    report = tempfile.mktemp(prefix="kaitsu-bench-report-", suffix=".json")
    run = Run([kaitsu, "--demo", "--autopilot", "--quit-when-done", "--report", report])
    samples = []
    while run.proc.poll() is None:
        if sample:
            kb, count = tree_pss_kb(run.proc.pid)
            samples.append((now_us(), kb, count))
        time.sleep(0.05)
    run.reader.join(5)
    if run.proc.returncode != 0:
        raise SystemExit(f"practice activation ended with {run.proc.returncode}:\n" + "".join(run.lines[-10:]))
    with open(report) as f:
        data = json.load(f)
    os.unlink(report)
    return data, samples, run.windows


def activation(runs):
    """Practice activations, two kinds alternating: timed ones (window to finish, detections)
    with nothing else reading the processes, and ones with PSS sampled every 50 ms (reading
    smaps of eight processes that often slows the run on a small machine), whose peak while a
    sign-in window was open beside the console is the memory figure"""
    walls, sampled_walls, latencies, peaks, signin_peaks, counts = [], [], [], [], [], []
    for _ in range(runs):
        data, _, _ = practice_run(False)
        walls.append(data["elapsed_s"])
        latencies += [d["latency_ms"] for d in data["detections"]]
        data, samples, windows = practice_run(True)
        sampled_walls.append(data["elapsed_s"])
        peaks.append(max(kb for _, kb, _ in samples) / 1024)
        inside = [(kb, count) for t, kb, count in samples
                  if any(a <= t <= (b or t) for a, b in windows)]
        if inside:
            kb, count = max(inside)
            signin_peaks.append(kb / 1024)
            counts.append(count)
    return walls, sampled_walls, latencies, peaks, signin_peaks, counts


def classify():
    out = subprocess.run([os.path.join(build, "tests", "bench-classify"), os.path.join(here, "tests", "pages"), "200"],
                         capture_output=True, text=True, check=True).stdout
    m = re.search(r"reading a page median ([0-9.]+) us, p95 ([0-9.]+) us", out)
    if not m:
        raise SystemExit("bench-classify said:\n" + out)
    return f"median {float(m.group(1)) / 1000:.3f} ms, p95 {float(m.group(2)) / 1000:.3f} ms per page " \
           f"(target ≤ 0.2 ms)", float(m.group(1)) / 1000


def soak(minutes):
    """A practice console whose first sync never ends, its status changing every 100 ms (the
    real console's few changes an hour, thousands of times over); memory and open files
    sampled every ten seconds"""
    run = Run([kaitsu, "--demo", "--autopilot", "--scenario", "pending-stuck,status-churn"])
    run.wait_mark("first-frame")
    time.sleep(20)
    start = time.monotonic()
    rows = []
    kinds_first = tree_pss_by_name(run.proc.pid)
    while time.monotonic() - start < minutes * 60:
        if run.proc.poll() is not None:
            raise SystemExit("Kaitsu ended during the soak:\n" + "".join(run.lines[-10:]))
        kb, count = tree_pss_kb(run.proc.pid)
        rows.append((time.monotonic() - start, kb / 1024, count, tree_fds(run.proc.pid)))
        print(f"  {rows[-1][0]:6.0f} s  PSS {rows[-1][1]:7.1f} MB in {count} processes, {rows[-1][3]} open files",
              flush=True)
        time.sleep(10)
    kinds_last = tree_pss_by_name(run.proc.pid)
    run.stop()
    for name in sorted(kinds_last, key=lambda k: -kinds_last[k]):
        print(f"  {name:20s} {kinds_first.get(name, 0):7.1f} → {kinds_last[name]:7.1f} MB")
    quarter = max(1, len(rows) // 4)
    first = statistics.median(r[1] for r in rows[:quarter])
    last = statistics.median(r[1] for r in rows[-quarter:])
    print(f"soak: {minutes} min, PSS first quarter {first:.1f} MB, last quarter {last:.1f} MB, "
          f"growth {last - first:+.1f} MB; open files {rows[0][3]} → {rows[-1][3]}")


def main():
    if args and args[0] == "soak":
        soak(float(args[1]) if len(args) > 1 else 30)
        return
    runs = int(args[0]) if args else 5
    print(f"scripts/benchmark: {runs} runs of each, alternating; {os.cpu_count()} CPUs; "
          f"load {os.getloadavg()[0]:.2f}", flush=True)
    renderer = kaitsu_renderer()
    floor_env = {"GSK_RENDERER": renderer} if renderer else None
    print(f"Kaitsu draws with {renderer or 'GTK’s own choice of renderer'}; the floor draws the same way",
          flush=True)
    first, pss, procs = startup_and_welcome(runs, floor_env)
    pages, page_counts, page_loads = floor_pages(runs, floor_env)
    walls, sampled_walls, latencies, peaks, signin_peaks, signin_counts = activation(runs)
    classify_line, per_page_ms = classify()

    def line(label, value, base, unit, target):
        ratio = value / base if base else float("nan")
        print(f"{label:44s} {value:8.1f} {unit}  floor {base:8.1f} {unit}  ratio {ratio:5.2f}  (target ≤ {target})")
        return ratio

    print()
    r1 = line("exec to first frame (median)", median(first["kaitsu"]), median(first["floor"]), "ms", "1.15")
    r2 = line(f"PSS at the welcome page ({median(procs['kaitsu']):.0f} vs {median(procs['floor']):.0f} processes)",
              median(pss["kaitsu"]), median(pss["floor"]), "MB", "1.3")
    r3 = line(f"PSS, console and sign-in window ({median(signin_counts):.0f} vs {median(page_counts):.0f})",
              median(signin_peaks), median(pages), "MB", "1.2")
    print(f"{'PSS peak during a practice activation':44s} {median(peaks):8.1f} MB")
    print(f"{'the floor: exec to console and sign-in loaded':44s} {median(page_loads):8.1f} ms  "
          f"(this machine's speed today: the absolute figures below move with it)")
    print(f"{'practice activation, window to finish':44s} {median(walls):8.2f} s   (target ≤ 2 s), "
          f"runs: {', '.join(f'{w:.2f}' for w in walls)}; "
          f"×{median(walls) * 1000 / median(page_loads):.1f} the floor's two pages")
    print(f"{'  the same while sampling memory':44s} {median(sampled_walls):8.2f} s   "
          f"runs: {', '.join(f'{w:.2f}' for w in sampled_walls)}")
    print(f"{'detection latency':44s} median {median(latencies):.1f} ms, p95 {p95(latencies):.1f} ms "
          f"({len(latencies)} detections; target ≤ 5 / 15 ms)")
    print(f"{'reading a page':44s} {classify_line}")
    print()
    print(f"summary: first frame ×{r1:.2f}, welcome PSS ×{r2:.2f}, pages PSS ×{r3:.2f}, "
          f"activation {median(walls):.2f} s, detection {median(latencies):.1f}/{p95(latencies):.1f} ms, "
          f"page {per_page_ms if per_page_ms is not None else float('nan'):.3f} ms; floor pages loaded in "
          f"{median(page_loads):.0f} ms")


main()
