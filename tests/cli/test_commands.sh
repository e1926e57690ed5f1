#!/bin/bash
# test_commands.sh: every command of the scripting contract (vigil(1)) run
# as a user would, against a fresh database: what each prints (text and
# --json fields), the order of the queue, global options before or after
# the command, `vigil COMMAND --help`, and the exit codes. Every failure
# must print exactly one line "vigil: ..." on stderr and change nothing
# in the database (compared row by row with the sqlite3 shell).
. "$TESTLIB"

ME=$(id -un)
TIME_RE='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'
NOW0=$(date +%s)
ago() { date -u -d "@$((NOW0 - $1))" +%Y-%m-%dT%H:%M:%SZ; }

# ---- help and version, no database needed --------------------------
expect_exit 0 "$VIGIL" --help
for c in init new list show assign release stage note milestone declare \
    retract close roster journal verify; do
	assert_contains "$OUT" "$c" "--help lists $c"
done
assert_contains "$OUT" "--db PATH" "--help shows the global options"
expect_exit 0 "$VIGIL" --version
assert_match "$OUT" '^vigil [0-9]+\.[0-9]+' "--version"
for c in init new list show assign release stage note milestone declare \
    retract close roster journal verify; do
	expect_exit 0 "$VIGIL" "$c" --help
	assert_contains "$OUT" "usage: vigil" "$c --help: usage line"
	assert_contains "$OUT" " $c " "$c --help names the command"
	# help is the same anywhere on the line
	run "$VIGIL" --help "$c"
	assert_eq 0 "$RC" "--help $c"
done
expect_exit 0 "$VIGIL" stage --help
assert_contains "$OUT" "--reason" "stage --help explains --reason"
expect_exit 0 "$VIGIL" declare --help
assert_contains "$OUT" "eim" "declare --help says who may"
[ ! -e "$DB" ] && ok || not_ok "help created a database"

# ---- no database yet ------------------------------------------------
expect_exit 66 v list
assert_contains "$ERR" "$DB" "the missing file is named"
expect_exit 66 v show IR-1
expect_exit 66 v journal
expect_exit 66 v verify
[ ! -e "$DB" ] && ok || not_ok "reading commands created the database"

# ---- init -----------------------------------------------------------
expect_exit 0 v init
assert_contains "$OUT" "$ME" "init names the administrator"
[ -f "$DB" ] && ok || not_ok "init did not create $DB"
assert_eq 1 "$(sql "SELECT count(*) FROM roster WHERE login = '$ME' AND \
admin = 1")" "the creator is an administrator"
before=$(db_all)
expect_exit 0 v init
assert_contains "$OUT" "already exists" "init again"
assert_eq "$before" "$(db_all)" "init twice changes nothing"

# ---- new and show ---------------------------------------------------
expect_exit 0 v new "Suspicious login on bastion" --severity 2 \
    --kind privacy --description "from 203.0.113.9" \
    --detected 2026-11-22T09:50+01:00
assert_eq "IR-1" "$OUT" "new prints the key"
expect_exit 0 v show IR-1 --json
assert_eq 1 "$(json_valid "$OUTF")" "show --json is valid JSON"
assert_eq "IR-1" "$(out_json '$.key')" "key"
assert_match "$(out_json '$.uuid')" '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$' "uuid"
assert_eq "Suspicious login on bastion" "$(out_json '$.title')" "title"
assert_eq integer "$(out_type '$.severity')" "severity is a number"
assert_eq 2 "$(out_json '$.severity')" "severity"
assert_eq privacy "$(out_json '$.kind')" "kind"
assert_eq detect "$(out_json '$.stage')" "stage"
assert_eq open "$(out_json '$.status')" "status"
assert_eq null "$(out_type '$.resolution')" "resolution"
assert_match "$(out_json '$.created_at')" "$TIME_RE" "created_at"
assert_eq null "$(out_type '$.declared_at')" "declared_at"
assert_eq null "$(out_type '$.declared_by')" "declared_by"
assert_eq object "$(out_type '$.roles')" "roles"
# the creator is qualified for triage (the administrator): it holds triage
assert_eq "$ME" "$(out_json '$.roles.triage')" "the creator holds triage"
for r in sim forensics service eim comms support; do
	assert_eq null "$(out_type "\$.roles.$r")" "roles.$r"
done
assert_eq 7 "$(sqlite3 :memory: "SELECT count(*) FROM json_each(CAST(\
readfile('$OUTF') AS TEXT), '\$.roles')")" "roles has the seven keys"
assert_eq object "$(out_type '$.milestones')" "milestones"
assert_eq 2026-11-22T08:50:00Z "$(out_json '$.milestones.detected')" \
    "the detected time, in UTC"
assert_eq object "$(out_type '$.deadline')" "deadline"
assert_eq null "$(out_type '$.deadline.due_at')" "deadline.due_at"
assert_eq null "$(out_type '$.deadline.remaining_s')" "deadline.remaining_s"
assert_eq none "$(out_json '$.deadline.state')" "deadline.state"
expect_exit 0 v show IR-1
assert_contains "$OUT" "IR-1" "show text"
assert_contains "$OUT" "Suspicious login on bastion" "show text: title"
assert_contains "$OUT" "SEV2" "show text: severity"
assert_contains "$OUT" "detected" "show text: milestone"
# keys are forgiving in case and prefix
expect_exit 0 v show ir-1 --json
assert_eq IR-1 "$(out_json '$.key')" "ir-1"
expect_exit 0 v show 1 --json
assert_eq IR-1 "$(out_json '$.key')" "plain number"
# defaults: severity 3, security
expect_exit 0 v new "Phishing wave"
assert_eq IR-2 "$OUT" "second key"
expect_exit 0 v show IR-2 --json
assert_eq 3 "$(out_json '$.severity')" "default severity"
assert_eq security "$(out_json '$.kind')" "default kind"
assert_eq '{}' "$(out_json '$.milestones')" "no milestones yet"

# ---- global options before or after the command --------------------
expect_exit 0 "$VIGIL" list --db "$DB" --json
assert_eq 2 "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile(\
'$OUTF') AS TEXT))")" "--db after the command"
expect_exit 0 "$VIGIL" list --json --db="$DB"
assert_eq 2 "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile(\
'$OUTF') AS TEXT))")" "--db= after the options"
VIGIL_DB="$DB" expect_exit 0 "$VIGIL" show IR-2 --json
assert_eq "Phishing wave" "$(out_json '$.title')" "\$VIGIL_DB"
expect_exit 0 "$VIGIL" show --db "$DB" --read-only IR-2
expect_refused 77 "$VIGIL" note IR-2 "hello" --db "$DB" --read-only
expect_refused 77 "$VIGIL" --read-only --db "$DB" new "nope"
expect_exit 0 "$VIGIL" --read-only --db "$DB" verify

# ---- roles, stages, notes, milestones -------------------------------
expect_exit 0 v roster add alice --name "Alice Example" \
    --contact "+1 555 0100" --roles sim,triage
assert_eq "added alice: roles triage,sim; name Alice Example; contact +1 555 \
0100" "$OUT" "roster add says what it did"
expect_exit 0 v roster add erin --roles eim
expect_exit 0 v roster add erin --roles eim,comms
assert_eq "updated erin: roles eim,comms; name erin" "$OUT" \
    "roster add of a known login says it updated"
expect_exit 0 v roster add erin --roles eim
expect_exit 0 v roster list --json
assert_eq 1 "$(json_valid "$OUTF")" "roster list --json"
assert_eq "Alice Example" "$(sqlite3 :memory: "SELECT json_extract(value, \
'\$.name') FROM json_each(CAST(readfile('$OUTF') AS TEXT)) WHERE \
json_extract(value, '\$.login') = 'alice'")" "roster: alice"
assert_eq '["triage","sim"]' "$(sqlite3 :memory: "SELECT json_extract(\
value, '\$.roles') FROM json_each(CAST(readfile('$OUTF') AS TEXT)) WHERE \
json_extract(value, '\$.login') = 'alice'")" "roster: alice's roles"
assert_eq 1 "$(sqlite3 :memory: "SELECT json_extract(value, '\$.admin') \
FROM json_each(CAST(readfile('$OUTF') AS TEXT)) WHERE json_extract(value, \
'\$.login') = '$ME'")" "roster: the creator is admin"
expect_exit 0 v roster list
assert_contains "$OUT" "alice" "roster list text"
assert_contains "$OUT" "Alice Example" "roster list text: name"
# the columns line up: ROLES and NAME start at the same place on every row
# (the administrator's seven roles included)
assert_eq 1 "$(echo "$OUT" | awk 'NR == 1 { r = index($0, "ROLES") }
    NR > 1 { if (substr($0, r - 1, 1) != " " || substr($0, r, 1) == " ")
    bad = 1 } END { print bad ? 0 : 1 }')" "roster list: ROLES column aligned"
assert_eq 1 "$(echo "$OUT" | awk 'NR == 1 { c = index($0, "NAME") }
    NR > 1 { if (substr($0, c - 1, 1) != " " || substr($0, c, 1) == " ")
    bad = 1 } END { print bad ? 0 : 1 }')" "roster list: NAME column aligned"

expect_exit 0 v assign IR-1 sim alice --note "yours"
expect_exit 0 v assign IR-1 eim erin
# the creator, qualified for triage, holds it from the start
expect_exit 65 v assign IR-1 triage "$ME"
assert_contains "$ERR" "already holds the triage role" "creator holds triage"
expect_exit 0 v show IR-1 --json
assert_eq alice "$(out_json '$.roles.sim')" "sim holder"
assert_eq erin "$(out_json '$.roles.eim')" "eim holder"
assert_eq "$ME" "$(out_json '$.roles.triage')" "triage holder"
expect_exit 0 v release IR-1 triage --note "handed over"
expect_exit 0 v show IR-1 --json
assert_eq null "$(out_type '$.roles.triage')" "released"
expect_exit 0 v stage IR-1 assess
expect_exit 0 v stage IR-1 stabilize --reason "contained by the WAF"
expect_exit 0 v stage IR-1 diagnose --reason "not contained after all"
expect_exit 0 v show IR-1 --json
assert_eq diagnose "$(out_json '$.stage')" "stage after moves"
expect_exit 0 v note IR-1 "first look: creds reused"
expect_exit 0 v show IR-1
assert_contains "$OUT" "first look: creds reused" "the note is shown"
expect_exit 0 v milestone IR-1 event_started --at 2026-11-22T01:00:00-05:00 \
    --note "first log line"
expect_exit 0 v milestone IR-1 oncall_engaged
expect_exit 0 v milestone IR-1 sent:gdpr-33
expect_exit 0 v show IR-1 --json
assert_eq 2026-11-22T06:00:00Z "$(out_json '$.milestones.event_started')" \
    "milestone --at with an offset, shown in UTC"
assert_match "$(out_json '$.milestones.oncall_engaged')" "$TIME_RE" \
    "milestone now"
assert_match "$(sqlite3 :memory: "SELECT json_extract(CAST(readfile(\
'$OUTF') AS TEXT), '\$.milestones.\"sent:gdpr-33\"')")" "$TIME_RE" \
    "sent:gdpr-33 in milestones"

# ---- refusals: usage (64) -------------------------------------------
expect_refused 64 v
expect_refused 64 v frobnicate
expect_refused 64 v list --bogus
expect_refused 64 v list --limit 0
expect_refused 64 v list --limit many
expect_refused 64 v show
expect_refused 64 v show IR-1 IR-2
expect_refused 64 v new
expect_refused 64 v new "x" --severity 9
expect_refused 64 v new "x" --severity 0
expect_refused 64 v new "x" --kind breach
expect_refused 64 v new "x" --detected yesterday
expect_refused 64 v new "x" --detected 2026-11-22T08:50:00
expect_refused 64 v new "x" --detected 2026-02-30T08:50:00Z
expect_refused 64 v new ""
expect_refused 64 v assign IR-1 ceo alice
expect_refused 64 v assign IR-1 sim
expect_refused 64 v stage IR-1 sideways
expect_refused 64 v stage IR-1 close
expect_refused 64 v note IR-1
expect_refused 64 v note IR-1 ""
expect_refused 64 v milestone IR-1 lunch
expect_refused 64 v milestone IR-1 declared
expect_refused 64 v milestone IR-1 aware --at "last tuesday"
expect_refused 64 v declare IR-1
expect_refused 64 v retract IR-1
expect_refused 64 v close IR-1
expect_refused 64 v close IR-1 --resolution solved
expect_refused 64 v roster add
expect_refused 64 v roster add bob --roles sim,ceo
expect_refused 64 v roster remove alice
expect_refused 64 "$VIGIL" --db
expect_refused 64 "$VIGIL" list --db

# ---- refusals: invalid values and transitions (65) ------------------
expect_refused 65 v show INC-1
expect_refused 65 v stage IR-2 diagnose
assert_contains "$ERR" "reason" "a skip asks for a reason"
expect_refused 65 v stage IR-2 detect
expect_refused 65 v stage IR-1 detect --reason ""
expect_refused 65 v milestone IR-1 oncall_engaged
assert_contains "$ERR" "already" "ladder steps once"
expect_refused 65 v milestone IR-1 response_engaged --at 2026-11-22T07:00:00Z
assert_contains "$ERR" "earlier" "ordering"
expect_refused 65 v milestone IR-1 aware --at 2099-01-01T00:00:00Z
expect_refused 65 v assign IR-1 forensics alice
assert_contains "$ERR" "qualified" "unqualified"
expect_refused 65 v assign IR-1 sim nobody
expect_refused 65 v assign IR-1 sim alice
expect_refused 65 v release IR-1 comms
expect_refused 65 v roster add "$ME" --no-admin

# ---- refusals: no such incident (66) --------------------------------
expect_refused 66 v show IR-99
assert_contains "$ERR" "IR-99" "the missing key is named"
expect_refused 66 v show IR-99 --json
expect_refused 66 v note IR-99 "x"
expect_refused 66 v journal IR-99
expect_refused 66 v stage IR-99 assess

# ---- refusals: not permitted (77), journaled ------------------------
# the administrator holds triage on nothing and is not the eim of IR-1
expect_denied declare "$ME" v declare IR-1 --reason "admin tries"
assert_contains "$ERR" "eim" "the refusal says who may"
expect_exit 0 v journal IR-1
assert_contains "$OUT" "denied" "the denial is in the journal"

# ---- declaring, the deadline and its states --------------------------
declare_as_eim()	# KEY AT: make $ME the eim and declare at AT
{
	v assign "$1" eim "$ME" >/dev/null 2>&1
	expect_exit 0 v declare "$1" --reason "customer data read" --at "$2"
}
expect_exit 0 v new "ok clock" --severity 4			# IR-3
declare_as_eim IR-3 "$(ago 3600)"
assert_contains "$OUT" "declared" "declare says so"
t0=$(date +%s)
expect_exit 0 v show IR-3 --json
t1=$(date +%s)
assert_eq ok "$(out_json '$.deadline.state')" "72h clock: ok"
assert_eq "$ME" "$(out_json '$.declared_by')" "declared_by"
assert_match "$(out_json '$.declared_at')" "$TIME_RE" "declared_at"
decl=$(date -u -d "$(out_json '$.declared_at')" +%s)
due=$(date -u -d "$(out_json '$.deadline.due_at')" +%s)
assert_eq $((decl + 259200)) "$due" "due 72 hours after the declaration"
rem=$(out_json '$.deadline.remaining_s')
# due - now, for a "now" between just before and just after the call
[ "$rem" -le $((due - t0)) ] && [ "$rem" -ge $((due - t1)) ] \
    && ok || not_ok "remaining_s $rem not within [$((due - t1)), $((due - t0))]"
assert_match "$(out_json '$.milestones.declared')" "$TIME_RE" \
    "declared milestone"
expect_exit 0 v new "warn clock" --severity 4			# IR-4
declare_as_eim IR-4 "$(ago $((60 * 3600)))"
expect_exit 0 v new "critical clock" --severity 4		# IR-5
declare_as_eim IR-5 "$(ago $((70 * 3600)))"
expect_exit 0 v new "overdue clock" --severity 4		# IR-6
declare_as_eim IR-6 "$(ago $((80 * 3600)))"
for k in 4:warn 5:critical 6:overdue; do
	expect_exit 0 v show "IR-${k%%:*}" --json
	assert_eq "${k#*:}" "$(out_json '$.deadline.state')" "IR-${k%%:*} state"
done
expect_exit 0 v show IR-6 --json
[ "$(out_json '$.deadline.remaining_s')" -lt 0 ] && ok \
    || not_ok "overdue remaining_s is negative"
expect_exit 0 v new "met clock" --severity 4			# IR-7
declare_as_eim IR-7 "$(ago $((50 * 3600)))"
expect_exit 0 v milestone IR-7 customers_notified --at "$(ago $((10 * 3600)))"
expect_exit 0 v show IR-7 --json
assert_eq met "$(out_json '$.deadline.state')" "met"
expect_exit 0 v new "missed clock" --severity 4			# IR-8
declare_as_eim IR-8 "$(ago $((100 * 3600)))"
expect_exit 0 v milestone IR-8 customers_notified --at "$(ago $((20 * 3600)))"
expect_exit 0 v show IR-8 --json
assert_eq missed "$(out_json '$.deadline.state')" "missed"
assert_eq -28800 "$(out_json '$.deadline.remaining_s')" "missed by 8 h"
expect_refused 65 v declare IR-3 --reason "again"
expect_refused 65 v declare IR-3 --reason "future" --at 2099-01-01T00:00Z
expect_refused 65 v close IR-3 --resolution confirmed
assert_contains "$ERR" "notified" "closing a declared breach"
# retract and declare again
expect_exit 0 v retract IR-4 --reason "test data after all"
expect_exit 0 v show IR-4 --json
assert_eq retracted "$(out_json '$.deadline.state')" \
    "retracted: the clock is stopped, not reset"
assert_eq null "$(out_type '$.declared_at')" "retracted: declared_at"
expect_refused 65 v retract IR-4 --reason "twice"

# ---- the queue: most urgent first -----------------------------------
expect_exit 0 v list --json
assert_eq 1 "$(json_valid "$OUTF")" "list --json"
order=$(sqlite3 :memory: "SELECT group_concat(json_extract(value, '\$.key'), \
' ') FROM json_each(CAST(readfile('$OUTF') AS TEXT))")
# running clocks by due time, then no clock by severity (IR-1 sev 2,
# IR-2 sev 3, then sev 4 by age); met/missed clocks have stopped
assert_eq "IR-6 IR-5 IR-3 IR-1 IR-2 IR-4 IR-7 IR-8" "$order" "queue order"
assert_match "$(sqlite3 :memory: "SELECT json_extract(value, \
'\$.deadline.state') FROM json_each(CAST(readfile('$OUTF') AS TEXT)) \
LIMIT 1")" '^overdue$' "first is overdue"
for f in key uuid title severity kind stage status resolution created_at \
    declared_at declared_by deadline; do
	assert_eq 8 "$(sqlite3 :memory: "SELECT count(*) FROM json_each(CAST(\
readfile('$OUTF') AS TEXT)) WHERE json_type(value, '\$.$f') IS NOT NULL")" \
	    "every list entry has $f"
done
expect_exit 0 v list
assert_eq "KEY" "$(echo "$OUT" | head -1 | cut -d' ' -f1)" "list header"
assert_eq "IR-6 IR-5 IR-3 IR-1 IR-2 IR-4 IR-7 IR-8" \
    "$(echo "$OUT" | tail -n +2 | cut -d' ' -f1 | tr '\n' ' ' | sed 's/ $//')" \
    "list text order"
expect_exit 0 v list --limit 2 --json
assert_eq 2 "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile(\
'$OUTF') AS TEXT))")" "--limit 2"
assert_eq IR-6 "$(out_json '$[0].key')" "--limit keeps the most urgent"

# ---- close; --closed and --all --------------------------------------
expect_exit 0 v close IR-2 --resolution false-positive --note "a drill"
expect_exit 0 v close IR-7 --resolution confirmed
expect_exit 0 v show IR-2 --json
assert_eq closed "$(out_json '$.status')" "closed status"
assert_eq false-positive "$(out_json '$.resolution')" "resolution"
expect_refused 65 v note IR-2 "too late"
assert_contains "$ERR" "closed" "a closed incident is read-only"
expect_refused 65 v close IR-2 --resolution benign
expect_exit 0 v list --json
assert_eq 6 "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile(\
'$OUTF') AS TEXT))")" "open incidents"
assert_eq 0 "$(sqlite3 :memory: "SELECT count(*) FROM json_each(CAST(\
readfile('$OUTF') AS TEXT)) WHERE json_extract(value, '\$.status') = \
'closed'")" "list shows open ones only"
expect_exit 0 v list --closed --json
assert_eq "IR-7 IR-2" "$(sqlite3 :memory: "SELECT group_concat(json_extract(\
value, '\$.key'), ' ') FROM json_each(CAST(readfile('$OUTF') AS TEXT))")" \
    "--closed, newest closed first"
expect_exit 0 v list --all --json
assert_eq 8 "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile(\
'$OUTF') AS TEXT))")" "--all"
expect_exit 0 v list --all --limit 3 --json
assert_eq 3 "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile(\
'$OUTF') AS TEXT))")" "--all --limit 3"

# ---- hostile text never reaches the terminal raw ---------------------
expect_exit 0 v new "$(printf 'evil \033]0;owned\007\033[2J title')"
key=$OUT
expect_exit 0 v list
assert_not_contains "$OUT" "$(printf '\033')" "list: no raw ESC"
assert_not_contains "$OUT" "$(printf '\007')" "list: no raw BEL"
expect_exit 0 v show "$key"
assert_not_contains "$OUT" "$(printf '\033')" "show: no raw ESC"
expect_exit 0 v show "$key" --json
assert_contains "$OUT" '\u001b' "JSON escapes ESC"
assert_eq "$(printf 'evil \033]0;owned\007\033[2J title')" \
    "$(out_json '$.title')" "stored byte for byte"
expect_exit 0 v journal
assert_not_contains "$OUT" "$(printf '\033')" "journal: no raw ESC"

# ---- journal and verify ---------------------------------------------
expect_exit 0 v journal --json
assert_eq 1 "$(json_valid "$OUTF")" "journal --json"
n=$(sql "SELECT count(*) FROM journal")
assert_eq "$n" "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile(\
'$OUTF') AS TEXT))")" "journal --json has every entry"
assert_eq 1 "$(out_json '$[0].seq')" "oldest first"
assert_eq database.create "$(out_json '$[0].action')" "first entry"
for f in seq uuid incident at uid login action payload prev_hash hash; do
	assert_eq "$n" "$(sqlite3 :memory: "SELECT count(*) FROM json_each(CAST(\
readfile('$OUTF') AS TEXT)) WHERE json_type(value, '\$.$f') IS NOT NULL")" \
	    "every journal entry has $f"
done
assert_eq "$(id -u)" "$(out_json '$[0].uid')" "the real uid"
expect_exit 0 v journal IR-1 --json
assert_eq 0 "$(sqlite3 :memory: "SELECT count(*) FROM json_each(CAST(\
readfile('$OUTF') AS TEXT)) WHERE json_extract(value, '\$.incident') != \
'IR-1'")" "journal KEY: only that incident"
assert_eq incident.new "$(out_json '$[0].action')" "IR-1 starts with new"
expect_exit 0 v verify
assert_contains "$OUT" "$n entries" "verify counts the entries"
assert_contains "$OUT" "intact" "verify"
assert_match "$OUT" 'head: +[0-9a-f]{64}' "verify prints the head"

tl_done
