#!/bin/sh
test_description='crm-stock: bad rows reported and counted, usage errors'
. "${0%/*}/lib.sh"

D=$DATA/stock
test_expect_success 'bad sale lines: file:line, counted, exit 2 after the rows' '
	cat >sales.csv <<-\EOF &&
	sale_id,location_id,sku,ts,qty
	X1,S1,A,2026-11-20,1.5
	X2,S1,A,2026-02-30,1
	X3,,A,2026-11-20,1
	X4,S1,A,2026-11-20,1
	X5,S1,F,2026-11-20,1
	EOF
	test_expect_code 2 crm-stock --as-of 2026-11-27 --stock "$D/stock.csv" \
	    --sales sales.csv --report sellthrough >actual 2>err &&
	grep "^crm-stock: sales.csv:2: field .qty.: not a whole quantity .1.5.$" err &&
	grep "^crm-stock: sales.csv:3: field .ts.: not a date or time .2026-02-30.$" err &&
	grep "^crm-stock: sales.csv:4: field .location_id.: empty$" err &&
	grep "^crm-stock: sales.csv: 5 records read, 2 used, 3 rejected$" err &&
	grep "some input records were rejected" err &&
	grep "^S1,,,4,2,50.0,0$" actual
'

test_expect_success 'bad stock rows: file:line and counted' '
	cat >stock.csv <<-\EOF &&
	location_id,sku,batch,qty,expiry,as_of,price
	S1,A,A-1,3,2027-13-01,2026-11-20,
	S1,A,A-1,three,,2026-11-20,
	S1,A,A-1,3,,2026-11-20,1.2.3
	S1,A,A-1,3,,2026-11-20,
	EOF
	printf "sale_id,location_id,sku,ts,qty\n" >sales.csv &&
	test_expect_code 2 crm-stock --as-of 2026-11-27 --stock stock.csv \
	    --sales sales.csv >actual 2>err &&
	grep "^crm-stock: stock.csv:2: field .expiry.: not a date .2027-13-01.$" err &&
	grep "^crm-stock: stock.csv:3: field .qty.: not a whole quantity .three.$" err &&
	grep "^crm-stock: stock.csv:4: field .price.: " err &&
	grep "^crm-stock: stock.csv: 4 records read, 1 used, 3 rejected$" err &&
	# the one good row: S1 holds A; with no sales at all it is a warehouse
	grep "^S1,,,warehouse,1,0,0.0," actual
'

test_expect_success 'a missing column is fatal' '
	printf "sale_id,location_id,sku,qty\nX1,S1,A,1\n" >sales.csv &&
	test_expect_code 2 crm-stock --as-of 2026-11-27 --stock "$D/stock.csv" \
	    --sales sales.csv >actual 2>err &&
	grep "ts" err
'

test_expect_success 'a bad type in --locations is a rejected row' '
	printf "location_id,type\nWH-E,depot\n" >loc.csv &&
	test_expect_code 2 crm-stock --as-of 2026-11-27 --stock "$D/stock.csv" \
	    --sales "$D/sales.csv" --locations loc.csv >actual 2>err &&
	grep "^crm-stock: loc.csv:2: field .type.: unknown value .depot." err
'

test_expect_success 'usage errors exit 2' '
	S="--stock $D/stock.csv --sales $D/sales.csv" &&
	test_expect_code 2 crm-stock $S --report bogus 2>err &&
	grep "expected all, sellthrough" err &&
	test_expect_code 2 crm-stock $S --by rep 2>err &&
	test_expect_code 2 crm-stock $S --fail-on risk 2>err &&
	test_expect_code 2 crm-stock $S --slow 2>err &&
	grep "slow goes with --report sellthrough" err &&
	test_expect_code 2 crm-stock $S --window 0 2>err &&
	test_expect_code 2 crm-stock $S --stockout-hours 0 2>err &&
	test_expect_code 2 crm-stock --sales "$D/sales.csv" 2>err &&
	grep "no stock" err &&
	test_expect_code 2 crm-stock $S extra 2>err
'
test_done
