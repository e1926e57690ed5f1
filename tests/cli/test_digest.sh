#!/bin/bash
# test_digest.sh: the shift hand-off digest with real Unix accounts in one
# group (umask 007, a setgid team directory), as two responders share a
# database. cs_dg_alice looks, cs_dg_bob opens an incident, gives alice
# the SIM role, declares a breach and adds tasks (one of alice's role
# falls due at the declaration, one bob gives her); alice's next `vigil
# digest` lists exactly that (bob's acts, not her own), the look is recorded in her own
# state file (mode 600, outside the shared directory) and the shared
# database is not written by looking; a second look is empty; --since
# looks back without moving the point. Not root: skipped (77).
. "$TESTLIB"

A=cs_dg_alice
B=cs_dg_bob
G=cs_dg_team
tl_users $A $B
if ! getent group $G >/dev/null; then
	groupadd $G || tl_skip "groupadd failed"
	tl_rm_group() { groupdel $G 2>/dev/null || true; }
	tl_on_exit tl_rm_group
fi
usermod -aG $G $A && usermod -aG $G $B || tl_skip "usermod failed"
TEAM="$SHARED/team"
mkdir -m 2770 "$TEAM"
chgrp $G "$TEAM"
DB="$TEAM/vigil.db"
mkdir -m 755 "$SHARED/state"
for u in $A $B; do
	mkdir -m 700 "$SHARED/state/$u"
	chown $u "$SHARED/state/$u"
done

# as a person of the team: umask 007, their own XDG_STATE_HOME
asg()
{
	local who=$1
	shift
	runuser -u "$who" -g $G -- env HOME=/nonexistent \
	    XDG_CONFIG_HOME="$SHARED/noconfig" \
	    XDG_STATE_HOME="$SHARED/state/$who" \
	    VIGIL_SHARE="${VIGIL_SHARE:-}" \
	    sh -c 'umask 007; exec "$@"' sh "$SHARED/vigil" --db "$DB" "$@"
}

expect_exit 0 asg $A init
# SQLite creates the file 0644 & ~umask; making a new database
# group-writable is the shared-host work's, not this test's
chmod 660 "$DB"*
expect_exit 0 asg $A roster add $B --roles sim,eim --name "Bob B" --admin
expect_exit 0 asg $A roster add $A --roles triage,sim
assert_eq "$G" "$(stat -c %G "$DB")" "the database belongs to the team"

# alice looks (nothing yet from others)
expect_exit 0 asg $A digest
assert_contains "$OUT" "0 changes" "first look: nothing by others"
seen="$SHARED/state/$A/vigil/digest-seen"
assert_eq "600" "$(stat -c %a "$seen")" "the point is alice's alone"
assert_eq "$A" "$(stat -c %U "$seen")" "in alice's state file"

# bob works (a second later: what falls due after the look is news)
sleep 1.1
expect_exit 0 asg $B new "Ransomware on file-srv-3" --severity 1
expect_exit 0 asg $B assign IR-1 eim $B
expect_exit 0 asg $B assign IR-1 sim $A --note "logs are in /srv/case"
expect_exit 0 asg $B declare IR-1 --reason "customer records exfiltrated"
# tasks: due at the declaration (alice's, as the sim), due later, the
# EIM's (bob's), and one bob gives alice
expect_exit 0 asg $B task add IR-1 "Draft the notice to the authority" \
    --role sim --due declared
expect_exit 0 asg $B task add IR-1 "Brief the customers" --role sim \
    --due "declared + 6h"
expect_exit 0 asg $B task add IR-1 "Approve the notice" --role eim \
    --due declared
expect_exit 0 asg $B task add IR-1 "Collect the VPN logs" --role triage
expect_exit 0 asg $B task assign IR-1 T4 $A
expect_exit 0 asg $B new "Phishing wave, finance" --severity 3
expect_exit 0 asg $A note IR-2 "my own note: not news to me"

n0=$(sql "SELECT count(*) FROM journal")
m0=$(stat -c %Y.%s "$DB")
expect_exit 0 asg $A digest
assert_contains "$OUT" "(your last look)" "since alice's last look"
assert_contains "$OUT" "Incidents opened: 2" "two incidents opened"
assert_contains "$OUT" "IR-1: $B opened IR-1: Ransomware on file-srv-3" \
    "the opening, as a sentence"
assert_contains "$OUT" "Declarations and retractions: 1" "one declaration"
assert_contains "$OUT" "$B declared a customer data breach: customer \
records exfiltrated" "the declaration and its reason"
assert_contains "$OUT" "Your roles: 1" "one role change for alice"
assert_contains "$OUT" "$B assigned $A as SIM — hand-off: logs are in \
/srv/case" "the role given to alice, with the hand-off note"
assert_contains "$OUT" "Your tasks that fell due: 1" "one task of alice's fell due"
assert_contains "$OUT" "IR-1: T1 Draft the notice to the authority (sim) was due" \
    "the task that fell due, with its role"
assert_contains "$OUT" "OVERDUE +" "and how late it is"
assert_not_contains "$OUT" "Brief the customers" "a task due later is not due"
assert_not_contains "$OUT" "Approve the notice" "bob's (the EIM's) task is not alice's"
assert_contains "$OUT" "Tasks given to you: 1" "one task given to alice"
assert_contains "$OUT" "$B gave the task T4 to $A: Collect the VPN logs" \
    "the task given, with its title"
assert_not_contains "$OUT" "my own note" "alice's own acts are not news"
assert_not_contains "$OUT" "assigned $B as EIM" "bob's own role is not alice's"
assert_eq "$n0" "$(sql "SELECT count(*) FROM journal")" \
    "looking writes no journal entry"
assert_eq "$m0" "$(stat -c %Y.%s "$DB")" "looking does not write the database"

expect_exit 0 asg $A digest
assert_contains "$OUT" "0 changes" "the second look is empty"
assert_contains "$OUT" "Your tasks that fell due: 0" "a task falls due once"

# a look back does not move the point
expect_exit 0 asg $B release IR-1 sim --note "alice off shift"
expect_exit 0 asg $A digest --since 2000-01-01T00:00Z
assert_contains "$OUT" "Incidents opened: 2" "--since looks back"
assert_contains "$OUT" "Your roles: 2" "both role changes"
expect_exit 0 asg $A digest --json --no-mark
assert_eq 1 "$(out_json '$.sections[2].count')" "the release is news, still"
assert_contains "$(out_json '$.sections[2].items[0].text')" \
    "$B released $A from the SIM role" "as a sentence in JSON"
# the tasks in JSON: the look back covers both, and the taking back too
expect_exit 0 asg $B task assign IR-1 T4 -
expect_exit 0 asg $A digest --since 2000-01-01T00:00Z --json
assert_eq "Your tasks that fell due" "$(out_json '$.sections[6].title')" \
    "the tasks-due section in JSON"
assert_eq 0 "$(out_json '$.sections[6].count')" \
    "released from the SIM role, the sim's task is not alice's any more"
assert_eq "Tasks given to you" "$(out_json '$.sections[7].title')" \
    "the tasks-given section in JSON"
assert_eq 2 "$(out_json '$.sections[7].count')" "given, then taken back"
assert_contains "$(out_json '$.sections[7].items[1].text')" \
    "taking it from $A" "the task taken back from alice"

# bob's task (the EIM's) fell due within the last 24 hours
expect_exit 0 asg $B digest --json --no-mark
assert_eq 1 "$(out_json '$.sections[6].count')" "bob's task due, in JSON"
assert_eq IR-1 "$(out_json '$.sections[6].items[0].incident')" "its incident"
assert_contains "$(out_json '$.sections[6].items[0].text')" \
    "T3 Approve the notice (eim) was due" "the task, in JSON"

# bob's own first look: the last 24 hours, and none of his own acts
expect_exit 0 asg $B digest
assert_contains "$OUT" "no earlier look on this database" "bob's first look"
assert_contains "$OUT" "Incidents opened: 0" "bob opened them himself"

# nowhere to record the look: the digest still prints, with a warning
run as $A digest
assert_eq 0 "$RC" "an unrecordable look still succeeds"
assert_contains "$OUT" "Incidents opened" "and prints the digest"
assert_contains "$ERR" "vigil: warning: this look is not recorded" \
    "saying the look is not recorded"

# a bad time is refused with the usual message
expect_exit 64 asg $A digest --since "15 Dec"
tl_done
