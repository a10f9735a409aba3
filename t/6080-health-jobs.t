#!/bin/sh
test_description='crm-health --jobs N: the verdicts, messages and records of one thread'
. "${0%/*}/lib.sh"
. "$TOP/t/jobs-data.sh"
jobs_tool=crm-health

test_expect_success 'setup' '
	jobs_data
'

test_expect_success 'one thread: the reference' '
	run ref --customers customers.csv -a acts.csv &&
	grep "^freshness," ref.out &&
	grep "acts.csv:[0-9]*: .*not a date" ref.err &&
	! test -e ref.trace
'

for bytes in 100 1000 65536; do
	test_expect_success "--jobs 2, chunks of $bytes bytes: same as one thread" "
		CRM_CHUNK_BYTES=$bytes run j -J 2 --customers customers.csv -a acts.csv &&
		same ref j &&
		grep -E 'acts.csv: ([2-9]|[1-9][0-9]+) chunks, 2 threads$' j.trace
	"
done

test_expect_success '--jobs 3 --by region from a pipe: same as one thread' '
	run refr -b region --customers customers.csv -a - <acts.csv &&
	CRM_CHUNK_BYTES=333 run jr -J 3 -b region --customers customers.csv -a - <acts.csv &&
	same refr jr && test -s jr.trace
'

# (each store in its own directory, so the messages name the same file)
test_expect_success '--jobs 2 --record stores the same run as one thread' '
	mkdir one two &&
	crm-import --db one/s.db customers.csv 2>/dev/null &&
	cp one/s.db two/s.db &&
	(cd one && crm-health --db s.db --as-of 2026-11-27 --record \
	    -a ../acts.csv >out 2>err);
	(cd two && CRM_CHUNK_BYTES=500 CRM_PAR_TRACE=trace crm-health --db s.db \
	    --as-of 2026-11-27 --record -J 2 -a ../acts.csv >out 2>err);
	test_cmp one/out two/out && test_cmp one/err two/err && test -s two/trace &&
	q="SELECT * FROM health_runs ORDER BY 1, 2, 3, 4" &&
	sqlite3 one/s.db "$q" >one.rows && sqlite3 two/s.db "$q" >two.rows &&
	grep "^2026-11-27|.*|freshness|" one.rows &&
	test_cmp one.rows two.rows
'

test_done
