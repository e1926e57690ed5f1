#!/bin/bash
# test_readers.sh: readers need no write access, and identity is the uid.
# A reader who may not write the file or its directory (or on a read-only
# filesystem, or a full disk) can list, show, read the journal, verify and
# anchor; a writer there is refused in one line. A login deleted and
# re-created under another uid is refused until an administrator rebinds
# it; an emptied roster makes nobody administrator. Real accounts (root).
. "$TESTLIB"

tl_users rcadmin rcreader rcmallory
umask 022

expect_exit 0 as rcadmin init
expect_exit 0 as rcadmin new "Phishing wave"
expect_exit 0 as rcadmin note IR-1 "gateway rule"
expect_exit 0 as rcadmin roster add rcreader --roles sim
expect_exit 0 as rcadmin roster add rcmallory --roles sim
# the directory and the file: the administrator's alone
mkdir -m 755 "$SHARED/ro"
mv "$DB" "$SHARED/ro/vigil.db"
DB="$SHARED/ro/vigil.db"
chown rcadmin "$SHARED/ro" "$DB"
chmod 644 "$DB"
chmod 755 "$SHARED/ro"

for c in list "show IR-1" journal verify anchor "show IR-1 --json" \
    "--read-only list"; do
	# shellcheck disable=SC2086
	expect_exit 0 as rcreader $c
done
run as rcreader verify
assert_contains "$OUT" "match the journal" "a reader verifies the record"
expect_exit 77 as rcreader note IR-1 "from a reader"
assert_contains "$ERR" "$DB" "the refusal names the file"
expect_exit 0 as rcadmin verify

# while the administrator's session holds it open (a -wal and a -shm
# exist, the -shm read-only for the reader), the reader still reads the
# newest changes
expect_exit 0 as rcadmin note IR-1 "newest"
(
	echo "BEGIN; SELECT count(*) FROM journal;"
	sleep 3
	echo "COMMIT;"
) | runuser -u rcadmin -- sqlite3 "$DB" >/dev/null &
holder=$!
sleep 0.5
run as rcreader show IR-1
assert_eq 0 "$RC" "read beside an open session"
assert_contains "$OUT" "newest" "the newest note is read"
wait $holder

# a read-only filesystem, and a full disk
MNT="$TL_TMP/mnt"
mkdir -p "$MNT"
if mount -t tmpfs -o size=2m tmpfs "$MNT" 2>/dev/null; then
	unmount() { umount "$MNT" 2>/dev/null || true; }
	tl_on_exit unmount
	cp "$DB" "$MNT/vigil.db"
	chown rcadmin "$MNT"
	chmod 755 "$MNT"
	chown rcadmin "$MNT/vigil.db"
	chmod 644 "$MNT/vigil.db"
	dd if=/dev/zero of="$MNT/fill" bs=4k 2>/dev/null
	DB="$MNT/vigil.db"
	expect_exit 0 as rcreader list
	expect_exit 0 as rcreader verify
	run as rcadmin note IR-1 "on a full disk"
	assert_eq 74 "$RC" "a write on a full disk: I/O error (74)"
	rm -f "$MNT/fill"
	expect_exit 0 as rcadmin verify
	mount -o remount,ro "$MNT"
	expect_exit 0 as rcreader list
	expect_exit 0 as rcreader verify
	expect_exit 0 as rcadmin journal
	umount "$MNT"
else
	echo "note: cannot mount a tmpfs here; read-only filesystem and full \
disk not tried"
fi

# identity by uid: rcmallory's account deleted and re-created (another
# uid) under the same name is not the person on the roster
DB="$SHARED/ro/vigil.db"
chmod 777 "$SHARED/ro"
chmod 666 "$DB"
old=$(id -u rcmallory)
userdel rcmallory
useradd -M -N -d /nonexistent -s /bin/sh -u $((old + 1000)) rcmallory
expect_exit 77 as rcmallory note IR-1 "who am I"
assert_contains "$ERR" "uid $old" "the message names the roster's uid"
assert_contains "$ERR" "--rebind-uid" "and tells the administrator what to do"
n=$(sql "SELECT count(*) FROM journal WHERE action = 'denied' AND login = \
'rcmallory'")
assert_eq 1 "$n" "the refusal is journaled"
expect_exit 0 as rcadmin roster add rcmallory --rebind-uid
expect_exit 0 as rcmallory note IR-1 "rebound"

# an emptied roster makes nobody administrator
sql "DELETE FROM roster"
expect_exit 77 as rcreader roster add rcreader --admin
expect_exit 0 as rcreader init
n=$(sql "SELECT count(*) FROM roster")
assert_eq 0 "$n" "nobody became administrator"
# an empty file given to vigil is no database of anyone's
rm -f "$SHARED/ro/empty.db"
: >"$SHARED/ro/empty.db"
chmod 666 "$SHARED/ro/empty.db"
DB="$SHARED/ro/empty.db"
run as rcreader list
run as rcreader roster add rcreader --admin
assert_eq 77 "$RC" "an empty file grants nobody administration"

tl_done
