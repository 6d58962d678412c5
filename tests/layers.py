#!/usr/bin/env python3
"""layers.py - checks the layering of src/ described in HACKING.

Usage: layers.py SRCDIR [BUILDDIR]

From the sources (every .c and .h under SRCDIR):
  - system headers of a library only in the layer that wraps it
    (curses in ui, libvirt and libxml2 in virt, libpci, libmount,
    libblkid and libudev in host, json-c in the command layer);
  - no file I/O in core (no I/O headers, no I/O calls);
  - no /sys or /proc path outside host;
  - no libvirt call in virt outside a file that includes virtload.h;
  - every quoted include allowed by the layer table below;
  - no include cycle between headers, and no two modules (x.c + x.h)
    that include each other's headers, directly or round a longer loop.
From the objects under BUILDDIR/src, if given (nm):
  - who calls whom obeys the same layer table;
  - no object calls a libvirt function by its name (only virtload's
    pointers: libvirt is loaded with dlopen);
  - no call cycle between the files of the program outside the
    libraries (commands, session, main), as cmd.c and cmd_virt.c had.
Prints one line per violation and exits 1 if there is any.
"""

import os
import re
import subprocess
import sys
from collections import defaultdict

# layer -> layers it may use.  "common" is i18n.h and the embedded demo.
ALLOWED = {
    "common": set(),
    "core": {"common"},
    "io": {"core", "common"},
    "host": {"core", "io", "common"},
    "virt": {"core", "io", "common"},
    "session": {"core", "io", "host", "virt", "common"},
    "cmd": {"core", "io", "virt", "session", "common"},
    "ui": {"core", "session", "common"},
    "main": {"core", "io", "host", "virt", "session", "cmd", "ui", "common"},
}

SYSTEM = [  # (regex on the <header>, the only layer allowed)
    (r"^(n?curses|ncursesw/|term\.h$|panel\.h$|menu\.h$|form\.h$)", "ui"),
    (r"^(libvirt/|libxml/)", "virt"),
    (r"^(pci/|libmount/|blkid/|libudev\.h$)", "host"),
    (r"^json-c/", "cmd"),
]
CORE_IO_HEADERS = {"dirent.h", "fcntl.h", "unistd.h", "sys/stat.h", "ftw.h",
                   "sys/mman.h", "sys/socket.h"}
CORE_IO_CALLS = re.compile(
    r"\b(fopen|fdopen|freopen|open|openat|opendir|fdopendir|readdir|read|"
    r"pread|write|pwrite|readlink|readlinkat|stat|lstat|fstat|fstatat|"
    r"unlink|rename|mkdir|rmdir|getline|fgets|fread|fwrite|fprintf|"
    r"printf|puts|fputs|vfprintf|getenv|system|popen)\s*\(")
# a call of a libvirt function (virConnectOpen(...)); its types and
# VIR_* macros do not match
LIBVIRT_CALL = re.compile(r"\b(vir[A-Z]\w*)\s*\(")
PATH_LITERAL = re.compile(r'"/(sys|proc)(/[^"]*)?"')


def layer_of(rel):
    """The layer of a path relative to SRCDIR, e.g. "ui/app.c"."""
    top = rel.split("/", 1)[0] if "/" in rel else None
    if top in ("core", "io", "host", "virt", "ui"):
        return top
    base = os.path.basename(rel)
    if base.startswith("session"):
        return "session"
    if base.startswith(("cmd", "output", "json")):
        return "cmd"
    if base in ("main.c", "cli.c", "cli.h"):
        return "main"
    if base in ("i18n.h", "demo.h", "demo_data.c") or base.startswith("demo"):
        return "common"
    return None


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"),
                  text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def strip_strings(text):
    return re.sub(r'"(\\.|[^"\\\n])*"', '""', text)


def sources(srcdir):
    out = {}
    for root, _dirs, files in os.walk(srcdir):
        for f in files:
            if f.endswith((".c", ".h")):
                p = os.path.join(root, f)
                out[os.path.relpath(p, srcdir)] = p
    return out


def resolve(srcdir, rel, name, files):
    """The file a quoted include names, searched as the compiler does:
    the includer's directory, then -I src and -I src/core."""
    for d in (os.path.dirname(rel), "", "core"):
        cand = os.path.normpath(os.path.join(d, name))
        if cand in files:
            return cand
    return None


def find_cycle(graph):
    """A cycle in {node: set(nodes)} as a list, or None."""
    WHITE, GREY, BLACK = 0, 1, 2
    color = defaultdict(int)
    stack = []

    def visit(n):
        color[n] = GREY
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if color[m] == GREY:
                return stack[stack.index(m):] + [m]
            if color[m] == WHITE:
                c = visit(m)
                if c:
                    return c
        stack.pop()
        color[n] = BLACK
        return None

    for n in sorted(graph):
        if color[n] == WHITE:
            c = visit(n)
            if c:
                return c
    return None


def check_sources(srcdir, problems):
    files = sources(srcdir)
    incl = {}                    # rel -> set(rel) of quoted includes
    for rel, path in sorted(files.items()):
        layer = layer_of(rel)
        if layer is None:
            problems.append(f"{rel}: in no layer (add it to tests/layers.py and HACKING)")
            continue
        with open(path, encoding="utf-8", errors="replace") as fh:
            raw = fh.read()
        code = strip_comments(raw)
        incl[rel] = set()
        for m in re.finditer(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', code, re.M):
            kind, name = m.group(1), m.group(2)
            if kind == "<":
                for rx, only in SYSTEM:
                    if re.search(rx, name) and layer != only:
                        problems.append(f"{rel}: includes <{name}>, which only the {only} layer may")
                if layer == "core" and name in CORE_IO_HEADERS:
                    problems.append(f"{rel}: includes <{name}>: core does no I/O")
                continue
            if name == "config.h":
                continue
            target = resolve(srcdir, rel, name, files)
            if target is None:
                continue                 # generated or system-ish; not ours
            incl[rel].add(target)
            tl = layer_of(target)
            if tl and tl != layer and tl not in ALLOWED[layer]:
                problems.append(f'{rel}: includes "{name}": the {layer} layer may not use the {tl} layer')
        if layer == "core":
            for m in CORE_IO_CALLS.finditer(strip_strings(code)):
                line = code.count("\n", 0, m.start()) + 1
                problems.append(f"{rel}:{line}: calls {m.group(1)}(): core does no I/O")
        if layer == "virt" and rel != "virt/virtload.c" and \
                '"virtload.h"' not in code:
            m = LIBVIRT_CALL.search(strip_strings(code))
            if m:
                line = code.count("\n", 0, m.start()) + 1
                problems.append(f"{rel}:{line}: calls {m.group(1)}() not through virtload.h "
                                "(libvirt is loaded when needed, not linked)")
        if layer != "host":
            for m in PATH_LITERAL.finditer(code):
                line = code.count("\n", 0, m.start()) + 1
                problems.append(f"{rel}:{line}: names {m.group(0)}: only host reads /sys and /proc")

    headers = {r: {t for t in ts if t.endswith(".h")}
               for r, ts in incl.items() if r.endswith(".h")}
    c = find_cycle(headers)
    if c:
        problems.append("include cycle: " + " -> ".join(c))

    def module(path):            # "ui/app-priv.h" is part of "ui/app"
        return re.sub(r"[-_]priv$", "", path[:-2])

    mod = defaultdict(set)       # "ui/app" -> {"ui/tree", ...}
    for r, ts in incl.items():
        a = module(r)
        for t in ts:
            b = module(t)
            if a != b:
                mod[a].add(b)
    c = find_cycle(mod)
    if c:
        problems.append("modules use each other: " + " -> ".join(c))


def object_source(builddir, obj):
    """src/ui/libui_a-app.o -> ui/app.c; src/vfiotui-cmd.o -> cmd.c."""
    rel = os.path.relpath(obj, os.path.join(builddir, "src"))
    d, base = os.path.split(rel)
    base = re.sub(r"^(lib[a-z0-9_]*_a-|vfiotui-)", "", base)[:-2] + ".c"
    return os.path.join(d, base) if d else base


def check_objects(builddir, problems):
    objs = []
    for root, _dirs, fs in os.walk(os.path.join(builddir, "src")):
        # a Check suite may compile a file of the program again
        # (tests/check_watch: src/tests_check_watch-session.o): not ours
        objs += [os.path.join(root, f) for f in fs
                 if f.endswith(".o") and not f.startswith("tests_")]
    if not objs:
        problems.append(f"no objects under {builddir}/src: build first")
        return
    defs, uses = {}, defaultdict(set)
    for o in objs:
        src = object_source(builddir, o)
        out = subprocess.run(["nm", "-P", o], capture_output=True, text=True,
                             check=True).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) < 2:
                continue
            sym, kind = parts[0], parts[1]
            if kind == "U":
                uses[src].add(sym)
            elif kind in "TDBR":
                defs[sym] = src
    for src, syms in sorted(uses.items()):
        for sym in sorted(syms):
            if re.match(r"vir[A-Z]", sym):
                problems.append(f"{src} calls libvirt's {sym} directly, not through virtload.h")
    calls = defaultdict(set)
    for src, syms in uses.items():
        for s in syms:
            t = defs.get(s)
            if t and t != src:
                calls[src].add(t)
    for a, ts in sorted(calls.items()):
        la = layer_of(a)
        for b in sorted(ts):
            lb = layer_of(b)
            if la and lb and la != lb and lb not in ALLOWED[la]:
                problems.append(f"{a} calls into {b}: the {la} layer may not use the {lb} layer")
    top = {a: {b for b in ts if "/" not in b} for a, ts in calls.items() if "/" not in a}
    c = find_cycle(top)
    if c:
        problems.append("files call each other: " + " -> ".join(c))
    lay = defaultdict(set)
    for a, ts in calls.items():
        for b in ts:
            if layer_of(a) != layer_of(b):
                lay[layer_of(a)].add(layer_of(b))
    c = find_cycle(lay)
    if c:
        problems.append("layers call each other: " + " -> ".join(map(str, c)))


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    problems = []
    check_sources(argv[1], problems)
    if len(argv) == 3:
        check_objects(argv[2], problems)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
