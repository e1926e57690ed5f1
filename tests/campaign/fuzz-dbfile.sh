#!/bin/bash
# fuzz-dbfile.sh: a long fuzzing campaign on hostile database files
# (tests/fuzz/fuzz_dbfile.c), then every input it kept replayed under
# ASan and UBSan. Prints the executions and crashes of each worker and the
# total; exits non-zero if any worker found a crash or the replay reported
# anything.
#
# Two builds: one for speed (libFuzzer's coverage without its comparison
# tracing, no sanitizer: about 2,000 inputs a second on one core with the
# small seeds), and the sanitizer build the suite uses, to replay what the
# campaign kept — so every input that reached new code also ran under
# ASan+UBSan. Needs clang (apt-get install -y clang).
#
# usage: tests/campaign/fuzz-dbfile.sh [SECONDS] [WORKERS]
# environment:
#   FUZZ_DIR   where the builds, corpus and logs go (default a temporary
#              directory, kept, printed at the end)
#   MAX_LEN    largest input (default 65536: the small seeds grow freely,
#              the demo seed is left out)
set -u

SECS=${1:-600}
WORKERS=${2:-2}
MAX_LEN=${MAX_LEN:-65536}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
command -v clang >/dev/null || { echo "fuzz-dbfile: needs clang" >&2; exit 2; }
DIR=${FUZZ_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/vigil-fuzz.XXXXXX")}
mkdir -p "$DIR/corpus" "$DIR/crashes"

echo "== building (fast, and ASan+UBSan) in $DIR"
CC=clang CFLAGS="-fno-sanitize-coverage=trace-cmp" cmake -S "$SRC" \
    -B "$DIR/fast" -DVIGIL_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    >/dev/null && cmake --build "$DIR/fast" -j"$WORKERS" --target \
    fuzz-dbfile >/dev/null || { echo "fuzz-dbfile: build failed" >&2; exit 2; }
CC=clang cmake -S "$SRC" -B "$DIR/asan" -DVIGIL_SANITIZE=ON \
    -DCMAKE_BUILD_TYPE=Debug >/dev/null && cmake --build "$DIR/asan" \
    -j"$WORKERS" --target replay-dbfile >/dev/null ||
    { echo "fuzz-dbfile: sanitizer build failed" >&2; exit 2; }

for f in "$SRC"/tests/fuzz/corpus/dbfile/*; do
	[ "$(stat -c %s "$f")" -le "$MAX_LEN" ] && cp "$f" "$DIR/corpus/"
done

echo "== fuzzing: $WORKERS workers for $SECS s"
for w in $(seq 1 "$WORKERS"); do
	"$DIR/fast/tests/fuzz/fuzz-dbfile" -max_total_time="$SECS" \
	    -max_len="$MAX_LEN" -timeout=20 -rss_limit_mb=2048 -reload=300 \
	    -artifact_prefix="$DIR/crashes/" -print_final_stats=1 \
	    "$DIR/corpus" >"$DIR/worker-$w.log" 2>&1 &
done
wait

total=0
bad=0
for w in $(seq 1 "$WORKERS"); do
	n=$(awk '/stat::number_of_executed_units/ { print $2 }' \
	    "$DIR/worker-$w.log")
	n=${n:-0}
	total=$((total + n))
	# libFuzzer and the sanitizers report with "==PID== ERROR: ..."
	# (a crash, a timeout, running out of memory); a worker stopped
	# with a signal says "run interrupted", which is no finding
	if grep -Eq '^==[0-9]+== ?ERROR' "$DIR/worker-$w.log"; then
		bad=$((bad + 1))
		echo "worker $w: $n executions, FOUND A CRASH (see $DIR/worker-$w.log)"
	else
		echo "worker $w: $n executions, 0 crashes"
	fi
done
echo "total: $total executions, $(ls "$DIR/crashes" | wc -l) crash files"

echo "== replaying the $(ls "$DIR/corpus" | wc -l) inputs kept, under ASan+UBSan"
if find "$DIR/corpus" -type f -print0 | UBSAN_OPTIONS=halt_on_error=1:\
print_stacktrace=1 xargs -0 "$DIR/asan/tests/fuzz/replay-dbfile" \
    >"$DIR/replay.log" 2>&1; then
	echo "replay: clean"
else
	bad=$((bad + 1))
	echo "replay: FAILED (see $DIR/replay.log)"
fi
echo "kept in $DIR"
[ "$bad" -eq 0 ]
