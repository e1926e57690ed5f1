#!/bin/bash
# test_verify.sh: `vigil verify` against edits made with the sqlite3 shell,
# as anyone who can write the file could: a changed payload, a changed
# login, a deleted entry, a forged entry, two entries swapped. Each time
# verify exits 65 and names the first entry that does not match; put back
# as it was, the chain verifies again.
. "$TESTLIB"

expect_exit 0 v init
for i in 1 2 3; do
	expect_exit 0 v new "incident $i"
done
expect_exit 0 v assign IR-1 sim "$(id -un)"
for i in 1 2 3 4 5 6; do
	expect_exit 0 v note IR-$(( (i % 3) + 1 )) "note $i"
done
expect_exit 0 v verify
assert_contains "$OUT" "11 entries" "entry count"
assert_not_contains "$OUT" "quick_check" "the chain alone by default"
expect_exit 0 v verify --full
assert_contains "$OUT" "file:    ok (quick_check, foreign_key_check)" \
    "--full checks the file too"
head=$(echo "$OUT" | sed -n 's/^head: *//p')

# a note's text changed in the journal
orig=$(sql "SELECT payload FROM journal WHERE seq = 7")
sql "UPDATE journal SET payload = '{\"text\":\"nothing happened\"}' WHERE \
seq = 7"
expect_exit 65 v verify
assert_contains "$ERR" "entry 7" "the edited entry is named"
assert_not_contains "$OUT" "intact" "nothing claims the chain is intact"
sql "UPDATE journal SET payload = '$orig' WHERE seq = 7"
expect_exit 0 v verify
assert_contains "$OUT" "$head" "restored: the same head"

# who did it
sql "UPDATE journal SET login = 'someone', uid = 12345 WHERE seq = 5"
expect_exit 65 v verify
assert_contains "$ERR" "entry 5" "changed login"
sql "UPDATE journal SET login = '$(id -un)', uid = $(id -u) WHERE seq = 5"
expect_exit 0 v verify

# when
sql "UPDATE journal SET at = at - 86400 WHERE seq = 2"
expect_exit 65 v verify
assert_contains "$ERR" "entry 2" "changed time"
sql "UPDATE journal SET at = at + 86400 WHERE seq = 2"
expect_exit 0 v verify

# an entry deleted
sql "ATTACH '$TL_TMP/saved.db' AS s; CREATE TABLE s.saved AS SELECT * FROM journal WHERE seq = 9; \
DELETE FROM journal WHERE seq = 9"
expect_exit 65 v verify
assert_contains "$ERR" "entry 9" "deleted entry"
assert_contains "$ERR" "missing" "deleted entry: says missing"
sql "ATTACH '$TL_TMP/saved.db' AS s; INSERT INTO journal SELECT * FROM s.saved; DROP TABLE s.saved"
expect_exit 0 v verify

# the last entry deleted: the note it made is no longer implied by the
# journal (and the head changed)
sql "ATTACH '$TL_TMP/saved.db' AS s; CREATE TABLE s.saved AS SELECT * FROM journal WHERE seq = 11; \
DELETE FROM journal WHERE seq = 11"
expect_exit 65 v verify
# the first difference named is the note the entry added, or (when the
# clock's second turned between the two notes) the incident's updated_at
# that the same entry moved: either is a row the journal no longer implies
case "$ERR" in
*"table note"*|*"table incident, row id="*"column updated_at"*) ok ;;
*) not_ok "truncated: the orphaned row is named"; echo "  text: $ERR" ;;
esac
sql "ATTACH '$TL_TMP/saved.db' AS s; INSERT INTO journal SELECT * FROM s.saved; DROP TABLE s.saved"

# a forged entry appended
sql "INSERT INTO journal VALUES (12, 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', \
1, 1795337400, 0, 'root', NULL, 'breach.declare', '{\"reason\":\"x\"}', \
'$head', '$head', NULL)"
expect_exit 65 v verify
assert_contains "$ERR" "entry 12" "forged entry"
sql "DELETE FROM journal WHERE seq = 12"
# this user's witness saw entry 12 and now finds the journal shorter
expect_exit 65 v verify
assert_contains "$ERR" "shorter than you have seen" "the witness saw it"
rm "$HOME/.local/state/vigil/witness"
expect_exit 0 v verify

# two entries swapped
sql "UPDATE journal SET seq = -1 WHERE seq = 3; UPDATE journal SET seq = 3 \
WHERE seq = 8; UPDATE journal SET seq = 8 WHERE seq = -1"
expect_exit 65 v verify
assert_contains "$ERR" "entry 3" "swapped entries"
sql "UPDATE journal SET seq = -1 WHERE seq = 3; UPDATE journal SET seq = 3 \
WHERE seq = 8; UPDATE journal SET seq = 8 WHERE seq = -1"
expect_exit 0 v verify

# vigil goes on working after tampering, and verify still finds it
sql "UPDATE journal SET action = 'denied' WHERE seq = 6"
expect_exit 0 v note IR-1 "after the edit"
expect_exit 65 v verify
assert_contains "$ERR" "entry 6" "still the first broken entry"
expect_exit 65 v --read-only verify

# a row that breaks the file's own rules
sql "UPDATE journal SET action = 'note.add' WHERE seq = 6"
expect_exit 0 v verify
sql "PRAGMA foreign_keys = OFF; INSERT INTO note (incident_id, at, author, \
text) VALUES (77, 0, 'x', 'orphan')"
expect_exit 65 v verify --full
assert_contains "$ERR" "note" "the foreign-key problem names the table"

# ---- large writes: every entry's row changes fit, none is lost --------
# 12,000 alerts of 1.7 KB (20 MB, more than one entry may hold): the
# import takes several batches, each journaled whole, and verifies
DB="$TL_TMP/large.db"
expect_exit 0 v init
awk 'BEGIN { p = sprintf("%1500s", ""); gsub(/ /, "x", p);
    for (i = 0; i < 12000; i++)
	printf "{\"timestamp\":\"2026-11-22T07:40:00Z\",\"rule\":{\"id\":" \
	    "\"%d\",\"level\":5,\"description\":\"event %d\"},\"agent\":" \
	    "{\"name\":\"host-%d\"},\"full_log\":\"%s\"}\n", 5700 + i % 50, i,
	    i % 300, p }' >"$TL_TMP/many.json"
expect_exit 0 v import --quiet "$TL_TMP/many.json"
expect_exit 0 v verify
assert_eq 0 "$(sql "SELECT count(*) FROM journal WHERE changes IS NULL AND \
action = 'alerts.import'")" "no import entry lost its row changes"
n=$(sql "SELECT count(*) FROM journal WHERE action = 'alerts.import'")
[ "$n" -ge 4 ] && ok || not_ok "20 MB of alerts in $n batches"
# an upgrade of such a file: its baseline takes several parts, verified
sql "PRAGMA user_version = $(( $(sql 'PRAGMA user_version') - 1 ))"
expect_exit 0 v new "after the upgrade"
parts=$(sql "SELECT count(*) FROM journal WHERE action = 'record.baseline'")
[ "$parts" -ge 4 ] && ok || not_ok "the 20 MB baseline in $parts parts"
assert_eq "$parts" "$(sql "SELECT payload->>'part' FROM journal WHERE action \
= 'record.baseline' ORDER BY seq DESC LIMIT 1")" "the last part says its number"
expect_exit 0 v verify
assert_contains "$OUT" "replayed from entry $(sql "SELECT min(seq) FROM journal \
WHERE action = 'record.baseline'")" "the replay starts at the first part"

tl_done
