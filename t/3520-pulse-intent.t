#!/bin/sh
test_description='crm-pulse --report intent: sample requests matched to shipments'
. "${0%/*}/lib.sh"

D=$DATA/pulse
# Week 2026-W48 (11-23 .. 11-29).  requests.csv and shipments.csv, by hand:
#   C1 (R1): Q1 申请样品 11-23 10:00; S1 SF001 11-30 10:00 = exactly 7 days
#            after: matched (S1 itself is after the window)
#   C2 (R1): Q2 11-23 10:00; S2 11-30 10:00:01 = 7 days + 1 s: no match
#   C3 (R3): Q3 样品申请 11-24 (a date); S3 12-02 = 8 days: no match;
#            S5 11-23 is before the request: no match, unmatched shipment
#   C4 (R2): Q4 11-24 09:00, Q5 11-25 09:00 (Sample_Request); S4 SF004
#            11-26 15:00 carries both: one shipment, two requests
#   C5 (R3): Q0 11-20 (last week) is carried by S7 11-24 (4 days), so S7
#            is matched; S6 11-28 10:00:01 is 8 days after Q0: unmatched
#   V1 is a visit, not a request.
run_intent() {
	crm-pulse --report intent --week 2026-W48 -r "$D/reps.csv" \
	    --customers "$D/customers.csv" -a "$D/requests.csv" \
	    --shipments "$D/shipments.csv" "$@"
}

test_expect_success 'exactly 7 days matches, 7 days + 1 s and 8 days do not' '
	run_intent --as-of 2026-12-10 >actual &&
	cat >expect <<-\EOF &&
	period,rep_id,name,customer_id,customer_name,item,requests,shipments,sample_requested,sample_shipped,intent,tracking_no,record_id,at
	2026-W48,R1,王一,C1,甲公司,customer,1,0,yes,yes,yes,SF001,,
	2026-W48,R1,王一,C2,乙公司,customer,1,0,yes,no,no,,,
	2026-W48,R2,李二,C4,丁公司,customer,2,1,yes,yes,yes,SF004,,
	2026-W48,R3,张三,C3,丙公司,customer,1,1,yes,no,no,,,
	2026-W48,R3,张三,C5,戊公司,customer,0,2,no,no,no,,,
	2026-W48,R1,王一,C2,乙公司,unmatched_request,,,,,,,Q2,2026-11-23T10:00:00+08:00
	2026-W48,R3,张三,C3,丙公司,unmatched_request,,,,,,,Q3,2026-11-24
	2026-W48,R3,张三,C3,丙公司,unmatched_shipment,,,,,,SF005,S5,2026-11-23
	2026-W48,R3,张三,C5,戊公司,unmatched_shipment,,,,,,SF006,S6,2026-11-28T10:00:01+08:00
	EOF
	test_cmp expect actual
'

test_expect_success 'requests whose 7 days are not over yet are pending' '
	# as of 11-29 the shipments of 11-30 and 12-02 have not happened:
	# Q1 Q2 Q3 are pending (their 7 days reach past the as-of date)
	run_intent --as-of 2026-11-29 >actual 2>err &&
	cat >expect <<-\EOF &&
	period,rep_id,name,customer_id,customer_name,item,requests,shipments,sample_requested,sample_shipped,intent,tracking_no,record_id,at
	2026-W48,R1,王一,C1,甲公司,customer,1,0,yes,no,no,,,
	2026-W48,R1,王一,C2,乙公司,customer,1,0,yes,no,no,,,
	2026-W48,R2,李二,C4,丁公司,customer,2,1,yes,yes,yes,SF004,,
	2026-W48,R3,张三,C3,丙公司,customer,1,1,yes,no,no,,,
	2026-W48,R3,张三,C5,戊公司,customer,0,2,no,no,no,,,
	2026-W48,R1,王一,C1,甲公司,pending_request,,,,,,,Q1,2026-11-23T10:00:00+08:00
	2026-W48,R1,王一,C2,乙公司,pending_request,,,,,,,Q2,2026-11-23T10:00:00+08:00
	2026-W48,R3,张三,C3,丙公司,pending_request,,,,,,,Q3,2026-11-24
	2026-W48,R3,张三,C3,丙公司,unmatched_shipment,,,,,,SF005,S5,2026-11-23
	2026-W48,R3,张三,C5,戊公司,unmatched_shipment,,,,,,SF006,S6,2026-11-28T10:00:01+08:00
	EOF
	test_cmp expect actual &&
	grep "3 records are dated after the as-of date" err
'

test_expect_success 'a shipment ID listed twice counts once' '
	{ cat "$D/shipments.csv"; tail -1 "$D/shipments.csv"; } >dup.csv &&
	crm-pulse --report intent --week 2026-W48 --as-of 2026-12-10 \
	    --customers "$D/customers.csv" -a "$D/requests.csv" \
	    --shipments dup.csv >actual 2>err &&
	grep "^2026-W48,R3,,C5,戊公司,customer,0,2,no,no,no,,,$" actual &&
	grep "dup.csv: 8 records read, 7 used, 1 merged as duplicates" err
'

test_expect_success 'a shipment without shipped_at is reported with file:line' '
	printf "shipment_id,customer_id,tracking_no,shipped_at\nS9,C1,SF9,\nS8,C1,SF8,2026-11-31\n" >bad.csv &&
	test_expect_code 2 run_intent --as-of 2026-12-10 --shipments bad.csv >actual 2>err &&
	grep "bad.csv:2: field .shipped_at.: empty" err &&
	grep "bad.csv:3: field .shipped_at.: not a date or time .2026-11-31." err
'

test_expect_success 'intent needs shipments' '
	test_expect_code 2 crm-pulse --report intent -a "$D/requests.csv" 2>err &&
	grep "needs shipments" err
'

# Q0 (C5, 11-20 10:00, last week) was answered last week by S8 (11-21
# 10:00, one day later): it takes that first shipment, so S7 (11-24)
# carried no request and is listed unmatched with S6; S8, outside the
# window, is neither counted nor listed.
test_expect_success 'a request answered before the window leaves a later shipment unmatched' '
	{ cat "$D/shipments.csv" && echo "S8,C5,SF008,顺丰,2026-11-21 10:00:00,样品H"; } >ship.csv &&
	crm-pulse --report intent --week 2026-W48 --as-of 2026-12-10 \
	    -r "$D/reps.csv" --customers "$D/customers.csv" \
	    -a "$D/requests.csv" --shipments ship.csv >actual &&
	grep "^2026-W48,R3,张三,C5,戊公司,customer,0,2,no,no,no,,,$" actual &&
	grep ",unmatched_shipment," actual >unmatched &&
	cat >expect <<-\EOF &&
	2026-W48,R3,张三,C3,丙公司,unmatched_shipment,,,,,,SF005,S5,2026-11-23
	2026-W48,R3,张三,C5,戊公司,unmatched_shipment,,,,,,SF007,S7,2026-11-24T10:00:00+08:00
	2026-W48,R3,张三,C5,戊公司,unmatched_shipment,,,,,,SF006,S6,2026-11-28T10:00:01+08:00
	EOF
	test_cmp expect unmatched
'

# 120000 customers with one request each in the week, every other one
# answered the next hour: the customer rows must not scan every request
# for each customer (that took minutes of CPU time); a linear run takes
# about a second even under ASan.  Valgrind is too slow for the limit.
test_expect_success 'many customers: intent is not quadratic' '
	awk "BEGIN { print \"activity_id,customer_id,ts,type\";
	    for (i = 0; i < 120000; i++)
		printf \"A%d,C%d,2026-11-%02d 10:00:00,sample_request\n\", i, i, 23 + i % 7 }" >acts.csv &&
	awk "BEGIN { print \"shipment_id,customer_id,tracking_no,shipped_at\";
	    for (i = 0; i < 120000; i += 2)
		printf \"S%d,C%d,SF%d,2026-11-%02d 11:00:00\n\", i, i, i, 23 + i % 7 }" >ship.csv &&
	if test -n "$VALGRIND" && test "$VALGRIND" != 0; then lim=unlimited; else lim=6; fi &&
	(ulimit -t $lim && crm-pulse --report intent --week 2026-W48 \
	    --as-of 2026-12-10 -a acts.csv --shipments ship.csv >actual 2>/dev/null) &&
	test $(grep -c ",customer,1,1,yes,yes,yes,SF" actual) = 60000 &&
	test $(grep -c ",unmatched_request," actual) = 60000 &&
	grep "^2026-W48,(unknown),,C119998,,customer,1,1,yes,yes,yes,SF119998,,$" actual
'

test_done
