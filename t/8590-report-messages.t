#!/bin/sh
test_description='crm-report: what its tools say about the same records, said once'
. "${0%/*}/lib.sh"

# One activity after the as-of day.  crm-report runs crm-stale (twice:
# by region and by rep), crm-health and others over the same activities,
# each of which notes the future one; the report says it once.
test_expect_success 'setup' '
	printf "customer_id,name,region,rep_id,updated_at\nC1,甲,华东,R1,2025-01-02\n" >c.csv &&
	printf "activity_id,customer_id,rep_id,ts,type\nA1,C1,R1,2025-01-10T10:00:00+08:00,visit\nA2,C1,R1,2025-03-01T10:00:00+08:00,visit\n" >a.csv &&
	printf "rep_id,name,manager_id,region,role\nR1,张三,,华东,rep\n" >r.csv &&
	crm-import --db s.db --as-of 2025-01-31 c.csv a.csv r.csv 2>/dev/null &&
	crm-stale --db s.db --as-of 2025-01-31 >/dev/null 2>stale.err &&
	grep "after the as-of date" stale.err | sed "s/^crm-stale: //" >msg &&
	test $(wc -l <msg) = 1
'

test_expect_success 'each message once' '
	crm-report --db s.db --as-of 2025-01-31 -o r.html 2>err &&
	sort err | uniq -d >dups &&
	test_must_be_empty dups &&
	grep -F -f msg err >seen &&
	test $(wc -l <seen) = 1
'

test_expect_success 'a message of another tool run after the report is not swallowed' '
	crm-report --db s.db --as-of 2025-01-31 -o r.md 2>err2 &&
	test_cmp err err2
'

test_done
