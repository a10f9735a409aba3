#!/bin/sh
test_description='crm-health: every threshold at its edge, worked by hand'
. "${0%/*}/lib.sh"

# Every case is as of 2026-11-27 with the default 30-day window
# (2026-10-29 .. 2026-11-27) and the built-in thresholds.
AS_OF="--as-of 2026-11-27"

# customers N DAYS...: print a customers CSV: for each "count:days" pair,
# count customers updated that many days before 2026-11-27 ("never": no
# updated_at).  Day numbers: 2026-11-27 is day 20784 since 1970-01-01.
customers() {
	awk -v spec="$*" 'BEGIN {
		print "customer_id,updated_at"
		n = split(spec, parts, " ")
		for (p = 1; p <= n; p++) {
			split(parts[p], kv, ":")
			for (i = 0; i < kv[1]; i++) {
				id++
				if (kv[2] == "never") { printf "C%04d,\n", id; continue }
				d = 20784 - kv[2]	# civil from days (Hinnant)
				z = d + 719468; era = int(z / 146097)
				doe = z - era * 146097
				yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
				y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
				mp = int((5 * doy + 2) / 153); dd = doy - int((153 * mp + 2) / 5) + 1
				m = mp < 10 ? mp + 3 : mp - 9; if (m <= 2) y++
				printf "C%04d,%04d-%02d-%02d\n", id, y, m, dd
			}
		}
	}'
}

# row CHECK FILE: the output row of CHECK.
row() {
	grep "^$1," "$2"
}

test_expect_success 'the customers helper writes the dates meant' '
	customers 1:0 1:30 1:31 1:60 1:61 1:never >c.csv &&
	printf "customer_id,updated_at\nC0001,2026-11-27\nC0002,2026-10-28\nC0003,2026-10-27\nC0004,2026-09-28\nC0005,2026-09-27\nC0006,\n" >expect &&
	test_cmp expect c.csv
'

# 17 touched today + 3 at 31 days: 17/20 = 85.0% exactly, >= 85 -> healthy.
test_expect_success 'freshness: exactly 85% touched is healthy' '
	customers 17:0 3:31 >c.csv &&
	crm-health $AS_OF --customers c.csv >out &&
	echo "freshness,85.0,>=85.0% touched in 30 days,>40.0% untouched over 60 days,0.0,healthy,17 of 20 customers touched in 30 days; 0 untouched over 60 days" >expect &&
	row freshness out >actual && test_cmp expect actual
'

# 16 of 19 = 84.21..% -> shows 84.2, below 85 -> watch.
test_expect_success 'freshness: 84.2% is watch' '
	customers 16:0 3:31 >c.csv &&
	crm-health $AS_OF --customers c.csv >out &&
	row freshness out | cut -d, -f2,6 >actual &&
	echo "84.2,watch" >expect && test_cmp expect actual
'

# 1699 of 2000 = 84.95%: rounded half up it shows 85.0, but the verdict
# compares the exact fraction: 1699 * 1000 < 850 * 2000 -> watch.
test_expect_success 'freshness: 84.95% shows 85.0 and is still watch' '
	customers 1699:0 301:31 >c.csv &&
	crm-health $AS_OF --customers c.csv >out &&
	row freshness out | cut -d, -f2,6 >actual &&
	echo "85.0,watch" >expect && test_cmp expect actual
'

# 30 days is touched, 31 is not; 60 days is not untouched-over-60, 61 is:
# touched 1 of 4 = 25.0, untouched 1 of 4 = 25.0 -> watch.
test_expect_success 'freshness: the day edges 30/31 and 60/61' '
	customers 1:30 1:31 1:60 1:61 >c.csv &&
	crm-health $AS_OF --customers c.csv >out &&
	echo "freshness,25.0,>=85.0% touched in 30 days,>40.0% untouched over 60 days,25.0,watch,1 of 4 customers touched in 30 days; 1 untouched over 60 days" >expect &&
	row freshness out >actual && test_cmp expect actual
'

# 4 of 10 at 61 days = 40.0% exactly: not > 40 -> not risk; 6 of 10
# touched = 60.0 -> watch.
test_expect_success 'freshness: exactly 40% untouched is not risk' '
	customers 6:0 4:61 >c.csv &&
	crm-health $AS_OF --customers c.csv >out &&
	row freshness out | cut -d, -f2,5,6 >actual &&
	echo "60.0,40.0,watch" >expect && test_cmp expect actual
'

# 401 of 1000 never touched = 40.1% > 40 -> risk (never counts as
# untouched over 60 days).
test_expect_success 'freshness: 40.1% untouched (never touched) is risk' '
	customers 599:0 401:never >c.csv &&
	crm-health $AS_OF --customers c.csv >out &&
	echo "freshness,59.9,>=85.0% touched in 30 days,>40.0% untouched over 60 days,40.1,risk,599 of 1000 customers touched in 30 days; 401 untouched over 60 days (401 never touched)" >expect &&
	row freshness out >actual && test_cmp expect actual
'

# An activity is a touch: C1 updated 100 days ago but visited yesterday
# (days 1); C2 visited on the as-of day at 23:30 +08:00 (days 0); C3's
# activity is at 2026-11-27T20:00Z = 11-28 04:00 +08:00, after the as-of
# day, so ignored (and said): C3 stays at 100 days.  2 of 3 = 66.7.
test_expect_success 'freshness: activities count, in the team zone' '
	printf "customer_id,updated_at\nC1,2026-08-19\nC2,\nC3,2026-08-19\n" >c.csv &&
	printf "customer_id,ts\nC1,2026-11-26T10:00\nC2,2026-11-27T23:30+08:00\nC3,2026-11-27T20:00Z\n" >a.csv &&
	crm-health $AS_OF --customers c.csv -a a.csv >out 2>err &&
	row freshness out | cut -d, -f2,5,6,7 >actual &&
	echo "66.7,33.3,watch,2 of 3 customers touched in 30 days; 1 untouched over 60 days" >expect &&
	test_cmp expect actual &&
	grep "1 timestamps are after the as-of date and were ignored" err
'

# tasks: 10 due 2026-11-20, 9 done on time with evidence, 3 chased:
# 9/10 = 90.0% >= 90 -> healthy; chased 3/10 = 30.0%, not > 30.
test_expect_success 'task_closure: exactly 90% on time and 30% chased is healthy' '
	{ echo task_id,assignee_id,due,done_at,evidence,reminders &&
	  for i in 1 2 3 4 5 6 7 8 9; do echo "T$i,R1,2026-11-20,2026-11-19,doc: d$i,$((i <= 3))"; done &&
	  echo "T10,R1,2026-11-20,,,0"; } >t.csv &&
	crm-health $AS_OF --tasks t.csv >out &&
	echo "task_closure,90.0,>=90.0% closed on time with evidence,>30.0% chased,30.0,healthy,9 of 10 tasks due in 30 days closed on time with evidence; 3 chased" >expect &&
	row task_closure out >actual && test_cmp expect actual
'

# 17 of 19 on time = 89.47..% -> shows 89.5, below 90 -> watch.
test_expect_success 'task_closure: 89.5% is watch' '
	{ echo task_id,assignee_id,due,done_at,evidence &&
	  for i in $(seq 17); do echo "T$i,R1,2026-11-20,2026-11-19,doc: d"; done &&
	  echo "T18,R1,2026-11-20,2026-11-21,doc: late" &&
	  echo "T19,R1,2026-11-20,2026-11-19,"; } >t.csv &&
	crm-health $AS_OF --tasks t.csv >out &&
	row task_closure out | cut -d, -f2,5,6 >actual &&
	echo "89.5,0.0,watch" >expect && test_cmp expect actual
'

# All 13 on time, but 4 chased: 4/13 = 30.77..% > 30 -> risk, which
# outranks healthy.
test_expect_success 'task_closure: risk wins over healthy (30.8% chased)' '
	{ echo task_id,assignee_id,due,done_at,evidence,reminders &&
	  for i in $(seq 13); do echo "T$i,R1,2026-11-20,2026-11-19,doc: d,$((i <= 4 ? 2 : 0))"; done; } >t.csv &&
	crm-health $AS_OF --tasks t.csv >out &&
	row task_closure out | cut -d, -f2,5,6 >actual &&
	echo "100.0,30.8,risk" >expect && test_cmp expect actual
'

# On time, each: A done at the due time exactly; C due as a date, done
# 23:59 that day; E done as a date on the day of a timed due; G with
# evidence.  Not: B one second late; D due as a date, done the next
# midnight; F evidence only blanks; H not done.  4 of 8 = 50.0.
test_expect_success 'task_closure: on time to the second, and what evidence is' '
	cat >t.csv <<-\EOF &&
	task_id,assignee_id,due,done_at,evidence
	A,R1,2026-11-20T18:00,2026-11-20T18:00,doc: a
	B,R1,2026-11-20T18:00,2026-11-20T18:00:01,doc: b
	C,R1,2026-11-20,2026-11-20T23:59,doc: c
	D,R1,2026-11-20,2026-11-21T00:00,doc: d
	E,R1,2026-11-20T09:00,2026-11-20,doc: e
	F,R1,2026-11-20,2026-11-19,"  "
	G,R1,2026-11-20,2026-11-19,photo: g.jpg
	H,R1,2026-11-20,,doc: h
	EOF
	crm-health $AS_OF --tasks t.csv >out &&
	row task_closure out | cut -d, -f2,7 >actual &&
	echo "50.0,4 of 8 tasks due in 30 days closed on time with evidence; 0 chased" >expect &&
	test_cmp expect actual
'

# The window is the 30 days 2026-10-29 .. 2026-11-27 in the team zone: in
# are W1 (10-29), W3 (the as-of day) and W5 (2026-10-28T20:00Z is
# 10-29 04:00 +08:00); out are W2 (10-28) and W4 (11-28).  3 tasks.
test_expect_success 'task_closure: the window edges, in the team zone' '
	cat >t.csv <<-\EOF &&
	task_id,assignee_id,due,done_at,evidence
	W1,R1,2026-10-29,2026-10-29,doc: 1
	W2,R1,2026-10-28,2026-10-28,doc: 2
	W3,R1,2026-11-27,2026-11-27,doc: 3
	W4,R1,2026-11-28,2026-11-28,doc: 4
	W5,R1,2026-10-28T20:00Z,2026-10-28T19:00Z,doc: 5
	EOF
	crm-health $AS_OF --tasks t.csv >out &&
	row task_closure out | cut -d, -f7 >actual &&
	echo "3 of 3 tasks due in 30 days closed on time with evidence; 0 chased" >expect &&
	test_cmp expect actual &&
	crm-health $AS_OF --window 1 --tasks t.csv >out &&
	row task_closure out | cut -d, -f7 >actual &&
	echo "1 of 1 task due in 1 day closed on time with evidence; 0 chased" >expect &&
	test_cmp expect actual &&
	crm-health $AS_OF --tz +00:00 --tasks t.csv >out &&
	row task_closure out | cut -d, -f7 >actual &&
	echo "2 of 2 tasks due in 30 days closed on time with evidence; 0 chased" >expect &&
	test_cmp expect actual
'

# Two receipts: published 09:00, one received at 11:00:00 (exactly 2 h,
# within), one at 11:00:01 (2 h and 1 s, not): 1/2 = 50.0.
test_expect_success 'policy_sync: exactly 2 hours is within, 2h+1s is not' '
	cat >p.csv <<-\EOF &&
	policy_id,region,rep_id,published_at,received_at,interpretation
	P1,华东,R1,2026-11-02T09:00,2026-11-02T11:00:00,A
	P1,华北,R2,2026-11-02T09:00,2026-11-02T11:00:01,A
	EOF
	crm-health $AS_OF --policies p.csv >out &&
	echo "policy_sync,50.0,>=95.0% within 2 hours,>=3 readings of one policy,1,watch,1 of 2 receipts published in 30 days within 2 hours; 0 not received; one reading per policy" >expect &&
	row policy_sync out >actual && test_cmp expect actual
'

# 19 of 20 within = 95.0% -> healthy; 18 of 19 = 94.7 -> watch.  The one
# late receipt has no received_at.
test_expect_success 'policy_sync: exactly 95% is healthy, 94.7% watch' '
	{ echo policy_id,region,rep_id,published_at,received_at &&
	  for i in $(seq 19); do echo "P1,r$i,R$i,2026-11-02T09:00,2026-11-02T09:30"; done &&
	  echo "P1,r20,R20,2026-11-02T09:00,"; } >p.csv &&
	crm-health $AS_OF --policies p.csv >out &&
	row policy_sync out | cut -d, -f2,6,7 >actual &&
	echo "95.0,healthy,19 of 20 receipts published in 30 days within 2 hours; 1 not received; no readings recorded" >expect &&
	test_cmp expect actual &&
	grep -v "^P1,r19," p.csv >p19.csv &&
	crm-health $AS_OF --policies p19.csv >out &&
	row policy_sync out | cut -d, -f2,6 >actual &&
	echo "94.7,watch" >expect && test_cmp expect actual
'

# P1 read 3 ways (A, B, C) in three regions -> risk, risk_value 3.
# P2 read 2 ways (A, B; a second A in another region and an empty one do
# not add a reading; "B " is B) -> not risk.  Every receipt is within 2 h,
# 100.0 >= 95, so without P1 the check is healthy.
test_expect_success 'policy_sync: three readings of one policy is risk, two is not' '
	cat >p.csv <<-\EOF &&
	policy_id,region,rep_id,published_at,received_at,interpretation
	P1,华东,R1,2026-11-02T09:00,2026-11-02T09:10,A
	P1,华北,R2,2026-11-02T09:00,2026-11-02T09:10,B
	P1,华南,R3,2026-11-02T09:00,2026-11-02T09:10,C
	P2,华东,R1,2026-11-03T09:00,2026-11-03T09:10,A
	P2,华北,R2,2026-11-03T09:00,2026-11-03T09:10,B 
	P2,华南,R3,2026-11-03T09:00,2026-11-03T09:10,A
	P2,西南,R4,2026-11-03T09:00,2026-11-03T09:10,B
	P2,西北,R5,2026-11-03T09:00,2026-11-03T09:10,
	EOF
	crm-health $AS_OF --policies p.csv >out &&
	row policy_sync out | cut -d, -f2,5,6,7 >actual &&
	echo "100.0,3,risk,8 of 8 receipts published in 30 days within 2 hours; 0 not received; policy '"'"'P1'"'"' read 3 ways" >expect &&
	test_cmp expect actual &&
	grep -v "^P1," p.csv >p2.csv &&
	crm-health $AS_OF --policies p2.csv >out &&
	row policy_sync out | cut -d, -f2,5,6,7 >actual &&
	echo "100.0,2,healthy,5 of 5 receipts published in 30 days within 2 hours; 0 not received; policy '"'"'P2'"'"' read 2 ways" >expect &&
	test_cmp expect actual
'

# Latency is between instants: 09:00 +08:00 to 02:00Z (10:00 +08:00) is
# 1 h, within.  A date without time cannot be measured: not within.
test_expect_success 'policy_sync: zones, and dates without a time' '
	cat >p.csv <<-\EOF &&
	policy_id,region,rep_id,published_at,received_at
	P1,a,R1,2026-11-02T09:00+08:00,2026-11-02T02:00Z
	P1,b,R2,2026-11-02T09:00,2026-11-02
	P1,c,R3,2026-11-02,2026-11-02T09:00
	EOF
	crm-health $AS_OF --policies p.csv >out &&
	row policy_sync out | cut -d, -f2,7 >actual &&
	echo "33.3,1 of 3 receipts published in 30 days within 2 hours; 0 not received; no readings recorded" >expect &&
	test_cmp expect actual
'

# A policy_id of 40 CJK characters (120 bytes) is cut for the counts at a
# character boundary: 25 characters (75 bytes, what fits in 76) and "...".
test_expect_success 'policy_sync: a long policy id is cut whole characters at a time' '
	id=$(printf "政%.0s" $(seq 40)) &&
	{ echo policy_id,region,published_at,received_at,interpretation &&
	  for r in a b c; do echo "$id,$r,2026-11-02T09:00,2026-11-02T09:10,$r"; done; } >p.csv &&
	crm-health $AS_OF --policies p.csv >out &&
	row policy_sync out | sed "s/.*policy .//; s/. read 3 ways$//" >actual &&
	printf "%s...\n" "$(printf "政%.0s" $(seq 25))" >expect &&
	test_cmp expect actual
'

# 10 decisions: 4 dashboard + 3 data = 7/10 = 70.0% >= 70 -> healthy.
# Spellings of crm-import: 看板, 仪表盘, Dashboard, 数据, " data ".
test_expect_success 'decision_basis: exactly 70% on dashboard or data is healthy' '
	cat >d.csv <<-\EOF &&
	decision_id,made_at,maker_id,basis
	D1,2026-11-01,M1,dashboard
	D2,2026-11-02,M1,看板
	D3,2026-11-03,M1,仪表盘
	D4,2026-11-04,M1,Dashboard
	D5,2026-11-05,M1,data
	D6,2026-11-06,M1,数据
	D7,2026-11-07,M1, data 
	D8,2026-11-08,M1,other
	D9,2026-11-09,M1,其他
	D10,2026-11-10,M1,经验
	EOF
	crm-health $AS_OF --decisions d.csv >out &&
	echo "decision_basis,70.0,>=70.0% on dashboard or data,>50.0% on experience,10.0,healthy,7 of 10 decisions made in 30 days on dashboard or data; 1 on experience" >expect &&
	row decision_basis out >actual && test_cmp expect actual
'

# 5 of 10 on experience = 50.0%, not more than half -> not risk; the
# other 5 on dashboard = 50.0, not >= 70 -> watch.  One more experience
# decision: 6 of 11 = 54.5% > 50 -> risk.
test_expect_success 'decision_basis: exactly 50% experience is watch, 54.5% risk' '
	{ echo decision_id,made_at,maker_id,basis &&
	  for i in 1 2 3 4 5; do echo "E$i,2026-11-1$i,M1,我觉得"; done &&
	  for i in 1 2 3 4 5; do echo "G$i,2026-11-1$i,M1,dashboard"; done; } >d.csv &&
	crm-health $AS_OF --decisions d.csv >out &&
	row decision_basis out | cut -d, -f2,5,6 >actual &&
	echo "50.0,50.0,watch" >expect && test_cmp expect actual &&
	echo "E6,2026-11-20,M1,experience" >>d.csv &&
	crm-health $AS_OF --decisions d.csv >out &&
	row decision_basis out | cut -d, -f2,5,6 >actual &&
	echo "45.5,54.5,risk" >expect && test_cmp expect actual
'

test_expect_success 'decision_basis: an unknown basis is rejected with its line' '
	printf "decision_id,made_at,basis\nD1,2026-11-01,dashboard\nD2,2026-11-02,gut feeling\n" >d.csv &&
	test_expect_code 2 crm-health $AS_OF --decisions d.csv >out 2>err &&
	grep "d.csv:3: field .basis.: expected dashboard, data, experience or other, got .gut feeling." err &&
	row decision_basis out | cut -d, -f2,6 >actual &&
	echo "100.0,healthy" >expect && test_cmp expect actual
'
# The spellings crm-import maps (看板 仪表盘 数据 经验 我觉得 其他, ASCII
# case and blanks around ignored) read the same from a file and from the
# store; 上次好像 is not one, and both refuse it.  Accepted 9: dashboard
# or data B1 B2 B3 B4 B9 = 5/9 = 55.6; experience B5 B6 = 2/9 = 22.2.
test_expect_success 'decision_basis: the same spellings as crm-import, file or store' '
	cat >all.csv <<-\EOF &&
	decision_id,made_at,basis
	B1,2026-11-01,看板
	B2,2026-11-02,仪表盘
	B3,2026-11-03,数据
	B4,2026-11-04,Data
	B5,2026-11-05,经验
	B6,2026-11-06,我觉得
	B7,2026-11-07,其他
	B8,2026-11-08,OTHER
	B9,2026-11-09, dashboard 
	B10,2026-11-10,上次好像
	EOF
	# DOMAIN.md quotes 上次好像 as an experience phrase: all 10 are read.
	# dashboard or data: B1 B2 B3 B4 B9 = 5 of 10 = 50.0%; experience:
	# B5 B6 B10 = 3 of 10 = 30.0%: neither healthy (>= 70) nor risk (> 50).
	crm-import --db s.db all.csv 2>err &&
	grep "10 read = 10 written + 0 merged + 0 rejected" err &&
	crm-health $AS_OF --decisions all.csv >from-files 2>err &&
	crm-health $AS_OF --db s.db >from-db 2>/dev/null &&
	row decision_basis from-files >expect &&
	grep "^decision_basis,50.0,.*,30.0,watch,5 of 10 decisions" expect &&
	row decision_basis from-db >actual &&
	test_cmp expect actual
'
test_done
