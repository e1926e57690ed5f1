#!/bin/bash
# test_clocks.sh: the regulators' clocks from the command line:
# `vigil rules`, `vigil clocks` with --enable/--disable/--sent/--hold/
# --release, the clocks array of `show --json`, the queue ordered by each
# incident's most urgent clock, the configured default set, and rule files
# of the user replacing shipped ones. Times are set relative to now so the
# states are known.
. "$TESTLIB"

NOW0=$(date +%s)
ago() { date -u -d "@$((NOW0 - $1))" +%Y-%m-%dT%H:%M:%SZ; }
H=3600

# ---- rules ----------------------------------------------------------
expect_exit 0 "$VIGIL" rules
for id in customer gdpr-33 uk-gdpr-33 nis2-early nis2-notify nis2-final \
    dora-initial dora-intermediate dora-final sec-8k hipaa-individuals \
    nydfs nydfs-extortion cert-in sg-pdpa br-anpd au-ndb-assess circia; do
	assert_match "$OUT" "^$id " "rules lists $id"
done
assert_match "$OUT" '^calendar us-federal: 2025-2028' "US calendar"
# every part of a rule that moves a deadline is shown
assert_match "$OUT" '^dora-final .* last sent:dora-intermediate' "last modifier"
assert_match "$OUT" '^hipaa-hhs-small .* year-end discovered' "year-end modifier"
assert_contains "$OUT" "backstop aware + 24h" "the DORA backstop"
assert_contains "$OUT" "calendar us-federal, cutoff 17:30, holds ag-delay \
extend 30d, fcc-cpni after 7bd" "the SEC calendar, cutoff and holds"
assert_contains "$OUT" "holds law-enforcement pause" "a pause"
assert_contains "$OUT" "applies from 2026-09-11" "applies_from"
assert_contains "$OUT" "tz Europe/Brussels (or the incident's member state)" \
    "a member-state rule"
assert_match "$OUT" '^circia-ransom +proposed ' "status proposed"
assert_not_contains "$OUT" "error:" "shipped rules load cleanly"
expect_exit 0 "$VIGIL" rules --json
assert_eq 1 "$(json_valid "$OUTF")" "rules --json is JSON"
assert_eq "America/New_York|4bd|17:30" "$(sqlite3 :memory: "SELECT \
json_extract(value, '\$.tz') || '|' || json_extract(value, '\$.due') || '|' \
|| ifnull(json_extract(value, '\$.cutoff'), '17:30') FROM \
json_each(json_extract(CAST(readfile('$OUTF') AS TEXT), '\$.rules')) WHERE \
json_extract(value, '\$.id') = 'sec-8k'")" "sec-8k as data"
alen() { sqlite3 :memory: "SELECT json_array_length(CAST(readfile('$OUTF') \
AS TEXT), '$1')"; }
assert_eq 0 "$(alen '$.errors')" "no errors"
assert_eq "ag-delay extend 30d" "$(sqlite3 :memory: "SELECT \
json_extract(value, '\$.holds[0]') FROM json_each(json_extract(CAST(\
readfile('$OUTF') AS TEXT), '\$.rules')) WHERE json_extract(value, '\$.id') \
= 'sec-8k'")" "rules --json: holds with their kind"

# ---- an incident with several clocks --------------------------------
expect_exit 0 v init
expect_exit 0 v new "Customer records exposed" --severity 2
K=$OUT
expect_exit 0 v assign "$K" eim "$(id -un)"
expect_exit 0 v clocks "$K" --json
assert_eq "customer" "$(out_json '$[0].id')" "the customer clock is first"
assert_eq "pending" "$(out_json '$[0].state')" "customer clock waits"
assert_eq 1 "$(alen '$')" "only the customer clock"

expect_refused 65 v clocks "$K" --enable gdpr-33,no-such-rule
assert_contains "$ERR" "no-such-rule" "the unknown rule is named"
expect_refused 65 v clocks "$K" --disable customer
expect_refused 64 v clocks "$K" --enable gdpr-33 --sent gdpr-33
expect_exit 0 v clocks "$K" --enable gdpr-33,nis2-early,nis2-notify,nis2-final,sec-8k
assert_eq "clocks.enable" "$(sql "SELECT action FROM journal ORDER BY seq \
DESC LIMIT 1")" "enabling is journaled"

expect_exit 0 v milestone "$K" aware --at "$(ago $H)"
expect_exit 0 v clocks "$K" --json
st() { sqlite3 :memory: "SELECT json_extract(value, '\$.$2') FROM \
json_each(CAST(readfile('$OUTF') AS TEXT)) WHERE json_extract(value, \
'\$.id') = '$1'"; }
assert_eq ok "$(st nis2-early state)" "nis2-early runs from aware"
assert_eq "$(ago $((-23 * H)))" "$(st nis2-early due_at)" "aware + 24h"
assert_eq "$(ago $((-71 * H)))" "$(st gdpr-33 due_at)" "aware + 72h"
assert_match "$(st gdpr-33 due_local)" '\+01:00$|\+02:00$' \
    "due_local in the rule's zone (Brussels)"
assert_eq pending "$(st nis2-final state)" "nis2-final waits for the 72h report"
assert_eq pending "$(st sec-8k state)" "sec-8k waits for materiality"
for f in id name state start_milestone started_at due_at due_local \
    remaining_s sent_at message; do
	assert_match "$(sqlite3 :memory: "SELECT json_type(value, '\$.$f') \
FROM json_each(CAST(readfile('$OUTF') AS TEXT)) LIMIT 1 OFFSET 1")" '.' \
	    "clocks --json has $f"
done

# sent: the notification meets its clock and starts the final report
expect_exit 0 v clocks "$K" --sent nis2-notify --at "$(ago 60)"
expect_exit 0 v clocks "$K" --json
assert_eq met "$(st nis2-notify state)" "nis2-notify met"
assert_eq "$(ago 60)" "$(st nis2-notify sent_at)" "sent_at recorded"
assert_eq ok "$(st nis2-final state)" "nis2-final started by the sent time"
assert_eq "sent:nis2-notify" "$(st nis2-final start_milestone)" "chained"
expect_refused 65 v clocks "$K" --sent dora-initial
assert_contains "$ERR" "not enabled" "sent of a clock that is not enabled"

# holds: only on a basis the rule accepts
expect_exit 0 v milestone "$K" materiality_determined --at "$(ago $((2 * H)))"
expect_refused 65 v clocks "$K" --hold gdpr-33 --basis "law-enforcement"
assert_contains "$ERR" "cannot be held" "GDPR clocks never pause"
expect_refused 65 v clocks "$K" --hold sec-8k --basis "we are busy"
assert_contains "$ERR" "ag-delay" "the accepted bases are named"
expect_exit 0 v clocks "$K" --hold sec-8k --basis "ag-delay: AG letter of today"
expect_exit 0 v clocks "$K" --json
# Item 1.05(c): the delay runs up to 30 days after the original due date;
# asking for it does not stop the clock
assert_match "$(st sec-8k state)" '^(ok|warn)$' "the AG delay does not hold"
assert_match "$(st sec-8k original_due_at)" 'Z$' "the original due time is shown"
# 30 days of 24 h, or an hour less or more across a DST change
assert_match "$(st sec-8k extended_s)" '^(2592000|2588400|2595600)$' \
    "extended by 30 days"
assert_eq 17:30 "$(TZ=America/New_York date -d "$(st sec-8k due_at)" \
    +%H:%M)" "the delayed due is on the 17:30 cutoff"
expect_exit 0 v clocks "$K"
assert_match "$OUT" 'sec-8k +OK' "text view: still running"
assert_contains "$OUT" "delayed by a hold; originally due" \
    "text view shows the original due"
expect_exit 0 v clocks "$K" --release sec-8k
expect_refused 65 v clocks "$K" --release sec-8k
expect_exit 0 v clocks "$K" --json
assert_match "$(st sec-8k state)" '^(ok|warn|critical|overdue)$' \
    "released: running again"
assert_eq "clock.release" "$(sql "SELECT action FROM journal ORDER BY seq \
DESC LIMIT 1")" "release is journaled"

# show --json: the same array; deadline is the customer clock
expect_exit 0 v declare "$K" --reason "records accessed" --at "$(ago $((10 * H)))"
expect_exit 0 v show "$K" --json
assert_eq "customer" "$(out_json '$.clocks[0].id')" "show has the clocks"
assert_eq "$(out_json '$.clocks[0].due_at')" "$(out_json '$.deadline.due_at')" \
    "deadline is the customer clock"
assert_eq ok "$(out_json '$.deadline.state')" "62h of 72 left: ok"
expect_exit 0 v clocks "$K" --disable gdpr-33
expect_exit 0 v clocks "$K" --json
assert_eq "" "$(st gdpr-33 state)" "a disabled clock is not shown"

# ---- the queue: the most urgent clock first --------------------------
expect_exit 0 v new "Slow burn" --severity 1
K2=$OUT
expect_exit 0 v assign "$K2" eim "$(id -un)"
expect_exit 0 v declare "$K2" --reason r --at "$(ago $H)"   # 71h left
expect_exit 0 v new "Fast clock" --severity 3
K3=$OUT
expect_exit 0 v clocks "$K3" --enable nis2-early
expect_exit 0 v milestone "$K3" aware --at "$(ago $((20 * H)))"  # 4h left
expect_exit 0 v list --json
assert_eq "$K3" "$(out_json '$[0].key')" "a 24h clock with 4h left comes first"
expect_exit 0 v list
assert_match "$(printf '%s\n' "$OUT" | sed -n 2p)" "^$K3 .*nis2-early" \
    "the deadline column names the urgent rule"

# ---- configured defaults and user rule files -------------------------
mkdir -p "$XDG_CONFIG_HOME/vigil/rules"
printf 'clocks = customer,gdpr-33,circia\n' >"$XDG_CONFIG_HOME/vigil/config"
expect_exit 0 v new "Defaults"
K4=$OUT
expect_exit 0 v clocks "$K4" --json
assert_eq pending "$(st gdpr-33 state)" "config default enabled"
assert_eq "" "$(st circia state)" "a proposed rule is never on by default"
cat >"$XDG_CONFIG_HOME/vigil/rules/customer.rules" <<'RULES'
[customer]
name     = Customer notification (our 48-hour contract)
start    = declared
due      = 48h
status   = contractual
RULES
expect_exit 0 v show "$K2" --json
assert_eq "$(ago $((-47 * H)))" "$(out_json '$.deadline.due_at')" \
    "a user rule file replaces the shipped one"
printf '[broken]\nstart = aware\ndue = 3 fortnights\n' \
    >"$XDG_CONFIG_HOME/vigil/rules/broken.rules"
expect_refused 65 v rules
assert_match "$OUT" 'error: .*broken\.rules:3' "errors name file and line"
assert_match "$OUT" '^customer ' "other rules still load"
rm -f "$XDG_CONFIG_HOME/vigil/rules/broken.rules"

# ---- declaration history: a retraction stops the clock, never resets it --
rm -f "$XDG_CONFIG_HOME/vigil/rules/customer.rules"
expect_exit 0 v new "Declared twice"
K5=$OUT
expect_exit 0 v assign "$K5" eim "$(id -un)"
expect_exit 0 v declare "$K5" --reason first --at "$(ago $((50 * H)))"
assert_contains "$OUT" "notified by $(ago $((-22 * H)))" "due 72h after"
expect_exit 0 v retract "$K5" --reason "not customer data after all"
expect_exit 0 v show "$K5" --json
assert_eq retracted "$(out_json '$.clocks[0].state')" \
    "a retracted clock says so"
assert_eq retracted "$(out_json '$.deadline.state')" "and so does the deadline"
assert_contains "$(out_json '$.clocks[0].message')" "resumes this clock" \
    "it says what a new declaration does"
expect_exit 0 v list
assert_match "$(printf '%s\n' "$OUT" | grep "^$K5 ")" "RETRACTED" \
    "list: RETRACTED"
# declaring again resumes the first clock: the same due, not 72h from now
expect_exit 0 v declare "$K5" --reason "it was"
assert_contains "$OUT" "notified by $(ago $((-22 * H)))" \
    "re-declaring keeps the original due"
expect_exit 0 v show "$K5" --json
assert_eq "$(ago $((-22 * H)))" "$(out_json '$.deadline.due_at')" \
    "the original due"
assert_eq "$(ago $((50 * H)))" "$(out_json '$.clocks[0].started_at')" \
    "the clock runs from the first declaration"
assert_eq "$(ago $((-22 * H)))" "$(sql "SELECT json_extract(payload, \
'\$.due') FROM journal ORDER BY seq DESC LIMIT 1")" \
    "the journal entry has the resumed due"
# a notification answers the clock it came in
expect_exit 0 v clocks "$K5" --sent customer --at "$(ago 60)"
expect_exit 0 v show "$K5" --json
assert_eq met "$(out_json '$.deadline.state')" "notified: met"
# a new breach with a clock of its own: stated, with a reason, journaled
expect_exit 0 v retract "$K5" --reason "contained; a second breach follows"
expect_exit 0 v declare "$K5" --reason "a second exfiltration, new data" \
    --new-clock
N2=$(date -u -d "$(sql "SELECT json_extract(payload, '\$.due') FROM journal \
ORDER BY seq DESC LIMIT 1")" +%s)
assert_match "$((N2 - NOW0))" '^2592[0-9][0-9]$' \
    "a clock of its own: 72 hours from now"
assert_eq 1 "$(sql "SELECT json_extract(payload, '\$.new_clock') FROM \
journal ORDER BY seq DESC LIMIT 1")" "--new-clock is journaled"
expect_exit 0 v show "$K5" --json
assert_eq ok "$(out_json '$.deadline.state')" \
    "the old notification does not answer the new clock"
assert_eq "$(date -u -d "@$N2" +%Y-%m-%dT%H:%M:%SZ)" \
    "$(out_json '$.deadline.due_at')" "due 72h after the new declaration"
expect_exit 0 v export "$K5" --format md
assert_contains "$OUT" "| declared | $(id -un) | first | started an earlier \
clock |" "export: the first declaration started the first clock"
assert_contains "$OUT" "| it was | resumed |" "export: the resumed one"
assert_contains "$OUT" "| retracted |" "export: the retractions"
assert_contains "$OUT" "| a second exfiltration, new data | new clock, runs \
from here |" "export: which declaration started the clock in force"
expect_exit 0 v export "$K5" --format json
assert_eq "$(date -u -d "@$((N2 - 72 * H))" +%Y-%m-%dT%H:%M:%SZ)" \
    "$(out_json '$.deadline.clock_started_at')" \
    "export JSON: when the clock in force started"
assert_eq 5 "$(alen '$.deadline.declarations')" \
    "export JSON: three declarations, two retractions"
# --new-clock needs an earlier declaration
expect_exit 0 v new "Never declared"
K6=$OUT
expect_exit 0 v assign "$K6" eim "$(id -un)"
expect_refused 65 v declare "$K6" --reason r --new-clock
assert_contains "$ERR" "never declared" "--new-clock alone is refused"

# ---- a proposed rule is shown as such and never outranks the law ------
expect_exit 0 v new "Proposed only" --severity 4
K7=$OUT
expect_exit 0 v clocks "$K7" --enable circia-ransom
expect_exit 0 v milestone "$K7" ransom_paid --at "$(ago $((23 * H)))"  # 1h left
expect_exit 0 v new "In force, later" --severity 4
K8=$OUT
expect_exit 0 v clocks "$K8" --enable nydfs
expect_exit 0 v milestone "$K8" incident_confirmed --at "$(ago $H)"  # 71h left
expect_exit 0 v list --json
pos() { sqlite3 :memory: "SELECT key FROM json_each(CAST(readfile('$OUTF') \
AS TEXT)) WHERE json_extract(value, '\$.key') = '$1'"; }
p7=$(pos "$K7"); p8=$(pos "$K8")
if [ -n "$p7" ] && [ -n "$p8" ] && [ "$p8" -lt "$p7" ]; then ok; else
	not_ok "a proposed clock with 1h left outranks an in-force one ($p7 < $p8)"
fi
expect_exit 0 v list
assert_match "$(printf '%s\n' "$OUT" | grep "^$K8 ")" "nydfs" \
    "the in-force clock in the deadline column"
assert_match "$(printf '%s\n' "$OUT" | grep "^$K7 ")" \
    "circia-ransom \\(proposed\\)" "a proposed clock is shown, marked"
expect_exit 0 v clocks "$K7" --json
assert_eq 1 "$(st circia-ransom proposed)" "JSON: proposed"
assert_eq proposed "$(st circia-ransom status)" "JSON: its status"
expect_exit 0 v clocks "$K7"
assert_match "$OUT" "circia-ransom .*\[proposed, not law\]" "text: marked"
expect_exit 0 v show "$K7" --json
assert_eq 1 "$(out_json '$.clocks[1].proposed')" "show --json: proposed"
expect_exit 0 v clocks "$K8" --json
assert_eq 0 "$(st nydfs proposed)" "an in-force rule is not"

# ---- show --json: every time of a repeated milestone, and which is used --
expect_exit 0 v clocks "$K8" --enable gdpr-33
expect_exit 0 v milestone "$K8" aware --at "$(ago $((3 * H)))"
expect_exit 0 v milestone "$K8" aware --at "$(ago $((2 * H)))"
expect_exit 0 v show "$K8" --json
assert_eq "$(ago $((3 * H)))" "$(out_json '$.milestones.aware')" \
    "milestones: the first time, the one clocks run from"
assert_eq "[\"$(ago $((3 * H)))\",\"$(ago $((2 * H)))\"]" \
    "$(out_json '$.milestone_times.aware')" "milestone_times: every time"
gi=$(sqlite3 :memory: "SELECT key FROM json_each(CAST(readfile('$OUTF') AS \
TEXT), '\$.clocks') WHERE json_extract(value, '\$.id') = 'gdpr-33'")
assert_eq first "$(out_json "\$.clocks[$gi].start_occurrence")" \
    "the clock says which occurrence it uses"
assert_eq "$(ago $((3 * H)))" "$(out_json "\$.clocks[$gi].started_at")" \
    "and runs from it"

# ---- member-state zone: NIS2 month clocks in the state's own zone -------
expect_exit 0 v new "Finnish entity"
K9=$OUT
expect_exit 0 v clocks "$K9" --enable nis2-notify,nis2-final
expect_exit 0 v milestone "$K9" aware --at "$(ago $H)"
expect_exit 0 v clocks "$K9" --sent nis2-notify --at "$(ago 60)"
expect_exit 0 v clocks "$K9" --json
assert_eq 23:59:59 "$(TZ=Europe/Brussels date -d "$(st nis2-final due_at)" \
    +%H:%M:%S)" "by default: end of day in Brussels"
expect_refused 65 v clocks "$K9" --zone EET
assert_contains "$ERR" "not an IANA zone" "EET is refused"
expect_refused 65 v clocks "$K9" --zone Europe/Atlantis
expect_exit 0 v clocks "$K9" --zone Europe/Helsinki
assert_eq "clocks.zone" "$(sql "SELECT action FROM journal ORDER BY seq \
DESC LIMIT 1")" "setting the zone is journaled"
expect_exit 0 v clocks "$K9" --json
assert_eq 23:59:59 "$(TZ=Europe/Helsinki date -d "$(st nis2-final due_at)" \
    +%H:%M:%S)" "then end of day in Helsinki"
assert_eq Europe/Helsinki "$(st nis2-final tz)" "JSON names the zone used"
assert_eq Europe/Helsinki "$(st nis2-notify tz)" \
    "the hour clocks are shown in the state's zone too"
assert_match "$(st nis2-notify due_local)" '\+0[23]:00$' \
    "due_local at Helsinki's offset"
expect_exit 0 v clocks "$K9"
assert_contains "$OUT" "counted in Europe/Helsinki" "text names the zone"
# the configured default for new incidents
printf 'state_zone = Europe/Bucharest\n' >"$XDG_CONFIG_HOME/vigil/config"
expect_exit 0 v new "Romanian entity"
K10=$OUT
expect_exit 0 v clocks "$K10" --enable nis2-final
expect_exit 0 v clocks "$K10" --json
assert_eq Europe/Bucharest "$(st nis2-final tz)" "state_zone from the config"
printf 'state_zone = EET\n' >"$XDG_CONFIG_HOME/vigil/config"
expect_refused 65 v rules
assert_contains "$OUT" 'state_zone = "EET" is not an IANA zone' \
    "rules names a bad state_zone"
expect_exit 0 v clocks "$K10" --json
assert_eq error "$(st nis2-final state)" "and its clocks are in error"
rm -f "$XDG_CONFIG_HOME/vigil/config"

expect_exit 0 v verify
tl_done
