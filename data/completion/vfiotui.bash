# vfiotui.bash - bash completion for vfiotui: commands, options, domain
# names, PCI addresses and IOMMU groups of the host the line names.
#
# The commands and options come from the program's own --help (in the C
# locale), so a new command or option completes without a change here.

# Prints the program's commands and options, one a line:
#   c NAME ARG...            a command and its arguments (ADDRESS..., FILE...)
#   o --NAME ARG CMD,CMD     an option, its argument or "-", and the
#                            commands that take it ("*": every command)
# --help pads each entry to column 29; the help text starts there, or
# on the next line when the entry is wider.
_vfiotui_spec()
{
    LC_ALL=C "$1" --help 2>/dev/null | awk '
        function entry(line) {
            return substr(line, 29, 1) == " " ? substr(line, 1, 28) : line
        }
        /^Commands:/ { sec = "c"; next }
        /^Options for every command:/ { sec = "g"; next }
        /^Command options/ { sec = "o"; next }
        /^$/ { sec = ""; next }
        sec == "c" && /^  [a-z]/ { e = entry($0); sub(/^ +/, "", e); sub(/ +$/, "", e); print "c " e; next }
        (sec == "g" || sec == "o") && /^ +\[/ && opt != "" {
            s = $0; gsub(/[][ ]/, "", s); print "o " opt " " s; opt = ""; next
        }
        (sec == "g" || sec == "o") && /^  (-., |    )--/ {
            if (opt != "") print "o " opt " *"
            n = split(entry($0), f, " ")
            opt = ""
            for (i = 1; i <= n; i++) {
                if (f[i] ~ /^--/) { opt = f[i] " " (i < n ? f[i + 1] : "-"); break }
            }
            if (sec == "g") { print "o " opt " *"; opt = "" }
            next
        }
        END { if (opt != "") print "o " opt " *" }'
}

# Completes from $2 (one word a line) what matches the current word.
_vfiotui_words()
{
    local IFS=$'\n'
    COMPREPLY+=($(compgen -W "$1" -- "$cur"))
}

# The completions for an argument of kind $1 (ADDRESS, N, DOMAIN, FILE,
# DIR, URI, a|b...), on the host the line names ($host).
_vfiotui_arg()
{
    local kind=${1%...} out
    kind=${kind#[}
    kind=${kind%]}
    case $kind in
    ADDRESS)
        out=$("$prog" "${host[@]}" -q list --addresses 2>/dev/null)
        _vfiotui_words "$out"
        # 01:00.0 for 0000:01:00.0, as the program takes it
        ((${#COMPREPLY[@]})) || _vfiotui_words "$(sed -n 's/^0000://p' <<<"$out")"
        __ltrim_colon_completions "$cur"
        ;;
    N | GROUP)
        _vfiotui_words "$("$prog" "${host[@]}" -q list --groups 2>/dev/null)"
        ;;
    DOMAIN)
        local d names=()
        while IFS= read -r d; do
            [[ $d == "$cur"* ]] && names+=("$(printf '%q' "$d")")
        done < <("$prog" "${host[@]}" -q domains --names 2>/dev/null)
        COMPREPLY+=("${names[@]}")
        ;;
    COMMAND)
        _vfiotui_words "$(awk '$1 == "c" { print $2 }' <<<"$spec")"
        ;;
    FILE | PREFIX)
        _filedir
        ;;
    DIR)
        _filedir -d
        ;;
    URI)
        _vfiotui_words $'qemu:///system\nqemu:///session\ntest:///default'
        __ltrim_colon_completions "$cur"
        ;;
    *'|'*)
        _vfiotui_words "${kind//|/$'\n'}"
        ;;
    esac
}

# A word of the line as the program will see it: quotes removed, a
# leading ~/ expanded (enough for URIs and directories).
_vfiotui_unquote()
{
    local v=$1
    case $v in
    \'*\') v=${v:1:${#v}-2} ;;
    \"*\") v=${v:1:${#v}-2} ;;
    *) v=${v//\\/} ;;
    esac
    [[ $v == \~/* ]] && v=$HOME/${v#\~/}
    printf '%s' "$v"
}

_vfiotui()
{
    local cur prev words cword split
    _init_completion -s -n : || return

    local prog=${words[0]} spec w arg i cmd= npos=0
    local -a host=()
    spec=$(_vfiotui_spec "$prog")
    [[ -n $spec ]] || return

    # the host options so far (the completions read that host), the
    # command, and how many of its arguments are given
    for ((i = 1; i < cword; i++)); do
        w=${words[i]}
        case $w in
        --*=*)
            case ${w%%=*} in
            --connect | --sysroot | --source) host+=("${w%%=*}" "$(_vfiotui_unquote "${w#*=}")") ;;
            esac
            continue
            ;;
        -c?*)
            host+=(-c "$(_vfiotui_unquote "${w#-c}")")
            continue
            ;;
        --demo)
            host+=("$w")
            continue
            ;;
        -c) arg=URI ;;
        -*) arg=$(awk -v o="$w" '$1 == "o" && $2 == o { print $3 }' <<<"$spec") ;;
        *)
            if [[ -z $cmd ]]; then cmd=$w; else npos=$((npos + 1)); fi
            continue
            ;;
        esac
        if [[ -n $arg && $arg != - ]] && ((i + 1 < cword)); then
            i=$((i + 1))
            case $w in
            -c | --connect | --sysroot | --source) host+=("$w" "$(_vfiotui_unquote "${words[i]}")") ;;
            esac
        fi
    done

    # the argument of an option
    case $prev in
    -c) arg=URI ;;
    -*) arg=$(awk -v o="$prev" '$1 == "o" && $2 == o { print $3 }' <<<"$spec") ;;
    *) arg= ;;
    esac
    if [[ -n $arg && $arg != - ]]; then
        _vfiotui_arg "$arg"
        return
    fi
    $split && return

    if [[ $cur == -* ]]; then
        _vfiotui_words "$(awk -v c="$cmd" '$1 == "o" && ($4 == "*" || (c != "" && index("," $4 ",", "," c ","))) { print $2 }' <<<"$spec")"
        return
    fi
    if [[ -z $cmd ]]; then
        _vfiotui_arg COMMAND
        return
    fi

    # the command's arguments: the last one with ... repeats
    local -a args
    read -r -a args <<<"$(awk -v c="$cmd" '$1 == "c" && $2 == c { $1 = $2 = ""; print }' <<<"$spec")"
    ((${#args[@]})) || return
    if ((npos >= ${#args[@]})); then
        [[ ${args[-1]} == *... ]] || return
        npos=$((${#args[@]} - 1))
    fi
    _vfiotui_arg "${args[npos]}"
} &&
    complete -F _vfiotui vfiotui
