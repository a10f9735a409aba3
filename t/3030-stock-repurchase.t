#!/bin/sh
test_description='crm-stock: member repurchase gaps'
. "${0%/*}/lib.sh"

D=$DATA/stock
# As of 2026-11-27.  A purchase is a day with a sale line of qty > 0.
#   M1 (S4): 11-01, 11-20: 2 purchases, not judged.
#   M2 (S4): 10-23, 11-02, 11-12: intervals 10, 10, median 10; 15 days
#       since = exactly 1.5 x the median: not overdue.
#   M3 (S4): 10-22, 11-01, 11-11: median 10; 16 days since > 15: overdue,
#       16 - 10 = 6 days past the expected day.
#   M4 (S4): 10-01, 10-05 (two baskets, R10 and R11: one purchase),
#       10-12, 10-15, 10-25; the return of 11-20 (qty -1) is no purchase.
#       Intervals 4, 7, 3, 10: median (4 + 7) / 2 = 5.5, 1.5 x = 8.25;
#       33 days since: overdue by 33 - 5.5 = 27.5.
#   M5: not in the members file; bought at S1 on 09-01, 09-11, 09-21:
#       median 10, 67 days since, 57 overdue, at S1 (its last purchase's
#       location).
run() {
	crm-stock --as-of 2026-11-27 --stock "$D/stock.csv" --sales "$D/sales.csv" \
	    --members "$D/members.csv" --locations "$D/locations.csv" \
	    --report repurchase "$@"
}

test_expect_success 'overdue members, whom to call' '
	run >actual &&
	cat >expect <<-\EOF &&
	location_id,region,member_id,name,purchases,last_purchase,median_interval,days_since,days_overdue
	S1,上海,M5,,3,2026-09-21,10,67,57
	S4,,M4,赵四,5,2026-10-25,5.5,33,27.5
	S4,,M3,张三,3,2026-11-11,10,16,6
	EOF
	test_cmp expect actual
'

# A day later M2 is at 16 > 15: overdue by 6.
test_expect_success 'a day later the 1.5x member is overdue' '
	crm-stock --as-of 2026-11-28 --stock "$D/stock.csv" --sales "$D/sales.csv" \
	    --members "$D/members.csv" --report repurchase >actual &&
	grep "^S4,,M2,李二,3,2026-11-12,10,16,6$" actual
'

# The board counts per location: S4 judged M2, M3, M4; M1 not judged;
# 2 overdue.  S1: M5 judged and overdue.
test_expect_success 'the board counts judged, not judged and overdue' '
	crm-stock --as-of 2026-11-27 --stock "$D/stock.csv" --sales "$D/sales.csv" \
	    --members "$D/members.csv" >actual &&
	grep "^S4,,,store,0,0,,0,0,,0,0,0.0,3,1,2$" actual &&
	grep "^S1,,,store,4,2,50.0,0,0,,0,0,0.0,1,0,1$" actual
'
test_done
