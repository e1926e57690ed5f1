#!/bin/bash
# kill9.sh: the kill -9 campaign. A vigil write (a note, a new incident,
# a roster entry) is started and killed with SIGKILL at a
# random moment, N times; after every kill the database must verify (chain
# and record), pass SQLite's integrity_check, and hold every write vigil
# acknowledged (exit 0) before. Prints the figures; exits 1 on any loss or
# failure.
#
# usage: tests/campaign/kill9.sh [N]   (default 50)
# environment: VIGIL (the binary; default build/vigil), KILL_DIR (where
# the database goes; default a new temporary directory), MAX_DELAY_MS
# (the kill comes 0..MAX_DELAY_MS after the start; default 30)
set -u

N=${1:-50}
VIGIL=${VIGIL:-build/vigil}
MAX_DELAY_MS=${MAX_DELAY_MS:-30}
case "$VIGIL" in /*) ;; *) VIGIL="$PWD/$VIGIL" ;; esac
[ -x "$VIGIL" ] || { echo "kill9: $VIGIL is not built" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "kill9: needs sqlite3" >&2; exit 2; }

DIR=${KILL_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/vigil-kill9-XXXXXX")}
mkdir -p "$DIR"
export HOME="$DIR/home" XDG_STATE_HOME="$DIR/home/state" TZ=UTC
export LC_ALL=C.UTF-8
unset VIGIL_DB VIGIL_CONFIG
mkdir -p "$HOME"
DB="$DIR/vigil.db"
ACKED="$DIR/acked"
: >"$ACKED"
v() { "$VIGIL" --db "$DB" "$@"; }

v init >/dev/null || exit 2
v new "kill campaign" --severity 2 >/dev/null || exit 2
v assign IR-1 eim "$(id -un)" >/dev/null || exit 2
v assign IR-1 sim "$(id -un)" >/dev/null || exit 2

kills=0 inside=0 acked=0 lost=0 bad_verify=0 bad_integrity=0 stage=0
for i in $(seq 1 "$N"); do
	# one write of a kind chosen in turn
	case $((i % 4)) in
	0) cmd=(roster add "kp$i" --roles sim) ;;
	1|2) cmd=(note IR-1 "write $i") ;;
	3) cmd=(new "incident $i") ;;
	esac
	"$VIGIL" --db "$DB" "${cmd[@]}" >/dev/null 2>&1 &
	pid=$!
	delay=$((RANDOM % (MAX_DELAY_MS + 1)))
	sleep "$(printf '0.%03d' "$delay")"
	if kill -0 "$pid" 2>/dev/null; then
		kill -9 "$pid" 2>/dev/null && inside=$((inside + 1))
	fi
	kills=$((kills + 1))
	wait "$pid" 2>/dev/null
	rc=$?
	if [ "$rc" = 0 ]; then
		acked=$((acked + 1))
		echo "${cmd[*]}" >>"$ACKED"
	fi
	# the file after the kill
	if ! v verify >/dev/null 2>"$DIR/verify.err"; then
		bad_verify=$((bad_verify + 1))
		echo "kill9: after kill $i: $(cat "$DIR/verify.err")" >&2
	fi
	ic=$(sqlite3 -cmd ".timeout 5000" "$DB" "PRAGMA integrity_check" 2>&1)
	if [ "$ic" != ok ]; then
		bad_integrity=$((bad_integrity + 1))
		echo "kill9: after kill $i: integrity_check: $ic" >&2
	fi
	# the acknowledged write of this round is there
	if [ "$rc" = 0 ]; then
		case ${cmd[0]} in
		note) q="SELECT count(*) FROM note WHERE text = 'write $i'" ;;
		roster) q="SELECT count(*) FROM roster WHERE login = 'kp$i'" ;;
		new) q="SELECT count(*) FROM incident WHERE title = \
'incident $i'" ;;
		esac
		if [ "$(sqlite3 -cmd ".timeout 5000" "$DB" "$q")" != 1 ]; then
			lost=$((lost + 1))
			echo "kill9: acknowledged write lost: ${cmd[*]}" >&2
		fi
	fi
done
# at the end, every acknowledged write once more
final_lost=0
while read -r kind a b; do
	case $kind in
	note) q="SELECT count(*) FROM note WHERE text = '${b}'" ;;
	roster) q="SELECT count(*) FROM roster WHERE login = '${b%% *}'" ;;
	new) q="SELECT count(*) FROM incident WHERE title = '$a $b'" ;;
	esac
	[ "$(sqlite3 -cmd ".timeout 5000" "$DB" "$q")" = 1 ] || final_lost=$((final_lost + 1))
done <"$ACKED"
entries=$(sqlite3 -cmd ".timeout 5000" "$DB" "SELECT count(*) FROM journal")
echo "kill9: $kills kills ($inside inside a running vigil write), $acked \
acknowledged writes, $lost lost (re-checked at the end: $final_lost), \
$bad_verify verify failures, $bad_integrity integrity failures, $entries \
journal entries"
[ -z "${KILL_DIR:-}" ] && rm -rf "$DIR"
[ "$lost" = 0 ] && [ "$final_lost" = 0 ] && [ "$bad_verify" = 0 ] && \
    [ "$bad_integrity" = 0 ]
