#!/bin/sh
test_description='crm-stock: sell-through per location, region and the slow list'
. "${0%/*}/lib.sh"

D=$DATA/stock
# As of 2026-11-27 with the default 30-day window: 2026-10-29..2026-11-27.
# S1 holds (qty > 0 in a snapshot of the window) A, B, D (11-20 and 11-27)
# and F (11-27); E only in a snapshot of 10-01, outside: 4 held.
#   A sold 2 on 11-21: sold.  F sold 1 at 2026-10-29T00:00, the window's
#   first moment: sold.  B sold 1 on 11-05 and was returned (-1) on 11-06:
#   net 0, not sold; its sale at 2026-11-28T00:00 is after the as-of day.
#   D sold at 2026-10-28T23:59, one minute before the window: not sold.
#   So 2 of 4: 50.0.  C, E and P sold in the window but are not held: 3.
# S2 holds G, H, J (never sold): 0 of 3.  S3 holds N (2 at 11-24; P is 0
# throughout), which sold: 1 of 1, and sold K, L, M it does not hold: 3.
# S4 holds nothing and sold Q: sell_through empty, not 0.  WH-E holds K
# (50 on 11-24), L and M (5 on 11-11) and sells nothing: 0 of 3.
# Regions: S1 上海 (--locations wins over the customers' 华东), S2 华南 and
# WH-E 华东 (--locations), S3 华北 (customers), S4 none.
run() {
	crm-stock --as-of 2026-11-27 --stock "$D/stock.csv" --sales "$D/sales.csv" \
	    --customers "$D/customers.csv" --locations "$D/locations.csv" \
	    --report sellthrough "$@"
}

test_expect_success 'per location: held, sold, the rate and sold-not-held' '
	run >actual &&
	cat >expect <<-\EOF &&
	location_id,name,region,skus_held,skus_sold,sell_through,sold_not_held
	S1,一号店,上海,4,2,50.0,3
	S2,二号店,华南,3,0,0.0,0
	S3,三号店,华北,1,1,100.0,3
	S4,,,0,0,,1
	WH-E,华东仓,华东,3,0,0.0,0
	EOF
	test_cmp expect actual
'

# Per region the counts add up and the rate is their ratio (3/11 = 27.27%),
# never a mean of rates; "(none)" sorts first in bytes, then 上 < 华;
# 华东 < 华北 < 华南.
test_expect_success '--by region: sums, and the rate of the sums' '
	run --by region >actual &&
	cat >expect <<-\EOF &&
	region,locations,skus_held,skus_sold,sell_through,sold_not_held
	(none),1,0,0,,1
	上海,1,4,2,50.0,3
	华东,1,3,0,0.0,0
	华北,1,1,1,100.0,3
	华南,1,3,0,0.0,0
	(total),5,11,3,27.3,7
	EOF
	test_cmp expect actual
'

# B: 5 in S1 latest snapshot of the window, last sold (qty > 0) 11-05;
# D: 3, last sold 10-28.  G, H, J at S2 never sold; K, L, M at WH-E neither.
test_expect_success '--slow: the held SKUs that did not sell' '
	run --slow >actual &&
	cat >expect <<-\EOF &&
	location_id,region,sku,qty,last_sold
	S1,上海,B,5,2026-11-05
	S1,上海,D,3,2026-10-28
	S2,华南,G,10,
	S2,华南,H,2,
	S2,华南,J,1,
	WH-E,华东,K,20,
	WH-E,华东,L,5,
	WH-E,华东,M,5,
	EOF
	test_cmp expect actual
'

# --window 31 starts on 10-28: D sold at 10-28T23:59 counts now (3 of 4).
test_expect_success '--window 31 takes the sale a minute before the 30 days' '
	run --window 31 >actual &&
	grep "^S1,一号店,上海,4,3,75.0,3$" actual
'

# Without --customers and --locations there are no names or regions.
test_expect_success 'regions come from nowhere without the files' '
	crm-stock --as-of 2026-11-27 --stock "$D/stock.csv" --sales "$D/sales.csv" \
	    --report sellthrough >actual &&
	grep "^S1,,,4,2,50.0,3$" actual
'
test_done
