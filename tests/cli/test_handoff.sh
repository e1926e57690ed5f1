# test_handoff.sh: the rules of pick-up, set and milestone corrections,
# each as a real account (root only; skipped otherwise). Every refusal is
# one sentence, exits with the right code, changes no row and (for a
# permission) is journaled as denied.
. "$TESTLIB"

tl_users tmhadmin tmhtriage tmhsim tmheim
umask 000	# one file every account writes (no group here)
expect_exit 0 as tmhadmin init
expect_exit 0 as tmhadmin roster add tmhtriage --roles triage
expect_exit 0 as tmhadmin roster add tmhsim --roles sim
expect_exit 0 as tmhadmin roster add tmheim --roles eim

# ---- the creator's triage, and pick-up ------------------------------
expect_exit 0 as tmhtriage new "Okta session hijack"
assert_eq IR-1 "$OUT" "key"
assert_eq tmhtriage "$(sql "SELECT login FROM assignment WHERE incident_id = 1 \
AND role = 'triage' AND released_at IS NULL")" "the creator holds triage"
expect_exit 0 as tmheim new "Reported by the EIM"
assert_eq 0 "$(sql "SELECT count(*) FROM assignment WHERE incident_id = 2")" \
    "a creator not qualified for triage holds nothing"
expect_denied pickup tmheim as tmheim pickup IR-2 triage
assert_contains "$ERR" "does not qualify you" "the denial says why"
expect_denied pickup tmhtriage as tmhtriage pickup IR-2 forensics
assert_contains "$ERR" "only triage and sim can be picked up" "which roles"
expect_exit 0 as tmhtriage pickup IR-2 triage
assert_eq "role.pickup|tmhtriage|triage" "$(sql "SELECT action, login, \
json_extract(payload, '\$.role') FROM journal ORDER BY seq DESC LIMIT 1")" \
    "the pick-up is journaled"
expect_refused 65 as tmhadmin pickup IR-2 triage
assert_contains "$ERR" "already has a triage holder (tmhtriage)" "held: say by whom"
expect_exit 0 as tmhsim pickup IR-2 sim
expect_exit 64 as tmhsim pickup IR-2 boss

# ---- set -------------------------------------------------------------
# the triage holder may while no sim is assigned (IR-1), not once there is
expect_exit 0 as tmhtriage set IR-1 --severity 2
assert_eq 2 "$(sql "SELECT severity FROM incident WHERE id = 1")" "severity set"
assert_eq '{"severity":{"old":3,"new":2}}' "$(sql "SELECT payload FROM journal \
WHERE action = 'incident.set' ORDER BY seq DESC LIMIT 1")" "old and new journaled"
expect_denied set tmhtriage as tmhtriage set IR-2 --severity 1
assert_contains "$ERR" "the triage holder while no sim is assigned" "the rule, in words"
expect_denied set tmheim as tmheim set IR-2 --kind privacy
expect_exit 0 as tmhsim set IR-2 --kind privacy --title "Invoice leak" \
    --description "PDF on a public share"
assert_eq "privacy|Invoice leak|PDF on a public share" "$(sql "SELECT kind, \
title, description FROM incident WHERE id = 2")" "kind, title, description"
assert_eq "security|privacy|Reported by the EIM|Invoice leak" "$(sql "SELECT \
json_extract(payload, '\$.kind.old'), json_extract(payload, '\$.kind.new'), \
json_extract(payload, '\$.title.old'), json_extract(payload, '\$.title.new') \
FROM journal WHERE action = 'incident.set' ORDER BY seq DESC LIMIT 1")" \
    "each field's old and new value"
expect_refused 65 as tmhsim set IR-2 --kind privacy
assert_contains "$ERR" "nothing changed" "a no-op is refused"
expect_refused 64 as tmhsim set IR-2
expect_refused 64 as tmhsim set IR-2 --severity 5
expect_refused 64 as tmhsim set IR-2 --kind gossip
expect_refused 64 as tmhsim set IR-2 --title ""
expect_exit 0 as tmhadmin set IR-1 --title "Okta session hijack (admin)"

# ---- milestone corrections -------------------------------------------
expect_exit 0 as tmhsim milestone IR-2 incident_confirmed --at 2026-11-22T08:30Z
expect_exit 0 as tmhsim milestone IR-2 impact_determined --at 2026-11-22T09:00Z
expect_refused 64 as tmhsim milestone IR-2 impact_determined --at 2026-11-22T10:00Z --correct
assert_contains "$ERR" "--reason" "a correction needs a reason"
expect_refused 66 as tmhsim milestone IR-2 customers_determined --at 2026-11-22T10:00Z \
    --correct --reason "typo"
assert_contains "$ERR" "record it without --correct" "nothing to correct"
expect_refused 65 as tmhsim milestone IR-2 impact_determined --at 2026-11-22T08:00Z \
    --correct --reason "typo"
expect_denied milestone tmheim as tmheim milestone IR-2 impact_determined \
    --at 2026-11-22T10:00Z --correct --reason "typo"
# the same instant written another way changes nothing
expect_refused 65 as tmhsim milestone IR-2 impact_determined --at 2026-11-22T10:00+01:00 \
    --correct --reason "same"
expect_exit 0 as tmhsim milestone IR-2 impact_determined --at 2026-11-22T10:30+01:00 \
    --correct --reason "entered in local time by mistake"
assert_eq "$(date -u -d 2026-11-22T09:30Z +%s)" "$(sql "SELECT at FROM milestone \
WHERE incident_id = 2 AND name = 'impact_determined'")" "the time replaced"
assert_eq "2026-11-22T09:00:00+00:00|2026-11-22T10:30:00+01:00|entered in local time by mistake" \
    "$(sql "SELECT json_extract(payload, '\$.old'), json_extract(payload, \
'\$.new'), json_extract(payload, '\$.reason') FROM journal WHERE action = \
'milestone.correct'")" "old, new and reason journaled"
expect_refused 65 as tmhsim milestone IR-2 impact_determined --at 2026-11-22T09:30Z \
    --correct --reason "again"
expect_exit 0 as tmhsim review IR-2
assert_contains "$OUT" "Milestones corrected after they were recorded" "review lists it"
assert_contains "$OUT" "entered in local time by mistake" "with its reason"
expect_exit 0 as tmhsim export IR-2 --format json
assert_eq "impact_determined" "$(out_json '$.corrections[0].milestone')" "export lists it"

expect_exit 0 as tmhadmin verify
tl_done
