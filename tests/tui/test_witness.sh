# test_witness.sh: the witness's warning in the console. This user has
# seen a journal (every command is a witness); its newest entries are cut
# off with the sqlite3 shell; the console opened on it shows the warning
# in red in the header, where it stays while the user moves about, until
# it is acknowledged with '!' — and :messages still has it in full. A cut
# made while the console runs is shown at the next reload.
. "$(dirname "$0")/tmux-lib.sh"

command -v sqlite3 >/dev/null 2>&1 || { echo "skip: no sqlite3 shell" >&2; exit 77; }
export XDG_STATE_HOME="$HOME/.local/state"
v init >/dev/null || tl_fail "init"
v new "Ransomware on file-srv-3" --severity 1 >/dev/null || tl_fail "new"
v new "Phishing wave, finance" --severity 3 >/dev/null || tl_fail "new"
for i in 1 2 3; do v note IR-1 "note $i" >/dev/null || tl_fail "note"; done
v list >/dev/null || tl_fail "list"	# the witness has seen every entry
head=$(sqlite3 "$TL_DB" "SELECT max(seq) FROM journal")
sqlite3 -cmd ".dbconfig enable_trigger off" "$TL_DB" \
    "DELETE FROM journal WHERE seq > $((head - 2))" >/dev/null ||
    tl_fail "cannot cut the journal"

tl_start 100 30
tl_wait "IR-1"
tl_wait "WARNING: the journal of"
tl_screen | head -1 | grep -qF "WARNING: the journal of" ||
    tl_fail "the warning is not in the header"
tl_screen | head -1 | grep -q "shorter" || tl_fail "the header does not say it is shorter"
# bold, reverse and red (8 or 256 colours): the word says it too
grep -aqE $'\e\\[0;1;7m\e\\[(31|91|38;5;(9|160|196))m WARNING' "$TL_RAW" ||
    tl_fail "the warning is not bold reverse red"
# it stays while the user works
tl_keys Enter
tl_wait "Roles IR-1"
tl_screen | head -1 | grep -qF "WARNING" || tl_fail "the warning left the incident view"
tl_keys Escape
tl_wait "IR-2"
tl_screen | head -1 | grep -qF "WARNING" || tl_fail "the warning went away by itself"
# acknowledged: the header is the header again, :messages keeps it
tl_keys '!'
tl_wait "Warning acknowledged"
tl_screen | head -1 | grep -qF "WARNING" && tl_fail "the acknowledged warning stays"
tl_screen | head -1 | grep -qF "open 2" || tl_fail "the header's counts are not back"
tl_type ":messages"
tl_keys Enter
tl_wait "messages  (Esc or q closes)"
tl_wait "entries were removed"
tl_keys Escape

tl_keys q
tl_wait_exit

# a cut while the console runs: shown at the next reload. The user has
# looked into the first cut (the witness's line removed, as the README
# says); a fresh console shows no warning, sees a new entry, and then
# that entry is cut.
rm -f "$XDG_STATE_HOME/vigil/witness"
v list >/dev/null 2>&1 || tl_fail "list"
tl_tmux kill-server >/dev/null 2>&1
tl_start 100 30
tl_wait "IR-1"
tl_screen | head -1 | grep -qF "WARNING" && tl_fail "a warning with nothing cut"
v note IR-2 "seen by this console" >/dev/null 2>&1 || tl_fail "note"
sleep 2.5	# the console reloads, and witnesses the new entry
head=$(sqlite3 "$TL_DB" "SELECT max(seq) FROM journal")
sqlite3 -cmd ".dbconfig enable_trigger off" "$TL_DB" \
    "DELETE FROM journal WHERE seq = $head" >/dev/null
tl_wait "WARNING: the journal of" 5
tl_screen | head -1 | grep -q "shorter" || tl_fail "the reload's warning does not say shorter"
tl_keys q
tl_wait_exit
echo "ok: the console shows the witness's warning until acknowledged"
