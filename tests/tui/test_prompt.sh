#!/usr/bin/env bash
# test_prompt.sh: the console's prompts as a person types into them, in
# tmux at 80x24: a note edited in the middle (Home, Right, Ctrl-W, End);
# the milestone time's "now" is a placeholder that typing replaces, an
# invalid time keeps the typed text and shows the error with the prompt,
# Ctrl-U then Enter answers the default; a 2,000-character paste into a
# note lands whole within a second; a refusal too long for the message
# line continues on the next line and is there in full in :messages; Up
# recalls the last note.
set -u
. "$(dirname "$0")/tmux-lib.sh"

v init >/dev/null || tl_fail "init"
v new "Ransomware on file-srv-3" --severity 1 >/dev/null || tl_fail "new"
v assign IR-1 sim "$ME" >/dev/null || tl_fail "assign sim"
v roster add csbob --roles sim --name "Bob" >/dev/null || tl_fail "roster"

tl_start 80 24
tl_wait "1 of 1"

# ---- editing in the middle of a note --------------------------------
tl_keys N
tl_wait "Note on IR-1"
tl_type "isolatd VLAN 40 typo"
tl_keys C-w				# the last word goes
tl_keys Home Right Right Right Right Right Right
tl_type "e"				# isolat|d -> isolate|d
tl_keys End
tl_type "(file-srv-3)"
tl_wait "isolated VLAN 40 (file-srv-3)"
tl_keys Enter
tl_wait "note added"
got=$(sqlite3 "$TL_DB" "SELECT text FROM note ORDER BY id DESC LIMIT 1")
[ "$got" = "isolated VLAN 40 (file-srv-3)" ] ||
    tl_fail "the note is '$got', not what was edited"

# ---- the milestone time: a placeholder, an error with the prompt ------
tl_keys m
tl_wait "Which milestone"
tl_keys Enter
tl_wait "When did"
tl_wait "happen? (Enter: now"
tl_type "2026-12-01T1950"		# no zone: refused
tl_keys Enter
tl_wait "Not a time"
# the error is shown with the prompt, and the typed text is still there
scr=$(tl_screen)
echo "$scr" | grep -q "When did .* happen? 2026-12-01T1950" ||
    tl_fail "the typed time was not kept"
echo "$scr" | grep -q "now2026" && tl_fail "typing appended to the default"
# editing in the middle: insert the minutes' colon and the zone
tl_keys Left Left
tl_type ":"
tl_keys End
tl_type "Z"
tl_wait "2026-12-01T19:50Z"
tl_keys Enter
tl_wait "recorded"
sqlite3 "$TL_DB" "SELECT count(*) FROM milestone WHERE at = strftime('%s', \
'2026-12-01 19:50:00')" | grep -qx 1 || tl_fail "milestone not at 19:50Z"

# the default: Enter on the untouched prompt answers "now"
tl_keys m
tl_wait "Which milestone"
tl_keys Down Enter
tl_wait "When did"
tl_keys Enter
tl_wait "recorded"

# ---- a 2,000-character paste ------------------------------------------
LONG=$(printf 'forensic image of file-srv-3 hashed and stored; %.0s' \
    $(seq 1 50) | cut -c1-2000)
[ ${#LONG} = 2000 ] || tl_fail "test text is ${#LONG} characters"
tl_keys N
tl_wait "Note on IR-1"
t0=$(date +%s%N)
tl_tmux send-keys -t vt -l "$LONG"
tl_tmux send-keys -t vt Enter
i=0
while [ "$i" -lt 50 ]; do
	n=$(sqlite3 "$TL_DB" "SELECT length(text) FROM note ORDER BY id DESC \
LIMIT 1")
	[ "$n" = 2000 ] && break
	sleep 0.05
	i=$((i + 1))
done
ms=$((($(date +%s%N) - t0) / 1000000))
[ "$n" = 2000 ] || tl_fail "the pasted note has $n characters, not 2000"
[ "$(sqlite3 "$TL_DB" "SELECT text FROM note ORDER BY id DESC LIMIT 1")" = \
    "$LONG" ] || tl_fail "the pasted note is not the text pasted"
[ "$ms" -lt 1000 ] || tl_fail "the paste took $ms ms to land (over 1 s)"
echo "paste of 2000 characters landed in $ms ms"

# ---- Up recalls the last note ------------------------------------------
tl_keys N
tl_wait "Note on IR-1"
tl_keys Up
tl_wait "forensic image of file-srv-3"
tl_keys Escape
tl_wait "Cancelled"

# ---- a long refusal, in full in :messages -----------------------------
tl_keys :
tl_type "assign eim csbob"
tl_keys Enter
tl_wait "not qualified"
# wider than the line: it continues below, not cut
tl_wait "'vigil roster add csbob --roles ...')"
tl_keys L
tl_wait "Messages"
tl_wait "--roles ...')"
tl_screen | grep -q "csbob is not qualified for the eim role" ||
    tl_fail ":messages does not show the refusal's start"
tl_keys Escape
tl_wait "1 of 1"
tl_keys :
tl_type "messages"
tl_keys Enter
tl_wait "Messages"
tl_wait "csbob is not qualified for the eim role"
tl_keys q
tl_wait "1 of 1"
tl_keys q
tl_wait_exit
echo "ok"
