#!/usr/bin/env bash
# test_inbox.sh: the triage inbox in the console, end to end in tmux at
# 80x24. Alerts imported through the command line (one of them hostile:
# escape sequences, a bidi override, invalid UTF-8); the queue's header
# counts the inbox; i opens it; the grouped entry shows why; Y accepts an
# entry (a new incident, the accepter as triage holder), J attaches one
# to it (the key typed), Z dismisses one (the reason chosen); the header
# counter follows; an import made while the console is open appears
# within seconds. The raw bytes the console wrote never carry the
# hostile control characters. The command line agrees on every act.
set -u
. "$(dirname "$0")/tmux-lib.sh"

FEEDS=$(dirname "$0")/../cli/feeds
v init >/dev/null || tl_fail "init"
v import --quiet "$FEEDS/wazuh-alerts.json" || tl_fail "import wazuh"
printf '{"ts":"2026-11-30T17:00:00Z","prio":"low","msg":"\\u001b]0;pwned\\u0007\\u001b[2Jevil \\u202egnp.exe","check":"x","box":"kiosk-9","who":"\xff\xfebad","net":{"from":"1.2.3.4","to":"5.6.7.8"}}\n' \
    >"$TL_DIR/hostile.jsonl"
v import --quiet --map "$FEEDS/custom-map.json" "$TL_DIR/hostile.jsonl" ||
    tl_fail "import hostile"

tl_start 80 24
tl_wait "inbox 5"
tl_keys i
tl_wait "inbox  5 new entries, 7 alerts"
tl_wait "sshd: brute force"
tl_wait "evil"
# the first row is the most severe and newest: entry 4 (SEV2, 11:40)
tl_wait "> 4"
tl_keys Down
tl_wait "> 1"
tl_keys Down
tl_wait "> +2"
tl_wait "grouped: same host web-01"

# accept entry 1 (and its member 2)
tl_keys Up
tl_wait "> 1"
tl_keys Y
tl_wait "Entry 1 accepted as IR-1; you hold triage."
tl_wait "inbox  3 new entries, 3 alerts"
[ "$(sqlite3 "$TL_DB" "SELECT login FROM assignment WHERE incident_id = 1 \
AND role = 'triage'")" = "$ME" ] || tl_fail "the accepter is not triage"

# attach entry 4 to IR-1
tl_keys g
tl_wait "> 4"
tl_keys J
tl_wait "Attach entry 4 to incident:"
tl_type "1"
tl_keys Enter
tl_wait "Entry 4 attached to IR-1."
tl_wait "inbox  2 new entries, 2 alerts"

# dismiss the PAM entry (3) as benign: below the newer hostile one
tl_keys g
tl_wait "> 5"
tl_keys Down
tl_wait "> 3"
tl_keys Z
tl_wait "Dismiss entry 3 as"
tl_keys Down
tl_keys Enter
tl_wait "Entry 3 dismissed (benign)."
tl_wait "inbox  1 new entry, 1 alert"

# an import while the console is open shows within seconds
v import --quiet --format ocsf "$FEEDS/ocsf-findings.json" ||
    tl_fail "import ocsf"
tl_wait "inbox  3 new entries, 4 alerts"
tl_wait "LSASS memory read"

# back to the queue: IR-1 is there, the header counts the inbox
tl_keys Escape
tl_wait "inbox 3"
tl_wait "IR-1"
tl_keys q
tl_wait_exit

[ "$(sqlite3 "$TL_DB" "SELECT group_concat(id || ':' || state, ' ') FROM \
inbox_entry WHERE id <= 4")" = "1:accepted 2:accepted 3:dismissed 4:attached" ] ||
    tl_fail "the entries' states: $(sqlite3 "$TL_DB" "SELECT group_concat(id \
|| ':' || state, ' ') FROM inbox_entry")"
[ "$(sqlite3 "$TL_DB" "SELECT group_concat(action, ' ') FROM journal WHERE \
action LIKE 'inbox.%' ORDER BY seq")" = "inbox.accept inbox.attach inbox.dismiss" ] ||
    tl_fail "the journal lacks the three acts"
# the hostile title never reached the terminal as control characters
if LC_ALL=C grep -q $'\x1b\]0;pwned\|\xe2\x80\xae' "$TL_RAW"; then
	tl_fail "hostile control characters reached the terminal"
fi
echo "ok"
