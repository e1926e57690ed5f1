#!/usr/bin/env bash
# test_evidence_console.sh: the console's evidence end to end in tmux. A
# 256 MiB sparse image is registered with ':evidence add', slowed down by
# $VIGIL_HASH_LIMIT so it takes seconds: the status line shows the hash's
# progress, and meanwhile the console answers keys (the help opens and
# closes, the pane moves); when the hash is done E1 is in the evidence
# pane and the database holds the SHA-256 of sha256sum. Then t transfers
# it to an external party (rechecked), and a second registration is
# cancelled half way with nothing recorded.
set -u
. "$(dirname "$0")/tmux-lib.sh"

IMG="$TL_DIR/srv3-sda.img"
truncate -s 256M "$IMG" || tl_fail "truncate"
v init >/dev/null || tl_fail "init"
v new "Ransomware on file-srv-3" --severity 1 >/dev/null || tl_fail "new"
v assign IR-1 forensics "$ME" >/dev/null || tl_fail "assign"

tl_start 132 43 VIGIL_HASH_LIMIT=67108864
tl_wait "1 of 1"
tl_keys Enter
tl_wait "Evidence 0"
tl_keys :
tl_type "evidence add $IMG system disk of file-srv-3"
tl_keys Enter
tl_wait "hashing srv3-sda.img" 5
tl_screen | grep -F "hashing srv3-sda.img" | grep -Eq '[0-9]+% [0-9.]+ [KMG]i?B of 256\.0 MiB, [0-9.]+ MiB/s, [0-9:]+ left' ||
    tl_fail "no progress in the status line"
# the console is alive while the file is hashed
tl_keys '?'
tl_wait "Keys in the" 3
tl_keys Escape
tl_wait "Evidence 0" 3
tl_screen | grep -qF "hashing srv3-sda.img" || tl_fail "the hash stopped"
tl_wait "IR-1 E1 registered" 15
tl_wait_gone "hashing srv3-sda.img" 3
tl_wait "Evidence 1"
got=$(sqlite3 "$TL_DB" "SELECT sha256 || ' ' || size || ' ' || registered_by \
FROM evidence")
want="$(sha256sum "$IMG" | cut -c1-64) 268435456 $ME"
[ "$got" = "$want" ] || tl_fail "recorded '$got', not '$want'"

# t on the selected item: to an external party, why; hashed again
while ! tl_screen | grep -qF "> Evidence"; do
	tl_keys Tab
done
tl_keys t
tl_wait "Transfer E1 to"
tl_type "FBI field office"
tl_keys Enter
tl_wait "handed over?"
tl_type "grand jury subpoena"
tl_keys Enter
tl_wait "in the custody of FBI field office (external party); hash rechecked: OK." 15
[ "$(sqlite3 "$TL_DB" "SELECT custodian || '|' || custodian_external FROM \
evidence")" = "FBI field office|1" ] || tl_fail "custody not recorded"

# a second registration cancelled half way: nothing recorded
n0=$(sqlite3 "$TL_DB" "SELECT count(*) FROM journal")
tl_keys :
tl_type "evidence add $IMG a second copy"
tl_keys Enter
tl_wait "hashing srv3-sda.img" 5
tl_keys :
tl_type "evidence cancel"
tl_keys Enter
tl_wait "Hashing stopped; nothing recorded."
sleep 0.5
[ "$(sqlite3 "$TL_DB" "SELECT count(*) FROM evidence")" = 1 ] ||
    tl_fail "a cancelled item was recorded"
[ "$(sqlite3 "$TL_DB" "SELECT count(*) FROM journal")" = "$n0" ] ||
    tl_fail "the journal changed after a cancel"
tl_keys q
tl_keys q
tl_wait_exit
echo "ok"
