#!/usr/bin/env bash
# test_evidence_progress.sh: `vigil evidence add --file` on a 1 GiB file in
# a real terminal (tmux): the progress bar on standard error shows the
# file, a growing percentage, the throughput and the time left, and is
# cleared when the hash is done (E1 printed, the SHA-256 that of
# sha256sum). A second add is interrupted with Ctrl-C: exit 130, a
# message, and nothing at all recorded. The file is sparse (no disk
# written) and $VIGIL_HASH_LIMIT slows the hashing down so that the bar
# can be read.
set -u
. "$(dirname "$0")/tmux-lib.sh"

BIG="$TL_DIR/disk-1g.img"
truncate -s 1G "$BIG" || tl_fail "truncate"
v init >/dev/null || tl_fail "init"
v new "Stolen laptop" >/dev/null || tl_fail "new"
v assign IR-1 forensics "$ME" >/dev/null || tl_fail "assign"

snapshot() {
	local t
	for t in $(sqlite3 "$TL_DB" "SELECT name FROM sqlite_schema WHERE \
type = 'table' ORDER BY name"); do
		sqlite3 "$TL_DB" "SELECT * FROM \"$t\" ORDER BY rowid"
	done
}

tl_tmux new-session -d -s vt -x 120 -y 12 "env -i PATH=/usr/bin:/bin \
TERM=xterm-256color HOME='$HOME' TZ=UTC bash --norc --noprofile" ||
    tl_fail "cannot start tmux"
sleep 0.3
tl_type "cd '$TL_DIR'; export PS1='$ '"
tl_keys Enter
tl_type "VIGIL_HASH_LIMIT=268435456 '$VIGIL' --db '$TL_DB' evidence add \
IR-1 --describe 'laptop image' --file '$BIG'; echo rc=\$?"
tl_keys Enter
tl_wait "hashing disk-1g.img [" 10
line=$(tl_screen | grep -F "hashing disk-1g.img")
echo "$line" | grep -Eq '\[[#.]+\] +[0-9]+% [0-9.]+ [KMG]iB of 1\.0 GiB, [0-9.]+ MiB/s, [0-9]+:[0-9]{2}:[0-9]{2} left' ||
    tl_fail "the bar is not what was expected: '$line'"
p1=$(echo "$line" | sed -E 's/.*\] +([0-9]+)%.*/\1/')
sleep 1
line=$(tl_screen | grep -F "hashing disk-1g.img") ||
    tl_fail "the bar went away too early"
p2=$(echo "$line" | sed -E 's/.*\] +([0-9]+)%.*/\1/')
[ "$p2" -gt "$p1" ] || tl_fail "the percentage did not grow ($p1 -> $p2)"
tl_wait "rc=0" 30
tl_screen | grep -qx 'E1' || tl_fail "E1 was not printed on a line of its own"
tl_screen | grep -qF "hashing" && tl_fail "the bar was not cleared"
want=$(sha256sum "$BIG" | cut -c1-64)
got=$(sqlite3 "$TL_DB" "SELECT sha256 || ' ' || size FROM evidence")
[ "$got" = "$want 1073741824" ] || tl_fail "recorded '$got', not '$want'"

# ---- Ctrl-C while hashing: nothing recorded ----------------------------
before=$(snapshot)
tl_keys C-l
tl_type "VIGIL_HASH_LIMIT=67108864 '$VIGIL' --db '$TL_DB' evidence add \
IR-1 --describe 'second image' --file '$BIG'; echo rc=\$?"
tl_keys Enter
tl_wait "hashing disk-1g.img [" 10
sleep 0.5
tl_keys C-c
tl_wait "rc=130" 10
tl_screen | grep -qF "vigil: interrupted while hashing" ||
    tl_fail "no message after Ctrl-C"
after=$(snapshot)
[ "$before" = "$after" ] || tl_fail "the database changed after Ctrl-C"
[ "$(sqlite3 "$TL_DB" "SELECT count(*) FROM evidence")" = 1 ] ||
    tl_fail "a second item was recorded"
echo "ok"
