#!/bin/bash
# test_users.sh: the permission table with real Unix accounts. Run as
# root, it creates vigiltest_sim, vigiltest_eim and vigiltest_out (reusing
# them if they exist, removing at the end only those it created), gives
# them one database in a directory they can all write, and walks the
# table as each of them: the sim who is not the eim cannot declare, even
# with USER and LOGNAME set to the eim's name, and the denial is in the
# journal under the sim's real name; the eim can; someone not on the
# roster reads everything and is told how to be added when writing.
# Not root: skipped (77) with a message.
. "$TESTLIB"

SIM=vigiltest_sim
EIM=vigiltest_eim
OUTSIDER=vigiltest_out
tl_users $SIM $EIM $OUTSIDER

# ---- root creates the database and the team -------------------------
expect_exit 0 v init
chmod 666 "$DB"
expect_exit 0 v roster add $SIM --roles sim,triage --name "Sam Sim"
expect_exit 0 v roster add $EIM --roles eim --name "Eve Eim"
expect_exit 0 v new "Customer data on a public bucket" --severity 1
expect_exit 0 v new "Second incident" --severity 3
expect_exit 0 v assign IR-1 sim $SIM
expect_exit 0 v assign IR-1 eim $EIM
assert_eq "$(id -u $SIM)" "$(sql "SELECT uid FROM roster WHERE login = \
'$SIM'")" "the roster knows the account's uid"

# ---- the sim ---------------------------------------------------------
expect_exit 0 as $SIM stage IR-1 assess
expect_exit 0 as $SIM note IR-1 "bucket was world-readable for 3 days"
expect_exit 0 as $SIM milestone IR-1 detected
expect_denied declare $SIM as $SIM declare IR-1 --reason "I am sure"
assert_contains "$ERR" "eim" "the sim is told only the eim may"
# pretending to be the eim through the environment changes nothing
expect_denied declare $SIM runuser -u $SIM -- env USER=$EIM LOGNAME=$EIM \
    HOME=/nonexistent "$SHARED/vigil" --db "$DB" declare IR-1 --reason "as eve"
assert_eq "$(id -u $SIM)" "$(sql "SELECT uid FROM journal ORDER BY seq DESC \
LIMIT 1")" "the denial carries the sim's real uid"
assert_eq "" "$(sql "SELECT declared_at FROM incident WHERE id = 1")" \
    "not declared"
expect_exit 0 as $SIM journal IR-1
assert_match "$OUT" "$SIM +denied" "vigil journal shows the sim's denial"
expect_denied roster $SIM as $SIM roster add $OUTSIDER --roles eim
expect_denied stage $SIM as $SIM stage IR-2 assess

# ---- the eim ---------------------------------------------------------
expect_denied stage $EIM as $EIM stage IR-1 diagnose
expect_denied assign $EIM as $EIM assign IR-1 eim $SIM
expect_exit 0 as $EIM declare IR-1 --reason "customer records were read"
assert_contains "$OUT" "declared" "the eim declares"
expect_exit 0 v show IR-1 --json
assert_eq $EIM "$(out_json '$.declared_by')" "declared_by"
assert_eq ok "$(out_json '$.deadline.state')" "the clock runs"
assert_eq "breach.declare|$EIM|$(id -u $EIM)" "$(sql "SELECT action, login, \
uid FROM journal WHERE action = 'breach.declare'")" "the declaration's entry"
expect_denied retract $SIM as $SIM retract IR-1 --reason "no"

# ---- the administrator is not the eim -------------------------------
expect_denied retract "$(id -un)" v retract IR-1 --reason "admin"

# ---- someone not on the roster ---------------------------------------
expect_exit 0 as $OUTSIDER list
assert_contains "$OUT" "IR-1" "an outsider reads the queue"
expect_exit 0 as $OUTSIDER show IR-1 --json
assert_eq IR-1 "$(out_json '$.key')" "an outsider reads an incident"
expect_exit 0 as $OUTSIDER journal
expect_exit 0 as $OUTSIDER verify
expect_exit 0 as $OUTSIDER roster list
expect_denied note $OUTSIDER as $OUTSIDER note IR-1 "let me help"
assert_contains "$ERR" "roster add" "told how to be added"
expect_denied new $OUTSIDER as $OUTSIDER new "my own incident"
expect_denied milestone $OUTSIDER as $OUTSIDER milestone IR-1 aware
# added by the administrator, they may write
expect_exit 0 v roster add $OUTSIDER --roles support
expect_exit 0 as $OUTSIDER note IR-1 "thanks, on it"

# ---- the eim retracts; everyone's changes chain ----------------------
expect_exit 0 as $EIM retract IR-1 --reason "the data was synthetic"
expect_exit 0 as $OUTSIDER verify
assert_contains "$OUT" "intact" "the chain verifies"
assert_eq 4 "$(sql "SELECT count(DISTINCT login) FROM journal")" \
    "four accounts in the journal"
assert_eq 0 "$(sql "SELECT count(*) FROM journal j JOIN roster r ON \
r.login = j.login WHERE r.uid IS NOT NULL AND r.uid != j.uid")" \
    "every entry's login matches its uid"

tl_done
