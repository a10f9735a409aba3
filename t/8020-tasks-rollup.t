#!/bin/sh
test_description='crm-tasks: the drill-down roll-up and the task list'
. "${0%/*}/lib.sh"

D=$DATA/rules
# As of 2026-11-27.  K1, K2 (done on the due day, a date) and K7 (R1a, four
# levels below D1) are on time with evidence; K3 is late; K4 has no
# evidence; K5 is overdue; K6 and K8 (due on the as-of day) are open; K9's
# assignee Z7 is not in the reps file.  Each row counts its whole subtree;
# on_time_pct = on_time / (tasks - open).
test_expect_success 'roll-up from the top, three levels down' '
	crm-tasks --as-of 2026-11-27 -r "$D/org.csv" "$D/org-tasks.csv" >actual 2>err &&
	cat >expect <<-\EOF &&
	rep_id,name,role,level,manager_id,tasks,open,overdue,on_time,late,no_evidence,on_time_pct
	D1,总监甲,director,0,,8,2,1,3,1,1,50.0
	M1,区域经理乙,regional_manager,1,D1,8,2,1,3,1,1,50.0
	S1,主管丙,supervisor,2,M1,5,0,0,3,1,1,60.0
	R1,代表丁,rep,3,S1,3,0,0,3,0,0,100.0
	R2,代表戊,rep,3,S1,2,0,0,0,1,1,0.0
	S2,主管庚,supervisor,2,M1,2,1,1,0,0,0,0.0
	R3,代表己,rep,3,S2,1,0,1,0,0,0,0.0
	EOF
	test_cmp expect actual &&
	grep "1 tasks are assigned to reps missing from the reps file (e.g. .Z7.)" err
'

test_expect_success '--under and --depth' '
	crm-tasks --as-of 2026-11-27 -r "$D/org.csv" --under S1 --depth 1 "$D/org-tasks.csv" >actual 2>/dev/null &&
	cat >expect <<-\EOF &&
	rep_id,name,role,level,manager_id,tasks,open,overdue,on_time,late,no_evidence,on_time_pct
	S1,主管丙,supervisor,0,M1,5,0,0,3,1,1,60.0
	R1,代表丁,rep,1,S1,3,0,0,3,0,0,100.0
	R2,代表戊,rep,1,S1,2,0,0,0,1,1,0.0
	EOF
	test_cmp expect actual
'

test_expect_success 'a rep with no tasks has an empty on_time_pct' '
	crm-tasks --as-of 2026-11-27 -r "$D/org.csv" --under R1a "$D/org-tasks.csv" >actual 2>/dev/null &&
	tail -1 actual >row &&
	echo "R1a,实习生,rep,0,R1,1,0,0,1,0,0,100.0" >expect &&
	test_cmp expect row &&
	printf "task_id,assignee_id,due\n" >empty.csv &&
	crm-tasks --as-of 2026-11-27 -r "$D/org.csv" --under S2 --depth 0 empty.csv >actual &&
	tail -1 actual >row &&
	echo "S2,主管庚,supervisor,0,M1,0,0,0,0,0,0," >expect &&
	test_cmp expect row
'

test_expect_success '--list: the tasks of the people shown, with evidence' '
	crm-tasks --as-of 2026-11-27 -r "$D/org.csv" --under S1 --depth 1 --list "$D/org-tasks.csv" >actual 2>/dev/null &&
	cat >expect <<-\EOF &&
	task_id,assignee_id,assignee,customer_id,deliverable,acceptance,due,done_at,status,evidence,reminders
	K1,R1,代表丁,C1,检测报告,客户签收,2026-11-20,2026-11-19,on_time,photo: 签收单.jpg,0
	K2,R1,代表丁,C2,报价单,邮件确认,2026-11-20,2026-11-20T18:00:00+08:00,on_time,doc: 报价单.pdf,1
	K3,R2,代表戊,C3,样品,,2026-11-20,2026-11-21,late,photo: 快递单.jpg,2
	K4,R2,代表戊,C4,方案,,2026-11-20,2026-11-20,no_evidence,,0
	EOF
	test_cmp expect actual
'

test_expect_success 'an unknown --under, a cycle and no reps are errors' '
	test_expect_code 2 crm-tasks -r "$D/org.csv" --under NOPE "$D/org-tasks.csv" 2>err &&
	grep "under: rep .NOPE. is not in the reps file" err &&
	printf "rep_id,manager_id\nA,B\nB,A\n" >cyc.csv &&
	test_expect_code 2 crm-tasks -r cyc.csv "$D/org-tasks.csv" 2>err &&
	grep "a cycle of managers: A -> B -> A" err &&
	test_expect_code 2 crm-tasks "$D/org-tasks.csv" 2>err &&
	grep "give --reps FILE or --db" err &&
	test_expect_code 2 crm-tasks -r "$D/org.csv" --depth x "$D/org-tasks.csv" 2>err
'

test_expect_success 'a write error exits 2' '
	test_expect_code 2 crm-tasks --as-of 2026-11-27 -r "$D/org.csv" "$D/org-tasks.csv" >/dev/full 2>/dev/null
'
test_done
