#!/bin/sh
test_description='crm-health --thresholds: overriding the built-in thresholds'
. "${0%/*}/lib.sh"

H=$DATA/health
ALL="--as-of 2026-11-27 --customers $H/customers.csv -a $H/activities.csv
	--tasks $H/tasks.csv --policies $H/policies.csv --decisions $H/decisions.csv"

row() {
	grep "^$1," "$2"
}

test_expect_success 'share/thresholds.json is the built-in set' '
	crm-health $ALL >expect &&
	crm-health $ALL --thresholds "$TOP/share/thresholds.json" >actual &&
	test_cmp expect actual
'

test_expect_success 'share/thresholds.json names every key the parser takes' '
	grep -o "\"[a-z_]*\": [0-9]" "$TOP/share/thresholds.json" | wc -l | grep "^ *11$"
'

# 17 of 20 touched (85.0%) is healthy by default; with healthy_pct 90 it
# is watch, and the text says so.  Other checks keep their defaults.
test_expect_success 'a key given replaces that threshold only' '
	{ echo customer_id,updated_at &&
	  for i in $(seq 17); do echo "C$i,2026-11-27"; done &&
	  for i in 18 19 20; do echo "C$i,2026-10-27"; done; } >c.csv &&
	echo "{\"freshness\": {\"healthy_pct\": 90}}" >t.json &&
	crm-health --as-of 2026-11-27 --customers c.csv --thresholds t.json >out &&
	echo "freshness,85.0,>=90.0% touched in 30 days,>40.0% untouched over 60 days,0.0,watch,17 of 20 customers touched in 30 days; 0 untouched over 60 days" >expect &&
	row freshness out >actual && test_cmp expect actual &&
	row task_closure out | grep ",>=90.0% closed on time with evidence,>30.0% chased,"
'

# With healthy_days 31, the 3 customers at 31 days are touched: 20/20;
# with risk_days 30 and risk_pct 10 they are untouched: 3/20 = 15.0 > 10
# -> risk.  A decimal percent: 84.9 makes 17/20 healthy again (and shows
# one decimal).
test_expect_success 'freshness days and a decimal percent' '
	echo "{\"freshness\": {\"healthy_days\": 31}}" >t.json &&
	crm-health --as-of 2026-11-27 --customers c.csv --thresholds t.json >out &&
	row freshness out | cut -d, -f2,3,6 >actual &&
	echo "100.0,>=85.0% touched in 31 days,healthy" >expect && test_cmp expect actual &&
	echo "{\"freshness\": {\"risk_days\": 30, \"risk_pct\": 10}}" >t.json &&
	crm-health --as-of 2026-11-27 --customers c.csv --thresholds t.json >out &&
	row freshness out | cut -d, -f4,5,6 >actual &&
	echo ">10.0% untouched over 30 days,15.0,risk" >expect && test_cmp expect actual &&
	echo "{\"freshness\": {\"healthy_pct\": 84.9}}" >t.json &&
	crm-health --as-of 2026-11-27 --customers c.csv --thresholds t.json >out &&
	row freshness out | cut -d, -f3,6 >actual &&
	echo ">=84.9% touched in 30 days,healthy" >expect && test_cmp expect actual
'

# The receipts of t/6000: within 2 h 3 of 6.  Within 90 minutes: P1/R1
# (1h30 exactly) and P2/R3 = 2 of 6 = 33.3; within 1 day (1440 min): all
# 5 received = 83.3.  With risk_readings 4, P1 read 3 ways is no longer
# risk -> watch.
test_expect_success 'policy_sync: within_minutes and risk_readings' '
	echo "{\"policy_sync\": {\"within_minutes\": 90, \"risk_readings\": 4}}" >t.json &&
	crm-health --as-of 2026-11-27 --policies "$H/policies.csv" --thresholds t.json >out &&
	echo "policy_sync,33.3,>=95.0% within 90 minutes,>=4 readings of one policy,3,watch,2 of 6 receipts published in 30 days within 90 minutes; 1 not received; policy '"'"'P1'"'"' read 3 ways" >expect &&
	row policy_sync out >actual && test_cmp expect actual &&
	echo "{\"policy_sync\": {\"within_minutes\": 1440}}" >t.json &&
	crm-health --as-of 2026-11-27 --policies "$H/policies.csv" --thresholds t.json >out &&
	row policy_sync out | cut -d, -f2,3 >actual &&
	echo "83.3,>=95.0% within 24 hours" >expect && test_cmp expect actual
'

# decisions of t/6000: 3 of 6 on dashboard or data, 2 of 6 experience.
# healthy_pct 50 -> healthy; risk_pct 30 -> 33.3 > 30 is risk, and risk
# wins.
test_expect_success 'task_closure and decision_basis keys' '
	echo "{\"decision_basis\": {\"healthy_pct\": 50}}" >t.json &&
	crm-health --as-of 2026-11-27 --decisions "$H/decisions.csv" --thresholds t.json >out &&
	row decision_basis out | cut -d, -f6 | grep "^healthy$" &&
	echo "{\"decision_basis\": {\"healthy_pct\": 50, \"risk_pct\": 30}}" >t.json &&
	crm-health --as-of 2026-11-27 --decisions "$H/decisions.csv" --thresholds t.json >out &&
	row decision_basis out | cut -d, -f6 | grep "^risk$" &&
	echo "{\"task_closure\": {\"healthy_pct\": 57.1, \"risk_pct\": 28.5}}" >t.json &&
	crm-health --as-of 2026-11-27 --tasks "$H/tasks.csv" --thresholds t.json >out &&
	row task_closure out | cut -d, -f3,4,6 >actual &&
	echo ">=57.1% closed on time with evidence,>28.5% chased,risk" >expect &&
	test_cmp expect actual
'

test_expect_success 'thresholds from standard input' '
	echo "{\"freshness\": {\"healthy_pct\": 90}}" |
	crm-health --as-of 2026-11-27 --customers c.csv --thresholds - >out &&
	row freshness out | grep ">=90.0%"
'

# thr_err JSON MESSAGE: the file is refused with exit 2 and MESSAGE.
thr_err() {
	printf "%s" "$1" >bad.json &&
	test_expect_code 2 crm-health --as-of 2026-11-27 --customers c.csv --thresholds bad.json >out 2>err &&
	test_must_be_empty out &&
	echo "crm-health: bad.json: $2" >expect &&
	test_cmp expect err
}

test_expect_success 'an unknown key is an error naming it' '
	thr_err "{\"freshness\": {\"healthy_pc\": 85}}" "unknown key '"'"'freshness.healthy_pc'"'"'" &&
	thr_err "{\"freshnes\": {}}" "unknown key '"'"'freshnes'"'"' (expected freshness, task_closure, policy_sync or decision_basis)"
'

test_expect_success 'values are range-checked' '
	thr_err "{\"freshness\": {\"healthy_pct\": 100.5}}" "'"'"'freshness.healthy_pct'"'"': expected a percent from 0 to 100, got 100.5" &&
	thr_err "{\"task_closure\": {\"risk_pct\": -1}}" "'"'"'task_closure.risk_pct'"'"': expected a percent from 0 to 100, got -1" &&
	thr_err "{\"freshness\": {\"healthy_pct\": 85.25}}" "'"'"'freshness.healthy_pct'"'"': at most one decimal, got 85.25" &&
	thr_err "{\"freshness\": {\"risk_days\": 36501}}" "'"'"'freshness.risk_days'"'"': expected a whole number from 0 to 36500, got 36501" &&
	thr_err "{\"freshness\": {\"healthy_days\": 7.5}}" "'"'"'freshness.healthy_days'"'"': expected a whole number from 0 to 36500, got 7.5" &&
	thr_err "{\"policy_sync\": {\"risk_readings\": 1}}" "'"'"'policy_sync.risk_readings'"'"': expected a whole number from 2 to 1000, got 1" &&
	thr_err "{\"policy_sync\": {\"within_minutes\": 43201}}" "'"'"'policy_sync.within_minutes'"'"': expected a whole number from 0 to 43200, got 43201"
'

test_expect_success 'wrong types and bad JSON' '
	thr_err "{\"decision_basis\": {\"healthy_pct\": \"70\"}}" "'"'"'decision_basis.healthy_pct'"'"': expected a number, got \"70\"" &&
	thr_err "{\"freshness\": 85}" "'"'"'freshness'"'"': expected an object" &&
	thr_err "[85]" "expected a JSON object {\"freshness\": {\"healthy_pct\": 85, ...}, ...}" &&
	printf "{\"task_closure\": {\"risk_pct\": 30,\n  \"risk_pct\": 31}}" >bad.json &&
	test_expect_code 2 crm-health --as-of 2026-11-27 --customers c.csv --thresholds bad.json 2>err &&
	grep "^crm-health: bad.json:2:[0-9]*: duplicate object key" err &&
	printf "{\"freshness\": {\"healthy_pct\": 85,}}" >bad.json &&
	test_expect_code 2 crm-health --as-of 2026-11-27 --customers c.csv --thresholds bad.json 2>err &&
	grep "^crm-health: bad.json:1:[0-9]*: " err
'

test_expect_success 'a missing thresholds file' '
	test_expect_code 2 crm-health --as-of 2026-11-27 --customers c.csv --thresholds nosuch.json 2>err &&
	grep "nosuch.json: No such file or directory" err
'
test_done
