#!/bin/sh
test_description='crm-check: exit 0, 1 and 2; it writes nothing; it gates an import'
. "${0%/*}/lib.sh"

D=$DATA/check
cp "$D"/*.csv .

test_expect_success 'exit 0: every check passed; nothing on standard error' '
	crm-check customers.csv activities.csv reps.csv >out 2>err &&
	test_must_be_empty err &&
	test -s out
'

test_expect_success 'exit 1: a check failed; nothing on standard error' '
	test_expect_code 1 crm-check dirty-customers.csv >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'exit 1 in every format' '
	test_expect_code 1 crm-check --format tap dirty-reps.csv >/dev/null &&
	test_expect_code 1 crm-check --format junit dirty-reps.csv >/dev/null &&
	crm-check --format tap reps.csv >/dev/null &&
	crm-check --format junit reps.csv >/dev/null
'

test_expect_success 'exit 2: no file' '
	test_expect_code 2 crm-check >out 2>err &&
	test_must_be_empty out &&
	grep "^usage: crm-check " err
'

test_expect_success 'exit 2: usage errors' '
	test_expect_code 2 crm-check --format xml reps.csv 2>err &&
	grep "format: expected text, tap or junit, got .xml." err &&
	test_expect_code 2 crm-check --kind invoices reps.csv 2>err &&
	grep "kind: expected customers, " err &&
	test_expect_code 2 crm-check --no-such-option reps.csv 2>/dev/null &&
	test_expect_code 2 crm-check --tz Mars reps.csv 2>/dev/null &&
	test_expect_code 2 crm-check --encoding latin1 reps.csv 2>/dev/null
'

test_expect_success 'exit 2: output options of the other tools are refused' '
	for o in --json --table --bom --raw --strict; do
		test_expect_code 2 crm-check $o reps.csv >out 2>err || exit 1
		test_must_be_empty out || exit 1
		grep "^crm-check: $o: not for crm-check" err || exit 1
	done
'

test_expect_success 'exit 2: a file that cannot be read, and no report at all' '
	test_expect_code 2 crm-check reps.csv missing.csv >out 2>err &&
	test_must_be_empty out &&
	grep "^crm-check: missing.csv: No such file or directory$" err &&
	mkdir dir.csv &&
	test_expect_code 2 crm-check --format junit dir.csv >out 2>err &&
	test_must_be_empty out &&
	grep "^crm-check: dir.csv: read error" err
'

test_expect_success 'exit 2 outranks a failed check' '
	test_expect_code 2 crm-check dirty-reps.csv missing.csv >out 2>/dev/null &&
	test_must_be_empty out
'

test_expect_success 'exit 2: an empty file' '
	: >empty.csv &&
	test_expect_code 2 crm-check empty.csv 2>err &&
	grep "^crm-check: empty.csv: no header (empty input)$" err
'

test_expect_success 'exit 2: the report cannot be written' '
	test -w /dev/full || exit 0
	test_expect_code 2 crm-check reps.csv >/dev/full 2>err &&
	grep "crm-check: " err
'

test_expect_success 'standard input is read as -' '
	crm-check - <reps.csv >out &&
	grep "^<stdin>: columns: info: reps (detected from the columns)$" out
'

test_expect_success 'the help lists every option, on standard output, exit 0' '
	crm-check --help >out 2>err &&
	test_must_be_empty err &&
	grep -- "--max-reject-rate" out && grep -- "--schema-only" out
'

test_expect_success 'nothing is written: not the store, not a file' '
	mkdir w && cp customers.csv activities.csv dirty-*.csv w/ && (
		cd w &&
		crm-import --db s.db customers.csv 2>/dev/null &&
		sqlite3 s.db .dump >../before &&
		ls -a >../files-before &&
		test_expect_code 1 crm-check --db s.db dirty-activities.csv dirty-customers.csv >../out 2>&1 &&
		crm-check --db s.db customers.csv activities.csv >../out 2>&1 &&
		sqlite3 s.db .dump >../after &&
		ls -a >../files-after
	) &&
	test_cmp before after &&
	test_cmp files-before files-after
'

# The CI example of crm-check(1): the import runs only when the check
# passes; a failed check leaves the store as it was.
test_expect_success 'gating an import on crm-check' '
	gate() {
		crm-check --db g.db --max-age 48 --as-of 2026-01-10 --format junit "$@" >report.xml &&
		crm-import --db g.db "$@" 2>/dev/null
	}
	crm-import --db g.db reps.csv 2>/dev/null &&
	sqlite3 g.db .dump >before &&
	test_expect_code 1 gate dirty-customers.csv dirty-activities.csv &&
	sqlite3 g.db .dump >after &&
	test_cmp before after &&
	gate customers.csv activities.csv &&
	sqlite3 g.db "SELECT count(*) FROM activities" >actual &&
	echo 3 >expect && test_cmp expect actual &&
	xmllint --noout --schema "$D/junit.xsd" report.xml
'

test_done
