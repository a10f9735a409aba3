#!/bin/sh
test_description='crm-pulse: all reports in one stream, the store, errors'
. "${0%/*}/lib.sh"

D=$DATA/pulse

test_expect_success 'the store gives the same answers as the files' '
	crm-import --db s.db --as-of 2026-12-10 "$D/customers.csv" "$D/reps.csv" \
	    "$D/latency.csv" "$D/requests.csv" "$D/shipments.csv" 2>/dev/null &&
	for r in latency intent; do
		crm-pulse --report $r --week 2026-W48 --as-of 2026-12-10 \
		    -r "$D/reps.csv" --customers "$D/customers.csv" \
		    -a "$D/latency.csv" -a "$D/requests.csv" \
		    --shipments "$D/shipments.csv" >files.$r 2>/dev/null &&
		crm-pulse --db s.db --report $r --week 2026-W48 \
		    --as-of 2026-12-10 >db.$r &&
		test_cmp files.$r db.$r || exit 1
	done &&
	# t/3500 worked out latency.csv: 10 activities, 7 measured ...; the
	# window adds Q1 Q2 (R1), Q3 (R3), Q4 Q5 V1 (R2) from requests.csv,
	# none with recorded_at: 16 activities, 1 + 6 = 7 without
	grep "^2026-W48,R3,张三,1,0,0,,,,0,1,0$" db.latency &&
	grep "^2026-W48,(total),,16,7,4,57.1,2.00,24.00,1,7,1$" db.latency &&
	grep "^2026-W48,R2,李二,C4,丁公司,customer,2,1,yes,yes,yes,SF004,,$" db.intent
'

test_expect_success '--report all: one header, a report column, the union of columns' '
	crm-pulse --db s.db --week 2026-W48 --as-of 2026-12-10 >all &&
	head -1 all >head &&
	echo "report,period,rep_id,name,activities,measured,within,within_pct,median_hours,p90_hours,before_contact,no_recorded_at,date_only,active_start,lost,won,churn_pct,customer_id,customer_name,item,requests,shipments,sample_requested,sample_shipped,intent,tracking_no,record_id,at" >expect &&
	test_cmp expect head &&
	test $(grep -c "^latency," all) = 4 &&
	test $(grep -c "^churn," all) = 1 &&
	test $(grep -c "^intent," all) = 9 &&
	grep "^latency,2026-W48,(total),,16,7,4,57.1,2.00,24.00,1,7,1,,,,,,,,,,,,,,,$" all &&
	# customers.csv has no status column: no history, nobody counted,
	# only the (total) row of the month of the week
	grep "^churn,2026-11,(total),,,,,,,,,,,0,0,0,,,,,,,,,,,,$" all
'

test_expect_success 'JSON Lines rows carry null where a column is not theirs' '
	crm-pulse --db s.db --week 2026-W48 --as-of 2026-12-10 -j | grep "\"report\":\"churn\"" | tail -1 >actual &&
	grep "\"activities\":null" actual && grep "\"active_start\":0" actual &&
	grep "\"churn_pct\":null" actual
'

test_expect_success 'the table format is aligned' '
	crm-pulse --db s.db --report latency --week 2026-W48 --as-of 2026-12-10 -t >actual &&
	head -1 actual | grep "^period    rep_id   name  activities"
'

test_expect_success 'a write error is exit 2' '
	test_expect_code 2 crm-pulse --db s.db --week 2026-W48 --as-of 2026-12-10 >/dev/full 2>err
'

test_expect_success 'usage errors are exit 2 with a message' '
	test_expect_code 2 crm-pulse --report nope 2>err && grep "expected latency, churn, intent or all" err &&
	test_expect_code 2 crm-pulse --db s.db --week 2026-W48 --from 2026-11-01 --to 2026-11-02 2>err &&
	grep "exclusive" err &&
	test_expect_code 2 crm-pulse --db s.db --from 2026-11-01 2>err && grep "go together" err &&
	test_expect_code 2 crm-pulse --db s.db --within -1 2>err && grep "within" err &&
	test_expect_code 2 crm-pulse --report latency 2>err && grep "needs activities" err &&
	test_expect_code 2 crm-pulse --report latency -a x.csv extra 2>err && grep "unexpected argument" err &&
	crm-pulse --help | grep "^usage: crm-pulse"
'

test_expect_success 'a store that does not exist is exit 2' '
	test_expect_code 2 crm-pulse --db nope.db --report churn 2>err &&
	grep "nope.db" err
'

test_done
