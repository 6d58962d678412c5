#!/bin/sh
# completion-zsh.sh - the zsh completion (data/completion/_vfiotui) in a
# real interactive zsh on a pseudo-terminal (zpty): compinit loads it
# from fpath, a line is typed and completed with Tab, and compadd is
# wrapped to print every match it is given; that is what is compared.
. "${top_srcdir:-.}/tests/lib.sh"

if ! command -v zsh > /dev/null 2>&1; then
    echo "SKIP: zsh is not installed (apt-get install zsh)"
    exit 77
fi
PATH=$(dirname "$VFIOTUI"):$PATH
export PATH
mkdir "$T/fpath" "$T/home"
cp "$top_srcdir/data/completion/_vfiotui" "$T/fpath/"

# The driver: an interactive zsh -f on a pty; the line is typed, Tab
# completes it, and the wrapped compadd prints its matches between two
# NUL lines (pre and post functions), then the inner shell exits.
cat > "$T/init.zsh" <<INIT
PROMPT=
fpath=($T/fpath \$fpath)
autoload -U compinit
compinit -u -d $T/zcompdump
bindkey '^I' complete-word
zstyle ':completion:*' insert-tab false
null-line() { print -rn -- \$'\\0\\n' }
compprefuncs=(null-line)
comppostfuncs=(null-line exit)
compadd() {
    if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then
        builtin compadd "\$@"
        return
    fi
    local -a __hits
    builtin compadd -A __hits "\$@"
    (( \$#__hits )) || return 1
    print -rl -- "HIT:"\${^__hits}
    builtin compadd "\$@"
}
print ok-init
INIT

cat > "$T/drive.zsh" <<'DRIVE'
zmodload zsh/zpty
zpty z HOME=$2 zsh -f -i
zpty -w z "source ${(q)1}"
local line
repeat 20; do
    zpty -r -t z line 2>/dev/null && [[ $line == *ok-init* ]] && break
    sleep 0.1
done
zpty -w -n z "$3"$'\t'
# every match, until the inner shell ends
while zpty -r z line; do
    [[ $line == HIT:* ]] && print -r -- ${${${line#HIT:}%$'\n'}%$'\r'}
done
zpty -d z
DRIVE

# complete LINE: the matches, sorted, one a line
complete_line() {
    (cd "${CWD:-.}" && timeout 20 zsh -f "$T/drive.zsh" "$T/init.zsh" "$T/home" "$1") |
        grep -v "^$" | sort -u
}

expect() {
    line=$1
    shift
    got=$(complete_line "$line" | tr '\n' ' ')
    want=$(printf '%s\n' "$@" | sort -u | tr '\n' ' ')
    [ -z "$*" ] && want=
    if [ "$got" = "$want" ]; then
        ok "'$line' -> $got"
    else
        fail "'$line' -> '$got', want '$want'"
    fi
}

cmds=$(LC_ALL=C "$VFIOTUI" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\).*/\1/p')
# shellcheck disable=SC2086
expect 'vfiotui ' $cmds
expect 'vfiotui --demo li' list
expect 'vfiotui --demo domains --n' --names --no-domains
expect 'vfiotui --source=l' libvirt
expect 'vfiotui --demo attach ' fedora-dev media-server router win11-gaming
expect 'vfiotui -c test:///default detach ' test
expect 'vfiotui --demo check 0000:05:1' 0000:05:10.0 0000:05:10.4
expect 'vfiotui --demo check 01:' 01:00.0 01:00.1
expect 'vfiotui --demo xml --group 1' 1 11 12 13 14 15 16 17 18 19
root=$(host desktop-gpu)
expect "vfiotui --sysroot $root check --group " 0 1 2 3 4 5 6
# quoted words reach the program unquoted
cp -a "$root" "$T/a b"
expect "vfiotui --sysroot '$T/a b' check --group " 0 1 2 3 4 5 6
expect "vfiotui --sysroot=\"$T/a b\" check --group " 0 1 2 3 4 5 6
stale=test://$top_srcdir/tests/domains/stale.xml
expect "vfiotui -c '$stale' attach " vf-guest
mkdir "$T/cwd"
: > "$T/cwd/guest.xml"
CWD=$T/cwd expect 'vfiotui --demo write g' guest.xml
finish
