#!/bin/sh
test_description='crm-pulse --report churn: lost and won back per month'
. "${0%/*}/lib.sh"

D=$DATA/pulse
# The status history, from four dated customer exports imported into a
# store (crm-import --db --as-of day):
#   2026-09-30: C1 已报价  C2 待试用  C3 流失  C4 已报价   (first seen)
#   2026-10-10: C1 流失                                   C1 lost
#   2026-10-20: C1 已报价  C2 Lost                        C1 won, C2 lost
#   2026-11-05: C2 lost (no change)  C3 已报价  C4 churned  C3 won, C4 lost
# C3 is first seen lost: lost before the history began, no loss counted.
# Reps: C1 C2 -> R1, C4 -> R2, C3 -> R3.
# Sep: nobody is known before 09-01: all 0, rate undefined (empty).
# Oct: active at 10-01: C1 C2 (R1), C4 (R2); C3 is lost.
#      R1: active 2, lost 2 (C1, C2), won 1 (C1: lost and won in October,
#      counted in both) -> 2/2 = 100.0; R2: 1, 0, 0 -> 0.0; R3: 0 -> empty
#      total 3, 2, 1 -> 66.7
# Nov: active at 11-01: C1 (R1, won back), C4 (R2); C2, C3 lost.
#      R1 1,0,0 -> 0.0; R2 1,1,0 -> 100.0; R3 0,0,1 -> empty (won, none
#      active: no division by zero); total 2,1,1 -> 50.0
test_expect_success 'a customer lost and won back in one month counts in both' '
	for d in 0930 1010 1020 1105; do
		crm-import --db s.db --as-of 2026-${d%??}-${d#??} "$D/snap-$d.csv" 2>/dev/null || exit 1
	done &&
	crm-pulse --db s.db --report churn --from 2026-09-01 --to 2026-11-30 \
	    --as-of 2026-12-10 -r "$D/reps.csv" >actual &&
	cat >expect <<-\EOF &&
	period,rep_id,name,active_start,lost,won,churn_pct
	2026-09,R1,王一,0,0,0,
	2026-09,R2,李二,0,0,0,
	2026-09,R3,张三,0,0,0,
	2026-09,(total),,0,0,0,
	2026-10,R1,王一,2,2,1,100.0
	2026-10,R2,李二,1,0,0,0.0
	2026-10,R3,张三,0,0,0,
	2026-10,(total),,3,2,1,66.7
	2026-11,R1,王一,1,0,0,0.0
	2026-11,R2,李二,1,1,0,100.0
	2026-11,R3,张三,0,0,1,
	2026-11,(total),,2,1,1,50.0
	EOF
	test_cmp expect actual
'

test_expect_success 'zero active at the start is null in JSON, never inf' '
	crm-pulse --db s.db --report churn --from 2026-09-01 --to 2026-09-30 \
	    --as-of 2026-12-10 -j | tail -1 >actual &&
	echo "{\"period\":\"2026-09\",\"rep_id\":\"(total)\",\"name\":\"\",\"active_start\":0,\"lost\":0,\"won\":0,\"churn_pct\":null}" >expect &&
	test_cmp expect actual
'

test_expect_success 'history after the as-of date has not happened yet' '
	# as of 2026-11-01 the 11-05 changes are unknown: C3 not won, C4 active
	crm-pulse --db s.db --report churn --from 2026-11-01 --to 2026-11-30 \
	    --as-of 2026-11-01 -b region >actual 2>err &&
	cat >expect <<-\EOF &&
	period,region,name,active_start,lost,won,churn_pct
	2026-11,华东,,2,0,0,0.0
	2026-11,华南,,0,0,0,
	2026-11,(total),,2,0,0,0.0
	EOF
	test_cmp expect actual &&
	grep "3 records are dated after the as-of date" err
'

test_expect_success '--lost-status chooses what lost means' '
	# only 流失: C2 (Lost) and C4 (churned) stay active; Oct: C1 lost, won
	crm-pulse --db s.db --report churn --from 2026-10-01 --to 2026-10-31 \
	    --as-of 2026-12-10 --lost-status 流失 >actual &&
	grep "^2026-10,(total),,3,1,1,33.3$" actual
'

test_expect_success 'churn from status history without a store is a usage error' '
	test_expect_code 2 crm-pulse --report churn --customers "$D/customers.csv" 2>err &&
	grep "needs the store.s history: give --db FILE" err
'

# Orders (--lost-after 30), ledger.csv, worked by hand (margin > 0 only):
#   C1 (R1): 08-01, 09-15: lost 08-01 + 31 = 09-01, won 09-15,
#            lost again 09-15 + 31 = 10-16
#   C2 (R1): 09-10 (the 09-12 service entry is no order): lost 10-11
#   C3 (R3): a negative margin is no order: never active
#   C4 (R2): 09-30, 10-30 (毛利): exactly 30 days apart is not lost;
#            lost 10-30 + 31 = 11-30
#   Sep: R1 active 1 (C1), lost 1, won 1 -> 100.0; R2 0 -> empty
#   Oct: R1 active 2 (C1 C2), lost 2 -> 100.0; R2 active 1 (C4) -> 0.0
#   Nov: R1 0 -> empty; R2 active 1, lost 1 -> 100.0
cat >"$TRASH/orders.expect" <<-\EOF
	period,rep_id,name,active_start,lost,won,churn_pct
	2026-09,R1,王一,1,1,1,100.0
	2026-09,R2,李二,0,0,0,
	2026-09,(total),,1,1,1,100.0
	2026-10,R1,王一,2,2,0,100.0
	2026-10,R2,李二,1,0,0,0.0
	2026-10,(total),,3,2,0,66.7
	2026-11,R1,王一,0,0,0,
	2026-11,R2,李二,1,1,0,100.0
	2026-11,(total),,1,1,0,100.0
	EOF

test_expect_success '--lost-after: lost after more than N days without an order' '
	crm-pulse --report churn --lost-after 30 --from 2026-09-01 --to 2026-11-30 \
	    --as-of 2026-12-10 -r "$D/reps.csv" --customers "$D/customers.csv" \
	    --ledger "$D/ledger.csv" >actual &&
	test_cmp "$TRASH/orders.expect" actual
'

test_expect_success '--lost-after: the store gives the same answer as the files' '
	crm-import --db o.db --as-of 2026-12-10 "$D/customers.csv" "$D/reps.csv" \
	    "$D/ledger.csv" 2>/dev/null &&
	crm-pulse --db o.db --report churn --lost-after 30 --from 2026-09-01 \
	    --to 2026-11-30 --as-of 2026-12-10 >actual &&
	test_cmp "$TRASH/orders.expect" actual
'

test_expect_success 'bad ledger rows are reported with file:line' '
	cat >bad.csv <<-\EOF &&
	customer_id,date,kind,amount
	C1,2026-08-01,margin,100
	C5,2026-13-01,margin,5
	C2,2026-09-10,margin,abc
	EOF
	test_expect_code 2 crm-pulse --report churn --lost-after 30 \
	    --from 2026-09-01 --to 2026-09-30 --as-of 2026-12-10 \
	    --ledger bad.csv >actual 2>err &&
	grep "bad.csv:3: field .date.: not a date .2026-13-01." err &&
	grep "bad.csv:4: field .amount.: not an amount .abc." err &&
	grep "bad.csv: 3 records read, 1 used, 2 rejected" err &&
	grep "^2026-09,(total),,1,1,0,100.0$" actual
'

# Orders on 09-30 and 10-31 with --lost-after 30: 10-01..10-30 are
# exactly 30 days without an order and on 10-31 it ordered again (as
# crm-stale counts, 0 days since then): never lost, nothing won.
# Oct: C1 (R1) active 1, lost 0, won 0 -> 0.0.  An order on 11-01
# instead (31 days without one, 10-01..10-31) is lost on 10-31 and won
# back on 11-01.
test_expect_success '--lost-after: an order on the day after N days is no loss' '
	printf "customer_id,date,kind,amount\nC1,2026-09-30,margin,10\nC1,2026-10-31,margin,10\n" >l31.csv &&
	crm-pulse --report churn --lost-after 30 --from 2026-10-01 --to 2026-10-31 \
	    --as-of 2026-12-10 --customers "$D/customers.csv" --ledger l31.csv >actual &&
	grep "^2026-10,R1,,1,0,0,0.0$" actual &&
	printf "customer_id,date,kind,amount\nC1,2026-09-30,margin,10\nC1,2026-11-01,margin,10\n" >l32.csv &&
	crm-pulse --report churn --lost-after 30 --from 2026-10-01 --to 2026-11-30 \
	    --as-of 2026-12-10 --customers "$D/customers.csv" --ledger l32.csv >actual &&
	grep "^2026-10,R1,,1,1,0,100.0$" actual &&
	grep "^2026-11,R1,,0,0,1,$" actual
'

test_done
