#!/bin/sh
test_description='crm-health: the total score, no-data, and --fail-on exit codes'
. "${0%/*}/lib.sh"

H=$DATA/health
AS_OF="--as-of 2026-11-27"

# Small inputs with known verdicts (as of 2026-11-27, window 30 days):
#   fresh.csv: 2 customers touched today -> freshness healthy (100.0)
#   stale.csv: 1 never touched -> freshness risk (0.0 touched, 100.0
#     untouched over 60 days)
#   tasks-ok.csv: 1 task on time, not chased -> task_closure healthy
#   tasks-watch.csv: 1 on time, 1 late, none chased -> 50.0, watch
#   dec-watch.csv: 1 dashboard, 1 other -> 50.0, watch
printf "customer_id,updated_at\nC1,2026-11-27\nC2,2026-11-20\n" >fresh.csv
printf "customer_id,updated_at\nC9,\n" >stale.csv
printf "task_id,assignee_id,due,done_at,evidence\nT1,R1,2026-11-20,2026-11-19,doc: a\n" >tasks-ok.csv
printf "task_id,assignee_id,due,done_at,evidence\nT1,R1,2026-11-20,2026-11-19,doc: a\nT2,R1,2026-11-20,2026-11-22,doc: b\n" >tasks-watch.csv
printf "decision_id,made_at,basis\nD1,2026-11-02,dashboard\nD2,2026-11-03,other\n" >dec-watch.csv

row() {
	grep "^$1," "$2"
}

# healthy 100 + healthy 100 + watch 50 = 250, over the 3 checks with data:
# 83.33.. -> 83.3; worst verdict watch; policy_sync has no input.
test_expect_success 'score: the mean of 100/50/0 over the checks with data' '
	crm-health $AS_OF --customers fresh.csv --tasks tasks-ok.csv --decisions dec-watch.csv >out &&
	echo "total,83.3,,,,watch,\"2 healthy, 1 watch, 0 risk; no data: policy_sync\"" >expect &&
	row total out >actual && test_cmp expect actual &&
	echo "policy_sync,,>=95.0% within 2 hours,>=3 readings of one policy,,no-data,no policy receipts input" >expect &&
	row policy_sync out >actual && test_cmp expect actual
'

# healthy 100 + watch 50 + watch 50 = 200 / 3 = 66.66.. -> 66.7.
test_expect_success 'score: 66.7 for healthy, watch, watch' '
	crm-health $AS_OF --customers fresh.csv --tasks tasks-watch.csv --decisions dec-watch.csv >out &&
	row total out | cut -d, -f2,6 >actual &&
	echo "66.7,watch" >expect && test_cmp expect actual
'

# risk 0 + healthy 100 = 100 / 2 = 50.0, verdict risk.
test_expect_success 'score: 50.0 for risk and healthy, verdict risk' '
	crm-health $AS_OF --customers stale.csv --tasks tasks-ok.csv >out &&
	echo "total,50.0,,,,risk,\"1 healthy, 0 watch, 1 risk; no data: policy_sync, decision_basis\"" >expect &&
	row total out >actual && test_cmp expect actual
'

test_expect_success 'no-data: an input with nothing in the window' '
	printf "task_id,assignee_id,due\nT1,R1,2026-09-01\n" >old.csv &&
	printf "policy_id,published_at\nP1,2026-12-01T09:00\n" >future.csv &&
	printf "decision_id,made_at,basis\n" >empty.csv &&
	printf "customer_id,name\n" >nocust.csv &&
	crm-health $AS_OF --customers nocust.csv --tasks old.csv --policies future.csv --decisions empty.csv >actual 2>err &&
	cat >expect <<-\EOF &&
	check,value,healthy,risk,risk_value,verdict,counts
	freshness,,>=85.0% touched in 30 days,>40.0% untouched over 60 days,,no-data,0 customers
	task_closure,,>=90.0% closed on time with evidence,>30.0% chased,,no-data,0 tasks due in 30 days
	policy_sync,,>=95.0% within 2 hours,>=3 readings of one policy,,no-data,0 receipts published in 30 days
	decision_basis,,>=70.0% on dashboard or data,>50.0% on experience,,no-data,0 decisions made in 30 days
	total,,,,,no-data,"no data: freshness, task_closure, policy_sync, decision_basis"
	EOF
	test_cmp expect actual &&
	grep "empty.csv: no data records" err
'

test_expect_success 'no-data in JSON: value and risk_value are null' '
	crm-health -j $AS_OF --tasks old.csv >actual &&
	grep "^{\"check\":\"task_closure\",\"value\":null,\"healthy\":\">=90.0% closed on time with evidence\",\"risk\":\">30.0% chased\",\"risk_value\":null,\"verdict\":\"no-data\",\"counts\":\"0 tasks due in 30 days\"}$" actual &&
	grep "^{\"check\":\"freshness\",\"value\":null,.*\"verdict\":\"no-data\",\"counts\":\"no customers input\"}$" actual
'

test_expect_success 'without --fail-on a risk still exits 0' '
	crm-health $AS_OF --customers stale.csv >/dev/null
'

test_expect_success '--fail-on risk: 1 on a risk, 0 on watch' '
	test_expect_code 1 crm-health $AS_OF --fail-on risk --customers stale.csv >out &&
	row freshness out | grep ",risk," &&
	test_expect_code 0 crm-health $AS_OF --fail-on risk --tasks tasks-watch.csv >/dev/null
'

test_expect_success '--fail-on watch: 1 on watch or risk, 0 when healthy' '
	test_expect_code 1 crm-health $AS_OF --fail-on watch --tasks tasks-watch.csv >/dev/null &&
	test_expect_code 1 crm-health $AS_OF --fail-on watch --customers stale.csv >/dev/null &&
	test_expect_code 0 crm-health $AS_OF --fail-on watch --customers fresh.csv --tasks tasks-ok.csv >/dev/null
'

test_expect_success '--fail-on: no-data never fails' '
	test_expect_code 0 crm-health $AS_OF --fail-on watch --tasks old.csv >/dev/null
'

test_expect_success '--fail-on risk on the hand-worked team: policy_sync is at risk' '
	test_expect_code 1 crm-health $AS_OF --fail-on risk --customers "$H/customers.csv" \
	    --policies "$H/policies.csv" >/dev/null
'

test_expect_success 'an error outranks a finding: a rejected record is 2' '
	printf "customer_id,updated_at\nC9,\nC10,not a date\n" >bad.csv &&
	test_expect_code 2 crm-health $AS_OF --fail-on risk --customers bad.csv >out 2>err &&
	grep "bad.csv:3: field .updated_at.: not a date or time .not a date." err &&
	grep "some input records were rejected" err &&
	row freshness out | grep ",risk,"
'

test_expect_success '--fail-on: a bad verdict is a usage error' '
	test_expect_code 2 crm-health $AS_OF --fail-on healthy --customers fresh.csv 2>err &&
	grep "fail-on: expected watch or risk, got .healthy." err
'
test_done
