#!/bin/bash
# test_small.sh: the small holes of the record, each closed: demo replaces
# only a demo (never $VIGIL_DB, never a team's database); a crafted
# user_version is refused in one line; JSON escapes C1, bidi, zero-width
# and tag characters (the values round-trip exactly) and text output
# never carries them raw, even for a field edited behind vigil's back; a
# filter of 100,000 '%', a blank title, a time in year 1, a report whose
# --since is after --until are refused; a closed incident's refusal names
# its key; a refused hold by someone off the roster is journaled; repeated
# denials of one person within a minute past the twentieth are counted, and
# the next entry after the minute carries the count.
. "$TESTLIB"

expect_exit 0 v init
expect_exit 0 v new "Team incident"

# demo never replaces the team's database (whether the demo itself then
# builds is not the point here: only which file it writes)
VIGIL_DB="$DB" run "$VIGIL" demo --no-console
[ -f "$XDG_DATA_HOME/vigil/demo.db" ] && ok || \
    not_ok "demo with \$VIGIL_DB set did not use its own file"
assert_not_contains "$ERR" "$DB" "demo with \$VIGIL_DB set: the team's file untouched"
expect_exit 73 v demo --no-console
assert_contains "$ERR" "not a demo database" "--db naming the team's file"
n=$(sql "SELECT count(*) FROM incident WHERE title = 'Team incident'")
assert_eq 1 "$n" "the team's incident is still there"
run "$VIGIL" --db "$TL_TMP/d.db" demo --no-console
run "$VIGIL" --db "$TL_TMP/d.db" demo --no-console
[ "$RC" != 73 ] && ok || not_ok "a demo database is replaced: $ERR"

# user_version outside the known range
for ver in -1000 -50 -5 -1 1000000; do
	cp "$DB" "$TL_TMP/ver.db"
	sqlite3 "$TL_TMP/ver.db" "PRAGMA user_version = $ver"
	expect_exit 65 "$VIGIL" --db "$TL_TMP/ver.db" list
	assert_contains "$ERR" "schema version $ver" "user_version $ver named"
done

# JSON: escaped, and round-trips exactly
hostile=$(printf 'a\xc2\x9b[2Jb\xe2\x80\xaec\xe2\x80\x8bd\xf3\xa0\x80\x81e\x1b]0;x\x07')
expect_exit 0 v new "$hostile"
for c in "show IR-2 --json" "list --json" "journal --json"; do
	# shellcheck disable=SC2086
	run v $c
	if printf '%s' "$OUT" | LC_ALL=C grep -q $'\xc2\x9b\|\xe2\x80\xae\|\xe2\x80\x8b\|\xf3\xa0\x80\x81\|\x1b'; then
		not_ok "$c: a raw control or invisible character in the JSON"
	else
		ok
	fi
done
run v show IR-2 --json
printf '%s' "$OUT" >"$TL_TMP/show.json"
back=$(sqlite3 :memory: "SELECT hex(json_extract(readfile('$TL_TMP/show.json'), \
'\$.title'))")
want=$(sqlite3 :memory: "SELECT hex(CAST(x'$(printf '%s' "$hostile" | od -An \
-tx1 | tr -d ' \n')' AS TEXT))")
assert_eq "$want" "$back" "the title round-trips through the JSON"
# text output: a field edited behind vigil's back reaches no terminal raw
expect_exit 0 v milestone IR-1 detected
orig_action=$(sql "SELECT action FROM journal WHERE seq = 3")
sql "UPDATE milestone SET name = 'det' || char(27) || '[31m' || char(155) \
|| 'x'; UPDATE journal SET action = 'x' || char(27) || '[2J' WHERE seq = 3"
for c in "show IR-1" journal "journal IR-1" "export IR-1"; do
	# shellcheck disable=SC2086
	run v $c
	if printf '%s' "$OUT" | LC_ALL=C grep -q $'\x1b\|\xc2\x9b'; then
		not_ok "$c: an escape reached the output"
	else
		ok
	fi
done
sql "UPDATE milestone SET name = 'detected'; UPDATE journal SET action = \
'$orig_action' WHERE seq = 3"
expect_exit 0 v verify

# refusals that used to be accepted or crash
expect_exit 64 v list --filter "$(head -c 100000 /dev/zero | tr '\0' '%')"
assert_contains "$ERR" "too long" "a huge filter"
expect_exit 64 v new "   "
assert_contains "$ERR" "blank" "a blank title"
expect_exit 0 v assign IR-1 eim "$(id -un)"
expect_exit 64 v declare IR-1 --reason r --at 0001-01-01T00:00Z
assert_contains "$ERR" "before 1970" "a time in year 1"
expect_exit 64 v report --since 2026-12-01 --until 2026-01-01
assert_contains "$ERR" "--since must come before --until" "report range"
expect_exit 0 v new "To close"
expect_exit 0 v close IR-3 --resolution benign
expect_exit 65 v note IR-3 "late"
assert_contains "$ERR" "IR-3 is closed" "the closed incident is named"

# someone off the roster (a real account): a refused hold is journaled,
# and a burst of refusals takes one entry, the next one carrying its count
cp "$DB" "$TL_TMP/team.db"
tl_users rcoff
cp "$TL_TMP/team.db" "$DB"
chmod 666 "$DB"
expect_exit 0 v clocks IR-1 --enable sec-8k
expect_exit 77 as rcoff clocks IR-1 --hold sec-8k --basis "no such basis"
n=$(sql "SELECT count(*) FROM journal WHERE action = 'denied' AND login = \
'rcoff'")
assert_eq 1 "$n" "the refused hold is journaled"
for i in $(seq 1 40); do
	as rcoff note IR-1 "spam $i" >/dev/null 2>&1
done
n=$(sql "SELECT count(*) FROM journal WHERE action = 'denied' AND login = \
'rcoff'")
assert_eq 21 "$n" "forty more refusals within the minute: twenty-one entries"
assert_eq counting "$(sql "SELECT json_extract(payload, '$.burst') FROM \
journal WHERE action = 'denied' ORDER BY seq DESC LIMIT 1")" \
    "the twenty-first opens the burst's count"
assert_eq 20 "$(sql "SELECT count FROM denial_burst")" "the rest counted"
expect_exit 0 v verify
# the count is part of what verify checks: changed, removed or made up
# with the sqlite3 shell, it fails
cp "$DB" "$TL_TMP/burst.db"
sql "UPDATE denial_burst SET count = 0"
expect_exit 65 v verify
assert_contains "$ERR" "table denial_burst" "a count changed is named"
cp "$TL_TMP/burst.db" "$DB"
sql "DELETE FROM denial_burst"
expect_exit 65 v verify
assert_contains "$ERR" "has no count" "a count removed is named"
cp "$TL_TMP/burst.db" "$DB"
sql "INSERT INTO denial_burst SELECT uid + 1, login, first_at, last_at, \
count, start_seq, seal FROM denial_burst"
expect_exit 65 v verify
assert_contains "$ERR" "did not open" "a count made up is named"
cp "$TL_TMP/burst.db" "$DB"
expect_exit 0 v verify
# a minute later the next refusal is journaled with the burst's count
# (the clock is the system's: wait the minute out)
sleep 61
expect_exit 77 as rcoff note IR-1 "after the minute"
n=$(sql "SELECT count(*) FROM journal WHERE action = 'denied' AND login = \
'rcoff'")
assert_eq 22 "$n" "after the minute: one new entry"
rep=$(sql "SELECT json_extract(payload, '$.repeated') || ' ' || \
json_extract(payload, '$.burst') FROM journal WHERE action = 'denied' ORDER \
BY seq DESC LIMIT 1")
assert_eq "20 ended" "$rep" "it carries the count of the burst"
assert_eq 0 "$(sql "SELECT count(*) FROM denial_burst")" "the count is taken"
expect_exit 0 v verify
tl_done
