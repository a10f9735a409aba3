#!/bin/sh
test_description='bad-input corpus through crm-stock and crm-pulse: the same verdicts'
. "${0%/*}/lib.sh"
. "$TOP/t/bad.sh"

# crm-stock and crm-pulse read customers (regions, names) through the same
# reader and rules as crm-import.  Every fixture of RELIABILITY.md 4 that is
# about a file's structure, its encoding or its values goes in as their
# customers file: each tool must give crm-import's verdict (exit status,
# and as many file:line messages), within the time bound, without a
# sanitizer report.  34-ids is the one documented difference: like
# crm-stale, the analysis tools take an ID Excel turned into 1.38E+10 as
# the text it is, where crm-import refuses to store it.
test_expect_success 'setup: valid stock, sales and activities' '
	printf "location_id,sku,qty,as_of\nS1,A,1,2026-11-20\n" >stock.csv &&
	printf "sale_id,location_id,sku,ts,qty\nX1,S1,A,2026-11-20,1\n" >sales.csv &&
	printf "activity_id,customer_id,rep_id,ts,type,recorded_at\nA1,C1,R1,2026-11-24T10:00,visit,2026-11-24T11:00\n" >acts.csv
'

for f in "$BAD"/[0-2]*.csv "$BAD"/3[4-8]*.csv; do
	b=${f##*/}
	test_expect_success "$b: crm-stock and crm-pulse agree with crm-import" '
		timeout $BOUND crm-import -k customers --as-of $AS_OF "$f" >/dev/null 2>ierr; want=$? &&
		test $want = 0 -o $want = 2 &&
		case $b in 34-*) want=0 ;; esac &&
		n=$(grep -c "$b:[0-9]" ierr); case $b in 34-*) n=0 ;; esac &&
		run_bad $want crm-stock --as-of $AS_OF --customers "$f" --stock stock.csv --sales sales.csv &&
		test $(grep -c "$b:[0-9]" err) = $n &&
		run_bad $want crm-pulse --as-of $AS_OF --customers "$f" -a acts.csv --report latency &&
		test $(grep -c "$b:[0-9]" err) = $n
	'
done

test_done
