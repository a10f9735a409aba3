#!/bin/sh
test_description='crm-stale --by: the stale share of each region, rep or manager'
. "${0%/*}/lib.sh"

D=$DATA/stale
# Days per customer at as-of 2026-11-27 (worked out in t/2000):
#   C090 90, C091 91, C001 7, C002 26, C003 never, C004 149, C005 73,
#   C006 0, C007 90, C008 48.  Stale (>90): C091, C003, C004.
test_expect_success '--by region, with buckets and a total' '
	crm-stale --by region --as-of 2026-11-27 -a "$D/activities.csv" "$D/customers.csv" >actual 2>/dev/null &&
	cat >expect <<-\EOF &&
	region,customers,stale,stale_pct,days_0_30,days_31_60,days_61_90,days_over_90,never
	(none),1,0,0.0,0,1,0,0,0
	华东,4,1,25.0,1,0,2,1,0
	华北,3,1,33.3,2,0,0,0,1
	华南,2,1,50.0,0,0,1,1,0
	(total),10,3,30.0,3,1,3,2,1
	EOF
	test_cmp expect actual
'

test_expect_success '--by rep, names from the reps file' '
	crm-stale --by rep --reps "$D/reps.csv" --as-of 2026-11-27 -a "$D/activities.csv" "$D/customers.csv" >actual 2>/dev/null &&
	cat >expect <<-\EOF &&
	rep_id,name,customers,stale,stale_pct,days_0_30,days_31_60,days_61_90,days_over_90,never
	R11,代表一,3,1,33.3,0,0,2,1,0
	R12,代表二,3,0,0.0,3,0,0,0,0
	R13,代表三,3,2,66.7,0,0,1,1,1
	R14,,1,0,0.0,0,1,0,0,0
	(total),,10,3,30.0,3,1,3,2,1
	EOF
	test_cmp expect actual
'

test_expect_success '--by manager rolls reps up to their direct manager' '
	crm-stale --by manager --reps "$D/reps.csv" --as-of 2026-11-27 -a "$D/activities.csv" "$D/customers.csv" >actual 2>err &&
	cat >expect <<-\EOF &&
	manager_id,name,customers,stale,stale_pct,days_0_30,days_31_60,days_61_90,days_over_90,never
	(unknown),,1,0,0.0,0,1,0,0,0
	M1,经理李,3,2,66.7,0,0,1,1,1
	S1,主管张,6,1,16.7,3,0,2,1,0
	(total),,10,3,30.0,3,1,3,2,1
	EOF
	test_cmp expect actual &&
	grep "1 customers have a rep missing from the reps file; they are grouped as (unknown)" err
'

test_expect_success '--by manager without --reps is a usage error' '
	test_expect_code 2 crm-stale --by manager "$D/customers.csv" 2>err &&
	grep "by manager needs --reps" err
'

test_expect_success '--days changes stale, not the buckets' '
	crm-stale --by region --days 30 --as-of 2026-11-27 -a "$D/activities.csv" "$D/customers.csv" >actual 2>/dev/null &&
	grep "^(total),10,7,70.0,3,1,3,2,1$" actual
'

test_expect_success 'percentages round half up: 1 of 8 is 12.5, 1 of 16 is 6.3' '
	{ echo customer_id,region,updated_at;
	  for i in 1 2 3 4 5 6 7; do echo "A$i,a,2026-11-27"; done; echo A8,a,;
	  for i in $(seq 1 15); do echo "B$i,b,2026-11-27"; done; echo B16,b,; } >p.csv &&
	crm-stale --by region --as-of 2026-11-27 p.csv >actual &&
	grep "^a,8,1,12.5," actual && grep "^b,16,1,6.3," actual
'

test_expect_success 'the table format is aligned for people' '
	crm-stale -t --by region --as-of 2026-11-27 -a "$D/activities.csv" "$D/customers.csv" >actual 2>/dev/null &&
	head -2 actual >top &&
	cat >expect <<-\EOF &&
	region   customers  stale  stale_pct  days_0_30  days_31_60  days_61_90  days_over_90  never
	(none)           1      0        0.0          0           1           0             0      0
	EOF
	test_cmp expect top
'

test_expect_success 'summary as JSON Lines has numbers as numbers' '
	crm-stale -j --by region --as-of 2026-11-27 -a "$D/activities.csv" "$D/customers.csv" >actual 2>/dev/null &&
	tail -1 actual >last &&
	echo "{\"region\":\"(total)\",\"customers\":10,\"stale\":3,\"stale_pct\":30.0,\"days_0_30\":3,\"days_31_60\":1,\"days_61_90\":3,\"days_over_90\":2,\"never\":1}" >expect &&
	test_cmp expect last
'

test_expect_success 'the summary agrees with an independent count in awk' '
	crm-stale --as-of 2026-11-27 --days 90 -a "$D/activities.csv" "$D/customers.csv" 2>/dev/null | tail -n +2 | wc -l >rows &&
	crm-stale --by region --as-of 2026-11-27 -a "$D/activities.csv" "$D/customers.csv" 2>/dev/null |
		awk -F, "\$1 != \"(total)\" && NR > 1 { s += \$3 } END { print s }" >sum &&
	test_cmp rows sum
'

test_done
