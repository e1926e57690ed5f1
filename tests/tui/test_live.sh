#!/usr/bin/env bash
# test_live.sh: what another session commits appears within two seconds.
# The console shows a filter; a second process adds an incident that
# matches it (and one that does not); the match appears, the selection
# stays where it was, the other stays filtered out.
set -u
. "$(dirname "$0")/tmux-lib.sh"

v init >/dev/null || tl_fail "init"
v new "Phishing wave, finance" --severity 2 >/dev/null || tl_fail "new"
v new "Exposed storage bucket" --severity 3 >/dev/null || tl_fail "new"

tl_start 80 24
tl_wait "1 of 2"
tl_keys /
tl_type "wave"
tl_keys Enter
tl_wait "Queue /wave"
tl_wait "1 of 1"

v new "Okta session hijack" --severity 1 >/dev/null || tl_fail "new"
v new "Phishing wave, HR" --severity 1 >/dev/null || tl_fail "new"
start=$(date +%s%N)
tl_wait "Phishing wave, HR" 2
end=$(date +%s%N)
echo "appeared after $(( (end - start) / 1000000 )) ms"
tl_wait "of 2"
tl_wait "Roles IR-1"		# the selection stayed on IR-1
tl_screen | grep -qF "Okta session hijack" &&
    tl_fail "the filter let a non-matching incident through"
# the header counts follow too
tl_wait "open 4"

# a change to the selected incident shows without a key
v note IR-1 "seen from another session" >/dev/null || tl_fail "note"
tl_wait "note: seen from another session" 2
tl_keys q
tl_wait_exit
echo "ok"
