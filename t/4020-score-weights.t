#!/bin/sh
test_description='crm-score: weights files, CSV and JSON, and their errors'
. "${0%/*}/lib.sh"

D=$DATA/score
H='rank,rep_id,name,region,score,activities'

# custom-acts.csv with custom.csv (visit 2, proposal 5, 微信沟通 0.25,
# lunch -0.75; call has no weight there):
#   R2: K4 发送定制方案 = proposal 5 + K5 lunch -0.75 + K6 call (unknown, 0)
#       = 4.25, 3 activities, 1 unknown
#   R1: K1 visit 2 + K2, K3 微信沟通 0.25 x 2 = 2.50, 3 activities
# Columns: canonical types in the file's order (visit, proposal), then the
# others in byte order: "lunch" (0x6c) before "微信沟通" (0xe5).
cat >custom.expect <<EOF
$H,visit,proposal,lunch,微信沟通,unknown,advanced_visits
1,R2,,,4.25,3,0.00,5.00,-0.75,0.00,1,0
2,R1,,,2.50,3,2.00,0.00,0.00,0.50,0,0
EOF

test_expect_success 'a CSV weights file replaces the built-in weights' '
	crm-score --weights "$D/custom.csv" --week 2026-W47 "$D/custom-acts.csv" >actual 2>err &&
	test_cmp custom.expect actual &&
	echo "crm-score: 1 activity of unknown type '"'"'call'"'"' weighs 0" >expect.err &&
	test_cmp expect.err err
'

test_expect_success 'a JSON weights file, with a Chinese name and a quoted weight' '
	crm-score --weights "$D/custom.json" --week 2026-W47 "$D/custom-acts.csv" >actual 2>/dev/null &&
	test_cmp custom.expect actual
'

test_expect_success 'weights from stdin' '
	crm-score --weights - --week 2026-W47 "$D/custom-acts.csv" <"$D/custom.json" >actual 2>/dev/null &&
	test_cmp custom.expect actual
'

test_expect_success 'Chinese headers, CRLF and a BOM in a weights file' '
	printf "\357\273\277类型,权重\r\n拜访,2\r\n发送定制方案,5\r\n微信沟通,0.25\r\nLunch,-0.75\r\n" >zh.csv &&
	crm-score --weights zh.csv --week 2026-W47 "$D/custom-acts.csv" >actual 2>/dev/null &&
	test_cmp custom.expect actual
'

test_expect_success 'share/weights.csv is the built-in set' '
	crm-score --week 2026-W47 "$D/all-types.csv" >expect &&
	crm-score --weights "$TOP/share/weights.csv" --week 2026-W47 "$D/all-types.csv" >actual &&
	test_cmp expect actual
'

# one activity of each canonical type, one rep each: the built-in weights
# are proposal 3, pdf_blast 0.5, complaint_invalid -1, demo_booked 3,
# collab_started 2, quote 2, sample_request 2, visit 1, call 0.5 and 0 for
# the pharmacy steps rx_sale, rx_review, stock_deduct, dispatch.  Ranks:
# 3, 3 (R03, R08) = 1; 2, 2, 2 (R06, R07, R09) = 3; 1 (R01) = 6; 0.5, 0.5
# (R02, R04) = 7; 0 x 4 (R10-R13) = 9; -1 (R05) = 13.
test_expect_success 'the built-in weights, each type once' '
	crm-score --week 2026-W47 "$D/all-types.csv" | cut -d, -f1,2,5 >actual &&
	cat >expect <<-\EOF &&
	rank,rep_id,score
	1,R03,3.00
	1,R08,3.00
	3,R06,2.00
	3,R07,2.00
	3,R09,2.00
	6,R01,1.00
	7,R02,0.50
	7,R04,0.50
	9,R10,0.00
	9,R11,0.00
	9,R12,0.00
	9,R13,0.00
	13,R05,-1.00
	EOF
	test_cmp expect actual &&
	crm-score --week 2026-W47 "$D/all-types.csv" | head -1 >actual &&
	echo "$H,proposal,pdf_blast,complaint_invalid,demo_booked,collab_started,quote,sample_request,visit,call,rx_sale,rx_review,stock_deduct,dispatch,unknown,advanced_visits" >expect &&
	test_cmp expect actual
'

# 1.5 x 3 = 4.50 and 0.01 x 3 = 0.03: exact, no binary rounding
test_expect_success 'weights are exact decimals' '
	printf "type,weight\nvisit,1.5\ncall,0.01\nquote,10000\n" >w.csv &&
	printf "activity_id,customer_id,rep_id,ts,type\n1,C,R1,2026-11-16,visit\n2,C,R1,2026-11-16,visit\n3,C,R1,2026-11-16,visit\n4,C,R2,2026-11-16,call\n5,C,R2,2026-11-16,call\n6,C,R2,2026-11-16,call\n7,C,R3,2026-11-16,quote\n" >a.csv &&
	crm-score --weights w.csv --week 2026-W47 a.csv | cut -d, -f2,5 >actual &&
	printf "rep_id,score\nR3,10000.00\nR1,4.50\nR2,0.03\n" >expect &&
	test_cmp expect actual &&
	printf "type,weight\nvisit,0.500\n" >w0.csv &&
	crm-score --weights w0.csv --week 2026-W47 a.csv | grep "^1,R1,,,1.50,"
'

test_expect_success 'a weight with 3 decimals is an error with file:line' '
	printf "type,weight\nvisit,1\nproposal,0.125\n" >bad.csv &&
	test_expect_code 2 crm-score --weights bad.csv --week 2026-W47 "$D/ties.csv" >actual 2>err &&
	test_must_be_empty actual &&
	echo "crm-score: bad.csv:3: type '"'"'proposal'"'"': weight '"'"'0.125'"'"': more than 2 decimals" >expect &&
	test_cmp expect err
'

test_expect_success 'a weight that is not a number, or too large' '
	printf "type,weight\nvisit,1\ncall,abc\n" >bad.csv &&
	test_expect_code 2 crm-score --weights bad.csv "$D/ties.csv" 2>err &&
	grep "^crm-score: bad.csv:3: type .call.: weight .abc.: not a decimal number$" err &&
	printf "type,weight\nvisit,10000.01\n" >bad.csv &&
	test_expect_code 2 crm-score --weights bad.csv "$D/ties.csv" 2>err &&
	grep "^crm-score: bad.csv:2: type .visit.: weight .10000.01.: more than 10000 in size$" err &&
	printf "type,weight\nvisit,\n" >bad.csv &&
	test_expect_code 2 crm-score --weights bad.csv "$D/ties.csv" 2>err &&
	grep "^crm-score: bad.csv:2: type .visit.: weight ..: not a decimal number$" err
'

test_expect_success 'a type given twice, also as its Chinese name, is an error' '
	printf "type,weight\nproposal,3\nvisit,1\n发送定制方案,2\n" >bad.csv &&
	test_expect_code 2 crm-score --weights bad.csv "$D/ties.csv" 2>err &&
	echo "crm-score: bad.csv:4: type '"'"'proposal'"'"' is given twice (first on line 2)" >expect &&
	test_cmp expect err
'

test_expect_success 'an empty type, or one named like a column or a week' '
	printf "type,weight\n,1\n" >bad.csv &&
	test_expect_code 2 crm-score --weights bad.csv "$D/ties.csv" 2>err &&
	grep "^crm-score: bad.csv:2: empty type$" err &&
	printf "type,weight\nScore,1\n" >bad.csv &&
	test_expect_code 2 crm-score --weights bad.csv "$D/ties.csv" 2>err &&
	grep "^crm-score: bad.csv:2: type .score. has the name of an output column$" err &&
	printf "type,weight\n2026-W47,1\n" >bad.csv &&
	test_expect_code 2 crm-score --weights bad.csv "$D/ties.csv" 2>err &&
	grep "^crm-score: bad.csv:2: type .2026-w47. has the name of a --trend column$" err
'

test_expect_success 'a weights CSV needs its header' '
	printf "proposal,3\nvisit,1\n" >bad.csv &&
	test_expect_code 2 crm-score --weights bad.csv "$D/ties.csv" 2>err &&
	grep "^crm-score: bad.csv:1: expected a header with the columns type and weight$" err &&
	printf "type,weight\n" >bad.csv &&
	test_expect_code 2 crm-score --weights bad.csv "$D/ties.csv" 2>err &&
	grep "^crm-score: bad.csv: no weights$" err &&
	printf "type,weight\nvisit,1,2\n" >bad.csv &&
	test_expect_code 2 crm-score --weights bad.csv "$D/ties.csv" 2>err &&
	grep "^crm-score: bad.csv:2: " err
'

test_expect_success 'JSON weights: errors with file:line' '
	printf "{\n  \"visit\": 1,\n  \"proposal\": 0.125\n}\n" >bad.json &&
	test_expect_code 2 crm-score --weights bad.json "$D/ties.csv" 2>err &&
	grep "^crm-score: bad.json:3: type .proposal.: weight .0.125.: more than 2 decimals$" err &&
	printf "{\n  \"visit\": 1,\n  \"call\": true\n}\n" >bad.json &&
	test_expect_code 2 crm-score --weights bad.json "$D/ties.csv" 2>err &&
	grep "^crm-score: bad.json:3: type .call.: weight is not a number$" err &&
	printf "{\n  \"visit\": 1e2\n}\n" >bad.json &&
	test_expect_code 2 crm-score --weights bad.json "$D/ties.csv" 2>err &&
	grep "^crm-score: bad.json:2: type .visit.: weight .1e2.: write it as a plain decimal$" err
'

test_expect_success 'JSON weights: syntax errors and duplicate keys with line:column' '
	printf "{\n  \"visit\": 1,\n}\n" >bad.json &&
	test_expect_code 2 crm-score --weights bad.json "$D/ties.csv" 2>err &&
	grep "^crm-score: bad.json:3:1: " err &&
	printf "{\"visit\": 1,\n \"visit\": 2}\n" >bad.json &&
	test_expect_code 2 crm-score --weights bad.json "$D/ties.csv" 2>err &&
	grep "^crm-score: bad.json:2:[0-9]*: duplicate object key" err &&
	printf "[1, 2]\n" >bad.json &&
	test_expect_code 2 crm-score --weights bad.json "$D/ties.csv" 2>err &&
	grep "^crm-score: bad.json:1: expected a JSON object" err &&
	printf "{}\n" >bad.json &&
	test_expect_code 2 crm-score --weights bad.json "$D/ties.csv" 2>err &&
	grep "^crm-score: bad.json: no weights$" err
'

test_expect_success 'a missing weights file' '
	test_expect_code 2 crm-score --weights nonexistent.csv "$D/ties.csv" >actual 2>err &&
	test_must_be_empty actual &&
	grep "^crm-score: nonexistent.csv: No such file or directory$" err
'

test_done
