#!/bin/sh
test_description='crm-stock: near-expiry and expired batches'
. "${0%/*}/lib.sh"

D=$DATA/stock
# As of 2026-11-27, N = 90: the last day in is 2026-11-27 + 90 =
# 2027-02-25 (3 days to 11-30, 34 to 12-31, 65 to 01-31, 90 to 02-25).
# S2's latest snapshot is 2026-11-26T20:00; G-OLD (expiring 12-01) is in
# the older one of 11-20 only: out.  In the latest:
#   G-90  expires 2027-02-25: day 90, in; 6 x 12.50 = 75.00
#   G-91  expires 2027-02-26: day 91, out
#   H-EXP expired 2026-11-20: -7 days, expired; no price: price and value
#         empty, never 0
#   H-0   qty 0: out
#   J-1   expires on the as-of day: 0 days left, near; 1 x 30.00
# S1's rows have no expiry; WH-E's and S3's neither.
run() {
	crm-stock --as-of 2026-11-27 --stock "$D/stock.csv" --sales "$D/sales.csv" \
	    --locations "$D/locations.csv" --report expiry "$@"
}

test_expect_success 'day N in, day N+1 out, expired with negative days' '
	run >actual &&
	cat >expect <<-\EOF &&
	location_id,region,sku,batch,expiry,days_left,status,qty,price,value
	S2,华南,H,H-EXP,2026-11-20,-7,expired,2,,
	S2,华南,J,J-1,2026-11-27,0,near,1,30.00,30.00
	S2,华南,G,G-90,2027-02-25,90,near,6,12.50,75.00
	EOF
	test_cmp expect actual
'

test_expect_success '--expiry-days 91 takes G-91 (4 x 12.50)' '
	run --expiry-days 91 >actual &&
	test $(grep -c "" actual) = 5 &&
	grep "^S2,华南,G,G-91,2027-02-26,91,near,4,12.50,50.00$" actual
'

# N = 0: only what expires today or has expired.
test_expect_success '--expiry-days 0: today and the expired' '
	run --expiry-days 0 >actual &&
	cat >expect <<-\EOF &&
	location_id,region,sku,batch,expiry,days_left,status,qty,price,value
	S2,华南,H,H-EXP,2026-11-20,-7,expired,2,,
	S2,华南,J,J-1,2026-11-27,0,near,1,30.00,30.00
	EOF
	test_cmp expect actual
'

# A snapshot after the as-of day is not the latest: as of 2026-11-25,
# S2's latest is the one of 11-20, with G-OLD (6 days left, 5 x 12.50).
test_expect_success 'the latest snapshot up to the as-of day' '
	crm-stock --as-of 2026-11-25 --stock "$D/stock.csv" --sales "$D/sales.csv" \
	    --report expiry >actual &&
	cat >expect <<-\EOF &&
	location_id,region,sku,batch,expiry,days_left,status,qty,price,value
	S2,,G,G-OLD,2026-12-01,6,near,5,12.50,62.50
	EOF
	test_cmp expect actual
'
# The same stock row twice (location, sku, batch and as_of: the store's
# key), e.g. overlapping exports, is one row, the later winning as in the
# store: J-1 re-sent with qty 3 is listed once, 3 x 30.00 = 90.00, and the
# board's S2 has 3 batches (H-EXP expired; J-1, G-90 near) worth
# 90.00 + 75.00 = 165.00, not 4 and 195.00.
test_expect_success 'a stock row given twice is merged, the later winning' '
	{ cat "$D/stock.csv" && echo "S2,J,J-1,3,2026-11-27,2026-11-26T20:00,30.00"; } >dup.csv &&
	crm-stock --as-of 2026-11-27 --stock dup.csv --sales "$D/sales.csv" \
	    --locations "$D/locations.csv" --report expiry --expiry-days 0 \
	    >actual 2>err &&
	cat >expect <<-\EOF &&
	location_id,region,sku,batch,expiry,days_left,status,qty,price,value
	S2,华南,H,H-EXP,2026-11-20,-7,expired,2,,
	S2,华南,J,J-1,2026-11-27,0,near,3,30.00,90.00
	EOF
	test_cmp expect actual &&
	grep "dup.csv: .* 1 merged as duplicates" err &&
	crm-stock --as-of 2026-11-27 --stock dup.csv --sales "$D/sales.csv" >actual 2>/dev/null &&
	grep "^S2,,,warehouse,3,0,0.0,2,1,165.00," actual
'
test_done
