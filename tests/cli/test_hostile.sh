#!/bin/bash
# test_hostile.sh: files vigil must not trust and a database it cannot
# get. Garbage, a damaged vigil file, another program's SQLite file and a
# file from a newer vigil are refused with one clear line and the right
# exit code, and are left byte-for-byte as they were. A write lock held
# by another program longer than the busy timeout gives "busy" (75) after
# a bounded wait and writes nothing; reading goes on meanwhile (WAL).
. "$TESTLIB"

sum() { cksum <"$1"; }

# refused CODE FILE WORDS: every command refuses FILE with CODE, a
# message containing WORDS, and leaves it (and its directory) unchanged.
refused()
{
	local code=$1 file=$2 words=$3 c before files
	before=$(sum "$file")
	files=$(ls -a "$(dirname "$file")")
	for c in list "show IR-1" journal verify init "new x" "note IR-1 x"; do
		# shellcheck disable=SC2086
		expect_exit "$code" "$VIGIL" --db "$file" $c
		assert_contains "$ERR" "$words" "$c: the message"
	done
	assert_eq "$before" "$(sum "$file")" "$(basename "$file") unchanged"
	assert_eq "$files" "$(ls -a "$(dirname "$file")")" \
	    "no files left next to $(basename "$file")"
}

# ---- garbage --------------------------------------------------------
mkdir "$TL_TMP/g"
head -c 65536 /dev/urandom >"$TL_TMP/g/garbage.db"
refused 70 "$TL_TMP/g/garbage.db" "not a database"
printf 'SQLite format 3\0but not really' >"$TL_TMP/g/fake.db"
refused 70 "$TL_TMP/g/fake.db" "fake.db"

# ---- another program's SQLite file ----------------------------------
mkdir "$TL_TMP/o"
sqlite3 "$TL_TMP/o/other.db" "CREATE TABLE accounts (id INTEGER PRIMARY \
KEY, owner TEXT); INSERT INTO accounts VALUES (1, 'someone')"
refused 65 "$TL_TMP/o/other.db" "not a vigil database"
assert_eq "1|someone" "$(sqlite3 "$TL_TMP/o/other.db" "SELECT * FROM \
accounts")" "its data untouched"

# ---- a vigil file from a newer vigil ---------------------------------
mkdir "$TL_TMP/n"
expect_exit 0 "$VIGIL" --db "$TL_TMP/n/new.db" init
sqlite3 "$TL_TMP/n/new.db" "PRAGMA user_version = 99"
refused 65 "$TL_TMP/n/new.db" "newer"

# ---- a damaged vigil file -------------------------------------------
expect_exit 0 v init
for i in $(seq 1 60); do
	v new "incident number $i with a title long enough to fill pages" \
	    >/dev/null || not_ok "new $i"
done
expect_exit 0 v verify
sql "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
pages=$(( $(stat -c %s "$DB") / 4096 ))
[ "$pages" -ge 6 ] && ok || not_ok "the test database is too small"
cp "$DB" "$TL_TMP/damaged.db"
head -c 8192 /dev/urandom | dd of="$TL_TMP/damaged.db" bs=4096 seek=3 \
    conv=notrunc 2>/dev/null
run "$VIGIL" --db "$TL_TMP/damaged.db" verify --full
[ "$RC" = 65 ] || [ "$RC" = 70 ] && ok \
    || not_ok "verify of a damaged file exits $RC"
assert_eq 1 "$(wc -l <"$ERRF")" "one line"
assert_contains "$ERR" "vigil: " "the message"
for c in list "list --all --json" "show IR-30" journal; do
	# shellcheck disable=SC2086
	run "$VIGIL" --db "$TL_TMP/damaged.db" $c
	[ "$RC" -lt 128 ] && ok || not_ok "$c crashed on a damaged file ($RC)"
	[ "$RC" = 0 ] || [ "$(wc -l <"$ERRF")" = 1 ] && ok \
	    || not_ok "$c: more than one line on stderr"
done
# cut short
head -c $((4096 * 3 + 100)) "$DB" >"$TL_TMP/short.db"
run "$VIGIL" --db "$TL_TMP/short.db" verify --full
[ "$RC" != 0 ] && [ "$RC" -lt 128 ] && ok \
    || not_ok "verify of a truncated file exits $RC"

# ---- not a file -----------------------------------------------------
expect_exit 66 "$VIGIL" --db "$TL_TMP" list
expect_exit 66 "$VIGIL" --db "$TL_TMP/nowhere/x.db" list
[ ! -e "$TL_TMP/nowhere" ] && ok || not_ok "a read created directories"

# ---- locked by another program --------------------------------------
# A sqlite3 shell takes the write lock and keeps it for HOLD seconds,
# longer than vigil's busy timeout (5 s) and its retries.
HOLD=25
(
	echo "BEGIN IMMEDIATE;"
	echo "UPDATE roster SET contact = contact;"
	sleep $HOLD
	echo "ROLLBACK;"
) | sqlite3 "$DB" &
locker=$!
stop_locker() { kill "$locker" 2>/dev/null; wait "$locker" 2>/dev/null; }
tl_on_exit stop_locker
sleep 1
before=$(sql "SELECT count(*) FROM note")
j0=$(sql "SELECT count(*) FROM journal")
# readers are not blocked by a writer (WAL)
t0=$(date +%s)
expect_exit 0 v list --limit 5
expect_exit 0 v show IR-1 --json
expect_exit 0 v verify
assert_eq 1 "$(( $(date +%s) - t0 < 4 ))" "reads do not wait for the writer"
# a write waits, then gives up with "busy"
t0=$(date +%s)
expect_exit 75 v note IR-1 "written while locked"
t1=$(date +%s)
assert_contains "$ERR" "busy" "the message says busy"
[ $((t1 - t0)) -ge 4 ] && ok || not_ok "gave up after $((t1 - t0)) s, \
before the busy timeout"
[ $((t1 - t0)) -lt $HOLD ] && ok || not_ok "waited $((t1 - t0)) s: not \
bounded by the busy timeout"
wait "$locker"
assert_eq "$before" "$(sql "SELECT count(*) FROM note")" "no note written"
assert_eq "$j0" "$(sql "SELECT count(*) FROM journal")" "no journal entry"
# once the lock is gone, the same write goes through
expect_exit 0 v note IR-1 "written after the lock"
expect_exit 0 v verify

tl_done
