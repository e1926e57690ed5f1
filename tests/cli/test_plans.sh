#!/bin/bash
# test_plans.sh: response plans and tasks from the command line. The
# shipped plans are listed; a plan applied to a running incident adds its
# tasks, clocks and recipients once (applying again adds and journals
# nothing); a task due on the GDPR clock moves when the aware milestone is
# recorded earlier or corrected (milestone --correct), and with a hold on
# a clock that accepts one; new --plan; closing refused while a required
# task is open, the refusal listing them; tasks are
# done, skipped (with a reason), assigned, each change journaled; bad
# input changes nothing; a user plan with an error is reported as
# file:line and not offered, while a good user plan replaces the shipped
# one of its type.
. "$TESTLIB"

expect_exit 0 v init
ME=$(id -un)

# ---- the plans on offer ------------------------------------------------
expect_exit 0 v plan list
for p in ransomware personal-data-exposure credential-compromise \
    phishing-takeover insider-data-theft exploited-vulnerability-cra; do
	assert_match "$OUT" "^$p +[0-9]+ " "plan list offers $p"
done
assert_not_contains "$OUT" "error:" "the shipped plans have no error"
expect_exit 0 v plan show ransomware
assert_contains "$OUT" "clocks     gdpr-33 nis2-early nis2-notify" \
    "show lists the clocks"
assert_match "$OUT" "dpa-draft +diagnose +comms +yes +gdpr-33 - 12h" \
    "show lists a task due on a clock"
expect_exit 65 v plan show no-such-plan
assert_contains "$ERR" "no plan 'no-such-plan'" "an unknown type is named"

# ---- applying to a running incident ------------------------------------
expect_exit 0 v new "Files encrypted on fs-3" --severity 1
expect_exit 0 v stage IR-1 assess
expect_exit 0 v plan IR-1 apply ransomware
assert_contains "$OUT" "12 tasks, 3 clocks, 3 recipients added" \
    "the first application adds everything"
assert_eq 12 "$(sql "SELECT count(*) FROM task WHERE incident_id = 1")" \
    "twelve task rows"
assert_eq "gdpr-33 nis2-early nis2-notify" "$(sql "SELECT group_concat(rule, \
' ') FROM (SELECT rule FROM incident_clock WHERE incident_id = 1 AND enabled \
ORDER BY rule)")" "the plan's clocks are enabled"
assert_eq 3 "$(sql "SELECT count(*) FROM recipient WHERE incident_id = 1")" \
    "the plan's recipients are proposed"
assert_eq "plan.apply|ransomware|12" "$(sql "SELECT action, \
json_extract(payload, '\$.plan'), json_array_length(payload, '\$.tasks') FROM \
journal ORDER BY seq DESC LIMIT 1")" "one journal entry says what was added"
before=$(db_all)
expect_exit 0 v plan IR-1 apply ransomware
assert_contains "$OUT" "already applied; nothing to add" "twice: nothing"
assert_eq "$before" "$(db_all)" "applying twice writes nothing at all"
# a task removed from the running incident's plan stays; a second plan adds
# its own tasks beside the first one's
expect_exit 0 v plan IR-1 apply personal-data-exposure
assert_contains "$OUT" "9 tasks, 0 clocks, 1 recipient added" \
    "a second plan adds only what is missing (gdpr-33 and the authority are \
there already)"
expect_exit 0 v task list IR-1 --json
assert_eq 21 "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile(\
'$OUTF') AS TEXT))")" "task list --json has the 21 tasks"

# ---- a task due on the GDPR clock moves with the clock -----------------
# T10 of ransomware: "Draft the notice to the supervisory authority",
# due gdpr-33 - 12h; pending until aware is recorded.
tid=$(sql "SELECT 'T' || num FROM task WHERE plan = 'ransomware' AND \
plan_key = 'dpa-draft'")
due_of()
{
	v task list IR-1 --json >"$TL_TMP/t.json"
	sqlite3 :memory: "SELECT coalesce(json_extract(value, '\$.due'), '') || \
'|' || json_extract(value, '\$.due_state') FROM json_each(CAST(readfile(\
'$TL_TMP/t.json') AS TEXT)) WHERE json_extract(value, '\$.id') = '$1'"
}
assert_eq "|pending" "$(due_of "$tid")" "pending before aware"
aware=$(date -u -d '-2 hours' +%Y-%m-%dT%H:%M:00Z)
expect_exit 0 v milestone IR-1 aware --at "$aware"
want=$(date -u -d "$aware + 60 hours" +%Y-%m-%dT%H:%M:%SZ)
assert_eq "$want|ok" "$(due_of "$tid")" "due 12 h before the GDPR deadline"
# aware is corrected: recorded again, 10 hours earlier (the first
# recording is what the clock counts)
earlier=$(date -u -d "$aware - 10 hours" +%Y-%m-%dT%H:%M:00Z)
expect_exit 0 v milestone IR-1 aware --at "$earlier" --note "correction"
want=$(date -u -d "$earlier + 60 hours" +%Y-%m-%dT%H:%M:%SZ)
assert_eq "$want|ok" "$(due_of "$tid")" "the task moved with the clock"
assert_eq "gdpr-33 - 12h" "$(sql "SELECT due FROM task WHERE plan = \
'ransomware' AND plan_key = 'dpa-draft'")" "the spec is stored, not a time"
# a hold on a clock that accepts one (SEC 8-K, the Attorney General's
# delay) pushes a task due on that clock by the length of the hold
expect_exit 0 v clocks IR-1 --enable sec-8k
expect_exit 0 v milestone IR-1 materiality_determined --at "$aware"
expect_exit 0 v task add IR-1 "File the 8-K" --role comms --due "sec-8k - 1d"
sec=$OUT
before_hold=$(due_of "$sec")
hold_from=$(date -u -d "$aware + 1 hour" +%Y-%m-%dT%H:%M:00Z)
expect_exit 0 v clocks IR-1 --hold sec-8k --basis ag-delay \
    --from "$hold_from"
after_hold=$(due_of "$sec")
assert_eq 1 "$(sqlite3 :memory: "SELECT unixepoch('${after_hold%%|*}') > \
unixepoch('${before_hold%%|*}')")" "the hold moved the task's due time \
(${before_hold%%|*} -> ${after_hold%%|*})"
expect_exit 0 v task list IR-1
assert_match "$OUT" "$tid +open +OK +T-[0-9]+:[0-9]{2}:[0-9]{2} " \
    "the table shows the clock-style state"

# ---- done, skip, assign -------------------------------------------------
expect_exit 0 v task done IR-1 T1 --note "isolated VLAN 40"
assert_eq "done|$ME|isolated VLAN 40" "$(sql "SELECT state, closed_by, note \
FROM task WHERE incident_id = 1 AND num = 1")" "T1 done"
assert_eq "task.done|T1" "$(sql "SELECT action, json_extract(payload, \
'\$.task') FROM journal ORDER BY seq DESC LIMIT 1")" "journaled"
expect_refused 65 v task done IR-1 T1
assert_contains "$ERR" "IR-1 T1 is already done" "done twice is refused"
expect_refused 64 v task skip IR-1 T7
assert_contains "$ERR" "needs --reason" "a skip needs a reason"
expect_exit 0 v task skip IR-1 T7 --reason "the variant is known: no decryptor"
assert_eq "skipped|the variant is known: no decryptor" "$(sql "SELECT state, \
note FROM task WHERE incident_id = 1 AND num = 7")" "T7 skipped with reason"
expect_exit 0 v roster add pl_nobody --roles comms --name "No Body"
expect_exit 0 v task assign IR-1 T9 pl_nobody
assert_eq "pl_nobody" "$(sql "SELECT owner FROM task WHERE incident_id = 1 \
AND num = 9")" "assigned"
expect_refused 65 v task assign IR-1 T1 pl_nobody
assert_contains "$ERR" "T1 is done" "a closed task is not reassigned"
expect_refused 65 v task assign IR-1 T2 pl_nobody
assert_contains "$ERR" "not qualified for the sim role" \
    "the owner must be qualified for the task's role"
expect_refused 65 v task assign IR-1 T9 pl_stranger
assert_contains "$ERR" "not on the roster" "unknown login refused"
expect_exit 0 v task assign IR-1 T9 -
assert_eq "" "$(sql "SELECT owner FROM task WHERE incident_id = 1 AND \
num = 9")" "given back to the role"
expect_exit 0 v task add IR-1 "Call the insurer" --role eim \
    --due "declared + 24h" --required
assert_eq "T23" "$OUT" "add prints the new id"
assert_eq "eim|1|declared + 1d|assess|" "$(sql "SELECT role, required, due, \
stage, coalesce(plan, '') FROM task WHERE incident_id = 1 AND num = 23")" \
    "the added task"
expect_refused 64 v task add IR-1 "x" --due "gdpr-33 - 12 parsecs"
assert_contains "$ERR" "--due:" "a bad due spec is refused"
expect_refused 65 v task add IR-1 "x" --due "gdpr-99 - 12h"
assert_contains "$ERR" "no clock 'gdpr-99'" "an unknown clock is refused"
expect_refused 65 v task done IR-1 T99
assert_contains "$ERR" "IR-1 has no task T99" "an unknown task"
expect_refused 64 v task done IR-1 R3
expect_refused 64 v task list IR-1 --note x

# ---- a new incident with a plan; closing waits for required tasks -------
expect_exit 0 v new "Okta admin token misuse" --severity 2 \
    --plan credential-compromise
assert_eq "IR-2" "$OUT" "new --plan prints the key"
assert_eq 8 "$(sql "SELECT count(*) FROM task WHERE incident_id = 2")" \
    "the plan's tasks exist from the start"
assert_eq "incident.new|credential-compromise|8" "$(sql "SELECT action, \
json_extract(payload, '\$.plan'), json_array_length(payload, '\$.tasks') \
FROM journal WHERE incident_id = 2")" "one entry: the incident with its plan"
before=$(db_all)
expect_exit 0 v plan IR-2 apply credential-compromise
assert_contains "$OUT" "nothing to add" "applying it again adds nothing"
assert_eq "$before" "$(db_all)" "nor writes anything"
expect_refused 65 v new "Bad plan" --plan no-such-plan
assert_eq 2 "$(sql "SELECT count(*) FROM incident")" "no incident made"
expect_refused 65 v close IR-2 --resolution confirmed
assert_contains "$ERR" "IR-2 cannot be closed: required tasks are open" \
    "closing is refused"
assert_contains "$ERR" "T1 Revoke the sessions, tokens and keys" \
    "the refusal lists the open required tasks"
assert_not_contains "$ERR" "T6 " "an optional task does not block"
for t in $(sql "SELECT 'T' || num FROM task WHERE incident_id = 2 AND \
required AND num != 5"); do
	expect_exit 0 v task done IR-2 "$t"
done
expect_refused 65 v close IR-2 --resolution confirmed
assert_contains "$ERR" "T5 Hunt for the same indicators" "one left"
expect_exit 0 v task skip IR-2 T5 --reason "single account, no shared secrets"
expect_exit 0 v close IR-2 --resolution confirmed
assert_eq closed "$(sql "SELECT status FROM incident WHERE id = 2")" \
    "closed once every required task is done or skipped"
expect_refused 65 v task done IR-2 T6
assert_contains "$ERR" "closed" "a closed incident's tasks are read-only"

# ---- hostile text in a task never reaches the terminal raw --------------
evil=$(printf 'Wipe \033[2J\033]0;pwned\007 logs \342\200\256reversed')
expect_exit 0 v task add IR-1 "$evil" --role sim
expect_exit 0 v task list IR-1
assert_not_contains "$OUT" "$(printf '\033')" "no ESC reaches the terminal"
assert_not_contains "$OUT" "$(printf '\342\200\256')" "no bidi override"
assert_contains "$OUT" "Wipe " "the task is listed"
assert_eq "$evil" "$(sql "SELECT title FROM task WHERE incident_id = 1 \
ORDER BY num DESC LIMIT 1")" "stored unchanged"
expect_exit 0 v export IR-1 --format md
assert_not_contains "$OUT" "$(printf '\033')" "nor the export"

# ---- user plans: an error is file:line and not offered -----------------
mkdir -p "$XDG_CONFIG_HOME/vigil/plans"
cat >"$XDG_CONFIG_HOME/vigil/plans/ransomware.plan" <<'EOF'
type  = ransomware
title = Our ransomware plan
clocks = gdpr-33, gdpr-999

[task call]
title = Call the CEO
stage = assess
role  = ceo
EOF
cat >"$XDG_CONFIG_HOME/vigil/plans/ddos.plan" <<'EOF'
type  = ddos
title = Denial of service
clocks = customer

[task scrub]
title = Turn on the scrubbing service
stage = stabilize
role  = service
required = yes
due = created + 30m
EOF
expect_exit 0 v plan list
assert_contains "$OUT" "error: $XDG_CONFIG_HOME/vigil/plans/ransomware.plan:8: \
unknown role 'ceo'" "the user plan's error names file and line"
assert_match "$OUT" "^ransomware +12 +Ransomware and data extortion" \
    "the broken user plan is not offered; the shipped one stays"
assert_match "$OUT" "^ddos +1 +Denial of service" "a good user plan is offered"
sed -i 's/role  = ceo/role  = eim/' "$XDG_CONFIG_HOME/vigil/plans/ransomware.plan"
expect_exit 0 v plan list
assert_contains "$OUT" "ransomware.plan:3: unknown clock 'gdpr-999'" \
    "an unknown clock in a user plan is named with its line"
sed -i 's/, gdpr-999//' "$XDG_CONFIG_HOME/vigil/plans/ransomware.plan"
expect_exit 0 v plan list
assert_not_contains "$OUT" "error:" "fixed"
assert_match "$OUT" "^ransomware +1 +Our ransomware plan" \
    "the fixed user plan replaces the shipped one"
expect_exit 0 v new "Flood on the API" --severity 2
expect_exit 0 v plan IR-3 apply ddos
assert_contains "$OUT" "1 task, 0 clocks, 0 recipients added" "user plan applied"
expect_refused 65 v plan IR-3 apply no-such-plan
assert_contains "$ERR" "no plan 'no-such-plan'" "unknown plan refused"
expect_refused 66 v plan IR-9 apply ddos

# ---- a corrected milestone moves the task with the clock ----------------
# (milestone --correct replaces the recorded time of aware)
expect_exit 0 v new "Export sent to the wrong customer" --severity 2 \
    --plan personal-data-exposure
k=$OUT
tid=$(sql "SELECT 'T' || num FROM task WHERE incident_id = ${k#IR-} AND \
plan_key = 'dpa-draft'")
due_in()
{
	v task list "$k" --json >"$TL_TMP/t.json"
	sqlite3 :memory: "SELECT json_extract(value, '\$.due') FROM \
json_each(CAST(readfile('$TL_TMP/t.json') AS TEXT)) WHERE \
json_extract(value, '\$.id') = '$1'"
}
aware=$(date -u -d '-1 hours' +%Y-%m-%dT%H:%M:00Z)
expect_exit 0 v milestone "$k" aware --at "$aware"
assert_eq "$(date -u -d "$aware + 60 hours" +%Y-%m-%dT%H:%M:%SZ)" \
    "$(due_in "$tid")" "due 12 h before the GDPR deadline"
fixed=$(date -u -d "$aware - 8 hours" +%Y-%m-%dT%H:%M:00Z)
expect_exit 0 v milestone "$k" aware --at "$fixed" --correct \
    --reason "the DPO knew at the morning call"
assert_eq "$(date -u -d "$fixed + 60 hours" +%Y-%m-%dT%H:%M:%SZ)" \
    "$(due_in "$tid")" "the correction moved the task with the GDPR clock"

tl_done
