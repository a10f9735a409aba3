#!/bin/sh
test_description='crm-clcc: costs, margin and CLCC per customer and month'
. "${0%/*}/lib.sh"

D=$DATA/clcc
H=acquisition,service,failure,failure_duplicate_quote,failure_lost_followup,failure_rework,failure_other,cost,margin,clcc,change_rate,status

# Hand-worked from t/data/clcc/ledger.csv, as-of 2026-04-30, by month:
# C001 2026-01: acquisition ¥6,000.00; service 3000; failure 400.00
#   (duplicate_quote) + 600.00 (lost_followup) = 1000.00; cost 6000 + 3000 +
#   1000 = 10000.00; margin 10万 = 100000.00; clcc 10000/100000 = 0.1000;
#   first period of C001, so no change rate.
# C001 2026-02: 服务成本 8000 (service); 失败 3,270.00 with 返工 (failure,
#   rework); cost 11270.00; 毛利 100000.00 (margin); clcc 0.1127;
#   change 0.1127/0.1000 - 1 = 0.1270.
# C001 2026-03: service 9000.00; failure 1672.69 without sub_kind (other);
#   cost 10672.69; margin 60000 + 40000 = 100000.00; clcc 0.1067269 ->
#   0.1067; change 0.1067269/0.1127 - 1 = -0.053 exactly -> -0.0530.
# C001 2026-04: no entries (the 2026-05-02 one is after the as-of date):
#   all zero, margin 0 -> margin<=0.
# C002 2026-03 (2026-03-31): 获客 2000.00 (acquisition), margin 8000.00,
#   clcc 2000/8000 = 0.2500, no-previous.  2026-04 (2026-04-01): service
#   500.00, margin (1000.00) = -1000.00 -> margin<=0.
# C003 2026-02: service 300.00, no margin -> margin<=0.  2026-03: margin
#   3000.00, no cost: clcc 0/3000 = 0.0000, but February had no CLCC ->
#   prev-margin<=0.  2026-04: 150.00/1500.00 = 0.1000; March's CLCC was 0
#   -> prev-clcc=0.
# C404 2026-01: margin 1000.00, clcc 0.0000, no-previous; then three
#   empty months up to April -> margin<=0.
test_expect_success 'by customer and month: every period to the as-of month' '
	crm-clcc --as-of 2026-04-30 -b customer "$D/ledger.csv" >actual 2>err &&
	cat >expect <<-EOF &&
	customer_id,period,$H
	C001,2026-01,6000.00,3000.00,1000.00,400.00,600.00,0.00,0.00,10000.00,100000.00,0.1000,,no-previous
	C001,2026-02,0.00,8000.00,3270.00,0.00,0.00,3270.00,0.00,11270.00,100000.00,0.1127,0.1270,ok
	C001,2026-03,0.00,9000.00,1672.69,0.00,0.00,0.00,1672.69,10672.69,100000.00,0.1067,-0.0530,ok
	C001,2026-04,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,,,margin<=0
	C002,2026-03,2000.00,0.00,0.00,0.00,0.00,0.00,0.00,2000.00,8000.00,0.2500,,no-previous
	C002,2026-04,0.00,500.00,0.00,0.00,0.00,0.00,0.00,500.00,-1000.00,,,margin<=0
	C003,2026-02,0.00,300.00,0.00,0.00,0.00,0.00,0.00,300.00,0.00,,,margin<=0
	C003,2026-03,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,3000.00,0.0000,,prev-margin<=0
	C003,2026-04,0.00,150.00,0.00,0.00,0.00,0.00,0.00,150.00,1500.00,0.1000,,prev-clcc=0
	C404,2026-01,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,1000.00,0.0000,,no-previous
	C404,2026-02,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,,,margin<=0
	C404,2026-03,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,,,margin<=0
	C404,2026-04,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,,,margin<=0
	EOF
	test_cmp expect actual &&
	grep "^crm-clcc: 1 ledger entries are dated after the as-of date and were ignored$" err
'

# All entries as one group, by quarter (2026-03-31 is Q1, 2026-04-01 Q2):
# Q1 acquisition 6000 + 2000 = 8000.00; service 3000 + 8000 + 9000 + 300 =
#   20300.00; failure 400 + 600 + 3270 + 1672.69 = 5942.69; cost 34242.69;
#   margin 300000 (C001) + 8000 (C002) + 3000 (C003) + 1000 (C404) =
#   312000.00; clcc 34242.69/312000 = 0.109752... -> 0.1098.
# Q2 service 500 + 150 = 650.00 = cost; margin -1000 + 1500 = 500.00;
#   clcc 1.3000; change 1.3 / (34242.69/312000) - 1 = 405600/34242.69 - 1
#   = 10.84486... -> 10.8449.
test_expect_success 'no --by: one group "all", here by quarter' '
	crm-clcc --as-of 2026-04-30 -p quarter "$D/ledger.csv" >actual 2>/dev/null &&
	cat >expect <<-EOF &&
	group,period,$H
	all,2026-Q1,8000.00,20300.00,5942.69,400.00,600.00,3270.00,1672.69,34242.69,312000.00,0.1098,,no-previous
	all,2026-Q2,0.00,650.00,0.00,0.00,0.00,0.00,0.00,650.00,500.00,1.3000,10.8449,ok
	EOF
	test_cmp expect actual
'

test_expect_success 'the group CLCC is the ratio of sums, not a mean of ratios' '
	# A (like C001 in Q1) is 31942.69/300000 = 0.1065 and B (like C002)
	# is 2000/8000 = 0.2500: their mean would be 0.1782; the group is
	# (31942.69 + 2000)/(300000 + 8000) = 0.110203 -> 0.1102
	cat >two.csv <<-\EOF &&
	customer_id,date,kind,amount
	A,2026-01-10,service,31942.69
	A,2026-02-10,margin,300000
	B,2026-03-31,acquisition,2000
	B,2026-03-31,margin,8000
	EOF
	crm-clcc --as-of 2026-03-31 -p quarter -b customer two.csv >actual &&
	grep "^A,2026-Q1,.*,31942.69,300000.00,0.1065,,no-previous$" actual &&
	grep "^B,2026-Q1,.*,2000.00,8000.00,0.2500,,no-previous$" actual &&
	crm-clcc --as-of 2026-03-31 -p quarter two.csv >actual &&
	grep "^all,2026-Q1,.*,33942.69,308000.00,0.1102,,no-previous$" actual
'

# By year: Q1 + Q2 above: service 20300 + 650 = 20950.00; cost 34892.69;
# margin 312500.00; clcc 34892.69/312500 = 0.1116566... -> 0.1117.
test_expect_success 'by year' '
	crm-clcc --as-of 2026-04-30 -p year "$D/ledger.csv" >actual 2>/dev/null &&
	cat >expect <<-EOF &&
	group,period,$H
	all,2026,8000.00,20950.00,5942.69,400.00,600.00,3270.00,1672.69,34892.69,312500.00,0.1117,,no-previous
	EOF
	test_cmp expect actual
'

test_expect_success 'Chinese kinds and sub-kinds map onto the canonical ones' '
	cat >zh.csv <<-\EOF &&
	customer_id,date,kind,amount,sub_kind
	Z1,2026-01-01,获客,1,
	Z1,2026-01-02,获客成本,2,
	Z1,2026-01-03,服务,4,
	Z1,2026-01-04,服务成本,8,
	Z1,2026-01-05,失败,16,重复报价
	Z1,2026-01-06,失败成本,32,跟进断档
	Z1,2026-01-07,failure,64,丢单
	Z1,2026-01-08,FAILURE,128,跟进断档/丢单
	Z1,2026-01-09,Failure,256,返工
	Z1,2026-01-10,failure,512,其他
	Z1,2026-01-11,毛利,1024,
	Z1,2026-01-12,Margin,2048,
	EOF
	# acquisition 1+2 = 3; service 4+8 = 12; duplicate_quote 16;
	# lost_followup 32+64+128 = 224; rework 256; other 512; failure
	# 16+224+256+512 = 1008; cost 3+12+1008 = 1023; margin 1024+2048 =
	# 3072; clcc 1023/3072 = 0.33301 -> 0.3330
	crm-clcc --as-of 2026-01-31 zh.csv >actual &&
	cat >expect <<-EOF &&
	group,period,$H
	all,2026-01,3.00,12.00,1008.00,16.00,224.00,256.00,512.00,1023.00,3072.00,0.3330,,no-previous
	EOF
	test_cmp expect actual
'

# Spellings seen are remembered (lib/clcc.c, struct memo) and compared by
# words: a spelling one byte away from a remembered one, in the last word
# (acquisitiom, 11 bytes), the 4-byte words (毛和 next to 毛利) or a middle
# word (跟进断栣/丢单, 19 bytes, next to 跟进断档/丢单: byte 10 alone
# differs), is not taken for it.
test_expect_success 'a spelling one byte from a remembered one is not it' '
	cat >near.csv <<-\EOF &&
	customer_id,date,kind,amount,sub_kind
	N,2026-01-01,acquisition,1,
	N,2026-01-01,acquisitiom,2,
	N,2026-01-01,毛利,100,
	N,2026-01-01,毛和,200,
	N,2026-01-01,failure,4,跟进断档/丢单
	N,2026-01-01,failure,8,跟进断栣/丢单
	N,2026-01-01,failure,16,rework
	N,2026-01-01,failure,32,reworc
	EOF
	# failure 4+8+16+32 = 60: lost_followup 4, rework 16, other 8+32 =
	# 40; cost 1+60 = 61; clcc 61/100 = 0.6100
	test_expect_code 2 crm-clcc --as-of 2026-01-31 near.csv >actual 2>err &&
	grep "^all,2026-01,1.00,0.00,60.00,0.00,4.00,16.00,40.00,61.00,100.00,0.6100,,no-previous$" actual &&
	grep "near.csv:3: field .kind.: unknown kind .acquisitiom. " err &&
	grep "near.csv:5: field .kind.: unknown kind .毛和. " err &&
	grep "^crm-clcc: 2 failure entries have an unknown sub_kind (e.g. .跟进断栣/丢单.); they are counted in failure_other$" err
'

test_expect_success 'a GB18030 ledger from Chinese Excel, with full-width digits and 万' '
	printf "customer_id,date,kind,amount,sub_kind\nZ1,2026年1月5日,获客,¥1,\nZ1,2026-01-06,失败,２０,返工\nZ1,2026-01-07,毛利,1.2万,\n" |
	    iconv -f UTF-8 -t GB18030 >gb.csv &&
	# acquisition ¥1 = 1.00; failure (rework) ２０ = 20.00; cost 21.00;
	# margin 1.2万 = 12000.00; clcc 21/12000 = 0.00175, a tie -> 0.0018
	crm-clcc --as-of 2026-01-31 gb.csv >actual 2>err &&
	grep "^all,2026-01,1.00,0.00,20.00,0.00,0.00,20.00,0.00,21.00,12000.00,0.0018,,no-previous$" actual &&
	grep "gb.csv: reading as GB18030" err
'

test_expect_success 'an unknown failure sub_kind counts as other, and is said' '
	printf "customer_id,date,kind,amount,sub_kind\nX,2026-01-01,failure,5,typo\nX,2026-01-02,failure,7,\nX,2026-01-03,service,9,rework\nX,2026-01-04,margin,100,\n" >sub.csv &&
	# failure 5 (typo -> other) + 7 (empty -> other) = 12; the sub_kind of
	# a service entry is ignored; cost 12 + 9 = 21; clcc 21/100 = 0.2100
	crm-clcc --as-of 2026-01-31 sub.csv >actual 2>err &&
	grep "^all,2026-01,0.00,9.00,12.00,0.00,0.00,0.00,12.00,21.00,100.00,0.2100,,no-previous$" actual &&
	grep "^crm-clcc: 1 failure entries have an unknown sub_kind (e.g. .typo.); they are counted in failure_other$" err
'

test_expect_success 'a "type" (类型) column stands in for a missing kind column' '
	printf "customer_id,date,类型,amount\nT1,2026-01-01,service,10\nT1,2026-01-01,margin,40\n" >type.csv &&
	crm-clcc --as-of 2026-01-31 type.csv >actual &&
	grep "^all,2026-01,0.00,10.00,0.00,0.00,0.00,0.00,0.00,10.00,40.00,0.2500,,no-previous$" actual
'

test_expect_success 'JSON Lines output: money and ratios are numbers, empty is null' '
	crm-clcc --json --as-of 2026-04-30 -b customer "$D/ledger.csv" >actual 2>/dev/null &&
	cat >expect <<-\EOF &&
	{"customer_id":"C002","period":"2026-03","acquisition":2000.00,"service":0.00,"failure":0.00,"failure_duplicate_quote":0.00,"failure_lost_followup":0.00,"failure_rework":0.00,"failure_other":0.00,"cost":2000.00,"margin":8000.00,"clcc":0.2500,"change_rate":null,"status":"no-previous"}
	{"customer_id":"C002","period":"2026-04","acquisition":0.00,"service":500.00,"failure":0.00,"failure_duplicate_quote":0.00,"failure_lost_followup":0.00,"failure_rework":0.00,"failure_other":0.00,"cost":500.00,"margin":-1000.00,"clcc":null,"change_rate":null,"status":"margin<=0"}
	EOF
	grep "\"C002\"" actual >c002 &&
	test_cmp expect c002 &&
	grep "\"C001\",\"period\":\"2026-03\".*\"clcc\":0.1067,\"change_rate\":-0.0530,\"status\":\"ok\"}$" actual &&
	! grep -i "inf\|nan" actual
'

test_expect_success 'JSON Lines output parses, and agrees with the CSV' '
	crm-clcc -j --as-of 2026-04-30 -b customer "$D/ledger.csv" 2>/dev/null |
	python3 -c "
import json, sys
for line in sys.stdin:
    o = json.loads(line)
    assert isinstance(o[\"cost\"], float) and isinstance(o[\"status\"], str)
    print(o[\"customer_id\"], o[\"period\"], o[\"cost\"], o[\"clcc\"])
" >actual &&
	grep "^C001 2026-02 11270.0 0.1127$" actual &&
	grep "^C003 2026-02 300.0 None$" actual &&
	test $(wc -l <actual) = 13
'

test_expect_success 'the ledger as JSON Lines gives the same report' '
	python3 -c "
import csv, json, sys
for row in csv.DictReader(open(sys.argv[1], encoding=\"utf-8\")):
    print(json.dumps({k: v for k, v in row.items() if v}, ensure_ascii=False))
" "$D/ledger.csv" >ledger.jsonl &&
	head -1 ledger.jsonl | grep "^{" &&
	crm-clcc --as-of 2026-04-30 -b customer "$D/ledger.csv" >expect 2>/dev/null &&
	crm-clcc --as-of 2026-04-30 -b customer ledger.jsonl >actual 2>/dev/null &&
	test_cmp expect actual
'

test_expect_success 'JSON numbers as amounts' '
	printf "{\"customer_id\":\"J\",\"date\":\"2026-01-02\",\"kind\":\"service\",\"amount\":12.5}\n{\"customer_id\":\"J\",\"date\":\"2026-01-02\",\"kind\":\"margin\",\"amount\":100}\n" >n.jsonl &&
	crm-clcc --as-of 2026-01-31 n.jsonl >actual &&
	grep "^all,2026-01,0.00,12.50,.*,12.50,100.00,0.1250,,no-previous$" actual
'

test_expect_success 'the ledger from standard input, also as -' '
	crm-clcc --as-of 2026-04-30 "$D/ledger.csv" >expect 2>/dev/null &&
	crm-clcc --as-of 2026-04-30 <"$D/ledger.csv" >actual 2>/dev/null &&
	test_cmp expect actual &&
	crm-clcc --as-of 2026-04-30 - <"$D/ledger.csv" >actual 2>/dev/null &&
	test_cmp expect actual
'

test_expect_success 'several ledgers add up' '
	head -6 "$D/ledger.csv" >a.csv &&
	{ head -1 "$D/ledger.csv"; tail -n +7 "$D/ledger.csv"; } >b.csv &&
	crm-clcc --as-of 2026-04-30 -b customer a.csv b.csv >actual 2>/dev/null &&
	crm-clcc --as-of 2026-04-30 -b customer "$D/ledger.csv" >expect 2>/dev/null &&
	test_cmp expect actual
'

test_expect_success 'a table for people' '
	crm-clcc -t --as-of 2026-04-30 -p quarter "$D/ledger.csv" >actual 2>/dev/null &&
	head -1 actual | grep "^group  period   acquisition" &&
	grep "^all    2026-Q2  *0.00  *650.00 .* 1.3000  *10.8449  ok$" actual
'

test_expect_success 'a formula-like customer id is neutralised in CSV' '
	printf "customer_id,date,kind,amount\n=1+2,2026-01-01,margin,5\n" >f.csv &&
	crm-clcc -b customer --as-of 2026-01-31 f.csv >actual &&
	grep "^'"'"'=1+2,2026-01," actual
'

test_done
