#!/bin/bash
# test_queue.sh: the queue's order (queue.h), as `vigil list` shows it.
# A new SEV1 with no SIM must sort above a SEV2 whose clock has 61 h left
# (the complaint that started this), a clock already past its warning
# threshold above both, and incidents with nothing to attend to last, by
# severity. Assigning the SIM takes the SEV1 out of the urgent group.
. "$TESTLIB"

ME=$(id -un)
ago()
{
	date -u -d "@$(($(date +%s) - $1 * 3600))" +%Y-%m-%dT%H:%M:%SZ
}

expect_exit 0 v init
expect_exit 0 v new "SEV2, its clock 61 h from due" --severity 2	# IR-1
expect_exit 0 v assign IR-1 sim "$ME"
expect_exit 0 v assign IR-1 eim "$ME"
expect_exit 0 v declare IR-1 --reason "records read" --at "$(ago 11)"
expect_exit 0 v new "SEV3 with 12 h left: at !" --severity 3	# IR-2
expect_exit 0 v assign IR-2 sim "$ME"
expect_exit 0 v assign IR-2 eim "$ME"
expect_exit 0 v declare IR-2 --reason "records read" --at "$(ago 60)"
expect_exit 0 v new "SEV4 nothing to do" --severity 4		# IR-3
expect_exit 0 v new "SEV1 owned, no clock" --severity 1		# IR-4
expect_exit 0 v assign IR-4 sim "$ME"
expect_exit 0 v new "SEV1 new, no SIM" --severity 1		# IR-5

order()
{
	v list | awk 'NR > 1 { printf "%s ", $1 }'
}
assert_eq "IR-2 IR-5 IR-1 IR-4 IR-3 " "$(order)" \
    "warned clock, unowned SEV1, then the nearest threshold, then the rest"

expect_exit 0 v assign IR-5 sim "$ME"
assert_eq "IR-2 IR-1 IR-4 IR-5 IR-3 " "$(order)" \
    "once owned, the SEV1 without a clock sorts with the rest"
tl_done
