#!/bin/sh
test_description='crm-health --latency: how soon activities were recorded, as a detail'
. "${0%/*}/lib.sh"

# As of 2025-01-31 with the 30-day window (2025-01-02 .. 2025-01-31),
# activities and their delay recorded_at - ts:
#   A1 exactly 2 h          within
#   A2 2 h and 1 s          not within
#   A3 30 min               within
#   A4 no recorded_at       not measured
#   A5 2024-12-01, 1 h      before the window: not counted
# measured 3, within 2: 66.7%; nearest-rank median of 0.5, 2.0, 2.0003 h
# is the 2nd: 2.00 h.
test_expect_success 'setup' '
	printf "customer_id,name,region,updated_at\nC1,甲,华东,2025-01-20\nC2,乙,华北,2024-10-01\n" >c.csv &&
	cat >a.csv <<-\EOF
	activity_id,customer_id,rep_id,ts,type,recorded_at
	A1,C1,R1,2025-01-10T09:00:00+08:00,visit,2025-01-10T11:00:00+08:00
	A2,C1,R1,2025-01-11T09:00:00+08:00,call,2025-01-11T11:00:01+08:00
	A3,C2,R2,2025-01-12T09:00:00+08:00,visit,2025-01-12T09:30:00+08:00
	A4,C2,R2,2025-01-13T09:00:00+08:00,call,
	A5,C1,R1,2024-12-01T09:00:00+08:00,visit,2024-12-01T10:00:00+08:00
	EOF
'

test_expect_success 'the overall freshness row says it; the verdict is unchanged' '
	crm-health --customers c.csv -a a.csv >plain.csv 2>/dev/null &&
	crm-health --customers c.csv -a a.csv --latency >lat.csv 2>/dev/null &&
	grep "^freshness,.*; 66.7% of 3 activities with a recorded_at recorded within 2 hours (median 2.00 h)$" lat.csv &&
	sed "s/; 66.7% of 3 activities.*//" lat.csv >stripped.csv &&
	test_cmp plain.csv stripped.csv
'

test_expect_success 'it is what crm-pulse --report latency says for the window' '
	crm-pulse --customers c.csv -a a.csv --report latency -b region --from 2025-01-02 --to 2025-01-31 >p.csv 2>/dev/null &&
	grep ",(total),,4,3,2,66.7,2.00," p.csv
'

test_expect_success 'by region: only the overall row carries it' '
	crm-health --customers c.csv -a a.csv --latency -b region >g.csv 2>/dev/null &&
	test $(grep -c "recorded within 2 hours" g.csv) = 1 &&
	grep "^(total),freshness,.*recorded within 2 hours" g.csv
'

test_expect_success 'no recorded_at at all: said so' '
	cut -d, -f1-5 a.csv >nr.csv &&
	crm-health --customers c.csv -a nr.csv --latency >n.csv 2>/dev/null &&
	grep "^freshness,.*; none of 4 activities in 30 days has a recorded_at$" n.csv
'

test_expect_success 'the activities cannot come from standard input' '
	test_expect_code 2 crm-health --customers c.csv -a - --latency <a.csv 2>err &&
	grep "latency reads the activities a second time" err
'

test_expect_success 'what the activities hold is said once, not twice' '
	printf "A6,C1,R1,2025-03-01T09:00:00+08:00,visit,\n" >>a.csv &&
	crm-health --customers c.csv -a a.csv --latency >/dev/null 2>err &&
	sort err | uniq -d >dups && test_must_be_empty dups
'

test_done
