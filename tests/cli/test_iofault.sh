#!/bin/bash
# test_iofault.sh: a declaration with the disk failing under it. For every
# N, the Nth write of the declaring vigil fails (EIO), then the Nth write
# with ENOSPC (a full disk), then the Nth fsync; N runs until the
# declaration no longer reaches the fault. Each time: vigil either
# declared (exit 0) or said why in one line (exit 74, an I/O error);
# nothing is half written (the incident is declared exactly when its
# breach.declare entry is in the journal, and the deadline milestone with
# it); and the file verifies. Prints the counts per kind.
. "$TESTLIB"

[ -n "${IOFAULT_LIB:-}" ] && [ -f "$IOFAULT_LIB" ] || tl_skip "the shim \
is not built (IOFAULT_LIB)"

expect_exit 0 v init
expect_exit 0 v new "Card data exposed" --severity 1
expect_exit 0 v assign IR-1 eim "$(id -un)"
expect_exit 0 v milestone IR-1 incident_confirmed
sql "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$DB" "$TL_TMP/base.db"

for kind in write enospc fsync; do
	n=1 faults=0 refused=0 committed_anyway=0
	while :; do
		# each round starts from the same file: a new witness too
		rm -f "$DB" "$DB-wal" "$DB-shm" "$DB-journal"
		rm -rf "$HOME/.local/state"
		cp "$TL_TMP/base.db" "$DB"
		run env LD_PRELOAD="$IOFAULT_LIB" IOFAULT_KIND=$kind \
		    IOFAULT_N=$n IOFAULT_COUNT="$TL_TMP/count" "$VIGIL" \
		    --db "$DB" declare IR-1 --reason "card data"
		case "$ERR" in
		*"ASan runtime"*) tl_skip "LD_PRELOAD under ASan" ;;
		esac
		calls=$(cat "$TL_TMP/count" 2>/dev/null || echo 0)
		declared=$(sql "SELECT declared_at IS NOT NULL FROM incident \
WHERE id = 1")
		entry=$(sql "SELECT count(*) FROM journal WHERE action = \
'breach.declare'")
		if [ "$declared" != "$entry" ]; then
			not_ok "$kind #$n: half written (declared $declared, \
journal entries $entry)"
		fi
		if [ "$RC" = 0 ]; then
			[ "$declared" = 1 ] || not_ok "$kind #$n: exit 0, not \
declared"
		else
			refused=$((refused + 1))
			lines=$(printf '%s\n' "$ERR" | wc -l)
			if [ "$lines" != 1 ] || [ "${ERR#vigil: }" = "$ERR" ]
			then
				not_ok "$kind #$n: not one 'vigil:' line: $ERR"
			fi
			[ "$RC" = 74 ] || not_ok "$kind #$n: exit $RC, not 74: \
$ERR"
			[ "$declared" = 1 ] && committed_anyway=$((committed_anyway \
+ 1))
		fi
		run v verify
		[ "$RC" = 0 ] || not_ok "$kind #$n: verify after the fault: $ERR"
		[ "$n" -gt "$calls" ] && break
		faults=$((faults + 1))
		n=$((n + 1))
		[ "$n" -gt 400 ] && { not_ok "$kind: more than 400 calls"; break; }
	done
	echo "iofault $kind: $faults faults injected, $refused refused, \
$committed_anyway reported failing after the commit was durable"
	ok
done
tl_done
