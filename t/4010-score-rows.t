#!/bin/sh
test_description='crm-score: rows, ranks, ties, duplicates, unknown and Chinese types'
. "${0%/*}/lib.sh"

D=$DATA/score
H='rank,rep_id,name,region,score,activities'

# ties.csv, 2026-W47, default weights:
#   R3: T1 proposal 3 + T8 call 0.5          = 3.50   rank 1
#   R1: T2 quote 2 + T3 visit 1              = 3.00   rank 2
#   R2: T4 demo_booked 3                     = 3.00   rank 2 (tie; R1 < R2)
#   R10: T5 call 0.5 + T6 pdf_blast 0.5      = 1.00   rank 4 (1, 2, 2, 4)
#   R9: T7 visit 1                           = 1.00   rank 4; "R10" < "R9"
#       in byte order, so R10 comes first
# Type columns: the types present, in the built-in order proposal,
# pdf_blast, (complaint_invalid), demo_booked, (collab_started), quote,
# (sample_request), visit, call.  R1's quote (09:00) came before its visit
# (10:00), so the visit is not advanced.
cat >ties.expect <<EOF
$H,proposal,pdf_blast,demo_booked,quote,visit,call,unknown,advanced_visits
1,R3,,,3.50,2,3.00,0.00,0.00,0.00,0.00,0.50,0,0
2,R1,,,3.00,2,0.00,0.00,0.00,2.00,1.00,0.00,0,0
2,R2,,,3.00,1,0.00,0.00,3.00,0.00,0.00,0.00,0,0
4,R10,,,1.00,2,0.00,0.50,0.00,0.00,0.00,0.50,0,0
4,R9,,,1.00,1,0.00,0.00,0.00,0.00,1.00,0.00,0,0
EOF

test_expect_success 'ties share a rank (1, 2, 2, 4) and go by rep_id bytes' '
	crm-score --week 2026-W47 "$D/ties.csv" >actual 2>err &&
	test_cmp ties.expect actual &&
	test_must_be_empty err
'

test_expect_success 'the type columns add up to the score' '
	crm-score --week 2026-W47 "$D/ties.csv" | tail -n +2 >rows &&
	awk -F, "{ s = 0; for (i = 7; i <= 12; i++) s += \$i;
		if (sprintf(\"%.2f\", s) != \$5) { print; exit 1 } }" rows
'

test_expect_success 'input order does not matter' '
	{ head -1 "$D/ties.csv"; tail -n +2 "$D/ties.csv" | sort -r; } >rev.csv &&
	crm-score --week 2026-W47 rev.csv >actual &&
	test_cmp ties.expect actual
'

test_expect_success '--top 2 keeps everyone tied at rank 2' '
	crm-score --top 2 --week 2026-W47 "$D/ties.csv" >actual &&
	head -4 ties.expect >expect &&
	test_cmp expect actual
'

test_expect_success '--top 3: rank 4 is cut' '
	crm-score --top 3 --week 2026-W47 "$D/ties.csv" >actual &&
	head -4 ties.expect >expect &&
	test_cmp expect actual
'

test_expect_success '--top 4 keeps both reps tied at rank 4; --top 1 one row' '
	crm-score --top 4 --week 2026-W47 "$D/ties.csv" >actual &&
	test_cmp ties.expect actual &&
	crm-score --top 1 --week 2026-W47 "$D/ties.csv" >actual &&
	head -2 ties.expect >expect &&
	test_cmp expect actual
'

# export1 + export2: D2 and D3 are in both (counted once); the two
# activities without activity_id both count.
#   R1: D1 proposal 3 + D2 visit 1                         = 4.00, 2 activities
#   R2: D3 call 0.5 + D4 quote 2 + call 0.5 + call 0.5      = 3.50, 4 activities
# (counting D2 and D3 twice would give 5.00 and 4.00)
test_expect_success 'the same activity_id counts once across two files' '
	crm-score --week 2026-W47 "$D/export1.csv" "$D/export2.csv" >actual 2>err &&
	cat >expect <<-EOF &&
	$H,proposal,quote,visit,call,unknown,advanced_visits
	1,R1,,,4.00,2,3.00,0.00,1.00,0.00,0,0
	2,R2,,,3.50,4,0.00,2.00,0.00,1.50,0,0
	EOF
	test_cmp expect actual &&
	echo "crm-score: $D/export2.csv: 5 records read, 3 used, 2 merged as duplicates, 0 rejected" >expect.err &&
	test_cmp expect.err err
'

test_expect_success 'the other file order gives the same table' '
	crm-score --week 2026-W47 "$D/export2.csv" "$D/export1.csv" >actual2 2>err &&
	crm-score --week 2026-W47 "$D/export1.csv" "$D/export2.csv" >actual 2>/dev/null &&
	test_cmp actual actual2 &&
	grep "export1.csv: 3 records read, 1 used, 2 merged as duplicates, 0 rejected" err
'

# unknown.csv, 2026-W47:
#   R1: U1, U2 lunch, U6 wechat: 3 activities, all unknown, score 0.00
#   R2: U3 lunch, U4 " Visit" (= visit, 1), U5 no type: score 1.00,
#       3 activities, 2 unknown
#   U7 karaoke is in W48: neither counted nor reported
test_expect_success 'unknown types weigh 0, are counted and reported' '
	crm-score --week 2026-W47 "$D/unknown.csv" >actual 2>err &&
	cat >expect <<-EOF &&
	$H,visit,unknown,advanced_visits
	1,R2,,,1.00,3,1.00,2,0
	2,R1,,,0.00,3,0.00,3,0
	EOF
	test_cmp expect actual &&
	cat >expect.err <<-\EOF &&
	crm-score: 1 activity has no type and weighs 0
	crm-score: 3 activities of unknown type '"'"'lunch'"'"' weigh 0
	crm-score: 1 activity of unknown type '"'"'wechat'"'"' weighs 0
	EOF
	test_cmp expect.err err
'

# chinese.csv (Chinese headers too), 2026-W47:
#   R3: 预约演示 demo_booked 3 + 发起内部协作 collab_started 2  = 5.00
#   R1: 拜访 visit 1 + 发送定制方案 proposal 3                  = 4.00
#       (the proposal is 24 h after the visit: 1 advanced visit)
#   R4: 申请样品 + 样品申请, sample_request 2 + 2               = 4.00
#   R5: 电话 call 0.5 + 报价 quote 2                             = 2.50
#   R2: 群发通用PDF pdf_blast 0.5 + 无效客诉处理 complaint_invalid -1 = -0.50
test_expect_success 'Chinese type names map onto canonical types' '
	crm-score --week 2026-W47 "$D/chinese.csv" >actual 2>err &&
	cat >expect <<-EOF &&
	$H,proposal,pdf_blast,complaint_invalid,demo_booked,collab_started,quote,sample_request,visit,call,unknown,advanced_visits
	1,R3,,,5.00,2,0.00,0.00,0.00,3.00,2.00,0.00,0.00,0.00,0.00,0,0
	2,R1,,,4.00,2,3.00,0.00,0.00,0.00,0.00,0.00,0.00,1.00,0.00,0,1
	2,R4,,,4.00,2,0.00,0.00,0.00,0.00,0.00,0.00,4.00,0.00,0.00,0,0
	4,R5,,,2.50,2,0.00,0.00,0.00,0.00,0.00,2.00,0.00,0.00,0.50,0,0
	5,R2,,,-0.50,2,0.00,0.50,-1.00,0.00,0.00,0.00,0.00,0.00,0.00,0,0
	EOF
	test_cmp expect actual &&
	test_must_be_empty err
'

# U+3000 (the ideographic space) around a type is trimmed like blanks
# 索样 ("asked for samples") is a sample_request too: 2.00, as crm-pulse
# reads it
test_expect_success '索样 is a sample request' '
	printf "activity_id,customer_id,rep_id,ts,type\n1,C1,R1,2026-11-16,索样\n" >suoyang.csv &&
	crm-score --week 2026-W47 suoyang.csv >actual 2>err &&
	printf "%s\n" "$H,sample_request,unknown,advanced_visits" "1,R1,,,2.00,1,2.00,0,0" >expect &&
	test_cmp expect actual &&
	test_must_be_empty err
'

test_expect_success 'types are trimmed, also of the ideographic space' '
	printf "activity_id,customer_id,rep_id,ts,type\n1,C1,R1,2026-11-16,\343\200\200拜访\343\200\200\n2,C1,R1,2026-11-16,\" PROPOSAL \"\n" >trim.csv &&
	crm-score --week 2026-W47 trim.csv >actual 2>err &&
	printf "%s\n" "$H,proposal,visit,unknown,advanced_visits" "1,R1,,,4.00,2,3.00,1.00,0,1" >expect &&
	test_cmp expect actual &&
	test_must_be_empty err
'

test_expect_success 'JSON Lines output: scores and points are JSON numbers' '
	crm-score --json --week 2026-W47 "$D/export1.csv" "$D/export2.csv" >actual 2>/dev/null &&
	cat >expect <<-\EOF &&
	{"rank":1,"rep_id":"R1","name":"","region":"","score":4.00,"activities":2,"proposal":3.00,"quote":0.00,"visit":1.00,"call":0.00,"unknown":0,"advanced_visits":0}
	{"rank":2,"rep_id":"R2","name":"","region":"","score":3.50,"activities":4,"proposal":0.00,"quote":2.00,"visit":0.00,"call":1.50,"unknown":0,"advanced_visits":0}
	EOF
	test_cmp expect actual
'

test_expect_success '-j and -t are the short forms of --json and --table' '
	crm-score -j --week 2026-W47 "$D/ties.csv" >actual &&
	head -c 10 actual | grep "^{\"rank\":1" &&
	crm-score -t --week 2026-W47 "$D/ties.csv" >actual &&
	cat >expect <<-\EOF &&
	rank  rep_id  name  region  score  activities  proposal  pdf_blast  demo_booked  quote  visit  call  unknown  advanced_visits
	   1  R3                     3.50           2      3.00       0.00         0.00   0.00   0.00  0.50        0                0
	   2  R1                     3.00           2      0.00       0.00         0.00   2.00   1.00  0.00        0                0
	   2  R2                     3.00           1      0.00       0.00         3.00   0.00   0.00  0.00        0                0
	   4  R10                    1.00           2      0.00       0.50         0.00   0.00   0.00  0.50        0                0
	   4  R9                     1.00           1      0.00       0.00         0.00   0.00   1.00  0.00        0                0
	EOF
	test_cmp expect actual
'

test_expect_success 'activities as JSON Lines give the same table' '
	tail -n +2 "$D/ties.csv" | while IFS=, read -r id c r ts ty; do
		printf "{\"activity_id\":\"%s\",\"customer_id\":\"%s\",\"rep_id\":\"%s\",\"ts\":\"%s\",\"type\":\"%s\"}\n" \
		    "$id" "$c" "$r" "$ts" "$ty"
	done >ties.jsonl &&
	crm-score --week 2026-W47 ties.jsonl >actual &&
	test_cmp ties.expect actual
'

test_expect_success 'activities from stdin, with no file or with -' '
	crm-score --week 2026-W47 <"$D/ties.csv" >actual &&
	test_cmp ties.expect actual &&
	crm-score --week 2026-W47 - <"$D/ties.csv" >actual &&
	test_cmp ties.expect actual
'

# E1 has no rep: not scored, but its proposal still advances R1's visit E2
# on the same customer, the same day.
test_expect_success 'activities without rep_id are reported, not scored' '
	printf "activity_id,customer_id,rep_id,ts,type\nE1,C1,,2026-11-16,proposal\nE2,C1,R1,2026-11-16,visit\n" >norep.csv &&
	crm-score --week 2026-W47 norep.csv >actual 2>err &&
	printf "%s\n" "$H,visit,unknown,advanced_visits" "1,R1,,,1.00,1,1.00,0,1" >expect &&
	test_cmp expect actual &&
	echo "crm-score: 1 activity has no rep_id and is not scored" >expect.err &&
	test_cmp expect.err err
'

test_expect_success 'a formula-like rep_id is neutralised in CSV, kept with --raw' '
	printf "activity_id,customer_id,rep_id,ts,type\nF1,C1,=1+1,2026-11-16,visit\n" >f.csv &&
	crm-score --week 2026-W47 f.csv >actual &&
	grep "^1,'"'"'=1+1,,,1.00," actual &&
	crm-score --raw --week 2026-W47 f.csv >actual &&
	grep "^1,=1+1,,,1.00," actual
'

test_expect_success '--bom starts the output with a UTF-8 BOM' '
	crm-score --bom --week 2026-W47 "$D/ties.csv" >actual &&
	head -c 3 actual | od -An -tx1 | grep "ef bb bf"
'

test_done
