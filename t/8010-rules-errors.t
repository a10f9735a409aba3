#!/bin/sh
test_description='crm-rules: bad rule files, runaway patterns, bad hierarchies'
. "${0%/*}/lib.sh"

D=$DATA/rules

test_expect_success 'a bad field is named with its rule' '
	printf "{\"rules\": [{\"name\": \"x\", \"kind\": \"first_touch\", \"hours\": -1}]}" >r.json &&
	test_expect_code 2 crm-rules --rules r.json --tasks "$D/tasks.csv" 2>err &&
	grep "r.json: rule .x.: field .hours.: expected a whole number from 1 to 8760" err
'

test_expect_success 'a huge real number is out of range, not undefined (fuzz)' '
	printf "{\"rules\": [{\"name\": \"h\", \"kind\": \"first_touch\", \"hours\": 1e23}]}" >r.json &&
	test_expect_code 2 crm-rules --rules r.json --tasks "$D/tasks.csv" 2>err &&
	grep "rule .h.: field .hours.: expected a whole number from 1 to 8760" err
'

test_expect_success 'an unknown field, kind or notify level is named' '
	printf "{\"rules\": [{\"kind\": \"sequence\", \"steps\": [\"a\", \"b\"], \"colour\": 1}]}" >r.json &&
	test_expect_code 2 crm-rules --rules r.json --tasks "$D/tasks.csv" 2>err &&
	grep "rule 1: field .colour.: not a field of a sequence rule" err &&
	printf "{\"rules\": [{\"name\": \"k\", \"kind\": \"bogus\"}]}" >r.json &&
	test_expect_code 2 crm-rules --rules r.json --tasks "$D/tasks.csv" 2>err &&
	grep "rule .k.: field .kind.: expected first_touch, sequence" err &&
	printf "{\"rules\": [{\"name\": \"n\", \"kind\": \"task_overdue\", \"notify\": \"ceo\"}]}" >r.json &&
	test_expect_code 2 crm-rules --rules r.json --tasks "$D/tasks.csv" 2>err &&
	grep "rule .n.: field .notify.: expected manager, none" err
'

test_expect_success 'a missing field and a duplicate name are named' '
	printf "{\"rules\": [{\"name\": \"e\", \"kind\": \"evidence\", \"types\": \"rx_sale\"}]}" >r.json &&
	test_expect_code 2 crm-rules --rules r.json --tasks "$D/tasks.csv" 2>err &&
	grep "rule .e.: field .pattern.: missing" err &&
	printf "{\"rules\": [{\"name\": \"a\", \"kind\": \"task_overdue\"}, {\"name\": \"a\", \"kind\": \"task_overdue\"}]}" >r.json &&
	test_expect_code 2 crm-rules --rules r.json --tasks "$D/tasks.csv" 2>err &&
	grep "rule .a.: field .name.: rule 1 has the same name" err
'

test_expect_success 'a pattern that does not compile: rule, field, offset' '
	printf "{\"rules\": [{\"name\": \"p\", \"kind\": \"evidence\", \"types\": \"rx_sale\", \"pattern\": \"(abc\"}]}" >r.json &&
	test_expect_code 2 crm-rules --rules r.json -a "$D/activities.csv" 2>err &&
	grep "rule .p.: field .pattern.: .(abc.: missing closing parenthesis at offset 4" err
'

test_expect_success 'a pattern over 4096 bytes is refused' '
	long=$(awk "BEGIN { for (i = 0; i < 4100; i++) printf \"a\" }") &&
	printf "{\"rules\": [{\"name\": \"big\", \"kind\": \"evidence\", \"types\": \"x\", \"pattern\": \"%s\"}]}" "$long" >r.json &&
	test_expect_code 2 crm-rules --rules r.json -a "$D/activities.csv" 2>err &&
	grep "rule .big.: field .pattern.: .*over the limit of 4096" err
'

test_expect_success 'bad JSON is reported with line and column' '
	printf "{\"rules\": [\n  {\"kind\": }\n]}\n" >r.json &&
	test_expect_code 2 crm-rules --rules r.json --tasks "$D/tasks.csv" 2>err &&
	grep "r.json:2:" err
'

test_expect_success 'a catastrophic pattern on a long field is reported, not hung' '
	printf "{\"rules\": [{\"name\": \"slow\", \"kind\": \"evidence\", \"types\": \"rx_sale\", \"pattern\": \"(a+)+\$\"}]}" >r.json &&
	a=$(awk "BEGIN { for (i = 0; i < 20000; i++) printf \"a\" }") &&
	{ echo "activity_id,customer_id,ts,type,evidence" &&
	  echo "L1,C1,2026-11-20,rx_sale,photo: ${a}b" &&
	  echo "L2,C1,2026-11-20,rx_sale,photo: ${a}b"; } >long.csv &&
	start=$(date +%s) &&
	test_expect_code 2 crm-rules --rules r.json --as-of 2026-11-27 -a long.csv >actual 2>err &&
	end=$(date +%s) &&
	test $((end - start)) -lt 5 &&
	grep "long.csv:2: rule .slow. on activity .L1.: pattern .(a+)+\$.: match limit exceeded; the rule checks no more records" err &&
	grep "some records could not be checked" err &&
	test $(grep -c "" actual) = 1
'

test_expect_success 'evidence over 64 KiB is not matched, and says so' '
	printf "{\"rules\": [{\"name\": \"sig\", \"kind\": \"evidence\", \"types\": \"rx_sale\", \"pattern\": \"x\"}]}" >r.json &&
	a=$(awk "BEGIN { for (i = 0; i < 70000; i++) printf \"a\" }") &&
	{ echo "activity_id,customer_id,ts,type,evidence" && echo "L1,C1,2026-11-20,rx_sale,photo: $a"; } >long.csv &&
	test_expect_code 2 crm-rules --rules r.json --as-of 2026-11-27 -a long.csv 2>err &&
	grep "rule .sig. on activity .L1.: a text of 70000 bytes is over the 64 KiB" err
'

test_expect_success '--max-match-bytes lets a longer text be matched' '
	crm-rules --rules r.json --as-of 2026-11-27 -a long.csv --max-match-bytes 100000 >actual 2>err &&
	! grep "over the" err
'

test_expect_success '--max-match-bytes lower: the limit is named in the message' '
	printf "activity_id,customer_id,ts,type,evidence\nL1,C1,2026-11-20,rx_sale,photo: abcdefghijklmnop\n" >short.csv &&
	test_expect_code 2 crm-rules --rules r.json --as-of 2026-11-27 -a short.csv --max-match-bytes 10 2>err &&
	grep "short.csv:2: rule .sig. on activity .L1.: a text of 16 bytes is over the --max-match-bytes limit of 10" err
'

# "^(a|aa)*$" on 20 a-s and a b tries every way of splitting the a-s into
# ones and twos before it fails at the b: fib(21) = 10946 of them, so more
# than 1000 steps and fewer than the default 100000
test_expect_success '--max-match-steps: a match over the step limit is reported' '
	printf "{\"rules\": [{\"name\": \"steps\", \"kind\": \"evidence\", \"types\": \"rx_sale\", \"pattern\": \"^(a|aa)*\$\"}]}" >r2.json &&
	printf "activity_id,customer_id,ts,type,evidence\nL1,C1,2026-11-20,rx_sale,photo: aaaaaaaaaaaaaaaaaaaab\n" >steps.csv &&
	crm-rules --rules r2.json --as-of 2026-11-27 -a steps.csv >/dev/null 2>err &&
	! grep "limit" err &&
	test_expect_code 2 crm-rules --rules r2.json --as-of 2026-11-27 -a steps.csv --max-match-steps 1000 2>err &&
	grep "steps.csv:2: rule .steps. on activity .L1.: pattern .^(a|aa)\*\$.: match limit exceeded" err
'

test_expect_success 'pattern limits: bad values are usage errors, in crm-hotlist too' '
	test_expect_code 2 crm-rules --max-match-steps 5 --rules r.json -a short.csv 2>err &&
	grep "max-match-steps: expected a whole number from 100 to 100000000, got .5." err &&
	test_expect_code 2 crm-rules --max-match-heap lots --rules r.json -a short.csv 2>err &&
	grep "max-match-heap: expected a whole number" err &&
	test_expect_code 2 crm-hotlist --max-match-bytes 0 -a short.csv 2>err &&
	grep "max-match-bytes: expected a whole number from 1 to" err
'

test_expect_success 'a cycle of managers is an error naming the reps' '
	printf "rep_id,manager_id,role\nA,C,rep\nB,A,supervisor\nC,B,regional_manager\nD,,director\n" >cyc.csv &&
	test_expect_code 2 crm-rules --as-of 2026-11-27 --tasks "$D/tasks.csv" -r cyc.csv 2>err &&
	grep "reps hierarchy: a cycle of managers: A -> C -> B -> A" err
'

test_expect_success 'a manager missing from the reps file is an error' '
	printf "rep_id,manager_id,role\nA,Z9,rep\n" >miss.csv &&
	test_expect_code 2 crm-rules --as-of 2026-11-27 --tasks "$D/tasks.csv" -r miss.csv 2>err &&
	grep "reps hierarchy: rep .A. has manager .Z9., who is not in the reps file" err
'

test_expect_success 'usage errors exit 2' '
	test_expect_code 2 crm-rules --fail-on green --tasks "$D/tasks.csv" 2>err &&
	grep "fail-on: expected red or amber" err &&
	test_expect_code 2 crm-rules 2>err &&
	grep "no input" err &&
	test_expect_code 2 crm-rules --tasks "$D/tasks.csv" extra 2>err
'

test_expect_success 'a rejected record makes the run exit 2 after the rows' '
	printf "task_id,assignee_id,due\nT1,R1,2026-11-01\nT2,R1,not-a-date\n" >t.csv &&
	test_expect_code 2 crm-rules --as-of 2026-11-27 --tasks t.csv >actual 2>err &&
	grep "t.csv:3: field .due.: not a date or time" err &&
	grep "^task_escalation,amber,task,T1," actual
'

test_expect_success 'a write error exits 2' '
	test_expect_code 2 crm-rules --as-of 2026-11-27 --tasks "$DATA/rules/tasks.csv" >/dev/full 2>err
'

test_expect_success '--db reads every input from the store' '
	crm-import --db s.db --as-of 2026-11-27 "$D/customers.csv" "$D/activities.csv" "$D/tasks.csv" "$D/reps.csv" 2>/dev/null &&
	crm-rules --db s.db --as-of 2026-11-27 >actual 2>/dev/null &&
	crm-rules --as-of 2026-11-27 --customers "$D/customers.csv" -a "$D/activities.csv" \
	    --tasks "$D/tasks.csv" -r "$D/reps.csv" >expect 2>/dev/null &&
	test_cmp expect actual
'
test_done
