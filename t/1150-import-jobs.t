#!/bin/sh
test_description='crm-import --jobs N: the same output, messages and counts as one thread'
. "${0%/*}/lib.sh"
. "$TOP/t/jobs-data.sh"
jobs_tool=crm-import

# acts.csv (t/jobs-data.sh) holds 3000 activities, of which 16 are
# rejected, worked out from its generator: i % 397 == 0 has the date
# 2026-02-30 (i = 397 .. 2779: 7), i % 401 == 0 has 4 fields of 6 (7),
# and i = 1499 and 2998 open a quote that never closes (2).  So
# 3000 read = 2984 written + 0 merged + 16 rejected.
test_expect_success 'setup' '
	jobs_data &&
	awk "BEGIN {
		print \"customer_id,date,kind,amount,note\"
		for (i = 1; i <= 4000; i++)
			printf \"C%03d,2026-%02d-%02d,%s,%s,\\\"n,\n%d\\\"\n\", i % 50,
			    1 + i % 12, 1 + i % 28, (i % 3) ? \"margin\" : \"service\",
			    (i % 150 == 0) ? \"12x\" : (i % 7) \".50\", i
	}" >ledger.csv &&
	awk "BEGIN {
		print \"activity_id,customer_id,rep_id,ts,type\"
		for (i = 1; i <= 40000; i++)
			printf \"A%d,C%d,R1,%s,call\n\", i, i, (i % 9) ? \"2026-03-01\" : \"bad\"
	}" >many.csv
'

test_expect_success 'one thread: the reference, its counts worked out by hand' '
	run ref acts.csv &&
	test "$(cat ref.rc)" = 2 &&
	grep "^crm-import: acts.csv: 3000 read = 2984 written + 0 merged + 16 rejected$" ref.err &&
	test $(grep -c "not a date or time .2026-02-30." ref.err) = 7 &&
	test $(grep -c "expected 6 fields as in the header, found 4" ref.err) = 7 &&
	test $(grep -c "seems unclosed" ref.err) = 2
'

test_expect_success 'the output holds 2984 records, as sqlite3 counts them' '
	printf ".import --csv ref.out t\nSELECT count(*) FROM t;\n" | sqlite3 >count &&
	echo 2984 >expect && test_cmp expect count
'

for bytes in 37 100 1000 4096 65536; do
	for j in 2 3; do
		test_expect_success "--jobs $j, chunks of $bytes bytes: same as one thread" "
			CRM_CHUNK_BYTES=$bytes run j -J $j acts.csv &&
			same ref j && cut j && ! test -e ref.trace
		"
	done
done

test_expect_success '--jobs on the whole file in one chunk: the same' '
	run j1 --jobs 2 acts.csv &&
	same ref j1 && grep ": 1 chunks, 2 threads$" j1.trace
'

test_expect_success '--jobs from a pipe is the same as one thread' '
	run refp - <acts.csv &&
	cat acts.csv | { CRM_CHUNK_BYTES=500 CRM_PAR_TRACE=jp.trace crm-import --as-of 2026-11-27 -J 2 - >jp.out 2>jp.err; echo $? >jp.rc; } &&
	same refp jp && cut jp
'

test_expect_success '--jobs with JSON Lines out, a BOM, and two files' '
	run refj -j acts.csv bom.csv &&
	CRM_CHUNK_BYTES=333 run jj -j -J 2 acts.csv bom.csv &&
	same refj jj && cut jj &&
	test $(grep -c " read = " jj.err) = 2 && test $(wc -l <jj.trace) = 2
'

test_expect_success '--jobs on a ledger: money, kinds and rejects the same' '
	run refl ledger.csv &&
	grep "4000 read = 3974 written + 0 merged + 26 rejected" refl.err &&
	CRM_CHUNK_BYTES=700 run jl -J 2 ledger.csv &&
	same refl jl && cut jl
'

test_expect_success '--jobs past 20 rejects: the same 20 shown, the rest counted' '
	run refm many.csv &&
	test $(grep -c "not a date" refm.err) = 20 &&
	grep "many.csv: 4424 more rejected records not shown" refm.err &&
	CRM_CHUNK_BYTES=6400 run jm -J 2 many.csv &&
	same refm jm && cut jm
'

# The cases --jobs leaves to one thread must still give one thread's answer.
test_expect_success '--jobs with --rejects: the same output and rejects file' '
	run refr --rejects ref.rej acts.csv &&
	CRM_CHUNK_BYTES=100 run jr -J 2 --rejects j.rej acts.csv &&
	same refr jr && test_cmp ref.rej j.rej && ! test -e jr.trace
'

test_expect_success '--jobs with --strict stops at the same record' '
	run refs --strict acts.csv &&
	test "$(cat refs.rc)" = 2 &&
	CRM_CHUNK_BYTES=100 run js --strict -J 2 acts.csv &&
	same refs js && ! test -e js.trace
'

test_expect_success '--jobs with --table, and on customers (merged): the same' '
	run reft -t acts.csv &&
	CRM_CHUNK_BYTES=100 run jt -t -J 2 acts.csv &&
	same reft jt && ! test -e jt.trace &&
	run refc customers.csv &&
	CRM_CHUNK_BYTES=100 run jc -J 2 customers.csv &&
	same refc jc && ! test -e jc.trace
'

test_expect_success '--jobs into the store: the same rows stored' '
	crm-import --as-of 2026-11-27 --db one.db acts.csv 2>one.err;
	CRM_CHUNK_BYTES=100 crm-import --as-of 2026-11-27 -J 2 --db two.db acts.csv 2>two.err;
	test_cmp one.err two.err &&
	sqlite3 one.db .dump >one.sql && sqlite3 two.db .dump >two.sql &&
	test_cmp one.sql two.sql
'

# A write error stops the run; what it did before adds up either way.
test_expect_success 'to a full disk: exit 2, the reason, and counts that add up' '
	for j in 1 2; do
		CRM_CHUNK_BYTES=1000 crm-import -J $j many.csv >/dev/full 2>full$j.err
		echo $? >full$j.rc && echo 2 >expect && test_cmp expect full$j.rc &&
		grep "^crm-import: write error: No space left on device$" full$j.err &&
		sed -n "s/^crm-import: many.csv: \([0-9]*\) read = \([0-9]*\) written + 0 merged + \([0-9]*\) rejected$/\1 \2 \3/p" full$j.err >n &&
		read r w x <n && test "$r" -gt 0 && test $r = $((w + x)) || return 1
	done
'

test_expect_success '--jobs into a closed pipe ends quietly' '
	{ CRM_CHUNK_BYTES=1000 crm-import -J 2 many.csv 2>err; echo $? >rc; } | head -1 >out &&
	test $(wc -l <out) = 1 &&
	{ test "$(cat rc)" = 2 || test "$(cat rc)" = 141; } &&
	! grep -E "[Bb]roken pipe|write error|Sanitizer|runtime error" err
'

test_expect_success '--jobs needs a number from 1 to 64' '
	test_expect_code 2 crm-import -J 0 acts.csv 2>err &&
	grep "jobs: expected 1 to 64" err &&
	test_expect_code 2 crm-import --jobs 65 acts.csv 2>err
'

test_done
