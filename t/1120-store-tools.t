#!/bin/sh
test_description='every analysis tool reads the store through --db, with the same answer as from files'
. "${0%/*}/lib.sh"

test_expect_success 'crm-score --db equals crm-score on the files' '
	crm-import --db s.db "$DATA/score/ties.csv" 2>/dev/null &&
	crm-score --week 2026-W47 "$DATA/score/ties.csv" >files 2>/dev/null &&
	crm-score --week 2026-W47 --db s.db >store 2>/dev/null &&
	test_cmp files store
'

test_expect_success 'crm-score --db takes the reps from the store: idle reps show' '
	crm-import --db s.db "$DATA/score/reps.csv" 2>/dev/null &&
	crm-score --week 2026-W47 -r "$DATA/score/reps.csv" "$DATA/score/ties.csv" >files 2>/dev/null &&
	crm-score --week 2026-W47 --db s.db >store 2>/dev/null &&
	test_cmp files store
'

test_expect_success 'crm-clcc --db equals crm-clcc on the files, with --by region' '
	crm-import --db c.db "$DATA/clcc/ledger.csv" 2>/dev/null &&
	crm-import --db c.db "$DATA/clcc/customers.csv" 2>/dev/null &&
	crm-clcc --as-of 2026-11-27 "$DATA/clcc/ledger.csv" >files 2>/dev/null &&
	crm-clcc --as-of 2026-11-27 --db c.db >store 2>/dev/null &&
	test_cmp files store &&
	crm-clcc --as-of 2026-11-27 -b region -c "$DATA/clcc/customers.csv" "$DATA/clcc/ledger.csv" >files 2>/dev/null &&
	crm-clcc --as-of 2026-11-27 -b region --db c.db >store 2>/dev/null &&
	test_cmp files store
'

test_expect_success 'a tool on an empty store path is an error, not an empty answer' '
	test_expect_code 2 crm-score --db nowhere.db 2>err &&
	grep "nowhere.db" err
'
test_done
