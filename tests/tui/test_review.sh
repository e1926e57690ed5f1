#!/usr/bin/env bash
# test_review.sh: the console's review and bulletin end to end in tmux. A
# declared incident notified through the command line and closed; the console
# opens the review list (v), opens the closed incident's review (Enter),
# adds a repair item by keys (f, text, owner, due date) and quits; `vigil
# repair list KEY --json` has it. Then the bulletin in $EDITOR: E on an
# open incident runs EDITOR (a script that appends a line to the file it
# is given), and `vigil bulletin KEY --list` shows a new version whose
# text has that line.
set -u
. "$(dirname "$0")/tmux-lib.sh"

v init >/dev/null || tl_fail "init"
v new "Okta admin token misuse" --severity 1 >/dev/null || tl_fail "new"
v new "Phishing wave, finance" --severity 2 >/dev/null || tl_fail "new"
v assign IR-1 sim "$ME" >/dev/null || tl_fail "assign sim"
v assign IR-1 eim "$ME" >/dev/null || tl_fail "assign eim"
v assign IR-2 sim "$ME" >/dev/null || tl_fail "assign sim"
v declare IR-1 --reason "tokens replayed against customer tenants" \
    >/dev/null || tl_fail "declare"
v recipient add IR-1 "Acme Bank" >/dev/null || tl_fail "recipient add"
v recipient set IR-1 R1 sent >/dev/null || tl_fail "recipient sent"
v close IR-1 --resolution confirmed --note "tokens revoked" >/dev/null ||
    tl_fail "close"

# the review: v, Enter, f (text, owner, due), then quit
tl_start 80 24
tl_wait "1 of 1"
tl_keys v
tl_wait "closed incidents, newest first"
tl_wait "IR-1"
tl_wait "MET"
tl_keys Enter
tl_wait "Review IR-1"
tl_wait "Customer deadline: MET"
tl_keys f
tl_wait "Repair item for IR-1"
tl_type "mask secrets in CI logs"
tl_keys Enter
tl_wait "Who owns the repair?"
tl_keys Enter
tl_wait "Due date"
tl_type "2027-01-31"
tl_keys Enter
tl_wait "repair item F1 added for $ME"
tl_keys q
tl_wait "closed incidents, newest first"
tl_keys q q
tl_wait_exit
v repair list IR-1 --json | grep -q '"mask secrets in CI logs"' ||
    tl_fail "repair list IR-1 does not have the item"
v repair list IR-1 --json | grep -q '2027-01-31' ||
    tl_fail "the repair item has no due date"

# the bulletin in $EDITOR (no shell: the script is the one program run)
ED="$TL_DIR/append-editor"
cat >"$ED" <<'EOS'
#!/bin/sh
# run as "append-editor -x FILE": EDITOR may carry arguments
[ "$1" = -x ] || exit 4
shift
[ "$#" -eq 1 ] || exit 3
printf '%s\n' "Line added by the end-to-end editor." >>"$1"
EOS
chmod +x "$ED"
tl_tmux kill-server >/dev/null 2>&1
mkdir -p "$TL_DIR/tmp"
tl_start 80 24 VISUAL= "'EDITOR=$ED -x'" "TMPDIR=$TL_DIR/tmp"
tl_wait "1 of 1"
tl_wait "IR-2"
tl_keys E
tl_wait "saved bulletin version 1"
tl_wait "IR-2  SEV2"		# the screen is whole again
v bulletin IR-2 --list | grep -q . || tl_fail "no bulletin version listed"
v bulletin IR-2 --show 1 | grep -qF "Line added by the end-to-end editor." ||
    tl_fail "bulletin version 1 lacks the editor's line"
# the editor runs on the latest version: a second edit appends again
tl_keys E
tl_wait "saved bulletin version 2"
[ "$(v bulletin IR-2 --show 2 | grep -cF 'Line added by the end-to-end')" \
    -eq 2 ] || tl_fail "version 2 is not version 1 edited"
# no temporary file is left behind
[ -z "$(ls -A "$TL_DIR/tmp")" ] || tl_fail "a temporary file was left"
tl_keys q
tl_wait_exit
echo "ok"
