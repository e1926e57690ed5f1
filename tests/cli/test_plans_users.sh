#!/bin/bash
# test_plans_users.sh: who may apply a plan and change tasks, with real
# Unix accounts in one group sharing one database, each working with
# umask 007. Run as root, it creates the group pl_team and the accounts
# pl_sim, pl_forensic, pl_comms and pl_spare (reusing what exists,
# removing at the end only what it created): only the sim (or an
# administrator) applies a plan; a task is changed by the holder of its
# role, its named owner, the sim or an administrator, and by nobody else
# (exit 77, the denial journaled under the real account, nothing else
# changed); files stay readable and writable by the group. Not root:
# skipped (77).
. "$TESTLIB"

SIM=pl_sim
FOR=pl_forensic
COM=pl_comms
SPARE=pl_spare
GROUP=pl_team
[ "$(id -u)" = 0 ] || tl_skip "needs root to create the accounts"
command -v groupadd >/dev/null 2>&1 || tl_skip "groupadd is not installed"
TL_GROUP_MADE=""
if ! getent group $GROUP >/dev/null; then
	groupadd $GROUP || tl_skip "groupadd $GROUP failed"
	TL_GROUP_MADE=$GROUP
fi
tl_remove_group()
{
	[ -n "$TL_GROUP_MADE" ] && groupdel "$TL_GROUP_MADE" 2>/dev/null
	return 0
}
tl_on_exit tl_remove_group
tl_users $SIM $FOR $COM $SPARE
for u in $SIM $FOR $COM $SPARE; do
	usermod -a -G $GROUP "$u" || not_ok "usermod $u"
done
ME=$(id -un)

# the team's directory: the group's, setgid, no access for others
TEAM="$TL_TMP/team"
mkdir "$TEAM"
chgrp $GROUP "$TEAM"
chmod 2770 "$TEAM"
DB="$TEAM/vigil.db"
umask 007

# runs the shared binary as LOGIN with umask 007, its groups from the
# group database (runuser sets them up)
asg()
{
	local who=$1
	shift
	runuser -u "$who" -- env HOME=/nonexistent \
	    XDG_CONFIG_HOME="$SHARED/noconfig" VIGIL_SHARE="${VIGIL_SHARE:-}" \
	    sh -c 'umask 007; exec "$0" "$@"' "$SHARED/vigil" --db "$DB" "$@"
}

# ---- root, the administrator, sets up ------------------------------------
expect_exit 0 v init
assert_eq "$GROUP" "$(stat -c %G "$DB")" "the database is the team's"
# SQLite creates the file 0644 & ~umask; making it group-writable is the
# shared-host setup's business, not this test's
chmod g+rw "$DB"
expect_exit 0 v roster add $SIM --roles sim,triage --name "Sam Sim"
expect_exit 0 v roster add $FOR --roles forensics --name "Fran Forensic"
expect_exit 0 v roster add $COM --roles comms --name "Casey Comms"
expect_exit 0 v roster add $SPARE --roles forensics --name "Sid Spare"
expect_exit 0 asg $SIM new "Files encrypted on fs-3" --severity 1
expect_exit 0 v assign IR-1 sim $SIM
expect_exit 0 v assign IR-1 forensics $FOR
expect_exit 0 v assign IR-1 comms $COM

# ---- applying a plan: the sim, not another role holder ------------------
expect_denied plan $FOR asg $FOR plan IR-1 apply ransomware
assert_contains "$ERR" "the incident's sim, or an administrator" \
    "the refusal says who may"
expect_exit 0 asg $SIM plan IR-1 apply ransomware
assert_eq "$SIM" "$(sql "SELECT DISTINCT created_by FROM task")" \
    "the tasks were added by the sim's real account"
assert_eq "plan.apply|$SIM|$(id -u $SIM)" "$(sql "SELECT action, login, uid \
FROM journal WHERE action = 'plan.apply'")" "journaled under the sim"

# ---- tasks: the role holder, the owner, the sim, the administrator ------
# T1 (forensics), T10 (comms: the notice to the authority), T5 (service)
expect_exit 0 asg $FOR task done IR-1 T1 --note "isolated at the switch"
assert_eq "done|$FOR" "$(sql "SELECT state, closed_by FROM task WHERE \
num = 1")" "the forensics holder did a forensics task"
expect_denied task $FOR asg $FOR task done IR-1 T10
assert_contains "$ERR" "holder of the task's role" "the rule is named"
expect_denied task $FOR runuser -u $FOR -- env USER=$COM LOGNAME=$COM \
    HOME=/nonexistent "$SHARED/vigil" --db "$DB" task done IR-1 T10
expect_exit 0 asg $COM task done IR-1 T10
expect_denied task $COM asg $COM task skip IR-1 T5 --reason "not mine"
expect_exit 0 asg $SIM task skip IR-1 T5 --reason "backups checked by the \
provider" 
assert_eq "skipped|$SIM" "$(sql "SELECT state, closed_by FROM task WHERE \
num = 5")" "the sim may act on any task"
# a spare forensic engineer holding no role: refused, until named owner
expect_denied task $SPARE asg $SPARE task done IR-1 T3
expect_denied task $SPARE asg $SPARE task assign IR-1 T3 $SPARE
expect_exit 0 asg $FOR task assign IR-1 T3 $SPARE
assert_eq "$SPARE" "$(sql "SELECT owner FROM task WHERE num = 3")" \
    "the role holder hands the task to a colleague"
expect_exit 0 asg $SPARE task list IR-1
assert_match "$OUT" "^\* T3 " "the owner sees the task as theirs"
expect_exit 0 asg $SPARE task done IR-1 T3
expect_denied task $SPARE asg $SPARE task done IR-1 T4
# the administrator holding no role
expect_exit 0 v task done IR-1 T6
assert_eq "done|$ME" "$(sql "SELECT state, closed_by FROM task WHERE \
num = 6")" "an administrator may"
# adding: for one's own role, or anything as sim
expect_exit 0 asg $FOR task add IR-1 "Image the NAS too" --role forensics
expect_denied task $FOR asg $FOR task add IR-1 "Tell the press" --role comms
expect_exit 0 asg $SIM task add IR-1 "Brief the board" --role eim
expect_exit 0 asg $COM task mine
assert_match "$OUT" "IR-1 +T9 " "task mine lists the comms holder's tasks"
assert_not_contains "$OUT" " T1 " "and not the others'"

# ---- the files stay the group's -----------------------------------------
for f in "$DB" "$DB-wal" "$DB-shm"; do
	[ -e "$f" ] || continue
	assert_eq "$GROUP" "$(stat -c %G "$f")" "$(basename "$f") belongs to \
the team's group"
	assert_match "$(stat -c %A "$f")" "^-rw-rw----" "$(basename "$f") is \
group read-write, nothing for others"
done
expect_exit 0 asg $COM verify

tl_done
