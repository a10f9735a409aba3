#!/bin/sh
test_description='--jobs N: the same output, messages and counts as one thread'
. "${0%/*}/lib.sh"

. "$TOP/t/jobs-data.sh"
jobs_tool=crm-stale

test_expect_success 'setup' '
	jobs_data
'

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
