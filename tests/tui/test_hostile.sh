#!/usr/bin/env bash
# test_hostile.sh: a title made of terminal escape sequences (OSC 0
# window-title change, SGR colour, ESC[2J clear, ESC[H cursor home, 8-bit
# C1 CSI, a bidi override) is stored byte for byte, the console shows
# visible placeholders, and, in the raw bytes the console wrote to its
# pty, none of those sequences appears; the window title is unchanged.
# Then, with NO_COLOR=1, not one colour escape is written.
set -u
. "$(dirname "$0")/tmux-lib.sh"

title=$(printf 'A\033]0;pwned\007B\033[31mC\033[2JD\033[HE\302\2330mF\342\200\256G')
v init >/dev/null || tl_fail "init"
v new "$title" --severity 1 >/dev/null || tl_fail "new"
v note IR-1 "$(printf 'note \033]0;pwned2\007 \033[5;5H end')" >/dev/null ||
    tl_fail "note"

# stored byte for byte
want=$(printf '%s' "$title" | od -An -v -tx1 | tr -d ' \n')
if command -v sqlite3 >/dev/null 2>&1; then
	got=$(sqlite3 "$TL_DB" "SELECT lower(hex(title)) FROM incident WHERE id = 1")
	[ "$got" = "$want" ] || tl_fail "stored title differs: $got != $want"
fi
v show IR-1 --json | grep -qF '\u001b]0;pwned\u0007' ||
    tl_fail "show --json does not carry the raw title"

tl_tmux new-session -d -s keep "sleep 600" 2>/dev/null
tl_start 100 30
tl_wait "IR-1"
tl_wait "A␛]0;pwned␇B␛[31mC␛[2JD␛[HE<U+009B>0mF<U+202E>G"
tl_wait "note: note ␛]0;pwned2␇ ␛[5;5H end"
tl_keys Enter
tl_wait "Notification ladder"
sleep 0.5
tl_keys q
sleep 0.2
title_now=$(tl_tmux display -p -t vt '#{pane_title}')
case $title_now in
*pwned*) tl_fail "the window title changed to '$title_now'" ;;
esac
tl_keys q
tl_wait_exit
[ -s "$TL_RAW" ] || tl_fail "pipe-pane captured nothing"
LC_ALL=C grep -q -a -F "pwned" "$TL_RAW" || tl_fail "the title was not drawn"
if ! out=$(tl_forbidden "$TL_RAW"); then
	echo "$out" | head >&2
	tl_fail "escape sequences from data reached the terminal"
fi
LC_ALL=C grep -q -a -F $'\033[2JD' "$TL_RAW" && tl_fail "ESC[2J from data"
LC_ALL=C grep -q -a -F $'\033[HE' "$TL_RAW" && tl_fail "ESC[H from data"
LC_ALL=C grep -q -a -F $'\033[31mC' "$TL_RAW" && tl_fail "SGR from data"
# colours are in use without NO_COLOR ...
[ -n "$(tl_colour_sgr "$TL_RAW")" ] || tl_fail "no colour at all without NO_COLOR"

# ... and none with NO_COLOR=1
tl_tmux kill-session -t vt
tl_start 100 30 NO_COLOR=1
tl_wait "IR-1"
tl_keys j
tl_keys Enter
tl_wait "Notification ladder"
tl_keys q
sleep 1.2
tl_keys q
tl_wait_exit
sgr=$(tl_colour_sgr "$TL_RAW")
[ -z "$sgr" ] || tl_fail "NO_COLOR=1 still wrote colour SGR parameters: $sgr"
echo "ok"
