#!/bin/bash
# test_inbox_users.sh: who may act on the inbox, with real Unix accounts
# in one group sharing a database directory (setgid, 2770) under umask
# 007. A feed account on the roster imports; someone qualified for triage
# accepts (and becomes the incident's triage holder) and suppresses; a
# sim attaches and dismisses; a comms person, and someone not on the
# roster at all, cannot (exit 77, the denial journaled under their real
# account, nothing else changed) — even though the file lets them write.
# Root only: otherwise skipped (77).
. "$TESTLIB"

FEEDS=$(dirname "$0")/feeds
TRI=ibtri
SIM=ibsim
COM=ibcom
FEED=ibfeed
OUT_=ibout
GROUP=ibteam
tl_users $TRI $SIM $COM $FEED $OUT_
command -v groupadd >/dev/null 2>&1 || tl_skip "groupadd is not installed"
if ! getent group $GROUP >/dev/null; then
	groupadd $GROUP || tl_skip "groupadd $GROUP failed"
	ib_remove_group() { groupdel $GROUP 2>/dev/null || true; }
	tl_on_exit ib_remove_group
fi
for u in $TRI $SIM $COM $FEED $OUT_; do
	usermod -a -G $GROUP $u || tl_skip "usermod $u failed"
done
TEAM="$SHARED/team"
mkdir "$TEAM"
chgrp $GROUP "$TEAM"
chmod 2770 "$TEAM"
DB="$TEAM/vigil.db"
cp "$FEEDS"/*.json "$SHARED/"
chmod 644 "$SHARED"/*.json
umask 007

# ---- root creates the database and the team -------------------------
expect_exit 0 v init
expect_exit 0 v roster add $TRI --roles triage --name "Tri Age"
expect_exit 0 v roster add $SIM --roles sim --name "Sim Manager"
expect_exit 0 v roster add $COM --roles comms --name "Com Writer"
expect_exit 0 v roster add $FEED --roles support --name "Feed account"
assert_eq "660 $GROUP" "$(stat -c '%a %G' "$DB")" "the file is the group's"

# ---- the feed account imports ----------------------------------------
expect_exit 0 as $FEED import "$SHARED/wazuh-alerts.json"
assert_contains "$OUT" "6 alerts stored" "imported as $FEED"
assert_eq "alerts.import|$FEED|$(id -u $FEED)" "$(sql "SELECT action, login, \
uid FROM journal ORDER BY seq DESC LIMIT 1")" "journaled under the real account"
for f in "$DB-wal" "$DB-shm"; do
	[ -e "$f" ] || continue
	assert_eq "660 $GROUP" "$(stat -c '%a %G' "$f")" "$(basename "$f")"
done
expect_denied import $OUT_ as $OUT_ import "$SHARED/ecs-alerts.json"
assert_contains "$ERR" "not on this database's roster" "the outsider is told"

# ---- who may accept ------------------------------------------------------
expect_denied accept $OUT_ as $OUT_ inbox accept 1
expect_denied accept $COM as $COM inbox accept 1
assert_contains "$ERR" "qualified for triage or sim" "the refusal names who may"
expect_denied accept $FEED runuser -u $FEED -- env USER=$TRI LOGNAME=$TRI \
    HOME=/nonexistent "$SHARED/vigil" --db "$DB" inbox accept 1
expect_exit 0 as $OUT_ inbox
assert_contains "$OUT" "inbox: 4 new entries" "anyone may read the inbox"
expect_exit 0 as $TRI inbox accept 1
assert_eq IR-1 "$OUT" "triage accepts"
expect_exit 0 v show IR-1 --json
assert_eq $TRI "$(out_json '$.roles.triage')" "the accepter holds triage"
assert_eq $TRI "$(out_json '$.created_by')" "and created it"
assert_eq "inbox.accept|$TRI|$(id -u $TRI)" "$(sql "SELECT action, login, uid \
FROM journal ORDER BY seq DESC LIMIT 1")" "accept journaled"

# ---- attach and dismiss ---------------------------------------------
expect_denied attach $COM as $COM inbox attach 3 IR-1
expect_exit 0 as $SIM inbox attach 3 IR-1
expect_denied dismiss $OUT_ as $OUT_ inbox dismiss 4 --reason benign
expect_denied dismiss $FEED as $FEED inbox dismiss 4 --reason benign
expect_exit 0 as $SIM inbox dismiss 4 --reason false-positive
assert_eq "attached|$SIM dismissed|$SIM" "$(sql "SELECT group_concat(state \
|| '|' || decided_by, ' ') FROM inbox_entry WHERE id IN (3, 4)")" \
    "decided by the real accounts"

# ---- suppressions: owner recorded ------------------------------------
expect_denied suppress $COM as $COM suppress add --match host=db-02 \
    --reason noise --until 2099-01-01T00:00:00Z
expect_exit 0 as $TRI suppress add --match host=db-02 --reason "patching" \
    --until 2099-01-01T00:00:00Z
expect_exit 0 as $OUT_ suppress list
assert_match "$OUT" "^1 +active +0 .* $TRI " "the owner is the real account"
expect_denied suppress $COM as $COM suppress end 1 --reason "mine now"
expect_exit 0 as $TRI suppress end 1 --reason "patching done"
assert_eq "suppression.end|$TRI" "$(sql "SELECT action, login FROM journal \
ORDER BY seq DESC LIMIT 1")" "ended by the real account, journaled"

expect_exit 0 v verify
tl_done
