# test_firstrun.sh: no silent private database. A command on a missing
# database exits 66 and creates nothing, saying where vigil looked and how
# to name the team's file; the console shows its first-run screen and
# creates nothing until asked.
. "$(dirname "$0")/tmux-lib.sh"

fail=0
check() { if ! eval "$1"; then echo "FAIL: $2" >&2; fail=1; fi; }

# ---- commands ------------------------------------------------------
rm -rf "$TL_DIR/nodir"
"$VIGIL" --db "$TL_DIR/nodir/vigil.db" new "X" >"$TL_DIR/out" 2>"$TL_DIR/err"
rc=$?
check '[ $rc = 66 ]' "vigil new X with no database: exit $rc, not 66"
check '[ ! -s "$TL_DIR/out" ]' "vigil new printed a key without a database"
check '[ ! -e "$TL_DIR/nodir" ]' "vigil new created a directory"
check '[ "$(wc -l <"$TL_DIR/err")" = 1 ]' "not one line: $(cat "$TL_DIR/err")"
check 'grep -q "no database at $TL_DIR/nodir/vigil.db (from --db)" "$TL_DIR/err"' \
    "the message names the file and where it came from: $(cat "$TL_DIR/err")"
check 'grep -q "vigil init" "$TL_DIR/err" && grep -q "VIGIL_DB" "$TL_DIR/err" &&
    grep -q "/etc/vigil/config" "$TL_DIR/err"' "the message says how to fix it"
# the default path too: nothing appears in the home directory
"$VIGIL" new "X" >/dev/null 2>"$TL_DIR/err"
rc=$?
check '[ $rc = 66 ]' "vigil new X on the default path: exit $rc"
check '[ ! -e "$XDG_DATA_HOME/vigil" ]' "a private database directory appeared"
check 'grep -q "the default" "$TL_DIR/err"' "the default is named as such"
VIGIL_DB="$TL_DIR/typo.db" "$VIGIL" note IR-1 hi 2>"$TL_DIR/err"
check '[ $? = 66 ] && [ ! -e "$TL_DIR/typo.db" ]' "a typo in VIGIL_DB made a file"
check 'grep -q "from \$VIGIL_DB" "$TL_DIR/err"' "VIGIL_DB is named as the source"
mkdir -p "$XDG_CONFIG_HOME/vigil"
echo "db = $TL_DIR/cfg.db" >"$XDG_CONFIG_HOME/vigil/config"
"$VIGIL" list 2>"$TL_DIR/err"
check '[ $? = 66 ] && [ ! -e "$TL_DIR/cfg.db" ]' "list on the config's missing db"
check 'grep -q "from .db =. in $XDG_CONFIG_HOME/vigil/config" "$TL_DIR/err"' \
    "the config file is named: $(cat "$TL_DIR/err")"
rm -f "$XDG_CONFIG_HOME/vigil/config"

# ---- the console's first-run screen --------------------------------
tl_start 80 24
tl_wait "There is no database yet"
tl_wait "$TL_DB"
tl_wait "create a new database here"
tl_keys q
tl_wait_exit
check '[ ! -e "$TL_DB" ]' "the first-run screen created the database before being asked"
tl_tmux kill-server >/dev/null 2>&1
sleep 0.5	# let the old server go before a new one takes the socket

tl_start 80 24
tl_wait "There is no database yet"
tl_keys c
tl_wait "Welcome to vigil. This database has no incidents yet."
check '[ -f "$TL_DB" ]' "asked to, the console did not create the database"
tl_keys q
tl_wait_exit
v roster list | grep -q "$ME" || { echo "FAIL: the creator is not on the roster" >&2; fail=1; }

[ $fail = 0 ] && echo "ok"
exit $fail
