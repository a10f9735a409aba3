#!/bin/sh
test_description='crm-score: visits followed within 7 days by an advancing action'
. "${0%/*}/lib.sh"

D=$DATA/score
H='rank,rep_id,name,region,score,activities'

# advance.csv, 2026-W47 (16..22 Nov), all times +08:00:
#   V1 R1 visit C1 16 Nov 09:00; P1 proposal C1 by R2 23 Nov 09:00:00,
#      exactly 7 x 24 h later (and after the window): advanced
#   V2 R2 visit C2 16 Nov 09:00; P2 proposal C2 23 Nov 09:00:01, 7 days
#      and 1 second later: not advanced
#   V3 R3 visit C3 17 Nov 09:00; Q3 quote C3 at the same instant: advanced
#   V4 R3 visit C4 18 Nov 09:00; X4 proposal C4 a day before: not advanced
#   V5 R4 visit C5 19 Nov 09:00; L5 call (0.5 < 2) 20 Nov, V6 visit 20 Nov
#      10:00, S6 sample_request (2) 21 Nov 10:00: advances V5 and V6
# Scores (P1, P2 are in W48, not scored):
#   R3: visit 1 + quote 2 + visit 1 + proposal 3 = 7.00, 1 advanced
#   R4: visit 1 + call 0.5 + visit 1 + sample_request 2 = 4.50, 2 advanced
#   R1: visit 1 = 1.00, 1 advanced;  R2: visit 1 = 1.00, 0 advanced
cat >advance.expect <<EOF
$H,proposal,quote,sample_request,visit,call,unknown,advanced_visits
1,R3,,,7.00,4,3.00,2.00,0.00,2.00,0.00,0,1
2,R4,,,4.50,4,0.00,0.00,2.00,2.00,0.50,0,2
3,R1,,,1.00,1,0.00,0.00,0.00,1.00,0.00,0,1
3,R2,,,1.00,1,0.00,0.00,0.00,1.00,0.00,0,0
EOF

test_expect_success 'advanced visits: exactly 7 days counts, 7 days + 1 s does not' '
	crm-score --week 2026-W47 "$D/advance.csv" >actual 2>err &&
	test_cmp advance.expect actual &&
	test_must_be_empty err
'

test_expect_success 'the order of the input does not matter' '
	{ head -1 "$D/advance.csv"; tail -n +2 "$D/advance.csv" | sort -r; } >rev.csv &&
	crm-score --week 2026-W47 rev.csv >actual &&
	test_cmp advance.expect actual
'

# split over two files, the follow-ups first
test_expect_success 'visits and follow-ups in different files' '
	{ head -1 "$D/advance.csv"; grep "^[PQXLS]" "$D/advance.csv"; } >follow.csv &&
	{ head -1 "$D/advance.csv"; grep "^V" "$D/advance.csv"; } >visits.csv &&
	crm-score --week 2026-W47 follow.csv visits.csv >actual &&
	test_cmp advance.expect actual
'

# Without the W48 rows (P1, P2), V1 has no follow-up in the input.
test_expect_success 'a follow-up after the window counts only when read' '
	grep -v "^P" "$D/advance.csv" >nop.csv &&
	crm-score --week 2026-W47 nop.csv | grep "^3,R1," >actual &&
	echo "3,R1,,,1.00,1,0.00,0.00,0.00,1.00,0.00,0,0" >expect &&
	test_cmp expect actual
'

# --advance-weight 3: quote and sample_request (2) no longer advance, so
# only V1 (proposal 3, exactly 7 days) is advanced.
test_expect_success '--advance-weight 3: only proposal-weight actions advance' '
	crm-score --advance-weight 3 --week 2026-W47 "$D/advance.csv" | cut -d, -f2,13 >actual &&
	printf "rep_id,advanced_visits\nR3,0\nR4,0\nR1,1\nR2,0\n" >expect &&
	test_cmp expect actual
'

# --advance-weight 0.5: L5 call (0.5) now advances V5 too (no change: S6
# did already); a visit never advances itself or another visit, so V6 is
# still advanced only through S6.
test_expect_success '--advance-weight 0.5: calls advance, visits never do' '
	crm-score --advance-weight 0.5 --week 2026-W47 "$D/advance.csv" | cut -d, -f2,13 >actual &&
	printf "rep_id,advanced_visits\nR3,1\nR4,2\nR1,1\nR2,0\n" >expect &&
	test_cmp expect actual &&
	printf "activity_id,customer_id,rep_id,ts,type\n1,C,R1,2026-11-16,visit\n2,C,R1,2026-11-17,visit\n" >vv.csv &&
	crm-score --advance-weight -1 --week 2026-W47 vv.csv | cut -d, -f2,9 >actual &&
	printf "rep_id,advanced_visits\nR1,0\n" >expect &&
	test_cmp expect actual
'

# dates without a time are midnight in the team zone: 16 Nov to 23 Nov is
# exactly 7 days; 16 Nov to 24 Nov is 8 (the follow-ups are in W48)
test_expect_success 'date-only timestamps: 7 calendar days is within' '
	printf "activity_id,customer_id,rep_id,ts,type\n1,C1,R1,2026-11-16,visit\n2,C1,R1,2026-11-23,proposal\n3,C2,R2,2026-11-16,拜访\n4,C2,R2,2026-11-24,报价\n" >d.csv &&
	crm-score --week 2026-W47 d.csv | cut -d, -f2,5,9 >actual &&
	printf "rep_id,score,advanced_visits\nR1,1.00,1\nR2,1.00,0\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a duplicate visit counts once here too' '
	{ cat "$D/advance.csv"; grep "^V1," "$D/advance.csv"; } >dupv.csv &&
	crm-score --week 2026-W47 dupv.csv >actual 2>/dev/null &&
	test_cmp advance.expect actual
'

test_expect_success '--advance-weight must be a weight' '
	test_expect_code 2 crm-score --advance-weight 0.125 "$D/advance.csv" 2>err &&
	grep "^crm-score: --advance-weight: .0.125.: more than 2 decimals$" err &&
	test_expect_code 2 crm-score --advance-weight x "$D/advance.csv" 2>err &&
	grep "^crm-score: --advance-weight: .x.: not a decimal number$" err
'

test_done
