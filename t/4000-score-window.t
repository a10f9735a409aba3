#!/bin/sh
test_description='crm-score: the ISO week window in the team zone'
. "${0%/*}/lib.sh"

D=$DATA/score
H='rank,rep_id,name,region,score,activities'

# week.csv at +08:00 (each ISO week checked with date -u -d DAY +%G-W%V):
#   W1 2026-11-16T00:00+08:00 = Monday 16 Nov, 2026-W47, proposal 3 (R1)
#   W2 2026-11-15T15:59:59Z   = 23:59:59 Sunday 15 Nov +08:00, 2026-W46
#   W3 2026-11-22T15:59:59Z   = 23:59:59 Sunday 22 Nov +08:00, W47, call 0.5 (R2)
#   W4 2026-11-22T16:30:00Z   = 00:30 Monday 23 Nov +08:00, 2026-W48
#   W5 2026-11-22 (a date)    = Sunday 22 Nov, W47, visit 1 (R3)
# so W47 is R1 3.00, R3 1.00, R2 0.50.
test_expect_success '2026-W47 at +08:00: 16:30Z on Sunday is Monday, W48' '
	crm-score --week 2026-W47 "$D/week.csv" >actual 2>err &&
	cat >expect <<-EOF &&
	$H,proposal,visit,call,unknown,advanced_visits
	1,R1,,,3.00,1,3.00,0.00,0.00,0,0
	2,R3,,,1.00,1,0.00,1.00,0.00,0,0
	3,R2,,,0.50,1,0.00,0.00,0.50,0,0
	EOF
	test_cmp expect actual &&
	test_must_be_empty err
'

# W4 (00:30 Monday 23 Nov +08:00) is the only activity in 2026-W48.
test_expect_success '2026-W48 holds the 16:30Z activity' '
	crm-score --week 2026-W48 "$D/week.csv" >actual &&
	cat >expect <<-EOF &&
	$H,proposal,unknown,advanced_visits
	1,R2,,,3.00,1,3.00,0,0
	EOF
	test_cmp expect actual
'

# In UTC, W1 (2026-11-15T16:00Z) is Sunday 15 Nov, W46; W4 (16:30Z on
# Sunday 22 Nov) is W47: R2 = call 0.5 + proposal 3 = 3.50, R3 1.00.
test_expect_success 'the day boundary is the team zone: --tz +00:00' '
	crm-score --tz +00:00 --week 2026-W47 "$D/week.csv" >actual &&
	cat >expect <<-EOF &&
	$H,proposal,visit,call,unknown,advanced_visits
	1,R2,,,3.50,2,3.00,0.00,0.50,0,0
	2,R3,,,1.00,1,0.00,1.00,0.00,0,0
	EOF
	test_cmp expect actual
'

test_expect_success 'CRM_TZ sets the zone too' '
	CRM_TZ=UTC crm-score --week 2026-W47 "$D/week.csv" >actual &&
	grep "^1,R2,,,3.50,2," actual
'

# year.csv: date -u -d D +%G-W%V gives 2026-12-28 2026-W53, 2026-12-31
# 2026-W53, 2027-01-01 2026-W53, 2027-01-03 2026-W53, 2027-01-04 2027-W01.
#   R1: Y1 proposal 3 (28 Dec) + Y2 visit 1 (31 Dec) = 4.00
#   R2: Y3 proposal 3 (1 Jan 2027) + Y4 call 0.5 (3 Jan 23:59:59) = 3.50
# Y5 (4 Jan 00:00) and Y9 (3 Jan 16:00Z = 4 Jan 00:00 +08:00) are 2027-W01.
# R1's visit came after its proposal: not advanced.
test_expect_success 'the year boundary: 2026-12-31 and 2027-01-01 are 2026-W53' '
	crm-score --week 2026-W53 "$D/year.csv" >actual &&
	cat >expect <<-EOF &&
	$H,proposal,visit,call,unknown,advanced_visits
	1,R1,,,4.00,2,3.00,1.00,0.00,0,0
	2,R2,,,3.50,2,3.00,0.00,0.50,0,0
	EOF
	test_cmp expect actual
'

# R3: Y5 proposal 3 + Y9 demo_booked 3 = 6.00
test_expect_success '2027-W01 starts on Monday 2027-01-04 at +08:00' '
	crm-score --week 2027-W01 "$D/year.csv" >actual &&
	cat >expect <<-EOF &&
	$H,proposal,demo_booked,unknown,advanced_visits
	1,R3,,,6.00,2,3.00,3.00,0,0
	EOF
	test_cmp expect actual
'

# date -u -d 2021-01-03 +%G-W%V = 2020-W53; 2020-12-31 too; 2021-01-04 is
# 2021-W01.  R4: Y6 proposal 3 + Y7 call 0.5 = 3.50.
test_expect_success '2021-01-03 is in 2020-W53' '
	crm-score --week 2020-W53 "$D/year.csv" >actual &&
	cat >expect <<-EOF &&
	$H,proposal,call,unknown,advanced_visits
	1,R4,,,3.50,2,3.00,0.50,0,0
	EOF
	test_cmp expect actual &&
	crm-score --week 2021W01 "$D/year.csv" >actual &&
	grep "^1,R5,,,1.00,1,1.00,0,0$" actual
'

test_expect_success 'the default week is the last complete one before --as-of' '
	crm-score --week 2026-W53 "$D/year.csv" >expect &&
	crm-score --as-of 2027-01-04 "$D/year.csv" >actual &&
	test_cmp expect actual &&
	crm-score --as-of 2027-01-10 "$D/year.csv" >actual &&
	test_cmp expect actual
'

test_expect_success 'on a Sunday the week it ends is not complete yet' '
	crm-score --as-of 2027-01-03 "$D/year.csv" >actual 2>err &&
	echo "$H,unknown,advanced_visits" >expect &&
	test_cmp expect actual &&
	grep "^crm-score: no activities in 2026-W52 (2026-12-21..2026-12-27)$" err
'

test_expect_success 'the default as-of date is today (CRM_TODAY in tests)' '
	CRM_TODAY=2027-01-05 crm-score "$D/year.csv" >actual &&
	crm-score --week 2026-W53 "$D/year.csv" >expect &&
	test_cmp expect actual
'

# --from/--to 2027-01-01..2027-01-04: Y3 3 + Y4 0.5 (R2), Y5 3 + Y9 3 (R3)
test_expect_success '--from and --to: any days, both inclusive' '
	crm-score --from 2027-01-01 --to 2027-01-04 "$D/year.csv" >actual &&
	cat >expect <<-EOF &&
	$H,proposal,demo_booked,call,unknown,advanced_visits
	1,R3,,,6.00,2,3.00,3.00,0.00,0,0
	2,R2,,,3.50,2,3.00,0.00,0.50,0,0
	EOF
	test_cmp expect actual
'

# a range longer than a week: 2020-12-31..2027-01-01 holds Y1 + Y2 (R1
# 4.00), Y6 + Y7 (R4 3.50), Y3 (R2 3.00; its Y4 is on 3 Jan) and Y8 (R5 1.00)
test_expect_success '--from/--to over years is one window' '
	crm-score --from 2020-12-31 --to 2027-01-01 "$D/year.csv" >actual &&
	cat >expect <<-EOF &&
	$H,proposal,visit,call,unknown,advanced_visits
	1,R1,,,4.00,2,3.00,1.00,0.00,0,0
	2,R4,,,3.50,2,3.00,0.00,0.50,0,0
	3,R2,,,3.00,1,3.00,0.00,0.00,0,0
	4,R5,,,1.00,1,0.00,1.00,0.00,0,0
	EOF
	test_cmp expect actual
'

# X1 twice in 2026-W53 (once used, once merged), X2 in W52 (ignored)
test_expect_success 'activities outside the window are counted, not lost' '
	printf "activity_id,customer_id,rep_id,ts,type\nX1,C1,R1,2026-12-28,visit\nX1,C1,R1,2026-12-28,visit\nX2,C1,R1,2026-12-27,visit\n" >dup.csv &&
	crm-score --week 2026-W53 dup.csv >actual 2>err &&
	grep "^1,R1,,,1.00,1,1.00,0,0$" actual &&
	echo "crm-score: dup.csv: 3 records read, 1 used, 1 merged as duplicates, 1 ignored, 0 rejected" >expect &&
	test_cmp expect err
'

test_done
