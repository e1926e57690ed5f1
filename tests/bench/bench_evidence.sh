#!/bin/bash
# bench_evidence.sh: hashing throughput and memory of `vigil evidence add
# --file` on a 2 GiB file, beside `sha256sum` of the same file in the same
# run. The file is written once with random data and read once before
# timing, so both programs read it from the page cache (what is measured
# is the hashing and the reading, not the disk); MODE=sparse uses a sparse
# file instead (no data written). Runs alternate, RUNS times each; the
# median wall time gives the throughput. Peak RSS is GNU time's maximum
# resident set size. Prints figures; never passes or fails on them.
#
# usage: tests/bench/bench_evidence.sh [BUILD_DIR]
# environment:
#   SIZE_MB   the file's size in MiB (default 2048)
#   MODE      data (default) or sparse
#   RUNS      timed runs of each program (default 5)
#   BENCH_DIR where the file and the database go (default: a temporary
#             directory, removed at the end)
set -u

BUILD=${1:-build}
VIGIL=${VIGIL:-$BUILD/vigil}
SIZE_MB=${SIZE_MB:-2048}
MODE=${MODE:-data}
RUNS=${RUNS:-5}
TIME=/usr/bin/time
[ -x "$VIGIL" ] || { echo "bench_evidence: $VIGIL is not built" >&2; exit 2; }
[ -x "$TIME" ] || { echo "bench_evidence: needs GNU time (package time)" \
    >&2; exit 2; }
command -v sha256sum >/dev/null || { echo "bench_evidence: needs sha256sum" \
    >&2; exit 2; }

DIR=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/vigil-bench-ev.XXXXXX")}
mkdir -p "$DIR"
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$DIR"' EXIT
FILE="$DIR/image.bin"
DB="$DIR/bench.db"
export HOME="$DIR/home" XDG_CONFIG_HOME="$DIR/home/.config"
mkdir -p "$HOME"

if [ "$MODE" = sparse ]; then
	truncate -s "${SIZE_MB}M" "$FILE"
else
	head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom >"$FILE"
fi
BYTES=$(stat -c %s "$FILE")
"$VIGIL" --db "$DB" init >/dev/null
"$VIGIL" --db "$DB" new "bench" >/dev/null
sha256sum "$FILE" >/dev/null	# into the page cache

# run LABEL CMD...: append "wall user sys maxrss_kb" to $DIR/LABEL
run()
{
	local label=$1
	shift
	"$TIME" -f "%e %U %S %M" -o "$DIR/t" "$@" >/dev/null 2>&1 ||
	    { echo "bench_evidence: $label failed" >&2; exit 1; }
	cat "$DIR/t" >>"$DIR/$label"
}

: >"$DIR/sha256sum"
: >"$DIR/vigil"
for i in $(seq "$RUNS"); do
	run sha256sum sha256sum "$FILE"
	run vigil "$VIGIL" --db "$DB" evidence add IR-1 --describe "run $i" \
	    --file "$FILE"
done
: >"$DIR/vigil3"
run vigil3 "$VIGIL" --db "$DB" evidence add IR-1 --describe "all three" \
    --file "$FILE" --sha1 --md5

# median of column 1, max of column 4
median() { sort -n -k1,1 "$1" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
field_median() { awk -v c="$2" '{ print $c }' "$1" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
maxrss() { awk 'BEGIN { m = 0 } $4 > m { m = $4 } END { print m }' "$1"; }

s_wall=$(median "$DIR/sha256sum")
v_wall=$(median "$DIR/vigil")
echo "bench_evidence: $(awk -v b="$BYTES" 'BEGIN { printf "%.0f MiB", b / 1048576 }') ($MODE), $RUNS runs each, medians"
awk -v b="$BYTES" -v s="$s_wall" -v v="$v_wall" \
    -v su="$(field_median "$DIR/sha256sum" 2)" \
    -v vu="$(field_median "$DIR/vigil" 2)" \
    -v ss="$(field_median "$DIR/sha256sum" 3)" \
    -v vs="$(field_median "$DIR/vigil" 3)" \
    -v sr="$(maxrss "$DIR/sha256sum")" -v vr="$(maxrss "$DIR/vigil")" \
    -v w3="$(median "$DIR/vigil3")" -v r3="$(maxrss "$DIR/vigil3")" 'BEGIN {
	mib = b / 1048576
	printf "  %-34s %7.2f s  %7.0f MiB/s  user %5.2f s  sys %5.2f s  peak RSS %6.1f MB\n", \
	    "sha256sum", s, mib / s, su, ss, sr / 1024
	printf "  %-34s %7.2f s  %7.0f MiB/s  user %5.2f s  sys %5.2f s  peak RSS %6.1f MB\n", \
	    "vigil evidence add --file", v, mib / v, vu, vs, vr / 1024
	printf "  %-34s %7.2f s  %7.0f MiB/s  (one run)                 peak RSS %6.1f MB\n", \
	    "  ... --sha1 --md5", w3, mib / w3, r3 / 1024
	printf "  throughput vigil / sha256sum: %.2fx (goal >= 0.95x); peak RSS goal < 16 MB\n", \
	    s / v
}'
