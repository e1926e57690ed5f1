#!/bin/bash
# test_report.sh: `vigil report` against five incidents whose figures are
# worked out by hand below. Creation times are moved into
# January to March 2026 with the sqlite3 shell to test the period.
#
#   key   event_started     detected          declared          notified          closed  open repairs
#   IR-1  01-05 10:00       01-05 12:00       01-05 15:00       01-06 15:00:01    yes     1 (+1 done)
#   IR-2  02-01 00:00       02-01 06:00       02-02 06:00       02-06 06:00       yes     1
#   IR-3  02-09 23:00       02-10 00:00       02-10 01:00       -                 no      0
#   IR-4  -                 03-01 00:00       -                 -                 yes     0
#   IR-5  03-01 00:00       03-01 00:30       -                 -                 no      0
#
# event_to_detected:    IR-1 7200, IR-2 21600, IR-3 3600, IR-5 1800
#                       sorted 1800 3600 7200 21600: even count, the mean
#                       of 3600 and 7200 = 5400
# detected_to_declared: IR-1 10800, IR-2 86400, IR-3 3600 -> 10800
# declared_to_notified: IR-1 86401 (on time: within 72 h),
#                       IR-2 345600 (96 h: late)
#                       mean of the two = 216000.5, rounded down: 216000
# incidents 5, closed 3, declared 3, notified_on_time 1, notified_late 1,
# not_notified 1 (IR-3), open_repair_items 2.
. "$TESTLIB"

ME=$(id -un)
expect_exit 0 v init

# each incident: new with --detected, the sim, eim and comms roles
incident()
{
	local key
	expect_exit 0 v new "$1" --detected "$2"
	key=$OUT
	for r in sim eim comms; do
		expect_exit 0 v assign "$key" $r "$ME"
	done
}

incident "Phishing wave" 2026-01-05T12:00:00Z
expect_exit 0 v milestone IR-1 event_started --at 2026-01-05T10:00:00Z
expect_exit 0 v declare IR-1 --reason "mailboxes read" \
    --at 2026-01-05T15:00:00Z
expect_exit 0 v recipient add IR-1 "Acme Corp"
expect_exit 0 v recipient set IR-1 R1 sent --at 2026-01-06T15:00:01Z
expect_exit 0 v close IR-1 --resolution confirmed
expect_exit 0 v repair add IR-1 "MFA for all mailboxes" --owner "$ME"
expect_exit 0 v repair add IR-1 "Phishing drill" --owner "$ME"
expect_exit 0 v repair done IR-1 F2

incident "Leaked API key" 2026-02-01T06:00:00Z
expect_exit 0 v milestone IR-2 event_started --at 2026-02-01T00:00:00Z
expect_exit 0 v declare IR-2 --reason "key used by a third party" \
    --at 2026-02-02T06:00:00Z
expect_exit 0 v recipient add IR-2 "Globex Ltd"
expect_exit 0 v recipient add IR-2 "Regulator" --kind regulator
expect_exit 0 v recipient set IR-2 R1 sent --at 2026-02-06T06:00:00Z
expect_exit 0 v recipient waive IR-2 R2 --reason "not in scope"
expect_exit 0 v close IR-2 --resolution confirmed
expect_exit 0 v repair add IR-2 "Rotate keys automatically" --owner "$ME"

incident "Ransomware on a build host" 2026-02-10T00:00:00Z
expect_exit 0 v milestone IR-3 event_started --at 2026-02-09T23:00:00Z
expect_exit 0 v declare IR-3 --reason "artefacts exfiltrated" \
    --at 2026-02-10T01:00:00Z

incident "Port scan" 2026-03-01T00:00:00Z
expect_exit 0 v close IR-4 --resolution false-positive

incident "Odd login" 2026-03-01T00:30:00Z
expect_exit 0 v milestone IR-5 event_started --at 2026-03-01T00:00:00Z

# ---- the whole database ------------------------------------------------
expect_exit 0 v report --json
assert_eq "5|3|3|1|1|1|2" "$(out_json '$.incidents')|$(out_json \
'$.closed')|$(out_json '$.declared')|$(out_json '$.notified_on_time')|$(\
out_json '$.notified_late')|$(out_json '$.not_notified')|$(out_json \
'$.open_repair_items')" "the counts"
# IR-3: declared in February, never notified: past due, its customer
# clock overdue now (it is open; the closed ones count for nothing)
assert_eq "1|1" "$(out_json '$.not_notified_past_due')|$(out_json \
'$.overdue')" "overdue and past-due counts"
assert_eq 5400 "$(out_json '$.median_s.event_to_detected')" \
    "event_to_detected: mean of the middle two"
assert_eq 10800 "$(out_json '$.median_s.detected_to_declared')" \
    "detected_to_declared: the middle one"
assert_eq 216000 "$(out_json '$.median_s.declared_to_notified')" \
    "declared_to_notified: the mean rounded down"
assert_eq "null|null" "$(sqlite3 :memory: "SELECT json_type(CAST(readfile(\
'$OUTF') AS TEXT), '\$.since') || '|' || json_type(CAST(readfile('$OUTF') AS \
TEXT), '\$.until')")" "no bounds"

expect_exit 0 v report
assert_match "$OUT" "notified late +1" "text: counts"
assert_match "$OUT" "of which past due +1" "text: declared, not notified, past due"
assert_match "$OUT" "open with a clock overdue +1" "text: overdue"
assert_match "$OUT" "event started -> detected +1h 30m 00s" "text: median"
assert_match "$OUT" "declared -> notified +2d 12h 00m 00s" "text: 216000 s"

# ---- the Markdown export keeps the notes of every hand-off ------------
expect_exit 0 v roster add csrpbob --roles sim
expect_exit 0 v assign IR-3 sim csrpbob --note "build logs in /srv/case-3"
expect_exit 0 v release IR-3 sim --note "bob off shift, nothing open"
expect_exit 0 v export IR-3 --format md
assert_match "$OUT" "\| sim \| csrpbob \|.*\| build logs in /srv/case-3; on \
release: bob off shift, nothing open \|" "the assignment note and the release note"
assert_match "$OUT" "\| sim \| $ME \|.*\| build logs in /srv/case-3 \|" \
    "the note that ended a tenure"

# ---- a period -----------------------------------------------------------
sql "UPDATE incident SET created_at = CASE id
    WHEN 1 THEN strftime('%s', '2026-01-05 12:05:00')
    WHEN 2 THEN strftime('%s', '2026-02-01 06:05:00')
    WHEN 3 THEN strftime('%s', '2026-02-10 00:05:00')
    ELSE strftime('%s', '2026-03-01 00:35:00') END"
expect_exit 0 v report --since 2026-03-01 --json
# IR-4 and IR-5 only: one closed, nothing declared, IR-5's 1800 s
assert_eq "2|1|0|1800" "$(out_json '$.incidents')|$(out_json \
'$.closed')|$(out_json '$.declared')|$(out_json \
'$.median_s.event_to_detected')" "since March"
assert_eq "null|null" "$(sqlite3 :memory: "SELECT json_type(CAST(readfile(\
'$OUTF') AS TEXT), '\$.median_s.detected_to_declared') || '|' || \
json_type(CAST(readfile('$OUTF') AS TEXT), \
'\$.median_s.declared_to_notified')")" "null when no incident has both ends"
assert_eq "2026-03-01T00:00:00Z" "$(out_json '$.since')" "since"
# --until DATE includes that whole day: IR-1 and IR-2 (Feb 1, 06:05)
expect_exit 0 v report --until 2026-02-01 --json
assert_eq "2|2|14400" "$(out_json '$.incidents')|$(out_json \
'$.declared')|$(out_json '$.median_s.event_to_detected')" \
    "until Feb 1: 7200 and 21600 -> 14400"
assert_eq "2026-02-02T00:00:00Z" "$(out_json '$.until')" "until the day's end"
# a TIME bound is exact, the upper one excluded
expect_exit 0 v report --since 2026-02-01T06:05:00Z \
    --until 2026-02-10T00:05:00Z --json
assert_eq "1|86400|345600" "$(out_json '$.incidents')|$(out_json \
'$.median_s.detected_to_declared')|$(out_json \
'$.median_s.declared_to_notified')" "IR-2 alone"
expect_exit 0 v report --since 2027-01-01 --json
assert_eq "0|0" "$(out_json '$.incidents')|$(out_json \
'$.open_repair_items')" "an empty period"
expect_exit 64 v report --since yesterday
expect_exit 64 v report --until 2026-13-01
expect_exit 64 v report extra

tl_done
