#!/bin/sh
test_description='crm-stock: stock-out spans, lost sales, --fail-on stockout'
. "${0%/*}/lib.sh"

D=$DATA/stock
# As of 2026-11-27: the as-of moment is 2026-11-28T00:00+08:00.
# WH-E is a warehouse (--locations; it sells nothing itself either), so
# sales of a SKU at any location are its demand.
#   K: snapshots in the file 11-27, 11-25, 11-24, 11-26 (out of order);
#      in order 50, 0 (11-25T08:00), 0, 20 (11-27T08:00): out 48 hours.
#      S3 sold K before (10-25).  The 30 days before the start day 11-25
#      are 10-26..11-24: 10 (11-01) + 5 (11-20) = 15 units (the 30 of
#      10-25 are a day too early): 0.50 a day, x 2 days = 1.0 lost.
#   L: 0 at 11-10T08:00, 5 at 11-11T08:00: exactly 24 hours: counted;
#      3 units sold at S3 on 11-01 of 10-11..11-09: 0.10 a day x 1 day.
#   M: 0 at 11-10T08:00, 5 at 11-11T07:00: 23 hours: not counted.
# S3 is a store (it sells): only its own sales are demand.
#   N: batches N-1 2 + N-2 0 = 2 at 11-24T20:00, then 0 + 0 = 0 at
#      11-25T20:00 and no later snapshot: ongoing, 11-25T20:00 to
#      11-28T00:00 = 52 hours.  Sold at S3 on 11-25T10:00 (before the
#      start); units of 10-26..11-24: 6 (11-15; the 2 of 11-25 are on the
#      start day): 0.20 a day x 52/24 days = 0.433: 0.4.
#   P: 0 at 11-20 and 11-25, but sold only at S1, never at S3: no demand,
#      not a stock-out worth reporting.
run() {
	crm-stock --as-of 2026-11-27 --stock "$D/stock.csv" --sales "$D/sales.csv" \
	    --customers "$D/customers.csv" --locations "$D/locations.csv" \
	    --report stockout "$@"
}

test_expect_success 'H hours counted, H-1 not; out-of-order snapshots' '
	run >actual &&
	cat >expect <<-\EOF &&
	location_id,region,kind,sku,start,end,status,hours,avg_daily_units,lost_units
	S3,华北,store,N,2026-11-25T20:00:00+08:00,,ongoing,52.0,0.20,0.4
	WH-E,华东,warehouse,K,2026-11-25T08:00:00+08:00,2026-11-27T08:00:00+08:00,ended,48.0,0.50,1.0
	WH-E,华东,warehouse,L,2026-11-10T08:00:00+08:00,2026-11-11T08:00:00+08:00,ended,24.0,0.10,0.1
	EOF
	test_cmp expect actual
'

test_expect_success '--stockout-hours 23 takes M; 25 drops L' '
	run --stockout-hours 23 >actual &&
	grep "^WH-E,华东,warehouse,M,2026-11-10T08:00:00+08:00,2026-11-11T07:00:00+08:00,ended,23.0,0.10,0.1$" actual &&
	run --stockout-hours 25 >actual &&
	! grep ",L," actual &&
	test $(grep -c "" actual) = 3
'

# 48 hours is the article's case: --stockout-hours 48 keeps K (exactly)
# and N (52), drops L.
test_expect_success '--stockout-hours 48: the 48-hour warehouse gap' '
	run --stockout-hours 48 >actual &&
	test $(grep -c "" actual) = 3 &&
	grep "^WH-E,华东,warehouse,K," actual &&
	grep "^S3,华北,store,N," actual
'

test_expect_success '--fail-on stockout: exit 1 with an ongoing one' '
	test_expect_code 1 run --fail-on stockout >actual &&
	grep ",ongoing," actual
'

# N's 52 hours are under 53: nothing ongoing is reported, exit 0.
test_expect_success '--fail-on stockout: exit 0 when none is ongoing' '
	test_expect_code 0 run --fail-on stockout --stockout-hours 53 >actual &&
	test $(grep -c "" actual) = 1
'

# Without the locations file WH-E is still a warehouse (no sales of its
# own); declared a store, its own sales (none) are no demand.
test_expect_success 'a location that sells nothing is a warehouse' '
	crm-stock --as-of 2026-11-27 --stock "$D/stock.csv" --sales "$D/sales.csv" \
	    --report stockout >actual &&
	grep "^WH-E,,warehouse,K," actual &&
	printf "location_id,type\nWH-E,门店\n" >loc.csv &&
	crm-stock --as-of 2026-11-27 --stock "$D/stock.csv" --sales "$D/sales.csv" \
	    --locations loc.csv --report stockout >actual &&
	! grep "^WH-E" actual
'

test_expect_success 'JSON Lines: numbers as numbers, an ongoing end null' '
	run -j >actual &&
	head -n 1 actual >first &&
	cat >expect <<-\EOF &&
	{"location_id":"S3","region":"华北","kind":"store","sku":"N","start":"2026-11-25T20:00:00+08:00","end":null,"status":"ongoing","hours":52.0,"avg_daily_units":0.20,"lost_units":0.4}
	EOF
	test_cmp expect first
'
test_done
