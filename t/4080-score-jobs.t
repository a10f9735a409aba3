#!/bin/sh
test_description='crm-score --jobs N: the scores, messages and counts of one thread'
. "${0%/*}/lib.sh"
. "$TOP/t/jobs-data.sh"
jobs_tool=crm-score

# 6000 activities over 2026 with what depends on input order: activity ids
# given twice (the first copy counts: the copies come later, far enough to
# land in another chunk, with another type and rep), advancing actions in
# the week after the window, unknown types, no rep, multi-line notes and
# rejects (a bad date, a ragged row).
test_expect_success 'setup' '
	awk "BEGIN {
		split(\"visit call proposal 拜访客户 sample_request demo_booked\", ty, \" \")
		print \"activity_id,customer_id,rep_id,ts,type,note\"
		for (i = 1; i <= 6000; i++) {
			id = (i > 4000 && i % 3 == 0) ? \"A\" (i - 3990) : \"A\" i
			rep = (i % 23 == 0) ? \"\" : sprintf(\"R%02d\", i % 9)
			ts = sprintf(\"2026-%02d-%02dT%02d:00:00+08:00\", 1 + i % 11, 1 + (i * 7) % 28, i % 24)
			if (i % 401 == 0) ts = \"2026-13-01\"
			note = (i % 5 == 0) ? \"\\\"a,\nb \\\"\\\"c\\\"\\\"\\\"\" : \"n\" i
			if (i % 997 == 0) printf \"%s,C%d,%s,%s\n\", id, i % 300, rep, ts
			else printf \"%s,C%d,%s,%s,%s,%s\n\", id, i % 300, rep, ts, ty[1 + i % 6], note
		}
	}" >acts.csv &&
	test $(wc -c <acts.csv) -gt 200000
'

test_expect_success 'one thread: the references, with duplicates and rejects' '
	run week --week 2026-W23 --trend 4 acts.csv &&
	run long --from 2026-02-01 --to 2026-09-30 acts.csv &&
	grep "merged" long.err && grep "2026-13-01" long.err &&
	grep "expected 6 fields" long.err && test -s week.out && test -s long.out &&
	! test -e week.trace
'

for bytes in 100 1000 9000 65536; do
	for j in 2 3; do
		test_expect_success "--jobs $j, chunks of $bytes bytes: same as one thread" "
			CRM_CHUNK_BYTES=$bytes run jw -J $j --week 2026-W23 --trend 4 acts.csv &&
			same week jw && cut jw &&
			CRM_CHUNK_BYTES=$bytes run jl -J $j --from 2026-02-01 --to 2026-09-30 acts.csv &&
			same long jl && cut jl
		"
	done
done

test_expect_success '--jobs from a pipe, by region, with --top: same as one thread' '
	printf "rep_id,name,region,manager_id,role\n" >reps.csv &&
	for r in 0 1 2 3 4 5 6 7 8; do printf "R0%s,Rep %s,区%s,M1,rep\n" $r $r $((r % 3)); done >>reps.csv &&
	run refp -b region -r reps.csv --from 2026-03-01 --to 2026-10-31 - <acts.csv &&
	CRM_CHUNK_BYTES=700 run jp -J 2 -b region -r reps.csv --from 2026-03-01 --to 2026-10-31 - <acts.csv &&
	same refp jp && cut jp &&
	run reft --top 3 --from 2026-03-01 --to 2026-10-31 acts.csv &&
	CRM_CHUNK_BYTES=700 run jt -J 2 --top 3 --from 2026-03-01 --to 2026-10-31 acts.csv &&
	same reft jt
'

test_expect_success '--jobs with --strict stops at the same record' '
	run refs --strict --from 2026-02-01 --to 2026-09-30 acts.csv &&
	test "$(cat refs.rc)" = 2 &&
	CRM_CHUNK_BYTES=300 run js --strict -J 2 --from 2026-02-01 --to 2026-09-30 acts.csv &&
	same refs js
'

test_expect_success '--jobs needs a number from 1 to 64' '
	test_expect_code 2 crm-score -J 0 acts.csv 2>err &&
	grep "jobs: expected 1 to 64" err
'

test_done
