#!/bin/sh
test_description='crm-clcc: exit codes, rejected entries, overflow, write errors'
. "${0%/*}/lib.sh"

D=$DATA/clcc

test_expect_success '--help prints usage on stdout and exits 0' '
	crm-clcc --help >out &&
	grep "^usage: crm-clcc" out &&
	crm-clcc -h >out2 &&
	test_cmp out out2
'

test_expect_success 'an unknown option is a usage error' '
	test_expect_code 2 crm-clcc --frobnicate 2>err &&
	grep "usage: crm-clcc" err
'

test_expect_success 'bad option values are usage errors' '
	test_expect_code 2 crm-clcc --period week "$D/ledger.csv" 2>err &&
	grep "^crm-clcc: --period: expected month, quarter or year, got .week.$" err &&
	test_expect_code 2 crm-clcc --by team "$D/ledger.csv" 2>err &&
	grep "^crm-clcc: --by: expected customer, rep, region or tier, got .team.$" err &&
	test_expect_code 2 crm-clcc --as-of 2026-02-30 "$D/ledger.csv" 2>err &&
	grep "as-of: not a date .2026-02-30." err &&
	test_expect_code 2 crm-clcc --tz Mars "$D/ledger.csv" 2>err &&
	grep "tz: not a zone offset .Mars." err &&
	CRM_TZ=bad test_expect_code 2 crm-clcc "$D/ledger.csv" 2>err &&
	grep "CRM_TZ: not a zone offset" err
'

test_expect_success 'a missing file is an error naming it' '
	test_expect_code 2 crm-clcc --as-of 2026-04-30 nope.csv >out 2>err &&
	grep "^crm-clcc: nope.csv: No such file or directory$" err &&
	test_must_be_empty out
'

test_expect_success 'a missing column names the column and the headers seen' '
	printf "customer_id,day,kind,amount\nC1,2026-01-01,service,1\n" >nodate.csv &&
	test_expect_code 2 crm-clcc --as-of 2026-04-30 nodate.csv 2>err &&
	grep "^crm-clcc: nodate.csv:1: missing column .date. (columns seen: customer_id,day,kind,amount)$" err &&
	printf "customer_id,date,what,amount\nC1,2026-01-01,service,1\n" >nokind.csv &&
	test_expect_code 2 crm-clcc --as-of 2026-04-30 nokind.csv >out 2>err &&
	grep "^crm-clcc: nokind.csv:1: missing column .kind. (columns seen: customer_id,date,what,amount)$" err &&
	test_must_be_empty out
'

# bad.csv: every kind of bad value, one per line, and two good lines
# (line 2: service 100, line 12: margin 400 -> 100/400 = 0.2500).
cat >bad.csv <<-\EOF
customer_id,date,kind,amount,sub_kind
B,2026-01-02,service,100,
B,2026-01-03,service,1.23E+05,
B,2026-01-04,service,12.345,
B,2026-01-05,service,"1,23",
B,2026-01-06,margin,12%,
B,2026-01-07,margin,#N/A,
B,2026-01-08,margin,,
B,2026-01-09,bonus,5,
B,2026-02-30,service,5,
,2026-01-10,service,5,
B,2026-01-11,margin,400,
B,2026-01-12,,5,
B,2026-01-13,margin,"1.234,50",
EOF

test_expect_success 'bad entries are rejected with file:line, quoting the value' '
	test_expect_code 2 crm-clcc --as-of 2026-01-31 bad.csv >out 2>err &&
	cat >expect <<-\EOF &&
	crm-clcc: bad.csv:3: field '"'"'amount'"'"': not an amount '"'"'1.23E+05'"'"' (scientific notation)
	crm-clcc: bad.csv:4: field '"'"'amount'"'"': not an amount '"'"'12.345'"'"' (more than 2 decimals: not a whole fen)
	crm-clcc: bad.csv:5: field '"'"'amount'"'"': not an amount '"'"'1,23'"'"' (misplaced thousands separator)
	crm-clcc: bad.csv:6: field '"'"'amount'"'"': not an amount '"'"'12%'"'"' (a percentage)
	crm-clcc: bad.csv:7: field '"'"'amount'"'"': not an amount '"'"'#N/A'"'"' (an Excel error value)
	crm-clcc: bad.csv:8: field '"'"'amount'"'"': empty
	crm-clcc: bad.csv:9: field '"'"'kind'"'"': unknown kind '"'"'bonus'"'"' (expected acquisition, service, failure or margin)
	crm-clcc: bad.csv:10: field '"'"'date'"'"': not a date '"'"'2026-02-30'"'"'
	crm-clcc: bad.csv:11: field '"'"'customer_id'"'"': empty
	crm-clcc: bad.csv:13: field '"'"'kind'"'"': empty
	crm-clcc: bad.csv:14: field '"'"'amount'"'"': not an amount '"'"'1.234,50'"'"' (a decimal comma)
	crm-clcc: bad.csv: 13 records read, 2 used, 11 rejected
	crm-clcc: some input records were rejected (see above)
	EOF
	test_cmp expect err &&
	printf "group,period,acquisition,service,failure,failure_duplicate_quote,failure_lost_followup,failure_rework,failure_other,cost,margin,clcc,change_rate,status\nall,2026-01,0.00,100.00,0.00,0.00,0.00,0.00,0.00,100.00,400.00,0.2500,,no-previous\n" >expect &&
	test_cmp expect out
'

test_expect_success '--strict stops at the first bad entry and writes nothing' '
	test_expect_code 2 crm-clcc --strict --as-of 2026-01-31 bad.csv >out 2>err &&
	test_must_be_empty out &&
	grep "^crm-clcc: bad.csv:3: field .amount.: not an amount .1.23E+05. (scientific notation)$" err &&
	! grep "bad.csv:4:" err
'

test_expect_success 'a malformed CSV line is rejected with its column' '
	# the stray quote is the 13th character of "C1,2026-01-0\"2,margin,1"
	printf "customer_id,date,kind,amount\nC1,2026-01-01,margin,1\nC1,2026-01-0\"2,margin,1\n" >q.csv &&
	test_expect_code 2 crm-clcc --as-of 2026-01-31 q.csv >out 2>err &&
	grep "^crm-clcc: q.csv:3:13: malformed CSV" err &&
	grep "^all,2026-01,.*,1.00,0.0000,,no-previous$" out
'

# INT64_MAX fen is 92233720368547758.07 yuan.  Two of them in one month
# cannot be summed: the second entry is rejected, the first one stands.
test_expect_success 'a sum that would overflow rejects the entry, never wraps' '
	cat >big.csv <<-\EOF &&
	customer_id,date,kind,amount
	G,2026-01-01,margin,92233720368547758.07
	G,2026-01-02,margin,0.01
	G,2026-01-03,service,92233720368547758.07
	G,2026-01-04,acquisition,1
	EOF
	test_expect_code 2 crm-clcc --as-of 2026-01-31 big.csv >out 2>err &&
	grep "^crm-clcc: big.csv:3: field .amount.: .0.01. makes the margin total of all in 2026-01 overflow$" err &&
	grep "^crm-clcc: big.csv:5: field .amount.: .1. makes the cost total of all in 2026-01 overflow$" err &&
	# cost = margin: the ratio is exactly 1
	grep "^all,2026-01,0.00,92233720368547758.07,.*,92233720368547758.07,92233720368547758.07,1.0000,,no-previous$" out
'

test_expect_success 'an amount beyond the int64 range is rejected' '
	printf "customer_id,date,kind,amount\nG,2026-01-01,margin,9223372036854775807\n" >huge.csv &&
	test_expect_code 2 crm-clcc --as-of 2026-01-31 huge.csv >out 2>err &&
	grep "^crm-clcc: huge.csv:2: field .amount.: not an amount .9223372036854775807. (out of range)$" err
'

test_expect_success 'a life-to-date sum that overflows is fatal, and nothing is written' '
	cat >life.csv <<-\EOF &&
	customer_id,date,kind,amount
	G,2026-01-01,margin,92233720368547758.07
	G,2026-02-01,margin,92233720368547758.07
	EOF
	crm-clcc --as-of 2026-02-28 life.csv >out &&
	test $(wc -l <out) = 3 &&
	test_expect_code 2 crm-clcc --lifetime --as-of 2026-02-28 life.csv >out 2>err &&
	test_must_be_empty out &&
	grep "^crm-clcc: the life-to-date margin of all overflows in 2026-02$" err
'

test_expect_success 'huge sums still give exact ratios (128-bit arithmetic)' '
	cat >wide.csv <<-\EOF &&
	customer_id,date,kind,amount
	W,2026-01-01,service,92233720368547758.07
	W,2026-01-01,margin,0.01
	W,2026-02-01,service,0.01
	W,2026-02-01,margin,92233720368547758.07
	EOF
	# January: (2^63-1)/1 fen; February: 1/(2^63-1); change
	# 1/(2^63-1)^2 - 1 = -0.99999... -> -1.0000
	crm-clcc --as-of 2026-02-28 wide.csv | cut -d, -f2,12-14 >actual &&
	cat >expect <<-\EOF &&
	period,clcc,change_rate,status
	2026-01,9223372036854775807.0000,,no-previous
	2026-02,0.0000,-1.0000,ok
	EOF
	test_cmp expect actual
'

test_expect_success 'a full disk is exit 2 with a message' '
	test_expect_code 2 crm-clcc --as-of 2026-04-30 "$D/ledger.csv" >/dev/full 2>err &&
	grep "write error" err
'

test_expect_success 'a closed pipe ends quietly' '
	{ echo customer_id,date,kind,amount; seq 1 30000 | sed "s/.*/&,2026-01-01,margin,1/"; } >many.csv &&
	crm-clcc -b customer --as-of 2026-01-31 many.csv 2>err | head -1 >out &&
	test_must_be_empty err &&
	grep "^customer_id,period," out
'

test_expect_success 'an empty ledger has no header' '
	: >empty.csv &&
	test_expect_code 2 crm-clcc --as-of 2026-01-31 empty.csv 2>err &&
	grep "^crm-clcc: empty.csv: no header (empty input)$" err
'

test_expect_success 'a ledger with a header only: an empty report, exit 0' '
	echo customer_id,date,kind,amount >h.csv &&
	crm-clcc --as-of 2026-01-31 h.csv >out 2>err &&
	test $(wc -l <out) = 1 &&
	grep "h.csv: no data records" err
'

test_done
