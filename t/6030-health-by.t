#!/bin/sh
test_description='crm-health --by region and manager: the table per group'
. "${0%/*}/lib.sh"

H=$DATA/health
ALL="--as-of 2026-11-27 --customers $H/customers.csv -a $H/activities.csv
	--tasks $H/tasks.csv --policies $H/policies.csv --decisions $H/decisions.csv
	--reps $H/reps.csv"

# The team of t/6000 (days_since and what is in the window worked there),
# split by region.  reps.csv: R1, R2 in 华东 under M1; R3 in 华北 under
# M2; M1 (华东) and M2 (华北) under D1 (no region).  R9 is not listed.
#
# (none): C10 (no region) 118 days: 0 of 1 touched, 1 of 1 untouched ->
#   risk; no tasks, receipts or decisions: score 0 / 1 = 0.0, risk.
# 华东: customers C01..C05: touched C01 C02 = 2/5 = 40.0, untouched C05
#   = 20.0 -> watch.  Tasks of R1, R2 in the window: T01 T02 T03 T04 T09,
#   on time T01 T02 T09 = 3/5 = 60.0, chased T02 = 20.0 -> watch.
#   Receipts of region 华东: P1/R1 (within), P1/R2 (within), P2/R1 (not
#   received) = 2/3 = 66.7; P1 read one way here -> watch.  Decisions
#   of makers in 华东 (M1: D01 D02 D07, R1: D05) = 4, on dashboard or
#   data 3 = 75.0 -> healthy, 0 experience.  Score (50+50+50+100)/4 = 62.5.
# 华北: C06 (never) C07 (1) C08 (26): 2/3 = 66.7, untouched 1/3 = 33.3 ->
#   watch.  Tasks of R3: T05 (not done, chased), T07 (on time) = 1/2 =
#   50.0, chased 1/2 = 50.0 > 30 -> risk.  Receipts P1/R3 (2h+1s, no),
#   P2/R3 (yes) = 50.0 -> watch.  Decisions of M2: D03 D04, both
#   experience -> 0.0, 100.0 -> risk.  Score (50+0+50+0)/4 = 25.0.
# 华南: C09 0 days -> 1/1 = 100.0 healthy.  T08 (R9) is outside the
#   window.  Receipt P1/R9 in 华南 took a day: 0/1 = 0.0 -> watch.  No
#   decisions.  Score (100+50)/2 = 75.0, watch.
# (total): the table of t/6000.
# Groups in byte order: (none) < 华东 (E5 8D 8E E4..) < 华北 (.. E5 8C)
# < 华南 (.. E5 8D).
test_expect_success '--by region' '
	crm-health --by region $ALL >actual &&
	cat >expect <<-\EOF &&
	region,check,value,healthy,risk,risk_value,verdict,counts
	(none),freshness,0.0,>=85.0% touched in 30 days,>40.0% untouched over 60 days,100.0,risk,0 of 1 customer touched in 30 days; 1 untouched over 60 days
	(none),task_closure,,>=90.0% closed on time with evidence,>30.0% chased,,no-data,0 tasks due in 30 days
	(none),policy_sync,,>=95.0% within 2 hours,>=3 readings of one policy,,no-data,0 receipts published in 30 days
	(none),decision_basis,,>=70.0% on dashboard or data,>50.0% on experience,,no-data,0 decisions made in 30 days
	(none),total,0.0,,,,risk,"0 healthy, 0 watch, 1 risk; no data: task_closure, policy_sync, decision_basis"
	华东,freshness,40.0,>=85.0% touched in 30 days,>40.0% untouched over 60 days,20.0,watch,2 of 5 customers touched in 30 days; 1 untouched over 60 days
	华东,task_closure,60.0,>=90.0% closed on time with evidence,>30.0% chased,20.0,watch,3 of 5 tasks due in 30 days closed on time with evidence; 1 chased
	华东,policy_sync,66.7,>=95.0% within 2 hours,>=3 readings of one policy,1,watch,2 of 3 receipts published in 30 days within 2 hours; 1 not received; one reading per policy
	华东,decision_basis,75.0,>=70.0% on dashboard or data,>50.0% on experience,0.0,healthy,3 of 4 decisions made in 30 days on dashboard or data; 0 on experience
	华东,total,62.5,,,,watch,"1 healthy, 3 watch, 0 risk"
	华北,freshness,66.7,>=85.0% touched in 30 days,>40.0% untouched over 60 days,33.3,watch,2 of 3 customers touched in 30 days; 1 untouched over 60 days (1 never touched)
	华北,task_closure,50.0,>=90.0% closed on time with evidence,>30.0% chased,50.0,risk,1 of 2 tasks due in 30 days closed on time with evidence; 1 chased
	华北,policy_sync,50.0,>=95.0% within 2 hours,>=3 readings of one policy,1,watch,1 of 2 receipts published in 30 days within 2 hours; 0 not received; one reading per policy
	华北,decision_basis,0.0,>=70.0% on dashboard or data,>50.0% on experience,100.0,risk,0 of 2 decisions made in 30 days on dashboard or data; 2 on experience
	华北,total,25.0,,,,risk,"0 healthy, 2 watch, 2 risk"
	华南,freshness,100.0,>=85.0% touched in 30 days,>40.0% untouched over 60 days,0.0,healthy,1 of 1 customer touched in 30 days; 0 untouched over 60 days
	华南,task_closure,,>=90.0% closed on time with evidence,>30.0% chased,,no-data,0 tasks due in 30 days
	华南,policy_sync,0.0,>=95.0% within 2 hours,>=3 readings of one policy,1,watch,0 of 1 receipt published in 30 days within 2 hours; 0 not received; one reading per policy
	华南,decision_basis,,>=70.0% on dashboard or data,>50.0% on experience,,no-data,0 decisions made in 30 days
	华南,total,75.0,,,,watch,"1 healthy, 1 watch, 0 risk; no data: task_closure, decision_basis"
	EOF
	crm-health $ALL | sed "1d; s/^/(total),/" >>expect &&
	test_cmp expect actual
'

# By the direct manager of the rep (assignee, maker):
# (unknown): C09 (rep R9 not listed) 0 days -> healthy; receipt P1/R9
#   (a day) -> 0.0 watch.  Score (100+50)/2 = 75.0.  Counted on stderr:
#   C09 and P1/R9 = 2 records.
# D1 (总监): only decisions, of M1 (D01 D02 D07) and M2 (D03 D04) = 5;
#   dashboard or data 3 = 60.0, experience 2 = 40.0 -> watch, 50.0.
# M1 (经理东): customers of R1, R2: C01 C02 C03 C04 C05 C10: touched C01
#   C02 = 2/6 = 33.3, untouched C05 C10 = 33.3 -> watch.  Tasks as 华东
#   above (60.0 watch), receipts as 华东 (66.7 watch).  Decisions of R1:
#   D05 other -> 0.0, 0.0 -> watch.  Score 50.0.
# M2 (经理北): customers, tasks and receipts as 华北 (watch, risk,
#   watch); no decisions by R3.  Score (50+0+50)/3 = 33.3, risk.
test_expect_success '--by manager, with names and (unknown)' '
	crm-health --by manager $ALL >actual 2>err &&
	cat >expect <<-\EOF &&
	manager_id,name,check,value,healthy,risk,risk_value,verdict,counts
	(unknown),,freshness,100.0,>=85.0% touched in 30 days,>40.0% untouched over 60 days,0.0,healthy,1 of 1 customer touched in 30 days; 0 untouched over 60 days
	(unknown),,task_closure,,>=90.0% closed on time with evidence,>30.0% chased,,no-data,0 tasks due in 30 days
	(unknown),,policy_sync,0.0,>=95.0% within 2 hours,>=3 readings of one policy,1,watch,0 of 1 receipt published in 30 days within 2 hours; 0 not received; one reading per policy
	(unknown),,decision_basis,,>=70.0% on dashboard or data,>50.0% on experience,,no-data,0 decisions made in 30 days
	(unknown),,total,75.0,,,,watch,"1 healthy, 1 watch, 0 risk; no data: task_closure, decision_basis"
	D1,总监,freshness,,>=85.0% touched in 30 days,>40.0% untouched over 60 days,,no-data,0 customers
	D1,总监,task_closure,,>=90.0% closed on time with evidence,>30.0% chased,,no-data,0 tasks due in 30 days
	D1,总监,policy_sync,,>=95.0% within 2 hours,>=3 readings of one policy,,no-data,0 receipts published in 30 days
	D1,总监,decision_basis,60.0,>=70.0% on dashboard or data,>50.0% on experience,40.0,watch,3 of 5 decisions made in 30 days on dashboard or data; 2 on experience
	D1,总监,total,50.0,,,,watch,"0 healthy, 1 watch, 0 risk; no data: freshness, task_closure, policy_sync"
	M1,经理东,freshness,33.3,>=85.0% touched in 30 days,>40.0% untouched over 60 days,33.3,watch,2 of 6 customers touched in 30 days; 2 untouched over 60 days
	M1,经理东,task_closure,60.0,>=90.0% closed on time with evidence,>30.0% chased,20.0,watch,3 of 5 tasks due in 30 days closed on time with evidence; 1 chased
	M1,经理东,policy_sync,66.7,>=95.0% within 2 hours,>=3 readings of one policy,1,watch,2 of 3 receipts published in 30 days within 2 hours; 1 not received; one reading per policy
	M1,经理东,decision_basis,0.0,>=70.0% on dashboard or data,>50.0% on experience,0.0,watch,0 of 1 decision made in 30 days on dashboard or data; 0 on experience
	M1,经理东,total,50.0,,,,watch,"0 healthy, 4 watch, 0 risk"
	M2,经理北,freshness,66.7,>=85.0% touched in 30 days,>40.0% untouched over 60 days,33.3,watch,2 of 3 customers touched in 30 days; 1 untouched over 60 days (1 never touched)
	M2,经理北,task_closure,50.0,>=90.0% closed on time with evidence,>30.0% chased,50.0,risk,1 of 2 tasks due in 30 days closed on time with evidence; 1 chased
	M2,经理北,policy_sync,50.0,>=95.0% within 2 hours,>=3 readings of one policy,1,watch,1 of 2 receipts published in 30 days within 2 hours; 0 not received; one reading per policy
	M2,经理北,decision_basis,,>=70.0% on dashboard or data,>50.0% on experience,,no-data,0 decisions made in 30 days
	M2,经理北,total,33.3,,,,risk,"0 healthy, 2 watch, 1 risk; no data: decision_basis"
	EOF
	crm-health $ALL | sed "1d; s/^/(total),,/" >>expect &&
	test_cmp expect actual &&
	grep "2 records have a rep or manager missing from the reps file; they are grouped as (unknown)" err
'

test_expect_success '--by manager from the store reads its reps' '
	for f in customers activities reps tasks policies decisions; do
		crm-import --db s.db "$H/$f.csv" 2>/dev/null || exit 1
	done &&
	crm-health --by manager $ALL >expect 2>/dev/null &&
	crm-health --by manager --db s.db --as-of 2026-11-27 >actual 2>/dev/null &&
	test_cmp expect actual
'

# Overall 9 of 10 touched = 90.0% healthy, 1 untouched = 10.0%; but
# region 西 has its one customer never touched: 100.0% -> risk.
test_expect_success '--fail-on sees every group: a sick region fails the run' '
	{ echo customer_id,region,updated_at &&
	  for i in 1 2 3 4 5 6 7 8 9; do echo "C$i,东,2026-11-20"; done &&
	  echo "C10,西,"; } >c.csv &&
	test_expect_code 0 crm-health --as-of 2026-11-27 --fail-on risk --customers c.csv >out &&
	grep "^freshness,90.0,.*,10.0,healthy," out &&
	test_expect_code 1 crm-health --as-of 2026-11-27 --fail-on risk --by region --customers c.csv >out &&
	grep "^西,freshness,0.0,.*,100.0,risk," out &&
	grep "^(total),freshness,90.0,.*,healthy," out
'

test_expect_success '--by region needs no reps for customers and receipts' '
	crm-health --by region --as-of 2026-11-27 --customers "$H/customers.csv" \
	    --policies "$H/policies.csv" >actual &&
	grep -c "^华南," actual | grep "^5$"
'

test_expect_success '--by region with tasks or decisions needs --reps' '
	test_expect_code 2 crm-health --by region --as-of 2026-11-27 --tasks "$H/tasks.csv" 2>err &&
	grep "by region needs --reps FILE" err &&
	test_expect_code 2 crm-health --by manager --as-of 2026-11-27 --customers "$H/customers.csv" 2>err &&
	grep "by manager needs --reps FILE" err
'

test_expect_success '--by rep is not a choice' '
	test_expect_code 2 crm-health --by rep --customers "$H/customers.csv" 2>err &&
	grep "by: expected region or manager, got .rep." err
'
test_done
