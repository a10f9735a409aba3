#!/bin/sh
test_description='the progress line: on a terminal only, never in data'
. "${0%/*}/lib.sh"

# 40000 activities: with CRM_PROGRESS=1 a line each 16384 records, so 2
# (at 16384 and 32768; EOF is the 40001st read, 49152 is never reached)
test_expect_success 'setup' '
	awk "BEGIN { print \"customer_id,ts\"; for (i = 1; i <= 40000; i++) printf \"C%d,2026-01-%02d\n\", i % 50, i % 28 + 1 }" >acts.csv &&
	printf "customer_id,name\nC1,甲\n" >cust.csv
'

test_expect_success 'CRM_PROGRESS=1: a line per tick naming the file, its size, the rate' '
	CRM_PROGRESS=1 crm-stale -a acts.csv cust.csv >with 2>err &&
	grep "acts.csv: [0-9]* MB of [0-9]* MB ([0-9]*%), [0-9.]*M records, [0-9]* MB/s, ETA [0-9]* s" err >lines &&
	test $(wc -l <lines) -eq 2
'

test_expect_success 'the data is the same with and without it' '
	CRM_PROGRESS=0 crm-stale -a acts.csv cust.csv >without 2>/dev/null &&
	test_cmp without with
'

test_expect_success 'stderr not a terminal: no progress line' '
	crm-stale -a acts.csv cust.csv >/dev/null 2>err &&
	! grep "MB/s" err
'

test_expect_success 'from a pipe the size is unknown: no percent, no ETA' '
	cat acts.csv | CRM_PROGRESS=1 crm-stale -a - cust.csv >/dev/null 2>err &&
	grep "<stdin>: [0-9]* MB, [0-9.]*M records, [0-9]* MB/s" err &&
	! grep "ETA" err
'

test_done
