#!/bin/bash
# test_bulletin.sh: what a customer's notice must and must not contain.
# {{recipient}}, {{recipient_kind}} and {{recipient_contact}} are filled
# for the chosen recipient; an incident without a description never puts
# its internal title (an alert's name) where the customer-facing summary
# belongs: a visible marker and a note asking for --summary instead; long
# substituted text is re-wrapped at the template's width; a version saved
# for a recipient is listed as theirs, and marking that recipient sent
# records the version that went to them.
. "$TESTLIB"

ME=$(id -un)
expect_exit 0 v init
expect_exit 0 v new "EDR alert 4471: cred dump on build-07 (internal)" --severity 1
for r in sim eim comms; do expect_exit 0 v assign IR-1 $r "$ME"; done
expect_exit 0 v declare IR-1 --reason "customer records read"
expect_exit 0 v recipient add IR-1 "Acme Corp" --contact "security@acme.example"
expect_exit 0 v recipient add IR-1 "Globex Ltd"

run v bulletin IR-1 --recipient R1
assert_eq 0 "$RC" "rendered"
assert_contains "$OUT" "Dear Acme Corp," "the recipient's name"
assert_not_contains "$OUT" "EDR alert 4471" "never the internal title"
assert_contains "$OUT" "[NO-CUSTOMER-SUMMARY:" "a marker nobody can miss"
assert_contains "$ERR" "vigil: note: IR-1 has no customer-facing summary; \
give one with --summary" "asked for one"

LONG="Between 2 and 9 March an attacker used a stolen build credential to \
read the export bucket that holds your customer records; we revoked it."
expect_exit 0 v bulletin IR-1 --recipient R1 --summary "$LONG"
assert_contains "$(echo "$OUT" | tr '\n' ' ')" "$LONG" "the summary given"
W=$(awk '!/\{\{/ { if (length($0) > w) w = length($0) } END { print w }' \
    "$VIGIL_SHARE/templates/customer.md")
assert_eq "" "$(echo "$OUT" | awk -v w="$W" 'length($0) > w')" \
    "no line wider than the template's $W columns"

# the recipient's kind and contact, in a template of one's own
mkdir -p "$XDG_CONFIG_HOME/vigil/templates"
printf 'To: {{recipient}} ({{recipient_kind}}) <{{recipient_contact}}>\n' \
    >"$XDG_CONFIG_HOME/vigil/templates/short.md"
expect_exit 0 v bulletin IR-1 --template short --recipient R1 --summary x
assert_eq "To: Acme Corp (customer) <security@acme.example>" "$OUT" \
    "name, kind and contact filled"

# which version went to whom
printf 'Dear Acme Corp,\nthe notice.\n' >"$TL_TMP/acme.md"
printf 'Dear customer,\nthe general notice.\n' >"$TL_TMP/all.md"
expect_exit 0 v bulletin IR-1 --save "$TL_TMP/all.md"
expect_exit 0 v bulletin IR-1 --save "$TL_TMP/acme.md" --recipient R1
assert_eq "version 2" "$OUT" "saved for R1"
expect_exit 0 v bulletin IR-1 --list
assert_match "$OUT" "^2 +customer +R1 " "listed as R1's"
assert_match "$OUT" "^1 +customer +- " "version 1 for anyone"
expect_exit 0 v recipient set IR-1 R1 sent
expect_exit 0 v recipient set IR-1 R2 sent
assert_eq "2|1" "$(sql "SELECT group_concat(json_extract(payload, \
'\$.bulletin'), '|') FROM journal WHERE action = 'recipient.sent'")" \
    "R1 got its own version 2, R2 the general version 1"
expect_exit 0 v journal IR-1
assert_contains "$OUT" "notified R1 Acme Corp at" "the send, as a sentence"
assert_contains "$OUT" "with bulletin version 2" "naming the version"
assert_contains "$OUT" "meant for R1 Acme Corp" "the save names the recipient"
expect_exit 66 v bulletin IR-1 --save "$TL_TMP/acme.md" --recipient R9
tl_done
