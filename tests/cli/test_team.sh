# test_team.sh: README.md's "A database shared by a team", followed
# literally, on real Unix accounts (root only; skipped otherwise).
#
# Every line of that section that starts with a prompt ("root# ",
# "alice$ ") is run, in order, as that account, in a clean environment
# (env -i) with umask 007, the command text unchanged except for these
# names: the people alice..frank and the outsider mallory become the test
# accounts tm*, the group ir becomes tmteam, /srv/ and /etc/vigil/config
# move under the test's directory (each user's VIGIL_CONFIG names the
# moved /etc/vigil/config, as /etc/vigil/config would be found on a real
# host). A line whose comment says "refused" must fail with one clear
# line; every other line must succeed. After every step every file in the
# team's directory must be the group's and group-writable: nobody locked
# out. Then the story's outcome is checked with the members' own reads.
. "$TESTLIB"

ACCTS="tmadmin tmtriage tmsim tmeim tmcomms tmreview tmout"
tl_users $ACCTS
README="$(dirname "$TESTLIB")/../../README.md"
T="$TL_TMP"
GROUP=tmteam
BIN="$T/bin"
mkdir -p "$BIN" "$T/etc"
cp "$VIGIL" "$BIN/vigil"
chmod 755 "$BIN" "$BIN/vigil" "$T/etc"

tl_remove_group() { groupdel "$GROUP" 2>/dev/null || true; }
tl_on_exit tl_remove_group
tl_remove_group

RS_GROUP=$GROUP
RS_BIN=$BIN
. "$(dirname "$TESTLIB")/readme-steps.sh"
step() { rs_step "$@"; }
check_files() { rs_check_files "$T/srv/$GROUP" "$GROUP" "$1"; }

STEPS=$(rs_section "### A database shared by a team")
n=$(printf '%s\n' "$STEPS" | wc -l)
[ "$n" -ge 25 ] && ok || not_ok "the README's team section has $n steps"
while IFS= read -r line; do
	rs_run_line "$line"
	check_files "$line"
done <<EOS
$STEPS
EOS

DB="$T/srv/$GROUP/vigil.db"
# The outsider's refusal says why and what to do.
assert_contains "${REFUSAL:-}" "$T/srv/$GROUP" "the refusal names the directory"
assert_contains "${REFUSAL:-}" "group $GROUP" "the refusal names the group"
assert_contains "${REFUSAL:-}" "add you to that group" "the refusal says what to ask"

# What the story left, read by the members themselves.
step carol "vigil show IR-1 --json"
printf '%s\n' "$OUT" >"$T/ir1.json"
assert_eq 1 "$(json "$T/ir1.json" '$.severity')" "severity set by the sim"
assert_eq privacy "$(json "$T/ir1.json" '$.kind')" "kind set by the sim"
assert_eq closed "$(json "$T/ir1.json" '$.status')" "IR-1 closed"
step bob "vigil show IR-2 --json"
printf '%s\n' "$OUT" >"$T/ir2.json"
assert_contains "$OUT" '"tmtriage"' "IR-2 picked up by triage"
step alice "vigil journal IR-1 --json"
assert_contains "$OUT" '"incident.set"' "the edit is journaled"
assert_contains "$OUT" '"milestone.correct"' "the correction is journaled"
assert_contains "$OUT" '\"old\":\"2026-11-22T09:00:00+00:00' "the correction keeps the old time"
assert_contains "$OUT" '\"new\":\"2026-11-22T10:15:00+00:00' "and the new one"
step frank "vigil review IR-1"
assert_contains "$OUT" "corrected" "the review shows the correction"
step alice "vigil journal IR-1"
assert_contains "$OUT" "tmtriage" "triage's acts are in the journal"

# A read-only command by a member, once every session has ended (no
# -wal/-shm left), must not lock anybody out.
rm -f "$DB-wal" "$DB-shm" 2>/dev/null
step frank "vigil --read-only list --all"
[ "$RC" = 0 ] && ok || not_ok "read-only list failed: $ERR"
check_files "a read-only list"
step frank "vigil list --all"
check_files "a list"
step dave "vigil note IR-2 'still looking'"
[ "$RC" = 0 ] && ok || not_ok "a write after a member's read failed: $ERR"
step alice "vigil verify"
[ "$RC" = 0 ] && ok || not_ok "verify failed at the end: $ERR"

# A companion left unwritable by another member (an old vigil, a stray
# shell with umask 077): the next writer is told which file, its mode and
# owner, and the fix; once the owner runs that fix, writes work again.
rm -f "$DB-wal" "$DB-shm"
runuser -u tmreview -- sh -c "umask 077; : >'$DB-wal'"
step dave "vigil note IR-2 again"
assert_eq 77 "$RC" "a write through a locked-out -wal is refused"
assert_eq 1 "$(wc -l <"$ERRF")" "in one line"
assert_contains "$ERR" "$DB-wal" "the file is named"
assert_contains "$ERR" "mode 0600" "its mode is named"
assert_contains "$ERR" "owner tmreview" "its owner is named"
fix=$(printf '%s\n' "$ERR" | sed -n "s/.*run '\([^']*\)'.*/\1/p")
assert_contains "$fix" "chmod 0660 $DB-wal" "the fix is a chmod"
runuser -u tmreview -- sh -c "$fix"
step dave "vigil note IR-2 again"
assert_eq 0 "$RC" "after the fix the write lands: $ERR"
check_files "the fix"
step alice "vigil verify"
assert_eq 0 "$RC" "verify passes: $ERR"

tl_done
