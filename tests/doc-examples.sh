#!/bin/sh
# doc-examples.sh - the manual is executable.  Every example command in
# the man page and in README.md's shell blocks is extracted by parsing
# those files (tests/doc-examples.py) and run exactly as printed, with
# bash -o pipefail in a fresh directory, as an unprivileged user, where:
#   - `vfiotui` on PATH is the built program;
#   - VFIOTUI_SYSROOT (the documented default for --sysroot) is the
#     fixture host desktop-gpu: a GPU 01:00.0 and its audio 01:00.1 in
#     IOMMU group 1, with tests/hosts/prep/fedora-intel laid over it;
#   - LIBVIRT_DEFAULT_URI is qemu:///session, a real daemon of the test's
#     own (private XDG directories, so no real domain is touched), with a
#     shut-off guest win11 defined afresh before each example, and
#     win11.xml (its `virsh dumpxml --inactive --security-info`) in the
#     directory.
# An example that opens the interface runs in tmux and must quit on q.
# An example naming qemu+ssh://server needs tests/remote-ssh-setup.sh:
# it is sourced and remote_ssh_setup is called once, before the first
# such example; the examples run as $SESSION_USER (HOME $SESSION_HOME)
# with the environment words in $ENVV, which it may extend, and it must
# make `server` reach a libvirt daemon over ssh for that user.
# Every example must exit 0; what it hands to another tool is run by
# that tool (virsh, jq in the example itself; afterwards every XML file
# it wrote is checked: a domain by virt-xml-validate, a <hostdev> by
# virsh attach-device --config, a <devices> pasted into a domain by
# virt-xml-validate and virsh define, and each read back by `vfiotui
# write`); an attach must leave its devices in win11's definition.
# Nothing is skipped: an example that cannot run here is a failure.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || { fail "tmux is not installed"; finish; }
command -v jq >/dev/null 2>&1 || fail "jq is not installed (quickstart check installs it)"
command -v virt-xml-validate >/dev/null 2>&1 || fail "virt-xml-validate is not installed (libvirt-clients)"

EX=$T/examples
python3 "$top_srcdir/tests/doc-examples.py" "$top_srcdir/man/vfiotui.1" \
    "$top_srcdir/README.md" "$EX" 2> "$T/extract.err" ||
    { fail "cannot extract the examples: $(cat "$T/extract.err")"; finish; }

use_session_user
ROOT=$(host desktop-gpu)
# what ready and boot read besides (CPU vendor, IOMMU units, modules,
# os-release): the Intel/Fedora layer of tests/ready-boot.sh
prep_layer fedora-intel "$ROOT"
chmod -R a+rX "$T"
mkdir -p "$T/bin" "$T/rb" "$T/xdg/run" "$T/xdg/config" "$T/xdg/cache" "$T/xdg/data"
ln -s "$VT" "$T/bin/vfiotui"
chmod 700 "$T/xdg/run"
[ "$(id -u)" -eq 0 ] && chown -R "$SESSION_USER" "$T/xdg" "$T/rb"
ENVV="PATH=$T/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin
LIBVIRT_DEFAULT_URI=qemu:///session VFIOTUI_SYSROOT=$ROOT
XDG_RUNTIME_DIR=$T/xdg/run XDG_CONFIG_HOME=$T/xdg/config
XDG_CACHE_HOME=$T/xdg/cache XDG_DATA_HOME=$T/xdg/data"
# shellcheck disable=SC2086
in_env() { as_user env $ENVV "$@"; }
virsh_s() { in_env virsh -q "$@"; }
TMUX_SOCK=vfiotui-doc-$$
stop() {
    in_env virsh -q destroy win11 >/dev/null 2>&1
    in_env tmux -L "$TMUX_SOCK" kill-server >/dev/null 2>&1
    # the private session daemon this test started
    pid=$(cat "$T/xdg/run/libvirt/libvirtd.pid" 2>/dev/null) && kill "$pid" 2>/dev/null
    rm -rf "$T"
}
trap stop EXIT

cat > "$T/win11-base.xml" <<'XML'
<domain type='qemu'>
  <name>win11</name>
  <memory unit='MiB'>96</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='q35'>hvm</type></os>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <graphics type='vnc' port='-1' passwd='docpass1'/>
  </devices>
</domain>
XML
sed 's/win11/vfiotui-doc-scratch/' "$T/win11-base.xml" > "$T/scratch-base.xml"
chmod 644 "$T"/*.xml
# define_fresh NAME FILE: NAME defined from FILE, with nothing else
define_fresh() {
    # an example may start the guest (man page, watch)
    virsh_s destroy "$1" >/dev/null 2>&1
    virsh_s undefine "$1" >/dev/null 2>&1
    virsh_s define "$2" > "$T/define.log" 2>&1
}
define_fresh win11 "$T/win11-base.xml" ||
    { fail "cannot reach qemu:///session or define win11: $(cat "$T/define.log")"; finish; }
hostdevs() { virsh_s dumpxml --inactive "$1" | grep -c '<hostdev' || true; }
root_of() {
    python3 -c 'import sys, xml.dom.minidom as m; print(m.parse(sys.argv[1]).documentElement.tagName)' "$1" 2>/dev/null
}

# check_xml WHERE FILE: libvirt takes what the example wrote, and vfiotui
# reads it back.
check_xml() {
    where=$1 f=$2
    case $(root_of "$f") in
    domain)
        in_env virt-xml-validate "$f" > "$T/v.log" 2>&1 ||
            fail "$where: virt-xml-validate rejects $(basename "$f"): $(cat "$T/v.log")" ;;
    hostdev)
        define_fresh vfiotui-doc-scratch "$T/scratch-base.xml" &&
            virsh_s attach-device vfiotui-doc-scratch "$f" --config > "$T/v.log" 2>&1 ||
            fail "$where: virsh attach-device rejects $(basename "$f"): $(cat "$T/v.log")" ;;
    devices)
        # what a virsh edit user does: its children pasted into <devices>
        python3 - "$f" "$T/scratch-base.xml" > "$T/pasted.xml" <<'PY'
import sys, xml.dom.minidom as m
kids = [k.toxml() for k in m.parse(sys.argv[1]).documentElement.childNodes
        if k.nodeType == k.ELEMENT_NODE]
dom = open(sys.argv[2]).read()
i = dom.index('</devices>')
print(dom[:i] + '\n'.join(kids) + '\n' + dom[i:], end='')
PY
        chmod 644 "$T/pasted.xml"
        { in_env virt-xml-validate "$T/pasted.xml" && define_fresh vfiotui-doc-scratch "$T/pasted.xml"; } \
            > "$T/v.log" 2>&1 ||
            fail "$where: libvirt rejects $(basename "$f") pasted into a domain: $(cat "$T/v.log" "$T/define.log")" ;;
    *)
        fail "$where: $(basename "$f") is not one XML document vfiotui writes: $(head -c 300 "$f")"
        return ;;
    esac
    # read back: write adds a device (--force: only reading is judged here)
    in_env cp -f "$f" "$T/rb/readback.xml"
    in_env vfiotui write --force "$T/rb/readback.xml" 00:14.0 > "$T/v.log" 2>&1 ||
        fail "$where: vfiotui cannot read back $(basename "$f"): $(cat "$T/v.log")"
}

# wait_screen TEXT: poll the tmux pane for TEXT (15 s at most)
wait_screen() {
    i=0
    while [ $i -lt 150 ]; do
        in_env tmux -L "$TMUX_SOCK" capture-pane -p -t doc > "$T/screen" 2>/dev/null
        grep -qF -- "$1" "$T/screen" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

n=0
remote_ready=
for ex in "$EX"/*.sh; do
    n=$((n + 1))
    base=${ex%.sh}
    where=$(cat "$base.where")
    kind=$(cat "$base.kind")
    text=$(cat "$ex")
    dir=$T/run/$(basename "$base")
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown "$SESSION_USER" "$dir"
    define_fresh win11 "$T/win11-base.xml" || { fail "$where: cannot define win11 again"; continue; }
    (cd "$dir" && in_env sh -c 'virsh -q dumpxml --inactive --security-info win11 > win11.xml')
    for f in "$dir"/*.xml; do cp "$f" "$f.orig"; done

    if [ "$kind" = remote ] && [ -z "$remote_ready" ]; then
        if [ -f "$top_srcdir/tests/remote-ssh-setup.sh" ]; then
            . "$top_srcdir/tests/remote-ssh-setup.sh"
            if remote_ssh_setup; then
                remote_ready=yes
            else
                remote_ready=failed
            fi
        else
            remote_ready=missing
        fi
    fi
    if [ "$kind" = remote ] && [ "$remote_ready" != yes ]; then
        if [ "$remote_ready" = missing ]; then
            fail "$where: the example '$text' needs an ssh-reachable host 'server', and tests/remote-ssh-setup.sh (which must define remote_ssh_setup) does not exist"
        else
            fail "$where: the example '$text' needs an ssh-reachable host 'server', and remote_ssh_setup from tests/remote-ssh-setup.sh failed"
        fi
        continue
    fi

    if [ "$kind" = ui ]; then
        in_env tmux -L "$TMUX_SOCK" kill-server >/dev/null 2>&1
        in_env tmux -L "$TMUX_SOCK" new-session -d -s doc -x 100 -y 30 \
            "cd '$dir' && bash -o pipefail '$ex'; echo \"EXITED rc=\$?\"; sleep 60"
        if ! wait_screen "IOMMU group"; then
            fail "$where: '$text' did not show the interface: $(cat "$T/screen")"
        else
            in_env tmux -L "$TMUX_SOCK" send-keys -t doc q
            wait_screen "EXITED rc=0" && ok "$where: $text" ||
                fail "$where: '$text' did not quit with status 0 on q: $(cat "$T/screen")"
        fi
        in_env tmux -L "$TMUX_SOCK" kill-server >/dev/null 2>&1
        continue
    fi

    failed_before=$failures
    before=$(hostdevs win11)
    (cd "$dir" && in_env timeout 120 bash -o pipefail "$ex") \
        > "$T/out" 2> "$T/err"
    st=$?
    if [ "$st" -ne 0 ]; then
        fail "$where: '$text' exited $st; stdout: $(head -c 1500 "$T/out"); stderr: $(head -c 1500 "$T/err")"
        continue
    fi
    # a pipeline that prints must print something
    case $text in *'|'*) [ -s "$T/out" ] || fail "$where: '$text' printed nothing" ;; esac
    # every XML file the example wrote or changed
    for f in "$dir"/*.xml; do
        [ -f "$f" ] || continue
        [ -f "$f.orig" ] && cmp -s "$f" "$f.orig" && continue
        check_xml "$where" "$f"
    done
    # an attach leaves each device it names in win11's definition
    case $text in
    *--dry-run*)
        [ "$(hostdevs win11)" -eq "$before" ] || fail "$where: --dry-run changed win11" ;;
    *attach*win11*|*define*win11*)
        virsh_s dumpxml --inactive --security-info win11 > "$T/win11.now"
        for a in $(printf '%s\n' "$text" | grep -o '[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]\.[0-7]'); do
            b=${a%%:*} s=${a#*:}; s=${s%.*} fn=${a##*.}
            grep -q "bus='0x$b' slot='0x$s' function='0x$fn'" "$T/win11.now" ||
                fail "$where: win11 does not hold $a after '$text'"
        done
        [ "$(grep -c '<hostdev' "$T/win11.now")" -gt "$before" ] ||
            fail "$where: '$text' added no hostdev to win11"
        grep -q "passwd='docpass1'" "$T/win11.now" || fail "$where: win11 lost its VNC password" ;;
    esac
    [ "$failures" -eq "$failed_before" ] && ok "$where: $text"
done
[ "$n" -gt 0 ] || fail "no example was found"
finish
