#!/bin/sh
test_description='crm-rules: every rule kind at its edges, hand-worked'
. "${0%/*}/lib.sh"

D=$DATA/rules
# As of 2026-11-27 (+08:00; the as-of day ends at 2026-11-28T00:00+08:00):
#   C1 created 11-20 09:00, visit with checkin+photo at 11-23 09:00:00:
#      exactly 72 h, in time.  C2: the same visit 1 s later: late.
#   C3 a visit with a check-in but no photo: none qualifies; R9 -> S9.
#   C6 created 11-24 23:59:59: the deadline 11-27 23:59:59 is inside the
#      as-of day: breached; its rep S9 has no manager.  C7 created 11-25
#      00:00: the deadline is the end of the as-of day: not yet.
#   C4 not yet due; C5 created 2025 is not new.
#   O1 in order; O2 skips stock_deduct; O3 dispatches before the deduction;
#      O4 (Chinese step names) is in progress, not a violation.
#   A40 and A43 carry the signature page (A43: 照片： and another case);
#      A41 has a photo that is not it; A42 has no photo at all.
#   T1 due 11-20 (7 days), R1 -> S1 -> M1: two levels up.  T2: R9 has no
#      regional manager above.  T3 due on the as-of day (a date): not yet.
#      T4 due 11-27 10:00: past by the end of the day.  T5 done.
run_all() {
	crm-rules --as-of 2026-11-27 --customers "$D/customers.csv" \
	    -a "$D/activities.csv" --tasks "$D/tasks.csv" -r "$D/reps.csv" "$@"
}

test_expect_success 'the default rules, every kind' '
	run_all >actual 2>err &&
	cat >expect <<-\EOF &&
	rule,severity,subject_kind,subject_id,rep_id,notify,action,since,detail
	first_visit_72h,red,customer,C2,R1,S1,freeze_quote,2026-11-23T09:00:00+08:00,no visit with checkin and photo within 72 h of created_at 2026-11-20T09:00:00+08:00 (first: 2026-11-23T09:00:01+08:00)
	first_visit_72h,red,customer,C3,R9,S9,freeze_quote,2026-11-23T10:00:00+08:00,no visit with checkin and photo within 72 h of created_at 2026-11-20T10:00:00+08:00 (first: none)
	first_visit_72h,red,customer,C6,S9,,freeze_quote,2026-11-27T23:59:59+08:00,no visit with checkin and photo within 72 h of created_at 2026-11-24T23:59:59+08:00 (first: none); S9 has no manager
	rx_order_sequence,red,ref,O2,R2,S1,hold,2026-11-25T11:00:00+08:00,ref O2: dispatch without stock_deduct (skipped)
	rx_order_sequence,red,ref,O3,R2,S1,hold,2026-11-25T10:00:00+08:00,ref O3: dispatch before stock_deduct (reordered)
	rx_pharmacist_signature,red,activity,A41,R1,S1,reject,2026-11-26T15:00:00+08:00,rx_sale for C1: photo evidence does not match '"'"'执业药师签字页|pharmacist signature'"'"'
	rx_pharmacist_signature,red,activity,A42,R2,S1,reject,2026-11-26T16:00:00+08:00,rx_sale for C2: no photo evidence
	task_escalation,amber,task,T1,R1,M1,escalate,2026-11-20,"检测报告: not done, 7 days past due"
	task_escalation,amber,task,T2,R9,,escalate,2026-11-26,"报价单: not done, 1 day past due; no regional_manager above R9"
	task_escalation,amber,task,T4,R2,M1,escalate,2026-11-27T10:00:00+08:00,"回款: not done, 0 days past due"
	EOF
	test_cmp expect actual &&
	grep "1 activities are after the as-of date and were ignored" err
'

test_expect_success 'share/rules.json is the built-in rule set' '
	run_all >expect 2>/dev/null &&
	run_all --rules "$TOP/share/rules.json" >actual 2>/dev/null &&
	test_cmp expect actual
'

test_expect_success '--fail-on red and amber exit 1; without it exit 0' '
	test_expect_code 1 run_all --fail-on red >/dev/null 2>&1 &&
	test_expect_code 1 run_all --fail-on amber >/dev/null 2>&1 &&
	crm-rules --as-of 2026-11-27 --tasks "$D/tasks.csv" -r "$D/reps.csv" \
	    --fail-on red >actual 2>err &&
	test_expect_code 1 crm-rules --as-of 2026-11-27 --tasks "$D/tasks.csv" \
	    -r "$D/reps.csv" --fail-on amber >/dev/null 2>&1
'

test_expect_success 'a rule without its input is not checked, and says so' '
	crm-rules --as-of 2026-11-27 --tasks "$D/tasks.csv" -r "$D/reps.csv" >actual 2>err &&
	grep "rule .first_visit_72h. is not checked: no customers given" err &&
	grep "rule .rx_order_sequence. is not checked: no activities given" err &&
	test $(grep -c "^task_escalation," actual) = 3
'

test_expect_success 'escalation to a director that a rep does not have' '
	cat >r.json <<-\EOF &&
	{"rules": [{"name": "to_director", "kind": "task_overdue", "notify": "director", "severity": "red"}]}
	EOF
	crm-rules --rules r.json --as-of 2026-11-27 --tasks "$D/tasks.csv" -r "$D/reps.csv" >actual &&
	cat >expect <<-\EOF &&
	rule,severity,subject_kind,subject_id,rep_id,notify,action,since,detail
	to_director,red,task,T1,R1,D1,escalate,2026-11-20,"检测报告: not done, 7 days past due"
	to_director,red,task,T2,R9,,escalate,2026-11-26,"报价单: not done, 1 day past due; no director above R9"
	to_director,red,task,T4,R2,D1,escalate,2026-11-27T10:00:00+08:00,"回款: not done, 0 days past due"
	EOF
	test_cmp expect actual
'

test_expect_success 'a shorter window and other types in a rule file' '
	cat >r.json <<-\EOF &&
	{"rules": [{"name": "call_24h", "kind": "first_touch", "types": "visit",
	  "evidence": ["定位"], "hours": 24, "notify": "none", "severity": "amber"}]}
	EOF
	crm-rules --rules r.json --as-of 2026-11-27 --customers "$D/customers.csv" \
	    -a "$D/activities.csv" >actual 2>/dev/null &&
	cut -d, -f1-7 actual >cols &&
	cat >expect <<-\EOF &&
	rule,severity,subject_kind,subject_id,rep_id,notify,action
	call_24h,amber,customer,C1,R1,,freeze_quote
	call_24h,amber,customer,C2,R1,,freeze_quote
	call_24h,amber,customer,C4,R2,,freeze_quote
	call_24h,amber,customer,C6,S9,,freeze_quote
	call_24h,amber,customer,C7,S9,,freeze_quote
	EOF
	test_cmp expect cols
'

test_expect_success 'JSON Lines output' '
	crm-rules -j --as-of 2026-11-27 --tasks "$D/tasks.csv" -r "$D/reps.csv" >actual 2>/dev/null &&
	head -1 actual >first &&
	cat >expect <<-\EOF &&
	{"rule":"task_escalation","severity":"amber","subject_kind":"task","subject_id":"T1","rep_id":"R1","notify":"M1","action":"escalate","since":"2026-11-20","detail":"检测报告: not done, 7 days past due"}
	EOF
	test_cmp expect first
'

# The second copy's 18 records: 10 sequence steps with a ref (A10-A12,
# A20-A21, A30-A32, A33-A34) and 4 rx sales the evidence rule checks
# (A40-A43) are merged; the 3 visits only take a first touch, a minimum a
# copy leaves as it is, so they are used again rather than remembered
# (crm-rules keeps ids only where a copy could change a verdict); A99 is
# after the as-of day.
test_expect_success 'the same activity_id twice is checked once' '
	crm-rules --as-of 2026-11-27 -a "$D/activities.csv" -a "$D/activities.csv" >actual 2>err &&
	test $(grep -c "^rx_pharmacist_signature," actual) = 2 &&
	crm-rules --as-of 2026-11-27 -a "$D/activities.csv" >once 2>/dev/null &&
	test_cmp once actual &&
	grep "activities.csv: 18 records read, 3 used, 14 merged as duplicates, 1 ignored, 0 rejected" err
'
test_done
