#!/bin/sh
test_description='crm-import --db: the SQLite store'
. "${0%/*}/lib.sh"

S=$DATA/stale
I=$DATA/import
test_expect_success 'import into a new store; tools read it like files' '
	for f in customers activities reps; do crm-import --db s.db "$S/$f.csv" 2>/dev/null || exit 1; done &&
	crm-stale --db s.db --as-of 2026-11-27 >from-db 2>/dev/null &&
	crm-stale --as-of 2026-11-27 -a "$S/activities.csv" "$S/customers.csv" >from-files 2>/dev/null &&
	test_cmp from-files from-db &&
	crm-stale --db s.db --as-of 2026-11-27 -b manager >m-db 2>/dev/null &&
	crm-stale --as-of 2026-11-27 -b manager -r "$S/reps.csv" -a "$S/activities.csv" "$S/customers.csv" >m-files 2>/dev/null &&
	test_cmp m-files m-db
'

test_expect_success 'CRM_DB names the store too' '
	CRM_DB=s.db crm-stale --as-of 2026-11-27 >env-db 2>/dev/null &&
	test_cmp from-files env-db
'

test_expect_success 're-importing the same file changes nothing and says so' '
	sqlite3 s.db .dump >before &&
	crm-import --db s.db "$S/customers.csv" 2>err &&
	grep "customers.csv: already imported on " err &&
	sqlite3 s.db .dump >after &&
	test_cmp before after &&
	crm-import --db s.db - <"$S/customers.csv" 2>err &&
	grep "<stdin>: already imported on " err &&
	sqlite3 s.db .dump >after &&
	test_cmp before after
'

test_expect_success 'the imports log has counts per file' '
	sqlite3 s.db "SELECT kind, read, written, merged, rejected FROM imports ORDER BY import_id" >actual &&
	printf "customers|10|10|0|0\nactivities|7|7|0|0\nreps|6|6|0|0\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'money is integer fen in STRICT tables; ids keep their zeros' '
	test_expect_code 2 crm-import --db s.db "$I/ledger-bom.csv" 2>/dev/null &&
	sqlite3 s.db "SELECT customer_id, typeof(amount), amount FROM ledger ORDER BY seq" >actual &&
	printf "00123|integer|123450\n00123|integer|1200000\n00124|integer|-2000\n00124|integer|-2000\n00124|integer|-2000\n" >expect &&
	test_cmp expect actual &&
	sqlite3 s.db "SELECT sql FROM sqlite_schema WHERE name = '"'"'ledger'"'"'" | grep "STRICT"
'

test_expect_success 'a rejected record does not stop the rest of its file' '
	sqlite3 s.db "SELECT rejected FROM imports WHERE kind = '"'"'ledger'"'"'" >actual &&
	echo 2 >expect && test_cmp expect actual
'

# Freshness from real changes: an export with no updated_at column.  Day 1
# (2026-10-01) C1 is 已报价 and C2 待试用; day 2 (2026-11-20) C1 becomes
# 竞品对比中.  As of 2026-11-27: C1 last changed 2026-11-20, 7 days, fresh;
# C2 never changed (its first sighting is no change): never touched.
test_expect_success 'history: a change of a hand-kept field is a touch' '
	printf "customer_id,status\nC1,已报价\nC2,待试用\n" >day1.csv &&
	printf "customer_id,status\nC1,竞品对比中\nC2,待试用\n" >day2.csv &&
	crm-import --db h.db --as-of 2026-10-01 day1.csv 2>/dev/null &&
	crm-import --db h.db --as-of 2026-11-20 day2.csv 2>/dev/null &&
	sqlite3 h.db "SELECT customer_id, field, value, seen_at, initial FROM customer_history ORDER BY 1, 4" >actual &&
	printf "C1|status|已报价|2026-10-01|1\nC1|status|竞品对比中|2026-11-20|0\nC2|status|待试用|2026-10-01|1\n" >expect &&
	test_cmp expect actual &&
	crm-stale --db h.db --as-of 2026-11-27 -d 5 >actual 2>/dev/null &&
	printf "customer_id,name,region,rep_id,last_touch,days_since,basis\nC2,,,,,,never\nC1,,,,2026-11-20,7,updated\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'an older export does not undo a newer one' '
	printf "customer_id,status,updated_at\nC9,新,2026-11-01\n" >new.csv &&
	printf "customer_id,status,updated_at\nC9,旧,2026-10-01\n" >old.csv &&
	crm-import --db o.db new.csv 2>/dev/null && crm-import --db o.db old.csv 2>err &&
	grep "1 read = 0 written + 1 merged + 0 rejected" err &&
	sqlite3 o.db "SELECT status, updated_at FROM customers" >actual &&
	echo "新|2026-11-01" >expect && test_cmp expect actual
'

test_expect_success 'two concurrent imports into one store both succeed' '
	awk "BEGIN { print \"customer_id,name\"; for (i = 0; i < 3000; i++) print \"A\" i \",a\" }" >a.csv &&
	awk "BEGIN { print \"customer_id,name\"; for (i = 0; i < 3000; i++) print \"B\" i \",b\" }" >b.csv &&
	{ crm-import --db c.db a.csv 2>ea & } &&
	{ crm-import --db c.db b.csv 2>eb & } &&
	wait &&
	sqlite3 c.db "SELECT count(*) FROM customers" >actual &&
	echo 6000 >expect && test_cmp expect actual &&
	grep "3000 read = 3000 written" ea && grep "3000 read = 3000 written" eb
'

test_expect_success 'a store that stays locked is exit 75, and nothing changes' '
	sqlite3 c.db .dump >before &&
	hold_lock c.db &&
	CRM_BUSY_TIMEOUT_MS=200 test_expect_code 75 crm-import --db c.db "$S/reps.csv" 2>err &&
	grep "c.db: BEGIN IMMEDIATE: database is locked" err &&
	release_lock &&
	sqlite3 c.db .dump >after && test_cmp before after
'

test_expect_success 'not a store: a clear error' '
	echo "hello" >junk.db &&
	test_expect_code 2 crm-stale --db junk.db 2>err &&
	grep "junk.db" err
'

test_done
