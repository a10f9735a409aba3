#!/bin/sh
test_description='bad-input corpus, RELIABILITY.md 4: the store (47-49, 51) and no partial commit'
. "${0%/*}/lib.sh"
. "$TOP/t/bad.sh"

test_expect_success 'setup: a store with one good import' '
	printf "customer_id,name,updated_at\nC1,a,2026-01-05\nC2,b,2026-01-06\n" >good.csv &&
	run_bad 0 crm-import --db s.db good.csv && balanced good.csv 2 2 0 0 &&
	sqlite3 s.db .dump >before
'

test_expect_success 'a file rejected at its header leaves the store as it was' '
	for f in 01-empty.csv 03-blank.csv 20-dup-header.csv 21-missing-column.csv \
	    22-header-injection.csv 24-semicolon.csv; do
		run_bad 2 crm-import --db s.db "$BAD/$f" && msg "$f" || exit 1
	done &&
	sqlite3 s.db .dump >after && test_cmp before after
'

test_expect_success '--strict: the first bad record rolls back its whole file' '
	for f in 09-invalid-utf8.csv 11-unclosed-quote-eof.csv 15-mixed-eol.csv 19-ragged.csv 26-impossible-date.csv; do
		run_bad 2 crm-import --strict --db s.db "$BAD/$f" && msg "$f:[0-9]+" || exit 1
	done &&
	sqlite3 s.db .dump >after && test_cmp before after
'

test_expect_success '#47 a store that stays locked: exit 75, nothing changes' '
	hold_lock s.db &&
	CRM_BUSY_TIMEOUT_MS=200 run_bad 75 crm-import --db s.db "$BAD/25-dates.csv" &&
	msg "s.db: BEGIN IMMEDIATE: database is locked" &&
	release_lock &&
	sqlite3 s.db .dump >after && test_cmp before after
'

test_expect_success '#47 two cron-style writers of different files both land' '
	awk "BEGIN { print \"customer_id,name\"; for (i = 0; i < 2000; i++) print \"A\" i \",a\" }" >a.csv &&
	awk "BEGIN { print \"customer_id,name\"; for (i = 0; i < 2000; i++) print \"B\" i \",b\" }" >b.csv &&
	cp s.db c.db &&
	{ timeout $BOUND crm-import --db c.db a.csv >/dev/null 2>ea & } &&
	{ timeout $BOUND crm-import --db c.db b.csv >/dev/null 2>eb & } &&
	wait &&
	grep "2000 read = 2000 written" ea && grep "2000 read = 2000 written" eb &&
	sqlite3 c.db "SELECT count(*) FROM customers" >actual && echo 4002 >expect && test_cmp expect actual
'

test_expect_success '#48 killed mid-import: the store is intact and a re-run completes' '
	awk "BEGIN { print \"customer_id,name\"; for (i = 0; i < 200000; i++) print \"K\" i \",k\" }" >k.csv &&
	cp s.db k.db &&
	{ crm-import --db k.db k.csv >/dev/null 2>&1 & pid=$!; } &&
	sleep 0.3 && kill -9 $pid; wait $pid;
	sqlite3 k.db "PRAGMA integrity_check" >actual && echo ok >expect && test_cmp expect actual &&
	n=$(sqlite3 k.db "SELECT count(*) FROM customers WHERE customer_id LIKE '"'"'K%'"'"'") &&
	{ test "$n" = 0 || test "$n" = 200000; } &&
	run_bad 0 crm-import --db k.db k.csv &&
	sqlite3 k.db "SELECT count(*) FROM customers WHERE customer_id LIKE '"'"'K%'"'"'" >actual &&
	echo 200000 >expect && test_cmp expect actual
'

test_expect_success '#49 a full disk: exit 2, a clear error, the store intact' '
	cp s.db f.db &&
	awk "BEGIN { print \"customer_id,name\"; for (i = 0; i < 20000; i++) print \"F\" i \",name\" i }" >f.csv &&
	(trap "" XFSZ; ulimit -f 200; run_bad 2 crm-import --db f.db f.csv) &&
	msg "^crm-import: f.db: .*(disk|full|I/O)" &&
	msg "f.csv: .*rolled back" &&
	sqlite3 f.db "PRAGMA integrity_check" >actual && echo ok >expect && test_cmp expect actual &&
	sqlite3 f.db .dump >after && test_cmp before after
'

test_expect_success '#49 a store in a directory that does not exist: exit 2, named' '
	run_bad 2 crm-import --db no/such/dir/s.db good.csv && msg "no/such/dir/s.db" &&
	run_bad 2 crm-stale --db no/such/dir/s.db && msg "no/such/dir/s.db" &&
	test ! -e no
'

test_expect_success '#51 the same file twice: "already imported", nothing changes' '
	run_bad 0 crm-import --db s.db good.csv && msg "^crm-import: good.csv: already imported on " &&
	sqlite3 s.db .dump >after && test_cmp before after
'

test_expect_success '#51 overlapping exports: the overlap merges, no duplicate rows' '
	printf "customer_id,name,updated_at\nC2,b,2026-01-06\nC3,c,2026-01-07\n" >overlap.csv &&
	run_bad 0 crm-import --db s.db overlap.csv && balanced overlap.csv &&
	sqlite3 s.db "SELECT customer_id FROM customers ORDER BY 1" >actual &&
	printf "C1\nC2\nC3\n" >expect && test_cmp expect actual
'

test_done
