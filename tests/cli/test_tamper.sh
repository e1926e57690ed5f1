#!/bin/bash
# test_tamper.sh: the tamper suite. A database with rows in every table is
# edited behind vigil's back with the sqlite3 shell, as anyone who can
# write the file could, and each time `vigil verify` must fail and name
# what changed: for every table a changed column, a deleted row and a
# row added; in the journal an entry deleted, the newest 1, 3 and 10 cut
# off (which this user's witness catches), bytes hidden after a NUL, a
# hash longer than 64 digits, and a whole chain recomputed (a valid other
# history put in the file's place, caught by the witness and an anchor).
# The counter of a burst of refusals (denial_burst) is one of the tables.
# Prints "tamper: tried N, caught M" and fails unless every case is
# caught.
. "$TESTLIB"

TRIED=0
CAUGHT=0
me=$(id -un)

# the tampering shell: the sqlite3 shell with the file's own triggers
# switched off (its guards against deletes are no obstacle to an editor)
sql()
{
	(
		set -o pipefail
		sqlite3 -batch -cmd ".dbconfig enable_trigger off" "$DB" "$1" |
		    sed '/^ *enable_trigger /d'
	)
}

# caught WHAT WORDS: verify fails (65) and its message contains WORDS
caught()
{
	TRIED=$((TRIED + 1))
	run v verify
	if [ "$RC" = 65 ] && case "$ERR" in *"$2"*) true ;; *) false ;; esac
	then
		CAUGHT=$((CAUGHT + 1))
		ok
	else
		not_ok "not caught: $1 (exit $RC): $ERR"
	fi
}

save()
{
	sql "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	cp "$DB" "$TL_TMP/clean.db"
}

restore()
{
	rm -f "$DB-wal" "$DB-shm"
	cp "$TL_TMP/clean.db" "$DB"
}

# a database with rows in every table
expect_exit 0 v init
expect_exit 0 v roster add rcnobody --name "No Body" --roles sim,eim
expect_exit 0 v new "Phishing wave" --severity 2
expect_exit 0 v new "Lost laptop"
expect_exit 0 v assign IR-1 sim "$me"
expect_exit 0 v assign IR-1 eim "$me"
expect_exit 0 v milestone IR-1 event_started --at 2026-11-22T06:00Z
expect_exit 0 v note IR-1 "mail gateway rule added"
expect_exit 0 v declare IR-1 --reason "credentials were used"
expect_exit 0 v clocks IR-1 --enable gdpr-33,sec-8k
expect_exit 0 v clocks IR-1 --hold sec-8k --basis "ag-delay: AG letter"
expect_exit 0 v recipient add IR-1 "Example Customer" --kind customer \
    --channel email --contact ops@example.invalid
echo "Dear customer, ..." >"$TL_TMP/bulletin.txt"
expect_exit 0 v bulletin IR-1 --save "$TL_TMP/bulletin.txt"
expect_exit 0 v close IR-2 --resolution benign
expect_exit 0 v review IR-2 --root-cause "left in a taxi" --lessons "MDM"
expect_exit 0 v repair add IR-2 "enable remote wipe" --owner "$me"
expect_exit 0 v clocks IR-1 --enable nis2-notify
expect_exit 0 v clocks IR-1 --zone Europe/Helsinki
expect_exit 0 v evidence add IR-1 --describe "mail server image" --hash \
    "sha256:$(printf x | sha256sum | cut -c1-64)" --size 1
expect_exit 0 v evidence note IR-1 E1 "sealed in bag 7"
expect_exit 0 v plan IR-1 apply credential-compromise
expect_exit 0 v task add IR-1 "call the bank"
# a burst of refusals: twenty journaled one by one, one more opening the
# count (denial_burst), the rest only counted
for _ in $(seq 23); do
	v declare IR-2 --reason "not the eim" >/dev/null 2>&1
done
assert_eq 2 "$(sql "SELECT count FROM denial_burst")" "a burst is counted"
# alert intake: a suppression, alerts in the inbox, a --follow position
expect_exit 0 v suppress add --match 'source=suricata,rule=2018789' \
    --reason "guest network noise" --until 2099-01-01T00:00:00Z
expect_exit 0 v import "$(dirname "$0")/feeds/wazuh-alerts.json"
cp "$(dirname "$0")/feeds/suricata-eve.json" "$TL_TMP/eve.json"
"$VIGIL" --db "$DB" import --follow "$TL_TMP/eve.json" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 50); do
	[ "$(sql "SELECT count(*) FROM import_cursor")" = 1 ] && break
	sleep 0.1
done
kill -TERM "$pid"
wait "$pid"
expect_exit 0 v verify
assert_contains "$OUT" "match the journal" "a clean file verifies"
save

tables=$(sql "SELECT name FROM sqlite_schema WHERE type = 'table' AND \
name NOT LIKE 'sqlite%' AND name NOT IN ('journal') ORDER BY name")
for t in $tables; do
	first="rowid = (SELECT min(rowid) FROM \"$t\")"
	n=$(sql "SELECT count(*) FROM \"$t\"")
	if [ "$n" = 0 ]; then
		TRIED=$((TRIED + 1))
		not_ok "table $t has no rows to tamper with"
		continue
	fi
	# a column that is not part of the key, changed in the first row:
	# the first one the table's own constraints let the shell change
	edited=
	for col in $(sql "SELECT name FROM pragma_table_info('$t') WHERE \
pk = 0 ORDER BY cid"); do
		type=$(sql "SELECT type FROM pragma_table_info('$t') WHERE \
name = '$col'")
		if [ "$type" = TEXT ]; then
			set="\"$col\" = coalesce(\"$col\", '') || 'x'"
		else
			set="\"$col\" = coalesce(\"$col\", 0) + 1"
		fi
		if sql "PRAGMA foreign_keys = OFF; UPDATE \"$t\" SET $set \
WHERE $first" 2>/dev/null; then
			edited=$col
			break
		fi
	done
	if [ -z "$edited" ]; then
		TRIED=$((TRIED + 1))
		not_ok "table $t: no column could be changed"
	else
		caught "$t: $edited changed" "table $t"
	fi
	restore

	# the first row deleted
	sql "PRAGMA foreign_keys = OFF; DELETE FROM \"$t\" WHERE $first"
	caught "$t: a row deleted" "table $t"
	restore

	# a row added: a copy of the first under a new key (when the
	# table's unique columns refuse a copy, the first row moved there)
	cols=$(sql "SELECT group_concat(CASE WHEN pk > 0 AND type = 'INTEGER' \
THEN '(SELECT max(\"' || name || '\") + 1 FROM \"$t\")' WHEN pk > 0 THEN \
'\"' || name || '\" || ''-forged''' ELSE '\"' || name || '\"' END, ', ') \
FROM pragma_table_info('$t')")
	if ! sql "PRAGMA foreign_keys = OFF; INSERT INTO \"$t\" SELECT \
$cols FROM \"$t\" WHERE $first" 2>/dev/null; then
		sql "PRAGMA foreign_keys = OFF; CREATE TEMP TABLE c AS SELECT \
$cols FROM \"$t\" WHERE $first; DELETE FROM \"$t\" WHERE $first; \
INSERT INTO \"$t\" SELECT * FROM c"
	fi
	caught "$t: a row added" "table $t"
	restore
done

# the journal: a payload with bytes hidden after a NUL
sql "UPDATE journal SET payload = payload || char(0) || 'hidden' WHERE \
seq = 5"
caught "payload NUL suffix" "entry 5"
restore
sql "UPDATE journal SET action = action || char(0) || 'x' WHERE seq = 6"
caught "action NUL suffix" "entry 6"
restore
sql "UPDATE journal SET hash = hash || '0' WHERE seq = 7"
caught "hash longer than 64 digits" "entry 7"
restore
sql "UPDATE journal SET uuid = uuid || 'x' WHERE seq = 3"
caught "a uuid longer than a uuid" "entry 3"
restore

# every entry deleted: the rows it made are unexplained, and this user
# has seen a longer journal
sql "DELETE FROM journal"
caught "delete from journal" "table"
run v list
TRIED=$((TRIED + 1))
if assert_contains "$ERR" "shorter than you have seen" \
    "the witness sees an emptied journal"; then
	CAUGHT=$((CAUGHT + 1))
fi
restore

# the newest entries cut off
head=$(sql "SELECT max(seq) FROM journal")
for k in 1 3 10; do
	sql "DELETE FROM journal WHERE seq > $head - $k"
	caught "the newest $k cut" "journal implies"
	run v list
	TRIED=$((TRIED + 1))
	if assert_contains "$ERR" "shorter than you have seen: it ends at \
entry $((head - k))" "the witness sees $k entries cut"; then
		CAUGHT=$((CAUGHT + 1))
	fi
	restore
done

# a recomputed chain: another history, valid from end to end (written by
# vigil itself, from a copy, as a forger could), put in the file's place
cp "$TL_TMP/clean.db" "$TL_TMP/fork.db"
for i in 1 2 3; do
	HOME="$TL_TMP/forger" "$VIGIL" --db "$TL_TMP/fork.db" note IR-1 \
	    "forged $i" >/dev/null 2>&1
done
HOME="$TL_TMP/forger" run "$VIGIL" --db "$TL_TMP/fork.db" verify
assert_eq 0 "$RC" "the forged history verifies on its own"
sqlite3 "$TL_TMP/fork.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
# meanwhile the user wrote the real next entry and pasted its anchor
expect_exit 0 v note IR-1 "the real next note"
anchor=$(v anchor)
assert_contains "$anchor" "$((head + 1)):" "anchor prints SEQ:HASH"
rm -f "$DB-wal" "$DB-shm"
cp "$TL_TMP/fork.db" "$DB"
caught "a recomputed chain (witness)" "differs from what you have seen"
# someone without the witness file still has the anchor
rm -f "$HOME/.local/state/vigil/witness"
TRIED=$((TRIED + 1))
run v verify --anchor "$anchor"
if [ "$RC" = 65 ] && assert_contains "$ERR" "rewritten" \
    "the anchor names the rewrite"; then
	CAUGHT=$((CAUGHT + 1))
else
	not_ok "a recomputed chain (anchor) not caught: $ERR"
fi

echo "tamper: tried $TRIED, caught $CAUGHT"
assert_eq "$TRIED" "$CAUGHT" "every tampering caught"
tl_done
