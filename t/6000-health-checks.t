#!/bin/sh
test_description='crm-health: the four checks on a small team, worked by hand'
. "${0%/*}/lib.sh"

H=$DATA/health
ALL="--as-of 2026-11-27 --customers $H/customers.csv -a $H/activities.csv
	--tasks $H/tasks.csv --policies $H/policies.csv --decisions $H/decisions.csv"

# As of 2026-11-27, window 30 days = 2026-10-29 .. 2026-11-27.
#
# freshness (t/data/health/customers.csv, activities.csv), days_since:
#   C01 7, C02 30 (exactly 30 is touched), C03 31, C04 60 (exactly 60 is
#   not "over 60"), C05 61 (its call of 2026-09-01 is older), C06 never,
#   C07 1 (updated 2026-06-01, but a visit on 2026-11-26), C08 26, C09 0,
#   C10 118.  Touched (<= 30): C01 C02 C07 C08 C09 = 5 of 10 = 50.0%,
#   not >= 85%.  Untouched over 60: C05 C06 C10 = 3 of 10 = 30.0%, not
#   > 40%.  -> watch.
# task_closure (tasks.csv): due in the window: T01 T02 T03 T04 T05 T07
#   T09 = 7 (T06 due 10-28 is the day before the window, T08 due 11-28 is
#   after it).  On time with evidence: T01 (done the day before), T02
#   (done exactly at 18:00, the due time), T07 (done the day due, the
#   window's first day), T09 (due the as-of day, date only, done that
#   morning) = 4; T03 is a minute late, T04 has no evidence, T05 is not
#   done.  4/7 = 57.142.. -> 57.1, not >= 90%.  Chased: T02 T05 = 2/7 =
#   28.57.. -> 28.6, not > 30%.  -> watch.
# policy_sync (policies.csv): published in the window: 6 (P3 was
#   published 2026-10-01).  Within 2 hours: P1/R1 (1h30), P1/R2 (exactly
#   2h), P2/R3 (5 min) = 3; P1/R3 is 2h and 1 s, P1/R9 a day, P2/R1 never
#   received.  3/6 = 50.0.  P1 is read 3 ways (按季度返点, 按月返点,
#   按年返点) >= 3 -> risk, risk_value 3.
# decision_basis (decisions.csv): made in the window: D01..D05, D07 = 6
#   (D06 is 2026-10-01).  Dashboard or data: D01 dashboard, D02 数据,
#   D07 看板 = 3/6 = 50.0, not >= 70%.  Experience: D03 我觉得, D04 = 2/6 =
#   33.3, not > 50%.  -> watch.
# total: watch 50 + watch 50 + risk 0 + watch 50 = 150 / 4 = 37.5; the
#   worst verdict is risk.
test_expect_success 'the four checks and the total' '
	crm-health $ALL >actual &&
	cat >expect <<-\EOF &&
	check,value,healthy,risk,risk_value,verdict,counts
	freshness,50.0,>=85.0% touched in 30 days,>40.0% untouched over 60 days,30.0,watch,5 of 10 customers touched in 30 days; 3 untouched over 60 days (1 never touched)
	task_closure,57.1,>=90.0% closed on time with evidence,>30.0% chased,28.6,watch,4 of 7 tasks due in 30 days closed on time with evidence; 2 chased
	policy_sync,50.0,>=95.0% within 2 hours,>=3 readings of one policy,3,risk,3 of 6 receipts published in 30 days within 2 hours; 1 not received; policy '"'"'P1'"'"' read 3 ways
	decision_basis,50.0,>=70.0% on dashboard or data,>50.0% on experience,33.3,watch,3 of 6 decisions made in 30 days on dashboard or data; 2 on experience
	total,37.5,,,,risk,"0 healthy, 3 watch, 1 risk"
	EOF
	test_cmp expect actual
'

test_expect_success 'JSON Lines: numbers as numbers, empty cells as null' '
	crm-health -j $ALL >actual &&
	cat >expect <<-\EOF &&
	{"check":"freshness","value":50.0,"healthy":">=85.0% touched in 30 days","risk":">40.0% untouched over 60 days","risk_value":30.0,"verdict":"watch","counts":"5 of 10 customers touched in 30 days; 3 untouched over 60 days (1 never touched)"}
	{"check":"task_closure","value":57.1,"healthy":">=90.0% closed on time with evidence","risk":">30.0% chased","risk_value":28.6,"verdict":"watch","counts":"4 of 7 tasks due in 30 days closed on time with evidence; 2 chased"}
	{"check":"policy_sync","value":50.0,"healthy":">=95.0% within 2 hours","risk":">=3 readings of one policy","risk_value":3,"verdict":"risk","counts":"3 of 6 receipts published in 30 days within 2 hours; 1 not received; policy '"'"'P1'"'"' read 3 ways"}
	{"check":"decision_basis","value":50.0,"healthy":">=70.0% on dashboard or data","risk":">50.0% on experience","risk_value":33.3,"verdict":"watch","counts":"3 of 6 decisions made in 30 days on dashboard or data; 2 on experience"}
	{"check":"total","value":37.5,"healthy":null,"risk":null,"risk_value":null,"verdict":"risk","counts":"0 healthy, 3 watch, 1 risk"}
	EOF
	test_cmp expect actual
'

test_expect_success 'the aligned table for people' '
	crm-health -t $ALL >actual &&
	head -1 actual | grep "^check  *value  *healthy  *risk  *risk_value  *verdict  *counts$" &&
	grep "^total  *37.5  *risk  *0 healthy, 3 watch, 1 risk$" actual
'

test_expect_success 'the same answer from the store' '
	for f in customers activities reps tasks policies decisions; do
		crm-import --db s.db "$H/$f.csv" 2>/dev/null || exit 1
	done &&
	crm-health $ALL >from-files &&
	crm-health --db s.db --as-of 2026-11-27 >from-db &&
	test_cmp from-files from-db &&
	CRM_DB=s.db crm-health --as-of 2026-11-27 >from-env &&
	test_cmp from-files from-env
'

test_expect_success 'a file given beside --db replaces that input only' '
	printf "task_id,assignee_id,due,done_at,evidence\nX1,R1,2026-11-20,2026-11-19,doc: a\n" >t.csv &&
	crm-health --db s.db --as-of 2026-11-27 --tasks t.csv >actual &&
	grep "^task_closure,100.0,.*,0.0,healthy,1 of 1 task due in 30 days closed on time with evidence; 0 chased$" actual &&
	grep "^freshness,50.0," actual
'

test_expect_success 'inputs as JSON Lines give the same answer' '
	awk -F, "NR > 1 { printf \"{\\\"decision_id\\\":\\\"%s\\\",\\\"made_at\\\":\\\"%s\\\",\\\"maker_id\\\":\\\"%s\\\",\\\"basis\\\":\\\"%s\\\"}\\n\", \$1, \$2, \$3, \$4 }" \
	    "$H/decisions.csv" >d.jsonl &&
	crm-health --as-of 2026-11-27 --decisions "$H/decisions.csv" >expect &&
	crm-health --as-of 2026-11-27 --decisions d.jsonl >actual &&
	test_cmp expect actual
'

# Freshness is crm-stale's: its buckets give the same counts.  From
# crm-stale --by region on the same files, (total) row: days_0_30 is the
# touched count, days_61_90 + days_over_90 + never the untouched one.
test_expect_success 'freshness counts agree with crm-stale --by region' '
	crm-stale --by region --as-of 2026-11-27 -a "$H/activities.csv" "$H/customers.csv" >stale &&
	awk -F, "\$1 == \"(total)\" { print \$5 \" of \" \$2 \" customers touched in 30 days; \" \$7 + \$8 + \$9 \" untouched over 60 days (\" \$9 \" never touched)\" }" stale >expect &&
	crm-health $ALL | grep "^freshness," | cut -d, -f7 >actual &&
	test_cmp expect actual
'

test_expect_success 'the default as-of date is today (CRM_TODAY in tests)' '
	crm-health $ALL >expect &&
	CRM_TODAY=2026-11-27 crm-health --customers "$H/customers.csv" -a "$H/activities.csv" \
	    --tasks "$H/tasks.csv" --policies "$H/policies.csv" --decisions "$H/decisions.csv" >actual &&
	test_cmp expect actual
'

test_expect_success 'an input from standard input' '
	crm-health $ALL >expect &&
	crm-health --as-of 2026-11-27 --customers - -a "$H/activities.csv" --tasks "$H/tasks.csv" \
	    --policies "$H/policies.csv" --decisions "$H/decisions.csv" <"$H/customers.csv" >actual &&
	test_cmp expect actual
'

test_expect_success '--bom starts CSV with a UTF-8 BOM' '
	crm-health --bom $ALL >actual &&
	head -c 3 actual | od -An -tx1 | grep "ef bb bf"
'
test_done
