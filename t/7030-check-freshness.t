#!/bin/sh
test_description='crm-check: freshness of each export against --as-of and --max-age'
. "${0%/*}/lib.sh"

# Times without an offset are in the team zone, +08:00 by default.
# act TS...: an activities file, the first TS on line 2.
act() {
	echo "activity_id,customer_id,ts"
	n=0
	for t in "$@"; do
		n=$((n + 1))
		echo "A$n,C1,$t"
	done
}

test_expect_success 'without --max-age, freshness is skipped' '
	act 2020-01-01T00:00:00 >a.csv &&
	crm-check a.csv >out &&
	grep "^freshness: skipped (no --max-age)$" out
'

# --as-of with a time is that instant: 24 hours before 2026-01-10T12:00:00
# is 2026-01-09T12:00:00, which passes; a second earlier fails.
test_expect_success 'exactly --max-age hours old passes (as-of a time)' '
	act 2026-01-08T09:00:00 2026-01-09T12:00:00 2026-01-09T08:00:00 >a.csv &&
	crm-check --as-of 2026-01-10T12:00:00 --max-age 24 a.csv >out &&
	grep "^a.csv:3: freshness: info: newest ts 2026-01-09T12:00:00+08:00 is 24h00m00s old at 2026-01-10T12:00:00+08:00$" out &&
	grep "^freshness: 0 findings, 1 info, pass$" out
'

test_expect_success 'one second older fails' '
	act 2026-01-08T09:00:00 2026-01-09T11:59:59 >a.csv &&
	test_expect_code 1 crm-check --as-of 2026-01-10T12:00:00 --max-age 24 a.csv >out &&
	grep "^a.csv:3: freshness: newest ts 2026-01-09T11:59:59+08:00 is 24h00m01s old at 2026-01-10T12:00:00+08:00, over --max-age 24$" out &&
	grep "^freshness: 1 finding, fail$" out
'

# --as-of with a date is the end of that day in the team zone:
# 2026-01-10 is 2026-01-11T00:00:00+08:00.
test_expect_success 'as-of a date means the end of that day' '
	act 2026-01-10T00:00:00 >a.csv &&
	crm-check --as-of 2026-01-10 --max-age 24 a.csv >out &&
	grep "^a.csv:2: freshness: info: newest ts 2026-01-10T00:00:00+08:00 is 24h00m00s old at 2026-01-11T00:00:00+08:00$" out &&
	act 2026-01-09T23:59:59 >a.csv &&
	test_expect_code 1 crm-check --as-of 2026-01-10 --max-age 24 a.csv >out &&
	grep "is 24h00m01s old at 2026-01-11T00:00:00+08:00, over --max-age 24$" out
'

test_expect_success 'without --as-of: the end of CRM_TODAY (tests) or now' '
	act 2026-01-10T00:00:00 >a.csv &&
	CRM_TODAY=2026-01-10 crm-check --max-age 24 a.csv >out &&
	grep "is 24h00m00s old at 2026-01-11T00:00:00+08:00$" out &&
	CRM_TODAY= test_expect_code 1 crm-check --max-age 24 a.csv >out &&
	grep "over --max-age 24$" out
'

test_expect_success 'an offset in the data and in --as-of is kept; --tz moves the zone' '
	act 2026-01-10T00:00:00+08:00 >a.csv &&
	crm-check --tz +00:00 --as-of 2026-01-10 --max-age 32 a.csv >out &&
	grep "newest ts 2026-01-09T16:00:00+00:00 is 32h00m00s old at 2026-01-11T00:00:00+00:00$" out &&
	test_expect_code 1 crm-check --tz +00:00 --as-of 2026-01-10 --max-age 31 a.csv >/dev/null &&
	crm-check --as-of 2026-01-10T16:00:00Z --max-age 24 a.csv >out &&
	grep "is 24h00m00s old at 2026-01-11T00:00:00+08:00$" out
'

# A ledger date 2026-01-09 counts as the end of that day, 2026-01-10T00:00.
test_expect_success 'a date without a time counts as the end of that day' '
	printf "customer_id,date,kind,amount\nC1,2026-01-08,margin,1\nC1,2026/1/9,margin,1\n" >l.csv &&
	crm-check --as-of 2026-01-10 --max-age 24 l.csv >out &&
	grep "^l.csv:3: freshness: info: newest date 2026-01-09 is 24h00m00s old at 2026-01-11T00:00:00+08:00$" out &&
	test_expect_code 1 crm-check --as-of 2026-01-10 --max-age 23 l.csv >/dev/null
'

test_expect_success 'each kind by its own timestamp' '
	printf "customer_id,updated_at\nC1,2026-01-10T06:00:00\n" >c.csv &&
	printf "task_id,assignee_id,due\nT1,R1,2026-01-10T06:00:00\n" >t.csv &&
	printf "policy_id,published_at\nP1,2026-01-10T06:00:00\n" >p.csv &&
	printf "decision_id,made_at,basis\nD1,2026-01-10T06:00:00,data\n" >d.csv &&
	printf "rep_id,manager_id\nR1,\n" >r.csv &&
	crm-check --as-of 2026-01-10T12:00:00 --max-age 6 c.csv t.csv p.csv d.csv r.csv >out &&
	grep "^c.csv:2: freshness: info: newest updated_at 2026-01-10T06:00:00+08:00 is 6h00m00s old" out &&
	grep "^t.csv:2: freshness: info: newest due " out &&
	grep "^p.csv:2: freshness: info: newest published_at " out &&
	grep "^d.csv:2: freshness: info: newest made_at " out &&
	grep "^freshness: 0 findings, 4 info, pass$" out &&
	crm-check --format tap --as-of 2026-01-10T12:00:00 --max-age 6 r.csv >out &&
	grep "^ok 7 - freshness r.csv # SKIP reps carry no timestamp$" out
'

test_expect_success 'a timestamp after the as-of instant is newest, and fine' '
	printf "task_id,assignee_id,due\nT1,R1,2026-01-09\nT2,R1,2026-01-15T10:00:00\n" >t.csv &&
	crm-check --as-of 2026-01-10T10:00:00 --max-age 1 t.csv >out &&
	grep "^t.csv:3: freshness: info: newest due 2026-01-15T10:00:00+08:00 is 120h00m00s after 2026-01-10T10:00:00+08:00$" out
'

test_expect_success 'a file with no timestamp to date it by fails' '
	printf "customer_id,name,updated_at\nC1,a,\nC2,b,#N/A\n" >c.csv &&
	test_expect_code 1 crm-check --max-age 24 c.csv >out &&
	grep "^c.csv: freshness: no record has a value in updated_at to date the export by$" out &&
	printf "customer_id,name\nC1,a\n" >c2.csv &&
	test_expect_code 1 crm-check --max-age 24 c2.csv >out &&
	grep "^c2.csv: freshness: no record has a value in updated_at" out
'

test_expect_success 'rejected records do not date the export' '
	printf "activity_id,customer_id,ts\nA1,C1,2026-01-09T12:00:00\nA2,,2026-01-10T11:00:00\n" >a.csv &&
	test_expect_code 1 crm-check --max-reject-rate 50 --as-of 2026-01-10T12:00:00 --max-age 12 a.csv >out &&
	grep "^a.csv:2: freshness: newest ts 2026-01-09T12:00:00+08:00 is 24h00m00s old" out
'

test_expect_success 'bad --max-age and --as-of are usage errors' '
	test_expect_code 2 crm-check --max-age -1 a.csv 2>err &&
	grep "max-age: expected hours from 0 to 876000, got .-1." err &&
	test_expect_code 2 crm-check --max-age 1.5 a.csv 2>/dev/null &&
	test_expect_code 2 crm-check --as-of 2026-02-30 a.csv 2>err &&
	grep "as-of: not a date or time .2026-02-30." err &&
	test_expect_code 2 crm-check --as-of yesterday a.csv 2>/dev/null
'

test_done
