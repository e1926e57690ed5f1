#!/usr/bin/env bash
# test_shift.sh: a shift hand-off in the console, with real Unix accounts
# in one group (umask 007, a setgid team directory), in tmux at 80x24.
# cs_sh_alice opens the console and quits; cs_sh_bob opens an incident,
# gives alice the SIM role, declares a breach and adds tasks (one of
# alice's role falls due, one he gives her) from the command line;
# alice's next console opens with "Since you last looked" listing bob's
# acts as sentences, Esc dismisses it, and her third console opens
# straight on the queue. Then the timeline: Tab focuses it, Down moves
# its cursor and scrolls, Enter shows the entry in full with its raw
# payload. Not root: skipped (77).
set -u
. "$(dirname "$0")/tmux-lib.sh"

[ "$(id -u)" = 0 ] || { echo "skip: needs root for the accounts"; exit 77; }
for c in useradd userdel groupadd runuser; do
	command -v $c >/dev/null || { echo "skip: no $c"; exit 77; }
done
A=cs_sh_alice
B=cs_sh_bob
G=cs_sh_team
MADE=""
for u in $A $B; do
	if ! id "$u" >/dev/null 2>&1; then
		useradd -M -N -d /nonexistent -s /bin/sh "$u" || exit 77
		MADE="$MADE $u"
	fi
done
getent group $G >/dev/null || { groupadd $G && MADEG=1; }
cleanup_accounts() {
	tl_cleanup
	for u in $MADE; do userdel "$u" 2>/dev/null; done
	[ -n "${MADEG:-}" ] && groupdel $G 2>/dev/null
}
trap cleanup_accounts EXIT
usermod -aG $G $A && usermod -aG $G $B || tl_fail "usermod"

chmod 755 "$TL_DIR"
cp "$VIGIL" "$TL_DIR/vigil" && chmod 755 "$TL_DIR/vigil"
TEAM="$TL_DIR/team"
mkdir -m 2770 "$TEAM" && chgrp $G "$TEAM"
TL_DB="$TEAM/vigil.db"
for u in $A $B; do
	mkdir -m 700 "$TL_DIR/state-$u" && chown $u "$TL_DIR/state-$u"
done

# a command as a person of the team
asg() {
	local who=$1
	shift
	runuser -u "$who" -g $G -- env HOME=/nonexistent \
	    XDG_CONFIG_HOME="$TL_DIR/noconfig" \
	    XDG_STATE_HOME="$TL_DIR/state-$who" \
	    sh -c 'umask 007; exec "$@"' sh "$TL_DIR/vigil" --db "$TL_DB" "$@"
}
# the console as alice, in a fresh tmux session
console() {
	tl_tmux kill-session -t vt 2>/dev/null
	: >"$TL_RAW"
	tl_tmux new-session -d -s vt -x 80 -y 24 \
	    "sleep 0.3; exec runuser -u $A -g $G -- env TERM=xterm-256color \
HOME=/nonexistent XDG_CONFIG_HOME='$TL_DIR/noconfig' \
XDG_STATE_HOME='$TL_DIR/state-$A' sh -c 'umask 007; exec \"\$0\" --db \"\$1\"' \
'$TL_DIR/vigil' '$TL_DB'" \; set-option -t vt remain-on-exit on ||
	    tl_fail "cannot start tmux"
}

asg $A init >/dev/null || tl_fail "init"
chmod 660 "$TL_DB"*	# a new file's group mode is the shared-host work's
asg $A roster add $B --roles sim,eim --name "Bob B" --admin >/dev/null ||
    tl_fail "roster"
asg $A roster add $A --roles triage,sim >/dev/null || tl_fail "roster"
asg $A new "Printer firmware alert" --severity 4 >/dev/null || tl_fail "new"

# alice's first look: her own acts only, nothing to hand over
console
tl_wait "1 of 1"
tl_screen | grep -q "Since you last looked" &&
    tl_fail "a digest of nothing but her own acts"
tl_keys q
tl_wait_exit

# bob's shift (a second later: what falls due after the look is news)
sleep 1.1
asg $B new "Ransomware on file-srv-3" --severity 1 >/dev/null || tl_fail "new"
asg $B assign IR-2 eim $B >/dev/null || tl_fail "assign eim"
asg $B assign IR-2 sim $A --note "logs are in /srv/case" >/dev/null ||
    tl_fail "assign sim"
asg $B declare IR-2 --reason "customer records exfiltrated" >/dev/null ||
    tl_fail "declare"
# a task of alice's role that falls due at the declaration, one bob gives her
asg $B task add IR-2 "Draft the notice" --role sim --due declared \
    >/dev/null || tl_fail "task add"
asg $B task add IR-2 "Collect the VPN logs" --role triage >/dev/null ||
    tl_fail "task add"
asg $B task assign IR-2 T2 $A >/dev/null || tl_fail "task assign"
n0=$(sqlite3 "$TL_DB" "SELECT count(*) FROM journal")

# alice comes back: the digest
console
tl_wait "Since you last looked"
tl_wait "5 changes by others since your last look"
tl_wait "IR-2: $B opened IR-2: Ransomware on file-srv-3"
tl_wait "IR-2: $B declared a customer data breach: customer records"
tl_wait "IR-2: $B assigned $A as SIM — hand-off: logs are"
tl_wait "Your roles: 1"
tl_keys End
tl_wait "Your tasks that fell due: 1"
tl_wait "IR-2: T1 Draft the notice (sim) was due"
tl_wait "Tasks given to you: 1"
tl_wait "IR-2: $B gave the task T2 to $A: Collect the VPN"
tl_keys Escape
tl_wait "1 of 2"
tl_wait_gone "Since you last looked"
tl_keys q
tl_wait_exit
[ "$(sqlite3 "$TL_DB" "SELECT count(*) FROM journal")" = "$n0" ] ||
    tl_fail "opening the console wrote to the journal"
[ "$(stat -c %U:%a "$TL_DIR/state-$A/vigil/digest-seen")" = "$A:600" ] ||
    tl_fail "the look is not in alice's own file"

# and once seen, not again
console
tl_wait "of 2"
sleep 0.5
tl_screen | grep -q "Since you last looked" && tl_fail "the digest again"

# ---- the timeline: focus, scroll, an entry in full ----------------------
for i in $(seq 1 8); do
	asg $B note IR-2 "note $i from bob" >/dev/null || tl_fail "note"
done
tl_wait "note 8 from bob" 8
tl_keys Tab Tab Tab
tl_wait "[timeline: Enter]"
first=$(tl_screen | grep '^>' | head -1)
[ -n "$first" ] || tl_fail "no timeline cursor"
tl_keys Down Down Down Down Down
tl_wait "note 3 from bob"
cur=$(tl_screen | grep '^>' | head -1)
[ "$cur" != "$first" ] || tl_fail "the timeline cursor did not move"
echo "$cur" | grep -q "note 3 from bob" ||
    tl_fail "the cursor is not on the sixth entry: $cur"
tl_keys Down Down Down Down Down Down	# past bob's three task entries
tl_wait "declared a customer data"	# scrolled to older entries (the one-line strip)
tl_keys Enter
tl_wait "Timeline entry"
tl_wait "payload (raw, as journaled):"
tl_wait "action: "
tl_screen | grep -q '^│{"' || tl_screen | grep -q '^|{"' ||
    tl_fail "the raw payload is not shown"
tl_keys Escape
tl_wait "[timeline: Enter]"
tl_keys q
tl_wait_exit
echo "ok"
