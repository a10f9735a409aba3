#!/bin/sh
test_description='bad-input corpus, RELIABILITY.md 4: dates, amounts, IDs, formulas'
. "${0%/*}/lib.sh"
. "$TOP/t/bad.sh"

# Customers go through crm-import, crm-stale and crm-check; ledgers through
# crm-import, crm-clcc and crm-check.

test_expect_success '#25 every documented date form is accepted and normalised' '
	f=$BAD/25-dates.csv &&
	run_bad 0 crm-import "$f" && balanced "$f" 3 3 0 0 &&
	test $(grep -c ",2026-01-05,,,,,$" out) = 3 &&
	run_bad 0 crm-stale --as-of $AS_OF "$f" && test $(grep -c ",2026-01-05,326,updated$" out) = 3 &&
	run_bad 0 crm-check --as-of $AS_OF "$f"
'

test_expect_success '#26 impossible dates are rejected, not rolled over' '
	f=$BAD/26-impossible-date.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 3 1 0 2 &&
	msg "^crm-import: $f:2: field .updated_at.: not a date or time .2026/2/30.$" &&
	msg "^crm-import: $f:3: field .updated_at.: not a date or time .2026/13/1.$" &&
	! grep 2026-03-02 out &&
	run_bad 2 crm-stale --as-of $AS_OF "$f" && stale_balanced "$f" 3 1 2 &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f:3: rows: info: field .updated_at." out
'

test_expect_success '#27 trailing junk is rejected, a date must be consumed whole' '
	f=$BAD/27-trailing-junk.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 3 1 0 2 &&
	msg "^crm-import: $f:2: field .updated_at.: not a date or time .2026/1/5 extra.$" &&
	msg "^crm-import: $f:3: field .updated_at.: not a date or time .45292x.$" &&
	run_bad 2 crm-stale --as-of $AS_OF "$f" && stale_balanced "$f" 3 1 2 &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f:2: rows: info:" out
'

# crm-import reads Excel serials in date columns (crm-import(1)); crm-stale
# follows crm(7), which lists no serials, and rejects them all.
test_expect_success '#28 Excel serials: 45292 = 2024-01-01, serial 60 rejected' '
	f=$BAD/28-excel-serial.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 4 3 0 1 &&
	grep "^C1,.*,2024-01-01," out && grep "^C2,.*,2026-01-05," out &&
	msg "^crm-import: $f:4: field .updated_at.: not a date or time .60.$" &&
	# every tool reads dates by the importer'"'"'s rules (crm_value_time):
	# crm-stale takes the three serials and rejects 60 alone, as crm-import
	run_bad 2 crm-stale --as-of $AS_OF "$f" && stale_balanced "$f" 4 3 1 &&
	msg "^crm-stale: $f:4: field .updated_at.: not a date or time .60.$" &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f:4: rows: info:" out &&
	grep "^$f: rows: 1 of 4 records rejected" out
'

test_expect_success '#29 an ambiguous 01/05/2026 is rejected' '
	f=$BAD/29-ambiguous-date.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 2 1 0 1 &&
	msg "^crm-import: $f:2: field .updated_at.: not a date or time .01/05/2026.$" &&
	run_bad 2 crm-stale --as-of $AS_OF "$f" && stale_balanced "$f" 2 1 1 &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f:2: rows: info:" out
'

test_expect_success '#30 negative costs in four spellings become -20.00, a plain number' '
	f=$BAD/30-negative-costs.csv &&
	run_bad 0 crm-import "$f" && balanced "$f" 4 4 0 0 &&
	test $(grep -c "^C1,2026-01-0[5-8],service,-20.00," out) = 4 &&
	run_bad 0 crm-clcc --as-of $AS_OF "$f" && grep "^all,2026-01,0.00,-80.00," out &&
	run_bad 0 crm-check --as-of $AS_OF "$f"
'

test_expect_success '#31 a zero margin: the ratio cell is empty and the status says why' '
	f=$BAD/31-zero-denominator.csv &&
	run_bad 0 crm-import "$f" && balanced "$f" 2 2 0 0 &&
	run_bad 0 crm-clcc --as-of $AS_OF "$f" &&
	grep "^all,2026-01,100.00,0.00,.*,0.00,,,margin<=0$" out &&
	! grep -i "nan\|inf" out &&
	run_bad 0 crm-clcc -j --as-of $AS_OF "$f" && ! grep -i "nan\|inf" out &&
	run_bad 0 crm-check --as-of $AS_OF "$f"
'

test_expect_success '#32 money is decimal: 19.99 and 0.1 exact, 0.125 rejected' '
	f=$BAD/32-money-float.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 3 2 0 1 &&
	grep ",service,19.99,,$" out && grep ",service,0.10,,$" out &&
	msg "^crm-import: $f:4: field .amount.: not an amount .0.125. \(more than 2 decimals: not a whole fen\)$" &&
	run_bad 2 crm-clcc --as-of $AS_OF "$f" && grep "^all,2026-01,0.00,20.09," out &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f:4: rows: info:" out
'

test_expect_success '#33 display formats: a whitelist, the rest rejected with the value' '
	f=$BAD/33-amount-formats.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 5 2 0 3 &&
	grep "^C1,2026-01-05,service,1234.50," out && grep "^C1,2026-01-06,service,123.00," out &&
	msg "^crm-import: $f:4: field .amount.: not an amount .12%. \(a percentage\)$" &&
	msg "^crm-import: $f:5: field .amount.: not an amount .1.23E\+05. \(scientific notation\)$" &&
	msg "^crm-import: $f:6: field .amount.: not an amount .1,2,3." &&
	run_bad 2 crm-clcc --as-of $AS_OF "$f" && msg "^crm-clcc: $f:5: field .amount." &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f: rows: 3 of 5 records rejected" out
'

test_expect_success '#34 IDs are text: leading zeros and long digits kept, 1.38E+10 rejected' '
	f=$BAD/34-ids.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 4 3 0 1 &&
	grep "^00123,a," out && grep "^123456789012345678,b," out && grep "^13800138000,c," out &&
	msg "^crm-import: $f:5: field .customer_id.: .1.38E\+10. looks like a number Excel turned into scientific notation" &&
	run_bad 2 crm-import --db s.db "$f" &&
	sqlite3 s.db "SELECT customer_id, typeof(customer_id) FROM customers ORDER BY 1" >actual &&
	printf "00123|text\n123456789012345678|text\n13800138000|text\n" >expect && test_cmp expect actual &&
	run_bad 0 crm-stale --as-of $AS_OF "$f" && grep "^00123,a," out &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f:5: excel_ids: customer_id .1.38E+10." out
'

test_expect_success '#35 integer overflow: a value out of range, a sum that would overflow' '
	f=$BAD/35-overflow.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 4 3 0 1 &&
	msg "^crm-import: $f:2: field .amount.: not an amount .9223372036854775808. \(out of range\)$" &&
	run_bad 2 crm-clcc --as-of $AS_OF "$f" &&
	msg "^crm-clcc: $f:4: field .amount.: .92233720368547758.07. makes the cost total of all in 2026-01 overflow$" &&
	msg "^crm-clcc: $f: 4 records read, 1 used, 3 rejected$" &&
	grep "^all,2026-01,0.00,92233720368547758.07," out &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f:2: rows: info:" out
'

test_expect_success '#35 ... and from the store' '
	f=$BAD/35-overflow.csv &&
	run_bad 2 crm-import --db s.db "$f" &&
	run_bad 2 crm-clcc --db s.db --as-of $AS_OF &&
	msg "^crm-clcc: s.db:ledger:[0-9]+: field .amount.: .92233720368547758.07. makes the cost total" &&
	grep "^all,2026-01,0.00,92233720368547758.07," out
'

test_expect_success '#36 Excel error tokens and placeholders are empty: a required amount is rejected' '
	f=$BAD/36-error-tokens.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 8 1 0 7 &&
	for l in 2 3 4 5 6 7 8; do msg "^crm-import: $f:$l: field .amount.: empty$" || exit 1; done &&
	grep "^C1,2026-01-12,service,5.00," out &&
	run_bad 2 crm-clcc --as-of $AS_OF "$f" && msg "^crm-clcc: $f: 8 records read, 1 used, 7 rejected$" &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f: rows: 7 of 8 records rejected" out
'

test_expect_success '#37 formula-looking values are stored raw and escaped on export' '
	f=$BAD/37-formula.csv &&
	run_bad 0 crm-import --db s.db "$f" && balanced "$f" 5 5 0 0 &&
	sqlite3 s.db "SELECT name FROM customers WHERE customer_id IN (\"C1\", \"C2\", \"C3\", \"C5\") ORDER BY customer_id" >actual &&
	printf "=HYPERLINK(\"http://x\")\n@SUM(A1)\n＝1+1\n-12.5\n" >expect && test_cmp expect actual &&
	run_bad 0 crm-import "$f" &&
	grep "^C1,\"'"'"'=HYPERLINK(\"\"http://x\"\")\"," out &&
	grep "^C2,'"'"'@SUM(A1)," out && grep "^C3,'"'"'＝1+1," out && grep "^C5,-12.5," out &&
	run_bad 0 crm-stale --as-of $AS_OF "$f" &&
	grep "^C4,\"'"'"'	lead\"," out && grep "^C2,'"'"'@SUM(A1)," out &&
	run_bad 0 crm-stale --raw --as-of $AS_OF "$f" && grep "^C2,@SUM(A1)," out &&
	run_bad 0 crm-check --as-of $AS_OF "$f"
'

test_done
