#!/bin/bash
# test_evidence_users.sh: who may handle evidence, with real Unix accounts
# in one group sharing a setgid team directory with umask 007. Run as
# root, it creates the group ev_team and the accounts ev_admin, ev_forens,
# ev_sim, ev_comms, ev_reader (all on the roster) and ev_outsider (in the
# group, not on the roster), reusing any that exist and removing at the
# end only what it created. The incident's forensics holder registers,
# transfers, checks, notes and voids; the sim and an administrator may
# too; the comms holder is refused every one of these (exit 77, the
# denial journaled under the real account, nothing else changed), even
# with USER set to the forensics holder's name; anyone on the roster
# reads; someone not on the roster reads nothing. Not root: skipped (77).
. "$TESTLIB"

ADMIN=ev_admin
FOR=ev_forens
SIM=ev_sim
COMMS=ev_comms
READER=ev_reader
OUTSIDER=ev_outsider
GROUP=ev_team
tl_users $ADMIN $FOR $SIM $COMMS $READER $OUTSIDER
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
for u in $ADMIN $FOR $SIM $COMMS $READER $OUTSIDER; do
	usermod -a -G $GROUP $u || tl_skip "usermod $u failed"
done
TEAM="$SHARED/team"
mkdir "$TEAM"
chgrp $GROUP "$TEAM"
chmod 2770 "$TEAM"
DB="$TEAM/vigil.db"

# asu LOGIN ARGS: vigil as LOGIN with umask 007, as a team member works
asu()
{
	local who=$1
	shift
	runuser -u "$who" -- env HOME=/nonexistent \
	    XDG_CONFIG_HOME="$SHARED/noconfig" VIGIL_SHARE="${VIGIL_SHARE:-}" \
	    sh -c 'umask 007; exec "$@"' sh "$SHARED/vigil" --db "$DB" "$@"
}

# ---- the administrator creates the team's database -----------------
expect_exit 0 asu $ADMIN init
assert_eq "660 $GROUP" "$(stat -c '%a %G' "$DB")" \
    "the database is the team's, group-writable"
expect_exit 0 asu $ADMIN roster add $FOR --roles forensics
expect_exit 0 asu $ADMIN roster add $SIM --roles sim,forensics
expect_exit 0 asu $ADMIN roster add $COMMS --roles comms
expect_exit 0 asu $ADMIN roster add $READER --roles support
expect_exit 0 asu $ADMIN new "Laptop stolen from a car"
expect_exit 0 asu $ADMIN assign IR-1 sim $SIM
expect_exit 0 asu $SIM assign IR-1 forensics $FOR
expect_exit 0 asu $SIM assign IR-1 comms $COMMS

# the image, written by the forensics holder into the team directory
mkdir "$TEAM/files"
chgrp $GROUP "$TEAM/files"
chmod 2770 "$TEAM/files"
runuser -u $FOR -- sh -c "umask 007; yes image | head -c 1500000 > \
'$TEAM/files/laptop.img'"
SHA=$(sha256sum "$TEAM/files/laptop.img" | cut -c1-64)

# ---- forensics registers; comms is refused ----------------------------
expect_exit 0 asu $FOR evidence add IR-1 --describe "laptop disk image" \
    --file "$TEAM/files/laptop.img" --location "team NAS"
assert_eq "E1" "$OUT"
assert_eq "$FOR|$FOR|$SHA" "$(sql "SELECT registered_by, custodian, sha256 \
FROM evidence WHERE num = 1")" "registered by the real account"
expect_denied evidence.add $COMMS asu $COMMS evidence add IR-1 \
    --describe "comms's pick" --file "$TEAM/files/laptop.img"
assert_contains "$ERR" "the incident's forensics or sim, or an administrator" \
    "the refusal says who may"
expect_denied evidence.add $COMMS runuser -u $COMMS -- env USER=$FOR \
    LOGNAME=$FOR HOME=/nonexistent "$SHARED/vigil" --db "$DB" evidence add \
    IR-1 --describe x --hash "sha256:$SHA" --size 1
expect_denied evidence.transfer $COMMS asu $COMMS evidence transfer IR-1 E1 \
    --to $COMMS --reason "for the press"
expect_denied evidence.check $COMMS asu $COMMS evidence check IR-1 E1
expect_denied evidence.check $COMMS asu $COMMS evidence check IR-1
expect_denied evidence.note $COMMS asu $COMMS evidence note IR-1 E1 "looked"
expect_denied evidence.note $COMMS asu $COMMS evidence note IR-1 E1 "fixed" \
    --change --file "$TEAM/files/laptop.img"
expect_denied evidence.note $COMMS asu $COMMS evidence note IR-1 E1 "fixed" \
    --change --hash "sha256:$SHA" --size 1
expect_denied evidence.void $COMMS asu $COMMS evidence void IR-1 E1 \
    --reason "unwanted"
expect_denied evidence.add $READER asu $READER evidence add IR-1 \
    --describe x --hash "sha256:$SHA" --size 1
expect_denied evidence.add $OUTSIDER asu $OUTSIDER evidence add IR-1 \
    --describe x --hash "sha256:$SHA" --size 1
assert_contains "$ERR" "not on this database's roster"

# ---- custody moves between the forensics holder and the sim -----------
expect_exit 0 asu $FOR evidence transfer IR-1 E1 --to $SIM --reason \
    "second opinion"
assert_contains "$OUT" "in the custody of $SIM; hash rechecked: OK"
expect_exit 0 asu $SIM evidence transfer IR-1 E1 --to $FOR --reason \
    "back to the lab"
assert_contains "$OUT" "hash rechecked: OK"
assert_eq "$FOR>$SIM by $FOR
$SIM>$FOR by $SIM" "$(sql "SELECT from_party || '>' || to_party || ' by ' || \
by FROM evidence_event WHERE kind = 'transfer' ORDER BY id")" \
    "each transfer by its real account"
expect_exit 0 asu $SIM evidence note IR-1 E1 "hash compared by the sim"
expect_exit 0 asu $ADMIN evidence check IR-1 E1
assert_contains "$OUT" "OK" "an administrator may check"

# ---- anyone on the roster reads; an outsider does not --------------------
expect_exit 0 asu $COMMS evidence list IR-1
assert_match "$OUT" "^E1 .* $FOR .* OK\$" "comms reads the list"
expect_exit 0 asu $READER evidence report IR-1 --format json
assert_eq "$SHA" "$(out_json '$.items[0].sha256')" "a reader gets the report"
expect_refused 77 asu $OUTSIDER evidence list IR-1
assert_contains "$ERR" "not on this database's roster"
expect_refused 77 asu $OUTSIDER evidence report IR-1

# ---- the team's files stay the team's -----------------------------------
for f in "$DB" "$DB-wal"; do
	[ -e "$f" ] || continue
	assert_eq "$GROUP" "$(stat -c %G "$f")" "$(basename "$f") in the group"
	[ $(( 0$(stat -c %a "$f") & 060 )) = $((060)) ] && ok \
	    || not_ok "$(basename "$f") is not group read-write"
done
expect_exit 0 asu $READER verify

tl_done
