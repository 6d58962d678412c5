#!/bin/sh
# install-destdir.sh - `make install` into a DESTDIR lists every file it
# installs (all where they belong: the program, the man page, the data,
# the catalogues, both completions), the staged program runs, and
# `make uninstall` leaves no file behind (empty directories only).
. "${top_srcdir:-.}/tests/lib.sh"

: "${MAKE:=make}"
dest=$T/dest

if ! $MAKE -s -C "$top_builddir" install DESTDIR="$dest" > "$T/install.log" 2>&1; then
    cat "$T/install.log" >&2
    fail "make install DESTDIR failed"
    finish
fi
echo "installed files:"
(cd "$dest" && find . \( -type f -o -type l \) | sed 's|^\.||' | sort) | tee "$T/files"

# expect PATTERN WHAT: one installed file's path (under DESTDIR) matches
expect() {
    if grep -qx -- "$1" "$T/files"; then ok "installed: $2"; else fail "not installed: $2 ($1)"; fi
}
expect '.*/bin/vfiotui' 'the program'
expect '.*/man/man1/vfiotui\.1' 'the man page'
expect '.*/vfiotui/demo\.host' 'the demo host'
expect '.*/vfiotui/list\.schema\.json' 'the JSON schemas'
for lang in $(sed 's/#.*//' "$top_srcdir/po/LINGUAS"); do
    expect ".*/locale/$lang/LC_MESSAGES/vfiotui\.mo" "the $lang catalogue"
done
if [ -n "${BASH_COMPLETION_DIR:-}" ]; then
    expect "$BASH_COMPLETION_DIR/vfiotui" 'the bash completion, where bash-completion looks'
fi
if [ -n "${ZSH_COMPLETION_DIR:-}" ]; then
    expect "$ZSH_COMPLETION_DIR/_vfiotui" 'the zsh completion, in site-functions'
fi
# nothing that a build leaves about (objects, libraries, test programs)
if grep -E '\.(o|a)$|/check_|/mkhost$' "$T/files"; then
    fail "build leftovers were installed"
fi

# the loaders find the staged completions under the names they look for:
# bash-completion's by the command's name in a completions directory,
# zsh's compinit by the #compdef line of a file on its fpath
bc=$(pkg-config --variable=datadir bash-completion 2>/dev/null)/bash-completion/bash_completion
if [ -n "${BASH_COMPLETION_DIR:-}" ] && [ -f "$bc" ] &&
    [ "$(basename "$BASH_COMPLETION_DIR")" = completions ]; then
    got=$(BASH_COMPLETION_USER_DIR=$dest$(dirname "$BASH_COMPLETION_DIR") bash -c '
        . "$1"; __load_completion vfiotui; complete -p vfiotui' sh "$bc" 2>&1)
    case $got in
    *'-F _vfiotui vfiotui'*) ok "bash-completion loads the staged completion: $got" ;;
    *) fail "bash-completion does not load the staged completion: $got" ;;
    esac
fi
if [ -n "${ZSH_COMPLETION_DIR:-}" ] && command -v zsh > /dev/null 2>&1; then
    got=$(HOME=$T zsh -f -c 'fpath=("$1" $fpath); autoload -U compinit; compinit -u -d "$2"
        print -r -- "$_comps[vfiotui]"' zsh "$dest$ZSH_COMPLETION_DIR" "$T/zcompdump" 2>&1)
    if [ "$got" = _vfiotui ]; then
        ok "zsh's compinit binds the staged _vfiotui"
    else
        fail "zsh's compinit does not bind the staged _vfiotui: $got"
    fi
fi

# the staged copy runs on its own: the demo is built in
bin=$dest$(grep '/bin/vfiotui$' "$T/files")
if [ -x "$bin" ] && "$bin" --demo list --groups > "$T/groups" 2>&1 && [ -s "$T/groups" ]; then
    ok "the staged program runs the demo"
else
    fail "the staged program does not run: $(cat "$T/groups" 2>/dev/null)"
fi

if ! $MAKE -s -C "$top_builddir" uninstall DESTDIR="$dest" > "$T/uninstall.log" 2>&1; then
    cat "$T/uninstall.log" >&2
    fail "make uninstall DESTDIR failed"
fi
left=$(cd "$dest" && find . \( -type f -o -type l \) | sed 's|^\.||' | sort)
if [ -n "$left" ]; then
    fail "make uninstall left files behind:
$left"
else
    ok "make uninstall removed all $(wc -l < "$T/files") files (empty directories stay)"
fi
finish
