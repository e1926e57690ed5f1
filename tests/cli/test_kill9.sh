#!/bin/bash
# test_kill9.sh: a short run of the kill -9 campaign (tests/campaign/
# kill9.sh): 60 writes killed at random moments, each followed by verify,
# SQLite's integrity_check and a check that every acknowledged write is
# there.
. "$TESTLIB"

run env VIGIL="$VIGIL" KILL_DIR="$TL_TMP/kill9" \
    bash "$(dirname "$0")/../campaign/kill9.sh" 60
echo "$OUT"
[ -n "$ERR" ] && echo "$ERR"
assert_eq 0 "$RC" "no acknowledged write lost, every file verifies"
assert_contains "$OUT" "60 kills" "sixty kills"
assert_contains "$OUT" " 0 lost" "nothing lost"
tl_done
