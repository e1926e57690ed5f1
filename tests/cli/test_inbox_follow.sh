#!/bin/bash
# test_inbox_follow.sh: vigil import --follow as a service would run it.
# It reads lines as they are appended, drains the old file and moves to
# the new one when the file is rotated (renamed and recreated, as
# logrotate and Wazuh do), starts over after truncation, saves its place
# with each batch so a restart reads nothing twice and keeps counting
# line numbers, reports a bad line with its number, and ends cleanly on
# SIGTERM (exit 0, the last batch committed, the journal intact).
. "$TESTLIB"

LOG="$TL_TMP/alerts.json"
OUTFILE="$TL_TMP/follow.out"
ERRFILE="$TL_TMP/follow.err"

# alert N: one Wazuh alert line, each on its own host (no repeats)
alert()
{
	printf '{"timestamp":"2026-11-30T10:%02d:00.000+0000","rule":{"level":7,"description":"follow test alert %d","id":"%d"},"agent":{"id":"%03d","name":"host-%d"},"manager":{"name":"m"},"id":"17000.%d","location":"/var/log/auth.log"}\n' \
	    $(($1 % 60)) "$1" $((100000 + $1)) "$1" "$1" "$1"
}

stored() { sql "SELECT count(*) FROM alert"; }

# wait_for N: until N alerts are stored (at most 10 s)
wait_for()
{
	local i
	for i in $(seq 1 100); do
		[ "$(stored)" = "$1" ] && { ok; return 0; }
		sleep 0.1
	done
	not_ok "waited for $1 alerts, have $(stored)"
	return 1
}

start()
{
	"$VIGIL" --db "$DB" import --follow "$LOG" >>"$OUTFILE" 2>>"$ERRFILE" &
	PID=$!
}

stop_it()
{
	kill -TERM "$PID"
	wait "$PID"
	RC=$?
}

expect_exit 0 v init
{ alert 1; alert 2; } >"$LOG"
start
wait_for 2
alert 3 >>"$LOG"
wait_for 3
# half a line is not read until its newline arrives
alert 4 | head -c 40 >>"$LOG"
sleep 0.6
assert_eq 3 "$(stored)" "a partial line waits"
alert 4 | tail -c +41 >>"$LOG"
wait_for 4

# ---- rotation: rename, a last write to the old file, a new file -------
mv "$LOG" "$LOG.1"
alert 5 >>"$LOG.1"
sleep 0.3
{ alert 6; alert 7; } >"$LOG"
wait_for 7
assert_eq "follow test alert 5" "$(sql "SELECT title FROM inbox_entry WHERE \
rule = '100005'")" "the line written to the rotated file after the rename"

# ---- truncation in place -------------------------------------------
sleep 0.3
: >"$LOG"
sleep 0.5
alert 8 >>"$LOG"
wait_for 8

# ---- SIGTERM ends it cleanly ------------------------------------------
stop_it
assert_eq 0 "$RC" "SIGTERM: exit 0"
assert_contains "$(cat "$OUTFILE")" "stopped following" "says so"
expect_exit 0 v verify
imports=$(sql "SELECT count(*) FROM journal WHERE action = 'alerts.import'")
[ "$imports" -ge 4 ] && ok || not_ok "one journal entry per batch ($imports)"
assert_eq 8 "$(sql "SELECT sum(payload->>'stored') FROM journal WHERE \
action = 'alerts.import'")" "the batches add up to the 8 alerts"
assert_eq "1|1" "$(sql "SELECT count(*), max(line) FROM import_cursor")" \
    "the position is saved (line 1 of the truncated file)"

# ---- a restart resumes where it stopped --------------------------------
n0=$imports
{ alert 9; echo '{"broken": '; alert 10; } >>"$LOG"
start
wait_for 10
stop_it
assert_eq 0 "$RC" "second run: exit 0"
assert_eq 0 "$(sql "SELECT coalesce(sum(payload->>'already'), 0) FROM \
journal WHERE action = 'alerts.import' AND seq > (SELECT seq FROM journal \
WHERE action = 'alerts.import' ORDER BY seq LIMIT 1 OFFSET $((n0 - 1)))")" \
    "nothing read twice after the restart"
assert_contains "$(cat "$ERRFILE")" "alerts.json:3: not valid JSON" \
    "the bad line has its number in the file, counted across the restart"

# ---- SIGTERM while waiting for a rotated file to reappear ---------------
mv "$LOG" "$LOG.2"
alert 11 >"$LOG"
start
wait_for 11
mv "$LOG" "$LOG.3"
sleep 0.6
stop_it
assert_eq 0 "$RC" "SIGTERM while the file is gone: exit 0"

# ---- refusals ------------------------------------------------------
expect_refused 66 v import --follow "$TL_TMP/missing.json"
expect_refused 64 v import --follow "$LOG.2" "$LOG.1"

tl_done
