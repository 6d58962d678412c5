# lib.sh - helpers for the shell tests; sourced, not run.
# The harness exports VFIOTUI, MKHOST, top_srcdir, top_builddir, LSPCI.
set -u

: "${top_srcdir:=.}"
: "${top_builddir:=.}"
: "${VFIOTUI:=$top_builddir/src/vfiotui}"
: "${MKHOST:=$top_builddir/tests/mkhost}"

T=$(mktemp -d "${TMPDIR:-/tmp}/vfiotui-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

ok() {
    echo "ok: $*"
}

finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures check(s) failed" >&2
        exit 1
    fi
    exit 0
}

# host NAME: build tests/hosts/NAME.host (or data/NAME.host) into $T/NAME
# and print the sysroot path.
host() {
    desc=$top_srcdir/tests/hosts/$1.host
    [ -f "$desc" ] || desc=$top_srcdir/data/$1.host
    mkdir -p "$T/$1"
    "$MKHOST" "$desc" "$T/$1" || { echo "mkhost failed for $1" >&2; exit 2; }
    echo "$T/$1"
}

# golden NAME FILE: compare FILE with tests/golden/NAME; with
# UPDATE_GOLDEN=1 in the environment, rewrite the golden file instead.
golden() {
    want=$top_srcdir/tests/golden/$1
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
        cp "$2" "$want"
        echo "updated $want"
        return 0
    fi
    if diff -u "$want" "$2"; then
        ok "golden $1"
    else
        fail "golden $1 differs (UPDATE_GOLDEN=1 rewrites it)"
    fi
}

# expect_status WANT DESCRIPTION CMD...: run CMD, compare its exit status.
expect_status() {
    want=$1; what=$2; shift 2
    "$@" > "$T/out" 2> "$T/err"
    got=$?
    if [ "$got" -eq "$want" ]; then
        ok "$what (exit $got)"
    else
        fail "$what: exit $got, wanted $want; stderr: $(cat "$T/err")"
    fi
}

# use_session_user: run libvirt session clients as an unprivileged user.
# As root, qemu:///session means the system socket, so a test user is
# created and the binary copied where that user can run it.  Defines
# as_user CMD... and sets $VT to the runnable copy of vfiotui.  An
# optional NAME gives a test a daemon of its own (one it may kill).
use_session_user() {
    SESSION_USER=${1:-vfiotui-test}
    chmod 755 "$T"
    cp "$VFIOTUI" "$T/vfiotui"
    chmod 755 "$T/vfiotui"
    VT=$T/vfiotui
    if [ "$(id -u)" -eq 0 ]; then
        # two daemon tests may run at once: the loser of a useradd race
        # finds the user made by the other
        id "$SESSION_USER" >/dev/null 2>&1 || useradd -m -s /bin/sh "$SESSION_USER" 2>/dev/null ||
            { sleep 1; id "$SESSION_USER" >/dev/null 2>&1; } ||
            { fail "cannot create user $SESSION_USER"; finish; }
        SESSION_HOME=$(getent passwd "$SESSION_USER" | cut -d: -f6)
        as_user() { runuser -u "$SESSION_USER" -- env HOME="$SESSION_HOME" LC_ALL=C.UTF-8 "$@"; }
    else
        SESSION_HOME=$HOME
        as_user() { "$@"; }
    fi
}

# tmux_init NAME SESSION: the test's own tmux server ($SOCK), killed at
# exit; tm runs tmux on it and $S names the session wait_for watches.
tmux_init() {
    SOCK=vfiotui-$1-$$
    S=$2
    trap 'tm kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT
}
tm() { tmux -L "$SOCK" "$@"; }

# wait_for TEXT: poll the screen of session $S until TEXT shows (20 s at
# most: a sanitizer build is slow); else show the screen, and the
# program's $T/stderr if the test keeps one, and run $WAIT_FOR_HOOK.
wait_for() {
    i=0
    while [ $i -lt 200 ]; do
        tm capture-pane -p -t "$S" > "$T/screen" 2>/dev/null
        grep -qF -- "$1" "$T/screen" && { ok "screen shows '$1'"; return 0; }
        sleep 0.1
        i=$((i + 1))
    done
    fail "screen never showed '$1'; it shows:"
    cat "$T/screen" >&2
    [ -s "$T/stderr" ] && sed 's/^/stderr: /' "$T/stderr" >&2
    ${WAIT_FOR_HOOK:-:}
    return 1
}

# prep_layer LAYER DIR: lays tests/hosts/prep/LAYER over the fixture in
# DIR, with the symlinks its LINKS file lists (PATH TARGET a line): a
# release tarball dereferences symlinks, so the layer cannot hold them.
prep_layer() {
    cp -R "$top_srcdir/tests/hosts/prep/$1/." "$2/" || return 1
    rm -f "$2/LINKS"
    [ -f "$top_srcdir/tests/hosts/prep/$1/LINKS" ] || return 0
    grep -v '^#' "$top_srcdir/tests/hosts/prep/$1/LINKS" | while read -r path target; do
        [ -n "$path" ] || continue
        mkdir -p "$2/$(dirname "$path")" && ln -sfn "$target" "$2/$path" || exit 1
    done
}
