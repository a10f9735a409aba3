#!/bin/sh
test_description='crm-import: stock, sales, members and shipments exports'
. "${0%/*}/lib.sh"

D=$DATA/import
# stock-zh.csv, Chinese headers; by hand:
#  line 2: "1,200" is 1200; 2027/3/1; ¥12.50 is 1250 fen
#  line 3-4: SKU2 0 then 3.0 (Excel's whole number) on the next day
#  line 5: 1.5 is no whole quantity -> rejected
#  line 6: "1,20" is no thousands grouping -> rejected
#  line 7: -2 (oversold) is kept; Excel serial 46446 = 2027-02-28
#          (1899-12-30 + 46446); 1.2万 = 12000.00
test_expect_success 'a stock export with Chinese headers' '
	test_expect_code 2 crm-import --as-of 2026-11-27 "$D/stock-zh.csv" >actual 2>err &&
	cat >expect <<-\EOF &&
	location_id,sku,batch,qty,expiry,as_of,price
	S1,SKU1,B1,1200,2027-03-01,2026-11-26T08:00:00+08:00,12.50
	S1,SKU2,,0,,2026-11-26T08:00:00+08:00,
	S1,SKU2,,3,,2026-11-27T08:00:00+08:00,
	S2,SKU4,B4,-2,2027-02-28,2026-11-27,12000.00
	EOF
	test_cmp expect actual &&
	grep "stock-zh.csv: stock (detected from the columns)$" err &&
	grep "stock-zh.csv:5: field .qty.: not a whole quantity .1.5.$" err &&
	grep "stock-zh.csv:6: field .qty.: not a whole quantity .1,20.$" err &&
	grep "stock-zh.csv: 6 read = 4 written + 0 merged + 2 rejected$" err
'

# sales.csv: line 5 repeats X1/SKU1 (the key is sale_id and sku); line 3
# is a return with no amount; ¥1,234.50 is 1234.50
test_expect_success 'sales lines stream, amounts exact' '
	crm-import --as-of 2026-11-27 "$D/sales.csv" >actual 2>err &&
	cat >expect <<-\EOF &&
	sale_id,location_id,sku,ts,qty,amount,member_id
	X1,S1,SKU1,2026-11-20T10:00:00+08:00,2,25.00,M1
	X1,S1,SKU2,2026-11-20T10:00:00+08:00,-1,,
	X2,S1,SKU1,2026-11-21T09:05:00+08:00,1,1234.50,M2
	X1,S1,SKU1,2026-11-20T10:00:00+08:00,3,37.50,M1
	EOF
	test_cmp expect actual &&
	grep "sales.csv: sales (detected from the columns)$" err
'

# members-zh.csv: 45658 = 2025-01-01 (1899-12-30 + 45658)
test_expect_success 'a members export with Chinese headers' '
	crm-import --as-of 2026-11-27 "$D/members-zh.csv" >actual 2>err &&
	cat >expect <<-\EOF &&
	member_id,location_id,joined,name
	M1,S1,2025-01-02,张三
	M2,S2,2025-01-01,李四
	EOF
	test_cmp expect actual &&
	grep "members-zh.csv: members (detected from the columns)$" err
'

test_expect_success 'shipments: a tracking number Excel mangled is rejected' '
	test_expect_code 2 crm-import --as-of 2026-11-27 "$D/shipments-zh.csv" >actual 2>err &&
	cat >expect <<-\EOF &&
	shipment_id,customer_id,tracking_no,carrier,shipped_at,items
	SH1,C1,SF1234567890123,顺丰,2026-11-20T15:00:00+08:00,样品x2
	SH3,C2,773012345678,中通,2026-11-21,样品
	EOF
	test_cmp expect actual &&
	grep "shipments-zh.csv: shipments (detected from the columns)$" err &&
	grep "shipments-zh.csv:3: field .tracking_no.: .1.23457E+14. looks like a number Excel turned into scientific notation" err
'

test_expect_success 'the store keeps quantities as integers, money as fen, no price as NULL' '
	test_expect_code 2 crm-import --db s.db --as-of 2026-11-27 "$D/stock-zh.csv" "$D/sales.csv" "$D/members-zh.csv" "$D/shipments-zh.csv" 2>err &&
	sqlite3 s.db "SELECT location_id, sku, batch, typeof(qty), qty, quote(price) FROM stock ORDER BY 1, 2, as_of" >actual &&
	cat >expect <<-\EOF &&
	S1|SKU1|B1|integer|1200|1250
	S1|SKU2||integer|0|NULL
	S1|SKU2||integer|3|NULL
	S2|SKU4|B4|integer|-2|1200000
	EOF
	test_cmp expect actual &&
	sqlite3 s.db "SELECT sale_id, sku, qty, quote(amount) FROM sales ORDER BY 1, 2" >actual &&
	cat >expect <<-\EOF &&
	X1|SKU1|3|3750
	X1|SKU2|-1|NULL
	X2|SKU1|1|123450
	EOF
	test_cmp expect actual &&
	grep "sales.csv: 4 read = 3 written + 1 merged + 0 rejected$" err &&
	sqlite3 s.db "SELECT count(*) FROM members" >actual && echo 2 >expect && test_cmp expect actual &&
	sqlite3 s.db "SELECT shipment_id, tracking_no FROM shipments ORDER BY 1" >actual &&
	printf "SH1|SF1234567890123\nSH3|773012345678\n" >expect && test_cmp expect actual &&
	sqlite3 s.db "PRAGMA user_version" >actual && echo 2 >expect && test_cmp expect actual
'

test_expect_success 'a store of schema 1 gains the new tables and keeps its rows' '
	printf "customer_id,name\nC1,甲\n" >c.csv &&
	crm-import --db old.db --as-of 2026-11-01 c.csv 2>/dev/null &&
	sqlite3 old.db "DROP TABLE stock; DROP TABLE sales; DROP TABLE members; DROP TABLE shipments; PRAGMA user_version = 1" &&
	crm-stale --db old.db --as-of 2026-11-27 >before &&
	crm-import --db old.db --as-of 2026-11-27 "$D/members-zh.csv" 2>/dev/null &&
	sqlite3 old.db "PRAGMA user_version; SELECT count(*) FROM members; SELECT count(*) FROM customers" >actual &&
	printf "2\n2\n1\n" >expect && test_cmp expect actual &&
	crm-stale --db old.db --as-of 2026-11-27 >after && test_cmp before after
'

test_expect_success 'a store newer than this crmkit is refused' '
	crm-import --db new.db "$D/members-zh.csv" 2>/dev/null &&
	sqlite3 new.db "PRAGMA user_version = 3" &&
	test_expect_code 2 crm-import --db new.db "$D/sales.csv" 2>err &&
	grep "store schema 3 is newer than this crmkit knows (2)" err
'

test_expect_success '--kind names the new kinds, singular or plural' '
	printf "sku,qty,as_of,location_id\nA,1,2026-11-01,L\n" >s.csv &&
	crm-import -k stock s.csv >a1 2>/dev/null &&
	printf "sale_id,location_id,sku,ts,qty\n1,L,A,2026-11-01,1\n" >x.csv &&
	crm-import -k sale x.csv >a2 2>/dev/null &&
	crm-import -k sales x.csv >a3 2>/dev/null && test_cmp a2 a3 &&
	head -1 a1 >actual && echo "location_id,sku,batch,qty,expiry,as_of,price" >expect &&
	test_cmp expect actual
'

test_done
