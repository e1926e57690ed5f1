#!/bin/bash
# bench_history.sh: figures for the shift hand-off digest and time travel.
#   - time travel: `vigil show KEY --at TIME` of one incident with E
#     journal entries (role changes, stage moves, milestones, notes, and
#     20 recipients added, drafted and sent, which the rebuild follows),
#     beside the live `vigil show KEY` and a plain sqlite3 read of the
#     same entries in the same run;
#   - the digest: `vigil digest --no-mark` on a database of N incidents
#     (vigil-populate), beside `vigil list --limit 20` and sqlite3
#     counting the journal, in the same run.
# Medians of R runs, in milliseconds. Prints figures; never passes or
# fails on them.
#
# usage: tests/bench/bench_history.sh [BUILD_DIR]
# environment: E (entries, default 1000), N (incidents, default 1000000),
#   R (runs, default 11), BENCH_DB (a populated database to use for the
#   digest instead of populating one)
set -u

BUILD=${1:-build}
E=${E:-1000}
N=${N:-1000000}
R=${R:-11}
VIGIL=${VIGIL:-$BUILD/vigil}
POP=${VIGIL_POPULATE:-$BUILD/tests/bench/vigil-populate}
[ -x "$VIGIL" ] || { echo "bench_history: $VIGIL is not built" >&2; exit 2; }
DIR=$(mktemp -d "${TMPDIR:-/tmp}/vigil-bench-history.XXXXXX")
trap 'rm -rf "$DIR"' EXIT
export HOME="$DIR/home" XDG_STATE_HOME="$DIR/state" TZ=UTC
mkdir -p "$HOME"
unset VIGIL_DB
ME=$(id -un)

# median wall time of R runs of a command, in ms
med()
{
	local i t0 t1 ts=()
	for i in $(seq 1 "$R"); do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		ts+=($(((t1 - t0) / 1000)))
	done
	printf '%s\n' "${ts[@]}" | sort -n | awk '{ v[NR] = $1 }
	    END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'
}

# ---- time travel ---------------------------------------------------------
DB="$DIR/one.db"
v() { "$VIGIL" --db "$DB" "$@" >/dev/null; }
v init
v roster add cs_bench_a --roles all
v roster add cs_bench_b --roles all
v new "One long incident" --severity 1
v assign IR-1 eim "$ME"
v clocks IR-1 --enable gdpr-33 2>/dev/null
v assign IR-1 comms "$ME"
for r in $(seq 1 20); do
	v recipient add IR-1 "Customer $r"
	[ $((r % 2)) = 0 ] && v recipient set IR-1 R$r drafted
	[ $((r % 4)) = 0 ] && v recipient set IR-1 R$r sent
done
n=$(sqlite3 "$DB" "SELECT count(*) FROM journal WHERE incident_id = 1")
i=0
while [ "$n" -lt "$E" ]; do
	case $((i % 5)) in
	0) v assign IR-1 sim cs_bench_a --note "hand-off $i" ;;
	1) v assign IR-1 sim cs_bench_b --note "hand-off $i" ;;
	2) v note IR-1 "note $i" ;;
	3) v assign IR-1 forensics cs_bench_a ;;
	4) v release IR-1 forensics --note "off $i" ;;
	esac
	[ "$i" = 7 ] && v declare IR-1 --reason "records read"
	i=$((i + 1))
	n=$((n + 1))
done
n=$(sqlite3 "$DB" "SELECT count(*) FROM journal WHERE incident_id = 1")
MID=$(sqlite3 "$DB" "SELECT at FROM journal WHERE incident_id = 1 ORDER BY \
seq LIMIT 1 OFFSET $((n / 2))")
MID=$(date -u -d "@$MID" +%Y-%m-%dT%H:%M:%SZ)
echo "time travel: one incident with $n journal entries (median of $R)"
echo "  vigil show IR-1 --at now           $(med "$VIGIL" --db "$DB" show IR-1 --at now) ms"
echo "  vigil show IR-1 --at (midway)      $(med "$VIGIL" --db "$DB" show IR-1 --at "$MID") ms"
echo "  vigil show IR-1 (live)             $(med "$VIGIL" --db "$DB" show IR-1) ms"
echo "  sqlite3: read its $n entries       $(med sqlite3 "$DB" "SELECT payload FROM journal WHERE incident_id = 1 ORDER BY seq") ms"
echo "  vigil --version (process start)    $(med "$VIGIL" --version) ms"

# ---- the digest -----------------------------------------------------------
if [ -n "${BENCH_DB:-}" ]; then
	BIG=$BENCH_DB
else
	BIG="$DIR/big.db"
	[ -x "$POP" ] || { echo "bench_history: no vigil-populate" >&2; exit 0; }
	echo "populating $N incidents ..."
	t0=$(date +%s)
	"$POP" --db "$BIG" --incidents "$N" >/dev/null 2>&1 ||
	    { echo "bench_history: populate failed" >&2; exit 2; }
	echo "  (populated in $(( $(date +%s) - t0 )) s)"
fi
J=$(sqlite3 "$BIG" "SELECT count(*) FROM journal")
O=$(sqlite3 "$BIG" "SELECT count(*) FROM incident WHERE status = 'open'")
echo "digest: $(sqlite3 "$BIG" "SELECT count(*) FROM incident") incidents \
($O open), $J journal entries, $(du -h "$BIG" | cut -f1) (median of $R)"
echo "  vigil digest --no-mark (24 h)      $(med "$VIGIL" --db "$BIG" digest --no-mark) ms"
echo "  vigil digest --since 7 days ago    $(med "$VIGIL" --db "$BIG" digest --since "$(date -u -d '7 days ago' +%Y-%m-%dT%H:%M:%SZ)") ms"
echo "  vigil list --limit 20              $(med "$VIGIL" --db "$BIG" list --limit 20) ms"
echo "  sqlite3: count the journal         $(med sqlite3 "$BIG" "SELECT count(*) FROM journal") ms"
