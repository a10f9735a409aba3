#!/bin/sh
test_description='crm-stock: the board (--report all), per region, from the store'
. "${0%/*}/lib.sh"

D=$DATA/stock
# The board is the other reports counted per location (their tests work
# the values out): sell-through as in 3000; S2's near-expiry J-1 and
# G-90, expired H-EXP, worth 30.00 + 75.00 (H-EXP has no price) as in
# 3010; stock-outs S3 N (ongoing, 0.4) and WH-E K (1.0) + L (0.1) = 1.1 as
# in 3020; members as in 3030.
run() {
	crm-stock --as-of 2026-11-27 --stock "$D/stock.csv" --sales "$D/sales.csv" \
	    --members "$D/members.csv" --customers "$D/customers.csv" \
	    --locations "$D/locations.csv" "$@"
}

test_expect_success 'one row per location' '
	run >actual &&
	cat >expect <<-\EOF &&
	location_id,name,region,kind,skus_held,skus_sold,sell_through,near_expiry,expired,expiry_value,stockouts,ongoing,lost_units,members_judged,members_not_judged,overdue
	S1,一号店,上海,store,4,2,50.0,0,0,,0,0,0.0,1,0,1
	S2,二号店,华南,store,3,0,0.0,2,1,105.00,0,0,0.0,0,0,0
	S3,三号店,华北,store,1,1,100.0,0,0,,1,1,0.4,0,0,0
	S4,,,store,0,0,,0,0,,0,0,0.0,3,1,2
	WH-E,华东仓,华东,warehouse,3,0,0.0,0,0,,2,0,1.1,0,0,0
	EOF
	test_cmp expect actual &&
	run --report all >again &&
	test_cmp actual again
'

test_expect_success '--by region: sums and a total' '
	run -b region >actual &&
	cat >expect <<-\EOF &&
	region,locations,skus_held,skus_sold,sell_through,near_expiry,expired,expiry_value,stockouts,ongoing,lost_units,members_judged,members_not_judged,overdue
	(none),1,0,0,,0,0,,0,0,0.0,3,1,2
	上海,1,4,2,50.0,0,0,,0,0,0.0,1,0,1
	华东,1,3,0,0.0,0,0,,2,0,1.1,0,0,0
	华北,1,1,1,100.0,0,0,,1,1,0.4,0,0,0
	华南,1,3,0,0.0,2,1,105.00,0,0,0.0,0,0,0
	(total),5,11,3,27.3,2,1,105.00,3,1,1.5,4,1,3
	EOF
	test_cmp expect actual
'

test_expect_success 'JSON Lines: an unknown value is null, not 0' '
	run -j >actual &&
	grep "^{\"location_id\":\"S4\",\"name\":\"\",\"region\":\"\",\"kind\":\"store\",\"skus_held\":0,\"skus_sold\":0,\"sell_through\":null,.*\"expiry_value\":null," actual
'

# The store: import the four files, then every input defaults to it; the
# answers are the files'.
test_expect_success '--db: the same answers as from the files' '
	for f in stock sales members customers; do
		crm-import --db s.db "$D/$f.csv" 2>>imp.err || exit 1
	done &&
	for r in all sellthrough expiry stockout repurchase; do
		run --report $r >files.$r &&
		crm-stock --db s.db --as-of 2026-11-27 --locations "$D/locations.csv" \
		    --report $r >db.$r &&
		test_cmp files.$r db.$r || exit 1
	done &&
	test_expect_code 1 crm-stock --db s.db --as-of 2026-11-27 \
	    --fail-on stockout >/dev/null &&
	CRM_DB=s.db crm-stock --as-of 2026-11-27 --locations "$D/locations.csv" >env.all &&
	test_cmp files.all env.all
'

test_expect_success '--table writes an aligned table' '
	run -t --report stockout >actual &&
	grep "^S3 " actual &&
	test $(grep -c "" actual) -ge 4
'
test_done
