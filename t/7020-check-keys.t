#!/bin/sh
test_description='crm-check: duplicate keys and IDs Excel mangled'
. "${0%/*}/lib.sh"

D=$DATA/check
cp "$D/customers.csv" "$D/activities.csv" .

test_expect_success 'a customer_id twice within one file' '
	printf "customer_id,name\nC1,a\nC2,b\nC1,a again\nC1,thrice\n" >c.csv &&
	test_expect_code 1 crm-check c.csv >out &&
	cat >expect <<-\EOF &&
	c.csv:4: duplicates: customer_id '"'"'C1'"'"' already at line 2
	c.csv:5: duplicates: customer_id '"'"'C1'"'"' already at line 2
	EOF
	grep "duplicates: customer_id" out >actual &&
	test_cmp expect actual &&
	grep "^duplicates: 2 findings, fail$" out
'

test_expect_success 'the same key across two files of the same kind' '
	printf "customer_id,name\nC7,x\n00123,dup\n" >c2.csv &&
	test_expect_code 1 crm-check customers.csv c2.csv >out &&
	grep "^c2.csv:3: duplicates: customer_id .00123. already at customers.csv:2$" out &&
	grep "^duplicates: 1 finding, fail$" out
'

test_expect_success 'keys compare as normalised: blanks trimmed, zeros kept' '
	printf "customer_id,name\n\" C1 \",a\nC1,b\n0C1,c\n" >c.csv &&
	test_expect_code 1 crm-check c.csv >out &&
	grep "^c.csv:3: duplicates: customer_id .C1. already at line 2$" out &&
	grep "^duplicates: 1 finding, fail$" out
'

test_expect_success 'the same id in files of different kinds is no duplicate' '
	printf "rep_id,name,manager_id\n00123,a,\n" >r.csv &&
	crm-check customers.csv r.csv >out &&
	grep "^duplicates: 0 findings, pass$" out
'

test_expect_success 'activities by activity_id, when they have one' '
	printf "activity_id,customer_id,ts\nA1,C1,2026-01-05\n,C1,2026-01-05\n,C1,2026-01-05\nA1,C2,2026-01-06\n" >a.csv &&
	test_expect_code 1 crm-check a.csv >out &&
	grep "^a.csv:5: duplicates: activity_id .A1. already at line 2$" out &&
	grep "^duplicates: 1 finding, fail$" out
'

test_expect_success 'policy receipts by policy_id, region and rep_id together' '
	printf "policy_id,region,rep_id,published_at\nP1,华东,R1,2026-01-05\nP1,华南,R1,2026-01-05\nP1,华东,R1,2026-01-06\n" >p.csv &&
	test_expect_code 1 crm-check p.csv >out &&
	grep "^p.csv:4: duplicates: policy_id .P1., region .华东., rep_id .R1. already at line 2$" out &&
	grep "^duplicates: 1 finding, fail$" out
'

test_expect_success 'ledger lines have no key' '
	printf "customer_id,date,kind,amount\nC1,2026-01-05,margin,100\nC1,2026-01-05,margin,100\n" >l.csv &&
	crm-check l.csv >out &&
	grep "^duplicates: skipped (ledger lines have no key)$" out
'

test_expect_success 'a rejected record holds no key' '
	printf "customer_id,name,updated_at\nC1,a,\nC1,b,2026-02-30\n" >c.csv &&
	test_expect_code 1 crm-check c.csv >out &&
	grep "^duplicates: 0 findings, pass$" out
'

test_expect_success 'excel_ids: 1.38E+10 is rejected, and named under excel_ids' '
	printf "activity_id,customer_id,rep_id,ts\n1.2e3,1.38E+10,R1,2026-01-05\nA2,C1,8.6E+12,2026-01-05\n" >a.csv &&
	test_expect_code 1 crm-check a.csv >out &&
	cat >expect <<-\EOF &&
	a.csv:2: excel_ids: activity_id '"'"'1.2e3'"'"' looks like a number Excel turned into scientific notation; export the column as text
	a.csv:2: excel_ids: customer_id '"'"'1.38E+10'"'"' looks like a number Excel turned into scientific notation; export the column as text
	a.csv:3: excel_ids: rep_id '"'"'8.6E+12'"'"' looks like a number Excel turned into scientific notation; export the column as text
	EOF
	grep excel_ids: out | grep -v "^excel_ids" >actual &&
	test_cmp expect actual &&
	grep "^a.csv: rows: 2 of 2 records rejected (100%), over --max-reject-rate 0%$" out &&
	grep "^excel_ids: 3 findings, fail$" out
'

test_expect_success 'excel_ids: scientific notation only in ID fields' '
	printf "customer_id,date,kind,amount\nC1,2026-01-05,margin,1.2E+05\n" >l.csv &&
	test_expect_code 1 crm-check l.csv >out &&
	grep "^l.csv:2: rows: info: field .amount.: not an amount .1.2E+05." out &&
	grep "^excel_ids: 0 findings, pass$" out
'

test_expect_success 'excel_ids: 123 in one file against 00123 in another' '
	printf "activity_id,customer_id,ts\nA1,00124,2026-01-05\nA2,123,2026-01-05\nA3,123,2026-01-06\n" >a.csv &&
	test_expect_code 1 crm-check customers.csv a.csv >out &&
	grep "^a.csv:3: excel_ids: customer_id .123. looks like .00123. (customers.csv:2) with its leading zeros lost, as Excel does to numbers; export the column as text$" out &&
	grep "^excel_ids: 1 finding, fail$" out &&
	grep "^a.csv:3: references: customer_id .123. is not a known customer (2 records, the first here)$" out
'

test_expect_success 'excel_ids: either way round, reported where the zeros are missing' '
	printf "customer_id,name\n123,a\n" >c.csv &&
	printf "activity_id,customer_id,ts\nA1,00123,2026-01-05\n" >a.csv &&
	test_expect_code 1 crm-check c.csv a.csv >out &&
	grep "^c.csv:2: excel_ids: customer_id .123. looks like .00123. (a.csv:2)" out
'

test_expect_success 'excel_ids: not within one file, not for ids that are not numbers' '
	printf "customer_id,name\n123,a\n00123,b\n" >c.csv &&
	printf "activity_id,customer_id,ts\nA1,0C9,2026-01-05\nA2,000,2026-01-05\n" >a.csv &&
	printf "customer_id,name\nC9,a\n0,b\n" >c2.csv &&
	crm-check c.csv a.csv c2.csv >out;
	grep "^excel_ids: 0 findings, pass$" out
'

test_expect_success 'excel_ids: one finding per id, however many padded forms' '
	printf "activity_id,customer_id,ts\nA1,123,2026-01-05\n" >a.csv &&
	printf "customer_id,name\n00123,a\n0123,b\n" >c1.csv &&
	printf "customer_id,name\n00123,a\n" >c2.csv &&
	test_expect_code 1 crm-check a.csv c1.csv c2.csv >out &&
	grep "^excel_ids: 1 finding, fail$" out &&
	grep "^a.csv:2: excel_ids: customer_id .123. looks like .00123. (c1.csv:2)" out
'

test_done
