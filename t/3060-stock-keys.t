#!/bin/sh
test_description='crm-stock: (location, SKU) pairs and members as keys'
. "${0%/*}/lib.sh"

# The expected answers below come from sqlite3 over the same files, or by
# hand; crm-stock(1) has the definitions.  As of 2026-11-27 with the
# default 30-day window: 2026-10-29..2026-11-27.

# 40 locations x 60 SKUs, one snapshot each (qty 0..4: 0 is not held), one
# sale line each (qty -1..2), SKUs sold but held nowhere, and 1500 members
# buying on 2 or 3 days in October or November: every table grows several
# times, and each SKU is under 40 locations with its own figures.
cat >gen.awk <<\EOF
BEGIN {
	print "location_id,sku,batch,qty,expiry,as_of" >"stock.csv"
	print "sale_id,location_id,sku,ts,qty,amount,member_id" >"sales.csv"
	for (l = 1; l <= 40; l++)
		for (s = 1; s <= 60; s++) {
			printf "L%02d,K%03d,B,%d,,2026-11-20T09:00\n", l, s,
			    (l * 7 + s * 3 + l * s) % 5 >"stock.csv"
			printf "T%d,L%02d,K%03d,2026-11-21T10:00,%d,1.00,\n", ++n,
			    l, s, (l + 2 * s + l * s) % 4 - 1 >"sales.csv"
		}
	for (l = 1; l <= 40; l += 3)
		printf "T%d,L%02d,K9%02d,2026-11-22T10:00,1,1.00,\n", ++n, l,
		    l >"sales.csv"
	for (m = 0; m < 1500; m++) {
		d[1] = 1 + m % 10
		d[2] = d[1] + 3 + m % 5
		d[3] = d[2] + 2 + m % 7
		for (j = 1; j <= (m % 9 == 0 ? 2 : 3); j++)
			printf "T%d,L%02d,K001,2026-%02d-%02dT12:00,1,1.00,M%04d\n",
			    ++n, m % 40 + 1, 10 + m % 2, d[j], m >"sales.csv"
	}
}
EOF
cat >grid.sql <<\EOF
.import --csv stock.csv stock
.import --csv sales.csv sales
CREATE TABLE pairs AS
	SELECT location_id AS loc, sku FROM stock
	UNION SELECT location_id, sku FROM sales;
CREATE TABLE snap AS		-- the snapshots of the window, batches summed
	SELECT location_id AS loc, sku, as_of, sum(CAST(qty AS INTEGER)) AS q
	FROM stock WHERE substr(as_of, 1, 10) BETWEEN '2026-10-29' AND '2026-11-27'
	GROUP BY 1, 2, 3;
CREATE TABLE fig AS
	SELECT p.loc, p.sku,
	    EXISTS (SELECT 1 FROM snap WHERE snap.loc = p.loc AND
	        snap.sku = p.sku AND q > 0) AS held,
	    (SELECT q FROM snap WHERE snap.loc = p.loc AND snap.sku = p.sku
	        ORDER BY as_of DESC LIMIT 1) AS held_qty,
	    coalesce((SELECT sum(CAST(qty AS INTEGER)) FROM sales
	        WHERE location_id = p.loc AND sku = p.sku AND
	        substr(ts, 1, 10) BETWEEN '2026-10-29' AND '2026-11-27'), 0) AS net,
	    (SELECT max(substr(ts, 1, 10)) FROM sales WHERE location_id = p.loc AND
	        sku = p.sku AND CAST(qty AS INTEGER) > 0) AS last_sold
	FROM pairs p;
CREATE TABLE days AS		-- purchase days: qty > 0, with a member
	SELECT member_id AS m, substr(ts, 1, 10) AS day, location_id AS loc
	FROM sales WHERE member_id <> '' AND CAST(qty AS INTEGER) > 0
	GROUP BY 1, 2;
CREATE TABLE mem AS		-- every member here buys at one location
	SELECT m, min(loc) AS loc, count(*) AS n,
	    julianday(max(day)) - julianday(min(day)) AS span,
	    julianday('2026-11-27') - julianday(max(day)) AS since
	FROM days GROUP BY m;
EOF
cat >sell.sql <<\EOF
.read grid.sql
SELECT 'location_id,name,region,skus_held,skus_sold,sell_through,sold_not_held';
SELECT loc || ',,,' || h || ',' || s || ',' ||
    CASE WHEN h = 0 THEN '' ELSE (((2000 * s + h) / (2 * h)) / 10) || '.' ||
        (((2000 * s + h) / (2 * h)) % 10) END || ',' || snh
FROM (SELECT loc, sum(held) AS h, sum(held AND net > 0) AS s,
    sum(NOT held AND net > 0) AS snh FROM fig GROUP BY loc)
ORDER BY loc;
EOF
cat >slow.sql <<\EOF
.read grid.sql
SELECT 'location_id,region,sku,qty,last_sold';
SELECT loc || ',,' || sku || ',' || held_qty || ',' || coalesce(last_sold, '')
FROM fig WHERE held AND net <= 0 ORDER BY loc, sku;
EOF
# judged: 3 purchase days or more (here 2 or 3); with 3 the median of the
# two intervals is half the span, so overdue is 4 x since > 3 x span
cat >judged.sql <<\EOF
.read grid.sql
SELECT 'location_id,members_judged,members_not_judged,overdue';
SELECT p.loc || ',' || count(m.m) FILTER (WHERE m.n >= 3) || ',' ||
    count(m.m) FILTER (WHERE m.n < 3) || ',' ||
    count(m.m) FILTER (WHERE m.n = 3 AND 4 * m.since > 3 * m.span)
FROM (SELECT DISTINCT loc FROM pairs) p LEFT JOIN mem m ON m.loc = p.loc
GROUP BY p.loc ORDER BY p.loc;
EOF

test_expect_success 'many locations, SKUs and members: the tables grow' '
	awk -f gen.awk &&
	test $(wc -l <sales.csv) -gt 5000 &&
	sqlite3 :memory: <sell.sql >expect &&
	test $(wc -l <expect) = 41 &&
	crm-stock --as-of 2026-11-27 --stock stock.csv --sales sales.csv \
	    --report sellthrough >actual &&
	test_cmp expect actual &&
	sqlite3 :memory: <slow.sql >expect &&
	test $(wc -l <expect) -gt 100 &&
	crm-stock --as-of 2026-11-27 --stock stock.csv --sales sales.csv \
	    --report sellthrough --slow >actual &&
	test_cmp expect actual &&
	sqlite3 :memory: <judged.sql >expect &&
	crm-stock --as-of 2026-11-27 --stock stock.csv --sales sales.csv >board &&
	cut -d, -f1,14-16 board >actual &&
	test_cmp expect actual
'

# The same SKU under two locations, and ids alike in their first 8 bytes.
# STORE-0001-SH holds A (5) and B (3) and sold A: 1 of 2.  STORE-0001-BJ
# holds A (4), unsold, and sold B, which it does not hold.
test_expect_success 'ids that differ after 8 bytes are apart' '
	cat >stock.csv <<-\EOF &&
	location_id,sku,batch,qty,expiry,as_of
	STORE-0001-SH,SKU-0000001-A,b,5,,2026-11-20T09:00
	STORE-0001-SH,SKU-0000001-B,b,3,,2026-11-20T09:00
	STORE-0001-BJ,SKU-0000001-A,b,4,,2026-11-20T09:00
	EOF
	cat >sales.csv <<-\EOF &&
	sale_id,location_id,sku,ts,qty
	X1,STORE-0001-SH,SKU-0000001-A,2026-11-21T10:00,2
	X2,STORE-0001-BJ,SKU-0000001-B,2026-11-22T10:00,1
	EOF
	crm-stock --as-of 2026-11-27 --stock stock.csv --sales sales.csv \
	    --report sellthrough >actual &&
	cat >expect <<-\EOF &&
	location_id,name,region,skus_held,skus_sold,sell_through,sold_not_held
	STORE-0001-BJ,,,1,0,0.0,1
	STORE-0001-SH,,,2,1,50.0,0
	EOF
	test_cmp expect actual &&
	crm-stock --as-of 2026-11-27 --stock stock.csv --sales sales.csv \
	    --report sellthrough --slow >actual &&
	cat >expect <<-\EOF &&
	location_id,region,sku,qty,last_sold
	STORE-0001-BJ,,SKU-0000001-A,4,
	STORE-0001-SH,,SKU-0000001-B,3,
	EOF
	test_cmp expect actual
'

# (AB, C) and (A, BC) are two pairs; so are (A<US>B, C) and (A, B<US>C),
# which crm-stock once joined into one key "A<US>B<US>C" and merged: A
# vanished and its row counted as a duplicate.  So are the stock rows
# (S1, K1, batch X<US>Y) and (S1, K1<US>X, batch Y).  A holds BC (7) and
# B<US>C (3), unsold; A<US>B holds C and sold it; so does AB.  S1 holds
# both of its SKUs.  Bytes sort: A < A<US>B < AB, and B<US>C < BC.
test_expect_success 'ids that join into the same string are apart' '
	U=$(printf "\037") &&
	printf "%s\n" "location_id,sku,batch,qty,expiry,as_of" \
	    "AB,C,b,5,,2026-11-20T09:00" "A,BC,b,7,,2026-11-20T09:00" \
	    "A${U}B,C,b,2,,2026-11-20T09:00" "A,B${U}C,b,3,,2026-11-20T09:00" \
	    "S1,K1,X${U}Y,4,,2026-11-20T09:00" \
	    "S1,K1${U}X,Y,6,,2026-11-20T09:00" >stock.csv &&
	test $(tr -cd "\037" <stock.csv | wc -c) = 4 &&
	printf "%s\n" "sale_id,location_id,sku,ts,qty" \
	    "X1,AB,C,2026-11-21T10:00,1" "X2,A${U}B,C,2026-11-21T10:00,1" \
	    >sales.csv &&
	crm-stock --as-of 2026-11-27 --stock stock.csv --sales sales.csv \
	    --report sellthrough >actual 2>err &&
	printf "%s\n" \
	    "location_id,name,region,skus_held,skus_sold,sell_through,sold_not_held" \
	    "A,,,2,0,0.0,0" "A${U}B,,,1,1,100.0,0" "AB,,,1,1,100.0,0" \
	    "S1,,,2,0,0.0,0" >expect &&
	test_cmp expect actual &&
	test_must_be_empty err &&
	crm-stock --as-of 2026-11-27 --stock stock.csv --sales sales.csv \
	    --report sellthrough --slow >actual &&
	printf "%s\n" "location_id,region,sku,qty,last_sold" "A,,B${U}C,3," \
	    "A,,BC,7," "S1,,K1,4," "S1,,K1${U}X,6," >expect &&
	test_cmp expect actual
'

# One row (location, sku, batch, as_of) written two ways is one row, the
# later winning (8, not 5); another batch of the same snapshot adds (1).
test_expect_success 'a stock row is the same whatever the as_of spelling' '
	cat >stock.csv <<-\EOF &&
	location_id,sku,batch,qty,expiry,as_of
	S1,K1,b,5,,2026-11-20T09:00
	S1,K1,b,8,,2026/11/20 09:00:00
	S1,K1,b2,1,,2026-11-20T09:00+08:00
	EOF
	printf "sale_id,location_id,sku,ts,qty\n" >sales.csv &&
	crm-stock --as-of 2026-11-27 --stock stock.csv --sales sales.csv \
	    --report sellthrough --slow >actual 2>err &&
	printf "%s\n" "location_id,region,sku,qty,last_sold" "S1,,K1,9," >expect &&
	test_cmp expect actual &&
	grep "stock.csv: 3 records read, 2 used, 1 merged as duplicates" err
'

# Members among other lines, so that many lines are in flight at once.
#   L (a 70-byte id) at S1: 11-01, 11-05, 11-09: median 4, 18 days since,
#       14 past the expected day.
#   M2 at S2: 11-02, 11-04, 11-06: median 2, 21 since, 19 over.
#   M3 buys at S2 and S1 at the same moment, S1 second, on 11-10, 11-12,
#       11-14: its last purchase is at S1 (the later line of a tie);
#       median 2, 13 since, 11 over.
#   In S1 the most overdue first: L (2 x 18 - 8 = 28) before M3 (22).
test_expect_success 'members: a long id, and ties, in input order' '
	L=Lxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx &&
	test ${#L} = 70 &&
	printf "location_id,sku,batch,qty,expiry,as_of\n" >stock.csv &&
	{
		echo "sale_id,location_id,sku,ts,qty,amount,member_id" &&
		for d in 01 02 04 05 06 09 10 12 14; do
			for i in 1 2 3 4 5 6 7 8 9; do
				echo "F$d$i,S$i,K$i,2026-11-${d}T08:00,1,1.00,"
			done
			case $d in
			01|05|09) echo "A$d,S1,K1,2026-11-${d}T09:00,1,1.00,$L" ;;
			esac
			case $d in
			02|04|06) echo "B$d,S2,K1,2026-11-${d}T09:00,2,1.00,M2" ;;
			esac
			case $d in
			10|12|14) echo "C$d,S2,K1,2026-11-${d}T09:00,1,1.00,M3" &&
				echo "D$d,S1,K2,2026-11-${d}T09:00,1,1.00,M3" ;;
			esac
		done
	} >sales.csv &&
	crm-stock --as-of 2026-11-27 --stock stock.csv --sales sales.csv \
	    --report repurchase >actual &&
	cat >expect <<-EOF &&
	location_id,region,member_id,name,purchases,last_purchase,median_interval,days_since,days_overdue
	S1,,$L,,3,2026-11-09,4,18,14
	S1,,M3,,3,2026-11-14,2,13,11
	S2,,M2,,3,2026-11-06,2,21,19
	EOF
	test_cmp expect actual
'

# Purchase days in any order, and crm-stock gathering them a few at a time
# (CRM_STOCK_DAYS) must give one answer.
#   MR at S2: 70 days, every other day from 2026-06-01 to 2026-10-17, last
#       first: median 2, 41 days since, 39 over.
#   MS at S1: 11-10, 11-01, 11-07, 11-03, 11-02: intervals 1, 1, 4, 3,
#       median 2; 17 since, 15 over.
#   MT at S1 (2 days) and MU at S2 (1 day): not judged.
test_expect_success 'purchase days out of order, gathered a few at a time' '
	printf "location_id,sku,batch,qty,expiry,as_of\n" >stock.csv &&
	{
		echo "sale_id,location_id,sku,ts,qty,amount,member_id" &&
		i=69 &&
		while [ $i -ge 0 ]; do
			echo "R$i,S2,K1,$(date -u -d "2026-06-01 + $((2 * i)) days" +%F),1,1,MR" &&
			i=$((i - 1)) || return 1
		done &&
		for d in 10 01 07 03 02; do
			echo "S$d,S1,K1,2026-11-$d,1,1,MS"
		done &&
		echo "T1,S1,K1,2026-11-20,1,1,MT" &&
		echo "T2,S1,K1,2026-11-21,1,1,MT" &&
		echo "U1,S2,K1,2026-11-20,1,1,MU"
	} >sales.csv &&
	test $(grep -c ",MR$" sales.csv) = 70 &&
	grep "^R69,S2,K1,2026-10-17,1,1,MR$" sales.csv &&
	cat >expect <<-\EOF &&
	location_id,region,member_id,name,purchases,last_purchase,median_interval,days_since,days_overdue
	S1,,MS,,5,2026-11-10,2,17,15
	S2,,MR,,70,2026-10-17,2,41,39
	EOF
	for n in "" 1 3 6 1000; do
		CRM_STOCK_DAYS=$n crm-stock --as-of 2026-11-27 --stock stock.csv \
		    --sales sales.csv --report repurchase >actual &&
		test_cmp expect actual &&
		CRM_STOCK_DAYS=$n crm-stock --as-of 2026-11-27 --stock stock.csv \
		    --sales sales.csv >board &&
		grep "^S1,,,store,0,0,,0,0,,0,0,0.0,1,1,1$" board &&
		grep "^S2,,,store,0,0,,0,0,,0,0,0.0,1,1,1$" board || return 1
	done
'

# crm-stock reads a sale's time as its normalised text would read: a time
# whose day in the team zone is before year 1000 or after 9999 has no
# such text, and is rejected, naming it.
test_expect_success 'a time outside years 1000-9999 in the zone is rejected' '
	printf "location_id,sku,batch,qty,expiry,as_of\n" >stock.csv &&
	cat >sales.csv <<-\EOF &&
	sale_id,location_id,sku,ts,qty
	X1,S1,K1,9999-12-31T23:00:00-05:00,1
	X2,S1,K1,1000-01-01T03:00:00+12:00,1
	X3,S1,K1,1000-01-01T03:00:00+08:00,1
	EOF
	test_expect_code 2 crm-stock --as-of 2026-11-27 --stock stock.csv \
	    --sales sales.csv >actual 2>err &&
	grep "^crm-stock: sales.csv:2: field .ts.: not a time .10000-01-01T12:00:00+08:00.$" err &&
	grep "^crm-stock: sales.csv:3: field .ts.: not a time .0999-12-31T23:00:00+08:00.$" err &&
	grep "^crm-stock: sales.csv: 3 records read, 1 used, 2 rejected$" err
'
test_done
