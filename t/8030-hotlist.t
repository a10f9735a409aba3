#!/bin/sh
test_description='crm-hotlist: the decision heat map and its window edges'
. "${0%/*}/lib.sh"

D=$DATA/rules
# As of 2026-11-27.  Key tiers A, KA, 重点, key; HB is tier B.
#   H0 ends on day 0 (today): out.  H1 on day 1: in, with exactly two
#   mentions (X3's competitor field, X4's note matching "acme" without
#   regard to case); X5 is from 2025, outside the 90-day lookback.
#   H7 on day 7: in; X6 on 2026-08-29 is exactly 90 days back (in), X7's
#   note names 竞品乙; Y5 at 2026-08-28 23:00 is 91 days back (out).
#   H8 on day 8: out.  HM has one mention: out.
run() {
	crm-hotlist --as-of 2026-11-27 --customers "$D/hot-customers.csv" \
	    -a "$D/hot-activities.csv" --competitors "$D/competitors.txt" "$@"
}

test_expect_success 'rows: day 1 and day 7 in, day 0 and day 8 out' '
	run >actual &&
	cat >expect <<-\EOF &&
	customer_id,name,region,rep_id,contract_end,days_left,mentions,competitors,last_touch,next_action
	H1,明天到期,华东,R1,2026-11-28,1,2,acme; 竞品甲,2026-11-25,周三前提供检测报告
	H7,七天到期,华南,R9,2026-12-04,7,2,竞品乙,2026-11-20,
	EOF
	test_cmp expect actual
'

# The same export twice: a copy of a mention is merged (HM's single
# mention stays one, so HM stays out), and only the activities that count
# mentions are remembered to find copies: the rest are used again.
test_expect_success 'an export given twice: mentions counted once' '
	run >once &&
	run -a "$D/hot-activities.csv" >actual 2>err &&
	test_cmp once actual &&
	grep "merged as duplicates" err
'

test_expect_success '--mentions 3 drops them; --mentions 1 adds HM' '
	run --mentions 3 >actual &&
	test $(grep -c "" actual) = 1 &&
	run --mentions 1 >actual &&
	grep "^HM,一次提及,华东,R2,2026-11-30,3,1,竞品甲,2026-11-22,$" actual
'

test_expect_success '--within 8 takes day 8; --lookback 91 takes Y5' '
	run --within 8 >actual &&
	grep "^H8,八天到期,华南,R9,2026-12-05,8,2,竞品甲,2026-11-21,$" actual &&
	run --lookback 91 >actual &&
	grep "^H7,七天到期,华南,R9,2026-12-04,7,3,竞品丙; 竞品乙,2026-11-20,$" actual
'

test_expect_success 'without --competitors only the competitor field counts' '
	crm-hotlist --as-of 2026-11-27 --customers "$D/hot-customers.csv" \
	    -a "$D/hot-activities.csv" >actual &&
	cat >expect <<-\EOF &&
	customer_id,name,region,rep_id,contract_end,days_left,mentions,competitors,last_touch,next_action
	EOF
	test_cmp expect actual
'

test_expect_success '--by region: regions by days-left buckets' '
	run -b region --within 8 >actual &&
	cat >expect <<-\EOF &&
	region,accounts,days_1,days_2_3,days_4_7,days_8_14
	华东,1,1,0,0,0
	华南,2,0,0,1,1
	(total),3,1,0,1,1
	EOF
	test_cmp expect actual
'

test_expect_success 'a bad competitor pattern names the file and line' '
	printf "ok\n(bad\n" >c.txt &&
	test_expect_code 2 crm-hotlist --as-of 2026-11-27 --customers "$D/hot-customers.csv" --competitors c.txt 2>err &&
	grep "c.txt:2: .(bad.: missing closing parenthesis at offset 4" err
'

test_expect_success 'a runaway competitor pattern rejects the record, not hangs' '
	printf "(a+)+\$\n" >c.txt &&
	a=$(awk "BEGIN { for (i = 0; i < 20000; i++) printf \"a\" }") &&
	printf "customer_id,tier,contract_end\nK1,A,2026-11-28\n" >c.csv &&
	printf "customer_id,ts,note\nK1,2026-11-20,%sb\n" "$a" >a.csv &&
	test_expect_code 2 crm-hotlist --as-of 2026-11-27 --customers c.csv -a a.csv --competitors c.txt >actual 2>err &&
	grep "a.csv:2: field .note.: competitor .(a+)+\$.: .*match limit exceeded" err
'

test_expect_success 'usage errors exit 2' '
	test_expect_code 2 crm-hotlist --within 0 --customers "$D/hot-customers.csv" 2>err &&
	test_expect_code 2 crm-hotlist -b rep --customers "$D/hot-customers.csv" 2>err &&
	test_expect_code 2 crm-hotlist 2>err &&
	grep "no customers" err
'
test_done
