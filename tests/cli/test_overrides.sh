#!/bin/bash
# test_overrides.sh: a mistake in a user's rule or calendar file is loud.
# Each mistake gives the clocks it defines state ERROR with the file and
# line in `vigil clocks`, makes `vigil rules` exit 65, and is repeated as a
# warning by `vigil declare` at the moment the clock starts. Never a silent
# fall-back to the shipped rule (the 72 hours of the contract, say).
. "$TESTLIB"

NOW0=$(date +%s)
ago() { date -u -d "@$((NOW0 - $1))" +%Y-%m-%dT%H:%M:%SZ; }
H=3600
RULES="$XDG_CONFIG_HOME/vigil/rules"
CALS="$XDG_CONFIG_HOME/vigil/calendars"
mkdir -p "$RULES" "$CALS"
st() { sqlite3 :memory: "SELECT json_extract(value, '\$.$2') FROM \
json_each(CAST(readfile('$OUTF') AS TEXT)) WHERE json_extract(value, \
'\$.id') = '$1'"; }

expect_exit 0 v rules
expect_exit 0 v init
expect_exit 0 v new "Override mistakes"
K=$OUT
expect_exit 0 v assign "$K" eim "$(id -un)"

# clocks KEY: clock $1 is ERROR and its message names $2 (file:line)
clocks_say()
{
	run v clocks "$K"
	if printf '%s\n' "$OUT" | grep -q "^$1 \+ERROR" &&
	    printf '%s\n' "$OUT" | grep -q "$2"; then
		ok
	else
		not_ok "clocks does not show $1 as ERROR with $2: $OUT"
	fi
}

# declare KEY: succeeds, prints the deadline, warns on stderr about $1
declare_warns()
{
	run v declare "$K" --reason "records accessed" --at "$(ago $H)"
	if [ "$RC" = 0 ] && printf '%s\n' "$ERR" | grep -q "^vigil: warning: \
clock $1 is in ERROR: .*$2"; then
		ok
	else
		not_ok "declare did not warn about $1 ($2): rc $RC: $ERR"
	fi
}

# ---- 1. a typo in the customer override: never the shipped 72 h -------
cat >"$RULES/customer.rules" <<'EOF'
# our contract: 48 hours
[customer]
name   = Customer notification (48-hour contract)
start  = declared
due    = 48 hours
status = contractual
EOF
expect_refused 65 v rules
assert_match "$OUT" "^customer +ERROR" "rules: the rule is in error"
assert_contains "$OUT" "customer.rules:5: due: bad period" \
    "rules names the file and line"
assert_contains "$ERR" "1 error" "rules says how many"
declare_warns customer 'customer.rules:5: due: bad period'
assert_contains "$OUT" "breach declared on $K" "declared all the same"
assert_not_contains "$OUT" "notified by" \
    "declare prints no deadline it cannot compute"
run v clocks "$K"
assert_match "$OUT" "^customer +ERROR" "clocks: customer is ERROR"
assert_contains "$OUT" "customer.rules:5" "clocks: the file and line"
expect_exit 0 v clocks "$K" --json
assert_eq error "$(st customer state)" "JSON state error"
assert_eq "" "$(st customer due_at)" "no due time guessed"
expect_exit 0 v show "$K" --json
assert_eq error "$(out_json '$.deadline.state')" "show: the deadline is error"
expect_exit 0 v list
assert_match "$(printf '%s\n' "$OUT" | grep "^$K ")" "ERROR" \
    "list shows ERROR, not -"
expect_exit 0 v retract "$K" --reason "next"

# a broken header loses the rule entirely: still no fall-back
printf '[customer\nstart = declared\ndue = 48h\nstatus = contractual\n' \
    >"$RULES/customer.rules"
expect_refused 65 v rules
assert_contains "$OUT" "customer.rules:1: bad section header" "header error"
declare_warns customer 'customer.rules:1'
clocks_say customer 'customer.rules:1: bad section header'
expect_exit 0 v retract "$K" --reason "next"
rm -f "$RULES/customer.rules"

# ---- 2. a start naming a rule that does not exist -------------------
cat >"$RULES/nis2-local.rules" <<'EOF'
[nis2-final-local]
name   = NIS2 final report (our reading)
start  = sent:nis2-notfy
due    = 1mo
tz     = Europe/Helsinki
status = in-force
EOF
expect_refused 65 v rules
assert_contains "$OUT" "nis2-local.rules:1: rule nis2-final-local: start \
names a rule that does not exist (sent:nis2-notfy)" "the typo is named"
expect_exit 0 v clocks "$K" --enable nis2-final-local
declare_warns nis2-final-local 'nis2-local.rules:1'
clocks_say nis2-final-local 'nis2-local.rules:1: rule nis2-final-local: start'
expect_exit 0 v retract "$K" --reason "next"
expect_exit 0 v clocks "$K" --json
assert_eq error "$(st nis2-final-local state)" "not pending forever: error"
expect_exit 0 v clocks "$K" --disable nis2-final-local
rm -f "$RULES/nis2-local.rules"

# ---- 3. a zone that is not an IANA name -----------------------------
cat >"$RULES/us-local.rules" <<'EOF'
[nydfs-local]
start  = incident_confirmed
due    = 72h
tz     = EST
status = in-force
EOF
expect_refused 65 v rules
assert_contains "$OUT" 'us-local.rules:4: tz: "EST" is not an IANA zone' \
    "EST is refused"
expect_exit 0 v clocks "$K" --enable nydfs-local
declare_warns nydfs-local 'us-local.rules:4'
clocks_say nydfs-local 'us-local.rules:4: tz: "EST"'
expect_exit 0 v retract "$K" --reason "next"
expect_exit 0 v clocks "$K" --disable nydfs-local
rm -f "$RULES/us-local.rules"

# ---- 4. the same id in two user files: both are named ----------------
printf '[acme]\nstart = aware\ndue = 24h\nstatus = contractual\n' \
    >"$RULES/a-contract.rules"
printf '\n[acme]\nstart = aware\ndue = 12h\nstatus = contractual\n' \
    >"$RULES/b-contract.rules"
expect_refused 65 v rules
assert_match "$OUT" "b-contract.rules:2: rule acme is defined twice: at \
.*a-contract.rules:1 and here" "the error names both files"
expect_exit 0 v clocks "$K" --enable acme
declare_warns acme \
    'a-contract.rules:1: rule acme is defined twice: here and at .*b-contract'
clocks_say acme 'a-contract.rules:1: rule acme is defined twice: here and at'
expect_exit 0 v retract "$K" --reason "next"
expect_exit 0 v clocks "$K" --disable acme
# a user file defining a shipped id under another name: also named
printf '[gdpr-33]\nstart = aware\ndue = 48h\nstatus = in-force\n' \
    >"$RULES/b-contract.rules"
expect_refused 65 v rules
assert_match "$OUT" "eu.rules:[0-9]+: rule gdpr-33 is defined twice: at \
.*b-contract.rules:1 and here" "a shipped id redefined is an error too"
rm -f "$RULES/a-contract.rules" "$RULES/b-contract.rules"

# ---- 5. a calendar whose years outrun its holidays -------------------
{
	printf 'weekend = sat,sun\nyears = 2025-2030\n'
	sed -n 's/^\(20[0-9-]*\) \(.*\)/\1 \2/p' \
	    "$VIGIL_SHARE/calendars/us-federal.cal"
} >"$CALS/us-federal.cal"
expect_refused 65 v rules
assert_contains "$OUT" "us-federal.cal:2: years 2025-2030: no holiday is \
listed for 2029" "years wider than the holidays"
expect_exit 0 v clocks "$K" --enable sec-8k
expect_exit 0 v milestone "$K" materiality_determined --at "$(ago $H)"
expect_exit 0 v clocks "$K" --json
assert_eq error "$(st sec-8k state)" "no business days counted on a guess"
assert_match "$(st sec-8k message)" "no calendar \"us-federal\"" \
    "the clock says why"
clocks_say sec-8k 'us.rules:[0-9]*: rule sec-8k: no calendar'
expect_exit 0 v milestone "$K" materiality_determined --at "$(ago 60)"
run v declare "$K" --reason again
assert_contains "$ERR" "vigil: warning: clock sec-8k is in ERROR" \
    "declare warns about the calendar too"
expect_exit 0 v retract "$K" --reason "next"
rm -f "$CALS/us-federal.cal"

# all fixed: clean again
expect_exit 0 v rules
run v declare "$K" --reason "fixed" --at "$(ago $H)"
assert_eq 0 "$RC" "declare after the fixes"
assert_eq "" "$ERR" "no warning once the files are right"
assert_contains "$OUT" "customers must be notified by" "the deadline"
expect_exit 0 v verify
tl_done
