# test_lock.sh: the console under another session's write lock. A sqlite3
# shell holds BEGIN IMMEDIATE for 10 s while, in the console (tmux), a
# note is typed and entered: the screen stays alive — the countdown keeps
# turning, the status line says it is waiting and for how long, a key
# still moves the selection — and the note lands on the incident it was
# typed on once the lock is released. A second wait is cancelled with
# Esc: nothing is written.
. "$(dirname "$0")/tmux-lib.sh"

command -v sqlite3 >/dev/null 2>&1 || { echo "skip: no sqlite3 shell" >&2; exit 77; }
v init >/dev/null || tl_fail "init"
v new "Ransomware on file-srv-3" --severity 1 >/dev/null || tl_fail "new"
v new "Phishing wave, finance" --severity 3 >/dev/null || tl_fail "new"
v assign IR-1 eim "$ME" >/dev/null || tl_fail "assign"
v declare IR-1 --reason "customer data exfiltrated" >/dev/null || tl_fail "declare"

# hold_lock SECS: another process holds the write lock for SECS.
hold_lock()
{
	( printf 'BEGIN IMMEDIATE;\n'; sleep "$1"; printf 'COMMIT;\n' ) |
	    sqlite3 "$TL_DB" >/dev/null 2>&1 &
	LOCKER=$!
	sleep 0.5
}
countdown() { tl_screen | grep -o 'T-[0-9][0-9]:[0-9][0-9]:[0-9][0-9]' | head -1; }

tl_start 100 30
tl_wait "IR-1"
tl_wait "T-71:"

# ---- a note typed under the lock lands after it ---------------------
hold_lock 10
t0=$(date +%s)
tl_keys N
tl_wait "Note on IR-1"
tl_type "typed while another session held the lock"
tl_keys Enter
tl_wait "waiting for another session's write" 3
c1=$(countdown)
sleep 2.2
c2=$(countdown)
[ -n "$c1" ] && [ "$c1" != "$c2" ] || tl_fail "the countdown stopped while waiting ($c1 then $c2)"
tl_screen | grep -Eq "waiting for another session's write \([1-9][0-9]* s\)" ||
    tl_fail "the wait does not say how long"
# a key still works: the selection moves to IR-2
tl_keys j
tl_wait "IR-2  2 of 2" 2
tl_wait "waiting for another session's write" 2
[ "$(v journal IR-1 | grep -c 'typed while another session')" = 0 ] ||
    tl_fail "the note was written while the lock was held"
# released after 10 s: the note lands, on IR-1 (where it was typed)
tl_wait "IR-1: note added." 12
t1=$(date +%s)
wait "$LOCKER"
[ $((t1 - t0)) -ge 8 ] || tl_fail "the note landed before the lock was released"
v journal IR-1 | grep -q "typed while another session held the lock" ||
    tl_fail "the note is not in IR-1's journal"
v journal IR-2 | grep -q "typed while another session" &&
    tl_fail "the note went to the incident selected later"

# ---- Esc cancels a waiting write -------------------------------------
hold_lock 6
tl_keys N
tl_wait "Note on IR-2"
tl_type "never to be written"
tl_keys Enter
tl_wait "waiting for another session's write" 3
tl_keys Escape
tl_wait "Cancelled the waiting write; nothing was saved."
wait "$LOCKER"
sleep 1
v journal | grep -q "never to be written" && tl_fail "a cancelled write was made"

tl_keys q
tl_wait_exit
echo "ok"
