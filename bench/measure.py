#!/usr/bin/env python3
"""measure.py RUNS CMD... — run CMD (output to /dev/null) once to warm the
cache, then RUNS times; print "MEDIAN_SECONDS MAX_RSS_KB EXIT" (the RSS of the
process itself, from wait4)."""
import os, subprocess, sys, time

def once(cmd):
    devnull = os.open(os.devnull, os.O_WRONLY)
    t = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    el = time.perf_counter() - t
    os.close(devnull)
    return el, ru.ru_maxrss, os.waitstatus_to_exitcode(status)

def main():
    runs = int(sys.argv[1])
    cmd = sys.argv[2:]
    once(cmd)
    times, rss, code = [], 0, 0
    for _ in range(runs):
        el, r, c = once(cmd)
        times.append(el)
        rss = max(rss, r)
        code = code or c
    times.sort()
    print(f"{times[len(times) // 2]:.4f} {rss} {code}")

main()
