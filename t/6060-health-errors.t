#!/bin/sh
test_description='crm-health: usage errors, bad records, and write failures'
. "${0%/*}/lib.sh"

H=$DATA/health
AS_OF="--as-of 2026-11-27"

test_expect_success '--help: usage on stdout, exit 0' '
	crm-health --help >out &&
	head -1 out | grep "^usage: crm-health" &&
	crm-health -h >out2 && test_cmp out out2
'

test_expect_success 'no input at all is a usage error' '
	test_expect_code 2 crm-health $AS_OF >out 2>err &&
	test_must_be_empty out &&
	grep "no input: give --db FILE, or --customers, --tasks, --policies or --decisions" err
'

test_expect_success 'a file named without an option is a usage error' '
	test_expect_code 2 crm-health $AS_OF "$H/customers.csv" >out 2>err &&
	test_must_be_empty out &&
	grep "unexpected argument" err && grep "^usage:" err
'

test_expect_success 'activities need customers' '
	test_expect_code 2 crm-health $AS_OF -a "$H/activities.csv" --tasks "$H/tasks.csv" 2>err &&
	grep "activities needs --customers" err
'

test_expect_success 'bad option values' '
	test_expect_code 2 crm-health --window 0 --tasks "$H/tasks.csv" 2>err &&
	grep "window: expected 1 to 36500 days, got .0." err &&
	test_expect_code 2 crm-health --as-of 2026-02-30 --tasks "$H/tasks.csv" 2>err &&
	grep "as-of: not a date .2026-02-30." err &&
	test_expect_code 2 crm-health --no-such-option --tasks "$H/tasks.csv" 2>err
'

test_expect_success 'standard input can be read once' '
	test_expect_code 2 crm-health $AS_OF --customers - --tasks - </dev/null 2>err &&
	grep "standard input can be read once" err
'

test_expect_success 'a missing column stops the run, nothing written' '
	printf "task_id,assignee_id,done_at\nT1,R1,2026-11-01\n" >t.csv &&
	test_expect_code 2 crm-health $AS_OF --tasks t.csv >out 2>err &&
	test_must_be_empty out &&
	grep "t.csv" err && grep "due" err
'

test_expect_success 'an unreadable input' '
	test_expect_code 2 crm-health $AS_OF --policies nosuch.csv >out 2>err &&
	test_must_be_empty out &&
	grep "nosuch.csv" err
'

# T2 has reminders "twice" and T3 no due: both rejected with file and
# line; T1 is counted (1 of 1 on time) and the table is written; exit 2.
test_expect_success 'bad task records: reported with their line, the rest counted' '
	cat >t.csv <<-\EOF &&
	task_id,assignee_id,due,done_at,evidence,reminders
	T1,R1,2026-11-20,2026-11-19,doc: a,0
	T2,R1,2026-11-20,2026-11-19,doc: b,twice
	T3,R1,,2026-11-19,doc: c,0
	EOF
	test_expect_code 2 crm-health $AS_OF --tasks t.csv >out 2>err &&
	grep "t.csv:3: field .reminders.: not a count .twice." err &&
	grep "t.csv:4: field .due.: empty" err &&
	grep "t.csv: 3 records read, 1 used, 2 rejected" err &&
	grep "^task_closure,100.0,.*,healthy,1 of 1 task due in 30 days" out
'

test_expect_success 'a receipt received before it was published is rejected' '
	printf "policy_id,region,rep_id,published_at,received_at\nP1,a,R1,2026-11-02T09:00,2026-11-02T08:59\nP1,b,R2,2026-11-02T09:00,2026-11-02T09:01\n" >p.csv &&
	test_expect_code 2 crm-health $AS_OF --policies p.csv >out 2>err &&
	grep "p.csv:2: field .received_at.: before published_at" err &&
	grep "^policy_sync,100.0,.*,1 of 1 receipt published" out
'

test_expect_success 'bad times are rejected with the field' '
	printf "decision_id,made_at,basis\nD1,yesterday,data\n" >d.csv &&
	test_expect_code 2 crm-health $AS_OF --decisions d.csv >out 2>err &&
	grep "d.csv:2: field .made_at.: not a date or time .yesterday." err &&
	grep "^decision_basis,,.*,no-data,0 decisions made in 30 days" out
'

test_expect_success '--strict: the first bad record stops the run' '
	test_expect_code 2 crm-health --strict $AS_OF --tasks t.csv >out 2>err &&
	test_must_be_empty out &&
	grep "t.csv:3: field .reminders.: not a count .twice." err
'

# T1 and T1 again (the later row, done late, replaces the first), D1 twice:
# 1 task, late -> 0.0; 1 decision.
test_expect_success 'a task or decision given twice counts once, the later wins' '
	printf "task_id,assignee_id,due,done_at,evidence\nT1,R1,2026-11-20,2026-11-19,doc: a\nT1,R1,2026-11-20,2026-11-25,doc: a\n" >dup.csv &&
	crm-health $AS_OF --tasks dup.csv >out 2>err &&
	grep "^task_closure,0.0,.*,watch,0 of 1 task due in 30 days" out &&
	grep "dup.csv: 2 records read, 1 used, 1 merged as duplicates, 0 rejected" err &&
	crm-health $AS_OF --decisions "$H/decisions.csv" --decisions "$H/decisions.csv" >out 2>/dev/null &&
	grep "^decision_basis,50.0,.*,3 of 6 decisions" out
'

test_expect_success 'a write error is exit 2' '
	test_expect_code 2 crm-health $AS_OF --tasks "$H/tasks.csv" >/dev/full 2>err &&
	grep -i "write\|space" err
'

test_expect_success 'not a store' '
	echo hello >junk.db &&
	test_expect_code 2 crm-health --db junk.db $AS_OF 2>err &&
	grep "junk.db" err
'
test_done
