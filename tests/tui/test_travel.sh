#!/usr/bin/env bash
# test_travel.sh: time travel in the review, in tmux at 80x24. A closed
# incident whose SIM changed hands and which was declared a breach; in
# its review, t and an instant before the declaration show a banner that
# it is the past, no deadline clock, and the holders of that moment (the
# first SIM, no EIM, the recipient not notified yet); ] steps forward
# entry by entry until the
# declaration starts the clock and on to now; Esc leaves the past. Then
# the review's other fixes: the root cause is written in $EDITOR (several
# lines), and a bad due date for a repair item keeps the typed item and
# date, names no command-line flag, and is repaired in place.
set -u
. "$(dirname "$0")/tmux-lib.sh"

v init >/dev/null || tl_fail "init"
v roster add csalice --roles sim --name "Alice" >/dev/null || tl_fail "roster"
v roster add csbob --roles sim --name "Bob" >/dev/null || tl_fail "roster"
v new "Ransomware on file-srv-3" --severity 1 >/dev/null || tl_fail "new"
v assign IR-1 sim csalice >/dev/null || tl_fail "assign"
v assign IR-1 comms "$ME" >/dev/null || tl_fail "assign comms"
v recipient add IR-1 "Acme Corp" >/dev/null || tl_fail "recipient"
sleep 1.1
T=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sleep 1.1
v assign IR-1 sim csbob --note "alice off shift" >/dev/null || tl_fail "assign"
v assign IR-1 eim "$ME" >/dev/null || tl_fail "assign eim"
v declare IR-1 --reason "customer records exfiltrated" >/dev/null ||
    tl_fail "declare"
v milestone IR-1 customers_notified >/dev/null || tl_fail "notified"
v recipient set IR-1 R1 sent >/dev/null || tl_fail "sent"
v close IR-1 --resolution confirmed >/dev/null || tl_fail "close"

# an "editor" that writes two lines, as a person would
printf '#!/bin/sh\nprintf "A deploy script made the bucket public.\\nNo policy check ran in CI.\\n" > "$1"\n' >"$TL_DIR/ed.sh"
chmod 755 "$TL_DIR/ed.sh"

tl_start 80 24 "EDITOR=$TL_DIR/ed.sh"
tl_wait "Queue"
tl_keys v
tl_wait "IR-1"
tl_keys Enter
tl_wait "Review IR-1"
tl_keys @
tl_wait "Show IR-1 as it stood at"
tl_type "$T"
tl_keys Enter
tl_wait "THE PAST: IR-1 as it stood at"
tl_wait "deadline   none (no breach declared)"
scr=$(tl_screen)
echo "$scr" | grep -q "SIM        csalice since" ||
    tl_fail "alice was the SIM at $T"
echo "$scr" | grep -q "EIM        (vacant)" || tl_fail "nobody was EIM at $T"
echo "$scr" | grep -q "declared   " && tl_fail "a declaration shown before it"
echo "$scr" | grep -q "IR-1  SEV1  detect" || tl_fail "the stage then"
# further down: the recipient, not notified yet then
tl_keys End
tl_wait "Recipients then"
tl_screen | grep -q "R1   pending .*Acme Corp" ||
    tl_fail "R1 was pending at $T"
tl_keys Home
tl_wait "SIM        csalice since"
# one entry later: bob takes over
tl_keys ]
tl_wait "SIM        csbob since"
# on to the declaration: the clock starts
tl_keys ] ]
tl_wait "declared   "
tl_wait "deadline   OK T-7"
# and past the last entry: now
tl_keys ] ] ] ] ]
tl_wait "back to now"
tl_wait_gone "THE PAST"
# [ from now goes one entry back; Esc leaves the past, a second Esc the review
tl_keys [
tl_wait "THE PAST"
tl_keys Escape
tl_wait_gone "THE PAST"
tl_wait "Review IR-1"

# ---- the root cause in the editor ---------------------------------------
tl_keys c
tl_wait "root cause saved"
v review IR-1 | grep -q "A deploy script made the bucket public." ||
    tl_fail "the root cause from the editor was not saved"
v review IR-1 --json 2>/dev/null | grep -q 'public.\\nNo policy' ||
    v review IR-1 | grep -q "No policy check ran in CI." ||
    tl_fail "the second line of the root cause is lost"

# ---- a bad due date keeps the repair item --------------------------------
tl_keys f
tl_wait "Repair item for IR-1"
tl_type "Policy check in CI for public buckets"
tl_keys Enter
tl_wait "Who owns the repair?"
tl_keys Enter
tl_wait "Due date"
tl_type "15 Dec"
tl_keys Enter
tl_wait "is not a date: use YYYY-MM-DD"
scr=$(tl_screen)
echo "$scr" | grep -q "Due date (YYYY-MM-DD; Enter: none): 15 Dec" ||
    tl_fail "the typed date was not kept"
echo "$scr" | grep -q -- "--due" && tl_fail "a command-line flag named"
tl_keys C-u
tl_type "2026-12-15"
tl_keys Enter
tl_wait "repair item F1 added"
v repair list IR-1 | grep -q "Policy check in CI for public buckets" ||
    tl_fail "the repair item is lost"
v repair list IR-1 | grep -q "2026-12-15" || tl_fail "the due date is lost"
tl_keys Escape
tl_wait_gone "Review IR-1"
tl_keys q q
tl_wait_exit
echo "ok"
