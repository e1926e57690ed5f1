#!/bin/bash
# test_rewind.sh: time travel, `vigil show KEY --at TIME`. The rebuild
# from the journal must agree with the live state at "now" for every
# incident of the demo (stage, holders, declaration, milestones, every
# clock's state and due time, the recipients and where each stands; only
# the remaining seconds, which tick, and the alerts left out), after
# recipients were added by hand and by a plan and marked drafted, sent
# after the fact, acknowledged and waived; and an instant before the
# declaration shows no deadline, the role holders of that moment, the
# stage then and a recipient not notified yet, marked as the past.
. "$TESTLIB"

expect_exit 0 v demo --no-console
ME=$(id -un)

# recipients on demo incidents (the demo has none), in every state
ago=$(date -u -d '-20 min' +%Y-%m-%dT%H:%M:%SZ)
expect_exit 0 v recipient add IR-3 "Acme Corp" --contact "sec@acme.example"
expect_exit 0 v recipient add IR-3 "Data protection authority" \
    --kind regulator --channel portal
expect_exit 0 v recipient add IR-3 "Support desk" --kind support-org
expect_exit 0 v plan IR-3 apply personal-data-exposure
expect_exit 0 v recipient set IR-3 R1 drafted
expect_exit 0 v recipient set IR-3 R1 sent --at "$ago"
expect_exit 0 v recipient set IR-3 R1 acknowledged
expect_exit 0 v recipient set IR-3 R2 drafted
expect_exit 0 v recipient set IR-3 R4 sent
v assign IR-3 eim "$ME" >/dev/null 2>&1	# (the demo may have made it so)
expect_exit 0 v recipient waive IR-3 R3 --reason "told by phone"
expect_exit 0 v recipient add IR-5 "Acme Corp"
expect_exit 0 v recipient set IR-5 R1 sent

# the JSON a comparison can use: without what ticks between two runs
# (and the alerts that brought it, which the inbox keeps, not the journal's
# fold: the live JSON lists them, the past does not)
canon()
{
	sqlite3 :memory: "SELECT json_set(json_remove(json(readfile('$1')),
	    '\$.deadline.remaining_s', '\$.clocks', '\$.alerts'), '\$.clocks',
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
	# the recipients in text too (who and when, not only the state)
	lr=$(v show IR-$id | grep -E '^(recipients|  R[0-9])')
	pr=$(v show IR-$id --at now | grep -E '^(recipients|  R[0-9])')
	if [ "$lr" = "$pr" ]; then ok; else
		not_ok "IR-$id: the recipients rebuilt at now differ"
		diff <(echo "$lr") <(echo "$pr")
	fi
	n=$((n + 1))
done
assert_eq 1 "$([ "$n" -ge 10 ] && echo 1)" "every demo incident compared ($n)"
expect_exit 0 v show IR-3 --at now --json
assert_eq 6 "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile(
    '$OUTF') AS TEXT), '\$.recipients')")" "IR-3's six recipients rebuilt"
expect_exit 0 v show IR-3 --at now
assert_contains "$OUT" "recipients   2 of 6 notified" "two notified, rebuilt"
assert_match "$OUT" "R3 +waived " "the waiver rebuilt"
assert_match "$OUT" "R4 +sent .* Lead supervisory authority" \
    "a plan's recipient, named from its row"
assert_contains "$OUT" "by then      9 tasks (0 done or skipped)" \
    "the plan's tasks counted"

# ---- before the declaration -----------------------------------------
rm -f "$DB"
expect_exit 0 v init
expect_exit 0 v roster add cs_rw_alice --roles sim,eim --name "Alice"
expect_exit 0 v roster add cs_rw_bob --roles sim,eim --name "Bob"
expect_exit 0 v new "Ransomware on file-srv-3" --severity 1
expect_exit 0 v assign IR-1 sim cs_rw_alice
expect_exit 0 v stage IR-1 assess
expect_exit 0 v assign IR-1 comms "$ME"
expect_exit 0 v recipient add IR-1 "Acme Corp" --contact "sec@acme.example"
sleep 1.1
T=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sleep 1.1
expect_exit 0 v recipient set IR-1 R1 sent
expect_exit 0 v recipient add IR-1 "Data protection authority" --kind regulator
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
assert_eq "pending" "$(out_json '$.recipients[0].state')" \
    "JSON: the recipient not notified then"
assert_eq "null" "$(out_type '$.recipients[0].sent_at')" "JSON: no send time then"
assert_eq "" "$(out_type '$.recipients[1]')" \
    "JSON: the recipient added later is not there then"
expect_exit 0 v show IR-1 --at "$T"
assert_contains "$OUT" "recipients   0 of 1 notified" "not notified then"
assert_match "$OUT" "R1 +pending +Acme Corp" "R1 pending then"
expect_exit 0 v show IR-1 --json
assert_eq "sent" "$(out_json '$.recipients[0].state')" "sent now"

expect_exit 0 v show IR-1
assert_match "$OUT" "SIM +cs_rw_bob " "now bob is SIM"
assert_contains "$OUT" "IR-1  SEV1  security  diagnose" "and the stage moved on"

expect_exit 65 v show IR-1 --at 2000-01-01T00:00Z
assert_contains "$ERR" "IR-1 did not exist yet at that time" "before it existed"
expect_exit 64 v show IR-1 --at "15 Dec"
expect_exit 66 v show IR-9 --at now
tl_done
