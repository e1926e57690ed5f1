#!/bin/bash
# bench_import.sh: figures for alert intake. Generates N Wazuh-style
# alerts (2,000 hosts x 50 rules, one a second, so repeats fall within
# the one-hour window as in a real feed) and measures, in the same run:
#   - `vigil import` of the file (every line parsed by SQLite's JSON
#     functions, digested, deduplicated, grouped, stored, journaled);
#   - the sqlite3 shell inserting the same rows: (a) the raw lines alone,
#     (b) the raw lines with a digest and the fields extracted by
#     json_extract, into an indexed table — both in one transaction,
#     WAL and synchronous=FULL as vigil uses;
#   - re-importing the same file (every line already there);
#   - at M stored alerts (default 1,000,000, most of them entries of their
#     own): the inbox's first page
#     (`vigil inbox`, 50 entries and the counts) beside the queue's
#     (`vigil list`), median of 5 runs each; and in the console (a
#     pseudo-terminal, python3), the queue's first frame and the inbox's.
# Prints figures; never passes or fails on them.
#
# usage: tests/bench/bench_import.sh [BUILD_DIR]
# environment: N (default 100000), M (default 1000000; 0 to skip)
set -u

BUILD=${1:-build}
N=${N:-100000}
M=${M:-1000000}
VIGIL=${VIGIL:-$BUILD/vigil}
[ -x "$VIGIL" ] || { echo "bench_import: $VIGIL is not built" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "bench_import: needs sqlite3" >&2; \
    exit 2; }

DIR=$(mktemp -d "${TMPDIR:-/tmp}/vigil-bench-import.XXXXXX")
trap 'rm -rf "$DIR"' EXIT
export HOME="$DIR/home" TZ=UTC
mkdir -p "$HOME"
unset VIGIL_DB

# gen FIRST COUNT [HOSTS]: Wazuh alert lines numbered FIRST.. (one per
# second) on HOSTS hosts (default 2000)
gen()
{
	awk -v first="$1" -v n="$2" -v hosts="${3:-2000}" 'BEGIN {
		base = 1796026443
		for (i = first; i < first + n; i++) {
			t = base + i
			h = i % hosts; r = 5700 + i % 50
			printf "{\"timestamp\":\"%s.%03d+0000\",\"rule\":{\"level\":%d," \
			    "\"description\":\"bench rule %d on a host\",\"id\":\"%d\"," \
			    "\"groups\":[\"syslog\",\"sshd\"]},\"agent\":{\"id\":\"%04d\"," \
			    "\"name\":\"host-%06d\",\"ip\":\"10.1.%d.%d\"},\"manager\":" \
			    "{\"name\":\"wazuh-mgr\"},\"id\":\"%d.%d\",\"full_log\":" \
			    "\"Nov 30 sshd[%d]: Failed password for invalid user u%d " \
			    "from 198.51.%d.%d port %d ssh2\",\"data\":{\"srcip\":" \
			    "\"198.51.%d.%d\",\"srcuser\":\"u%d\"},\"location\":" \
			    "\"/var/log/auth.log\"}\n",
			    strftime("%Y-%m-%dT%H:%M:%S", t, 1), i % 1000, 3 + i % 12,
			    r, r, h, h, int(h / 250), h % 250, t, i, 1000 + i % 30000,
			    i % 500, int(i / 250) % 250, i % 250, 1024 + i % 60000,
			    int(i / 250) % 250, i % 250, i % 500
		}
	}'
}

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

echo "generating $N alerts ..."
gen 0 "$N" >"$DIR/alerts.json"
bytes=$(stat -c %s "$DIR/alerts.json")
awk 'BEGIN { print "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;" \
    " CREATE TABLE a (raw TEXT NOT NULL); BEGIN;" }
    { gsub(/\047/, "\047\047"); print "INSERT INTO a VALUES (\047" $0 "\047);" }
    END { print "COMMIT;" }' "$DIR/alerts.json" >"$DIR/plain.sql"
awk 'BEGIN { print "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;" \
    " CREATE TABLE b (digest BLOB NOT NULL UNIQUE, at TEXT, title TEXT," \
    " severity INTEGER, rule TEXT, host TEXT, user TEXT, src TEXT," \
    " raw TEXT NOT NULL); CREATE INDEX b_rule ON b (rule, host, at);" \
    " BEGIN;" }
    { gsub(/\047/, "\047\047"); r = "\047" $0 "\047"
      print "INSERT INTO b VALUES (sha3(" r ", 256), json_extract(" r \
          ", \047$.timestamp\047), json_extract(" r \
          ", \047$.rule.description\047), json_extract(" r \
          ", \047$.rule.level\047), json_extract(" r \
          ", \047$.rule.id\047), json_extract(" r \
          ", \047$.agent.name\047), json_extract(" r \
          ", \047$.data.srcuser\047), json_extract(" r \
          ", \047$.data.srcip\047), " r ");" }
    END { print "COMMIT;" }' "$DIR/alerts.json" >"$DIR/extract.sql"

"$VIGIL" --db "$DIR/v.db" init >/dev/null || exit 2
sync
t0=$(now)
"$VIGIL" --db "$DIR/v.db" import --quiet "$DIR/alerts.json" || exit 2
t1=$(now)
sqlite3 "$DIR/plain.db" <"$DIR/plain.sql" >/dev/null || exit 2
t2=$(now)
sqlite3 "$DIR/extract.db" <"$DIR/extract.sql" >/dev/null || exit 2
t3=$(now)
"$VIGIL" --db "$DIR/v.db" import --quiet "$DIR/alerts.json" || exit 2
t4=$(now)
vi=$(secs "$t0" "$t1"); pl=$(secs "$t1" "$t2"); ex=$(secs "$t2" "$t3")
re=$(secs "$t3" "$t4")
entries=$(sqlite3 "$DIR/v.db" "SELECT count(*) FROM inbox_entry")
echo
echo "import of $N alerts ($((bytes / 1024 / 1024)) MiB), one run each:"
printf "  %-44s %7s s  %8.0f alerts/s\n" "vigil import" "$vi" \
    "$(awk -v n="$N" -v s="$vi" 'BEGIN { print n / s }')"
printf "  %-44s %7s s  %8.0f alerts/s\n" "sqlite3: INSERT the raw lines" "$pl" \
    "$(awk -v n="$N" -v s="$pl" 'BEGIN { print n / s }')"
printf "  %-44s %7s s  %8.0f alerts/s\n" \
    "sqlite3: INSERT + sha3 + json_extract, indexed" "$ex" \
    "$(awk -v n="$N" -v s="$ex" 'BEGIN { print n / s }')"
printf "  %-44s %7s s\n" "vigil import again (all already there)" "$re"
printf "  vigil / raw insert %.2fx, vigil / insert+extract %.2fx\n" \
    "$(awk -v a="$vi" -v b="$pl" 'BEGIN { print a / b }')" \
    "$(awk -v a="$vi" -v b="$ex" 'BEGIN { print a / b }')"
echo "  $entries inbox entries for $N alerts"
printf "  database %d MiB (sqlite3 raw table %d MiB)\n" \
    $(($(stat -c %s "$DIR/v.db") / 1024 / 1024)) \
    $(($(stat -c %s "$DIR/plain.db") / 1024 / 1024))

[ "$M" -gt 0 ] || exit 0
echo
echo "filling to $M stored alerts (100000 hosts: nearly every alert a new"
echo "entry, the inbox's worst case) ..."
have=$N
while [ "$have" -lt "$M" ]; do
	step=$((M - have < 200000 ? M - have : 200000))
	gen "$have" "$step" 100000 | "$VIGIL" --db "$DIR/v.db" import --quiet - ||
	    exit 2
	have=$((have + step))
done
# a queue to compare with: accept a few hundred entries as incidents
for id in $(sqlite3 "$DIR/v.db" "SELECT id FROM inbox_entry WHERE state = \
'new' AND group_id IS NULL ORDER BY id LIMIT 300"); do
	"$VIGIL" --db "$DIR/v.db" inbox accept "$id" >/dev/null || exit 2
done
median5()
{
	local i a b
	for i in 1 2 3 4 5; do
		a=$(now)
		"$@" >/dev/null || exit 2
		b=$(now)
		secs "$a" "$b"
		echo
	done | sort -n | sed -n 3p
}
sqlite3 "$DIR/v.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
echo "at $(sqlite3 "$DIR/v.db" "SELECT count(*) FROM alert") alerts," \
    "$(sqlite3 "$DIR/v.db" "SELECT count(*) FROM inbox_entry") entries," \
    "$(sqlite3 "$DIR/v.db" "SELECT count(*) FROM incident") incidents" \
    "(median of 5):"
printf "  %-44s %7s s\n" "vigil inbox (first page and counts)" \
    "$(median5 "$VIGIL" --db "$DIR/v.db" inbox)"
printf "  %-44s %7s s\n" "vigil list (the queue's first page)" \
    "$(median5 "$VIGIL" --db "$DIR/v.db" list)"
printf "  %-44s %7s s\n" "vigil inbox --json" \
    "$(median5 "$VIGIL" --db "$DIR/v.db" inbox --json)"

# the console in a pseudo-terminal at 80x24: exec to the queue's first
# complete frame (its hint line), i to the inbox's frame (its hint line),
# q back to the queue's frame, median of 5 starts
command -v python3 >/dev/null || { echo "  (no python3: console not timed)"; \
    exit 0; }
python3 - "$VIGIL" "$DIR/v.db" <<'PY'
import fcntl, os, pty, select, statistics, struct, sys, termios, time

vigil, db = sys.argv[1], sys.argv[2]

def read_until(fd, secs, until):
    out = b""
    end = time.monotonic() + secs
    while until not in out:
        left = end - time.monotonic()
        if left <= 0:
            break
        r, _, _ = select.select([fd], [], [], left)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    return out

queue, inbox, back = [], [], []
for run in range(5):
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(vigil, [vigil, "--db", db])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    read_until(fd, 30, b"q quit")
    queue.append((time.monotonic() - t0) * 1000)
    read_until(fd, 0.3, b"\x00")
    t1 = time.monotonic()
    os.write(fd, b"i")
    read_until(fd, 30, b"q back")
    inbox.append((time.monotonic() - t1) * 1000)
    read_until(fd, 0.3, b"\x00")
    t2 = time.monotonic()
    os.write(fd, b"q")                  # back to the queue, reloaded
    read_until(fd, 30, b"q quit")
    back.append((time.monotonic() - t2) * 1000)
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)
print(f"  console: exec to the queue's first frame "
      f"{statistics.median(queue):.1f} ms; i to the inbox's first frame "
      f"{statistics.median(inbox):.1f} ms; q back to the queue's frame "
      f"{statistics.median(back):.1f} ms")
PY
