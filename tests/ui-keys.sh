#!/bin/sh
# ui-keys.sh - keys, prompts, the mouse and the terminal, in a real
# terminal (tmux): letters and Esc-digit for every F-key under
# TERM=vt100, clear errors for unknown and dumb terminals, the prompts'
# readline editing proven by the files they write, and raw mouse
# reports (X10, as tmux-256color's kmous asks) for the wheel, the key
# bar and the tree.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || { fail "tmux is not installed"; finish; }
tmux_init keys keys
RUN=0

# start COLS LINES [VAR=VALUE...]: a new server running the demo
start() {
    cols=$1 lines=$2
    shift 2
    tm kill-server >/dev/null 2>&1
    RUN=$((RUN + 1))
    SOCK=vfiotui-keys-$$-$RUN
    tm new-session -d -s "$S" -x "$cols" -y "$lines" -c "$T" \
        "env LANG=C.UTF-8 $* '$VFIOTUI' --demo 2>'$T/stderr'; echo \"EXITED rc=\$?\"; sleep 60"
}

# wait_gone TEXT: poll until TEXT has left the screen
wait_gone() {
    i=0
    while [ $i -lt 100 ]; do
        tm capture-pane -p -t "$S" > "$T/screen"
        grep -qF -- "$1" "$T/screen" || { ok "screen no longer shows '$1'"; return 0; }
        sleep 0.1
        i=$((i + 1))
    done
    fail "screen still shows '$1':"
    cat "$T/screen" >&2
    return 1
}

# row N: line N (0-based) of the screen as last captured
row() {
    sed -n "$(($1 + 1))p" "$T/screen"
}

# mouse BUTTON X Y: an X10 mouse report (ESC [ M, then 32 + button,
# 33 + column, 33 + row); button 0 press, 3 release, 64 wheel up, 65
# wheel down
mouse() {
    tm send-keys -t "$S" -H 1b 5b 4d "$(printf %x $((32 + $1)))" \
        "$(printf %x $((33 + $2)))" "$(printf %x $((33 + $3)))"
}
click() {
    mouse 0 "$1" "$2"
    mouse 3 "$1" "$2"
}

# ---- terminals that cannot run the interface -------------------------
start 100 30 TERM=nosuchterm
wait_for "EXITED rc=2"
grep -q "unknown terminal type 'nosuchterm'; set TERM" "$T/stderr" &&
    ok "unknown TERM says so" || fail "unknown TERM: stderr was: $(cat "$T/stderr")"
start 100 30 TERM=dumb
wait_for "EXITED rc=2"
grep -q "terminal type 'dumb' cannot move the cursor" "$T/stderr" &&
    ok "TERM=dumb says so" || fail "TERM=dumb: stderr was: $(cat "$T/stderr")"
grep -q "IOMMU group" "$T/screen" && fail "TERM=dumb drew the interface anyway"

# ---- TERM=vt100: every action by letter and by Esc-digit -------------
start 100 30 TERM=vt100
wait_for "IOMMU group 0"
tm send-keys -t "$S" Escape 5
wait_for "rescanned: 26 devices"
tm send-keys -t "$S" d
wait_for "Choose the target domain"
tm send-keys -t "$S" Enter
wait_for "target fedora-dev"
tm send-keys -t "$S" / 3 d : 0 0 . 0 Enter Space
wait_for "marked 0000:3d:00.0"
tm send-keys -t "$S" r
wait_for "rescanned: 26 devices"
tm send-keys -t "$S" x
wait_for "Detach from fedora-dev"
# a lone Esc is still Esc: it cancels once the wait for a digit is over
tm send-keys -t "$S" Escape
wait_gone "Detach from fedora-dev"
tm send-keys -t "$S" Escape 9
wait_for "Detach from fedora-dev"
tm send-keys -t "$S" n
wait_gone "Detach from fedora-dev"
tm send-keys -t "$S" Escape 1
wait_for "Help: "
tm send-keys -t "$S" q
wait_gone "Help: "
tm send-keys -t "$S" Escape 0
wait_for "EXITED rc=0"

# ---- the write prompt, edited as with readline -----------------------
D=$T/out
mkdir -p "$D/target-dir"
start 100 30
wait_for "IOMMU group 0"
tm send-keys -t "$S" / a 1 2 f Enter g
wait_for "marked the 2 endpoints of group 3"
# C-a, Right and an insertion: "bd.xml" becomes "$D/abcd.xml"
tm send-keys -t "$S" w
wait_for "Write the XML to file: hostdevs.xml"
tm send-keys -t "$S" C-u
tm send-keys -t "$S" -l "bd.xml"
tm send-keys -t "$S" C-a
tm send-keys -t "$S" -l "$D/a"
tm send-keys -t "$S" Right c Enter
wait_for "wrote 2 hostdevs to"
[ -f "$D/abcd.xml" ] && ok "C-a, Right and insert wrote abcd.xml" ||
    fail "no $D/abcd.xml: $(ls "$D")"
# the last path comes back; C-w erases a word (back to a space)
tm send-keys -t "$S" w
wait_for "Write the XML to file: $D/abcd.xml"
tm send-keys -t "$S" C-u
tm send-keys -t "$S" -l "$D/x y"
tm send-keys -t "$S" C-w
tm send-keys -t "$S" -l "z.xml"
tm send-keys -t "$S" Enter
wait_for "wrote 2 hostdevs to $D/x z.xml"
[ -f "$D/x z.xml" ] && ok "C-w erased a word" || fail "no '$D/x z.xml': $(ls "$D")"
# history: Up Up is the first file name; End, Left x4 and "2"
tm send-keys -t "$S" w
wait_for "Write the XML to file:"
tm send-keys -t "$S" C-u Up Up End Left Left Left Left 2 Enter
wait_for "wrote 2 hostdevs to $D/abcd2.xml"
[ -f "$D/abcd2.xml" ] && ok "history and Left wrote abcd2.xml" || fail "no abcd2.xml: $(ls "$D")"
# Tab completes a directory
tm send-keys -t "$S" w
wait_for "Write the XML to file:"
tm send-keys -t "$S" C-u
tm send-keys -t "$S" -l "$D/tar"
tm send-keys -t "$S" Tab
wait_for "$D/target-dir/"
tm send-keys -t "$S" -l "out.xml"
tm send-keys -t "$S" Enter
wait_for "wrote 2 hostdevs to $D/target-dir/out.xml"
[ -f "$D/target-dir/out.xml" ] && ok "Tab completed the directory" ||
    fail "no target-dir/out.xml: $(ls -R "$D")"
# the cursor shows, and moves by display cells: the label is 23 cells,
# then e-acute (1 cell), a CJK character (2) and x
tm send-keys -t "$S" w
wait_for "Write the XML to file:"
tm send-keys -t "$S" C-u
tm send-keys -t "$S" -l "$(printf 'x\303\251\344\270\255x')"
wait_for "Write the XML to file: x"
cursor() {
    sleep 0.3
    got=$(tm display -p -t "$S" '#{cursor_flag} #{cursor_x},#{cursor_y}')
    [ "$got" = "1 $1,28" ] && ok "the cursor is visible at $1,28" ||
        fail "the cursor is at '$got' (flag x,y), wanted '1 $1,28'"
}
cursor 28
tm send-keys -t "$S" Left
cursor 27
tm send-keys -t "$S" Left
cursor 25
tm send-keys -t "$S" C-a
cursor 23
tm send-keys -t "$S" C-e
cursor 28
# Esc closes the prompt, and the old status message stays gone
tm send-keys -t "$S" w
wait_for "Write the XML to file:"
tm send-keys -t "$S" Escape
wait_gone "Write the XML to file:"
grep -q "wrote 2 hostdevs" "$T/screen" && fail "the old status message came back after Esc"
tm send-keys -t "$S" q
wait_for "EXITED rc=0"

# ---- the mouse -------------------------------------------------------
start 100 30
wait_for "IOMMU group 0"
# a click on a group's row folds it
row 3 | grep -q "0000:00:02.0" || fail "row 3 is not group 0's device (the test is wrong)"
click 20 2
wait_for "IOMMU group 0   1 device"
sleep 0.3
tm capture-pane -p -t "$S" > "$T/screen"
row 3 | grep -q "0000:00:02.0" && fail "a click on group 0 did not fold it" ||
    ok "a click on a group folds it"
click 20 2
sleep 0.3
tm capture-pane -p -t "$S" > "$T/screen"
row 3 | grep -q "0000:00:02.0" && ok "a second click unfolds it" || fail "a second click did not unfold group 0"
# a click on a device's row moves the cursor there; on its mark box, marks it
click 40 5
sleep 0.3
tm capture-pane -p -t "$S" > "$T/screen"
row 5 | grep -q "^> \[ \] 0000:00:00.0" && ok "a click on a device moves the cursor" ||
    fail "a click on row 5 did not move the cursor there: $(row 5)"
click 3 5
wait_for "marked 0000:00:00.0"
row 5 | grep -q "^> \[x\] 0000:00:00.0" && ok "a click on the mark box marks" ||
    fail "a click on the mark box: $(row 5)"
# the wheel scrolls the tree
mouse 65 10 10
sleep 0.3
tm capture-pane -p -t "$S" > "$T/screen"
row 2 | grep -q "IOMMU group 0" && fail "the wheel did not scroll: $(row 2)" ||
    ok "the wheel scrolls down"
mouse 64 10 10
sleep 0.3
tm capture-pane -p -t "$S" > "$T/screen"
row 2 | grep -q "IOMMU group 0" && ok "the wheel scrolls back up" || fail "wheel up: $(row 2)"
# a click on a label of the key bar runs it: where the bar drew it
bar=$(row 29)
for label in F2Domain F1Help; do
    x=$(awk -v b="$bar" -v l="$label" 'BEGIN { print index(b, l) + 1 }')
    [ "$x" -gt 1 ] || { fail "no $label on the key bar: $bar"; continue; }
    click "$x" 29
    case $label in
    F2Domain) wait_for "Choose the target domain"; tm send-keys -t "$S" Escape
              wait_gone "Choose the target domain" ;;
    F1Help) wait_for "Help: " ;;
    esac
done
x=$(awk -v b="$bar" 'BEGIN { print index(b, "F10Quit") + 4 }')
click 0 0                   # closes the help, as any key does
wait_gone "Help: "
click "$x" 29
wait_for "EXITED rc=0"
finish
