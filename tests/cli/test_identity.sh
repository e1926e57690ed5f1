#!/bin/bash
# test_identity.sh: who vigil thinks you are comes from the real uid, never
# from the environment. With USER, LOGNAME and HOME (and SUDO_USER) set to
# someone else, every journal entry still carries the real account, the
# creator of a database is the real account, and naming a roster member in
# $USER grants none of their roles.
. "$TESTLIB"

ME=$(id -un)
MYUID=$(id -u)
spoof() { env USER=erin LOGNAME=erin SUDO_USER=erin SUDO_UID=4242 \
    HOME=/nonexistent/erin "$@"; }

expect_exit 0 spoof "$VIGIL" --db "$DB" init
assert_contains "$OUT" "you ($ME)" "the creator is the real account"
assert_eq "$ME|1" "$(sql "SELECT login, admin FROM roster")" \
    "only the real account is on the roster"
expect_exit 0 v roster add erin --roles eim
expect_exit 0 spoof "$VIGIL" --db "$DB" new "spoofed"
expect_exit 0 v assign IR-1 eim erin
expect_exit 0 spoof "$VIGIL" --db "$DB" note IR-1 "who am I"
# erin is the eim; $USER=erin does not make us erin
expect_exit 77 spoof "$VIGIL" --db "$DB" declare IR-1 --reason "as erin"
assert_eq 0 "$(sql "SELECT count(*) FROM incident WHERE declared_at IS NOT \
NULL")" "no declaration"
assert_eq "denied|$ME|$MYUID" "$(sql "SELECT action, login, uid FROM journal \
ORDER BY seq DESC LIMIT 1")" "the denial names the real account"
# the same through the environment variable vigil does read
expect_exit 77 env USER=erin LOGNAME=erin VIGIL_DB="$DB" "$VIGIL" declare \
    IR-1 --reason "again"
assert_eq 0 "$(sql "SELECT count(*) FROM journal WHERE login != '$ME' OR \
uid != $MYUID")" "every journal entry carries the real account"
assert_eq 0 "$(sql "SELECT count(*) FROM note WHERE author != '$ME'")" \
    "the note's author"
assert_eq "$ME" "$(sql "SELECT created_by FROM incident")" "created_by"
expect_exit 0 spoof "$VIGIL" --db "$DB" journal --json
assert_eq "$ME" "$(out_json '$[#-1].login')" "journal --json login"
assert_eq "$MYUID" "$(out_json '$[#-1].uid')" "journal --json uid"

# the audit login uid, when the kernel has one, is recorded beside it
luid=$(cat /proc/self/loginuid 2>/dev/null || echo 4294967295)
if [ "$luid" != 4294967295 ]; then
	assert_eq "$luid" "$(sql "SELECT DISTINCT loginuid FROM journal")" \
	    "loginuid"
else
	assert_eq "" "$(sql "SELECT DISTINCT loginuid FROM journal")" \
	    "no loginuid without an audit session"
fi

# where files live: $XDG_DATA_HOME, else ~/.local/share (from $HOME)
h2="$TL_TMP/home2"
mkdir -p "$h2"
expect_exit 0 env HOME="$h2" XDG_DATA_HOME="$TL_TMP/xdg" "$VIGIL" init
[ -f "$TL_TMP/xdg/vigil/vigil.db" ] && ok || not_ok "XDG_DATA_HOME ignored"
expect_exit 0 env -u XDG_DATA_HOME HOME="$h2" "$VIGIL" init
[ -f "$h2/.local/share/vigil/vigil.db" ] && ok \
    || not_ok "~/.local/share/vigil/vigil.db not used"
# $VIGIL_DB beats the default, --db beats $VIGIL_DB
expect_exit 0 env VIGIL_DB="$TL_TMP/env.db" "$VIGIL" init
[ -f "$TL_TMP/env.db" ] && ok || not_ok "VIGIL_DB ignored"
expect_exit 0 env VIGIL_DB="$TL_TMP/env.db" "$VIGIL" --db "$TL_TMP/flag.db" \
    init
[ -f "$TL_TMP/flag.db" ] && ok || not_ok "--db does not win over VIGIL_DB"
# and the config file's db =
mkdir -p "$TL_TMP/cfg/vigil"
echo "db = $TL_TMP/cfg.db" >"$TL_TMP/cfg/vigil/config"
expect_exit 0 env XDG_CONFIG_HOME="$TL_TMP/cfg" "$VIGIL" init
[ -f "$TL_TMP/cfg.db" ] && ok || not_ok "config db = ignored"
echo "colour = red" >"$TL_TMP/cfg/vigil/config"
expect_exit 65 env XDG_CONFIG_HOME="$TL_TMP/cfg" "$VIGIL" list
assert_contains "$ERR" "config:1:" "a config typo names file and line"

tl_done
