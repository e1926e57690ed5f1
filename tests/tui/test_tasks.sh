#!/usr/bin/env bash
# test_tasks.sh: response-plan tasks in the console, end to end in tmux at
# 80x24. An incident opened with the ransomware plan and a second one
# without tasks: the header counts my tasks due within the hour; Enter
# opens the incident, whose tasks pane lists mine first; y marks the
# selected task done with a note, X skips one with a reason, T adds one,
# ':task assign' and ':task done' work too; M opens "my tasks", whose
# Enter opens the incident on that task. Then the review of a closed
# incident run on a plan lists its tasks, when each was done, how late. The command line sees every change, each journaled.
set -u
. "$(dirname "$0")/tmux-lib.sh"

v init >/dev/null || tl_fail "init"
v new "Ransom note on fs-3" --severity 1 --plan ransomware >/dev/null ||
    tl_fail "new --plan"
v new "Quiet incident" --severity 3 >/dev/null || tl_fail "new"
v assign IR-1 sim "$ME" >/dev/null || tl_fail "assign sim"
v roster add pl_colleague --roles forensics --name "Pat Colleague" \
    >/dev/null || tl_fail "roster add"

tl_start 80 24
tl_wait "1 of 2"
# T2 (sim, due +1h) is mine and due within the hour
tl_wait "tasks 1<1h"
tl_keys Enter
tl_wait "Tasks 12 open, 2 mine"
tl_wait "T2"
# Tab to the tasks pane: roles, deadline, tasks
for k in Tab Tab Tab Tab Tab Tab; do
	tl_screen | grep -q '>\* T2' && break
	tl_keys "$k"
done
tl_screen | grep -q '>\* T2' || tl_fail "the tasks pane has no cursor on T2"
tl_keys y
tl_wait "IR-1 T2 done; note"
tl_type "phones and Signal only"
tl_keys Enter
tl_wait "IR-1: T2 done."
tl_wait "Tasks 11 open, 1 mine"
tl_keys X
tl_wait "Skip IR-1 T12: why?"
tl_type "review booked already"
tl_keys Enter
tl_wait "IR-1: T12 skipped."
tl_keys T
tl_wait "New task:"
tl_type "Call the insurer"
tl_keys Enter
tl_wait "Which role owns it?"
tl_keys Down
tl_keys Enter
tl_wait "Due (e.g."
tl_type "created + 3h"
tl_keys Enter
tl_wait "IR-1: task T13 added (sim)."
tl_keys :
tl_type "task assign T3 pl_colleague"
tl_keys Enter
tl_wait "IR-1: T3 assigned to pl_colleague."
tl_keys :
tl_type "task done T13 insurer called"
tl_keys Enter
tl_wait "IR-1: T13 done."
tl_keys :
tl_type "task assign T4 $ME"
tl_keys Enter
tl_wait "IR-1: T4 assigned to $ME."
tl_keys q
tl_wait "1 of 2"
tl_keys M
tl_wait "My tasks: 1 open"
tl_wait "IR-1    T4"
tl_keys Enter
tl_wait "Tasks 10 open, 1 mine"
tl_screen | grep -q '>\* T4' || tl_fail "the incident opens on my task"
tl_keys q q
tl_wait_exit

v task list IR-1 --json >"$TL_DIR/t.json" || tl_fail "task list"
for want in '"id":"T2"' 'phones and Signal only' 'review booked already' \
    '"title":"Call the insurer"' '"owner":"pl_colleague"' \
    'insurer called'; do
	tr -d ' \n' <"$TL_DIR/t.json" | grep -q "$(echo "$want" | tr -d ' ')" ||
	    tl_fail "task list lacks $want"
done
[ "$(v journal IR-1 | grep -c ' task\.')" = 6 ] ||
    tl_fail "six task changes journaled"
# the review of a closed incident run on a plan: each task, when it was
# done, how late
v new "Leaked API token" --severity 2 --plan credential-compromise \
    >/dev/null || tl_fail "new --plan"
v assign IR-3 sim "$ME" >/dev/null || tl_fail "assign"
for t in $(sqlite3 "$TL_DB" "SELECT 'T' || num FROM task WHERE incident_id \
= 3 AND required"); do
	v task done IR-3 "$t" >/dev/null || tl_fail "task done $t"
done
v task skip IR-3 T6 --reason "leaked by a bot, no human source" \
    >/dev/null || tl_fail "skip"
v close IR-3 --resolution confirmed >/dev/null || tl_fail "close"
tl_tmux kill-server >/dev/null 2>&1
tl_start 100 40
tl_wait "of 2"
tl_keys v
tl_wait "IR-3"
tl_keys Enter
tl_wait "Review IR-3"
tl_wait "Tasks"
tl_wait "T1   done"
tl_wait "on time"
tl_wait "T6   skipped"
tl_wait "credential-compromise: 0 of"
tl_keys q q q
echo "ok"
