# test_setgid.sh: the setgid installation, as README.md's "The setgid
# installation" says, on real accounts (root only; skipped otherwise).
#
# The section's prompt lines are run as in test_team.sh (see
# tests/lib/readme-steps.sh), with these changes to keep the test to a
# temporary tree: the group vigil is tmvigil, the build directory and the
# database directory are under the test's directory, the configure line
# also sets CMAKE_INSTALL_PREFIX (a temporary prefix) and VIGIL_TESTS=OFF,
# and the build builds only vigil. Then the team section's story runs on
# it (its root lines and its init line are the setgid section's instead)
# with members who are NOT in the vigil group. Checked: members cannot
# open the file with sqlite3; every vigil command of the story works;
# $EDITOR (run from the console, in tmux) and export -o run and write with
# the user's own group; the editor inherits no database descriptor;
# vigil verify passes. Then the keyed chain: init made a key only the
# group reads and verify says the chain is keyed; as root (who can write
# the file) an entry is edited, or the keying entry removed, and every
# hash recomputed in plain SHA-256: a member's verify, with no witness,
# fails through the key; without its key file the database is refused;
# an unkeyed database in the directory is keyed from its next entry.
. "$TESTLIB"

command -v cmake >/dev/null 2>&1 || tl_skip "cmake is not installed"
command -v tmux >/dev/null 2>&1 || tl_skip "tmux is not installed"
RS_PREFIX=tmg
tl_users tmgadmin tmgtriage tmgsim tmgeim tmgcomms tmgreview tmgout
README="$(dirname "$TESTLIB")/../../README.md"
SRC=$(cd "$(dirname "$TESTLIB")/../.." && pwd)
T="$TL_TMP"
SG=tmvigil
PREFIX="$T/prefix"
mkdir -p "$T/etc"
chmod 755 "$T/etc"

tl_remove_group() { groupdel "$SG" 2>/dev/null || true; }
tl_on_exit tl_remove_group
tl_remove_group

RS_GROUP=tmteam
RS_BIN="$PREFIX/bin"
RS_SED="s/(groupadd --system |VIGIL_SETGID_GROUP=)vigil\\b/\\1$SG/g; \
s|cmake -S \\. -B build|cmake -S $SRC -B $T/build -DCMAKE_INSTALL_PREFIX=$PREFIX -DVIGIL_TESTS=OFF|; \
s|cmake --build build|cmake --build $T/build -j2 --target vigil >/dev/null|; \
s|cmake --install build|cmake --install $T/build|"
. "$(dirname "$TESTLIB")/readme-steps.sh"

DIR="$T/var/lib/vigil"
DB="$DIR/vigil.db"
SETUP=$(rs_section "### The setgid installation")
[ "$(printf '%s\n' "$SETUP" | wc -l)" -ge 5 ] && ok ||
    not_ok "the README's setgid section has too few steps"
while IFS= read -r line; do
	rs_run_line "$line"
	[ "$RC" = 0 ] || { echo "  stdout: $OUT"; }
done <<EOS
$SETUP
EOS
# (the section's last line is init: it says where the chain's key is)
assert_contains "$OUT" "the journal is keyed (HMAC-SHA-256) from entry 2" \
    "init keys the chain and says so"
[ -x "$PREFIX/bin/vigil" ] || { not_ok "no installed vigil"; tl_done; }
assert_eq "2755 root:$SG" "$(stat -c '%a %U:%G' "$PREFIX/bin/vigil")" \
    "vigil is installed setgid to the group"
assert_eq "2770 root:$SG" "$(stat -c '%a %U:%G' "$DIR")" \
    "the database directory is the group's, 2770"
assert_eq "660 $SG" "$(stat -c '%a %G' "$DB")" \
    "the database is the group's, 0660, whatever the umask"

# The team's story on it: everything but the team section's own set-up.
STORY=$(rs_section "### A database shared by a team" |
    grep -Ev '^root# |init --group')
while IFS= read -r line; do
	rs_run_line "$line"
	rs_check_files "$DIR" "$SG" "$line"
done <<EOS
$STORY
EOS
assert_contains "${REFUSAL:-}" "roster" \
    "the outsider (who can run vigil) is refused by the roster"

# Members cannot reach the file except through vigil.
for u in tmgadmin tmgsim tmgreview; do
	run runuser -u "$u" -- sqlite3 "$DB" "SELECT count(*) FROM incident"
	if [ "$RC" != 0 ]; then ok; else
		not_ok "$u opened the database with sqlite3: $OUT"
	fi
	run runuser -u "$u" -- cat "$DB"
	[ "$RC" != 0 ] && ok || not_ok "$u read the file directly"
done

as_sg() { rs_step "$@"; }
as_sg carol "vigil show IR-1 --json"
printf '%s\n' "$OUT" >"$T/ir1.json"
assert_eq 1 "$(json "$T/ir1.json" '$.severity')" "severity set through vigil"
assert_eq closed "$(json "$T/ir1.json" '$.status')" "IR-1 closed through vigil"

# export -o writes as the user: the file is in the user's own group.
mkdir -m 1777 "$T/out"
as_sg carol "vigil export IR-1 --format md -o $T/out/IR-1.md"
assert_eq 0 "$RC" "export -o works: $ERR"
assert_eq "tmgsim $(id -gn tmgsim)" "$(stat -c '%U %G' "$T/out/IR-1.md" 2>&1)" \
    "the export is written with the user's own group"

# $EDITOR from the console: the bulletin editor of an open incident.
as_sg carol "vigil new 'Editor check' --severity 2"
key=$OUT
as_sg carol "vigil pickup $key sim"
assert_eq 0 "$RC" "the sim-qualified member picks up the sim: $ERR"
cat >"$T/out/editor" <<EOS
#!/bin/sh
# Who am I, what can I reach, what did I inherit?
id -g >"$T/out/editor.gid"
id -G >"$T/out/editor.groups"
ls -l /proc/\$\$/fd >"$T/out/editor.fds" 2>&1
: >"$T/out/made-by-editor"
echo "edited in the setgid test" >>"\$1"
EOS
chmod 755 "$T/out/editor"
SOCK="vigil-sg-$$"
tl_stop_tmux()
{
	local pane
	pane=$(tmux -L "$SOCK" display -p -t vt '#{pane_pid}' 2>/dev/null)
	if [ -n "$pane" ]; then	# runuser and its vigil end before the account
		kill $(pgrep -P "$pane") "$pane" 2>/dev/null
		sleep 0.3
	fi
	tmux -L "$SOCK" kill-server 2>/dev/null || true
}
tl_on_exit tl_stop_tmux
tmux -L "$SOCK" -f /dev/null new-session -d -s vt -x 100 -y 30 \
    "runuser -u tmgsim -- env -i PATH=$PREFIX/bin:/usr/bin:/bin \
HOME=/nonexistent XDG_CONFIG_HOME=$T/noconfig TERM=xterm-256color LC_ALL=C.UTF-8 TZ=UTC \
VIGIL_CONFIG=$T/etc/vigil/config EDITOR=$T/out/editor TMPDIR=/nonexistent \
$PREFIX/bin/vigil" \; set-option -t vt remain-on-exit on
screen() { tmux -L "$SOCK" capture-pane -p -t vt; }
wait_for()
{
	local i=0
	while [ $i -lt 150 ]; do	# 15 s: the suite may load the machine
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
if wait_for "$key"; then ok; else not_ok "the console did not start"; screen; fi
# the new incident is the most severe open one: first in the queue
tmux -L "$SOCK" send-keys -t vt E
if wait_for "saved bulletin version 1"; then ok; else
	not_ok "the bulletin editor did not run"; screen
fi
# the running console holds the database open; the same user cannot
# borrow its descriptors (the process is not dumpable)
pane=$(tmux -L "$SOCK" display -p -t vt '#{pane_pid}')
vpid=$(pgrep -P "$pane" | head -1)
if [ -n "$vpid" ]; then
	run runuser -u tmgsim -- ls -l "/proc/$vpid/fd/"
	if [ "$RC" != 0 ]; then ok; else
		not_ok "tmgsim can list the console's descriptors: $OUT"
	fi
else
	not_ok "no console process found under the pane"
fi
# w: the description in the editor, through the same dropped group
rm -f "$T/out/editor.gid"
tmux -L "$SOCK" send-keys -t vt w
if wait_for "$key: description changed."; then ok; else
	not_ok "the description editor did not run"; screen
fi
as_sg carol "vigil show $key"
assert_contains "$OUT" "edited in the setgid test" \
    "the description from the editor is saved"
tmux -L "$SOCK" send-keys -t vt q
sleep 0.5
assert_eq "$(id -g tmgsim)" "$(cat "$T/out/editor.gid" 2>&1)" \
    "the editor runs with the user's own group"
assert_not_contains "$(cat "$T/out/editor.groups" 2>&1)" "$(getent group $SG | cut -d: -f3)" \
    "the editor has no trace of the vigil group"
assert_not_contains "$(cat "$T/out/editor.fds" 2>&1)" "vigil.db" \
    "the editor inherits no descriptor of the database"
assert_eq "tmgsim $(id -gn tmgsim)" "$(stat -c '%U %G' "$T/out/made-by-editor" 2>&1)" \
    "a file the editor makes is the user's group's"

as_sg alice "vigil verify"
assert_eq 0 "$RC" "verify passes: $ERR"
assert_contains "$OUT" "chain intact (keyed: HMAC-SHA-256 from entry 2)" \
    "the chain is keyed from the entry after the database's creation"

# ---- the keyed chain ------------------------------------------------
KEY="$DB.key"
assert_eq "440 $SG" "$(stat -c '%a %G' "$KEY" 2>&1)" \
    "the key file is the group's, read-only"
for u in tmgadmin tmgsim; do
	run runuser -u "$u" -- cat "$KEY"
	[ "$RC" != 0 ] && ok || not_ok "$u read the key file: $OUT"
done
run runuser -u tmgadmin -- env -i PATH="$RS_BIN:/usr/bin:/bin" \
    HOME=/nonexistent VIGIL_CONFIG="$T/etc/vigil/config" vigil journal --json
assert_contains "$OUT" '"chain.keyed"' "the keying is journaled"
[ -n "${VIGIL_RECHAIN:-}" ] || { not_ok "VIGIL_RECHAIN is not set"; tl_done; }
TRIED=0
CAUGHT=0
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp -p "$DB" "$T/clean.db"
restore() { rm -f "$DB-wal" "$DB-shm"; cp -p "$T/clean.db" "$DB"; }
# keyed_caught WHAT WORDS: a member's verify (no witness: HOME is
# /nonexistent) fails (65) naming WORDS
keyed_caught()
{
	TRIED=$((TRIED + 1))
	as_sg alice "vigil verify"
	if [ "$RC" = 65 ] && assert_contains "$ERR" "$2" "$1"; then
		CAUGHT=$((CAUGHT + 1))
	else
		not_ok "not caught: $1 (exit $RC): $OUT $ERR"
	fi
	restore
}
# root edits the declaration's reason and recomputes every hash
sqlite3 -cmd ".dbconfig enable_trigger off" "$DB" "UPDATE journal SET \
payload = replace(payload, 'customer records exfiltrated', 'no data left') \
WHERE action = 'breach.declare'" >/dev/null
run "$VIGIL_RECHAIN" "$DB"
assert_eq 0 "$RC" "the forger recomputed the chain: $ERR"
keyed_caught "an edited entry, the chain recomputed" \
    "recomputed without the key"
# root removes the keying entry, renumbers, and recomputes every hash
sqlite3 -cmd ".dbconfig enable_trigger off" "$DB" "DELETE FROM journal \
WHERE action = 'chain.keyed'; UPDATE journal SET seq = seq - 1 WHERE \
seq > 2; DROP INDEX IF EXISTS journal_keyed" >/dev/null
"$VIGIL_RECHAIN" "$DB" >/dev/null
keyed_caught "the keying entry removed, the chain recomputed" \
    "keyed the chain"
# root appends a forged declaration (a copy of the real one, by someone
# else) and computes its hash, leaving the entries before as they were
sqlite3 -cmd ".dbconfig enable_trigger off" "$DB" "INSERT INTO journal \
(seq, uuid, incident_id, at, uid, login, loginuid, action, payload, \
prev_hash, hash) SELECT (SELECT max(seq) + 1 FROM journal), \
lower(hex(randomblob(4))) || '-0000-4000-8000-' || lower(hex(randomblob(6))), \
incident_id, at + 60, uid, 'tmgsim', loginuid, action, payload, '', '' FROM \
journal WHERE action = 'breach.declare'" >/dev/null
"$VIGIL_RECHAIN" "$DB" "$(sqlite3 "$DB" "SELECT max(seq) FROM journal")" \
    >/dev/null
keyed_caught "a forged declaration appended, its hash computed" \
    "recomputed without the key"
echo "keyed tamper: tried $TRIED, caught $CAUGHT"
assert_eq "$TRIED" "$CAUGHT" "every tampering of the keyed chain caught"

# without its key file the keyed database is refused, loudly
mv "$KEY" "$T/key.away"
as_sg carol "vigil list"
assert_eq 77 "$RC" "a keyed database without its key is refused"
assert_contains "$ERR" "key file $KEY is missing" "the refusal names the key"
as_sg alice "vigil verify"
assert_contains "$ERR" "is missing" "verify too refuses without the key"
mv "$T/key.away" "$KEY"
as_sg carol "vigil list"
assert_eq 0 "$RC" "with its key back the database opens: $ERR"

# an unkeyed database in the directory (made by a plain vigil, as root)
# is keyed from its next entry by the first write through vigil
OLD="$DIR/old.db"
HOME="$T/roothome" "$VIGIL" --db "$OLD" init >/dev/null
HOME="$T/roothome" "$VIGIL" --db "$OLD" roster add tmgadmin --roles all \
    --admin >/dev/null
chgrp "$SG" "$OLD" && chmod 0660 "$OLD"
rm -f "$OLD-wal" "$OLD-shm"
[ ! -e "$OLD.key" ] && ok || not_ok "a plain vigil made a key"
as_sg alice "vigil --db /var/lib/vigil/old.db new 'after the upgrade'"
assert_eq 0 "$RC" "a write through vigil upgrades it: $ERR"
assert_eq "440 $SG" "$(stat -c '%a %G' "$OLD.key" 2>&1)" \
    "the upgrade made the key file"
as_sg alice "vigil --db /var/lib/vigil/old.db verify"
assert_contains "$OUT" "keyed: HMAC-SHA-256 from entry 3" \
    "keyed from the entry after the old ones: $ERR"
assert_eq "chain.keyed" "$(sqlite3 "$OLD" "SELECT action FROM journal \
WHERE seq = 3")" "the switch is journaled"
tl_done
