#!/usr/bin/env python3
"""i18n_lint.py — every string a person reads is marked for translation.

For each call to a function named in po/SINKS (under the path prefix given
there), every string literal among its arguments that holds a letter must be
inside _(...), N_(...), P_(...) (translated) or NT_(...) (deliberately not).
Prints one line per unmarked literal, FILE:LINE: FUNCTION: "TEXT", and exits
1 when there is any.  Comments and preprocessor lines are skipped."""
import os, re, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
MARKS = ("_", "N_", "P_", "NT_")


def sinks():
    out = []
    with open(os.path.join(ROOT, "po", "SINKS"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if line:
                out.append((line[0], line[1] if len(line) > 1 else ""))
    return out


def tokens(src):
    """(kind, text, offset): kind 'str', 'id', 'p' (punctuation); comments,
    char literals and preprocessor lines dropped."""
    i, n = 0, len(src)
    bol = True
    while i < n:
        c = src[i]
        if c == "\n":
            bol = True
            i += 1
            continue
        if c in " \t\r":
            i += 1
            continue
        if bol and c == "#":
            while i < n and src[i] != "\n":
                if src[i] == "\\" and i + 1 < n:
                    i += 1
                i += 1
            continue
        bol = False
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            i = n if j < 0 else j + 2
            continue
        if src.startswith("//", i):
            j = src.find("\n", i)
            i = n if j < 0 else j
            continue
        if c == '"' or c == "'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            if c == '"':
                yield ("str", src[i + 1:j], i)
            i = j + 1
            continue
        m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", src[i:i + 80])
        if m:
            yield ("id", m.group(0), i)
            i += len(m.group(0))
            continue
        yield ("p", c, i)
        i += 1


def check(path, rel, names):
    src = open(path, encoding="utf-8", errors="replace").read()
    toks = list(tokens(src))
    bad = []
    for k, (kind, text, off) in enumerate(toks):
        if kind != "id" or text not in names or k + 1 >= len(toks) or toks[k + 1][1] != "(":
            continue
        if k > 0 and toks[k - 1][1] in (".", ">"):
            pass
        depth, j, mark = 0, k + 1, []
        while j < len(toks):
            kd, tx, o = toks[j]
            if kd == "p" and tx == "(":
                prev = toks[j - 1]
                mark.append(prev[0] == "id" and prev[1] in MARKS)
                depth += 1
            elif kd == "p" and tx == ")":
                depth -= 1
                mark.pop()
                if depth == 0:
                    break
            elif kd == "str" and re.search(r"[A-Za-z]{2}", re.sub(r"%[-+ #0-9.*$]*[a-zA-Z]+", "", tx)) and not any(mark):
                line = src.count("\n", 0, o) + 1
                bad.append(f"{rel}:{line}: {text}: \"{tx[:60]}\"")
            j += 1
    return bad


def main():
    bad = []
    table = sinks()
    for d, _, files in os.walk(os.path.join(ROOT, "src")):
        for fn in sorted(files):
            if not fn.endswith((".c", ".h")):
                continue
            path = os.path.join(d, fn)
            rel = os.path.relpath(path, ROOT)
            names = {n for n, pre in table if rel.startswith(pre)}
            if names:
                bad += check(path, rel, names)
    for b in sorted(bad):
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
