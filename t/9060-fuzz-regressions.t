#!/bin/sh
test_description='regressions found while fuzzing (issue 9): each named crash-* corpus file, where user-visible, shown fixed through the tool'
. "${0%/*}/lib.sh"

# fuzz_profile: a --map profile was applied to the columns a reader has
# when it opens; JSON Lines has none then (keys appear with the records),
# so its renames and drops were silently ignored and every record of a
# renamed export was rejected, or a dropped column still read.
test_expect_success 'a profile renames and drops JSON Lines keys as it does CSV columns' '
	cat >p.json <<-\EOF &&
	{"kind": "customers", "rename": {"cid": "customer_id"}, "drop": ["区域"]}
	EOF
	printf "{\"cid\":\"C1\",\"name\":\"甲\"}\n{\"cid\":\"C2\",\"区域\":\"华东\"}\n" >p.jsonl &&
	crm-import --map p.json p.jsonl >out 2>err &&
	grep "^C1,甲,,," out && grep "^C2,,,," out &&
	grep "p.jsonl: 2 read = 2 written + 0 merged + 0 rejected" err
'

test_expect_success 'as in CSV, the renamed column wins over one of the field'\''s own name' '
	printf "{\"cid\":\"C3\",\"customer_id\":\"C4\"}\n" >q.jsonl &&
	printf "cid,customer_id\nC3,C4\n" >q.csv &&
	crm-import --map p.json q.jsonl >out 2>err && grep "^C3," out &&
	crm-import --map p.json q.csv >out 2>err && grep "^C3," out
'

test_done
