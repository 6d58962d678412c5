#!/usr/bin/env python3
"""ui-columns.py - the tree's layout, checked from screen dumps alone.

Independently of the goldens and of the layout code, from the dumps and
`vfiotui list --json` (what the model holds), this checks that:

  - no row is wider than the screen (display cells, East Asian widths);
  - the [vendor:device] column sits at the same display column on every
    device row of every dump given (one host, one width), and holds the
    device's own IDs;
  - the driver column follows it, holding the driver whole or cut with
    an ellipsis; the class and name columns start at the same column on
    every row;
  - every badge the model implies (ROOT-DISK, BOOT-VGA, MGMT-NIC,
    in-use-by-DOMAIN[+N], PF, VF, bridge) is on its row, whole, safety
    badges first, and nothing else is; the badges start at one column;
  - group rows: the count and the state columns align, group numbers
    do not run into them, and the state agrees with list --json;
  - no blank tree row while rows are hidden above.

Usage: ui-columns.py --json LIST.json --cols N [--cut-domain] [--filtered NAME]... DUMP...
Exit 0 if every check holds, 1 otherwise (each failure on stderr).
"""
import argparse
import json
import os
import re
import sys
import unicodedata

ELLIPSES = ("\u2026", "~")
SAFETY = ("ROOT-DISK", "BOOT-VGA", "MGMT-NIC")
DEV_RE = re.compile(r"^([> ]) (\[x\]|\[ \]|   ) ([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]) ")
GROUP_RE = re.compile(r"^([> ])(\S) (IOMMU group (\d+)|devices without an IOMMU group)")
STATES = {
    "ok": ("ok",),
    "in-use": ("in use",),
    "host-critical": ("host-critical: error if marked", "host-critical: warning if marked"),
}

failures = []


def fail(where, msg):
    failures.append("%s: %s" % (where, msg))


def cw(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(s):
    return sum(cw(c) for c in s)


def col_of(line, idx):
    """The display column of character index idx."""
    return width(line[:idx])


def is_cut(token, whole):
    return (len(token) >= 2 and token[-1] in ELLIPSES and whole.startswith(token[:-1]))


def expected_badges(dev, domains_first):
    safety, other = [], []
    if dev.get("root_disk"):
        safety.append("ROOT-DISK")
    if dev.get("boot_vga"):
        safety.append("BOOT-VGA")
    if dev.get("mgmt_nic"):
        safety.append("MGMT-NIC")
    users = [u["domain"] for u in dev.get("used_by") or []]
    if dev.get("virtfns"):
        other.append("PF")
    if dev.get("physfn"):
        other.append("VF")
    if dev.get("bridge"):
        other.append("bridge")
    return safety, users, other


def check_badges(where, dev, tokens, cut_domain):
    safety, users, other = expected_badges(dev, None)
    want_n = len(safety) + (1 if users else 0) + len(other)
    if len(tokens) != want_n:
        fail(where, "badges %r, the model implies %s%s%s" % (
            tokens, safety, [" in-use-by-" + "|".join(users)] if users else [], other))
        return
    i = 0
    for b in safety:
        if tokens[i] != b:
            fail(where, "badge %r where %r (whole, safety first) was due" % (tokens[i], b))
        i += 1
    if users:
        t = tokens[i]
        i += 1
        m = re.match(r"^in-use-by-(.+?)(?:\+(\d+))?$", t)
        if not m:
            fail(where, "badge %r where in-use-by-... was due" % t)
        else:
            name, more = m.group(1), m.group(2)
            if name not in users and not (cut_domain and any(is_cut(name, u) for u in users)):
                fail(where, "in-use badge %r names none of %s whole" % (t, users))
            want_more = len(users) - 1
            if (int(more) if more else 0) != want_more:
                fail(where, "in-use badge %r: %d other user(s) in the model" % (t, want_more))
    for b in other:
        if tokens[i] != b:
            fail(where, "badge %r where %r was due" % (tokens[i], b))
        i += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", required=True)
    ap.add_argument("--cols", type=int, required=True)
    ap.add_argument("--cut-domain", action="store_true",
                    help="a domain's name may be cut (too long for the width)")
    ap.add_argument("--filtered", action="append", default=[],
                    help="a dump taken with the filter (f) on")
    ap.add_argument("dumps", nargs="+")
    a = ap.parse_args()

    with open(a.json) as f:
        model = json.load(f)
    devs = {d["address"]: d for d in model["devices"]}
    groups = {g["id"]: g for g in model["groups"]}
    first_group = min(groups) if groups else None
    attention = [g for g in groups if groups[g]["status"] != "ok"]
    first_attention = min(attention) if attention else None

    ids_col = badge_col = None
    n_dev_rows = 0
    for path in a.dumps:
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        name_col = None
        name_cands = None
        count_col = state_col = None
        for y, line in enumerate(lines):
            where = "%s line %d" % (path, y + 1)
            if width(line) > a.cols:
                fail(where, "%d cells on a %d-column screen" % (width(line), a.cols))
        # the tree: the rows from line 3 on that are group or device rows
        y = 2
        tree = []
        while y < len(lines) and (DEV_RE.match(lines[y]) or GROUP_RE.match(lines[y])):
            tree.append((y, lines[y]))
            y += 1
        if not tree:
            if not (name in a.filtered and first_attention is None):
                fail(path, "no tree rows")
            continue
        # blank rows while rows are hidden above
        first = tree[0][1]
        g = GROUP_RE.match(first)
        want_first = first_attention if name in a.filtered else first_group
        hidden_above = not g or (g.group(4) is not None and int(g.group(4)) != want_first)
        if hidden_above and y < len(lines) and lines[y].strip() == "":
            fail("%s line %d" % (path, y + 1),
                 "a blank tree row while rows are hidden above (the tree starts at %r)" % first[:30])
        for y, line in tree:
            where = "%s line %d" % (path, y + 1)
            g = GROUP_RE.match(line)
            if g:
                rest_i = g.end()
                m = re.compile(r" +(\d+) devices? ").match(line, rest_i)
                if not m:
                    fail(where, "no device count after the group's title (a long number runs into it?)")
                    continue
                if g.group(4) is None:
                    continue        # the row without a group takes its own widths
                c = col_of(line, m.start(1))
                if count_col is None:
                    count_col = c
                elif c != count_col:
                    fail(where, "the device count at column %d, elsewhere %d" % (c, count_col))
                status = groups.get(int(g.group(4)), {}).get("status")
                labels = STATES.get(status, ())
                found = [line.index(l, m.end()) for l in labels if l in line[m.end():]]
                if not found:
                    fail(where, "the state %r of list --json is not shown (%r)" % (status, line))
                    continue
                c = col_of(line, found[0])
                if state_col is None:
                    state_col = c
                elif c != state_col:
                    fail(where, "the group's state at column %d, elsewhere %d" % (c, state_col))
                continue
            m = DEV_RE.match(line)
            addr = m.group(3)
            dev = devs.get(addr)
            if not dev:
                fail(where, "%s is not in list --json" % addr)
                continue
            n_dev_rows += 1
            ids = "[%s:%s]" % (dev["vendor_id"] or "????", dev["device_id"] or "????")
            i = line.find(" " + ids + " ")
            if i < 0 and line.endswith(" " + ids):
                i = len(line) - len(ids) - 1
            if i < 0:
                fail(where, "%s: no %s column" % (addr, ids))
                continue
            c = col_of(line, i + 1)
            if ids_col is None:
                ids_col = c
            elif c != ids_col:
                fail(where, "%s: %s at column %d, on other rows at %d" % (addr, ids, c, ids_col))
            # driver: whole or cut, right after the IDs
            rest = line[i + 1 + len(ids) + 1:]
            drv = "?" if "driver" in (dev.get("unknown") or []) else dev["driver"] or "-"
            token = rest.split(" ", 1)[0] if rest else ""
            if token != drv and not (is_cut(token, drv) and width(token) >= 4):
                fail(where, "%s: driver column %r, the model says %r" % (addr, token, drv))
            # badges: after the driver's padding
            after = rest[len(token):]
            tokens = after.split()
            if tokens:
                bi = i + 1 + len(ids) + 1 + len(token) + (len(after) - len(after.lstrip(" ")))
                c = col_of(line, bi)
                if badge_col is None:
                    badge_col = c
                elif c != badge_col:
                    fail(where, "%s: badges at column %d, on other rows at %d" % (addr, c, badge_col))
            check_badges("%s: %s" % (where, addr), dev, tokens, a.cut_domain)
            # class and name: the name starts at one column on every row
            seg = line[m.end():i]
            label = dev["device"] or dev["class_name"] or "unknown device"
            k = min(3, len(label))
            cands = {col_of(seg, p) for p in range(len(seg))
                     if seg.startswith(label[:k], p) and (p == 0 or seg[p - 1] == " ")}
            if not cands:
                fail(where, "%s: the name %r is not shown" % (addr, label[:20]))
                continue
            name_cands = cands if name_cands is None else name_cands & cands
            if not name_cands:
                fail(where, "%s: the name column moves (name at %s)" % (addr, sorted(cands)))
                name_cands = cands
        if name_cands:
            name_col = min(name_cands)
            for y, line in tree:
                m = DEV_RE.match(line)
                if not m or name_col == 0:
                    continue
                seg = line[m.end():]
                # the class: text from the column's start, blank before the name
                cls = ""
                acc = 0
                for ch in seg:
                    if acc >= name_col:
                        break
                    cls += ch
                    acc += cw(ch)
                if not cls.strip() or cls[0] == " " or not cls.endswith(" "):
                    fail("%s line %d" % (path, y + 1),
                         "the class column %r does not fill its place before the name" % cls)
    if n_dev_rows == 0:
        fail(" ".join(a.dumps), "no device rows at all")
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    print("%d dumps, %d device rows, %d failures" % (len(a.dumps), n_dev_rows, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
