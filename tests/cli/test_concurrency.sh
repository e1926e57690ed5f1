#!/bin/bash
# test_concurrency.sh: eight shells each run `vigil note` 100 times, all
# started at the same moment (they wait for a start file). Every one of
# the 800 commands must succeed -- nobody is told "busy" -- and afterwards
# there are 800 notes, 800 note.add journal entries, and verify passes.
. "$TESTLIB"

W=8
N=100
expect_exit 0 v init
expect_exit 0 v new "many hands"
expect_exit 0 v new "many more hands"
j0=$(sql "SELECT count(*) FROM journal")

worker()
{
	local id=$1 i fails=0
	while [ ! -e "$TL_TMP/go" ]; do
		sleep 0.01
	done
	for i in $(seq 1 $N); do
		if ! v note "IR-$(( (i % 2) + 1 ))" "worker $id note $i" \
		    >/dev/null 2>>"$TL_TMP/err.$id"; then
			fails=$((fails + 1))
		fi
	done
	echo "$fails" >"$TL_TMP/fails.$id"
}

pids=""
for w in $(seq 1 $W); do
	worker "$w" &
	pids="$pids $!"
done
sleep 0.5
t0=$(date +%s.%N)
touch "$TL_TMP/go"
for p in $pids; do
	wait "$p"
done
t1=$(date +%s.%N)
echo "# $((W * N)) notes by $W concurrent processes in \
$(awk "BEGIN { printf \"%.1f\", $t1 - $t0 }") s"

total=0
for w in $(seq 1 $W); do
	f=$(cat "$TL_TMP/fails.$w" 2>/dev/null || echo missing)
	assert_eq 0 "$f" "worker $w: failed commands"
	if [ -s "$TL_TMP/err.$w" ]; then
		not_ok "worker $w wrote to stderr: $(head -3 "$TL_TMP/err.$w")"
	fi
	total=$((total + $(sql "SELECT count(*) FROM note WHERE text LIKE \
'worker $w note %'")))
done
assert_eq $((W * N)) "$total" "every worker's notes"
assert_eq $((W * N)) "$(sql "SELECT count(*) FROM note")" "800 notes"
assert_eq $((W * N)) "$(sql "SELECT count(DISTINCT text) FROM note")" \
    "no note twice"
assert_eq $((j0 + W * N)) "$(sql "SELECT count(*) FROM journal")" \
    "one journal entry each"
assert_eq $((W * N)) "$(sql "SELECT count(*) FROM journal WHERE action = \
'note.add'")" "note.add entries"
expect_exit 0 v verify
assert_contains "$OUT" "$((j0 + W * N)) entries" "the chain verifies"
assert_eq ok "$(sql "PRAGMA integrity_check")" "integrity_check"

tl_done
