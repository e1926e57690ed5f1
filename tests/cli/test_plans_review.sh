#!/bin/bash
# test_plans_review.sh: a ransomware incident run on its plan to closing,
# then its review: the tasks table of the Markdown export (when each task
# was due, when and by whom it was done or skipped, how late) against a
# golden file, the late tasks per plan in the JSON export, and the same
# tally in `vigil report`.
#
# Milestones and the declaration use fixed --at times; what vigil took
# from the real clock (the incident's and tasks' creation, when each task
# was closed, the stage changes, the closing) is pinned in a copy of the
# database with the sqlite3 shell, so every due time and lateness is a
# real difference of fixed times. VIGIL_UPDATE_GOLDEN=1 rewrites the
# golden file from this run.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$TESTLIB"

GOLDEN="$HERE/golden/plan-tasks-IR-1.md"
ME=$(id -un)
PIN=$(date -u -d 2026-04-01T00:00:00Z +%s)
at() { date -u -d "2026-04-01T00:00:00Z + $1" +%Y-%m-%dT%H:%M:%SZ; }
epoch() { date -u -d "2026-04-01T00:00:00Z + $1" +%s; }

expect_exit 0 v init
expect_exit 0 v new "Ransomware on file-srv-3" --severity 1 \
    --detected 2026-04-01T00:00:00Z --plan ransomware
for r in sim eim comms; do
	expect_exit 0 v assign IR-1 $r "$ME"
done
expect_exit 0 v milestone IR-1 aware --at "$(at '1 hour')"
expect_exit 0 v declare IR-1 --reason "file shares encrypted, data staged \
for exfiltration" --at "$(at '6 hours')"
expect_exit 0 v stage IR-1 assess
expect_exit 0 v stage IR-1 diagnose
expect_exit 0 v task add IR-1 "Call the cyber insurer" --role eim \
    --due "declared + 24h" --required
assert_eq T13 "$OUT" "the hand-added task"
for t in T1 T2 T3 T4 T5 T6 T10 T11 T13; do
	expect_exit 0 v task done IR-1 $t
done
expect_exit 0 v task done IR-1 T8 --note "not paid; sanctions screening done"
expect_exit 0 v task skip IR-1 T7 --reason "variant has no public decryptor"
expect_exit 0 v stage IR-1 stabilize
for r in R1 R2 R3; do
	expect_exit 0 v recipient set IR-1 $r sent --at "$(at '3 days 2 hours')"
done
expect_exit 0 v close IR-1 --resolution confirmed
assert_eq closed "$(sql "SELECT status FROM incident")" "closed"

# ---- the pinned copy ------------------------------------------------------
PDB="$TL_TMP/pinned.db"
sqlite3 "$DB" ".backup '$PDB'"
closed()
{
	echo "UPDATE task SET closed_at = $(epoch "$2") WHERE num = $1;"
}
{
	echo "BEGIN;"
	echo "UPDATE incident SET created_at = $PIN,"
	echo "    closed_at = $(epoch '5 days'), updated_at = $(epoch '5 days');"
	echo "UPDATE task SET created_at = $PIN, created_by = 'tester';"
	echo "UPDATE task SET closed_by = 'tester' WHERE closed_by IS NOT NULL;"
	closed 1 '90 minutes'		# due +2h: on time
	closed 2 '105 minutes'		# due +1h: 45 minutes late
	closed 3 '10 hours'		# due +12h
	closed 4 '2 days 4 hours'	# due aware + 48h: 3h late
	closed 5 '1 day'		# no due time
	closed 6 '1 day 1 hour'
	closed 7 '3 hours'		# skipped
	closed 8 '20 hours'
	closed 10 '2 days 12 hours'	# due gdpr-33 - 12h: on time
	closed 11 '3 days 3 hours'	# due customer - 6h: 3h late
	closed 13 '1 day 8 hours'	# due declared + 24h: 2h late
	# stage changes as the journal has them: a fixed time each
	echo "UPDATE journal SET at = $PIN + 60 * seq WHERE action ="
	echo "    'stage.change';"
	echo "COMMIT;"
} >"$TL_TMP/pin.sql"
sqlite3 -batch "$PDB" <"$TL_TMP/pin.sql" && ok || not_ok "pinning the copy"

expect_exit 0 "$VIGIL" --db "$PDB" --read-only export IR-1 --format md
awk '/^## Tasks$/ { on = 1 } /^## / && !/^## Tasks$/ { on = 0 } on' "$OUTF" \
    >"$TL_TMP/tasks.md"
if [ "${VIGIL_UPDATE_GOLDEN:-}" = 1 ]; then
	cp "$TL_TMP/tasks.md" "$GOLDEN"
	echo "updated $GOLDEN"
fi
if cmp -s "$TL_TMP/tasks.md" "$GOLDEN"; then
	ok
else
	not_ok "the review's task table differs from golden/$(basename "$GOLDEN")"
	diff -u "$GOLDEN" "$TL_TMP/tasks.md" | head -40
fi
assert_contains "$(cat "$TL_TMP/tasks.md")" "| T2 | Move the response to \
out-of-band channels" "the table names the tasks"

expect_exit 0 "$VIGIL" --db "$PDB" --read-only export IR-1 --format json
J="$TL_TMP/r.json"
cp "$OUTF" "$J"
assert_eq "ransomware|6|3|$((45 * 60 + 3 * 3600 + 3 * 3600))" "$(json "$J" \
'$.tasks_late_per_plan[0].plan')|$(json "$J" '$.tasks_late_per_plan[0].done')\
|$(json "$J" '$.tasks_late_per_plan[0].late')|$(json "$J" \
'$.tasks_late_per_plan[0].late_s')" "late tasks of the plan"
assert_eq "|1|1|7200" "$(json "$J" '$.tasks_late_per_plan[1].plan')|$(json \
"$J" '$.tasks_late_per_plan[1].done')|$(json "$J" \
'$.tasks_late_per_plan[1].late')|$(json "$J" \
'$.tasks_late_per_plan[1].late_s')" "and of the task added by hand"
assert_eq "T4|done|tester|10800" "$(json "$J" '$.tasks[3].id')|$(json "$J" \
'$.tasks[3].state')|$(json "$J" '$.tasks[3].closed_by')|$(json "$J" \
'$.tasks[3].late_s')" "per task: state, by whom, how late"

expect_exit 0 "$VIGIL" --db "$PDB" --read-only report --json
assert_eq "ransomware|3|" "$(out_json '$.tasks_late_per_plan[0].plan')|$(\
out_json '$.tasks_late_per_plan[0].late')|$(out_json \
'$.tasks_late_per_plan[2].plan')" "the report tallies late tasks per plan"
expect_exit 0 "$VIGIL" --db "$PDB" --read-only report
assert_match "$OUT" "ransomware +6 +3  6h 45m 00s" "the report's text"

# two exports of the real database are the same bytes
expect_exit 0 v export IR-1 --format md -o "$TL_TMP/a.md"
expect_exit 0 v export IR-1 --format md -o "$TL_TMP/b.md"
cmp -s "$TL_TMP/a.md" "$TL_TMP/b.md" && ok || not_ok "exports differ"

tl_done
