#!/bin/sh
test_description='--jobs N: the same output, messages and counts as one thread'
. "${0%/*}/lib.sh"

# customers C001..C060; activities with everything that can go wrong at a
# cut: quoted notes over several lines, CRLF lines, doubled quotes, rejects
# (a bad date, a ragged row, a quote that never closes), orphans, times
# after the as-of day, and date-only and timed touches on the same day.
test_expect_success 'setup' '
	awk "BEGIN {
		print \"customer_id,name,region,rep_id,updated_at\"
		for (i = 1; i <= 60; i++)
			printf \"C%03d,Store %d,R%d,R%02d,%s\n\", i, i, i % 4, i % 7,
			    (i % 5 == 0) ? \"\" : \"2026-0\" (1 + i % 9) \"-15T10:00:00+08:00\"
	}" >customers.csv &&
	awk "BEGIN {
		print \"activity_id,customer_id,rep_id,ts,type,note\"
		for (i = 1; i <= 3000; i++) {
			c = sprintf(\"C%03d\", 1 + (i * 7) % 64)
			d = sprintf(\"2026-%02d-%02d\", 1 + i % 11, 1 + i % 28)
			k = i % 13
			if (k == 0) ts = d
			else if (k == 1) ts = d \"T23:59:00+08:00\"
			else ts = d \"T\" sprintf(\"%02d\", i % 24) \":00:00+08:00\"
			if (i % 397 == 0) ts = \"2026-02-30\"
			if (i % 89 == 0) ts = \"2027-01-01\"
			note = \"n\" i
			if (i % 5 == 0) note = \"\\\"a, \\\"\\\"b\\\"\\\"\nline two\nthree\\\"\"
			if (i % 11 == 0) note = \"\\\"one,\ntwo\\\"\"
			eol = (i % 17 == 0) ? \"\r\" : \"\"
			if (i % 401 == 0) printf \"A%d,%s,R1,%s\n\", i, c, ts
			else if (i % 1499 == 0) printf \"A%d,%s,R1,%s,call,\\\"never closed\n\", i, c, ts
			else printf \"A%d,%s,R1,%s,call,%s%s\n\", i, c, ts, note, eol
		}
	}" >acts.csv &&
	printf "\357\273\277" >bom.csv && cat acts.csv >>bom.csv &&
	test $(wc -c <acts.csv) -gt 100000
'

run() {	# run NAME ARGS...: stdout, stderr and exit status into NAME.*
	n=$1; shift
	crm-stale --as-of 2026-11-27 "$@" >"$n.out" 2>"$n.err"
	echo $? >"$n.rc"
}

same() {	# same A B: A's and B's output, messages and status agree
	test_cmp "$1.out" "$2.out" && test_cmp "$1.err" "$2.err" &&
	test_cmp "$1.rc" "$2.rc"
}

test_expect_success 'one thread: the reference, with rejects and orphans' '
	run ref -a acts.csv customers.csv &&
	test "$(cat ref.rc)" = 2 &&
	grep "acts.csv:[0-9]*: .*not a date" ref.err &&
	grep "seems unclosed" ref.err &&
	grep "missing from the customers file" ref.err &&
	grep "after the as-of date" ref.err &&
	grep "records read" ref.err &&
	test -s ref.out
'

for bytes in 37 64 100 333 1000 4096 65536; do
	for j in 2 3; do
		test_expect_success "--jobs $j, chunks of $bytes bytes: same as one thread" "
			CRM_CHUNK_BYTES=$bytes run j -J $j -a acts.csv customers.csv &&
			same ref j
		"
	done
done

test_expect_success '--jobs from a pipe is the same as one thread' '
	run refp -a - customers.csv <acts.csv &&
	CRM_CHUNK_BYTES=500 run jp --jobs 2 -a - customers.csv <acts.csv &&
	same refp jp &&
	cat acts.csv | CRM_CHUNK_BYTES=777 crm-stale --as-of 2026-11-27 -J 3 \
	    -a - customers.csv >jp2.out 2>jp2.err;
	test_cmp refp.out jp2.out && test_cmp refp.err jp2.err
'

test_expect_success '--jobs with a BOM and --by region' '
	run refb -b region -a bom.csv customers.csv &&
	CRM_CHUNK_BYTES=300 run jb -J 2 -b region -a bom.csv customers.csv &&
	same refb jb
'

test_expect_success '--jobs with --strict stops at the same record' '
	run refs --strict -a acts.csv customers.csv &&
	test "$(cat refs.rc)" = 2 &&
	CRM_CHUNK_BYTES=200 run js --strict -J 2 -a acts.csv customers.csv &&
	same refs js
'

test_expect_success '--jobs on a clean file, big chunks: exit 0 and the same rows' '
	grep -v -e "2026-02-30" -e "never closed" acts.csv |
	    awk -F, "NR == 1 || NF >= 6 || /^[^A]/" >clean.csv &&
	run refc -a clean.csv customers.csv &&
	run jc -J 2 -a clean.csv customers.csv &&
	same refc jc
'

test_expect_success '--jobs on GB18030 input reads it with one thread, the same' '
	printf "activity_id,customer_id,rep_id,ts,type,note\nA1,C001,R1,2026-11-01T10:00:00+08:00,call,\\"\\272\\303\\"\n" >gb.csv &&
	run refg -a gb.csv customers.csv &&
	CRM_CHUNK_BYTES=50 run jg -J 2 -a gb.csv customers.csv &&
	same refg jg &&
	grep "reading as GB18030" jg.err
'

test_expect_success '--jobs needs a number from 1 to 64' '
	test_expect_code 2 crm-stale -J 0 customers.csv 2>err &&
	grep "jobs: expected 1 to 64" err &&
	test_expect_code 2 crm-stale --jobs x customers.csv 2>err
'

test_done
