#!/bin/bash
# bench_team.sh: a team on one shared file (as root: it makes four Unix
# accounts, tmb1..tmb4, in a group tmbench, and removes them after).
#
#  1. Commit latency with 8 writers as 4 different Unix accounts (2 each)
#     on one database file in the group's setgid directory: a full vigil
#     action per commit (ops_note: BEGIN IMMEDIATE, permission check,
#     insert, journal entry, COMMIT, synchronous=FULL), p50/p90/p99 over
#     every commit of every writer. Beside it, in the same run, the same
#     8 writers x 4 accounts doing bare sqlite3 commits (one INSERT each,
#     WAL, synchronous=FULL) on a file in the same directory.
#  2. Freshness: a console (tmux, 100x30) open as tmb2 while tmb1 changes
#     the incident's title 50 times with `vigil set`; for each change, the
#     time from the command's return until tmux's screen shows the new
#     title (polled every 10 ms). Beside it: how long one screen capture
#     takes (the resolution of the measurement).
# Prints figures; never passes or fails on them.
#
# usage: tests/bench/bench_team.sh [BUILD_DIR]   (K=ops per writer, 200)
set -u
BUILD=${1:-build}
K=${K:-200}
VIGIL=$(realpath "$BUILD/vigil")
BC=$(realpath "$BUILD/tests/bench/bench-commit")
[ "$(id -u)" = 0 ] || { echo "bench_team: run as root (it makes accounts)" >&2; exit 2; }
for p in "$VIGIL" "$BC"; do [ -x "$p" ] || { echo "bench_team: $p is not built" >&2; exit 2; }; done
command -v tmux >/dev/null || { echo "bench_team: needs tmux" >&2; exit 2; }

T=$(mktemp -d /tmp/vigil-bench-team-XXXXXX)
G=tmbench
USERS="tmb1 tmb2 tmb3 tmb4"
SOCK=vigil-bench-$$
cleanup()
{
	# the console (runuser and its vigil) ends before its account goes
	if [ -n "${PANE:-}" ]; then
		kill $(pgrep -P "$PANE") "$PANE" 2>/dev/null
		sleep 0.5
	fi
	tmux -L "$SOCK" kill-server 2>/dev/null
	for u in $USERS; do userdel "$u" 2>/dev/null; done
	groupdel "$G" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
groupadd "$G" || exit 2
for u in $USERS; do useradd -M -N -d /nonexistent -s /bin/sh -G "$G" "$u" || exit 2; done
chmod 755 "$T"
mkdir -p "$T/bin" && cp "$VIGIL" "$BC" "$T/bin/" && chmod 755 "$T/bin" "$T/bin/"*
install -d -g "$G" -m 2770 "$T/ir"
DB="$T/ir/vigil.db"
as() { local u=$1; shift; runuser -u "$u" -- env -i PATH="$T/bin:/usr/bin:/bin" HOME=/nonexistent LC_ALL=C.UTF-8 TZ=UTC sh -c "umask 007; $*"; }
as tmb1 "vigil --db $DB init --group $G" >/dev/null || exit 1
for u in tmb2 tmb3 tmb4; do as tmb1 "vigil --db $DB roster add $u --roles all" || exit 1; done
KEY=$(as tmb1 "vigil --db $DB new 'bench: a team on one file' --severity 2") || exit 1

pct()	# FILE: p50 p90 p99 of the numbers in FILE
{
	sort -n "$1" | awk '{ a[n++] = $1 } END {
	    printf "n=%d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms", n,
	    a[int(n * 0.50)], a[int(n * 0.90)], a[int(n * 0.99)], a[n - 1] }'
}

run_writers()	# MODE(vigil|raw) DBFILE SAMPLES
{
	local mode=$1 db=$2 out=$3 u pids="" t0 t1 raw=""
	[ "$mode" = raw ] && raw=--raw
	rm -f "$T/go" "$out"; : >"$out"; chmod 666 "$out"
	for u in $USERS; do
		as "$u" "bench-commit --db $db --key $KEY --writers 2 --ops $K --go $T/go --samples $out $raw" >/dev/null &
		pids="$pids $!"
	done
	sleep 1
	t0=$(date +%s.%N)
	touch "$T/go"
	wait $pids
	t1=$(date +%s.%N)
	echo "$(pct "$out")  ($(awk -v n="$(wc -l <"$out")" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }') commits/s)"
}

echo "== commit latency: 8 writers as 4 Unix accounts on one shared file, $K commits each"
echo "vigil note (full action):   $(run_writers vigil "$DB" "$T/vigil.samples")"
# the reference file made shareable as vigil makes its own (sqlite3 alone
# would create it 0640 under umask 007 and lock the other accounts out)
as tmb1 "sqlite3 $T/ir/raw.db 'PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, writer INTEGER, body TEXT)' >/dev/null && chmod 660 $T/ir/raw.db"
echo "reference, bare sqlite3:    $(run_writers raw "$T/ir/raw.db" "$T/raw.samples")"
as tmb1 "vigil --db $DB verify" >/dev/null && echo "(vigil verify passes after the run)"

echo "== freshness: another session's console shows a change"
tmux -L "$SOCK" -f /dev/null new-session -d -s vt -x 100 -y 30 \
    "runuser -u tmb2 -- env -i PATH=$T/bin:/usr/bin:/bin HOME=/nonexistent TERM=xterm-256color LC_ALL=C.UTF-8 TZ=UTC vigil --db $DB"
PANE=$(tmux -L "$SOCK" display -p -t vt '#{pane_pid}')
sleep 1.5
: >"$T/fresh"
for i in $(seq 1 50); do
	as tmb1 "vigil --db $DB set $KEY --title 'fresh-$i'" || exit 1
	t0=$(date +%s%N)
	while ! tmux -L "$SOCK" capture-pane -p -t vt | grep -qF "fresh-$i"; do
		sleep 0.01
		t=$(date +%s%N)
		[ $(( (t - t0) / 1000000 )) -gt 5000 ] && { echo "change $i not shown within 5 s"; break; }
	done
	t1=$(date +%s%N)
	echo "$(( (t1 - t0) / 1000 ))" | awk '{ printf "%.1f\n", $1 / 1000 }' >>"$T/fresh"
	sleep 0.$((RANDOM % 10))
done
echo "vigil set -> other console:  $(pct "$T/fresh")"
: >"$T/cap"
for i in $(seq 1 50); do
	t0=$(date +%s%N)
	tmux -L "$SOCK" capture-pane -p -t vt | grep -qF "fresh-50"
	t1=$(date +%s%N)
	echo "$(( (t1 - t0) / 1000 ))" | awk '{ printf "%.1f\n", $1 / 1000 }' >>"$T/cap"
done
echo "reference, one screen read:  $(pct "$T/cap")"
