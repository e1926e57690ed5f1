#!/bin/bash
# test_lifecycle.sh: two incidents walked through their whole life with the
# command line and fixed --at times: the notification ladder, the
# declaration, three recipients notified (customers_notified recorded by
# the last send, the customer deadline MET), closing refused while one is
# pending, the review and repair items after closing; a second incident
# notified a day late (MISSED). The export documents are compared with
# golden files and two exports must be identical bytes.
#
# The goldens come from a copy of the database in which everything vigil
# took from the real clock, the runner's login, UUIDs and hashes are pinned
# with the sqlite3 shell (journal entry N at 2026-04-01T00:00Z + N minutes),
# so stage durations and tenures are real differences of pinned times.
# VIGIL_UPDATE_GOLDEN=1 rewrites tests/cli/golden/ from this run.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$TESTLIB"

GOLDEN="$HERE/golden"
ME=$(id -un)
T0=$(($(date +%s) - 5))
PIN=$(date -u -d 2026-04-01T00:00:00Z +%s)
case "$ME" in
*[!a-z0-9_.-]*) tl_skip "login '$ME' has characters this test does not pin" ;;
esac

# ---- IR-1: a breach notified in time ------------------------------------
expect_exit 0 v init
# the comms holder's name and contact go into the bulletin
expect_exit 0 v roster add "$ME" --name "Casey Comms" \
    --contact "incident-comms@example.com, +1 555 0100"
expect_exit 0 v new "Customer database exposed" --severity 1 \
    --detected 2026-03-02T08:30:00Z \
    --description "A storage bucket holding customer exports was readable
from the internet for 9 days. Contents: names, e-mail addresses."
assert_eq "IR-1" "$OUT" "new prints the key"
for r in sim eim comms support; do
	expect_exit 0 v assign IR-1 $r "$ME"
done
expect_exit 0 v milestone IR-1 event_started --at 2026-03-02T07:45:00Z
expect_exit 0 v milestone IR-1 oncall_engaged --at 2026-03-02T08:40:00Z
expect_exit 0 v milestone IR-1 response_engaged --at 2026-03-02T09:00:00Z
expect_exit 0 v milestone IR-1 incident_confirmed --at 2026-03-02T11:00:00Z
expect_exit 0 v stage IR-1 assess
expect_exit 0 v milestone IR-1 impact_determined --at 2026-03-02T16:00:00Z
expect_exit 0 v stage IR-1 diagnose
expect_exit 0 v declare IR-1 --reason "customer data read by an outsider" \
    --at 2026-03-02T18:00:00Z
assert_contains "$OUT" "2026-03-05T18:00:00Z" "due 72 hours later"
expect_exit 0 v milestone IR-1 customers_determined \
    --at 2026-03-03T09:00:00Z
expect_exit 0 v note IR-1 "Bucket policy reverted; access logs preserved"
expect_exit 0 v stage IR-1 stabilize

expect_exit 0 v recipient add IR-1 "Acme Corp" --contact "security@acme.example"
assert_eq "R1" "$OUT" "first recipient"
expect_exit 0 v recipient add IR-1 "Globex Ltd" --kind customer \
    --channel portal --contact "https://portal.globex.example"
assert_eq "R2" "$OUT" "second recipient"
expect_exit 0 v recipient add IR-1 "Data Protection Authority" \
    --kind regulator --channel portal
assert_eq "R3" "$OUT" "third recipient"
expect_exit 64 v recipient add IR-1 "Bad" --kind press
expect_exit 64 v recipient add IR-1 "Bad" --channel fax

# the bulletin draft, rendered for R1, and a saved version
expect_exit 0 v bulletin IR-1 --recipient R1
assert_contains "$OUT" "Dear Acme Corp," "the recipient's name"
assert_contains "$OUT" "(IR-1)" "the key"
assert_contains "$OUT" "2026-03-02 18:00 UTC" "declared at, in UTC"
assert_contains "$(echo "$OUT" | tr "\n" " ")" "2026-03-05 18:00 UTC" "due at, in UTC"
assert_contains "$OUT" "readable
from the internet" "the summary is the description"
assert_contains "$OUT" "Casey Comms
incident-comms@example.com, +1 555 0100" "the comms holder and contact"
printf '%s\n' "$OUT" >"$TL_TMP/draft.md"
expect_exit 0 v bulletin IR-1 --template regulator --recipient R3
assert_contains "$OUT" "To: Data Protection Authority" "regulator template"
expect_exit 66 v bulletin IR-1 --template nosuch
expect_exit 64 v bulletin IR-1 --template ../../etc/passwd
expect_exit 0 v bulletin IR-1 --save "$TL_TMP/draft.md"
assert_eq "version 1" "$OUT" "saved as version 1"
expect_exit 0 v bulletin IR-1 --list
assert_contains "$OUT" "customer" "the version list names the template"
expect_exit 0 v bulletin IR-1 --show 1
assert_eq "$(cat "$TL_TMP/draft.md")" "$OUT" "the saved text comes back"
assert_eq "$(sha256sum <"$TL_TMP/draft.md" | cut -d' ' -f1)" \
    "$(sql "SELECT json_extract(payload, '\$.sha256') FROM journal WHERE \
action = 'bulletin.save'")" "the journal holds the bulletin's SHA-256"

# closing is refused while recipients are pending
expect_exit 65 v close IR-1 --resolution confirmed
assert_contains "$ERR" "3 recipients are not notified" "names how many"
assert_contains "$ERR" "R1 is pending" "names the first"

expect_exit 0 v recipient set IR-1 R1 drafted --at 2026-03-04T08:00:00Z
expect_exit 0 v recipient set IR-1 R1 sent --at 2026-03-04T10:00:00Z
assert_eq "" "$OUT" "not the last one"
expect_exit 65 v recipient set IR-1 R1 drafted
assert_contains "$ERR" "only moves forward" "states move forward only"
expect_exit 65 v recipient set IR-1 R2 acknowledged
assert_contains "$ERR" "sent before" "acknowledged needs sent"
expect_exit 65 v recipient set IR-1 R2 sent --at 2030-01-01T00:00:00Z
assert_contains "$ERR" "future" "not in the future"
expect_exit 66 v recipient set IR-1 R9 sent
expect_exit 64 v recipient set IR-1 X1 sent
expect_exit 64 v recipient set IR-1 R2 waived
expect_exit 0 v recipient set IR-1 R2 sent --at 2026-03-04T11:30:00Z
assert_eq 0 "$(sql "SELECT count(*) FROM milestone WHERE name = \
'customers_notified'")" "not notified while R3 is pending"
expect_exit 65 v close IR-1 --resolution confirmed
assert_contains "$ERR" "1 recipient is not notified yet (R3 is pending)" \
    "one left"
expect_exit 0 v recipient set IR-1 R3 sent --at 2026-03-05T09:15:00Z
assert_contains "$OUT" "customers_notified recorded at 2026-03-05T09:15:00Z" \
    "the last send records customers_notified"
assert_eq "2026-03-05T09:15:00Z" "$(sql "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', \
at, 'unixepoch') FROM milestone WHERE name = 'customers_notified'")" \
    "at the time of the last send"
assert_eq 1 "$(sql "SELECT count(*) FROM journal WHERE action = \
'recipient.sent' AND json_extract(payload, '\$.recorded.milestone') = \
'customers_notified'")" "in the same journal entry as the send"
expect_exit 0 v recipient set IR-1 R1 acknowledged --at 2026-03-04T12:00:00Z
expect_exit 65 v recipient set IR-1 R2 acknowledged \
    --at 2026-03-04T11:00:00Z
assert_contains "$ERR" "before it was sent" "ack not before send"
expect_exit 0 v show IR-1 --json
assert_eq "met" "$(out_json '$.deadline.state')" "the customer deadline is met"
assert_eq 31500 "$(out_json '$.deadline.remaining_s')" \
    "8h45m to spare (18:00 - 09:15)"
assert_eq "2026-03-05T09:15:00Z" "$(out_json '$.milestones.customers_notified')" \
    "show lists customers_notified"
expect_exit 0 v recipient list IR-1 --json
assert_eq "R1|acknowledged|R3|sent|2026-03-05T09:15:00Z" \
    "$(out_json '$[0].key')|$(out_json '$[0].state')|$(out_json \
'$[2].key')|$(out_json '$[2].state')|$(out_json '$[2].sent_at')" \
    "recipient list --json"
expect_exit 0 v recipient list IR-1
assert_match "$OUT" "R2 +Globex Ltd +customer +portal +sent" "list as text"

expect_exit 0 v close IR-1 --resolution confirmed
# closed: only the review and repair items change
expect_exit 65 v recipient add IR-1 "Late Corp"
expect_exit 65 v recipient set IR-1 R2 acknowledged
expect_exit 65 v bulletin IR-1 --save "$TL_TMP/draft.md"
expect_exit 65 v note IR-1 "after closing"
expect_exit 0 v review IR-1 --root-cause "A deployment script applied a \
public-read policy to the customer_exports bucket; no policy check ran in
CI."
expect_exit 0 v review IR-1 --lessons "Block public access at the account \
level.
Alert on policy changes to data buckets within minutes."
expect_exit 64 v review IR-1 --nothing
expect_exit 0 v repair add IR-1 "Enable account-wide public access block" \
    --owner "$ME" --due 2026-04-15
assert_eq "F1" "$OUT" "first repair item"
expect_exit 0 v repair add IR-1 "Add a policy linter to the deploy pipeline" \
    --owner "$ME"
assert_eq "F2" "$OUT" "second repair item"
expect_exit 64 v repair add IR-1 "no owner"
expect_exit 64 v repair add IR-1 "bad date" --owner "$ME" --due 2026-02-30
expect_exit 65 v repair add IR-1 "stranger" --owner nosuchperson
expect_exit 0 v repair done IR-1 F1
expect_exit 65 v repair done IR-1 F1
expect_exit 66 v repair done IR-1 F7
expect_exit 0 v repair list IR-1 --json
assert_eq "done|open|2026-04-15" "$(out_json '$[0].state')|$(out_json \
'$[1].state')|$(out_json '$[0].due')" "repair list --json"
expect_exit 0 v review IR-1
assert_contains "$OUT" "**MET**, 8h 45m 00s before the deadline" \
    "the review states the outcome and margin"
assert_contains "$OUT" "| customers_notified | 2026-03-05T09:15:00Z | 2d 00h 15m 00s |" \
    "the ladder with the time since the previous step"
assert_contains "$OUT" "the customer\_exports bucket" "the root cause, escaped"

# ---- IR-2: notified a day late -----------------------------------------
expect_exit 0 v new "Support mailbox compromised" --severity 2 \
    --kind privacy --detected 2026-03-09T20:00:00Z
for r in sim eim comms; do
	expect_exit 0 v assign IR-2 $r "$ME"
done
expect_exit 0 v declare IR-2 --reason "tickets with personal data read" \
    --at 2026-03-10T08:00:00Z
expect_exit 0 v recipient add IR-2 "Initech" --channel letter
expect_exit 0 v recipient add IR-2 "Initech's customers" \
    --kind data-subjects --channel email
expect_exit 0 v recipient waive IR-2 R2 --reason "Initech notifies its own \
customers as controller"
assert_eq "" "$OUT" "a waiver alone records nothing"
expect_exit 0 v recipient set IR-2 R1 sent --at 2026-03-14T08:00:00Z
assert_contains "$OUT" "customers_notified recorded" "notified"
expect_exit 0 v show IR-2 --json
assert_eq "missed" "$(out_json '$.deadline.state')" "a day late: missed"
assert_eq -86400 "$(out_json '$.deadline.remaining_s')" "missed by 24 hours"
expect_exit 0 v close IR-2 --resolution confirmed
expect_exit 0 v review IR-2
assert_contains "$OUT" "**MISSED**, by 1d 00h 00m 00s" "missed, and by how much"

# ---- exports: reproducible, atomic, against golden files ----------------
for k in IR-1 IR-2; do
	for f in md json; do
		expect_exit 0 v export $k --format $f -o "$TL_TMP/$k.a.$f"
		expect_exit 0 v export $k --format $f -o "$TL_TMP/$k.b.$f"
		cmp -s "$TL_TMP/$k.a.$f" "$TL_TMP/$k.b.$f" && ok \
		    || not_ok "two exports of $k ($f) differ"
		expect_exit 0 v export $k --format $f
		cmp -s "$OUTF" "$TL_TMP/$k.a.$f" && ok \
		    || not_ok "export $k ($f) to stdout differs from -o"
	done
done
ls "$TL_TMP" | grep -q 'IR-1.a.md.' && not_ok "a temporary file was left" \
    || ok
assert_eq 1 "$(sqlite3 :memory: "SELECT json_valid(CAST(readfile(\
'$TL_TMP/IR-1.a.json') AS TEXT))")" "the JSON export is valid JSON"
assert_eq "$(sql "SELECT hash FROM journal WHERE incident_id = 1 ORDER BY \
seq DESC LIMIT 1")" "$(json "$TL_TMP/IR-1.a.json" '$.journal_last_hash')" \
    "the last journal hash"
assert_eq "met|31500|3" "$(json "$TL_TMP/IR-1.a.json" \
'$.deadline.outcome')|$(json "$TL_TMP/IR-1.a.json" \
'$.deadline.margin_s')|$(json "$TL_TMP/IR-1.a.json" '$.recipients[#-1].id' \
| tr -d R)" "deadline and recipients in the JSON export"
expect_exit 0 v export IR-1 --format json --stamp
assert_contains "$OUT" '"generated_at"' "--stamp adds the time"
assert_not_contains "$(cat "$TL_TMP/IR-1.a.json")" "generated_at" \
    "no stamp unless asked for"
expect_exit 64 v export IR-1 --format pdf
expect_exit 64 v export IR-1
expect_exit 66 v export IR-9 --format md
expect_exit 0 v verify

# the pinned copy for the goldens
PDB="$TL_TMP/pinned.db"
sqlite3 "$DB" ".backup '$PDB'"
cols="roster.login roster.added_by incident.created_by incident.declared_by
assignment.login assignment.assigned_by assignment.released_by
milestone.recorded_by note.author journal.login recipient.created_by
recipient.drafted_by recipient.sent_by recipient.acked_by recipient.waived_by
review.updated_by repair.owner repair.created_by repair.done_by
bulletin.saved_by"
times="roster.added_at incident.updated_at assignment.released_at
milestone.recorded_at note.at recipient.created_at recipient.drafted_at
recipient.sent_at recipient.acked_at recipient.waived_at review.updated_at
repair.created_at repair.done_at bulletin.saved_at"
{
	echo "BEGIN;"
	for c in $cols; do
		echo "UPDATE ${c%.*} SET ${c#*.} = 'tester' WHERE ${c#*.} = '$ME';"
	done
	for c in $times; do
		echo "UPDATE ${c%.*} SET ${c#*.} = $PIN WHERE ${c#*.} >= $T0;"
	done
	cat <<SQL
UPDATE journal SET payload = replace(payload, '"$ME"', '"tester"'),
    uid = 1000, loginuid = NULL;
UPDATE journal SET payload = replace(payload, (SELECT uuid FROM incident
    WHERE id = journal.incident_id), printf('00000000-0000-4000-8000-%012d',
    incident_id)) WHERE incident_id IS NOT NULL;
UPDATE journal SET at = $PIN + seq * 60 WHERE at >= $T0;
UPDATE journal SET uuid = printf('00000000-0000-4000-9000-%012d', seq),
    prev_hash = printf('%064d', seq - 1), hash = printf('%064d', seq);
UPDATE incident SET uuid = printf('00000000-0000-4000-8000-%012d', id),
    created_at = (SELECT min(at) FROM journal j WHERE j.incident_id =
    incident.id), closed_at = (SELECT max(at) FROM journal j WHERE
    j.incident_id = incident.id AND j.action = 'incident.close')
    WHERE created_at >= $T0;
UPDATE assignment SET assigned_at = coalesce((SELECT min(j.at) FROM journal j
    WHERE j.incident_id = assignment.incident_id AND j.action = 'role.assign'
    AND json_extract(j.payload, '$.role') = assignment.role), (SELECT min(j.at)
    FROM journal j WHERE j.incident_id = assignment.incident_id AND j.action =
    'incident.new'))
    WHERE assigned_at >= $T0;
UPDATE note SET at = (SELECT min(j.at) FROM journal j WHERE j.incident_id =
    note.incident_id AND j.action = 'note.add' AND
    json_extract(j.payload, '$.text') = note.text);
UPDATE recipient SET created_at = (SELECT j.at FROM journal j WHERE
    j.incident_id = recipient.incident_id AND j.action = 'recipient.add' AND
    json_extract(j.payload, '$.recipient') = 'R' || recipient.num);
UPDATE bulletin SET saved_at = (SELECT j.at FROM journal j WHERE
    j.incident_id = bulletin.incident_id AND j.action = 'bulletin.save' AND
    json_extract(j.payload, '$.version') = bulletin.version);
UPDATE review SET updated_at = (SELECT max(j.at) FROM journal j WHERE
    j.incident_id = review.incident_id AND j.action = 'review.update');
UPDATE repair SET created_at = (SELECT j.at FROM journal j WHERE
    j.incident_id = repair.incident_id AND j.action = 'repair.add' AND
    json_extract(j.payload, '$.repair') = 'F' || repair.num);
UPDATE repair SET done_at = (SELECT j.at FROM journal j WHERE
    j.incident_id = repair.incident_id AND j.action = 'repair.done' AND
    json_extract(j.payload, '$.repair') = 'F' || repair.num)
    WHERE done_at IS NOT NULL;
COMMIT;
SQL
} >"$TL_TMP/pin.sql"
sqlite3 -batch "$PDB" <"$TL_TMP/pin.sql" && ok || not_ok "pinning the copy"

for g in IR-1.md IR-1.json IR-2.md; do
	k=${g%.*}
	f=${g#*.}
	expect_exit 0 "$VIGIL" --db "$PDB" --read-only export "$k" --format "$f"
	if [ "${VIGIL_UPDATE_GOLDEN:-}" = 1 ]; then
		mkdir -p "$GOLDEN"
		cp "$OUTF" "$GOLDEN/$g"
		echo "updated $GOLDEN/$g"
	fi
	if cmp -s "$OUTF" "$GOLDEN/$g"; then
		ok
	else
		not_ok "export of $k ($f) differs from golden/$g"
		diff -u "$GOLDEN/$g" "$OUTF" | head -40
	fi
done

# ---- hostile text cannot break the Markdown nor reach the terminal -----
expect_exit 0 v new "$(printf 'Evil \033[31mred\033[0m | title')"
expect_exit 0 v assign IR-3 comms "$ME"
expect_exit 0 v recipient add IR-3 "$(printf 'Name|with\n# pipe\033]0;x\a')"
expect_exit 0 v export IR-3 --format md -o "$TL_TMP/evil.md"
assert_eq 0 "$(tr -cd '\033\007' <"$TL_TMP/evil.md" | wc -c)" \
    "no escape or bell byte in the Markdown"
assert_match "$(cat "$TL_TMP/evil.md")" '^# IR-3: Evil .*\\\| title$' \
    "the title stays one escaped heading line"
assert_match "$(cat "$TL_TMP/evil.md")" '^\| R1 \| Name\\\|with<br>\\# pipe' \
    "the recipient stays one table row"
expect_exit 0 v export IR-3 --format json -o "$TL_TMP/evil.json"
assert_eq "$(printf 'Evil \033[31mred\033[0m | title')" \
    "$(json "$TL_TMP/evil.json" '$.incident.title')" "JSON keeps the bytes"

tl_done
