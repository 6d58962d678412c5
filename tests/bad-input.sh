#!/bin/sh
# bad-input.sh - the table-driven bad-input suite: every row of
# tests/bad-input.table breaks a fresh fixture host (or hands the program
# a bad file, address or URI), runs one command, and states the outcome.
#
# Besides the row's own exit status and pattern, every row must:
#   - finish (a hang is exit 124 from timeout(1) and a failure);
#   - print no sanitizer report;
#   - put no raw ESC byte on stdout or stderr;
#   - leave every file named by a `keep` step byte-identical.
# A row whose flags include json must print JSON that python3 accepts.
. "$top_srcdir/tests/lib.sh"

TABLE=$top_srcdir/tests/bad-input.table
[ -f "$TABLE" ] || { fail "no $TABLE"; finish; }
chmod 755 "$T"
ESC=$(printf '\033')
rows=0

# The fixture hosts are built once and copied for each row.
for h in desktop-gpu lvm-nvme mdev-host; do
    host "$h" > /dev/null
done

# apply ROOT W STEP: one setup step.  Paths are relative to the sysroot
# ROOT; @W is the row's scratch directory.
apply() {
    root=$1; w=$2; step=$3
    set -- $step
    op=$1; shift
    # Path operands may hold escapes too (\033, \377): a file name with
    # an ESC byte or invalid UTF-8 is one of the bad inputs.
    case $op in
    write|writen|append|file) ;;
    *) a1=$(printf '%b' "${1-}"); a2=$(printf '%b' "${2-}")
       set -- "$a1" "$a2" ;;
    esac
    case $op in
    write)  p=$1; shift; printf '%b' "$*" > "$root/$p" ;;
    writen) p=$1; shift; printf '%b\n' "$*" > "$root/$p" ;;
    append) p=$1; shift; printf '%b\n' "$*" >> "$root/$p" ;;
    rm)     rm -rf "$root/$1" ;;
    fifo)   rm -rf "$root/$1"; mkfifo "$root/$1" ;;
    zero)   rm -rf "$root/$1"; ln -s /dev/zero "$root/$1" ;;
    ln)     rm -rf "$root/$2"; ln -s "$1" "$root/$2" ;;
    loop)   rm -rf "$root/$1"; ln -s "$(basename "$1")" "$root/$1" ;;
    mkdir)  rm -rf "$root/$1"; mkdir -p "$root/$1" ;;
    mv)     mv "$root/$1" "$root/$2" ;;
    chmod)  chmod "$1" "$root/$2" ;;
    big)    head -c "$2" /dev/zero | tr '\0' 'a' > "$root/$1" ;;
    file)   p=$1; shift; printf '%b' "$*" > "$w/$p" ;;
    cpfile) cp "$top_srcdir/$1" "$w/$2" ;;
    wfifo)  mkfifo "$w/$1" ;;
    wln)    ln -s "$1" "$w/$2" ;;
    keep)   cksum < "$w/$1" > "$w/.keep.$1" ;;
    *)      echo "bad-input.table: unknown step '$op'" >&2; return 1 ;;
    esac
}

# The table: name | host | setup steps (;-separated) | flags | exit | pattern | args
while IFS='|' read -r name hostname steps flags want pattern args; do
    name=$(printf "%s\n" "$name" | sed 's/^ *//; s/ *$//')
    case $name in ''|'#'*) continue ;; esac
    hostname=$(printf "%s\n" "$hostname" | tr -d ' ')
    flags=$(printf "%s\n" "$flags" | tr -d ' ')
    want=$(printf "%s\n" "$want" | tr -d ' ')
    pattern=$(printf "%s\n" "$pattern" | sed 's/^ *//; s/ *$//; s/~/|/g')
    args=$(printf "%s\n" "$args" | sed 's/^ *//; s/ *$//')
    rows=$((rows + 1))

    R=$T/row/$name
    W=$R.w
    rm -rf "$R" "$W"
    mkdir -p "$T/row" "$W"
    if [ "$hostname" != - ]; then
        cp -a "$T/$hostname" "$R"
    else
        mkdir -p "$R"
    fi
    broken=0
    oldifs=$IFS; IFS=';'
    for step in $steps; do
        IFS=$oldifs
        step=$(printf "%s\n" "$step" | sed 's/^ *//; s/ *$//')
        [ -n "$step" ] && [ "$step" != - ] || continue
        apply "$R" "$W" "$step" || broken=1
    done
    IFS=$oldifs
    [ "$broken" -eq 0 ] || { fail "$name: setup failed"; continue; }

    # @ROOT and @W in the arguments; the sysroot goes first unless the
    # row sets its own host options.
    args=$(printf "%s\n" "$args" | sed "s#@ROOT#$R#g; s#@W#$W#g")
    case " $flags " in
    *nosysroot*) pre= ;;
    *) pre="--sysroot $R --no-domains" ;;
    esac
    runner=
    case " $flags " in *nobody*) runner="runuser -u nobody --" ;; esac

    # shellcheck disable=SC2086
    eval "timeout 20 $runner \"\$VFIOTUI\" $pre $args" > "$T/out" 2> "$T/err" < /dev/null
    got=$?
    if [ "$got" -eq 124 ]; then
        fail "$name: did not finish in 20 s"
        continue
    fi
    case ",$want," in
    *",$got,"*) ;;
    *) fail "$name: exit $got, wanted $want; stderr: $(head -c 600 "$T/err")"; continue ;;
    esac
    if grep -q -e 'AddressSanitizer' -e 'runtime error:' -e 'LeakSanitizer' "$T/err"; then
        fail "$name: sanitizer report: $(head -c 2000 "$T/err")"
        continue
    fi
    if [ -n "$pattern" ] && [ "$pattern" != - ] &&
        ! cat "$T/out" "$T/err" | grep -q -E -e "$pattern"; then
        fail "$name: output does not match /$pattern/: $(head -c 800 "$T/out") | $(head -c 600 "$T/err")"
        continue
    fi
    if cat "$T/out" "$T/err" | grep -q "$ESC"; then
        fail "$name: a raw ESC byte reached the output"
        continue
    fi
    case " $flags " in
    *json*)
        if ! python3 -c 'import json,sys; json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))' "$T/out" 2> "$T/pyerr"; then
            fail "$name: stdout is not valid UTF-8 JSON: $(cat "$T/pyerr")"
            continue
        fi ;;
    esac
    kept=1
    for k in "$W"/.keep.*; do
        [ -e "$k" ] || continue
        f=$W/${k##*/.keep.}
        if [ "$(cksum < "$f" 2>/dev/null)" != "$(cat "$k")" ]; then
            fail "$name: $f changed"
            kept=0
        fi
    done
    [ "$kept" -eq 1 ] || continue
    ok "$name (exit $got)"
done < "$TABLE"

[ "$rows" -ge 40 ] || fail "the table has $rows rows; the suite promises at least 40"
echo "bad-input: $rows rows"
finish
