#!/bin/sh
test_description='crm-health --record: the result per as-of date in the store'
. "${0%/*}/lib.sh"

H=$DATA/health

test_expect_success 'set up a store with the team of t/6000' '
	for f in customers activities reps tasks policies decisions; do
		crm-import --db s.db "$H/$f.csv" 2>/dev/null || exit 1
	done
'

# The values of t/6000 (worked there): one row per output row; the empty
# cells of the total are empty text, no-data values NULL.
test_expect_success 'record, and read it back with sqlite3' '
	crm-health --db s.db --as-of 2026-11-27 --record >out &&
	crm-health --db s.db --as-of 2026-11-27 >expect &&
	test_cmp expect out &&
	sqlite3 s.db "SELECT as_of, group_by, group_key, check_name, value, risk_value, verdict, window_days FROM health_runs ORDER BY rowid" >actual &&
	cat >expect <<-\EOF &&
	2026-11-27|||freshness|50.0|30.0|watch|30
	2026-11-27|||task_closure|57.1|28.6|watch|30
	2026-11-27|||policy_sync|50.0|3.0|risk|30
	2026-11-27|||decision_basis|50.0|33.3|watch|30
	2026-11-27|||total|37.5||risk|30
	EOF
	test_cmp expect actual &&
	sqlite3 s.db "SELECT typeof(value), typeof(risk_value), healthy, risk, counts FROM health_runs WHERE check_name IN ('"'"'freshness'"'"', '"'"'total'"'"') ORDER BY rowid" >actual &&
	cat >expect <<-\EOF &&
	real|real|>=85.0% touched in 30 days|>40.0% untouched over 60 days|5 of 10 customers touched in 30 days; 3 untouched over 60 days (1 never touched)
	real|null|||0 healthy, 3 watch, 1 risk
	EOF
	test_cmp expect actual
'

test_expect_success 'the table is STRICT and documented' '
	sqlite3 s.db "SELECT sql FROM sqlite_schema WHERE name = '"'"'health_runs'"'"'" | grep "STRICT$" &&
	for c in as_of group_by group_key check_name value risk_value verdict healthy risk counts window_days; do
		sqlite3 s.db "SELECT $c FROM health_runs LIMIT 0" || exit 1
		sed -n "/^.Sh STORE/,/^.Sh ENVIRONMENT/p" "$TOP/man/crm-health.1" | grep -qw "$c" ||
		{ echo "$c not in crm-health.1"; exit 1; }
	done
'

# Recording 2026-11-27 again, now with a 7-day window, 11-21..11-27: the
# tasks due then are T05 (11-25, not done, chased) and T09 (11-27, on
# time): 1/2 = 50.0, chased 50.0 > 30 -> risk; no decision was made then
# (D07 is 11-20) -> no-data, NULL.  The rows of the date are replaced, not
# added to: still 5.
test_expect_success 'recording the same date twice replaces it' '
	crm-health --db s.db --as-of 2026-11-27 --window 7 --record >/dev/null &&
	sqlite3 s.db "SELECT count(*), min(window_days), max(window_days) FROM health_runs" >actual &&
	echo "5|7|7" >expect && test_cmp expect actual &&
	sqlite3 s.db "SELECT check_name, value, verdict FROM health_runs WHERE check_name IN ('"'"'task_closure'"'"', '"'"'decision_basis'"'"') ORDER BY rowid" >actual &&
	printf "task_closure|50.0|risk\ndecision_basis||no-data\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'another date is kept beside it; a --by run records its groups' '
	crm-health --db s.db --as-of 2026-11-20 --record >/dev/null &&
	crm-health --db s.db --as-of 2026-11-27 --by region --record >/dev/null &&
	sqlite3 s.db "SELECT as_of, group_by, count(*) FROM health_runs GROUP BY 1, 2 ORDER BY 1" >actual &&
	printf "2026-11-20||5\n2026-11-27|region|25\n" >expect &&
	test_cmp expect actual &&
	sqlite3 s.db "SELECT group_key, value, verdict FROM health_runs WHERE as_of = '"'"'2026-11-27'"'"' AND check_name = '"'"'total'"'"' ORDER BY group_key" >actual &&
	printf "|37.5|risk\n(none)|0.0|risk\n华东|62.5|watch\n华北|25.0|risk\n华南|75.0|watch\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'the trend query of the man page' '
	sqlite3 s.db "SELECT as_of, value FROM health_runs WHERE group_key = '"'"''"'"' AND check_name = '"'"'total'"'"' ORDER BY as_of" >actual &&
	crm-health --db s.db --as-of 2026-11-20 | grep "^total," | cut -d, -f2 >v20 &&
	printf "2026-11-20|%s\n2026-11-27|37.5\n" "$(cat v20)" >expect &&
	test_cmp expect actual
'

test_expect_success '--record with inputs from files writes into a new store' '
	crm-health --db new.db --as-of 2026-11-27 --customers "$H/customers.csv" --tasks "$H/tasks.csv" \
	    --policies "$H/policies.csv" --decisions "$H/decisions.csv" --activities "$H/activities.csv" --record >out 2>err ||
	{ cat err; exit 1; }
'

test_expect_success 'CRM_DB names the store for --record' '
	CRM_DB=s.db crm-health --as-of 2026-11-13 --record >/dev/null &&
	sqlite3 s.db "SELECT count(*) FROM health_runs WHERE as_of = '"'"'2026-11-13'"'"'" >actual &&
	echo 5 >expect && test_cmp expect actual
'

test_expect_success '--record needs a store' '
	test_expect_code 2 crm-health --as-of 2026-11-27 --customers "$H/customers.csv" --record >out 2>err &&
	test_must_be_empty out &&
	grep "record needs --db FILE" err
'

test_expect_success 'a store that stays locked is exit 75, nothing written or changed' '
	sqlite3 s.db .dump >before &&
	hold_lock s.db &&
	CRM_BUSY_TIMEOUT_MS=200 test_expect_code 75 crm-health --db s.db --as-of 2026-11-06 --record >out 2>err &&
	test_must_be_empty out &&
	grep "s.db: BEGIN IMMEDIATE: database is locked" err &&
	release_lock &&
	sqlite3 s.db .dump >after && test_cmp before after
'

test_expect_success 'the recorded rows match the output rows' '
	crm-health --db s.db --as-of 2026-11-27 --by manager --record >out 2>/dev/null &&
	sed 1d out | awk -F, "{ print \$1 \"|\" \$3 \"|\" \$8 }" | sed "s/^(total)|/|/" | sort >expect &&
	sqlite3 s.db "SELECT group_key, check_name, verdict FROM health_runs WHERE as_of = '"'"'2026-11-27'"'"'" | sort >actual &&
	test_cmp expect actual
'
test_done
