#!/bin/sh
# ui-panes.sh - the panes take the focus, scroll and zoom; nothing is
# cut without a sign and a way to read it; dialogs are framed and show
# their messages.  Each property is computed from the dumps of
# tests/ui/panes.script at 80x24 and from the commands' JSON, not from
# golden screens.
. "$top_srcdir/tests/lib.sh"

D=$T/panes
A=$T/ascii
mkdir -p "$D" "$A"
expect_status 0 "interface script panes" "$VFIOTUI" --demo ui --size 80x24 \
    --script "$top_srcdir/tests/ui/panes.script" --dump-dir "$D"
expect_status 0 "interface script panes-ascii" "$VFIOTUI" --demo --ascii ui --size 80x24 \
    --script "$top_srcdir/tests/ui/panes-ascii.script" --dump-dir "$A"
# the GPU alone has an error: check exits 1
"$VFIOTUI" --demo check 0000:01:00.0 --json > "$T/check.json"
[ $? -eq 1 ] || fail "check --json of the GPU alone did not exit 1"
"$VFIOTUI" --demo list --json > "$T/list.json" || fail "list --json failed"

PYTHONDONTWRITEBYTECODE=1 python3 - "$D" "$A" "$T/check.json" "$T/list.json" <<'EOF' || fail "the pane properties above do not hold"
import json, os, re, sys

d, a, check_json, list_json = sys.argv[1:5]
COLS, LINES = 80, 24
LW = COLS * 2 // 5              # the details pane is LW - 1 wide
TITLE = LINES - 2 - 8           # the panes' title row
bad = []


def fail(msg):
    bad.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def dump(dirname, name):
    path = os.path.join(dirname, name + ".txt")
    if not os.path.exists(path):
        fail("no dump " + name)
        return [""] * LINES
    with open(path, encoding="utf-8") as f:
        rows = f.read().split("\n")[:LINES]
    return [r.ljust(COLS) for r in rows] + [" " * COLS] * (LINES - len(rows))


def pane(rows, x0, x1):
    return [r[x0:x1].rstrip() for r in rows[TITLE + 1:TITLE + 8]]


def series(prefix, x0, x1, n):
    """The pane's lines, rebuilt from dumps taken one Down apart."""
    shots = [dump(d, "%s%02d" % (prefix, i)) for i in range(n)]
    panes = []
    for s in shots:
        p = pane(s, x0, x1)
        if not panes or panes[-1] != p:
            panes.append(p)
    lines = [p[0] for p in panes[:-1]] + panes[-1]
    return shots, lines


def words(text):
    return " ".join(text.split())


# Findings: Tab Tab focuses them; scrolling shows every finding of
# `vfiotui check --json`, message and remedy, joined across wraps.
report = json.load(open(check_json))
shots, lines = series("f", LW + 1, COLS, 25)
joined = words(" ".join(lines))
for f in report["findings"]:
    want = words("%s: %s" % (f["code"], f["message"]))
    if want not in joined:
        fail("the findings pane never shows %r whole" % want)
    if f["remedy"] and words("-> " + f["remedy"]) not in joined:
        fail("the findings pane never shows the remedy of %s whole" % f["code"])
if "\u2193" not in shots[0][TITLE][LW:]:
    fail("the findings title has no down arrow while lines are hidden below")
if "\u2193" in shots[-1][TITLE][LW:] or "\u2191" not in shots[-1][TITLE][LW:]:
    fail("scrolled to the end, the findings title should show only the up arrow")
if len(lines) <= 7:
    fail("the findings fit in 7 rows: the test proves no scrolling")
# the tree does not move while a pane scrolls
if shots[0][2:TITLE] != shots[-1][2:TITLE]:
    fail("scrolling the findings moved the tree")

# Details: every field, the numa node and the sysfs path after scrolling.
dev = [x for x in json.load(open(list_json))["devices"] if x["address"] == "0000:01:00.0"][0]
shots, lines = series("d", 0, LW - 1, 17)
joined = words(" ".join(lines))
numa = "numa node %d" % dev["numa_node"] if dev["numa_node"] is not None else "numa node: none"
for want in (numa, "parent " + dev["parent"], "driver " + dev["driver"],
             "reset " + " ".join(dev["reset_methods"]), "IOMMU group %d" % dev["group"],
             "[%s:%s]" % (dev["subsystem_vendor_id"], dev["subsystem_device_id"]),
             "used by media-server (shut off)"):
    if want not in joined:
        fail("the details never show %r" % want)
nospace = re.sub(r"\s", "", "".join(lines))
if "sysfs" + dev["sysfs_path"] not in nospace:
    fail("the details never show the sysfs path %s" % dev["sysfs_path"])
if numa in words(" ".join(pane(shots[0], 0, LW - 1))):
    fail("the numa node is on the first page: the test proves no scrolling")

# z: the focused findings fill the screen; Esc brings the tree back.
z = dump(d, "zoom")
if not z[2].lstrip().startswith("Findings"):
    fail("z did not put the findings title on row 2: %r" % z[2])
if any("IOMMU group 0 " in r or "[x]" in r for r in z):
    fail("the zoomed findings still show the tree")
if max(len(r.rstrip()) for r in z[3:LINES - 2]) <= COLS - LW:
    fail("the zoomed findings are not wider than the pane")
if "[x] 0000:01:00.0" not in "".join(dump(d, "unzoom")):
    fail("Esc did not bring the tree back")

# The dialog: full frame with corners, title in the top border; y on
# an attach with errors says why inside the frame.
def frame(rows, tl, tr, bl, br):
    top = [i for i, r in enumerate(rows) if tl in r]
    if not top:
        return None
    y = top[0]
    x0, x1 = rows[y].index(tl), rows[y].index(tr)
    bot = [i for i, r in enumerate(rows) if i > y and len(r) > x1 and r[x0] == bl and r[x1] == br]
    if not bot:
        return None
    return y, x0, bot[0], x1


c = dump(d, "confirm-y")
fr = frame(c, "\u250c", "\u2510", "\u2514", "\u2518")
if not fr:
    fail("the confirmation has no frame with four corners")
else:
    y0, x0, y1, x1 = fr
    if "Attach to win11-gaming" not in c[y0]:
        fail("the confirmation's title is not in its top border")
    for y in range(y0 + 1, y1):
        if c[y][x0] not in "\u2502\u251c" or c[y][x1] not in "\u2502\u2524":
            fail("the confirmation's side border is broken on row %d" % y)
            break
    inside = words(" ".join(r[x0 + 1:x1] for r in c[y0 + 1:y1]))
    if "the checks found errors" not in inside:
        fail("y on an attach with errors does not say why inside the dialog")
    if any("the checks found errors" in r for r in c[y1 + 1:]):
        fail("the reason is also outside the dialog")

# A long status message ends in an ellipsis; the log holds it whole.
s = dump(d, "long-status")[LINES - 2]
if not s.rstrip().endswith("\u2026") or len(s.rstrip()) != COLS:
    fail("the cut status line does not end in an ellipsis: %r" % s)
log = dump(d, "log")
m = re.search(r"no match for '([^']*)", "".join(log[:LINES - 2]))
typed = "no-such-device-" + "x" * 90 + "-end"
logtext = re.sub(r"[\s\u2502]", "", "".join(log))
if "nomatchfor'%s'" % typed not in logtext:
    fail("the message log does not hold the long message whole")
if "the checks found errors" not in words(" ".join(log)):
    fail("the message log does not hold the dialog's message")
if not re.search(r"\d\d:\d\d:\d\d  ", "".join(log)):
    fail("the log's messages have no time")

# ASCII mode: "+" corners and "~" for a cut line.
p = dump(a, "picker")
if not frame(p, "+", "+", "+", "+") or "Choose the target domain" not in "".join(p):
    fail("the ASCII picker has no frame with + corners")
s = dump(a, "long-status")[LINES - 2]
if not s.rstrip().endswith("~"):
    fail("the cut status line in ASCII mode does not end in ~: %r" % s)

# At 80 columns the Findings title and the hint fit, whole.
m0 = dump(d, "marked")
if "Findings: 1 error, 1 warning, 1 note" not in m0[TITLE]:
    fail("the Findings title does not fit at 80 columns: %r" % m0[TITLE])

sys.exit(1 if bad else 0)
EOF

# The hint with nothing marked, whole at 80 columns.
grep -q "Mark devices with Space (or a whole group with" "$A/start.txt" ||
    fail "the no-selection hint is cut at 80 columns"
grep -q "g) to see whether they can go to a guest." "$A/start.txt" ||
    fail "the no-selection hint is cut at 80 columns"

# In a real terminal the focused pane's title is drawn unlike the
# other's (tmux -e gives the attributes): Tab moves that, S-Tab back.
if command -v tmux >/dev/null 2>&1; then
    tmux_init panes panes
    tm new-session -d -s "$S" -x 80 -y 24 \
        "env LANG=C.UTF-8 TERM=xterm-256color '$VFIOTUI' --demo; sleep 60"
    wait_for "IOMMU group 0"
    tm send-keys -t "$S" / G T X Enter Space
    wait_for "Findings: 1 error"
    cat > "$T/sgr.py" <<'PY'
import re, sys
# the SGR state (fg, bg, bold, reverse) at the first letter of argv[1]
# on the row of the pane titles
word = sys.argv[1]
for line in sys.stdin:
    if "Details" not in line or "Findings" not in line:
        continue
    st = {}
    for tok in re.split(r"(\x1b\[[0-9;]*m)", line):
        if not tok.startswith("\x1b["):
            if word in tok:
                print(sorted((str(k), str(v)) for k, v in st.items()))
                break
            continue
        codes = [int(c) if c else 0 for c in tok[2:-1].split(";")]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                st = {}
            elif c in (38, 48):
                st["fg" if c == 38 else "bg"] = codes[i + 1:i + 3]
                i += 2
            elif 30 <= c <= 37 or 90 <= c <= 97:
                st["fg"] = c
            elif 40 <= c <= 47 or 100 <= c <= 107:
                st["bg"] = c
            elif c == 39:
                st.pop("fg", None)
            elif c == 49:
                st.pop("bg", None)
            elif c in (1, 7):
                st[c] = True
            elif c in (22, 27):
                st.pop(1 if c == 22 else 7, None)
            i += 1
    break
PY
    attrs() {
        sleep 0.3
        tm capture-pane -e -p -t "$S" | PYTHONDONTWRITEBYTECODE=1 python3 "$T/sgr.py" "$1"
    }
    d0=$(attrs Details); f0=$(attrs Findings)
    tm send-keys -t "$S" Tab
    d1=$(attrs Details); f1=$(attrs Findings)
    tm send-keys -t "$S" Tab
    d2=$(attrs Details); f2=$(attrs Findings)
    tm send-keys -t "$S" BTab
    d3=$(attrs Details)
    [ -n "$d0" ] && [ -n "$f0" ] || fail "no pane titles in the tmux capture"
    [ "$d1" != "$d0" ] || fail "Tab to the details does not highlight their title"
    [ "$f1" = "$f0" ] || fail "Tab to the details changed the findings' title"
    [ "$d2" = "$d0" ] && [ "$f2" != "$f0" ] ||
        fail "the second Tab does not move the highlight to the findings"
    [ "$d3" = "$d1" ] || fail "S-Tab does not bring the highlight back to the details"
    tm send-keys -t "$S" q
fi
finish
