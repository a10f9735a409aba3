#!/bin/sh
test_description='crm-clcc --jobs N: the same output, messages and counts as one thread'
. "${0%/*}/lib.sh"
. "$TOP/t/jobs-data.sh"
jobs_tool=crm-clcc

# A ledger with what can go wrong at a cut: notes quoted over several
# lines, doubled quotes, CRLF lines, rejects (a bad amount, a bad date, an
# unknown kind, a ragged row, a quote that never closes), entries after the
# as-of day, unknown sub-kinds and customers missing from the customers
# file; customers C001..C050 of four regions.
test_expect_success 'setup' '
	awk "BEGIN {
		print \"customer_id,name,region,rep_id,tier\"
		for (i = 1; i <= 50; i++)
			printf \"C%03d,Store %d,R%d,R%02d,T%d\n\", i, i, i % 4, i % 7, i % 3
	}" >customers.csv &&
	awk "BEGIN {
		split(\"acquisition service failure margin\", kinds, \" \")
		split(\"duplicate_quote lost_followup rework typo\", subs, \" \")
		print \"customer_id,date,kind,amount,sub_kind,note\"
		for (i = 1; i <= 4000; i++) {
			c = sprintf(\"C%03d\", 1 + (i * 7) % 57)
			d = sprintf(\"20%02d-%02d-%02d\", 24 + i % 3, 1 + i % 12, 1 + i % 28)
			k = kinds[1 + i % 4]
			a = sprintf(\"%d.%02d\", (i * 37) % 5000, i % 100)
			if (i % 23 == 0) a = \"-\" a
			s = (k == \"failure\") ? subs[1 + i % 4] : \"\"
			note = \"n\" i
			if (i % 5 == 0) note = \"\\\"a, \\\"\\\"b\\\"\\\"\nline two\nthree\\\"\"
			if (i % 11 == 0) note = \"\\\"one,\ntwo\\\"\"
			eol = (i % 17 == 0) ? \"\r\" : \"\"
			if (i % 397 == 0) d = \"2026-02-30\"
			if (i % 89 == 0) d = \"2027-01-01\"
			if (i % 211 == 0) a = \"12.3.4\"
			if (i % 307 == 0) k = \"bribe\"
			if (i % 401 == 0) printf \"%s,%s,%s\n\", c, d, k
			else if (i % 1499 == 0) printf \"%s,%s,%s,%s,%s,\\\"never closed\n\", c, d, k, a, s
			else printf \"%s,%s,%s,%s,%s,%s%s\n\", c, d, k, a, s, note, eol
		}
	}" >ledger.csv &&
	test $(wc -c <ledger.csv) -gt 100000
'

test_expect_success 'one thread: the reference, with rejects and notes' '
	run ref -b region -c customers.csv ledger.csv &&
	test "$(cat ref.rc)" = 2 &&
	grep "ledger.csv:[0-9]*: .*date" ref.err &&
	grep "seems unclosed" ref.err &&
	grep "unknown kind" ref.err &&
	grep "records read" ref.err &&
	test -s ref.out
'

for bytes in 37 100 333 1000 4096 65536; do
	for j in 2 3; do
		test_expect_success "--jobs $j, chunks of $bytes bytes: same as one thread" "
			CRM_CHUNK_BYTES=$bytes run j -J $j -b region -c customers.csv ledger.csv &&
			same ref j
		"
	done
done

test_expect_success '--jobs by customer and by month, two ledgers: the same' '
	head -2000 ledger.csv >l1.csv && { head -1 ledger.csv; tail -n +2001 ledger.csv; } >l2.csv &&
	run refc -b customer l1.csv l2.csv &&
	CRM_CHUNK_BYTES=700 run jc -J 2 -b customer l1.csv l2.csv &&
	same refc jc &&
	run refl --lifetime -p quarter ledger.csv &&
	CRM_CHUNK_BYTES=900 run jl -J 2 --lifetime -p quarter ledger.csv &&
	same refl jl
'

test_expect_success '--jobs from a pipe is the same as one thread' '
	run refp -b tier -c customers.csv - <ledger.csv &&
	CRM_CHUNK_BYTES=500 run jp -J 2 -b tier -c customers.csv - <ledger.csv &&
	same refp jp &&
	cat ledger.csv | CRM_CHUNK_BYTES=777 crm-clcc --as-of 2026-11-27 -J 3 \
	    -b tier -c customers.csv - >jp2.out 2>jp2.err;
	test_cmp refp.out jp2.out && test_cmp refp.err jp2.err
'

test_expect_success '--jobs with --strict stops at the same record' '
	run refs --strict ledger.csv &&
	test "$(cat refs.rc)" = 2 &&
	CRM_CHUNK_BYTES=200 run js --strict -J 2 ledger.csv &&
	same refs js
'

# Sums near the int64 limit: one thread rejects the entry that makes a
# total overflow, in input order; parts that might overflow are read again
# in order, so the same entry is rejected.
test_expect_success '--jobs near overflow rejects the same entry' '
	awk "BEGIN {
		print \"customer_id,date,kind,amount,sub_kind,note\"
		for (i = 1; i <= 400; i++) {
			a = (i % 50 == 0) ? \"50000000000000000.00\" : \"-1.00\"
			if (i % 120 == 0) a = \"-50000000000000000.00\"
			printf \"C%03d,2026-0%d-01,margin,%s,,n%d\n\", i % 9, 1 + i % 3, a, i
		}
	}" >big.csv &&
	run refo big.csv &&
	grep "overflow" refo.err &&
	CRM_CHUNK_BYTES=300 run jo -J 2 big.csv &&
	same refo jo &&
	CRM_CHUNK_BYTES=1000 run jo3 -J 3 big.csv &&
	same refo jo3
'

test_expect_success 'clean ledger, default chunks: exit 0 and the same rows' '
	grep -v -e "2026-02-30" -e "never closed" -e "12.3.4" -e bribe ledger.csv |
	    awk -F, "NR == 1 || NF >= 6 || /^[^C]/" >clean.csv &&
	run refk clean.csv && run jk -J 2 clean.csv && same refk jk
'

test_expect_success 'crm-clcc --jobs needs a number from 1 to 64' '
	test_expect_code 2 crm-clcc -J 0 ledger.csv 2>err &&
	grep "jobs: expected 1 to 64" err
'

test_done
