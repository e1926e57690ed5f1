# lib-notify.sh: sourced by test_lifecycle.sh, test_notify_users.sh and
# test_report.sh. It sources the suite's testlib.sh ($TESTLIB) when there
# is one, and otherwise defines the few helpers these scripts use, with the
# same names and behaviour (a temporary HOME and database, run/expect_exit,
# assertions, JSON through the sqlite3 shell, "N passed, M failed").

if [ -n "${TESTLIB:-}" ] && [ -f "$TESTLIB" ]; then
	. "$TESTLIB"
	return 0
fi

set -u
if [ -z "${VIGIL:-}" ] || [ ! -x "${VIGIL:-}" ]; then
	echo "lib-notify: VIGIL is not set to an executable vigil" >&2
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
tl_on_exit() { TL_CLEANUPS="$1 $TL_CLEANUPS"; }
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
v() { "$VIGIL" --db "$DB" "$@"; }
ok() { TL_PASS=$((TL_PASS + 1)); }
not_ok() { TL_FAIL=$((TL_FAIL + 1)); echo "FAIL: $*"; }
run()
{
	"$@" >"$OUTF" 2>"$ERRF"
	RC=$?
	OUT=$(cat "$OUTF")
	ERR=$(cat "$ERRF")
}
expect_exit()
{
	local want=$1
	shift
	run "$@"
	if [ "$RC" != "$want" ]; then
		not_ok "exit $RC, expected $want: $*"
		[ -n "$ERR" ] && echo "  stderr: $ERR"
		return 1
	fi
	if [ "$want" != 0 ] && { [ "$(wc -l <"$ERRF")" != 1 ] ||
	    [ "${ERR#vigil: }" = "$ERR" ]; }; then
		not_ok "stderr is not one 'vigil: ...' line: $*"
		return 1
	fi
	if [ "$want" = 0 ] && [ -s "$ERRF" ]; then
		not_ok "success wrote to stderr: $*"
		return 1
	fi
	ok
}
assert_eq()
{
	if [ "$1" = "$2" ]; then ok; else
		not_ok "${3:-values differ}: expected '$1', got '$2'"; fi
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
	*"$2"*) not_ok "${3:-text contains '$2'}" ;;
	*) ok ;;
	esac
}
assert_match()
{
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then ok; else
		not_ok "${3:-text does not match /$2/}"; fi
}
json()
{
	sqlite3 :memory: "SELECT json_extract(CAST(readfile('$1') AS TEXT), \
'$2')"
}
out_json() { json "$OUTF" "$1"; }
sql() { sqlite3 -batch "$DB" "$1"; }
db_rows()
{
	local t
	for t in $(sqlite3 -batch "$DB" "SELECT name FROM sqlite_schema \
WHERE type = 'table' AND name != 'journal' ORDER BY name"); do
		echo "## $t"
		sqlite3 -batch "$DB" "SELECT * FROM \"$t\" ORDER BY rowid"
	done
}
expect_denied()
{
	local attempt=$1 login=$2 before n0
	shift 2
	before=$(db_rows)
	n0=$(sql "SELECT count(*) FROM journal")
	expect_exit 77 "$@"
	assert_eq "$before" "$(db_rows)" "rows changed after a denial: $*"
	assert_eq $((n0 + 1)) "$(sql "SELECT count(*) FROM journal")" \
	    "one journal entry for the denial"
	assert_eq "denied|$login|$attempt" "$(sql "SELECT action, login, \
json_extract(payload, '\$.attempt') FROM journal ORDER BY seq DESC LIMIT 1")" \
	    "the denial is journaled"
}
tl_skip() { echo "SKIP: $*"; exit 77; }
tl_done()
{
	echo "$TL_PASS passed, $TL_FAIL failed"
	[ "$TL_FAIL" -eq 0 ]
	exit $?
}
