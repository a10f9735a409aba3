#!/bin/sh
test_description='crm-check: references to customers, reps and managers; cycles'
. "${0%/*}/lib.sh"

D=$DATA/check
cp "$D/customers.csv" "$D/reps.csv" "$D/activities.csv" .

test_expect_success 'a clean set: every reference known' '
	crm-check customers.csv activities.csv reps.csv >out &&
	grep "^references: 0 findings, pass$" out
'

test_expect_success 'an activity of a customer that is not in the customers given' '
	{ cat activities.csv; echo "A4,00125,R01,2026-01-09,visit"; } >a.csv &&
	test_expect_code 1 crm-check customers.csv a.csv >out &&
	grep "^a.csv:5: references: customer_id .00125. is not a known customer$" out &&
	grep "^references: 1 finding, fail$" out
'

test_expect_success 'one finding per unknown id and file, at its first record' '
	{ cat activities.csv; echo "A4,C9,R01,2026-01-09,visit"; echo "A5,C9,R02,2026-01-09,call"; echo "A6,C8,R02,2026-01-09,call"; } >a.csv &&
	test_expect_code 1 crm-check customers.csv a.csv >out &&
	grep "^a.csv:5: references: customer_id .C9. is not a known customer (2 records, the first here)$" out &&
	grep "^a.csv:7: references: customer_id .C8. is not a known customer$" out &&
	grep "^references: 2 findings, fail$" out &&
	cp a.csv b.csv &&
	test_expect_code 1 crm-check customers.csv a.csv b.csv >out &&
	grep "^references: 4 findings, fail$" out
'

test_expect_success 'customers may come after the activities' '
	crm-check activities.csv customers.csv >out &&
	grep "^references: 0 findings, pass$" out
'

test_expect_success 'an activity by a rep who is not in the reps given' '
	{ cat activities.csv; echo "A4,C3,R77,2026-01-09,visit"; } >a.csv &&
	test_expect_code 1 crm-check customers.csv reps.csv a.csv >out &&
	grep "^a.csv:5: references: rep_id .R77. is not a known rep$" out &&
	grep "^references: 1 finding, fail$" out
'

test_expect_success 'without reps, reps are not checked; without either, skipped' '
	{ cat activities.csv; echo "A4,C3,R77,2026-01-09,visit"; } >a.csv &&
	crm-check customers.csv a.csv >out &&
	grep "^references: 0 findings, pass$" out &&
	crm-check a.csv >out &&
	grep "^references: skipped (no customers or reps given)$" out
'

test_expect_success 'tasks: the assignee and the customer' '
	printf "task_id,assignee_id,customer_id,due\nT1,R01,00123,2026-01-12\nT2,R88,C3,2026-01-12\nT3,R02,,2026-01-12\nT4,R02,C7,2026-01-12\n" >t.csv &&
	test_expect_code 1 crm-check customers.csv reps.csv t.csv >out &&
	cat >expect <<-\EOF &&
	t.csv:3: references: assignee_id '"'"'R88'"'"' is not a known rep
	t.csv:5: references: customer_id '"'"'C7'"'"' is not a known customer
	EOF
	grep "^t.csv:[0-9]*: references:" out >actual &&
	test_cmp expect actual
'

test_expect_success 'ledger lines: the customer' '
	printf "customer_id,date,kind,amount\n00123,2026-01-05,margin,100\n0123,2026-01-05,service,20\n" >l.csv &&
	test_expect_code 1 crm-check customers.csv l.csv >out &&
	grep "^l.csv:3: references: customer_id .0123. is not a known customer$" out &&
	crm-check l.csv >out &&
	grep "^references: skipped (no customers given)$" out
'

test_expect_success 'a rep whose manager is not a rep' '
	{ cat reps.csv; echo "R04,钱六,R99,rep"; } >r.csv &&
	test_expect_code 1 crm-check r.csv >out &&
	grep "^r.csv:6: references: rep .R04.: manager_id .R99. is not a known rep$" out &&
	grep "^references: 1 finding, fail$" out
'

test_expect_success 'a manager defined later in the file, or in another reps file' '
	printf "rep_id,name,manager_id\nR1,a,R2\nR2,b,\n" >r1.csv &&
	crm-check r1.csv >out &&
	grep "^references: 0 findings, pass$" out &&
	printf "rep_id,name,manager_id\nR3,c,R9\n" >r2.csv &&
	printf "rep_id,name,manager_id\nR9,z,\n" >r3.csv &&
	crm-check r2.csv r3.csv >out &&
	grep "^references: 0 findings, pass$" out
'

# R1 -> R2 -> R3 -> R1, read in the order R2, R3, R1 (lines 2-4): the cycle
# is named from R2, the one read first, at its line.
test_expect_success 'a cycle of three reps, named from the one read first' '
	printf "rep_id,name,manager_id\nR2,b,R3\nR3,c,R1\nR1,a,R2\nR0,boss,\nR4,d,R1\n" >r.csv &&
	test_expect_code 1 crm-check r.csv >out &&
	cat >expect <<-\EOF &&
	r.csv: columns: info: reps (detected from the columns)
	r.csv:2: references: reps form a management cycle: R2 -> R3 -> R1 -> R2
	encoding: 0 findings, pass
	columns: 0 findings, 1 info, pass
	rows: 0 findings, pass
	references: 1 finding, fail
	duplicates: 0 findings, pass
	excel_ids: 0 findings, pass
	freshness: skipped (no --max-age)
	EOF
	test_cmp expect out
'

test_expect_success 'a rep who is their own manager' '
	printf "rep_id,name,manager_id\nR0,boss,\nR5,e,R5\n" >r.csv &&
	test_expect_code 1 crm-check r.csv >out &&
	grep "^r.csv:3: references: rep .R5. is their own manager$" out &&
	grep "^references: 1 finding, fail$" out
'

test_expect_success 'a cycle across two reps files, and a rep leading into it' '
	printf "rep_id,name,manager_id\nR7,g,R1\nR1,a,R2\n" >ra.csv &&
	printf "rep_id,name,manager_id\nR2,b,R1\n" >rb.csv &&
	test_expect_code 1 crm-check ra.csv rb.csv >out &&
	grep "^ra.csv:3: references: reps form a management cycle: R1 -> R2 -> R1$" out &&
	grep "^references: 1 finding, fail$" out
'

test_expect_success 'the dirty reps: a cycle of 3, a self-manager, an unknown manager' '
	cp "$D/dirty-reps.csv" . &&
	test_expect_code 1 crm-check dirty-reps.csv >out &&
	cat >expect <<-\EOF &&
	dirty-reps.csv:2: references: reps form a management cycle: R1 -> R2 -> R3 -> R1
	dirty-reps.csv:5: references: rep '"'"'R4'"'"' is their own manager
	dirty-reps.csv:6: references: rep '"'"'R5'"'"': manager_id '"'"'R99'"'"' is not a known rep
	EOF
	grep references: out | grep -v "^references" >actual &&
	test_cmp expect actual
'

test_expect_success '--db: the store'"'"'s customers and reps are known too' '
	crm-import --db s.db customers.csv 2>/dev/null &&
	crm-import --db s.db reps.csv 2>/dev/null &&
	{ cat activities.csv; echo "A4,C3,R77,2026-01-09,visit"; echo "A5,C5,R03,2026-01-09,visit"; } >a.csv &&
	test_expect_code 1 crm-check --db s.db a.csv >out &&
	cat >expect <<-\EOF &&
	a.csv:5: references: rep_id '"'"'R77'"'"' is not a known rep
	a.csv:6: references: customer_id '"'"'C5'"'"' is not a known customer
	EOF
	grep "^a.csv:[0-9]*: references:" out >actual &&
	test_cmp expect actual &&
	CRM_DB=s.db test_expect_code 1 crm-check a.csv >out2 &&
	test_cmp out out2 &&
	printf "customer_id,name\nC5,五\n" >c5.csv &&
	test_expect_code 1 crm-check --db s.db c5.csv a.csv >out &&
	grep "^references: 1 finding, fail$" out
'

test_expect_success '--db: a store that cannot be opened is exit 2, no report' '
	test_expect_code 2 crm-check --db nonexistent.db activities.csv >out 2>err &&
	test_must_be_empty out &&
	grep "^crm-check: nonexistent.db" err
'

test_done
