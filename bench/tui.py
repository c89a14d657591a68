#!/usr/bin/env python3
"""tui.py CHORUS DB — drive the full-screen interface in a pseudo-terminal
(120x40) and time it from outside: the first frame (start to the end of the
first burst of output), and for each key the time from writing it to the last
byte of the output it caused (the screen settling).  Keys: switch to a panel
(Board 1, Inbox 2, Engagement 4) and move in it (j, k); in the engagement
panel also scroll the weeks (h, l) and change the metric (m).  With
CHORUS_TIMING the interface also logs its own figures; both are printed.
BENCH_FIRST_FRAME_MS is the first frame's target (100; bench/share_latency
gives 500 over a slow link); BENCH_NO_TWINS=1 leaves the sqlite3 shell out;
BENCH_TUI_WRITES=N ends with N keys that write (take, a, on the Board's
Inbox column: target p99 < 150 ms).
Then the same data read by the sqlite3 shell (sql_twins), as a ratio.

Prints table rows: NAME|VALUE|TARGET."""
import os, pty, select, statistics, struct, sys, tempfile, time, fcntl, termios

ROWS, COLS = 40, 120


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        os.execvpe(argv[0], argv, env)
    return pid, fd


def stop(pid, fd):
    """q, then make sure it is gone."""
    os.write(fd, b"q")
    settle(fd, 0.3, 2.0)
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def settle(fd, quiet, timeout):
    """Read until nothing came for `quiet` s; the time of the last byte, or None."""
    last = None
    start = time.perf_counter()
    while True:
        wait = quiet if last is not None else max(0.0, timeout - (time.perf_counter() - start))
        r, _, _ = select.select([fd], [], [], wait)
        if not r:
            return last
        try:
            data = os.read(fd, 65536)
        except OSError:
            return last
        if not data:
            return last
        last = time.perf_counter()
        if time.perf_counter() - start > timeout:
            return last


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = min(len(xs) - 1, max(0, int(round(p / 100.0 * len(xs) + 0.5)) - 1))
    return xs[k]


def main():
    timing = tempfile.NamedTemporaryFile(prefix="chorus-timing.", delete=False).name
    try:
        run(timing)
    finally:
        if os.path.exists(timing):
            os.unlink(timing)


def run(timing):
    chorus, db = sys.argv[1], sys.argv[2]
    moves = int(os.environ.get("BENCH_TUI_MOVES", "40"))
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
               CHORUS_TIMING=timing)
    t0 = time.perf_counter()
    pid, fd = spawn([chorus, "--db", db], env)
    last = settle(fd, 0.5, 30.0)
    rows = []
    if last is None:
        print("TUI first frame|no output in 30 s|< 100 ms")
        os.kill(pid, 9)
        return
    ff = (last - t0) * 1000
    first = float(os.environ.get("BENCH_FIRST_FRAME_MS", "100"))
    rows.append(("TUI first frame (board)", "%.0f ms" % ff, "< %.0f ms %s" % (first, "ok" if ff < first else "MISSED")))
    for name, key in (("board", b"1"), ("inbox", b"2"), ("engagement", b"4")):
        enter, move, silent, note = [], [], 0, ""
        extra = {b"h": [], b"l": [], b"m": []}
        # Entering the panel from another one (Queue), ten times; then moving
        # in it (j, k), unless it does not move (two keys without output);
        # in the engagement panel then ten weeks back, ten forward, and the
        # metric round twice.
        other = b"3"
        seq = [other, key] * 10 + [b"j"] * moves + [b"k"] * moves
        if name == "engagement":
            seq += [b"h"] * 10 + [b"l"] * 10 + [b"m"] * 10
        for k in seq:
            t = time.perf_counter()
            os.write(fd, k)
            end = settle(fd, 0.06, 1.0)
            ms = None if end is None else (end - t) * 1000
            if ms is None:
                silent += 1
            elif k == key:
                enter.append(ms)
            elif k in (b"j", b"k"):        # the other panel's frame is not this one's
                move.append(ms)
            elif k in extra:
                extra[k].append(ms)
            if os.environ.get("BENCH_TUI_DEBUG"):
                sys.stderr.write("%s %r %s\n" % (name, k, "-" if ms is None else "%.2f ms" % ms))
            if k in (b"j", b"k") and ms is None and silent >= 2:
                note = " (j/k do nothing there)"
                break
        measures = [("enter", enter), ("j/k in", move)]
        if name == "engagement":
            measures += [("h/l in", extra[b"h"] + extra[b"l"]), ("m in", extra[b"m"])]
        for what, lat in measures:
            if lat:
                p99 = pct(lat, 99)
                rows.append(("TUI %s %s" % (what, name),
                             "p50 %.1f, p99 %.1f, max %.1f ms (%d keys)" % (pct(lat, 50), p99, max(lat), len(lat)),
                             "p99 < 16 ms %s" % ("ok" if p99 < 16 else "MISSED")))
            else:
                rows.append(("TUI %s %s" % (what, name), "no frame for any key" + note, "p99 < 16 ms"))
    # Keys that write: take (a) the first card of the Inbox column, WRITES
    # times (each moves one card into Editing: one write transaction).  The
    # selection follows the card it moved, so before each take h h h goes
    # back to the Inbox column (not timed): an a on one's own card in
    # Editing would write nothing.
    writes = int(os.environ.get("BENCH_TUI_WRITES", "0"))
    if writes:
        os.write(fd, b"1")
        settle(fd, 0.2, 2.0)
        lat = []
        for _ in range(writes):
            os.write(fd, b"hhh")
            settle(fd, 0.1, 2.0)
            t = time.perf_counter()
            os.write(fd, b"a")
            end = settle(fd, 0.06, 2.0)
            if end is not None:
                lat.append((end - t) * 1000)
            if os.environ.get("BENCH_TUI_DEBUG"):
                sys.stderr.write("write a %s\n" % ("-" if end is None else "%.2f ms" % lat[-1]))
        if lat:
            p99 = pct(lat, 99)
            rows.append(("TUI write (take) board", "p50 %.1f, p99 %.1f, max %.1f ms (%d keys)"
                         % (pct(lat, 50), p99, max(lat), len(lat)),
                         "p99 < 150 ms %s" % ("ok" if p99 < 150 else "MISSED")))
        else:
            rows.append(("TUI write (take) board", "no frame for any key", "p99 < 150 ms"))
    stop(pid, fd)
    # The interface's own log: "first-frame 0 12.34 ms", "key 106 1.23 ms".
    try:
        own_first, own_keys = [], []
        with open(timing) as f:
            for line in f:
                w = line.split()
                if len(w) >= 3 and w[0] == "first-frame":
                    own_first.append(float(w[2]))
                elif len(w) >= 3 and w[0] == "key":
                    own_keys.append(float(w[2]))
        if own_first:
            rows.append(("TUI first frame, its own clock", "%.1f ms" % own_first[0], "< 100 ms"))
        if own_keys:
            rows.append(("TUI keypress, its own clock", "p50 %.2f, p99 %.2f ms (%d keys)"
                         % (pct(own_keys, 50), pct(own_keys, 99), len(own_keys)), "p99 < 16 ms"))
    except OSError:
        pass
    twins = {} if os.environ.get("BENCH_NO_TWINS") else sql_twins(chorus, db)
    for r in rows:
        r = list(r)
        twin = twins.get(r[0])
        if twin is not None:
            mine = first_ms(r[0], r[1])
            if twin > 0 and mine is not None:
                ratio = mine / twin
                r[1] += "; sqlite3 %.1f ms%s, %.1fx" % (
                    twin, " (with the idle preload)" if r[0].startswith("TUI first frame") else "", ratio)
                r[2] += ", <= 3x sqlite3 %s" % ("ok" if ratio <= 3 else "MISSED")
            else:
                r[1] += "; no query (read while idle before)"
        print("|".join(r))


def first_ms(name, value):
    """The figure a row compares with sqlite3: the first frame, or the p50."""
    w = value.replace(",", " ").split()
    try:
        return float(w[1]) if w[0] == "p50" else float(w[0])
    except (IndexError, ValueError):
        return None


def sql_twins(chorus, db):
    """The same data read by the sqlite3 shell: run chorus again with
    CHORUS_SQL_LOG, cut the log at each measured step (the first frame,
    entering each panel), and time the reads of each step in sqlite3: the
    first frame as a whole sqlite3 process (chorus's figure includes its
    process start too; the log then also holds what chorus reads while idle
    after its first frame, the Engagement panel's data, so sqlite3 does more), a panel entry as the sum of the statements' own times
    (.timer: user + sys), the median of five runs.  Returns {row name: ms}."""
    log = tempfile.NamedTemporaryFile(prefix="chorus-sql.", delete=False).name
    steps = {}
    try:
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8",
                   CHORUS_SQL_LOG=log)
        env.pop("CHORUS_TIMING", None)
        pid, fd = spawn([chorus, "--db", db], env)
        settle(fd, 0.5, 30.0)
        mark = os.path.getsize(log)
        steps["TUI first frame (board)"] = read_from(log, 0, mark)
        for name, key in (("board", b"1"), ("inbox", b"2"), ("engagement", b"4")):
            for _ in range(3):          # the last of three, as warm as the timed ones
                os.write(fd, b"3")
                settle(fd, 0.1, 2.0)
                mark = os.path.getsize(log)
                os.write(fd, key)
                settle(fd, 0.1, 2.0)
                steps["TUI enter " + name] = read_from(log, mark, os.path.getsize(log))
        stop(pid, fd)
    finally:
        os.unlink(log)
    twins = {}
    for name, sql in steps.items():
        reads = [q for q in sql if q.lstrip().upper().startswith(("SELECT", "WITH"))]
        if not reads:
            twins[name] = 0
            continue
        whole = name.startswith("TUI first frame")
        runs = [replay(db, reads, whole) for _ in range(5)]
        twins[name] = statistics.median(runs)
    return twins


def read_from(path, start, end):
    with open(path, "rb") as f:
        f.seek(start)
        return f.read(end - start).decode("utf-8", "replace").splitlines()


def replay(db, reads, whole):
    import subprocess
    script = ("" if whole else ".timer on\n") + "\n".join(reads) + "\n"
    t = time.perf_counter()
    out = subprocess.run(["sqlite3", "-batch", db], input=script.encode(),
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    if whole:
        return (time.perf_counter() - t) * 1000
    total = 0.0
    for line in out.decode("utf-8", "replace").splitlines():
        w = line.split()
        if line.startswith("Run Time:") and "user" in w and "sys" in w:
            total += float(w[w.index("user") + 1]) + float(w[w.index("sys") + 1])
    return total * 1000


main()
