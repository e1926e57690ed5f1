#!/bin/bash
# test_notify_users.sh: who may notify, with real Unix accounts.
# Run as root, it creates vigiltest5_comms, vigiltest5_eim and
# vigiltest5_dev (reusing them if they exist, removing at the end only
# those it created) and walks the rules as each of them: the comms holder
# adds recipients, marks them sent and saves bulletins; a holder of
# another role (forensics), the eim and even an administrator without one
# of the roles cannot (exit 77, the denial journaled under the real
# account, nothing else changed), not even with USER set to the comms
# holder's name; only the eim waives a recipient; the last send, by the
# comms holder, records customers_notified. Not root: skipped (77).
. "$TESTLIB"

COMMS=vigiltest5_comms
EIM=vigiltest5_eim
DEV=vigiltest5_dev
tl_users $COMMS $EIM $DEV
ME=$(id -un)

# ---- root (an administrator holding no role) sets up -----------------
expect_exit 0 v init
chmod 666 "$DB"
expect_exit 0 v roster add $COMMS --roles comms --name "Casey Comms" \
    --contact "comms@example.com"
expect_exit 0 v roster add $EIM --roles eim --name "Eve Eim"
expect_exit 0 v roster add $DEV --roles forensics --name "Dana Dev"
expect_exit 0 v new "Customer data on a public bucket" --severity 1 \
    --detected 2026-03-02T08:30:00Z
expect_exit 0 v assign IR-1 comms $COMMS
expect_exit 0 v assign IR-1 eim $EIM
expect_exit 0 v assign IR-1 forensics $DEV
expect_exit 0 as $EIM declare IR-1 --reason "data read by an outsider" \
    --at 2026-03-02T18:00:00Z

# ---- adding recipients ----------------------------------------------
expect_exit 0 as $COMMS recipient add IR-1 "Acme Corp"
assert_eq "R1" "$OUT" "comms adds R1"
expect_exit 0 as $COMMS recipient add IR-1 "Globex Ltd" --channel portal
expect_exit 0 as $COMMS recipient add IR-1 "Initech" --channel letter
assert_eq "$COMMS" "$(sql "SELECT created_by FROM recipient WHERE num = 1")" \
    "created by the real account"
expect_denied recipient $DEV as $DEV recipient add IR-1 "Dev's pick"
assert_contains "$ERR" "sim, comms or support" "the refusal names who may"
expect_denied recipient $EIM as $EIM recipient add IR-1 "Eim's pick"
expect_denied recipient $ME v recipient add IR-1 "Admin's pick"

# ---- marking: comms yes, others no (USER changes nothing) -------------
expect_exit 0 as $COMMS recipient set IR-1 R1 drafted \
    --at 2026-03-03T08:00:00Z
expect_exit 0 as $COMMS recipient set IR-1 R1 sent --at 2026-03-03T10:00:00Z
assert_eq "sent|$COMMS" "$(sql "SELECT state, sent_by FROM recipient WHERE \
num = 1")" "comms marked R1 sent"
expect_denied recipient $DEV as $DEV recipient set IR-1 R2 sent
expect_denied recipient $DEV runuser -u $DEV -- env USER=$COMMS \
    LOGNAME=$COMMS HOME=/nonexistent "$SHARED/vigil" --db "$DB" \
    recipient set IR-1 R2 sent
expect_denied recipient $EIM as $EIM recipient set IR-1 R2 drafted
expect_denied recipient $ME v recipient set IR-1 R2 sent

# ---- waiving: only the eim --------------------------------------------
expect_denied waive $COMMS as $COMMS recipient waive IR-1 R3 --reason "no"
assert_contains "$ERR" "only the incident's current eim" "names the eim"
expect_denied waive $DEV as $DEV recipient waive IR-1 R3 --reason "no"
expect_denied waive $ME v recipient waive IR-1 R3 --reason "admin"
expect_exit 0 as $EIM recipient waive IR-1 R3 --reason "Initech has no \
data in the bucket"
assert_eq "waived|$EIM|Initech has no data in the bucket" "$(sql "SELECT \
state, waived_by, waive_reason FROM recipient WHERE num = 3")" "the eim waived"
expect_exit 64 as $EIM recipient waive IR-1 R2
expect_exit 65 as $EIM recipient waive IR-1 R1 --reason "already sent"

# ---- the last send, by comms, records customers_notified ---------------
assert_eq 0 "$(sql "SELECT count(*) FROM milestone WHERE name = \
'customers_notified'")" "not yet"
expect_exit 0 as $COMMS recipient set IR-1 R2 sent --at 2026-03-04T09:00:00Z
assert_contains "$OUT" "customers_notified recorded at 2026-03-04T09:00:00Z" \
    "the last send notifies"
assert_eq "$COMMS|recipient.sent" "$(sql "SELECT recorded_by, (SELECT action \
FROM journal ORDER BY seq DESC LIMIT 1) FROM milestone WHERE name = \
'customers_notified'")" "recorded by the comms holder, in the send's entry"
expect_exit 0 as $DEV show IR-1 --json
assert_eq "met" "$(out_json '$.deadline.state')" "the deadline is met"

# ---- bulletins ----------------------------------------------------------
printf 'Dear customer,\nwe write to tell you ...\n' >"$SHARED/draft.md"
chmod 644 "$SHARED/draft.md"
expect_exit 0 as $DEV bulletin IR-1 --summary "A bucket of customer exports was public."
assert_contains "$OUT" "Casey Comms" "anyone may render the draft"
expect_denied bulletin $DEV as $DEV bulletin IR-1 --save "$SHARED/draft.md"
expect_exit 0 as $COMMS bulletin IR-1 --save "$SHARED/draft.md"
assert_eq "version 1" "$OUT" "comms saves a version"

# ---- the denials are in the journal, under the real accounts ----------
expect_exit 0 v journal IR-1 --json
assert_eq 11 "$(sql "SELECT count(*) FROM journal WHERE action = 'denied'")" \
    "eleven denials journaled"
assert_eq "$(id -u $DEV)" "$(sql "SELECT DISTINCT uid FROM journal WHERE \
action = 'denied' AND login = '$DEV'")" "with the real uid"
expect_exit 0 v verify

tl_done
