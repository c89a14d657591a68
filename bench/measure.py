#!/usr/bin/env python3
"""measure.py RUNS CMD... — run CMD (output to /dev/null) once to warm the
cache, then RUNS times; print "MEDIAN_SECONDS MAX_RSS_KB EXIT".

With BENCH_EVICT=FILE[:FILE...] every timed run starts with those files
dropped from the page cache (posix_fadvise DONTNEED: no root needed, and the
kernel drops clean pages it holds for them), so the run reads them from the
disk: a cold cache.  Prints "n/a" when the system cannot do that.

The peak RSS comes from /usr/bin/time (GNU time) around the command: a child
forked from Python would carry Python's own high-water mark across exec."""
import os, sys, tempfile, time

TIME = "/usr/bin/time"


def once(cmd):
    rssfile = tempfile.NamedTemporaryFile(prefix="bench-rss.", delete=False).name
    argv = [TIME, "-f", "%M %x", "-o", rssfile] + cmd if os.access(TIME, os.X_OK) else cmd
    devnull = os.open(os.devnull, os.O_WRONLY)
    t = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    el = time.perf_counter() - t
    os.close(devnull)
    code = os.waitstatus_to_exitcode(status)
    rss = ru.ru_maxrss
    try:
        with open(rssfile) as f:
            w = f.read().split()
        if len(w) >= 2 and not w[0].startswith("Command"):
            rss, code = int(w[0]), int(w[1])
        elif w and w[0] == "Command":   # "Command exited with non-zero status N" first
            rss, code = int(w[-2]), int(w[-1])
    except (OSError, ValueError, IndexError):
        pass
    os.unlink(rssfile)
    return el, rss, code


def evict(paths):
    """Drop the files from the page cache; False when it cannot be done."""
    if not hasattr(os, "posix_fadvise"):
        return False
    for p in paths:
        try:
            fd = os.open(p, os.O_RDONLY)
        except OSError:
            continue            # no -wal file, say
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:
            return False
        finally:
            os.close(fd)
    return True


def main():
    runs = int(sys.argv[1])
    cmd = sys.argv[2:]
    cold = [p for p in os.environ.get("BENCH_EVICT", "").split(":") if p]
    once(cmd)
    times, rss, code = [], 0, 0
    for _ in range(runs):
        if cold and not evict(cold):
            print("n/a 0 0")
            return
        el, r, c = once(cmd)
        times.append(el)
        rss = max(rss, r)
        code = code or c
    times.sort()
    print(f"{times[len(times) // 2]:.4f} {rss} {code}")


main()
