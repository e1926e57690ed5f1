# test_readme.sh: the command blocks of README.md's "Using it" and of its
# sections on clocks, notifying, evidence, plans and the inbox, typed as
# they are written, on real Unix accounts (root only; skipped otherwise).
#
# A block's lines run in order, each as the person who types it: "you"
# (the account that ran `vigil init`), or the one a comment names ("# as
# carol, the eim"). The people of the README are test accounts (alice
# rdalice, carol rdcarol, you rdyou) in one group with umask 007, sharing
# one database named by a config file, as on a team's host. Nothing of a
# command's text changes but those names, /cases/ (under the test's
# directory, with a file there) and $EDITOR (`true`: the draft is left as
# it is). Lines continued with a backslash are one command; the bare
# `vigil` line opens the console in tmux, which must show the queue and
# quit on q. A line whose comment says "refused" must fail in one line;
# every other line must succeed. Then what the story left is checked with
# the users' own reads.
#
# Each block runs on a fresh database, after the blocks it builds on:
# clocks and notifying after "Using it", evidence after "Using it", plans
# and the inbox after its first line (`vigil init`).
. "$TESTLIB"

ACCTS="rdyou rdalice rdcarol"
tl_users $ACCTS
README="$(dirname "$TESTLIB")/../../README.md"
T="$TL_TMP"
GROUP=rdteam
BIN="$T/bin"
mkdir -p "$BIN"
cp "$VIGIL" "$BIN/vigil"
chmod 755 "$BIN" "$BIN/vigil"

tl_remove_group() { groupdel "$GROUP" 2>/dev/null || true; }
tl_on_exit tl_remove_group
tl_remove_group
groupadd "$GROUP" || tl_skip "groupadd $GROUP failed"
for u in $ACCTS; do usermod -aG "$GROUP" "$u"; done
for u in $ACCTS; do
	install -d -o "$u" -g "$GROUP" -m 700 "$T/home/$u"
done
chmod 755 "$T/home"
mkdir -p "$T/cases/7"
head -c 65536 /dev/urandom >"$T/cases/7/disk.img"
chmod -R a+rX "$T/cases"

# The prompt-less command lines of the first sh block under HEADING, with
# backslash continuations joined.
block()
{
	awk -v t="$1" '
		$0 == t { sect = 1; next }
		sect && /^##/ { exit }
		sect && /^```sh$/ { on = 1; next }
		on && /^```$/ { exit }
		on {
			if (sub(/\\$/, "")) { acc = acc $0; next }
			print acc $0; acc = ""
		}' "$README"
}

translate()
{
	sed -E -e "s/\\balice\\b/rdalice/g; s/\\bcarol\\b/rdcarol/g" \
	    -e "s|/cases/|$T/cases/|g"
}

# who LINE: the account that types it.
who()
{
	case "$1" in
	*"as alice"*) echo rdalice ;;
	*"as carol"*) echo rdcarol ;;
	*) echo rdyou ;;
	esac
}

# step ACCOUNT COMMAND: type it as ACCOUNT in its home directory.
step()
{
	run runuser -u "$1" -- env -i PATH="$BIN:/usr/bin:/bin" \
	    HOME="$T/home/$1" LC_ALL=C.UTF-8 TZ=UTC EDITOR=true \
	    VIGIL_CONFIG="$CONF" VIGIL_SHARE="${VIGIL_SHARE:-}" \
	    sh -c "umask 007; cd; $(printf '%s\n' "$2" | translate)"
}

# console ACCOUNT: the bare `vigil` line, in an 80x24 tmux pane.
console()
{
	local sock="vigil-readme-$$" i screen=""
	if ! command -v tmux >/dev/null 2>&1; then
		echo "# no tmux: the console line is not typed"
		return
	fi
	tmux -L "$sock" -f /dev/null new-session -d -x 80 -y 24 \
	    "runuser -u $1 -- env -i PATH=$BIN:/usr/bin:/bin \
HOME=$T/home/$1 LC_ALL=C.UTF-8 TZ=UTC TERM=xterm-256color \
VIGIL_CONFIG=$CONF VIGIL_SHARE=${VIGIL_SHARE:-} sh -c 'umask 007; cd; vigil'; \
sleep 30"
	for i in $(seq 1 50); do
		screen=$(tmux -L "$sock" capture-pane -p 2>/dev/null)
		case "$screen" in *IR-1*) break ;; esac
		sleep 0.1
	done
	assert_contains "$screen" "IR-1" "the console shows the queue"
	tmux -L "$sock" send-keys q
	for i in $(seq 1 50); do
		pgrep -u "$1" -x vigil >/dev/null || break
		sleep 0.1
	done
	if pgrep -u "$1" -x vigil >/dev/null; then
		not_ok "the console did not quit on q"
	else
		ok
	fi
	tmux -L "$sock" kill-server 2>/dev/null || true
}

# type_block HEADING [FIRST]: type the block's lines (only the first FIRST).
type_block()
{
	local lines n=0 line cmd
	lines=$(block "$1")
	[ -n "$lines" ] || { not_ok "README has no sh block under '$1'"; return; }
	while IFS= read -r line; do
		n=$((n + 1))
		[ -n "${2:-}" ] && [ "$n" -gt "$2" ] && break
		cmd=$(printf '%s' "$line" | sed -E 's/^ +//')
		if printf '%s' "$cmd" | grep -Eq '^vigil *(#.*)?$'; then
			console "$(who "$cmd")"
			continue
		fi
		step "$(who "$cmd")" "$cmd"
		case "$cmd" in
		*"# refused"*)
			if [ "$RC" != 0 ] && [ "$(wc -l <"$ERRF")" = 1 ]; then
				ok
			else
				not_ok "'$cmd' should be refused in one line: $ERR"
			fi ;;
		*)
			if [ "$RC" = 0 ]; then ok; else
				not_ok "'$cmd' failed (rc $RC): $ERR"
			fi ;;
		esac
	done <<EOS
$lines
EOS
}

# fresh NAME: a new shared database for the next story.
fresh()
{
	install -d -g "$GROUP" -m 2770 "$T/srv/$1"
	CONF="$T/etc/$1.conf"
	mkdir -p "$T/etc"
	chmod 755 "$T/etc"
	echo "db = $T/srv/$1/vigil.db" >"$CONF"
	chmod 644 "$CONF"
	for u in $ACCTS; do rm -f "$T/home/$u/"*.md; done
}

# --- Using it, the clocks, notifying -------------------------------------
fresh story
type_block "## Using it"
step rdcarol "vigil show IR-1 --json"
printf '%s\n' "$OUT" >"$T/ir1.json"
assert_eq rdcarol "$(json "$T/ir1.json" '$.declared_by')" \
    "IR-1 is declared, by carol"
step rdalice "vigil journal IR-1"
assert_contains "$OUT" "rdcarol" "the declaration is carol's, in the journal"

type_block "### Deadlines and the regulators' clocks"
step rdalice "vigil clocks IR-1"
assert_contains "$OUT" "nis2-final" "the clocks the README enabled are listed"

type_block "### Notifying customers, and the review"
step rdyou "vigil show IR-1 --json"
printf '%s\n' "$OUT" >"$T/ir1.json"
assert_eq closed "$(json "$T/ir1.json" '$.status')" "IR-1 is closed"
[ -s "$T/home/rdyou/IR-1-review.md" ] && ok ||
    not_ok "the review export was not written"
cp "$T/home/rdyou/IR-1-review.md" "$T/review1.md"
step rdyou "vigil export IR-1 --format md -o IR-1-review.md"
if cmp -s "$T/review1.md" "$T/home/rdyou/IR-1-review.md"; then ok; else
	not_ok "the export is not the same bytes the second time"
fi
assert_contains "$(cat "$T/review1.md")" "unpatched VPN appliance" \
    "the review's root cause is in the export"
step rdalice "vigil verify"
assert_eq 0 "$RC" "the record verifies after the story"

# --- Evidence --------------------------------------------------------------
fresh evidence
type_block "## Using it"
type_block "### Evidence and the chain of custody"
[ -s "$T/home/rdyou/IR-1-custody.md" ] && ok ||
    not_ok "the custody report was not written"
assert_contains "$(cat "$T/home/rdyou/IR-1-custody.md")" "FBI field office" \
    "the transfer is in the custody report"
step rdalice "vigil verify"
assert_eq 0 "$RC" "the record verifies after the evidence"

# --- Plans ----------------------------------------------------------------
fresh plans
type_block "## Using it" 1
type_block "### Response plans and tasks"
step rdyou "vigil task list IR-1"
assert_contains "$OUT" "Call the insurer" "the added task is listed"
step rdalice "vigil verify"
assert_eq 0 "$RC" "the record verifies after the plan"

# --- The inbox ------------------------------------------------------------
fresh inbox
type_block "## Using it" 1
type_block "### Alerts and the triage inbox"
step rdalice "vigil verify"
assert_eq 0 "$RC" "the record verifies after the inbox"

tl_done
