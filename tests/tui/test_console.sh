#!/usr/bin/env bash
# test_console.sh: the console end to end in tmux. A database made with the
# command line; the console opens it at 80x24, moves, opens an incident,
# assigns a role through the keys, declares a breach as the incident's EIM
# and sees the countdown, filters, survives resizes to 200x50 and 60x20
# ("too small") and back, and quits with status 0.
set -u
. "$(dirname "$0")/tmux-lib.sh"

v init >/dev/null || tl_fail "init"
v new "Ransomware on file-srv-3" --severity 1 >/dev/null || tl_fail "new"
v new "Okta admin token misuse" --severity 1 >/dev/null || tl_fail "new"
v new "Phishing wave, finance" --severity 2 >/dev/null || tl_fail "new"
v assign IR-1 sim "$ME" >/dev/null || tl_fail "assign sim"
v assign IR-1 eim "$ME" >/dev/null || tl_fail "assign eim"
v assign IR-2 eim "$ME" >/dev/null || tl_fail "assign eim"
# owned, so it sorts by severity below the unowned and the declared (queue.h)
v assign IR-3 sim "$ME" >/dev/null || tl_fail "assign sim"
v declare IR-2 --reason "tokens replayed against customer tenants" \
    >/dev/null || tl_fail "declare"

tl_start 80 24
tl_wait "1 of 3"
tl_wait "IR-2  SEV1"
# the declared incident sorts first and counts down
tl_wait "OK T-71:5"
# move, open, back
tl_keys j
tl_wait "2 of 3"
tl_wait "Roles IR-1"
tl_keys Enter
tl_wait "Notification ladder"
tl_keys Escape
sleep 0.2
tl_wait "Queue"
tl_wait "2 of 3"

# assign the forensics role through the keys: a, role, person, note
tl_keys a
tl_wait "Assign which role on IR-1?"
tl_keys Down Down Enter
tl_wait "Who takes the forensics role on IR-1?"
# nobody is preselected: Enter alone picks no one
tl_wait "nobody chosen yet"
tl_keys Enter
tl_wait "nobody chosen yet"
tl_keys Down Enter
tl_wait "Hand-off note"
tl_type "disk images first"
tl_keys Enter
tl_wait "now holds the forensics role"
v show IR-1 --json | grep -q "\"forensics\": *\"$ME\"" ||
    tl_fail "show IR-1 does not list $ME as forensics"

# declare as the EIM: reason, then the key typed to confirm
tl_keys D
tl_wait "Why is this a customer data breach?"
tl_type "customer records read by the attacker"
tl_keys Enter
tl_wait "Declare a customer data breach on IR-1?"
tl_wait "the key IR-1 to confirm"
tl_type "IR-1"
tl_keys Enter
tl_wait "IR-1: breach declared"
tl_wait "left      OK T-7"
v show IR-1 --json | grep -q '"declared_at": *"' ||
    tl_fail "IR-1 is not declared in the database"
# the countdown ticks
before=$(tl_screen | grep -o 'left      OK T-[0-9:]*')
tl_wait_gone "$before" 4

# filter live, Esc clears
tl_keys /
tl_type "okta"
tl_wait "1 of 1"
tl_wait "Queue /okta"
tl_keys Escape
sleep 0.2
tl_wait "of 3"

# resize: larger, too small, back
tl_resize 200 50
tl_wait "UPDATED"
tl_wait "Triage"
tl_resize 60 20
tl_wait "terminal too small: need 80x24, have 60x20"
tl_resize 80 24
tl_wait "Queue"
tl_wait "of 3"
tl_resize 60 20
tl_wait "terminal too small"
tl_resize 80 24
tl_wait "Queue"

# Esc never quits; q does
tl_keys Escape
sleep 0.3
tl_wait "never quits"
tl_keys q
tl_wait_exit
echo "ok"
