#!/bin/bash
# test_rewind.sh: time travel, `vigil show KEY --at TIME`. The rebuild
# from the journal must agree with the live state at "now" for every
# incident of the demo (stage, holders, declaration, milestones, every
# clock's state and due time; the remaining seconds, which tick, and the
# recipients, which are not rebuilt, left out); and an instant before the
# declaration shows no deadline, the role holders of that moment and the
# stage then, marked as the past.
. "$TESTLIB"

expect_exit 0 v demo --no-console

# the JSON a comparison can use: without what ticks between two runs
canon()
{
	sqlite3 :memory: "SELECT json_set(json_remove(json(readfile('$1')),
	    '\$.deadline.remaining_s', '\$.recipients', '\$.clocks'), '\$.clocks',
	    (SELECT json_group_array(json_remove(value, '\$.remaining_s'))
	     FROM json_each(json(readfile('$1')), '\$.clocks')))"
}

n=0
for id in $(sql "SELECT id FROM incident ORDER BY id"); do
	v show IR-$id --json >"$TL_TMP/live.json"
	v show IR-$id --at now --json >"$TL_TMP/past.json"
	live=$(canon "$TL_TMP/live.json")
	past=$(canon "$TL_TMP/past.json")
	if [ -n "$live" ] && [ "$live" = "$past" ]; then
		ok
	else
		not_ok "IR-$id rebuilt at now differs from the live state"
		diff <(echo "$live" | tr ',' '\n') <(echo "$past" | tr ',' '\n') |
		    head -20
	fi
	n=$((n + 1))
done
assert_eq 1 "$([ "$n" -ge 10 ] && echo 1)" "every demo incident compared ($n)"

# ---- before the declaration -----------------------------------------
rm -f "$DB"
ME=$(id -un)
expect_exit 0 v init
expect_exit 0 v roster add cs_rw_alice --roles sim,eim --name "Alice"
expect_exit 0 v roster add cs_rw_bob --roles sim,eim --name "Bob"
expect_exit 0 v new "Ransomware on file-srv-3" --severity 1
expect_exit 0 v assign IR-1 sim cs_rw_alice
expect_exit 0 v stage IR-1 assess
sleep 1.1
T=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sleep 1.1
expect_exit 0 v assign IR-1 sim cs_rw_bob --note "alice off shift"
expect_exit 0 v assign IR-1 eim "$ME"
expect_exit 0 v stage IR-1 diagnose
expect_exit 0 v declare IR-1 --reason "customer records exfiltrated"

expect_exit 0 v show IR-1 --at "$T"
assert_contains "$OUT" "THE PAST: IR-1 as it stood at $T" "a banner says it is the past"
assert_contains "$OUT" "deadline     none (no breach declared)" "no clock before the declaration"
assert_match "$OUT" "SIM +cs_rw_alice " "alice held the SIM role then"
assert_match "$OUT" "EIM +\(vacant\)" "nobody was EIM then"
assert_contains "$OUT" "IR-1  SEV1  security  assess" "the stage then"
assert_not_contains "$OUT" "declared     " "no declaration then"
expect_exit 0 v show IR-1 --at "$T" --json
assert_eq "null" "$(out_type '$.declared_at')" "JSON: not declared then"
assert_eq "cs_rw_alice" "$(out_json '$.roles.sim')" "JSON: alice was SIM"
assert_eq "pending" "$(out_json '$.clocks[0].state')" "JSON: the customer clock not started"

expect_exit 0 v show IR-1
assert_match "$OUT" "SIM +cs_rw_bob " "now bob is SIM"
assert_contains "$OUT" "IR-1  SEV1  security  diagnose" "and the stage moved on"

expect_exit 65 v show IR-1 --at 2000-01-01T00:00Z
assert_contains "$ERR" "IR-1 did not exist yet at that time" "before it existed"
expect_exit 64 v show IR-1 --at "15 Dec"
expect_exit 66 v show IR-9 --at now
tl_done
