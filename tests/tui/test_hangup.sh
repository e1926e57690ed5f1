#!/bin/sh
# test_hangup.sh: a console whose terminal goes away ends, even when no
# SIGHUP reaches it. A responder's console started through runuser (as on a
# shared host, su or sudo alike) is a child of the tmux pane's process; when
# the pane is killed, the terminal closes under it. It must then exit, not
# spin on failing reads for ever (it once used a quarter of a core each).
# Needs root for the account; skipped (77) otherwise.
set -u
. "$(dirname "$0")/tmux-lib.sh"

[ "$(id -u)" = 0 ] || { echo "skip: needs root for the account"; exit 77; }
command -v runuser >/dev/null || { echo "skip: no runuser"; exit 77; }
U=hu_resp
MADE=
if ! id "$U" >/dev/null 2>&1; then
	useradd -M -N -d /nonexistent -s /bin/sh "$U" || exit 77
	MADE=1
fi
cleanup_account() {
	tl_cleanup
	pkill -KILL -u "$U" 2>/dev/null
	[ -n "$MADE" ] && userdel "$U" 2>/dev/null
}
trap cleanup_account EXIT

chmod 755 "$TL_DIR"
cp "$VIGIL" "$TL_DIR/vigil" && chmod 755 "$TL_DIR/vigil"
mkdir -m 777 "$TL_DIR/team"
TL_DB="$TL_DIR/team/vigil.db"
runuser -u "$U" -- env HOME=/nonexistent XDG_CONFIG_HOME="$TL_DIR/noconfig" \
    XDG_STATE_HOME="$TL_DIR/state" "$TL_DIR/vigil" --db "$TL_DB" init \
    >/dev/null || tl_fail "init as $U"

tl_tmux new-session -d -s vt -x 80 -y 24 \
    "runuser -u $U -- env TERM=xterm-256color HOME=/nonexistent \
XDG_CONFIG_HOME='$TL_DIR/noconfig' XDG_STATE_HOME='$TL_DIR/state' \
'$TL_DIR/vigil' --db '$TL_DB'" || tl_fail "cannot start tmux"
tl_wait "vigil" || tl_fail "the console did not start"
pgrep -u "$U" -x vigil >/dev/null || tl_fail "no console process of $U"

tl_tmux kill-server
i=0
while pgrep -u "$U" -x vigil >/dev/null; do
	i=$((i + 1))
	if [ $i -gt 50 ]; then
		ps -o pid,stat,etime,pcpu,args -u "$U" >&2
		tl_fail "the console still runs 5 s after its terminal closed"
	fi
	sleep 0.1
done
echo "ok: the console ended $((i * 100)) ms after its terminal closed"
echo "1 passed, 0 failed"
