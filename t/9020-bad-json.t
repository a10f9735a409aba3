#!/bin/sh
test_description='bad-input corpus, RELIABILITY.md 4: JSON Lines'
. "${0%/*}/lib.sh"
. "$TOP/t/bad.sh"

# JSON Lines customers through crm-import -k, crm-stale and crm-check -k.

test_expect_success '#39 nesting 100000 deep: rejected with the parser position, no crash' '
	awk "BEGIN { printf \"{\\\"customer_id\\\":\\\"C1\\\",\\\"name\\\":\"; for (i = 0; i < 100000; i++) printf \"[\"; for (i = 0; i < 100000; i++) printf \"]\"; print \"}\"; print \"{\\\"customer_id\\\":\\\"C2\\\",\\\"name\\\":\\\"b\\\"}\" }" >deep.jsonl &&
	run_bad 2 crm-import -k customers deep.jsonl && balanced deep.jsonl 2 1 0 1 &&
	msg "^crm-import: deep.jsonl:1:[0-9]+: maximum parsing depth reached" && grep "^C2,b," out &&
	run_bad 2 crm-stale --as-of $AS_OF deep.jsonl && msg "^crm-stale: deep.jsonl:1:[0-9]+: maximum parsing depth" &&
	grep "^C2,b," out &&
	run_bad 1 crm-check -k customers --as-of $AS_OF deep.jsonl && grep "^deep.jsonl:1: rows: info: maximum parsing depth" out
'

test_expect_success '#39 nesting within the parser limit is still refused as nested' '
	printf "{\"customer_id\":\"C1\",\"name\":[[[[[[[[1]]]]]]]]}\n" >d8.jsonl &&
	run_bad 2 crm-import -k customers d8.jsonl && balanced d8.jsonl 1 0 0 1 &&
	msg "^crm-import: d8.jsonl:1: field .name.: nested objects and arrays are not supported$"
'

test_expect_success '#40 a duplicate key is rejected' '
	f=$BAD/40-json-dup-keys.jsonl &&
	run_bad 2 crm-import -k customers "$f" && balanced "$f" 2 1 0 1 &&
	msg "^crm-import: $f:2:[0-9]+: duplicate object key near .\"name\".$" &&
	run_bad 2 crm-stale --as-of $AS_OF "$f" && stale_balanced "$f" 2 1 1 &&
	run_bad 1 crm-check -k customers --as-of $AS_OF "$f" && grep "^$f:2: rows: info: duplicate object key" out
'

test_expect_success '#41 \u0000, a lone surrogate and invalid UTF-8 are rejected' '
	f=$BAD/41-json-bad-strings.jsonl &&
	run_bad 2 crm-import --encoding utf-8 -k customers "$f" && balanced "$f" 4 1 0 3 &&
	msg "^crm-import: $f:1:[0-9]+: .u0000 is not allowed" &&
	msg "^crm-import: $f:2:[0-9]+: invalid Unicode .\\\\uD800." &&
	msg "^crm-import: $f:3:[0-9]+: invalid UTF-8 byte 0xC0" &&
	grep "^C4,ok," out &&
	run_bad 2 crm-stale --encoding utf-8 --as-of $AS_OF "$f" && stale_balanced "$f" 4 1 3 &&
	run_bad 1 crm-check --encoding utf-8 -k customers --as-of $AS_OF "$f" &&
	grep "^$f: rows: 3 of 4 records rejected" out
'

test_expect_success '#41 ... a BOM before JSON Lines is skipped' '
	f=$BAD/41-json-bom.jsonl &&
	run_bad 0 crm-import -k customers "$f" && balanced "$f" 1 1 0 0 && grep "^C1,bom," out &&
	run_bad 0 crm-stale --as-of $AS_OF "$f" && grep "^C1,bom," out &&
	run_bad 0 crm-check -k customers --as-of $AS_OF "$f"
'

test_expect_success '#42 big integers, 1e400 and NaN are rejected; -0 is 0' '
	f=$BAD/42-json-numbers.jsonl &&
	run_bad 2 crm-import -k ledger "$f" && balanced "$f" 4 1 0 3 &&
	msg "^crm-import: $f:1:[0-9]+: too big integer" &&
	msg "^crm-import: $f:2:[0-9]+: real number overflow" &&
	msg "^crm-import: $f:3:[0-9]+: invalid token near .NaN.$" &&
	grep "^L4,2026-01-05,service,0.00," out &&
	run_bad 2 crm-clcc --as-of $AS_OF "$f" && msg "^crm-clcc: $f: 4 records read, 1 used, 3 rejected$" &&
	run_bad 1 crm-check -k ledger --as-of $AS_OF "$f" && grep "^$f:3: rows: info: invalid token" out
'

test_expect_success '#43 a top-level scalar or array is rejected; NDJSON is the format' '
	f=$BAD/43-json-scalar.jsonl &&
	run_bad 2 crm-import -k customers "$f" && balanced "$f" 4 2 0 2 &&
	msg "^crm-import: $f:2:[0-9]+: " && msg "^crm-import: $f:3:[0-9]+: expected a JSON object, one per line$" &&
	grep "^C1,a," out && grep "^C2,b," out &&
	run_bad 2 crm-stale --as-of $AS_OF "$f" && stale_balanced "$f" 4 2 2 &&
	run_bad 1 crm-check -k customers --as-of $AS_OF "$f" && grep "^$f:3: rows: info: expected a JSON object" out
'

test_expect_success '#43 nested values are rejected by field' '
	f=$BAD/43-json-nested.jsonl &&
	run_bad 2 crm-import -k customers "$f" && balanced "$f" 3 2 0 1 &&
	msg "^crm-import: $f:2: field .name.: nested objects and arrays are not supported$" &&
	run_bad 2 crm-stale --as-of $AS_OF "$f" && stale_balanced "$f" 3 2 1 &&
	run_bad 1 crm-check -k customers --as-of $AS_OF "$f" && grep "^$f:2: rows: info: field .name." out
'

test_expect_success '#44 a 9 MiB JSON line is over --max-record-bytes; the next line is read' '
	awk "BEGIN { printf \"{\\\"customer_id\\\":\\\"C1\\\",\\\"name\\\":\\\"\"; for (i = 0; i < 9437184 / 64; i++) printf \"%s\", \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"; print \"\\\"}\"; print \"{\\\"customer_id\\\":\\\"C2\\\",\\\"name\\\":\\\"b\\\"}\" }" >huge.jsonl &&
	run_bad 2 crm-import -k customers huge.jsonl && balanced huge.jsonl 2 1 0 1 &&
	msg "^crm-import: huge.jsonl:1: line is longer than 8388608 bytes \(--max-record-bytes\)$" &&
	grep "^C2,b," out &&
	run_bad 2 crm-stale --as-of $AS_OF huge.jsonl && msg "^crm-stale: huge.jsonl:1: line is longer" &&
	run_bad 1 crm-check -k customers --as-of $AS_OF huge.jsonl && grep "^huge.jsonl:1: rows: info: line is longer" out
'

test_done
