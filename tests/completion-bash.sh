#!/bin/sh
# completion-bash.sh - the bash completion (data/completion/vfiotui.bash)
# run by a real bash with bash-completion loaded: COMP_WORDS, COMP_CWORD,
# COMP_LINE and COMP_POINT set as readline sets them, the completion
# function called, COMPREPLY read.  The program it runs is the built one.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "${top_srcdir:-.}/tests/lib.sh"

bc=$(pkg-config --variable=datadir bash-completion 2>/dev/null)/bash-completion/bash_completion
[ -f "$bc" ] || bc=/usr/share/bash-completion/bash_completion
if [ ! -f "$bc" ]; then
    echo "SKIP: bash-completion is not installed (apt-get install bash-completion)"
    exit 77
fi
# bash_completion wants an interactive-looking shell; it reads nothing else
. "$bc"
set +u    # bash-completion's functions expect unset variables to be empty
. "$top_srcdir/data/completion/vfiotui.bash"
PATH=$(dirname "$VFIOTUI"):$PATH

# complete LINE: split LINE into words as readline does with the
# default COMP_WORDBREAKS (blanks end a word; a run of : or = is a word
# of its own; quotes hold a word together, and stay in it), complete the
# last word, print COMPREPLY one a line, sorted.
complete_line() {
    local line=$1 w= c i kind= q=
    local -a ws=()
    for ((i = 0; i < ${#line}; i++)); do
        c=${line:i:1}
        if [[ -n $q ]]; then
            w+=$c
            [[ $c == "$q" ]] && q=
        elif [[ $c == [\'\"] ]]; then
            [[ -n $w && $kind == b ]] && { ws+=("$w"); w=; }
            w+=$c kind=w q=$c
        elif [[ $c == ' ' ]]; then
            [[ -n $w ]] && ws+=("$w")
            w= kind=
        elif [[ $c == [:=] ]]; then
            [[ -n $w && $kind != b ]] && { ws+=("$w"); w=; }
            w+=$c kind=b
        else
            [[ -n $w && $kind == b ]] && { ws+=("$w"); w=; }
            w+=$c kind=w
        fi
    done
    ws+=("$w")
    COMP_WORDS=("${ws[@]}")
    COMP_CWORD=$((${#ws[@]} - 1))
    COMP_LINE=$line
    COMP_POINT=${#line}
    COMPREPLY=()
    _vfiotui vfiotui "${ws[-1]}" "${ws[-2]:-}"
    printf '%s\n' "${COMPREPLY[@]}" | sort
}

# expect LINE WANT...: the completions of LINE are exactly WANT.
expect() {
    local line=$1 got want
    shift
    got=$(complete_line "$line" | tr '\n' ' ')
    want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
    if [[ $got == "$want" ]]; then
        ok "'$line' -> $got"
    else
        fail "'$line' -> '$got', want '$want'"
    fi
}

# has LINE WORD...: the completions of LINE include each WORD.
has() {
    local line=$1 got w
    shift
    got=" $(complete_line "$line" | tr '\n' ' ')"
    for w; do
        if [[ $got != *" $w "* ]]; then
            fail "'$line' -> '$got', want $w among them"
            return
        fi
    done
    ok "'$line' has $*"
}

# the commands, from --help: every one of them
cmds=$(LC_ALL=C "$VFIOTUI" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\).*/\1/p')
# shellcheck disable=SC2086
expect 'vfiotui ' $cmds
expect 'vfiotui --demo li' list
expect 'vfiotui help ch' check
expect 'vfiotui --demo --' --demo --sysroot --connect --source --no-domains --quiet --help --version

# options per command
has 'vfiotui --demo list --' --json --addresses --groups --demo --quiet
expect 'vfiotui --demo list --n' --no-domains
expect 'vfiotui --demo domains --n' --names --no-domains
expect 'vfiotui attach --d' --demo --dry-run
expect 'vfiotui --source ' libvirt sysfs
expect 'vfiotui --source=s' sysfs

# domain names, from the host the line names (the demo, -c URI)
expect 'vfiotui --demo attach ' fedora-dev media-server router win11-gaming
expect 'vfiotui --demo check --domain r' router
expect 'vfiotui -c test:///default detach ' test
stale=test://$top_srcdir/tests/domains/stale.xml
expect "vfiotui --connect=$stale attach " "$("$VFIOTUI" -c "$stale" domains --names)"

# PCI addresses and groups of that host: the demo, a --sysroot tree
# readline inserts after the last ':', so that is what COMPREPLY holds
expect 'vfiotui --demo check 0000:05:1' 10.0 10.4
expect 'vfiotui --demo attach router 0000:01:' 00.0 00.1
expect 'vfiotui --demo xml 3' 3d:00.0 3e:00.0
expect 'vfiotui --demo xml --group 1' 1 11 12 13 14 15 16 17 18 19
root=$(host desktop-gpu)
expect "vfiotui --sysroot $root check 0000:00:1" 14.0 17.0 1f.0 1f.4 1f.6
expect "vfiotui --sysroot $root check 0" 0000:00:00.0 0000:00:01.0 0000:00:02.0 0000:00:14.0 \
    0000:00:17.0 0000:00:1f.0 0000:00:1f.4 0000:00:1f.6 0000:01:00.0 0000:01:00.1
expect "vfiotui --sysroot=$root check --group " 0 1 2 3 4 5 6
expect "vfiotui --sysroot $T/missing check 0" 
# quoted words reach the program unquoted
cp -a "$root" "$T/a b"
expect "vfiotui --sysroot '$T/a b' check --group " 0 1 2 3 4 5 6
expect "vfiotui --sysroot=\"$T/a b\" check --group " 0 1 2 3 4 5 6
expect "vfiotui -c '$stale' attach " vf-guest

# files and directories
mkdir "$T/cwd" "$T/cwd/dumps"
: > "$T/cwd/guest.xml"
cd "$T/cwd" || exit 2
expect 'vfiotui --demo write g' guest.xml
expect 'vfiotui --demo ui --dump-dir d' dumps

# nothing after an argument list that does not repeat, or for a bare flag
expect 'vfiotui --demo list ' 
expect 'vfiotui --demo help list '
finish
