#!/bin/bash
# bench_console.sh: figures for the console (README.md, benchmarks). In a
# pseudo-terminal of 80x24 (TERM=xterm-256color) on a database of N
# incidents, measures:
#   - the time from exec to the first complete frame (the hint line, the
#     last thing a frame draws, has arrived), with the digest panel of a
#     last look a day and 1,000 journal entries earlier;
#   - bytes written per selection move with the Down arrow (median of
#     MOVES moves, each given 300 ms, the idle rate subtracted);
#   - bytes per second while idle with one countdown visible (the
#     selected incident is a declared one, so its panel ticks, as does its
#     queue row);
#   - peak RSS of the console (VmHWM);
#   - bytes per Down and per Up move at 80x24 and at 200x50, beside tig
#     (its main view, on a scratch repository of 300 commits) and htop
#     measured the same way in the same run, when they are installed
#     (apt-get install tig htop; not needed by CI): the median, and the
#     mean, which counts the moves that scroll a list too.
# Prints figures; never passes or fails on them (exits non-zero only when
# it cannot run). Needs python3 (its pty module drives the terminal).
#
# usage: tests/bench/bench_console.sh [BUILD_DIR]
# environment:
#   N               incidents (default 1000000; N=20000 for a quick run)
#   BENCH_DB        an already populated database to measure instead
#   VIGIL           the binary (default BUILD_DIR/vigil)
#   VIGIL_POPULATE  vigil-populate (default BUILD_DIR/tests/bench/
#                   vigil-populate); without it, N is capped at 300 and
#                   the incidents are made with the command line
#   MOVES           arrow moves measured (default 40)
#   IDLE            seconds of idle measured (default 10)
set -u

BUILD=${1:-build}
N=${N:-1000000}
MOVES=${MOVES:-40}
IDLE=${IDLE:-10}
VIGIL=${VIGIL:-$BUILD/vigil}
VIGIL_POPULATE=${VIGIL_POPULATE:-$BUILD/tests/bench/vigil-populate}
[ -x "$VIGIL" ] || { echo "bench_console: $VIGIL is not built" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench_console: needs python3" >&2; \
    exit 2; }

DIR=$(mktemp -d "${TMPDIR:-/tmp}/vigil-bench-console.XXXXXX")
trap 'rm -rf "$DIR"' EXIT
export HOME="$DIR/home" TZ=UTC
mkdir -p "$HOME"
unset NO_COLOR VIGIL_DB
ME=$(id -un)

if [ -n "${BENCH_DB:-}" ]; then
	DB=$BENCH_DB
else
	DB="$DIR/vigil.db"
	if [ -x "$VIGIL_POPULATE" ]; then
		echo "populating $N incidents ..."
		"$VIGIL_POPULATE" --db "$DB" --incidents "$N" >/dev/null 2>&1 ||
		    { echo "bench_console: populate failed" >&2; exit 2; }
	else
		[ "$N" -gt 300 ] && N=300
		echo "no vigil-populate: $N incidents through the command line"
		for i in $(seq 1 "$N"); do
			"$VIGIL" --db "$DB" new "Bench incident $i" \
			    --severity $((i % 4 + 1)) >/dev/null || exit 2
		done
	fi
fi
# one declared incident we are EIM of, at the top of the queue
KEY=$("$VIGIL" --db "$DB" new "Bench: declared, countdown visible" \
    --severity 1) || { echo "bench_console: cannot add an incident" >&2; \
    exit 2; }
"$VIGIL" --db "$DB" roster add "$ME" --roles \
    triage,sim,forensics,service,eim,comms,support --admin >/dev/null 2>&1
"$VIGIL" --db "$DB" assign "$KEY" eim "$ME" >/dev/null &&
"$VIGIL" --db "$DB" declare "$KEY" --reason bench >/dev/null ||
    { echo "bench_console: cannot declare $KEY" >&2; exit 2; }
# a last look a day ago, so that the first frame computes and shows the
# digest ("since you last looked") over a day of the database's changes:
# mark a look now, then move it back 24 h and 1,000 entries
"$VIGIL" --db "$DB" digest >/dev/null 2>&1
SEEN=${XDG_STATE_HOME:-$HOME/.local/state}/vigil/digest-seen
if [ -f "$SEEN" ]; then
	awk -v day=86400 '{ s = $2 - 1000; if (s < 0) s = 0;
	    print $1, s, $3 - day }' "$SEEN" >"$SEEN.new" && mv "$SEEN.new" "$SEEN"
fi
OPEN=$("$VIGIL" --db "$DB" list --json --limit 1 >/dev/null; \
    sqlite3 "$DB" "SELECT count(*) FROM incident WHERE status = 'open'" \
    2>/dev/null || echo "?")
ALL=$(sqlite3 "$DB" "SELECT count(*) FROM incident" 2>/dev/null || echo "?")
echo "database: $ALL incidents, $OPEN open ($(du -h "$DB" | cut -f1))"
# a repository for tig: 300 commits
REPO="$DIR/repo"
if command -v tig >/dev/null && command -v git >/dev/null; then
	git init -q "$REPO" && (cd "$REPO" && for i in $(seq 1 300); do
		git -c user.name=b -c user.email=b@example.org commit -q \
		    --allow-empty -m "commit $i: a line of history"; done)
fi

python3 - "$VIGIL" "$DB" "$MOVES" "$IDLE" "$REPO" <<'PY'
import fcntl, os, pty, select, statistics, struct, sys, termios, time

vigil, db, moves, idle = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
    float(sys.argv[4])
repo = sys.argv[5]

def read_for(fd, secs, until=None):
    """Read what arrives within secs (or until `until` is seen)."""
    out = b""
    end = time.monotonic() + secs
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return out
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return out
            if not chunk:
                return out
            out += chunk
            if until is not None and any(u in out for u in
                    (until if isinstance(until, tuple) else (until,))):
                return out

t0 = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm-256color"
    os.execv(vigil, [vigil, "--db", db])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
first = read_for(fd, 30, until=(b"q quit", b"q back"))
t_first = (time.monotonic() - t0) * 1000
# the hint line ends the frame: read to the end of that write
first += read_for(fd, 0.05)
digest = b"Since you last looked" in first
print(f"first complete frame: {t_first:.1f} ms ({len(first)} bytes)"
      + (", with the digest panel (a last look a day and 1,000 entries "
         "ago)" if digest else ", no digest panel"))
if digest:
    os.write(fd, b"\x1b")            # dismiss it
    read_for(fd, 0.5)

# a baseline for the tick bytes during the moves
read_for(fd, 1.2)
base = len(read_for(fd, 3.0)) / 3.0
per = []
for i in range(moves):
    os.write(fd, b"\x1bOB")           # Down (keypad mode: kcud1)
    got = read_for(fd, 0.3)
    per.append(max(0.0, len(got) - base * 0.3))
print(f"bytes per Down move: median {statistics.median(per):.0f}, "
      f"mean {statistics.mean(per):.0f}, max {max(per):.0f} "
      f"({moves} moves)")
up = []
for i in range(min(moves, 10)):
    os.write(fd, b"\x1bOA")
    up.append(max(0.0, len(read_for(fd, 0.3)) - base * 0.3))
print(f"bytes per Up move: median {statistics.median(up):.0f}")

# select the declared incident (its countdown visible in the queue row
# and in the deadline panel), then leave the filter prompt
os.write(fd, b"/Bench: declared")
read_for(fd, 1.0)
os.write(fd, b"\r")
read_for(fd, 1.5)
idle_bytes = read_for(fd, idle)
rate = len(idle_bytes) / idle
print(f"idle with one countdown visible: {rate:.1f} bytes/s "
      f"over {idle:.0f} s")

def moves_at(argv, rows, cols, ready, cwd=None, n=20):
    """Median and mean bytes per Down and per Up move of argv."""
    import shutil
    if shutil.which(argv[0]) is None and not os.path.exists(argv[0]):
        return None
    p, f = pty.fork()
    if p == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["LINES"], os.environ["COLUMNS"] = str(rows), str(cols)
        if cwd:
            os.chdir(cwd)
        os.execvp(argv[0], argv)
    fcntl.ioctl(f, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols,
        0, 0))
    read_for(f, 10, until=ready)
    if ready is not None:
        os.write(f, b"\x1b")         # a digest panel, if any, goes
    read_for(f, 1.5)
    idle = len(read_for(f, 3.0)) / 3.0
    res = []
    for key in (b"\x1bOB", b"\x1bOA"):
        got = []
        for i in range(n):
            os.write(f, key)
            got.append(max(0.0, len(read_for(f, 0.3)) - idle * 0.3))
        res.append((statistics.median(got), statistics.mean(got)))
    os.write(f, b"q")
    read_for(f, 1.0)
    try:
        os.kill(p, 9)
        os.waitpid(p, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
    return res

print("bytes per selection move (median and mean of 20 Down, then 20 "
      "Up):")
for rows, cols in ((24, 80), (50, 200)):
    for name, argv, ready, cwd in (
            ("vigil", [vigil, "--db", db], (b"q quit", b"q back"), None),
            ("tig", ["tig"], None, repo if os.path.isdir(repo) else None),
            ("htop", ["htop", "-d", "100"], None, None)):
        if name == "tig" and not os.path.isdir(repo):
            continue
        r = moves_at(argv, rows, cols, ready, cwd)
        if r is None:
            print(f"  {cols}x{rows} {name:6s} not installed")
        else:
            print(f"  {cols}x{rows} {name:6s} Down {r[0][0]:6.0f} "
                  f"(mean {r[0][1]:4.0f})  Up {r[1][0]:6.0f} "
                  f"(mean {r[1][1]:4.0f})")

hwm = "?"
try:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                hwm = line.split(":", 1)[1].strip()
except OSError:
    pass
print(f"peak RSS (VmHWM): {hwm}")
os.write(fd, b"q")
read_for(fd, 1.0)
try:
    os.waitpid(pid, 0)
except ChildProcessError:
    pass
PY
