#!/bin/sh
test_description='crm-check: encoding, columns and rows, with the importer'"'"'s rules'
. "${0%/*}/lib.sh"

I=$DATA/import

# c4.csv: 4 records, line 3 has a date that does not exist: 1 of 4 = 25%.
printf 'customer_id,name,updated_at\nC1,a,2026-01-05\nC2,b,2026-02-30\nC3,c,2026/1/6\nC4,d,\n' >c4.csv
# c3.csv: 3 records, 1 rejected: 33.3333...%, shown rounded to 4 decimals,
# except that an excess is never shown as the limit itself (33.3334).
printf 'customer_id,name,updated_at\nC1,a,2026-01-05\nC2,b,2026-02-30\nC3,c,\n' >c3.csv

test_expect_success 'the reject rate: 0 by default, so one rejected record fails' '
	test_expect_code 1 crm-check c4.csv >out &&
	grep "^c4.csv:3: rows: info: field .updated_at.: not a date or time .2026-02-30.$" out &&
	grep "^c4.csv: rows: 1 of 4 records rejected (25%), over --max-reject-rate 0%$" out &&
	grep "^rows: 1 finding, 1 info, fail$" out
'

test_expect_success 'exactly at --max-reject-rate passes' '
	crm-check --max-reject-rate 25 c4.csv >out &&
	grep "^c4.csv: rows: info: 1 of 4 records rejected (25%), within --max-reject-rate 25%$" out &&
	grep "^rows: 0 findings, 2 info, pass$" out &&
	crm-check --max-reject-rate 25% c4.csv >out2 && test_cmp out out2
'

test_expect_success 'just under the rate at the limit fails' '
	test_expect_code 1 crm-check --max-reject-rate 24.9999 c4.csv >out &&
	grep "^c4.csv: rows: 1 of 4 records rejected (25%), over --max-reject-rate 24.9999%$" out
'

test_expect_success 'the comparison is exact: 1 of 3 is over 33.3333% and within 33.3334%' '
	test_expect_code 1 crm-check --max-reject-rate 33.3333 c3.csv >out &&
	grep "^c3.csv: rows: 1 of 3 records rejected (33.3334%), over --max-reject-rate 33.3333%$" out &&
	crm-check --max-reject-rate 33.3334 c3.csv >out &&
	grep "^c3.csv: rows: info: 1 of 3 records rejected (33.3333%), within --max-reject-rate 33.3334%$" out
'

test_expect_success 'the limit is per file, not over all files' '
	printf "customer_id,name\nD1,a\nD2,b\nD3,c\nD4,d\nD5,e\nD6,f\nD7,g\nD8,h\n" >c8.csv &&
	test_expect_code 1 crm-check --max-reject-rate 20 c4.csv c8.csv >out &&
	grep "^c4.csv: rows: 1 of 4 records rejected (25%), over" out
'

test_expect_success 'a bad reject rate is a usage error' '
	test_expect_code 2 crm-check --max-reject-rate 100.5 c4.csv 2>err &&
	grep "max-reject-rate: expected a percentage from 0 to 100, got .100.5." err &&
	test_expect_code 2 crm-check --max-reject-rate 0.00001 c4.csv 2>/dev/null &&
	test_expect_code 2 crm-check --max-reject-rate -1 c4.csv 2>/dev/null &&
	test_expect_code 2 crm-check --max-reject-rate .5 c4.csv 2>/dev/null &&
	crm-check --max-reject-rate 100 c4.csv >/dev/null
'

# The same rejects, with the same reasons and lines, as crm-import gives.
test_expect_success 'the rejected records and reasons are crm-import'"'"'s' '
	for f in "$I/customers-gb18030.csv" "$I/ledger-bom.csv" "$I/activities-utf16.txt" c4.csv; do
		crm-import "$f" 2>&1 >/dev/null | sed -n "s/^crm-import: \([^ ]*:[0-9][0-9]*: \)/\1/p" >want
		crm-check "$f" | sed -n "s/ rows: info: \(.*\)/ \1/p" | grep -v "records rejected" >got
		test_cmp want got || exit 1
	done &&
	test $(wc -l <want) = 1
'

test_expect_success 'a guessed GB18030 is fine, and said as info' '
	crm-check "$I/customers-gb18030.csv" >out 2>err;
	test_must_be_empty err &&
	grep "customers-gb18030.csv: encoding: info: read as GB18030 (detected from the content; give --encoding to be sure)$" out &&
	grep "^encoding: 0 findings, 1 info, pass$" out &&
	crm-check --encoding gb18030 "$I/customers-gb18030.csv" >out;
	grep "customers-gb18030.csv: encoding: info: read as GB18030$" out &&
	crm-check "$I/activities-utf16.txt" >out &&
	grep "activities-utf16.txt: encoding: info: read as UTF-16$" out
'

test_expect_success 'UTF-8 says nothing under encoding' '
	crm-check c8.csv >out &&
	! grep "encoding: info" out &&
	grep "^encoding: 0 findings, pass$" out
'

test_expect_success 'bytes not valid in the encoding reject their record, under rows' '
	printf "customer_id,name\nC1,a\nC2,\377\n" >bad.csv &&
	test_expect_code 1 crm-check bad.csv >out &&
	grep "^bad.csv:3: rows: info: invalid UTF-8 byte 0xFF" out &&
	grep "^encoding: 0 findings, pass$" out
'

test_expect_success 'columns: the kind, detected, and columns the kind has not' '
	printf "customer_id,name,wechat,积分\nC1,a,wx,10\n" >x.csv &&
	crm-check x.csv >out &&
	cat >expect <<-\EOF &&
	x.csv: columns: info: customers (detected from the columns)
	x.csv: columns: info: column '"'"'wechat'"'"' is not a customers field; crm-import ignores it
	x.csv: columns: info: column '"'"'积分'"'"' is not a customers field; crm-import ignores it
	encoding: 0 findings, pass
	columns: 0 findings, 3 info, pass
	rows: 0 findings, pass
	references: skipped (no references checked in customers)
	duplicates: 0 findings, pass
	excel_ids: 0 findings, pass
	freshness: skipped (no --max-age)
	EOF
	test_cmp expect out
'

test_expect_success 'columns: a canonical field of another kind is unknown too' '
	crm-check --kind reps "$DATA/check/customers.csv" >out;
	grep "columns: info: column .customer_id. is not a reps field" out &&
	grep "columns: info: column .updated_at. is not a reps field" out &&
	! grep "detected from the columns" out
'

test_expect_success 'columns: each missing required column is a finding' '
	printf "task_id,customer_id\nT1,C1\n" >t.csv &&
	test_expect_code 1 crm-check --kind tasks t.csv >out &&
	cat >expect <<-\EOF &&
	t.csv:1: columns: missing column '"'"'assignee_id'"'"' (columns seen: task_id,customer_id)
	t.csv:1: columns: missing column '"'"'due'"'"' (columns seen: task_id,customer_id)
	encoding: 0 findings, pass
	columns: 2 findings, fail
	rows: skipped (required columns missing)
	references: skipped (required columns missing)
	duplicates: skipped (required columns missing)
	excel_ids: skipped (required columns missing)
	freshness: skipped (required columns missing)
	EOF
	test_cmp expect out
'

test_expect_success 'columns: the same message crm-import stops on' '
	printf "activity_id,customer_id,type\nA1,C1,visit\n" >a.csv &&
	test_expect_code 2 crm-import --kind activities a.csv 2>err >/dev/null;
	sed -n "s/^crm-import: a.csv:1: //p" err >want &&
	test_expect_code 1 crm-check --kind activities a.csv >out &&
	sed -n "s/^a.csv:1: columns: //p" out >got &&
	test_cmp want got
'

test_expect_success 'columns: duplicate columns are a finding, the rest skipped' '
	printf "customer_id,name,name\nC1,a,b\n" >d.csv &&
	test_expect_code 1 crm-check d.csv >out &&
	grep "^d.csv:1: columns: duplicate column .name.$" out &&
	grep "^encoding: skipped (header unusable)$" out &&
	grep "^rows: skipped (header unusable)$" out &&
	printf "customer_id,客户编号\nC1,C2\n" >d2.csv &&
	test_expect_code 1 crm-check d2.csv >out &&
	grep "^d2.csv:1: columns: columns .customer_id. and .客户编号. both mean customer_id$" out
'

test_expect_success 'columns: a kind that cannot be told is a finding' '
	printf "foo,bar\n1,2\n" >k.csv &&
	test_expect_code 1 crm-check k.csv >out &&
	grep "^k.csv:1: columns: cannot tell what records these columns hold; give --kind$" out &&
	grep "^rows: skipped (kind unknown)$" out
'

test_expect_success 'JSON Lines: the kind must be given, then rows are checked' '
	printf "{\"customer_id\":\"C1\",\"ts\":\"2026-01-05\"}\n{\"customer_id\":\"C2\"}\n" >a.jsonl &&
	test_expect_code 1 crm-check a.jsonl >out &&
	grep "^a.jsonl:1: columns: cannot tell what records these columns hold; give --kind$" out &&
	test_expect_code 1 crm-check --kind activities a.jsonl >out &&
	grep "^a.jsonl:2: rows: info: field .ts.: empty$" out &&
	grep "^a.jsonl: rows: 1 of 2 records rejected (50%), over --max-reject-rate 0%$" out
'

test_expect_success 'a file with a header and no records' '
	printf "customer_id,name\n" >h.csv &&
	crm-check h.csv >out &&
	grep "^h.csv: rows: info: no data records$" out
'

test_expect_success '--schema-only reads the headers only' '
	crm-check --schema-only c4.csv >out &&
	cat >expect <<-\EOF &&
	c4.csv: columns: info: customers (detected from the columns)
	encoding: 0 findings, pass
	columns: 0 findings, 1 info, pass
	rows: skipped (--schema-only)
	references: skipped (--schema-only)
	duplicates: skipped (--schema-only)
	excel_ids: skipped (--schema-only)
	freshness: skipped (--schema-only)
	EOF
	test_cmp expect out &&
	test_expect_code 1 crm-check --schema-only --kind tasks t.csv >out &&
	grep "^columns: 2 findings, fail$" out &&
	test_expect_code 1 crm-check --schema-only d.csv k.csv >/dev/null
'

test_expect_success '--schema-only does not read past the header' '
	{ printf "customer_id,name\nC1,\"never closed\n"; } >q.csv &&
	crm-check --schema-only q.csv >/dev/null &&
	test_expect_code 1 crm-check q.csv >out &&
	grep "^q.csv:2: rows: info: quoted field starting on this line is never closed$" out
'

test_done
