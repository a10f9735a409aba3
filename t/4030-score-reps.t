#!/bin/sh
test_description='crm-score: idle reps, --by region and --by manager'
. "${0%/*}/lib.sh"

D=$DATA/score
H='rank,rep_id,name,region,score,activities'

# groups.csv, 2026-W47, with reps.csv (D1 > M1 > S1 > R1, R2 in 华东;
# M1 > S2 > R3, R4 in 华北 and R5 with no region):
#   R1: G1 proposal 3                                   = 3.00
#   R3: G2 visit 1 + G3 quote 2 (a day after the visit)  = 3.00, 1 advanced
#   R7: G5 demo_booked 3 (not in the reps file)          = 3.00
#   R5: G6 visit 1                                       = 1.00
#   S1: G4 call 0.5 (a supervisor, shown: has activity)  = 0.50
#   R2, R4: idle reps, shown with 0; D1, M1, S2 are idle and not reps
test_expect_success '--reps: idle reps appear with 0, names and regions filled' '
	crm-score -r "$D/reps.csv" --week 2026-W47 "$D/groups.csv" >actual 2>err &&
	cat >expect <<-EOF &&
	$H,proposal,demo_booked,quote,visit,call,unknown,advanced_visits
	1,R1,代表一,华东,3.00,1,3.00,0.00,0.00,0.00,0.00,0,0
	1,R3,代表三,华北,3.00,2,0.00,0.00,2.00,1.00,0.00,0,1
	1,R7,,,3.00,1,0.00,3.00,0.00,0.00,0.00,0,0
	4,R5,代表五,,1.00,1,0.00,0.00,0.00,1.00,0.00,0,0
	5,S1,主管张,华东,0.50,1,0.00,0.00,0.00,0.00,0.50,0,0
	6,R2,代表二,华东,0.00,0,0.00,0.00,0.00,0.00,0.00,0,0
	6,R4,代表四,华北,0.00,0,0.00,0.00,0.00,0.00,0.00,0,0
	EOF
	test_cmp expect actual &&
	echo "crm-score: 1 rep with activities is missing from the reps file (e.g. '"'"'R7'"'"'): shown without name or region" >expect.err &&
	test_cmp expect.err err
'

test_expect_success 'without --reps the idle are unknown and not shown' '
	crm-score --week 2026-W47 "$D/groups.csv" | cut -d, -f1-5 >actual &&
	cat >expect <<-\EOF &&
	rank,rep_id,name,region,score
	1,R1,,,3.00
	1,R3,,,3.00
	1,R7,,,3.00
	4,R5,,,1.00
	5,S1,,,0.50
	EOF
	test_cmp expect actual
'

test_expect_success 'an empty week with --reps still lists every rep' '
	crm-score -r "$D/reps.csv" --week 2026-W01 "$D/groups.csv" >actual 2>err &&
	cat >expect <<-EOF &&
	$H,unknown,advanced_visits
	1,R1,代表一,华东,0.00,0,0,0
	1,R2,代表二,华东,0.00,0,0,0
	1,R3,代表三,华北,0.00,0,0,0
	1,R4,代表四,华北,0.00,0,0,0
	1,R5,代表五,,0.00,0,0,0
	EOF
	test_cmp expect actual &&
	grep "^crm-score: no activities in 2026-W01 (2025-12-29..2026-01-04)$" err
'

test_expect_success 'a reps file without a role column lists every rep' '
	printf "rep_id,name\nR1,甲\nR8,乙\n" >reps2.csv &&
	crm-score -r reps2.csv --week 2026-W47 "$D/groups.csv" 2>/dev/null | cut -d, -f1-5 >actual &&
	cat >expect <<-\EOF &&
	rank,rep_id,name,region,score
	1,R1,甲,,3.00
	1,R3,,,3.00
	1,R7,,,3.00
	4,R5,,,1.00
	5,S1,,,0.50
	6,R8,乙,,0.00
	EOF
	test_cmp expect actual
'

# --by region sums the reps above:
#   华东: R1 3 + R2 0 + S1 0.5 = 3.50, 3 reps, 2 activities
#   (unknown): R7 3 = 3.00 (not in the reps file); 华北: R3 3 + R4 0 = 3.00;
#   tied, "(unknown)" (0x28) sorts before "华北" (0xe5)
#   (none): R5 1 = 1.00 (no region)
test_expect_success '--by region' '
	crm-score -b region -r "$D/reps.csv" --week 2026-W47 "$D/groups.csv" >actual 2>err &&
	cat >expect <<-\EOF &&
	rank,region,reps,score,activities,proposal,demo_booked,quote,visit,call,unknown,advanced_visits
	1,华东,3,3.50,2,3.00,0.00,0.00,0.00,0.50,0,0
	2,(unknown),1,3.00,1,0.00,3.00,0.00,0.00,0.00,0,0
	2,华北,2,3.00,2,0.00,0.00,2.00,1.00,0.00,0,1
	4,(none),1,1.00,1,0.00,0.00,0.00,1.00,0.00,0,0
	EOF
	test_cmp expect actual &&
	grep "grouped as (unknown)" err
'

# --by manager (the rep's direct manager):
#   S2 主管赵: R3 3 + R4 0 + R5 1 = 4.00, 3 reps, 3 activities, 1 advanced
#   (unknown): R7 3.00; S1 主管张: R1 3 + R2 0 = 3.00 (tie, by key bytes)
#   M1 经理李: S1 0.5 = 0.50
test_expect_success '--by manager' '
	crm-score --by manager --reps "$D/reps.csv" --week 2026-W47 "$D/groups.csv" >actual 2>/dev/null &&
	cat >expect <<-\EOF &&
	rank,manager_id,name,region,reps,score,activities,proposal,demo_booked,quote,visit,call,unknown,advanced_visits
	1,S2,主管赵,华北,3,4.00,3,0.00,0.00,2.00,2.00,0.00,0,1
	2,(unknown),,,1,3.00,1,0.00,3.00,0.00,0.00,0.00,0,0
	2,S1,主管张,华东,2,3.00,1,3.00,0.00,0.00,0.00,0.00,0,0
	4,M1,经理李,华东,1,0.50,1,0.00,0.00,0.00,0.00,0.50,0,0
	EOF
	test_cmp expect actual
'

test_expect_success '--by rep is the default' '
	crm-score -r "$D/reps.csv" --week 2026-W47 "$D/groups.csv" >expect 2>/dev/null &&
	crm-score -b rep -r "$D/reps.csv" --week 2026-W47 "$D/groups.csv" >actual 2>/dev/null &&
	test_cmp expect actual
'

test_expect_success '--by region --top 2 keeps the tie at rank 2' '
	crm-score -b region -r "$D/reps.csv" --top 2 --week 2026-W47 "$D/groups.csv" 2>/dev/null | cut -d, -f1-4 >actual &&
	printf "rank,region,reps,score\n1,华东,3,3.50\n2,(unknown),1,3.00\n2,华北,2,3.00\n" >expect &&
	test_cmp expect actual
'

test_expect_success '--by region and --by manager need --reps' '
	test_expect_code 2 crm-score -b region "$D/groups.csv" 2>err &&
	grep "^crm-score: --by region needs --reps FILE$" err &&
	test_expect_code 2 crm-score -b manager "$D/groups.csv" 2>err &&
	grep "^crm-score: --by manager needs --reps FILE$" err &&
	test_expect_code 2 crm-score -b team "$D/groups.csv" 2>err &&
	grep "^crm-score: --by: expected rep, region or manager, got .team.$" err
'

test_expect_success 'a bad reps file is fatal' '
	printf "rep_id,name\nR1,a\nR1,b\n" >dup.csv &&
	test_expect_code 2 crm-score -r dup.csv --week 2026-W47 "$D/groups.csv" >actual 2>err &&
	test_must_be_empty actual &&
	grep "^crm-score: dup.csv:3: rep .R1. is listed twice (first on line 2)$" err &&
	grep "^crm-score: dup.csv: 1 rejected records in the reps file$" err &&
	test_expect_code 2 crm-score -r nonexistent.csv "$D/groups.csv" 2>err &&
	grep "^crm-score: nonexistent.csv: " err
'

test_done
