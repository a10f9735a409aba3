#!/bin/sh
test_description='crm-stale lists customers without a touch for N days'
. "${0%/*}/lib.sh"

D=$DATA/stale
# Hand-worked against as-of 2026-11-27 (see t/data/stale/*.csv):
#   C003 never touched; C004 last activity 2026-07-01 = 149 days (its
#   updated_at 2026-06-01 is older); C091 updated 2026-08-28 = 91 days.
#   C090 (2026-08-29, exactly 90) and C007 (activity 2026-08-28T16:30Z,
#   which is 2026-08-29 00:30 at +08:00, so 90) are not stale.
test_expect_success 'rows: never first, then days_since descending' '
	crm-stale --as-of 2026-11-27 -a "$D/activities.csv" "$D/customers.csv" >actual 2>err &&
	cat >expect <<-\EOF &&
	customer_id,name,region,rep_id,last_touch,days_since,basis
	C003,天津和平店,华北,R13,,,never
	C004,广州天河店,华南,R13,2026-07-01,149,activity
	C091,南京同济诊所,华东,R11,2026-08-28,91,updated
	EOF
	test_cmp expect actual
'

test_expect_success 'orphan and future activities are reported, not lost' '
	crm-stale --as-of 2026-11-27 -a "$D/activities.csv" "$D/customers.csv" >/dev/null 2>err &&
	grep "1 activities name customers missing from the customers file (e.g. .C999.)" err &&
	grep "1 timestamps are after the as-of date and were ignored" err
'

test_expect_success 'exactly 90 days is fresh, 91 is stale' '
	printf "customer_id,updated_at\nC090,2026-08-29\nC091,2026-08-28\n" >c.csv &&
	crm-stale --days 90 --as-of 2026-11-27 c.csv >actual &&
	printf "customer_id,name,region,rep_id,last_touch,days_since,basis\nC091,,,,2026-08-28,91,updated\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'the day boundary is the team zone: UTC makes C007 stale' '
	crm-stale --tz +00:00 --as-of 2026-11-27 -a "$D/activities.csv" "$D/customers.csv" >actual 2>/dev/null &&
	grep "^C007,杭州西湖店,华东,R13,2026-08-28,91,activity$" actual
'

test_expect_success 'CRM_TZ sets the zone too' '
	CRM_TZ=UTC crm-stale --as-of 2026-11-27 -a "$D/activities.csv" "$D/customers.csv" >actual 2>/dev/null &&
	grep "^C007,.*,91,activity$" actual
'

test_expect_success 'an activity newer than updated_at is the last touch' '
	crm-stale --days 20 --as-of 2026-11-27 -a "$D/activities.csv" "$D/customers.csv" >actual 2>/dev/null &&
	grep "^C002,北京朝阳店,华北,R12,2026-11-01,26,activity$" actual &&
	grep "^C005,深圳南山店,华南,R11,2026-09-15,73,updated$" actual
'

test_expect_success '--days 0: only today is fresh' '
	crm-stale --days 0 --as-of 2026-11-27 -a "$D/activities.csv" "$D/customers.csv" >actual 2>/dev/null &&
	! grep "^C006," actual &&
	grep "^C001,.*,7,updated$" actual
'

test_expect_success 'the default as-of date is today (CRM_TODAY in tests)' '
	CRM_TODAY=2026-11-27 crm-stale -a "$D/activities.csv" "$D/customers.csv" >actual 2>/dev/null &&
	crm-stale --as-of 2026-11-27 -a "$D/activities.csv" "$D/customers.csv" >expect 2>/dev/null &&
	test_cmp expect actual
'

test_expect_success 'activities as JSON Lines give the same answer' '
	crm-stale --as-of 2026-11-27 -a "$D/activities.csv" "$D/customers.csv" >expect 2>/dev/null &&
	crm-stale --as-of 2026-11-27 -a "$D/activities.jsonl" "$D/customers.csv" >actual 2>/dev/null &&
	test_cmp expect actual
'

test_expect_success 'activities from stdin' '
	crm-stale --as-of 2026-11-27 -a - "$D/customers.csv" <"$D/activities.csv" >actual 2>/dev/null &&
	crm-stale --as-of 2026-11-27 -a "$D/activities.csv" "$D/customers.csv" >expect 2>/dev/null &&
	test_cmp expect actual
'

test_expect_success 'customers from stdin when no file is named' '
	crm-stale --as-of 2026-11-27 <"$D/customers.csv" >actual &&
	head -1 actual | grep "^customer_id,name,region,rep_id,last_touch,days_since,basis$" &&
	grep -c "" actual | grep "^6$"
'

test_expect_success 'JSON Lines output' '
	crm-stale --json --as-of 2026-11-27 -a "$D/activities.csv" "$D/customers.csv" >actual 2>/dev/null &&
	cat >expect <<-\EOF &&
	{"customer_id":"C003","name":"天津和平店","region":"华北","rep_id":"R13","last_touch":null,"days_since":null,"basis":"never"}
	{"customer_id":"C004","name":"广州天河店","region":"华南","rep_id":"R13","last_touch":"2026-07-01","days_since":149,"basis":"activity"}
	{"customer_id":"C091","name":"南京同济诊所","region":"华东","rep_id":"R11","last_touch":"2026-08-28","days_since":91,"basis":"updated"}
	EOF
	test_cmp expect actual
'

test_expect_success 'duplicate customers merge: latest updated_at wins' '
	printf "customer_id,name,updated_at\nC1,old,2026-01-01\nC2,x,2026-11-20\nC1,new,2026-06-01\n" >dup.csv &&
	crm-stale --as-of 2026-11-27 dup.csv >actual 2>err &&
	printf "customer_id,name,region,rep_id,last_touch,days_since,basis\nC1,new,,,2026-06-01,179,updated\n" >expect &&
	test_cmp expect actual &&
	grep "dup.csv: 3 records read, 2 used, 1 merged as duplicates, 0 rejected" err
'

test_expect_success 'Chinese headers map onto canonical fields' '
	printf "客户编号,客户名称,所属区域,负责人,最后跟进时间\nK1,甲,华东,R1,2026年8月1日\n" >zh.csv &&
	crm-stale --as-of 2026-11-27 zh.csv >actual &&
	printf "customer_id,name,region,rep_id,last_touch,days_since,basis\nK1,甲,华东,R1,2026-08-01,118,updated\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a formula-like name is neutralised in CSV, kept raw with --raw' '
	printf "customer_id,name\nC1,\"=HYPERLINK(\"\"x\"\")\"\nC2,＝1+1\n" >f.csv &&
	crm-stale --as-of 2026-11-27 f.csv >actual &&
	grep "^C1,\"'"'"'=HYPERLINK(\"\"x\"\")\",,,,,never$" actual &&
	grep "^C2,'"'"'＝1+1,,,,,never$" actual &&
	crm-stale --raw --as-of 2026-11-27 f.csv >raw &&
	grep "^C1,\"=HYPERLINK" raw
'

test_expect_success '--bom starts the output with a UTF-8 BOM' '
	crm-stale --bom --as-of 2026-11-27 "$D/customers.csv" >actual &&
	head -c 3 actual | od -An -tx1 | grep "ef bb bf"
'

test_done
