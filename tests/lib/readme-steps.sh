# readme-steps.sh: run the prompt lines of a README.md section ("root# ",
# "alice$ ") as real accounts. Sourced after testlib.sh and tl_users by
# tests/cli/test_team.sh and test_setgid.sh.
#
# The README's people become the test accounts (alice tmadmin, bob
# tmtriage, carol tmsim, dave tmeim, erin tmcomms, frank tmreview, the
# outsider mallory tmout, with "tm" being $RS_PREFIX); the group ir becomes $RS_GROUP; /srv/, /var/lib/
# and /etc/vigil move under $T; $RS_SED adds substitutions of the caller's.
# Each line runs in a clean environment (env -i) with umask 007 (root:
# 022), PATH starting with $RS_BIN, and VIGIL_CONFIG naming the moved
# /etc/vigil/config (where a real host's vigil would find /etc/vigil/config
# itself). Nothing else of the command text changes.

RS_GROUP=${RS_GROUP:-tmteam}
RS_SED=${RS_SED:-}

# RS_PREFIX (default tm) starts every account name, so two tests running at
# once (test_team, test_setgid) never share an account.
RS_PREFIX=${RS_PREFIX:-tm}
P=$RS_PREFIX

rs_acct()
{
	case "$1" in
	alice) echo ${P}admin ;; bob) echo ${P}triage ;; carol) echo ${P}sim ;;
	dave) echo ${P}eim ;; erin) echo ${P}comms ;; frank) echo ${P}review ;;
	mallory) echo ${P}out ;; root) echo root ;;
	*) echo "unknown-$1" ;;
	esac
}

rs_translate()
{
	sed -E -e "s/\\balice\\b/${P}admin/g; s/\\bbob\\b/${P}triage/g" \
	    -e "s/\\bcarol\\b/${P}sim/g; s/\\bdave\\b/${P}eim/g; s/\\berin\\b/${P}comms/g" \
	    -e "s/\\bfrank\\b/${P}review/g; s/\\bmallory\\b/${P}out/g" \
	    -e "s/\\bir\\b/$RS_GROUP/g" \
	    -e "s|/etc/vigil|$T/etc/vigil|g" \
	    -e "s|/srv/|$T/srv/|g; s|/var/lib/|$T/var/lib/|g" \
	    ${RS_SED:+-e "$RS_SED"}
}

# The prompt lines of the section headed TITLE (up to the next heading).
rs_section()
{
	awk -v t="$1" '$0 == t { on = 1; next } on && /^##/ { exit } on' \
	    "$README" | grep -E '^(root#|[a-z]+\$) '
}

# rs_step WHO COMMAND: run one README line as WHO (sets OUT, ERR, RC).
rs_step()
{
	local who=$1 cmd=$2 u
	u=$(rs_acct "$who")
	if [ "$u" = root ]; then
		run env -i PATH="$RS_BIN:/usr/sbin:/usr/bin:/sbin:/bin" \
		    HOME=/root LC_ALL=C.UTF-8 TZ=UTC \
		    sh -c "umask 022; $(printf '%s\n' "$cmd" | rs_translate)"
	else
		run runuser -u "$u" -- env -i PATH="$RS_BIN:/usr/bin:/bin" \
		    HOME=/nonexistent XDG_CONFIG_HOME="$T/noconfig" LC_ALL=C.UTF-8 TZ=UTC \
		    VIGIL_CONFIG="$T/etc/vigil/config" \
		    sh -c "umask 007; $(printf '%s\n' "$cmd" | rs_translate)"
	fi
}

# rs_run_line LINE: run it; a line whose comment says "refused" must fail
# with one "vigil: " line (kept in REFUSAL), every other must succeed.
rs_run_line()
{
	local line=$1 who cmd
	who=${line%%[#$]*}
	cmd=${line#*[#$] }
	rs_step "$who" "$cmd"
	case "$cmd" in
	*"# refused"*)
		if [ "$RC" != 0 ] && [ "$(wc -l <"$ERRF")" = 1 ] &&
		    [ "${ERR#vigil: }" != "$ERR" ]; then
			ok
		else
			not_ok "'$line' should be refused in one line (rc $RC): $ERR"
		fi
		REFUSAL=$ERR
		;;
	*)
		if [ "$RC" = 0 ]; then ok; else
			not_ok "'$line' failed (rc $RC): $ERR"
		fi
		;;
	esac
}

# rs_check_files DIR GROUP WHEN: nobody locked out — every file in DIR is
# GROUP's and group-readable and writable; a chain key (*.key, the setgid
# installation's) is GROUP's and read-only, 0440.
rs_check_files()
{
	local f bad=""
	[ -d "$1" ] || return 0
	for f in "$1"/*; do
		[ -e "$f" ] || continue
		case "$f" in
		*.key)
			[ "$(stat -c '%a %G' "$f")" = "440 $2" ] ||
			    bad="$bad $(stat -c '%n %a %U:%G' "$f")"
			continue ;;
		esac
		if [ "$(stat -c %G "$f")" != "$2" ] ||
		    [ $(( 0$(stat -c %a "$f") & 060 )) != $((060)) ]; then
			bad="$bad $(stat -c '%n %a %U:%G' "$f")"
		fi
	done
	if [ -z "$bad" ]; then ok; else not_ok "after '$3': locked out:$bad"; fi
}
