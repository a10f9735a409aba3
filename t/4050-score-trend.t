#!/bin/sh
test_description='crm-score --trend: the last N weeks as columns'
. "${0%/*}/lib.sh"

D=$DATA/score
H='rank,rep_id,name,region,score,activities'

# trend.csv; weeks by date -u -d DAY +%G-W%V: 2026-11-02..08 is 2026-W45,
# 11-09..15 W46, 11-16..22 W47, 10-26 W44.
#   R1: N1 proposal 3 (W45), N2 visit 1 (W46), N5 call 0.5 (W47)
#   R2: N3 quote 2 (W46), N4 proposal 3 (W47)
#   R3: N7 complaint_invalid -1 (W45); N6 (W44) is before the trend
# Ranked by W47: R2 3.00, R1 0.50, R3 0.00 (listed: active in the trend).
# The type columns are W47's (proposal, call).
test_expect_success '--trend 3 ending at 2026-W47' '
	crm-score --trend 3 --week 2026-W47 "$D/trend.csv" >actual 2>err &&
	cat >expect <<-EOF &&
	$H,proposal,call,unknown,advanced_visits,2026-W45,2026-W46,2026-W47
	1,R2,,,3.00,1,3.00,0.00,0,0,0.00,2.00,3.00
	2,R1,,,0.50,1,0.00,0.50,0,0,3.00,1.00,0.50
	3,R3,,,0.00,0,0.00,0.00,0,0,-1.00,0.00,0.00
	EOF
	test_cmp expect actual &&
	test_must_be_empty err
'

test_expect_success '--trend 1 is the selected week alone' '
	crm-score --trend 1 --week 2026-W46 "$D/trend.csv" >actual &&
	cat >expect <<-EOF &&
	$H,quote,visit,unknown,advanced_visits,2026-W46
	1,R2,,,2.00,1,2.00,0.00,0,0,2.00
	2,R1,,,1.00,1,0.00,1.00,0,0,1.00
	EOF
	test_cmp expect actual
'

# --trend 4 reaches W44: R3 gets N6 proposal 3 there
test_expect_success '--trend 4 reaches back to 2026-W44' '
	crm-score --trend 4 --week 2026-W47 "$D/trend.csv" | cut -d, -f2,5,11- >actual &&
	cat >expect <<-\EOF &&
	rep_id,score,2026-W44,2026-W45,2026-W46,2026-W47
	R2,3.00,0.00,0.00,2.00,3.00
	R1,0.50,0.00,3.00,1.00,0.50
	R3,0.00,3.00,-1.00,0.00,0.00
	EOF
	test_cmp expect actual
'

# year.csv: 2026-W53 has R1 4.00 and R2 3.50, 2027-W01 has R3 6.00
test_expect_success '--trend across the year boundary: 2026-W53, 2027-W01' '
	crm-score --trend 2 --week 2027-W01 "$D/year.csv" | cut -d, -f1,2,5,11- >actual &&
	cat >expect <<-\EOF &&
	rank,rep_id,score,2026-W53,2027-W01
	1,R3,6.00,0.00,6.00
	2,R1,0.00,4.00,0.00
	2,R2,0.00,3.50,0.00
	EOF
	test_cmp expect actual
'

test_expect_success '--trend with --reps, --by region and JSON' '
	crm-score -j --trend 2 -b region -r "$D/reps.csv" --week 2026-W47 "$D/groups.csv" 2>/dev/null >actual &&
	head -1 actual >first &&
	echo "{\"rank\":1,\"region\":\"华东\",\"reps\":3,\"score\":3.50,\"activities\":2,\"proposal\":3.00,\"demo_booked\":0.00,\"quote\":0.00,\"visit\":0.00,\"call\":0.50,\"unknown\":0,\"advanced_visits\":0,\"2026-W46\":0.00,\"2026-W47\":3.50}" >expect &&
	test_cmp expect first
'

test_expect_success 'duplicates in earlier weeks count once too' '
	{ cat "$D/trend.csv"; grep "^N1," "$D/trend.csv"; } >dup.csv &&
	crm-score --trend 3 --week 2026-W47 dup.csv 2>/dev/null | grep "^2,R1," >actual &&
	echo "2,R1,,,0.50,1,0.00,0.50,0,0,3.00,1.00,0.50" >expect &&
	test_cmp expect actual
'

test_expect_success '--trend needs a week and a count from 1 to 104' '
	test_expect_code 2 crm-score --trend 3 --from 2026-11-01 --to 2026-11-30 "$D/trend.csv" 2>err &&
	grep "^crm-score: --trend needs a week, not --from/--to$" err &&
	test_expect_code 2 crm-score --trend 0 "$D/trend.csv" 2>err &&
	grep "^crm-score: --trend: expected 1 to 104 weeks, got .0.$" err &&
	test_expect_code 2 crm-score --trend 105 "$D/trend.csv" 2>err &&
	test_expect_code 2 crm-score --trend x "$D/trend.csv" 2>err
'

test_done
