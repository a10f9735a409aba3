#!/bin/sh
test_description='crm-stale: exit codes, bad input, write errors'
. "${0%/*}/lib.sh"

D=$DATA/stale
test_expect_success '--help prints usage on stdout and exits 0' '
	crm-stale --help >out &&
	grep "^usage: crm-stale" out
'

test_expect_success 'an unknown option is a usage error' '
	test_expect_code 2 crm-stale --frobnicate 2>err &&
	grep "usage: crm-stale" err
'

test_expect_success 'bad option values are usage errors' '
	test_expect_code 2 crm-stale --days -1 "$D/customers.csv" 2>err &&
	grep "days: expected 0 to 36500, got .-1." err &&
	test_expect_code 2 crm-stale --as-of 2026-02-30 "$D/customers.csv" 2>err &&
	grep "as-of: not a date .2026-02-30." err &&
	test_expect_code 2 crm-stale --by team "$D/customers.csv" 2>err &&
	grep "by: expected rep, region or manager" err &&
	test_expect_code 2 crm-stale --tz Mars "$D/customers.csv" 2>err &&
	grep "tz: not a zone offset .Mars." err &&
	CRM_TZ=bad test_expect_code 2 crm-stale "$D/customers.csv" 2>err &&
	grep "CRM_TZ: not a zone offset" err
'

test_expect_success 'a missing file is an error naming it' '
	test_expect_code 2 crm-stale nope.csv 2>err &&
	grep "^crm-stale: nope.csv: No such file or directory$" err
'

test_expect_success 'an empty file has no header' '
	: >empty.csv &&
	test_expect_code 2 crm-stale empty.csv 2>err &&
	grep "^crm-stale: empty.csv: no header (empty input)$" err
'

test_expect_success 'a missing column names the column and the headers seen' '
	printf "id,name\n1,x\n" >nocol.csv &&
	test_expect_code 2 crm-stale nocol.csv 2>err &&
	grep "^crm-stale: nocol.csv:1: missing column .customer_id. (columns seen: id,name)$" err
'

test_expect_success 'a missing column names the header line' '
	printf "\n\n\nid,name\nc1,x\n" >late.csv &&
	test_expect_code 2 crm-stale late.csv 2>err &&
	grep "^crm-stale: late.csv:4: missing column .customer_id." err
'

test_expect_success 'customer_name and rep_name side by side are fine' '
	printf "customer_id,customer_name,rep_id,rep_name\nC1,甲,R1,张三\n" >rn.csv &&
	crm-stale --as-of 2026-11-27 rn.csv >out &&
	grep "^C1,甲,,R1,,,never$" out
'

test_expect_success 'a bad row is rejected with file:line:col, the rest still counts' '
	cat >bad.csv <<-\EOF &&
	customer_id,updated_at
	C1,2026-01-01
	C2,x"y
	C3,2026-02-30
	C4,2026-01-02
	EOF
	test_expect_code 2 crm-stale --as-of 2026-11-27 bad.csv >out 2>err &&
	grep "^crm-stale: bad.csv:3:5: malformed CSV" err &&
	grep "^crm-stale: bad.csv:4: field .updated_at.: not a date or time .2026-02-30.$" err &&
	grep "^crm-stale: bad.csv: 4 records read, 2 used, 2 rejected$" err &&
	grep "^C1," out && grep "^C4," out && test $(wc -l <out) = 3
'

test_expect_success '--strict stops at the first bad row and writes nothing' '
	test_expect_code 2 crm-stale --strict --as-of 2026-11-27 bad.csv >out 2>err &&
	test_must_be_empty out &&
	grep "bad.csv:3:5: malformed CSV" err
'

test_expect_success 'an unclosed quote costs one row, not the rest of the file' '
	printf "customer_id,name\nC1,\"open\nC2,b\nC3,c\n" >open.csv &&
	test_expect_code 2 crm-stale --as-of 2026-11-27 open.csv >out 2>err &&
	grep "^crm-stale: open.csv:2: quoted field starting on this line is never closed$" err &&
	grep "^C2," out && grep "^C3," out
'

test_expect_success 'activities without ts are refused' '
	printf "customer_id,when\nC1,2026-01-01\n" >a.csv &&
	test_expect_code 2 crm-stale -a a.csv "$D/customers.csv" 2>err &&
	grep "a.csv:1: missing column .ts." err
'

test_expect_success 'an activity with a bad ts is rejected, not guessed' '
	printf "customer_id,ts\nC001,yesterday\n" >a.csv &&
	test_expect_code 2 crm-stale --as-of 2026-11-27 -a a.csv "$D/customers.csv" >/dev/null 2>err &&
	grep "^crm-stale: a.csv:2: field .ts.: not a date or time .yesterday.$" err
'

test_expect_success 'a full disk is exit 2 with a message' '
	test_expect_code 2 crm-stale --as-of 2026-11-27 "$D/customers.csv" >/dev/full 2>err &&
	test "$(grep -c "write error" err)" = 1
'

test_expect_success 'a closed pipe ends quietly' '
	{ echo customer_id; seq 1 50000; } >many.csv &&
	crm-stale --as-of 2026-11-27 many.csv 2>err | head -1 >out &&
	test_must_be_empty err &&
	grep "^customer_id," out
'

test_expect_success 'a GBK file is detected, announced and decoded' '
	printf "customer_id,name\nC1,\311\317\272\243\n" >gbk.csv &&
	crm-stale --as-of 2026-11-27 gbk.csv >out 2>err &&
	grep "^crm-stale: gbk.csv: reading as GB18030 (detected; --encoding to choose)$" err &&
	grep "^C1,上海,,,,,never$" out
'

test_expect_success '--encoding utf-8 on a GBK file: line, column and a hint' '
	test_expect_code 2 crm-stale --encoding utf-8 --as-of 2026-11-27 gbk.csv >/dev/null 2>err &&
	grep "gbk.csv:2:4: invalid UTF-8 byte 0xC9 (a GB18030/GBK export? give --encoding gb18030)" err
'

test_expect_success 'a UTF-16 tab-separated export (Excel Unicode text) is read' '
	printf "\377\376c\000u\000s\000t\000o\000m\000e\000r\000_\000i\000d\000\t\000n\000\r\000\n\000C\0001\000\t\000x\000\r\000\n\000" >u16.txt &&
	crm-stale --as-of 2026-11-27 u16.txt >out &&
	grep "^C1,,,,,,never$" out
'

test_done
