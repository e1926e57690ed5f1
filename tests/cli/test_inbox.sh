#!/bin/bash
# test_inbox.sh: alert intake end to end with the feeds in feeds/ (written
# for these tests in each tool's documented format): every reader, the
# dedupe counts, grouping and a stop-value, re-import adding nothing, a
# malformed and an over-long line reported with their numbers while the
# rest is imported, suppressions, accept / attach / dismiss with their
# journal entries, `show` and `report`, and hostile alert text inert in
# `inbox`, `inbox --json`, `alert show --raw` and `show`.
. "$TESTLIB"

FEEDS=$(dirname "$0")/feeds
expect_exit 0 v init

# ---- each format -----------------------------------------------------
expect_exit 0 v import "$FEEDS/wazuh-alerts.json"
assert_contains "$OUT" "6 lines (wazuh): 6 alerts stored, 4 new inbox entries (1 grouped), 2 repeats counted" "wazuh counts"
expect_exit 0 v import "$FEEDS/suricata-eve.json"
assert_contains "$OUT" "5 lines (suricata): 3 alerts stored, 2 new inbox entries" "suricata counts"
assert_contains "$OUT" "2 not alerts" "flow and dns records are not alerts"
expect_exit 0 v import --format ocsf "$FEEDS/ocsf-findings.json"
assert_contains "$OUT" "4 lines (ocsf): 3 alerts stored, 2 new inbox entries (0 grouped), 1 repeats counted" "ocsf counts"
assert_contains "$OUT" "1 not alerts" "an Authentication event is not a finding"
expect_exit 0 v import "$FEEDS/ecs-alerts.json"
assert_contains "$OUT" "3 lines (ecs): 3 alerts stored, 2 new inbox entries (1 grouped), 1 repeats counted" "ecs counts"
expect_exit 0 v import --map "$FEEDS/custom-map.json" "$FEEDS/custom.jsonl"
assert_contains "$OUT" "3 lines (jsonl): 3 alerts stored, 3 new inbox entries" "mapped jsonl counts"
assert_eq 18 "$(sql "SELECT count(*) FROM alert")" "18 alerts stored"
assert_eq 13 "$(sql "SELECT count(*) FROM inbox_entry")" "13 entries"

# the fields of each reader
assert_eq "wazuh|5763|web-01|3|2" "$(sql "SELECT source, rule, host, count, \
severity FROM inbox_entry WHERE id = 1")" "wazuh: 3 brute-force alerts on one entry"
assert_eq "suricata|suricata|flow:1289355012211004|2" "$(sql "SELECT source, \
fingerprint, count FROM inbox_entry WHERE title LIKE 'ET INFO%'")" \
    "suricata: two signatures of one flow are one entry"
assert_eq "1" "$(sql "SELECT severity FROM inbox_entry WHERE title LIKE \
'ET WEB_SERVER%'")" "suricata severity 1 is SEV1"
assert_eq "ExampleEDR|edr-rule-4410|fin-ws-17|j.meyer|1|2" "$(sql "SELECT \
source, rule, host, user, severity, count FROM inbox_entry WHERE format = \
'ocsf' ORDER BY id LIMIT 1")" "ocsf: the update raised the entry to SEV1"
assert_eq "2026-11-30 10:20:00|2026-11-30 10:25:00" "$(sql "SELECT \
datetime(first_seen, 'unixepoch'), datetime(last_seen, 'unixepoch') FROM \
inbox_entry WHERE format = 'ocsf' ORDER BY id LIMIT 1")" "ocsf epoch milliseconds"
assert_eq "elastic|hr-ws-03|a.okafor|10.30.6.3|198.51.100.200|3|2" "$(sql \
"SELECT source, host, user, src_ip, dst_ip, severity, count FROM inbox_entry \
WHERE title LIKE 'Unusual Network%'")" "ecs nested fields"
assert_eq "fin-ws-17|j.meyer|2" "$(sql "SELECT host, user, severity FROM \
inbox_entry WHERE title LIKE 'Potential Credential%'")" "ecs dotted keys"
assert_eq "fw-audit|geo-new|vpn-gw-1|k.lind|1|2026-11-30 13:00:00" "$(sql \
"SELECT source, rule, host, user, severity, datetime(first_seen, 'unixepoch') \
FROM inbox_entry WHERE format = 'jsonl' ORDER BY id LIMIT 1")" "mapped fields"
# the raw line is kept byte for byte
assert_eq "$(sed -n 4p "$FEEDS/wazuh-alerts.json")" "$(sql "SELECT raw FROM \
alert WHERE id = 4")" "raw alert verbatim"

# ---- grouping and its reasons ---------------------------------------
assert_eq "1|same host web-01" "$(sql "SELECT group_id, group_why FROM \
inbox_entry WHERE rule = '550'")" "the checksum alert joins the web-01 entry"
assert_eq "same host fin-ws-17" "$(sql "SELECT group_why FROM inbox_entry \
WHERE title LIKE 'Potential Credential%'")" "an Elastic alert joins an OCSF entry"
expect_exit 0 v inbox
assert_contains "$OUT" "inbox: 13 new entries, 18 alerts" "the header"
assert_contains "$OUT" "same host web-01 (why grouped)" "inbox shows why"
# "-" is a stop-value: the backup alert has user "-" but joined by host only
assert_eq "same host vpn-gw-1" "$(sql "SELECT group_why FROM inbox_entry \
WHERE rule = 'backup'")" "grouped by host"
# most severe first, then newest
assert_eq "$(sql "SELECT id FROM inbox_entry WHERE state = 'new' AND \
group_id IS NULL ORDER BY severity, last_seen DESC, id DESC" | head -3 | \
tr '\n' ' ')" "$(v inbox --json >"$TL_TMP/inbox.json"; sqlite3 :memory: \
"SELECT group_concat(value->>'id', ' ') || ' ' FROM json_each(CAST(readfile(\
'$TL_TMP/inbox.json') AS TEXT), '\$.entries') WHERE key < 3")" \
    "inbox --json order"

# a stop-value keeps a shared address from merging unrelated entries
cat >"$TL_TMP/gw.jsonl" <<'EOF'
{"ts":"2026-11-30T14:00:00Z","prio":"high","msg":"Port scan","check":"scan","box":"fw-a","net":{"from":"10.99.0.1","to":"192.0.2.1"}}
{"ts":"2026-11-30T14:01:00Z","prio":"high","msg":"Malware download","check":"av","box":"fw-b","net":{"from":"10.99.0.1","to":"192.0.2.2"}}
{"ts":"2026-11-30T14:02:00Z","prio":"high","msg":"DNS tunnel","check":"dns","box":"fw-c","net":{"from":"10.99.0.1","to":"192.0.2.3"}}
EOF
cp "$TL_TMP/gw.jsonl" "$TL_TMP/gw2.jsonl"
sed -i 's/14:0/15:3/; s/fw-/fx-/' "$TL_TMP/gw2.jsonl"
expect_exit 0 v import --map "$FEEDS/custom-map.json" "$TL_TMP/gw.jsonl"
assert_contains "$OUT" "3 new inbox entries (2 grouped)" "the NAT address groups them"
expect_exit 0 v import --map "$FEEDS/custom-map.json" --stop 10.99.0.1 \
    "$TL_TMP/gw2.jsonl"
assert_contains "$OUT" "3 new inbox entries (0 grouped)" "--stop 10.99.0.1 does not group"
# a group is as severe as its most severe member
echo '{"ts":"2026-11-30T14:10:00Z","prio":"critical","msg":"Ransom note written","check":"ransom","box":"fw-a","net":{"from":"10.99.0.7","to":"192.0.2.9"}}' \
    >"$TL_TMP/raise.jsonl"
assert_eq 2 "$(sql "SELECT severity FROM inbox_entry WHERE rule = 'scan' AND host = 'fw-a'")" \
    "the head is SEV2"
expect_exit 0 v import --map "$FEEDS/custom-map.json" "$TL_TMP/raise.jsonl"
assert_contains "$OUT" "1 new inbox entries (1 grouped)" "joins the fw-a group"
assert_eq "1|1" "$(sql "SELECT severity, (SELECT severity FROM inbox_entry \
WHERE rule = 'scan' AND host = 'fw-a') FROM inbox_entry WHERE rule = 'ransom'")" \
    "the SEV2 head is raised to the SEV1 of its new member"

# ---- re-import adds nothing ----------------------------------------
counts()
{
	sql "SELECT (SELECT count(*) FROM alert), (SELECT count(*) FROM \
inbox_entry), (SELECT sum(count) FROM inbox_entry), (SELECT group_concat(\
group_why) FROM inbox_entry)"
}
before=$(counts)
for f in wazuh-alerts suricata-eve ocsf-findings ecs-alerts; do
	expect_exit 0 v import --quiet "$FEEDS/$f.json"
done
expect_exit 0 v import --map "$FEEDS/custom-map.json" "$FEEDS/custom.jsonl"
assert_contains "$OUT" "0 alerts stored, 0 new inbox entries" "nothing new"
assert_contains "$OUT" "3 already imported" "counted as already imported"
assert_eq "$before" "$(counts)" "re-importing every feed changed no row"
assert_eq "alerts.import|0|3" "$(sql "SELECT action, payload->>'stored', \
payload->>'already' FROM journal ORDER BY seq DESC LIMIT 1")" \
    "the batch is journaled with its counts"

# ---- bad lines --------------------------------------------------------
{
	sed -n 1p "$FEEDS/suricata-eve.json" | sed 's/1289355012211004/42/'
	echo '{"timestamp":"2026-11-30T10:00:00Z", "event_type": "alert", oops'
	sed -n 5p "$FEEDS/suricata-eve.json" | sed 's/903311876540021/43/'
	printf '{"event_type":"alert","alert":{"signature":"%s"}}\n' \
	    "$(head -c 300000 /dev/zero | tr '\0' A)"
	echo '[1, 2, 3]'
	echo '{"timestamp":"2026-11-30T10:00:00Z","event_type":"alert","alert":{}}'
	sed -n 2p "$FEEDS/suricata-eve.json" | sed 's/1289355012211004/44/'
} >"$TL_TMP/bad.json"
n0=$(sql "SELECT count(*) FROM journal")
run v import "$TL_TMP/bad.json"
assert_eq 65 "$RC" "bad lines: exit 65"
assert_contains "$ERR" "bad.json:2: not valid JSON" "line 2 named"
assert_contains "$ERR" "bad.json:4: 300" "line 4 named with its size"
assert_contains "$ERR" "over the 262144-byte limit; refused" "the limit said"
assert_contains "$ERR" "bad.json:5: a JSON array, not an object" "line 5"
assert_contains "$ERR" "bad.json:6: no title" "line 6"
assert_contains "$ERR" "4 of 7 lines were not imported" "the summary"
assert_contains "$OUT" "3 alerts stored" "the good lines are imported"
assert_eq $((n0 + 1)) "$(sql "SELECT count(*) FROM journal")" "one entry"
assert_eq 4 "$(sql "SELECT payload->>'malformed' FROM journal ORDER BY seq \
DESC LIMIT 1")" "malformed counted in the journal"
# stdin, and a file that is not there
expect_exit 0 v import - <"$FEEDS/ecs-alerts.json"
assert_contains "$OUT" "3 already imported" "stdin"
expect_refused 66 v import "$TL_TMP/nope.json"
expect_refused 64 v import --format nosuch "$FEEDS/ecs-alerts.json"
expect_refused 64 v import --format jsonl "$FEEDS/custom.jsonl"
echo '{"title": "$.msg", "colour": "$.c"}' >"$TL_TMP/badmap.json"
expect_refused 65 v import --map "$TL_TMP/badmap.json" "$FEEDS/custom.jsonl"
assert_contains "$ERR" "'colour' is not a field" "a bad map is named"
printf 'not json at all\n' >"$TL_TMP/unknown.json"
run v import "$TL_TMP/unknown.json"
assert_eq 65 "$RC" "an unknown format is refused line by line"

# ---- suppressions ----------------------------------------------------
expect_refused 64 v suppress add --match 'colour=red' --reason x --until \
    2099-01-01T00:00:00Z
expect_refused 65 v suppress add --match 'host=x' --reason x --until \
    2000-01-01T00:00:00Z
expect_exit 0 v suppress add --match 'source=suricata,rule=2018789' \
    --reason "TOR policy noise on the guest network" --until 2099-01-01T00:00:00Z
assert_eq "suppression 1" "$OUT" "its number"
cat >"$TL_TMP/tor.json" <<'EOF'
{"timestamp":"2026-11-30T16:00:00.000000+0000","flow_id":555001,"event_type":"alert","src_ip":"10.20.9.9","src_port":40000,"dest_ip":"185.220.101.10","dest_port":443,"proto":"TCP","alert":{"action":"allowed","gid":1,"signature_id":2018789,"rev":5,"signature":"ET POLICY TLS possible TOR SSL traffic","category":"Misc Activity","severity":3}}
{"timestamp":"2026-11-30T16:05:00.000000+0000","flow_id":555002,"event_type":"alert","src_ip":"10.20.9.9","src_port":40002,"dest_ip":"185.220.101.11","dest_port":443,"proto":"TCP","alert":{"action":"allowed","gid":1,"signature_id":2018789,"rev":5,"signature":"ET POLICY TLS possible TOR SSL traffic","category":"Misc Activity","severity":3}}
EOF
e0=$(sql "SELECT count(*) FROM inbox_entry")
expect_exit 0 v import "$TL_TMP/tor.json"
assert_contains "$OUT" "2 suppressed" "both suppressed"
assert_eq "$e0" "$(sql "SELECT count(*) FROM inbox_entry")" "no entry"
expect_exit 0 v suppress list
assert_match "$OUT" "^1 +active +2 " "suppress list counts what it hid"
assert_contains "$OUT" "root" "the owner"
assert_contains "$OUT" "TOR policy noise" "the reason"
assert_eq "suppression.add|root" "$(sql "SELECT action, login FROM journal \
WHERE action = 'suppression.add'")" "journaled with its owner"

# ending one early: what it would have hidden reaches the inbox again
expect_refused 64 v suppress end 1
expect_refused 66 v suppress end 7 --reason "no such"
expect_exit 0 v suppress end 1 --reason "the guest network is gone"
assert_eq "suppression 1 ended" "$OUT" "says what it did"
expect_refused 65 v suppress end 1 --reason again
expect_exit 0 v suppress list
assert_eq "no active suppressions" "$OUT" "no active suppression left"
sed -e 's/555001/555101/; s/555002/555102/; s/16:0/17:0/' "$TL_TMP/tor.json" \
    >"$TL_TMP/tor2.json"
expect_exit 0 v import "$TL_TMP/tor2.json"
assert_contains "$OUT" "0 suppressed" "nothing suppressed after the end"
assert_eq $((e0 + 2)) "$(sql "SELECT count(*) FROM inbox_entry")" \
    "the alerts are in the inbox again"
expect_exit 0 v journal
assert_contains "$OUT" "ended suppression 1 of alerts matching \
source=suricata,rule=2018789 (it had hidden 2): the guest network is gone" \
    "the end is journaled as a sentence"

# ---- accept, attach, dismiss ----------------------------------------
ocsf=$(sql "SELECT id FROM inbox_entry WHERE format = 'ocsf' ORDER BY id \
LIMIT 1")
expect_exit 0 v inbox accept "$ocsf"
key=$OUT
assert_eq IR-1 "$key" "accept prints the new key"
expect_exit 0 v show IR-1 --json
assert_eq "LSASS memory read by an unsigned process" "$(out_json '$.title')" \
    "the alert's title"
assert_eq 1 "$(out_json '$.severity')" "the alert's severity"
assert_eq root "$(out_json '$.roles.triage')" "the accepter holds triage"
expect_exit 0 v show IR-1
assert_match "$OUT" "alerts +3 in 2 inbox entries, first seen 2026-11-30 10:20Z, last seen 2026-11-30 10:40Z" \
    "show: count, first and last seen (the Elastic alert came along)"
assert_eq "accepted|accepted" "$(sql "SELECT group_concat(state, '|') FROM \
inbox_entry WHERE incident_id = 1")" "the group was accepted with it"
assert_eq "inbox.accept|IR-1|3" "$(sql "SELECT j.action, 'IR-' || \
j.incident_id, j.payload->>'alerts' FROM journal j ORDER BY seq DESC LIMIT 1")" \
    "accept journaled on the incident"
expect_refused 65 v inbox accept "$ocsf"
assert_contains "$ERR" "already accepted as IR-1" "accepting twice"
tor=$(sql "SELECT id FROM inbox_entry WHERE fingerprint = \
'suricata|flow:1289355012211004'")
expect_exit 0 v inbox attach "$tor" IR-1
assert_eq "attached|1" "$(sql "SELECT state, incident_id FROM inbox_entry \
WHERE id = $tor")" "attached"
expect_exit 0 v show IR-1
assert_contains "$OUT" "alerts       7 in 5 inbox entries" "the attached entry brought its group (same address)"
assert_contains "$OUT" "first seen 2026-11-30 10:02Z" "first seen: the tor flow"
expect_exit 0 v show IR-1 --json
assert_eq "7|5|2026-11-30T10:02:11Z" "$(sqlite3 :memory: "SELECT \
json_extract(j, '$.alerts.count') || '|' || json_array_length(j, \
'$.alerts.entries') || '|' || json_extract(j, '$.alerts.first_seen') FROM \
(SELECT CAST(readfile('$OUTF') AS TEXT) AS j)")" \
    "show --json: the alerts' count, entries and first seen"
pam=$(sql "SELECT id FROM inbox_entry WHERE rule = '5503'")
expect_refused 64 v inbox dismiss "$pam"
expect_refused 64 v inbox dismiss "$pam" --reason boring
expect_exit 0 v inbox dismiss "$pam" --reason benign --note "nightly job"
assert_eq "dismissed|benign|root" "$(sql "SELECT state, reason, decided_by \
FROM inbox_entry WHERE id = $pam")" "dismissed with its reason"
assert_eq "inbox.dismiss|benign|nightly job" "$(sql "SELECT action, \
payload->>'reason', payload->>'note' FROM journal ORDER BY seq DESC LIMIT 1")" \
    "dismiss journaled"
expect_refused 66 v inbox accept 9999
expect_refused 64 v inbox accept x12
expect_exit 0 v inbox
assert_not_contains "$OUT" "LSASS" "accepted entries leave the inbox"
assert_not_contains "$OUT" "PAM: User login failed" "dismissed entries too"
# a repeat of an accepted entry lands on the incident
sed -n 2p "$FEEDS/ocsf-findings.json" | sed 's/1796034300000/1796034900000/' \
    >"$TL_TMP/again.json"
expect_exit 0 v import "$TL_TMP/again.json"
assert_contains "$OUT" "1 repeats counted" "the repeat"
expect_exit 0 v show IR-1
assert_contains "$OUT" "alerts       8 in 5 inbox entries" "one more alert"
# attach to a closed incident is refused
expect_exit 0 v new "Closed one" >/dev/null
expect_exit 0 v close IR-2 --resolution benign --note x
web=$(sql "SELECT id FROM inbox_entry WHERE rule = '5763' AND state = 'new' \
ORDER BY id LIMIT 1")
expect_refused 65 v inbox attach "$web" IR-2

# ---- inbox show and alert show ----------------------------------------
expect_exit 0 v inbox show "$web"
assert_contains "$OUT" "fingerprint  wazuh|5763|web-01" "the fingerprint"
assert_contains "$OUT" "alert ids    1 2 3" "its alerts"
expect_exit 0 v alert show 1 --raw
assert_eq "$(sed -n 1p "$FEEDS/wazuh-alerts.json")" "$OUT" "raw JSON"
expect_refused 66 v alert show 99999

# ---- report ----------------------------------------------------------
expect_exit 0 v report --json
assert_eq "$(sql "SELECT count(*) FROM alert")" "$(out_json '$.alerts.received')" "received"
assert_eq 2 "$(out_json '$.alerts.suppressed')" "suppressed"
assert_eq 2 "$(out_json '$.alerts.accepted')" "accepted entries"
assert_eq 1 "$(out_json '$.alerts.dismissed')" "dismissed entries"
assert_eq "$(sql "SELECT sum(count) - count(*) FROM inbox_entry")" \
    "$(out_json '$.alerts.deduplicated')" "deduplicated"
assert_eq integer "$(out_type '$.alerts.median_accept_s')" "a median"
expect_exit 0 v report
assert_contains "$OUT" "median arrival -> accepted" "report text"

# ---- hostile alert text ----------------------------------------------
printf '{"ts":"2026-11-30T17:00:00Z","prio":"critical","msg":"\\u001b]0;pwned\\u0007\\u001b[2J evil \\u202egnp.exe\\u200b","check":"x\\u001b[31m","box":"h\\u009b1m\\u2066","who":"\xff\xfe bad","net":{"from":"1.2.3.4","to":"5.6.7.8"}}\n' \
    >"$TL_TMP/hostile.jsonl"
expect_exit 0 v import --map "$FEEDS/custom-map.json" "$TL_TMP/hostile.jsonl"
hid=$(sql "SELECT max(id) FROM inbox_entry")
aid=$(sql "SELECT max(id) FROM alert")
inert()
{
	local what=$1
	if LC_ALL=C grep -q $'\x1b\|\x07\|\xc2\x9b\|\xe2\x80\xae\|\xe2\x81\xa6\|\xe2\x80\x8b' "$OUTF"; then
		not_ok "$what: a control or bidi character reached the output"
	else
		ok
	fi
}
expect_exit 0 v inbox
inert "inbox"
assert_contains "$OUT" "evil" "the title is shown"
expect_exit 0 v inbox --json
inert "inbox --json"
assert_eq 1 "$(json_valid "$OUTF")" "still valid JSON"
assert_eq "$(printf '\033]0;pwned\a\033[2J evil \342\200\256gnp.exe\342\200\213')" \
    "$(sqlite3 :memory: "SELECT value->>'title' FROM json_each(CAST(readfile(\
'$OUTF') AS TEXT), '\$.entries') WHERE value->>'id' = $hid")" \
    "the JSON means the raw title"
expect_exit 0 v inbox show "$hid"
inert "inbox show"
expect_exit 0 v alert show "$aid" --raw
inert "alert show --raw"
assert_contains "$OUT" "evil" "raw shown"
expect_exit 0 v alert show "$aid" --json
inert "alert show --json"
expect_exit 0 v inbox accept "$hid"
k=$OUT
expect_exit 0 v show "$k"
inert "show"
expect_exit 0 v list
inert "list"
for fmt in json md; do
	expect_exit 0 v export "$k" --format $fmt
	inert "export --format $fmt"
done
assert_eq "$(printf 'h\302\2331m\342\201\246')" "$(sql "SELECT host FROM \
inbox_entry WHERE id = $hid")" "stored unchanged"

# ---- the header's kept counts agree with the entries ------------------
expect_exit 0 v inbox --json
assert_eq "$(sql "SELECT count(*) || ' ' || sum(count) FROM inbox_entry \
WHERE state = 'new'")" "$(out_json '$.new_entries') $(out_json \
'$.new_alerts')" "the kept counts after imports, repeats and decisions"

tl_done
