#!/bin/sh
test_description='crm-clcc: grouping by rep, region and tier through the customers file'
. "${0%/*}/lib.sh"

D=$DATA/clcc
H=acquisition,service,failure,failure_duplicate_quote,failure_lost_followup,failure_rework,failure_other,cost,margin,clcc,change_rate,status

# t/data/clcc/customers.csv: C001 R11 华东 A; C002 R12 华北 B; C003 R11 华东
# (no tier); C004 has no entries; C404 is in the ledger only.  By quarter,
# as-of 2026-04-30 (the sums per customer are worked out in 5000-clcc-rows.t):
# R11 = C001 + C003.  Q1: acquisition 6000.00; service 3000 + 8000 + 9000
#   (C001) + 300 (C003) = 20300.00; failure 5942.69 (400 + 600 + 3270 +
#   1672.69); cost 32242.69; margin 300000 + 3000 = 303000.00; clcc
#   32242.69/303000 = 0.106411... -> 0.1064.  Q2: C003 150.00/1500.00 =
#   0.1000; change 0.1/(32242.69/303000) - 1 = 30300/32242.69 - 1 =
#   -0.060252... -> -0.0603.
# R12 = C002: Q1 2000/8000 = 0.2500; Q2 500.00 over -1000.00 -> margin<=0.
# (unknown) = C404: Q1 margin 1000.00, clcc 0.0000; Q2 empty.
test_expect_success '--by rep joins the customers file' '
	crm-clcc --by rep --customers "$D/customers.csv" -p quarter --as-of 2026-04-30 \
	    "$D/ledger.csv" >actual 2>err &&
	cat >expect <<-EOF &&
	rep_id,period,$H
	(unknown),2026-Q1,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,1000.00,0.0000,,no-previous
	(unknown),2026-Q2,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,,,margin<=0
	R11,2026-Q1,6000.00,20300.00,5942.69,400.00,600.00,3270.00,1672.69,32242.69,303000.00,0.1064,,no-previous
	R11,2026-Q2,0.00,150.00,0.00,0.00,0.00,0.00,0.00,150.00,1500.00,0.1000,-0.0603,ok
	R12,2026-Q1,2000.00,0.00,0.00,0.00,0.00,0.00,0.00,2000.00,8000.00,0.2500,,no-previous
	R12,2026-Q2,0.00,500.00,0.00,0.00,0.00,0.00,0.00,500.00,-1000.00,,,margin<=0
	EOF
	test_cmp expect actual
'

test_expect_success 'entries of customers missing from the file are counted on stderr' '
	crm-clcc -b rep -c "$D/customers.csv" --as-of 2026-04-30 "$D/ledger.csv" >/dev/null 2>err &&
	grep "^crm-clcc: 1 ledger entries name customers missing from the customers file (e.g. .C404.); they are grouped as (unknown)$" err
'

test_expect_success '--by region: the same sums under region names' '
	crm-clcc -b region -c "$D/customers.csv" -p quarter --as-of 2026-04-30 \
	    "$D/ledger.csv" 2>/dev/null | cut -d, -f1,2,10-14 >actual &&
	cat >expect <<-\EOF &&
	region,period,cost,margin,clcc,change_rate,status
	(unknown),2026-Q1,0.00,1000.00,0.0000,,no-previous
	(unknown),2026-Q2,0.00,0.00,,,margin<=0
	华东,2026-Q1,32242.69,303000.00,0.1064,,no-previous
	华东,2026-Q2,150.00,1500.00,0.1000,-0.0603,ok
	华北,2026-Q1,2000.00,8000.00,0.2500,,no-previous
	华北,2026-Q2,500.00,-1000.00,,,margin<=0
	EOF
	test_cmp expect actual
'

# By tier: C003 has none -> (none): Q1 300/3000 = 0.1000, Q2 150/1500 =
# 0.1000, change 0.0000.  A = C001: Q1 31942.69/300000 = 0.10647 ->
# 0.1065; Q2 nothing.  B = C002.
test_expect_success '--by tier: an empty tier is (none)' '
	crm-clcc -b tier -c "$D/customers.csv" -p quarter --as-of 2026-04-30 \
	    "$D/ledger.csv" 2>/dev/null | cut -d, -f1,2,10-14 >actual &&
	cat >expect <<-\EOF &&
	tier,period,cost,margin,clcc,change_rate,status
	(none),2026-Q1,300.00,3000.00,0.1000,,no-previous
	(none),2026-Q2,150.00,1500.00,0.1000,0.0000,ok
	(unknown),2026-Q1,0.00,1000.00,0.0000,,no-previous
	(unknown),2026-Q2,0.00,0.00,,,margin<=0
	A,2026-Q1,31942.69,300000.00,0.1065,,no-previous
	A,2026-Q2,0.00,0.00,,,margin<=0
	B,2026-Q1,2000.00,8000.00,0.2500,,no-previous
	B,2026-Q2,500.00,-1000.00,,,margin<=0
	EOF
	test_cmp expect actual
'

test_expect_success 'rep, region and tier need --customers' '
	for b in rep region tier; do
		test_expect_code 2 crm-clcc -b $b --as-of 2026-04-30 "$D/ledger.csv" >out 2>err &&
		grep "^crm-clcc: --by $b needs --customers FILE$" err &&
		test_must_be_empty out || exit 1
	done
'

test_expect_success '--customers is not needed (nor read) for customer or all' '
	crm-clcc -b customer -c nonexistent.csv --as-of 2026-04-30 "$D/ledger.csv" >actual 2>/dev/null &&
	crm-clcc -b customer --as-of 2026-04-30 "$D/ledger.csv" >expect 2>/dev/null &&
	test_cmp expect actual
'

test_expect_success 'a customer listed twice: later non-empty values win' '
	cat >c2.csv <<-\EOF &&
	customer_id,rep_id,region
	C001,R11,华东
	C002,R12,华北
	C001,R99,
	EOF
	# C001 moves to R99 and keeps region 华东
	crm-clcc -b rep -c c2.csv -p quarter --as-of 2026-03-31 "$D/ledger.csv" >actual 2>err &&
	grep "^R99,2026-Q1,6000.00,20000.00,5942.69,.*,31942.69,300000.00,0.1065,,no-previous$" actual &&
	grep "c2.csv: 3 records read, 2 used, 1 merged as duplicates, 0 rejected" err &&
	crm-clcc -b region -c c2.csv -p quarter --as-of 2026-03-31 "$D/ledger.csv" >actual 2>/dev/null &&
	grep "^华东,2026-Q1,.*,31942.69,300000.00,0.1065,,no-previous$" actual
'

test_expect_success 'several customers files are read in order' '
	head -3 "$D/customers.csv" >c_a.csv &&
	{ head -1 "$D/customers.csv"; tail -n +4 "$D/customers.csv"; } >c_b.csv &&
	crm-clcc -b tier -c c_a.csv -c c_b.csv --as-of 2026-04-30 "$D/ledger.csv" >actual 2>/dev/null &&
	crm-clcc -b tier -c "$D/customers.csv" --as-of 2026-04-30 "$D/ledger.csv" >expect 2>/dev/null &&
	test_cmp expect actual
'

test_expect_success 'a bad customers row is rejected and its entries become (unknown)' '
	printf "customer_id,rep_id,updated_at\nC001,R11,2026-02-30\nC002,R12,\n" >bad-c.csv &&
	test_expect_code 2 crm-clcc -b rep -c bad-c.csv -p year --as-of 2026-04-30 "$D/ledger.csv" >actual 2>err &&
	grep "^crm-clcc: bad-c.csv:2: field .updated_at.: not a date or time .2026-02-30.$" err &&
	# only C002 is known: C001 (12 entries up to the as-of date), C003
	# (4) and C404 (1) are not, 17 entries
	grep "^crm-clcc: 17 ledger entries name customers missing from the customers file (e.g. .C001.)" err &&
	grep "^R12,2026," actual && grep "^(unknown),2026," actual
'

test_done
