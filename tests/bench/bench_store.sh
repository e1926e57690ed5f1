#!/bin/bash
# bench_store.sh: figures for the store at scale (README.md, benchmarks).
# Fills a database with N incidents (vigil-populate), then measures: the
# file size; `vigil list --limit 50 --json` (median of several runs);
# `vigil verify` (median, and per million journal entries) and one
# `vigil verify --full`; and commit
# latency with 8 concurrent writers (bench-commit). Prints figures; never
# passes or fails on them (exits non-zero only when it cannot run).
#
# usage: tests/bench/bench_store.sh [BUILD_DIR]
# environment:
#   N            incidents (default 1000000; e.g. N=20000 for a quick run)
#   BENCH_DIR    where the database goes (default: a new temporary dir,
#                removed at the end unless KEEP=1)
#   BENCH_DB     an already populated database to measure instead
#   VIGIL, VIGIL_POPULATE, BENCH_COMMIT   the programs (default: BUILD_DIR)
#   RUNS         runs of list (default 7); verify runs 3 times
set -u

BUILD=${1:-build}
N=${N:-1000000}
RUNS=${RUNS:-7}
VIGIL=${VIGIL:-$BUILD/vigil}
VIGIL_POPULATE=${VIGIL_POPULATE:-$BUILD/tests/bench/vigil-populate}
BENCH_COMMIT=${BENCH_COMMIT:-$BUILD/tests/bench/bench-commit}
for p in "$VIGIL" "$BENCH_COMMIT"; do
	[ -x "$p" ] || { echo "bench_store: $p is not built" >&2; exit 2; }
done
command -v sqlite3 >/dev/null || { echo "bench_store: needs sqlite3" >&2; \
    exit 2; }

if [ -n "${BENCH_DB:-}" ]; then
	DB=$BENCH_DB
	[ -f "$DB" ] || { echo "bench_store: no $DB" >&2; exit 2; }
else
	[ -x "$VIGIL_POPULATE" ] || { echo "bench_store: $VIGIL_POPULATE \
is not built" >&2; exit 2; }
	if [ -n "${BENCH_DIR:-}" ]; then
		mkdir -p "$BENCH_DIR"
		DIR=$BENCH_DIR
	else
		DIR=$(mktemp -d "${TMPDIR:-/tmp}/vigil-bench-XXXXXX")
		[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$DIR"' EXIT
	fi
	DB=$DIR/vigil.db
	rm -f "$DB" "$DB-wal" "$DB-shm"
	echo "== populate: $N incidents"
	"$VIGIL_POPULATE" --db "$DB" --incidents "$N" || exit 2
fi

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# time_runs K CMD...: K wall-clock times of CMD in ms, one a line.
time_runs()
{
	local k=$1 i t
	shift
	for i in $(seq 1 "$k"); do
		t=$(date +%s%N)
		"$@" >/dev/null 2>&1 || echo "bench_store: failed: $*" >&2
		ms "$t"
	done
}

incidents=$(sqlite3 "$DB" "SELECT count(*) FROM incident")
open=$(sqlite3 "$DB" "SELECT count(*) FROM incident WHERE status = 'open'")
entries=$(sqlite3 "$DB" "SELECT count(*) FROM journal")
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
size=$(stat -c %s "$DB")
echo "== database: $DB"
echo "incidents:        $incidents ($open open)"
echo "journal entries:  $entries"
awk -v s="$size" -v n="$incidents" 'BEGIN { printf "file size:        \
%.1f MB (%.0f bytes per incident)\n", s / 1e6, n ? s / n : 0 }'

echo "== vigil list --limit 50 --json ($RUNS runs)"
"$VIGIL" --db "$DB" list --limit 50 --json >/dev/null	# warm the cache
list=$(time_runs "$RUNS" "$VIGIL" --db "$DB" list --limit 50 --json)
echo "list:             median $(echo "$list" | median) ms  (runs: \
$(echo $list))"
closed=$(time_runs "$RUNS" "$VIGIL" --db "$DB" list --closed --limit 50 \
    --json)
echo "list --closed:    median $(echo "$closed" | median) ms"
mid=$(( (incidents + 1) / 2 ))
show=$(time_runs "$RUNS" "$VIGIL" --db "$DB" show "IR-$mid" --json)
echo "show IR-$mid:    median $(echo "$show" | median) ms"

echo "== vigil verify (3 runs), beside sqlite3 reading the same journal"
# cpu_ms CMD...: user + system CPU time of CMD in ms.
cpu_ms()
{
	local t
	t=$( { TIMEFORMAT='%U %S'; time "$@" >/dev/null 2>&1; } 2>&1 )
	echo "$t" | awk '{ printf "%d\n", ($1 + $2) * 1000 }'
}
verify=$(time_runs 3 "$VIGIL" --db "$DB" verify)
vm=$(echo "$verify" | median)
vc=$(for i in 1 2 3; do cpu_ms "$VIGIL" --db "$DB" verify; done | median)
"$VIGIL" --db "$DB" verify | head -1
# the floor: every column of every entry read once, nothing checked
ref=$(for i in 1 2 3; do cpu_ms sqlite3 "$DB" \
    "SELECT * FROM journal ORDER BY seq"; done | median)
per() { awk -v t="$1" -v n="$entries" 'BEGIN { printf "%.2f", \
    n ? t / 1000 / (n / 1e6) : 0 }'; }
echo "verify:           median $vm ms wall, $vc ms CPU: $(per "$vc") s CPU \
per million journal entries"
echo "sqlite3 reference: $ref ms CPU reading every journal row: $(per "$ref") \
s per million"

echo "== vigil verify --full (1 run: the chain plus SQLite's file checks)"
full=$(time_runs 1 "$VIGIL" --db "$DB" verify --full)
echo "verify --full:    $full ms"

echo "== commit latency, 8 concurrent writers"
"$BENCH_COMMIT" --db "$DB" --writers 8 --ops 200
exit 0
