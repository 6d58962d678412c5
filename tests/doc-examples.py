#!/usr/bin/env python3
"""doc-examples.py - extract every example command from the man page and
README.md, for tests/doc-examples.sh.

Usage: doc-examples.py MANPAGE README OUTDIR

Man page: every .nf/.fi (or .EX/.EE) block is an example block, except
in the sections listed in NOT_EXAMPLES (a schema, not commands).
README.md: every ```sh / ```shell / ```bash / ```console block, except
the lines that run ./quickstart and the "Building by hand" block, which
CI runs itself.  A line ending in \\, &&, || or | continues on the next.

Writes OUTDIR/NNN.sh (the command, as printed), OUTDIR/NNN.where
(FILE:LINE) and OUTDIR/NNN.kind: "ui" for a plain `vfiotui [global
options] [ui]` that opens the interface, "remote" for one naming
qemu+ssh://, "sh" otherwise.  Exits 1 with a message on stderr when a
block cannot be decoded, or when either file yields no example.
"""
import os
import re
import shlex
import sys

NOT_EXAMPLES = {"JSON OUTPUT"}
SKIP_README_SECTIONS = {"Building by hand"}
# roff escapes an example may use, decoded to what a reader types
ROFF = [("\\-", "-"), ("\\e", "\\"), ("\\(dq", '"'), ("\\(aq", "'"),
        ("\\(ti", "~"), ("\\(ha", "^"), ("\\(rs", "\\"), ("\\&", ""), ("\\ ", " ")]
# options that come before the command word, and those taking a value
GLOBAL_FLAGS = {"--demo", "--no-domains", "--ascii", "-q", "--quiet"}
GLOBAL_ARGS = {"-c", "--connect", "--sysroot", "--source"}


def die(msg):
    print("doc-examples.py: " + msg, file=sys.stderr)
    sys.exit(1)


def roff_decode(line, where):
    out, i = [], 0
    while i < len(line):
        if line[i] == "\\":
            for esc, rep in ROFF:
                if line.startswith(esc, i):
                    out.append(rep)
                    i += len(esc)
                    break
            else:
                die("%s: cannot decode the roff escape %r in an example" % (where, line[i:i + 3]))
        else:
            out.append(line[i])
            i += 1
    return "".join(out)


def continues(line):
    s = line.rstrip()
    return s.endswith("\\") or s.endswith("&&") or s.endswith("||") or s.endswith("|")


def join_lines(lines):
    """[(lineno, text)] -> [(first lineno, command text)]"""
    cmds, cur, start = [], [], None
    for no, text in lines:
        if not text.strip() and not cur:
            continue
        if not cur:
            start = no
        cur.append(text)
        if not continues(text):
            cmds.append((start, "\n".join(cur)))
            cur = []
    if cur:
        cmds.append((start, "\n".join(cur)))
    return cmds


def man_examples(path):
    section, block, found = None, None, []
    with open(path, encoding="utf-8") as f:
        for no, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            where = "%s:%d" % (path, no)
            if line.startswith(".SH"):
                section = line[3:].strip().strip('"')
            if line in (".nf", ".EX"):
                block = [] if section not in NOT_EXAMPLES else None
                continue
            if line in (".fi", ".EE"):
                if block is not None:
                    found += join_lines(block)
                block = None
                continue
            if block is None:
                continue
            if line.startswith('.\\"'):
                continue
            if line.startswith(".") or line.startswith("'"):
                die("%s: a roff request inside an example block: %s" % (where, line))
            block.append((no, roff_decode(line, where)))
    return found


def readme_examples(path):
    section, fence, block, found = None, None, None, []
    with open(path, encoding="utf-8") as f:
        for no, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if fence is None and line.startswith("#"):
                section = line.lstrip("#").strip()
            m = re.match(r"^```\s*(\w*)\s*$", line)
            if m and fence is None:
                fence = m.group(1)
                runnable = fence in ("sh", "shell", "bash", "console")
                block = [] if runnable and section not in SKIP_README_SECTIONS else None
                continue
            if m and fence is not None:
                if block is not None:
                    found += join_lines(block)
                fence, block = None, None
                continue
            if block is None:
                continue
            if re.match(r"^\s*\./quickstart\b", line):
                continue
            block.append((no, line))
    return found


def kind_of(cmd):
    if "qemu+ssh://" in cmd:
        return "remote"
    try:
        words = shlex.split(cmd, comments=True)
    except ValueError:
        return "sh"
    if not words or words[0] != "vfiotui" or any(w in ("|", "&&", "||", ";", ">") for w in words):
        return "sh"
    i = 1
    while i < len(words):
        if words[i] in GLOBAL_FLAGS:
            i += 1
        elif words[i] in GLOBAL_ARGS:
            i += 2
        elif "=" in words[i] and words[i].split("=")[0] in GLOBAL_ARGS:
            i += 1
        else:
            break
    return "ui" if i >= len(words) or words[i] == "ui" else "sh"


def main():
    if len(sys.argv) != 4:
        die("usage: doc-examples.py MANPAGE README OUTDIR")
    man, readme, out = sys.argv[1:]
    found = []
    for path, fn in ((man, man_examples), (readme, readme_examples)):
        ex = fn(path)
        if not ex:
            die("%s: found no example at all; has its format changed?" % path)
        found += [(path, no, cmd) for no, cmd in ex]
    os.makedirs(out, exist_ok=True)
    for k, (path, no, cmd) in enumerate(found, 1):
        base = os.path.join(out, "%03d" % k)
        with open(base + ".sh", "w", encoding="utf-8") as f:
            f.write(cmd + "\n")
        with open(base + ".where", "w", encoding="utf-8") as f:
            f.write("%s:%d\n" % (os.path.basename(path), no))
        with open(base + ".kind", "w", encoding="utf-8") as f:
            f.write(kind_of(cmd) + "\n")


main()
