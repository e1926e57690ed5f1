#!/bin/bash
# test_evidence.sh: evidence and its chain of custody with real files.
# A disk image is registered as part of a laptop (a tree: laptop > image >
# extracted mailbox), its hashes compared with sha256sum, sha1sum and
# md5sum; it is transferred twice, each time hashed again (once from its
# intake path, once from an identical copy); a modified copy is refused at
# a third transfer, the mismatch journaled and the custodian unchanged;
# checks, a handling note, an unavoidable change with its new hash, a void
# record that stays; records cannot be deleted even behind vigil's back;
# the custody report is reproducible and equal to golden files (from a
# copy whose clock-, login-, path- and uuid-dependent columns are pinned
# with the sqlite3 shell); the incident export carries the evidence; no
# lock is held while a file is hashed; hostile descriptions, locations and
# custodian names stay inert in every output.
# VIGIL_UPDATE_GOLDEN=1 rewrites tests/cli/golden/custody-IR-1.* from this
# run.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$TESTLIB"

GOLDEN="$HERE/golden"
ME=$(id -un)
PIN=$(date -u -d 2026-04-01T00:00:00Z +%s)
case "$ME" in
*[!a-z0-9_.-]*) tl_skip "login '$ME' has characters this test does not pin" ;;
esac
F="$TL_TMP/files"
mkdir -p "$F"
yes "vigil evidence test image" | head -c 3000000 >"$F/disk.img"
cp "$F/disk.img" "$F/copy.img"
cp "$F/disk.img" "$F/bad.img"
printf 'X' | dd of="$F/bad.img" bs=1 seek=1234567 conv=notrunc 2>/dev/null
yes "From: cfo@example.com" | head -c 40000 >"$F/mail.pst"
SHA=$(sha256sum "$F/disk.img" | cut -c1-64)
MAILSHA=$(sha256sum "$F/mail.pst" | cut -c1-64)

expect_exit 0 v init
expect_exit 0 v roster add analyst2 --name "Second Analyst" --roles forensics
expect_exit 0 v new "Ransomware on file-srv-3" --severity 1
expect_exit 0 v assign IR-1 forensics "$ME"

# ---- registering: a tree of items ----------------------------------------
expect_exit 0 v evidence add IR-1 --describe "CFO laptop, serial 5CG1234XYZ" \
    --hash "sha256:$(printf 'serial 5CG1234XYZ' | sha256sum | cut -c1-64)" \
    --size 17 --location "evidence locker A, shelf 2" --source-host cfo-lt \
    --clock-offset +37 --collected-at 2026-03-02T09:15:00+01:00
assert_eq "E1" "$OUT" "add prints the id"
expect_exit 0 v evidence add IR-1 --describe "NVMe image of the CFO laptop" \
    --file "$F/disk.img" --parent E1 --sha1 --md5 --location "NAS /cases/7" \
    --source-host cfo-lt --clock-offset -3600 \
    --collected-at 2026-03-02T10:00:00Z
assert_eq "E2" "$OUT" "the second item"
assert_eq "$SHA|3000000|$(sha1sum "$F/disk.img" | cut -c1-40)|$(md5sum \
"$F/disk.img" | cut -c1-32)|1|$F/disk.img" "$(sql "SELECT sha256, size, sha1, \
md5, parent_num, path FROM evidence WHERE num = 2")" \
    "SHA-256, SHA-1, MD5 and size as the coreutils compute them"
assert_eq "$(stat -c %Y "$F/disk.img")" "$(sql "SELECT file_mtime FROM \
evidence WHERE num = 2")" "the file's modification time"
expect_exit 0 v evidence add IR-1 --describe "mailbox extracted from E2" \
    --file "$F/mail.pst" --parent 2 --collected-at 2026-03-02T11:00:00Z
assert_eq "E3" "$OUT"
assert_eq "" "$(sql "SELECT coalesce(sha1, '') || coalesce(md5, '') FROM \
evidence WHERE num = 3")" "SHA-1 and MD5 only when asked"
assert_eq "$MAILSHA" "$(sql "SELECT sha256 FROM evidence WHERE num = 3")"
assert_eq "evidence.add|$SHA|E1" "$(sql "SELECT action, json_extract(payload, \
'\$.sha256'), json_extract(payload, '\$.parent') FROM journal WHERE seq = \
(SELECT min(seq) FROM journal WHERE payload LIKE '%\"E2\"%')")" \
    "the intake hash is in the hash-chained journal"
expect_refused 66 v evidence add IR-1 --describe x --parent E9 --hash \
    "sha256:$SHA" --size 1
expect_refused 64 v evidence add IR-1 --file "$F/disk.img"
expect_refused 64 v evidence add IR-1 --describe x --file "$F/disk.img" \
    --hash "sha256:$SHA" --size 3
expect_refused 64 v evidence add IR-1 --describe x --hash sha256:abc --size 3
expect_refused 64 v evidence add IR-1 --describe x --hash "sha256:$SHA"
expect_refused 64 v evidence add IR-1 --describe x --hash "sha256:$SHA" \
    --size 3 --clock-offset soon
expect_refused 64 v evidence add IR-1 --describe x --hash "sha256:$SHA" \
    --size 3 --collected-at yesterday
expect_refused 65 v evidence add IR-1 --describe x --hash "sha256:$SHA" \
    --size 3 --collected-at 2099-01-01T00:00:00Z
expect_refused 66 v evidence add IR-1 --describe x --file "$F/missing.img"
assert_contains "$ERR" "missing.img" "names the missing file"
expect_refused 65 v evidence add IR-1 --describe x --file "$F"
expect_refused 66 v evidence add IR-9 --describe x --hash "sha256:$SHA" \
    --size 3
expect_refused 64 v evidence add IR-1 --describe x --hash "sha256:$SHA" \
    --size 3 --to analyst2

# ---- two transfers, each hashed again ----------------------------------
expect_exit 0 v evidence transfer IR-1 E2 --to analyst2 --reason \
    "analysis on the lab workstation"
assert_eq "IR-1 E2: in the custody of analyst2; hash rechecked: OK" "$OUT" \
    "a roster login; hashed again from the intake path"
expect_exit 0 v evidence transfer IR-1 E2 --to "FBI field office" \
    --reason "grand jury subpoena 26-0412" --file "$F/copy.img"
assert_contains "$OUT" "FBI field office (external party); hash rechecked: OK"
assert_eq "FBI field office|1" "$(sql "SELECT custodian, custodian_external \
FROM evidence WHERE num = 2")" "the current custodian"
assert_eq "transfer|$ME|0|analyst2|0|ok|$F/disk.img
transfer|analyst2|0|FBI field office|1|ok|$F/copy.img" "$(sql "SELECT kind, \
from_party, from_external, to_party, to_external, result, path FROM \
evidence_event WHERE kind = 'transfer' ORDER BY id")" "both transfers, rechecked"

# ---- a modified copy is refused, loudly --------------------------------
n0=$(sql "SELECT count(*) FROM journal")
expect_exit 65 v evidence transfer IR-1 E2 --to "outside counsel" \
    --reason "discovery" --file "$F/bad.img"
assert_contains "$ERR" "HASH MISMATCH: IR-1 E2" "the refusal says why"
assert_contains "$ERR" "$(sha256sum "$F/bad.img" | cut -c1-64)" \
    "and names the hash found"
assert_eq "FBI field office" "$(sql "SELECT custodian FROM evidence WHERE \
num = 2")" "the custodian is unchanged"
assert_eq 2 "$(sql "SELECT count(*) FROM evidence_event WHERE kind = \
'transfer'")" "no third transfer"
assert_eq $((n0 + 1)) "$(sql "SELECT count(*) FROM journal")" \
    "one journal entry"
assert_eq "evidence.mismatch|transfer|outside counsel|$SHA|$(sha256sum \
"$F/bad.img" | cut -c1-64)" "$(sql "SELECT action, json_extract(payload, \
'\$.during'), json_extract(payload, '\$.refused_transfer_to'), \
json_extract(payload, '\$.expected_sha256'), json_extract(payload, \
'\$.found_sha256') FROM journal ORDER BY seq DESC LIMIT 1")" \
    "the mismatch is journaled with both hashes"
assert_eq "check|mismatch" "$(sql "SELECT kind, result FROM evidence_event \
ORDER BY id DESC LIMIT 1")" "recorded as a failed check"
expect_exit 0 v evidence list IR-1
assert_match "$OUT" '^E2 +E1 +NVMe image .* MISMATCH$' "the list says MISMATCH"

# ---- checks ------------------------------------------------------------
expect_exit 0 v evidence check IR-1 E2 --file "$F/copy.img"
assert_eq "IR-1 E2: OK, SHA-256 $SHA (3000000 bytes)" "$OUT"
expect_exit 0 v evidence check IR-1
assert_contains "$OUT" "IR-1 E1: not checked: its file is not reachable"
assert_contains "$OUT" "IR-1 E2: OK"
assert_contains "$OUT" "IR-1 E3: OK"
expect_exit 66 v evidence check IR-1 E1
expect_exit 0 v evidence list IR-1
assert_match "$OUT" '^E2 +E1 +NVMe image .* OK$' "OK again after a good check"
assert_match "$OUT" '^E1 +- +CFO laptop.* unchecked$'
mv "$F/mail.pst" "$F/moved.pst"
expect_exit 0 v evidence transfer IR-1 E3 --to analyst2 --reason "review"
assert_contains "$OUT" "hash NOT rechecked" "said when no copy is reachable"
assert_eq "" "$(sql "SELECT coalesce(result, '') FROM evidence_event ORDER BY \
id DESC LIMIT 1")" "and recorded as not rechecked"
mv "$F/moved.pst" "$F/mail.pst"

# ---- handling notes and an unavoidable change ---------------------------
expect_exit 0 v evidence note IR-1 E1 "sealed in bag #4471"
assert_eq "note|sealed in bag #4471" "$(sql "SELECT kind, text FROM \
evidence_event ORDER BY id DESC LIMIT 1")"
cp "$F/mail.pst" "$F/mail2.pst"
echo "repaired" >>"$F/mail2.pst"
expect_exit 65 v evidence check IR-1 E3 --file "$F/mail2.pst"
expect_exit 64 v evidence note IR-1 E3 "repaired" --file "$F/mail2.pst"
expect_exit 64 v evidence note IR-1 E3 "repaired" --change
expect_exit 0 v evidence note IR-1 E3 "scanpst repaired the header; \
unavoidable to open it" --change --file "$F/mail2.pst"
assert_eq "$MAILSHA|$(sha256sum "$F/mail2.pst" | cut -c1-64)" "$(sql "SELECT \
sha256, ref_sha256 FROM evidence WHERE num = 3")" \
    "the intake hash stays; checks compare with the new one"
expect_exit 0 v evidence check IR-1 E3 --file "$F/mail2.pst"
expect_exit 65 v evidence check IR-1 E3 --file "$F/mail.pst"
expect_exit 0 v evidence check IR-1 E3 --file "$F/mail2.pst"

# ---- void: kept, not handled further -------------------------------------
expect_exit 0 v evidence add IR-1 --describe "NVMe image (registered twice)" \
    --hash "sha256:$SHA" --size 3000000 --collected-at 2026-03-02T10:00:00Z
assert_eq "E4" "$OUT"
expect_exit 64 v evidence void IR-1 E4
expect_exit 0 v evidence void IR-1 E4 --reason "registered twice by mistake"
expect_refused 65 v evidence void IR-1 E4 --reason "again"
expect_refused 65 v evidence transfer IR-1 E4 --to analyst2 --reason x
expect_refused 65 v evidence add IR-1 --describe x --parent E4 \
    --hash "sha256:$SHA" --size 1
expect_exit 0 v evidence list IR-1
assert_match "$OUT" '^E4 .* VOID$' "a void record is still listed"
assert_eq 4 "$(sql "SELECT count(*) FROM evidence")" "nothing deleted"

# ---- records cannot be deleted or rewritten, even behind vigil's back ---
sqlite3 "$DB" "DELETE FROM evidence_event" 2>/dev/null \
    && not_ok "an event was deleted" || ok
sqlite3 "$DB" "DELETE FROM evidence WHERE num = 4" 2>/dev/null \
    && not_ok "an item was deleted" || ok
sqlite3 "$DB" "UPDATE evidence SET sha256 = ref_sha256 WHERE num = 3" \
    2>/dev/null && not_ok "an intake hash was rewritten" || ok
sqlite3 "$DB" "UPDATE evidence_event SET result = 'ok'" 2>/dev/null \
    && not_ok "an event was rewritten" || ok
expect_exit 0 v verify

# ---- reading -----------------------------------------------------------
expect_exit 0 v evidence show IR-1 E2
assert_contains "$OUT" "## E2: NVMe image of the CFO laptop"
assert_contains "$OUT" "| Source clock offset | -1 h 00 min 00 s"
assert_not_contains "$OUT" "## E1:" "show shows one item"
expect_exit 0 v evidence show IR-1 E2 --json
assert_eq "E2|E1|-3600|FBI field office|1" "$(out_json '$[0].id')|$(out_json \
'$[0].parent')|$(out_json '$[0].source_clock_offset_s')|$(out_json \
'$[0].custodian.name')|$(out_json '$[0].custodian.external')"
expect_exit 66 v evidence show IR-1 E9
expect_exit 64 v evidence show IR-1 X9
expect_exit 64 v evidence frobnicate IR-1

# ---- the custody report ------------------------------------------------
expect_exit 0 v evidence report IR-1 -o "$TL_TMP/r1.md"
expect_exit 0 v evidence report IR-1 --format md -o "$TL_TMP/r2.md"
cmp -s "$TL_TMP/r1.md" "$TL_TMP/r2.md" && ok || not_ok "two reports differ"
expect_exit 0 v evidence report IR-1 --format md
cmp -s "$OUTF" "$TL_TMP/r1.md" && ok || not_ok "stdout differs from -o"
expect_exit 0 v evidence report IR-1 --format json -o "$TL_TMP/r1.json"
assert_eq 1 "$(json_valid "$TL_TMP/r1.json")" "the JSON report is valid"
assert_eq "vigil-custody/1|4|matches_intake|matches_after_change|void|\
unchecked" "$(json "$TL_TMP/r1.json" '$.format')|$(json "$TL_TMP/r1.json" \
'$.items[#-1].id' | tr -d E)|$(json "$TL_TMP/r1.json" \
'$.items[1].certification.state')|$(json "$TL_TMP/r1.json" \
'$.items[2].certification.state')|$(json "$TL_TMP/r1.json" \
'$.items[3].certification.state')|$(json "$TL_TMP/r1.json" \
'$.items[0].certification.state')" "each item's certification"
assert_contains "$(json "$TL_TMP/r1.json" '$.items[1].certification.statement')" \
    "the hash of the copy matches the hash computed at intake on"
assert_eq "$(sql "SELECT hash FROM journal WHERE incident_id = 1 ORDER BY \
seq DESC LIMIT 1")" "$(json "$TL_TMP/r1.json" '$.journal_last_hash')"
expect_exit 64 v evidence report IR-1 --format pdf
ls "$TL_TMP" | grep -q 'r1.md.' && not_ok "a temporary file was left" || ok

# ---- the incident export and the review carry the evidence ---------------
expect_exit 0 v export IR-1 --format json -o "$TL_TMP/x.json"
assert_eq "$SHA|4" "$(json "$TL_TMP/x.json" '$.evidence[1].sha256')|$(json \
"$TL_TMP/x.json" '$.evidence[#-1].id' | tr -d E)" "the export's evidence"
expect_exit 0 v export IR-1 --format md
assert_contains "$OUT" "## Evidence"
assert_match "$OUT" '^\| E2 \| E1 \| NVMe image of the CFO laptop \| `'"$SHA"'` \| FBI field office \(external\) \| .* OK \|$'

# ---- the golden report, from a pinned copy ------------------------------
PDB="$TL_TMP/pinned.db"
sqlite3 "$DB" ".backup '$PDB'"
cat >"$TL_TMP/pin.sql" <<SQL
BEGIN;
DROP TRIGGER evidence_event_no_update;
DROP TRIGGER evidence_intake_fixed;
UPDATE incident SET uuid = '00000000-0000-4000-8000-000000000001';
UPDATE evidence SET uuid = printf('00000000-0000-4000-a000-%012d', num),
    registered_at = $PIN + num * 600, registered_by = 'tester',
    path = replace(path, '$F', '/cases/7'),
    file_mtime = CASE WHEN file_mtime IS NULL THEN NULL ELSE $PIN - 86400 END,
    file_ctime = CASE WHEN file_ctime IS NULL THEN NULL ELSE $PIN - 86400 END,
    voided_at = CASE WHEN voided_at IS NULL THEN NULL ELSE $PIN + 9000 END,
    custodian = replace(custodian, '$ME', 'tester');
UPDATE evidence_event SET at = $PIN + 3600 + id * 60,
    by = replace(by, '$ME', 'tester'),
    from_party = replace(from_party, '$ME', 'tester'),
    to_party = replace(to_party, '$ME', 'tester'),
    path = replace(path, '$F', '/cases/7');
UPDATE evidence SET voided_at = (SELECT at FROM evidence_event v WHERE
    v.evidence_id = evidence.id AND v.kind = 'void') WHERE voided_at IS NOT NULL;
UPDATE journal SET hash = printf('%064d', seq);
COMMIT;
SQL
sqlite3 -batch "$PDB" <"$TL_TMP/pin.sql" && ok || not_ok "pinning the copy"
# the pinned copy is the same database rewritten: this user's witness of
# the original would (rightly) say so; the golden report is read afresh
export XDG_STATE_HOME="$TL_TMP/pinned-state"
for f in md json; do
	expect_exit 0 "$VIGIL" --db "$PDB" --read-only evidence report IR-1 \
	    --format $f
	if [ "${VIGIL_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$OUTF" "$GOLDEN/custody-IR-1.$f"
		echo "updated $GOLDEN/custody-IR-1.$f"
	fi
	if cmp -s "$OUTF" "$GOLDEN/custody-IR-1.$f"; then
		ok
	else
		not_ok "the $f report differs from golden/custody-IR-1.$f"
		diff -u "$GOLDEN/custody-IR-1.$f" "$OUTF" | head -40
	fi
done
unset XDG_STATE_HOME

# ---- no lock is held while a file is hashed ------------------------------
truncate -s 48M "$F/big.img"
VIGIL_HASH_LIMIT=$((16 * 1024 * 1024)) v evidence add IR-1 \
    --describe "slow image" --file "$F/big.img" >"$TL_TMP/slow.out" 2>&1 &
slow=$!
sleep 0.5
t0=$(date +%s%N)
expect_exit 0 v note IR-1 "written while the image is being hashed"
t1=$(date +%s%N)
kill -0 $slow 2>/dev/null && ok || not_ok "the slow hash ended too soon"
[ $(( (t1 - t0) / 1000000 )) -lt 1500 ] && ok \
    || not_ok "a note waited $(( (t1 - t0) / 1000000 )) ms for the hash"
wait $slow
assert_eq "E5" "$(cat "$TL_TMP/slow.out")" "the slow add completed"

# ---- SIGINT while hashing: nothing recorded ------------------------------
before=$(db_all)
VIGIL_HASH_LIMIT=$((16 * 1024 * 1024)) "$VIGIL" --db "$DB" evidence add \
    IR-1 --describe "interrupted" --file "$F/big.img" >"$TL_TMP/int.out" \
    2>"$TL_TMP/int.err" &
pid=$!
sleep 0.7
kill -INT $pid
wait $pid
assert_eq 130 "$?" "exit 130 after SIGINT"
assert_contains "$(cat "$TL_TMP/int.err")" "interrupted while hashing"
assert_eq "$before" "$(db_all)" "nothing recorded after SIGINT"

# ---- hostile text stays inert ------------------------------------------
EVIL_D=$(printf 'Evil \033[2J\033]0;pwned\a desc\n| # heading \xe2\x80\xae|')
EVIL_L=$(printf 'shelf \033[31mred\033[0m \x9b1m')
EVIL_W=$(printf 'Mallory \033]52;c;ZXZpbA==\a Ltd\xe2\x80\x8b')
expect_exit 0 v evidence add IR-1 --describe "$EVIL_D" --location "$EVIL_L" \
    --source-host "$(printf 'h\033[Kost')" --hash "sha256:$SHA" --size 3
assert_eq "E6" "$OUT"
expect_exit 0 v evidence transfer IR-1 E6 --to "$EVIL_W" --reason \
    "$(printf 'why\033[1A')"
assert_eq 0 "$(printf '%s' "$OUT" | tr -cd '\033\007' | wc -c)" \
    "the transfer's output has no escape"
for cmd in "list IR-1" "show IR-1 E6" "report IR-1" "list IR-1 --json" \
    "show IR-1 E6 --json" "report IR-1 --format json"; do
	# shellcheck disable=SC2086
	expect_exit 0 v evidence $cmd
	assert_eq 0 "$(tr -cd '\033\007' <"$OUTF" | wc -c)" \
	    "no escape or bell byte in: evidence $cmd"
	assert_not_contains "$OUT" "$(printf '\xc2\x9b')" "no C1 in: $cmd"
done
expect_exit 0 v evidence report IR-1 --format json -o "$TL_TMP/evil.json"
assert_eq 1 "$(json_valid "$TL_TMP/evil.json")" "still valid JSON"
assert_eq "$EVIL_D" "$(json "$TL_TMP/evil.json" '$.items[5].description')" \
    "JSON keeps the stored bytes"
assert_eq "$EVIL_W" "$(json "$TL_TMP/evil.json" '$.items[5].custodian.name')"
expect_exit 0 v evidence report IR-1 -o "$TL_TMP/evil.md"
assert_match "$(cat "$TL_TMP/evil.md")" '^## E6: Evil .* desc<br>\\\| \\# heading .*\\\|$' \
    "the hostile description stays one heading line"
assert_eq 0 "$(grep -c '^# heading' "$TL_TMP/evil.md")" "no injected heading"
expect_exit 65 v evidence transfer IR-1 E6 --to "$EVIL_W" --reason again
assert_eq 0 "$(printf '%s' "$ERR" | tr -cd '\033\007' | wc -c)" \
    "the refusal naming the party has no escape"
expect_exit 0 v journal IR-1
assert_eq 0 "$(tr -cd '\033\007' <"$OUTF" | wc -c)" "nor the journal"

# ---- custody goes on after closing; registering does not ---------------
expect_exit 0 v close IR-1 --resolution confirmed
expect_refused 65 v evidence add IR-1 --describe "late" --hash \
    "sha256:$SHA" --size 3
assert_contains "$ERR" "closed"
expect_exit 0 v evidence transfer IR-1 E2 --to "outside counsel" --reason \
    "litigation hold" --file "$F/copy.img"
assert_contains "$OUT" "outside counsel (external party); hash rechecked: OK"
expect_exit 0 v evidence check IR-1 E2 --file "$F/copy.img"
expect_exit 0 v verify

tl_done
