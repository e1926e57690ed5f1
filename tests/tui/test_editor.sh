#!/usr/bin/env bash
# test_editor.sh: long text in $EDITOR from the console, in tmux at 80x24.
# EDITOR is a small script that rewrites the file it is given (what it
# writes is chosen by a file the test changes between keys). w writes the
# incident's description: it shows in the incident view and in `vigil
# show`, one journal entry; the same text again, an editor that exits 1,
# a file over the limit or with a NUL byte change nothing and say so. The
# temporary file is private (0600), in the user's TMPDIR, and removed. V
# writes a long note (several lines) in the editor; e, then description,
# opens the editor too, and so do :describe and :description alone.
# Hostile text from the editor is stored as typed and shown only through
# the sanitizer. An editor that cannot run says so.
set -u
. "$(dirname "$0")/tmux-lib.sh"

v init >/dev/null || tl_fail "init"
v new "Ransomware on file-srv-3" --severity 1 >/dev/null || tl_fail "new"
v assign IR-1 sim "$ME" >/dev/null || tl_fail "assign"
mkdir -p "$TL_DIR/tmp"
chmod 700 "$TL_DIR/tmp"

ED=$TL_DIR/ed.sh
cat >"$ED" <<EOS
#!/bin/sh
# the file's mode and place, then what the test asked for
stat -c '%a %n' "\$1" >>"$TL_DIR/seen"
mode=\$(cat "$TL_DIR/mode")
case \$mode in
desc)	printf 'Encrypted shares on file-srv-3 since 02:10Z.\nEntry via the VPN appliance; backups intact.\n' >"\$1" ;;
same)	: ;;
fail)	printf 'half an edit\n' >"\$1"; exit 1 ;;
huge)	head -c 70000 /dev/zero | tr '\0' 'x' >"\$1" ;;
nul)	printf 'before\000after\n' >"\$1" ;;
note)	printf 'Contained at 03:05Z.\nVLAN 40 isolated; file-srv-3 powered down.\n' >"\$1" ;;
evil)	printf 'Ransom note says \033]0;pwned\007 pay\n' >"\$1" ;;
esac
EOS
chmod 755 "$ED"
mode() { echo "$1" >"$TL_DIR/mode"; }
sets() { v journal IR-1 | grep -c "incident.set"; }

tl_start 80 24 "EDITOR=$ED" VISUAL= "TMPDIR=$TL_DIR/tmp"
tl_wait "Queue"
tl_keys Enter
tl_wait "Notification ladder"

# ---- w: the description in the editor ----------------------------------
mode desc
tl_keys w
tl_wait "IR-1: description changed."
tl_wait "about     Encrypted shares"
v show IR-1 | grep -q "Encrypted shares on file-srv-3 since 02:10Z." ||
    tl_fail "vigil show lacks the description"
v show IR-1 --json | grep -q 'since 02:10Z.\\nEntry via the VPN' ||
    tl_fail "the description's second line is lost"
[ "$(sets)" = 1 ] || tl_fail "one journal entry expected, got $(sets)"
# the file was private, in the user's TMPDIR, and is gone
read -r perm path <"$TL_DIR/seen"
[ "$perm" = 600 ] || tl_fail "the temporary file had mode $perm"
case $path in
"$TL_DIR/tmp/vigil-description-"*) ;;
*) tl_fail "the temporary file was $path" ;;
esac
[ -e "$path" ] && tl_fail "the temporary file was not removed"
[ -z "$(ls -A "$TL_DIR/tmp")" ] || tl_fail "a file left in TMPDIR"

# ---- unchanged, exit 1, too long, a NUL byte: nothing saved ---------------
mode same
tl_keys w
tl_wait "IR-1: the description is unchanged; nothing saved."
mode fail
tl_keys w
tl_wait "exited with status 1"
mode huge
tl_keys w
tl_wait "longer than 65536 bytes"
mode nul
tl_keys w
tl_wait "holds a NUL byte; nothing saved"
[ "$(sets)" = 1 ] || tl_fail "a refused edit was journaled ($(sets))"
v show IR-1 | grep -q "Encrypted shares" || tl_fail "the description changed"
[ -z "$(ls -A "$TL_DIR/tmp")" ] || tl_fail "a refused edit left its file"

# ---- e, then description: the editor too --------------------------------
mode evil
tl_keys e
tl_wait "Change what on IR-1?"
tl_keys 4
tl_wait "IR-1: description changed."
# stored as typed, shown through the sanitizer (no escape reaches tmux)
v show IR-1 --json | grep -q 'pwned' || tl_fail "the text was not stored"
tl_wait "about     Ransom note says"
title=$(tl_tmux display -p -t vt '#{pane_title}')
[ "$title" = pwned ] && tl_fail "an escape sequence reached the terminal"
tl_screen | grep -q "pwned" || tl_fail "the hostile text is not shown"
[ "$(sets)" = 2 ] || tl_fail "two description changes expected"

# ---- by name: :describe, and :description with no text ------------------
mode desc
tl_keys :
tl_type "describe"
tl_keys Enter
tl_wait "IR-1: description changed."
mode same
tl_keys :
tl_type "description"
tl_keys Enter
tl_wait "IR-1: the description is unchanged; nothing saved."
[ "$(sets)" = 3 ] || tl_fail "three description changes expected ($(sets))"

# ---- V: a long note in the editor -----------------------------------------
mode note
tl_keys V
tl_wait "note added"
v journal IR-1 --json | grep -qF 'Contained at 03:05Z.\\nVLAN 40 isolated' ||
    tl_fail "the long note is not whole"
[ "$(v journal IR-1 | grep -c note.add)" = 1 ] || tl_fail "one note expected"
tl_keys q q
tl_wait_exit

# ---- no editor that runs: a clear message ---------------------------------
tl_tmux kill-server >/dev/null 2>&1
tl_start 80 24 "EDITOR=$TL_DIR/no-such-editor" VISUAL=
tl_wait "Queue"
tl_keys w
tl_wait "cannot run the editor"
tl_wait "nothing saved"
[ "$(sets)" = 3 ] || tl_fail "a failed editor changed something"
tl_keys q
tl_wait_exit
echo "ok"
