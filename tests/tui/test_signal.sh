#!/usr/bin/env bash
# test_signal.sh: SIGTERM and SIGHUP end the console cleanly: the handler
# only sets a flag, the loop restores the terminal (canonical mode and
# echo are back, the cursor is visible) and the process exits 0; what was
# committed before stays committed.
set -u
. "$(dirname "$0")/tmux-lib.sh"

v init >/dev/null || tl_fail "init"
v new "Ransomware on file-srv-3" --severity 1 >/dev/null || tl_fail "new"
for sig in TERM HUP; do
	rm -f "$TL_DIR/rc" "$TL_DIR/stty"
	tl_tmux new-session -d -s vt -x 80 -y 24 \
	    "env TERM=xterm-256color '$VIGIL' --db '$TL_DB'; echo \$? > '$TL_DIR/rc'; stty -a > '$TL_DIR/stty'; sleep 60" ||
	    tl_fail "cannot start tmux"
	tl_wait "1 of 1"
	tl_type ":note before the signal"
	tl_keys Enter
	tl_wait "note added"
	shell=$(tl_tmux display -p -t vt '#{pane_pid}')
	pid=$(pgrep -P "$shell" -x vigil | head -1)
	[ -n "$pid" ] || tl_fail "no console process under $shell"
	kill -"$sig" "$pid"
	i=0
	while [ ! -s "$TL_DIR/stty" ] && [ "$i" -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ "$(cat "$TL_DIR/rc" 2>/dev/null)" = 0 ] ||
	    tl_fail "SIG$sig: exit status $(cat "$TL_DIR/rc" 2>/dev/null)"
	grep -qE '(^| )icanon( |$)' "$TL_DIR/stty" ||
	    tl_fail "SIG$sig: the terminal was left in raw mode"
	grep -qE '(^| )echo( |$)' "$TL_DIR/stty" ||
	    tl_fail "SIG$sig: echo was left off"
	tl_tmux kill-session -t vt
done
n=$(v journal IR-1 | grep -c 'note.add')
[ "$n" = 2 ] || tl_fail "expected 2 notes in the journal, found $n"
echo "ok"
