#!/usr/bin/env python3
"""Time from starting terminal programs to a marker appearing on their screen, in a real terminal,
several programs interleaved in one run so that they share the machine's noise.

Adapted from shared/tools/firstframe.py (one program per run) to run several programs in turn and
to wait for each program to be gone before the next starts.

usage: firstframe.py [-n RUNS] [--size 100x30] [-v] NAME MARKER CMD [NAME MARKER CMD ...]
CMD is one shell word list (quoted as one argument). Each program runs once unmeasured to warm
caches, then RUNS times, in turn with the others. Prints one line per program:
  NAME  median MS  min MS  max MS  (n=RUNS)
"""
import argparse, os, statistics, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("-n", type=int, default=7)
ap.add_argument("--size", default="100x30")
ap.add_argument("-v", action="store_true")
ap.add_argument("progs", nargs="+", help="NAME MARKER CMD triples")
a = ap.parse_args()
if len(a.progs) % 3:
    sys.exit("programs are given as NAME MARKER CMD triples")
progs = [tuple(a.progs[i:i + 3]) for i in range(0, len(a.progs), 3)]
cols, rows = a.size.split("x")
sock = tempfile.mktemp(prefix="ff-", dir="/tmp")
tm = ["tmux", "-S", sock]
env = "exec env TERM=xterm-256color LANG=ja_JP.UTF-8 "
subprocess.run(tm + ["new-session", "-d", "-s", "idle", "-x", cols, "-y", rows, "sleep 3600"], check=True)


def gone(pid, limit=5.0):
    t = time.perf_counter()
    while os.path.exists(f"/proc/{pid}") and time.perf_counter() - t < limit:
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().split(") ")[-1].startswith("Z"):
                    return
        except OSError:
            return
        time.sleep(0.005)


def once(name, marker, cmd, i):
    win = f"p{[q[0] for q in progs].index(name)}r{i}"  # a dot in a name would read as a pane
    t0 = time.perf_counter()
    subprocess.run(tm + ["new-window", "-d", "-t", "idle", "-n", win, env + cmd], check=True)
    pid = subprocess.run(tm + ["display", "-p", "-t", f"idle:{win}", "#{pane_pid}"], capture_output=True, text=True).stdout.strip()
    seen, out = None, ""
    while time.perf_counter() - t0 < 10:
        out = subprocess.run(tm + ["capture-pane", "-p", "-t", f"idle:{win}"], capture_output=True, text=True).stdout
        if marker in out:
            seen = time.perf_counter() - t0
            break
    subprocess.run(tm + ["kill-window", "-t", f"idle:{win}"], capture_output=True)
    if pid.isdigit():
        gone(int(pid))  # the next program does not start beside this one's exit
    if seen is None:
        print(f"{name}: marker {marker!r} not seen in 10 s; screen was:\n{out}", file=sys.stderr)
        sys.exit(1)
    return seen * 1000


times = {p[0]: [] for p in progs}
try:
    for i in range(a.n + 1):  # the first round warms caches and is not counted
        # Rotate who goes first, so that no program always follows the same one.
        order = progs[i % len(progs):] + progs[:i % len(progs)]
        for name, marker, cmd in order:
            ms = once(name, marker, cmd, i)
            if i:
                times[name].append(ms)
                if a.v:
                    print(f"  {name} run {i}: {ms:.1f} ms", file=sys.stderr)
finally:
    subprocess.run(tm + ["kill-server"], capture_output=True)
width = max(len(p[0]) for p in progs)
for name, _, _ in progs:
    t = times[name]
    print(f"{name:<{width}}  median {statistics.median(t):7.1f} ms  min {min(t):7.1f}  max {max(t):7.1f}  (n={len(t)})")
