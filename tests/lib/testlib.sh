# testlib.sh: sourced by tests/cli/test_*.sh (bash). Each test gets its own
# temporary directory with its own HOME and XDG directories, so nothing of
# the person running the suite is read or written; the database is
# $DB inside it and `v ARGS` runs "$VIGIL --db $DB ARGS".
#
# Checks count passes and failures; `tl_done` prints the closing line
# "N passed, M failed" and exits non-zero on any failure. Exit 77 means
# skipped (ctest's SKIP_RETURN_CODE). JSON is read with the sqlite3
# shell's JSON functions (python3 may be missing in CI); the shell is also
# how tests look behind vigil's back.
#
# Environment: VIGIL (the binary under test), TESTLIB (this file).

set -u

if [ -z "${VIGIL:-}" ] || [ ! -x "${VIGIL:-}" ]; then
	echo "testlib: VIGIL is not set to an executable vigil" >&2
	exit 1
fi
case "$VIGIL" in
/*) ;;
*) VIGIL="$PWD/$VIGIL" ;;
esac
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "SKIP: the sqlite3 shell is not installed"
	exit 77
fi

TL_PASS=0
TL_FAIL=0
TL_NAME=$(basename "$0" .sh)
TL_TMP=$(mktemp -d "${TMPDIR:-/tmp}/vigil-$TL_NAME-XXXXXX")
TL_CLEANUPS=""

tl_cleanup()
{
	for c in $TL_CLEANUPS; do
		"$c" || true
	done
	rm -rf "$TL_TMP"
}
trap tl_cleanup EXIT
trap 'exit 130' INT TERM

# Run a function (by name) when the test exits, before the files go.
tl_on_exit()
{
	TL_CLEANUPS="$1 $TL_CLEANUPS"
}

export HOME="$TL_TMP/home"
export XDG_DATA_HOME="$TL_TMP/home/.local/share"
export XDG_CONFIG_HOME="$TL_TMP/home/.config"
export TZ=UTC
export LC_ALL=C.UTF-8
unset VIGIL_DB VIGIL_CONFIG
mkdir -p "$HOME" "$TL_TMP/db"
DB="$TL_TMP/db/vigil.db"
OUTF="$TL_TMP/stdout"
ERRF="$TL_TMP/stderr"
OUT=""
ERR=""
RC=0

v()
{
	"$VIGIL" --db "$DB" "$@"
}

ok()
{
	TL_PASS=$((TL_PASS + 1))
}

not_ok()
{
	TL_FAIL=$((TL_FAIL + 1))
	echo "FAIL: $*"
}

# Run a command, keeping its stdout, stderr and exit status in
# OUT/OUTF, ERR/ERRF and RC.
run()
{
	"$@" >"$OUTF" 2>"$ERRF"
	RC=$?
	OUT=$(cat "$OUTF")
	ERR=$(cat "$ERRF")
}

# expect_exit CODE CMD...: CMD exits with CODE. A failure must print
# exactly one line "vigil: ..." on stderr; a success nothing on stderr.
expect_exit()
{
	local want=$1 lines
	shift
	run "$@"
	if [ "$RC" != "$want" ]; then
		not_ok "exit $RC, expected $want: $*"
		[ -n "$ERR" ] && echo "  stderr: $ERR"
		return 1
	fi
	lines=$(wc -l <"$ERRF")
	if [ "$want" != 0 ]; then
		if [ "$lines" != 1 ] || [ "${ERR#vigil: }" = "$ERR" ]; then
			not_ok "stderr is not one 'vigil: ...' line: $*"
			echo "  stderr: $ERR"
			return 1
		fi
	elif [ -s "$ERRF" ]; then
		not_ok "success wrote to stderr: $*"
		echo "  stderr: $ERR"
		return 1
	fi
	ok
	return 0
}

assert_eq()
{
	if [ "$1" = "$2" ]; then
		ok
	else
		not_ok "${3:-values differ}: expected '$1', got '$2'"
	fi
}

assert_contains()
{
	case "$1" in
	*"$2"*) ok ;;
	*) not_ok "${3:-text does not contain '$2'}"; echo "  text: $1" ;;
	esac
}

assert_not_contains()
{
	case "$1" in
	*"$2"*) not_ok "${3:-text contains '$2'}"; echo "  text: $1" ;;
	*) ok ;;
	esac
}

# assert_match TEXT ERE [MSG]
assert_match()
{
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok
	else
		not_ok "${3:-text does not match /$2/}"
		echo "  text: $1"
	fi
}

# json FILE PATH: the value at PATH (SQLite JSON path, "$.a.b[0]") in the
# JSON document in FILE; objects and arrays as JSON text, null as "".
json()
{
	sqlite3 :memory: "SELECT json_extract(CAST(readfile('$1') AS TEXT), \
'$2')"
}

# json_type FILE PATH: null, true, false, integer, real, text, array,
# object, or "" when PATH is absent.
json_type()
{
	sqlite3 :memory: "SELECT json_type(CAST(readfile('$1') AS TEXT), '$2')"
}

# json_valid FILE: 1 when FILE holds one valid JSON document.
json_valid()
{
	sqlite3 :memory: "SELECT json_valid(CAST(readfile('$1') AS TEXT))"
}

# The last command's stdout as a file, for json().
out_json()
{
	json "$OUTF" "$1"
}

out_type()
{
	json_type "$OUTF" "$1"
}

# sql QUERY: run QUERY on the test database with the sqlite3 shell.
sql()
{
	sqlite3 -batch "$DB" "$1"
}

# Every row of every table except the journal (and the schema).
db_rows()
{
	local t
	sqlite3 -batch "$DB" "SELECT sql FROM sqlite_schema ORDER BY name"
	for t in $(sqlite3 -batch "$DB" "SELECT name FROM sqlite_schema \
WHERE type = 'table' AND name != 'journal' ORDER BY name"); do
		echo "## $t"
		sqlite3 -batch "$DB" "SELECT * FROM \"$t\" ORDER BY rowid"
	done
}

# Everything, journal included.
db_all()
{
	db_rows
	echo "## journal"
	sqlite3 -batch "$DB" "SELECT * FROM journal ORDER BY seq"
}

# expect_refused CODE CMD...: fails with CODE and changes nothing at all.
expect_refused()
{
	local before after
	before=$(db_all)
	expect_exit "$@"
	after=$(db_all)
	if [ "$before" = "$after" ]; then
		ok
	else
		not_ok "the database changed after a refusal: ${*:2}"
	fi
}

# expect_denied ATTEMPT LOGIN CMD...: exit 77, only one new journal entry,
# "denied", by LOGIN, attempting ATTEMPT; nothing else changed.
expect_denied()
{
	local attempt=$1 login=$2 before after n0 n1
	shift 2
	before=$(db_rows)
	n0=$(sql "SELECT count(*) FROM journal")
	expect_exit 77 "$@"
	after=$(db_rows)
	n1=$(sql "SELECT count(*) FROM journal")
	if [ "$before" = "$after" ]; then
		ok
	else
		not_ok "rows changed after a denial: $*"
	fi
	assert_eq $((n0 + 1)) "$n1" "one journal entry for the denial"
	assert_eq "denied|$login|$attempt" "$(sql "SELECT action, login, \
json_extract(payload, '\$.attempt') FROM journal ORDER BY seq DESC LIMIT 1")" \
	    "the denial is journaled"
}

# tl_users LOGIN...: real Unix accounts for a test (root only; otherwise
# skip). Existing accounts are reused; the ones created here are removed
# when the test exits. Then a directory every account can use, $SHARED,
# holds a copy of the binary and the database ($DB moves there), and
# `as LOGIN ARGS` runs that vigil as LOGIN (its own real uid).
tl_users()
{
	local u c
	[ "$(id -u)" = 0 ] || tl_skip "needs root to create the accounts $* \
(run the suite as root)"
	for c in useradd userdel runuser; do
		command -v "$c" >/dev/null 2>&1 || tl_skip "$c is not installed"
	done
	TL_MADE=""
	tl_on_exit tl_remove_users
	for u in "$@"; do
		if ! id "$u" >/dev/null 2>&1; then
			useradd -M -N -d /nonexistent -s /bin/sh "$u" \
			    || tl_skip "useradd $u failed"
			TL_MADE="$TL_MADE $u"
		fi
	done
	chmod 755 "$TL_TMP"
	SHARED="$TL_TMP/shared"
	mkdir -m 777 "$SHARED"
	cp "$VIGIL" "$SHARED/vigil"
	chmod 755 "$SHARED/vigil"
	DB="$SHARED/vigil.db"
}

tl_remove_users()
{
	local u
	for u in $TL_MADE; do
		userdel "$u" 2>/dev/null || echo "could not remove $u" >&2
	done
}

as()
{
	local who=$1
	shift
	runuser -u "$who" -- env HOME=/nonexistent \
	    XDG_CONFIG_HOME="$SHARED/noconfig" VIGIL_SHARE="${VIGIL_SHARE:-}" \
	    "$SHARED/vigil" --db "$DB" "$@"
}

tl_skip()
{
	echo "SKIP: $*"
	exit 77
}

tl_done()
{
	echo "$TL_PASS passed, $TL_FAIL failed"
	[ "$TL_FAIL" -eq 0 ]
	exit $?
}
