#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The progress line of `build` and `validate` (SPEC section 6).

    progress-test.py SCORECARD SOURCE_ROOT

Runs the real binary with its standard error on a pseudo-terminal (and its
standard output on a pipe), on the bundled sample and on a generated `ca`
workload (bench/generate.py; skipped without numpy), and checks:
  - stderr shows the progress line: frames "\\r<text>\\x1b[K", each one
    "scorecard: STAGE D of T UNIT (P%), ELAPSED" (or "scorecard: STAGE,
    ELAPSED"), stages in pipeline order, D <= T and never decreasing within
    a stage, no frame wider than the terminal, at most about ten frames a
    second, and the line erased at the end (stderr ends with "\\r\\x1b[K");
  - stdout is what it is without a terminal, and the outputs are byte for
    byte those of a run without a terminal;
  - with stderr on a pipe, and with --quiet on the terminal, stderr has no
    progress text at all.
Exit 0 when every check passes, 1 otherwise.
"""

import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time

SC, SRC = sys.argv[1], sys.argv[2]
COLUMNS = 72
STAGES = ["reading", "validating", "computing", "writing"]
FRAME = re.compile(r"\r([^\r\x1b]*)\x1b\[K")
TEXT = re.compile(r"^scorecard: (\w+)(?: ([\d,]+) of ([\d,]+) (\w+) \((\d+)%\))?"
                  r", (\d+\.\d s|\d+ min \d\d s)$")

passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {what}")
    else:
        failed += 1
        print(f"FAIL {what}" + (f": {detail}" if detail else ""))


def run_pty(args):
    """Run with stderr on a pty of COLUMNS columns; stdout on a pipe.
    Returns (exit code, stdout bytes, stderr bytes, seconds)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ,
                struct.pack("HHHH", 24, COLUMNS, 0, 0))
    # no newline translation on the terminal: the bytes as written
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.OPOST
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    t0 = time.monotonic()
    p = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    err = bytearray()
    out = bytearray()
    fds = [master, p.stdout.fileno()]
    while fds:
        ready, _, _ = select.select(fds, [], [], 60)
        if not ready:
            break
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the slave side is closed
                chunk = b""
            if not chunk:
                fds.remove(fd)
            elif fd == master:
                err += chunk
            else:
                out += chunk
    rc = p.wait()
    secs = time.monotonic() - t0
    os.close(master)
    p.stdout.close()
    return rc, bytes(out), bytes(err), secs


def run_pipe(args):
    p = subprocess.run(args, stdin=subprocess.DEVNULL, capture_output=True)
    return p.returncode, p.stdout, p.stderr


def number(s):
    return int(s.replace(",", ""))


def check_frames(name, err, secs, want_stages):
    text = err.decode("utf-8", "replace")
    frames = [f for f in FRAME.findall(text) if f]  # "" erases the line
    check(len(frames) > 0, f"{name}: stderr on a terminal shows the "
          "progress line", repr(text[:200]))
    if not frames:
        return
    bad = [f for f in frames if not TEXT.match(f)]
    check(not bad, f"{name}: every frame reads 'scorecard: STAGE D of T "
          "UNIT (P%), ELAPSED'", repr(bad[:3]))
    wide = [f for f in frames if len(f) > COLUMNS - 1]
    check(not wide, f"{name}: no frame wider than the terminal "
          f"({COLUMNS} columns)", repr(wide[:2]))
    order, last, ok, why = -1, None, True, ""
    seen = []
    for f in frames:
        m = TEXT.match(f)
        if not m:
            continue
        stage = m.group(1)
        if stage not in STAGES:
            ok, why = False, f"unknown stage {stage!r}"
            break
        k = STAGES.index(stage)
        if k < order:
            ok, why = False, f"{stage} after {STAGES[order]}"
            break
        if k > order:
            order, last = k, None
            seen.append(stage)
        if m.group(2):
            d, t = number(m.group(2)), number(m.group(3))
            if d > t or (last is not None and d < last):
                ok, why = False, f"{f!r} after done {last}"
                break
            pct = int(m.group(5))
            if pct != d * 100 // t:
                ok, why = False, f"{f!r}: percentage"
                break
            last = d
    check(ok, f"{name}: stages in order, done <= total and never "
          "decreasing", why)
    check(all(s in seen for s in want_stages),
          f"{name}: stages {', '.join(want_stages)} shown", repr(seen))
    # a new stage is drawn at once, else at most one frame a tick (0.1 s)
    check(len(frames) <= 10 * secs + 6, f"{name}: at most ~10 redraws a "
          f"second ({len(frames)} in {secs:.2f} s)")
    check(err.endswith(b"\r\x1b[K"), f"{name}: the line is erased at the "
          "end", repr(err[-40:]))
    rest = FRAME.sub("", text).replace("\r\x1b[K", "")
    check("\r" not in rest and "scorecard: reading" not in rest,
          f"{name}: no stray progress text between the frames",
          repr(rest[:200]))


def no_progress(name, err):
    text = err.decode("utf-8", "replace")
    check("\r" not in text and "\x1b[" not in text and
          not re.search(r"scorecard: (reading|validating|computing|writing)",
                        text),
          f"{name}: no progress text on stderr", repr(text[:200]))


def same_files(a, b):
    for f in sorted(os.listdir(a)):
        with open(os.path.join(a, f), "rb") as x, \
                open(os.path.join(b, f), "rb") as y:
            if x.read() != y.read():
                return f
    return None


def build_checks(label, dataset, tmp):
    tty_out = os.path.join(tmp, label + "-tty")
    pipe_out = os.path.join(tmp, label + "-pipe")
    # json and csv only: the workbook's zip times are not the point here
    fmt = ["--format", "json,csv"]
    rc, out, err, secs = run_pty([SC, "build", dataset, "-o", tty_out] + fmt)
    check(rc == 0, f"{label}: build on a terminal exits 0", f"exit {rc}")
    check_frames(f"{label} build", err, secs,
                 ["reading", "validating", "computing", "writing"])
    prc, pout, perr = run_pipe([SC, "build", dataset, "-o", pipe_out] + fmt)
    check(prc == 0, f"{label}: build on a pipe exits 0", f"exit {prc}")
    no_progress(f"{label} build, stderr on a pipe", perr)
    check(out.replace(tty_out.encode(), b"OUT") ==
          pout.replace(pipe_out.encode(), b"OUT"),
          f"{label}: stdout the same with and without a terminal")
    diff = same_files(tty_out, pipe_out)
    check(diff is None, f"{label}: outputs byte-identical with and without "
          "a terminal", str(diff))

    rc, out, err, secs = run_pty([SC, "build", dataset, "-q", "-o",
                                  os.path.join(tmp, label + "-q")] + fmt)
    check(rc == 0, f"{label}: build -q on a terminal exits 0", f"exit {rc}")
    no_progress(f"{label} build --quiet on a terminal", err)

    rc, out, err, secs = run_pty([SC, "validate", dataset])
    check(rc == 0, f"{label}: validate on a terminal exits 0", f"exit {rc}")
    check_frames(f"{label} validate", err, secs, ["reading", "validating"])
    prc, pout, perr = run_pipe([SC, "validate", dataset])
    check(out == pout, f"{label}: validate's report the same with and "
          "without a terminal")
    no_progress(f"{label} validate, stderr on a pipe", perr)
    rc, out, err, secs = run_pty([SC, "validate", dataset, "--quiet"])
    no_progress(f"{label} validate --quiet on a terminal", err)


def main():
    tmp = tempfile.mkdtemp(prefix="sc-progress-")
    try:
        build_checks("sample", os.path.join(SRC, "data", "illustrative"), tmp)
        ca = os.path.join(tmp, "ca")
        gen = subprocess.run(["/usr/bin/python3",
                              os.path.join(SRC, "bench", "generate.py"),
                              "--workload", "ca", ca],
                             capture_output=True, text=True)
        if gen.returncode == 0:
            build_checks("ca", ca, tmp)
        else:
            print("skip ca: bench/generate.py failed (numpy missing?): "
                  + gen.stderr.strip().splitlines()[-1:][0]
                  if gen.stderr.strip() else "skip ca")
        # show and list never draw a progress line
        rc, out, err, secs = run_pty([SC, "show", "06037"])
        no_progress("show on a terminal", err)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"progress: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
