#!/bin/sh
test_description='crm-score: exit codes, usage errors, rejected records'
. "${0%/*}/lib.sh"

D=$DATA/score
H='rank,rep_id,name,region,score,activities'

test_expect_success '--help goes to stdout and exits 0' '
	crm-score --help >out 2>err &&
	grep "^usage: crm-score " out &&
	grep -- "-h, --help" out &&
	test_must_be_empty err &&
	crm-score -h >out2 &&
	test_cmp out out2
'

test_expect_success 'an unknown option is a usage error' '
	test_expect_code 2 crm-score --bogus "$D/ties.csv" >out 2>err &&
	test_must_be_empty out &&
	grep "^usage: crm-score " err
'

test_expect_success 'a bad --week is a usage error' '
	test_expect_code 2 crm-score --week 2025-W53 "$D/ties.csv" 2>err &&
	grep "^crm-score: --week: not an ISO week .2025-W53. (use YYYY-Www)$" err &&
	test_expect_code 2 crm-score --week 2026-11-16 "$D/ties.csv" 2>err &&
	test_expect_code 2 crm-score --week 2026-W00 "$D/ties.csv" 2>err
'

test_expect_success '--from and --to go together, in order, not with --week' '
	test_expect_code 2 crm-score --from 2026-11-16 "$D/ties.csv" 2>err &&
	grep "^crm-score: --from and --to go together$" err &&
	test_expect_code 2 crm-score --to 2026-11-16 "$D/ties.csv" 2>err &&
	test_expect_code 2 crm-score --from 2026-11-17 --to 2026-11-16 "$D/ties.csv" 2>err &&
	grep "^crm-score: --from 2026-11-17 is after --to 2026-11-16$" err &&
	test_expect_code 2 crm-score --week 2026-W47 --from 2026-11-16 --to 2026-11-17 "$D/ties.csv" 2>err &&
	grep "^crm-score: --week and --from/--to are alternatives$" err &&
	test_expect_code 2 crm-score --from 2026-02-30 --to 2026-03-01 "$D/ties.csv" 2>err &&
	grep "^crm-score: --from: not a date .2026-02-30. (use YYYY-MM-DD)$" err
'

test_expect_success '--top is from 1 to 1000000' '
	test_expect_code 2 crm-score --top 0 "$D/ties.csv" 2>err &&
	grep "^crm-score: --top: expected 1 to 1000000, got .0.$" err &&
	test_expect_code 2 crm-score --top -1 "$D/ties.csv" 2>err
'

test_expect_success 'shared options are checked: --as-of, --tz' '
	test_expect_code 2 crm-score --as-of 2026-13-01 "$D/ties.csv" 2>err &&
	grep "^crm-score: --as-of: not a date" err &&
	test_expect_code 2 crm-score --tz +25:00 "$D/ties.csv" 2>err &&
	grep "^crm-score: --tz: not a zone offset" err
'

# bad.csv: line 3 has a ts that is not a date, line 4 no customer_id; the
# good rows still make the table (R1 proposal 3, R2 visit 1), exit 2.
test_expect_success 'rejected records are reported with file:line; exit 2' '
	printf "activity_id,customer_id,rep_id,ts,type\nB1,C1,R1,2026-11-16,proposal\nB2,C2,R2,2026-11-31,call\nB3,,R2,2026-11-16,call\nB4,C3,R2,2026-11-17,visit\n" >bad.csv &&
	test_expect_code 2 crm-score --week 2026-W47 bad.csv >actual 2>err &&
	cat >expect <<-EOF &&
	$H,proposal,visit,unknown,advanced_visits
	1,R1,,,3.00,1,3.00,0.00,0,0
	2,R2,,,1.00,1,0.00,1.00,0,0
	EOF
	test_cmp expect actual &&
	grep "^crm-score: bad.csv:3: field .ts.: not a date or time .2026-11-31.$" err &&
	grep "^crm-score: bad.csv:4: field .customer_id.: empty$" err &&
	grep "^crm-score: bad.csv: 4 records read, 2 used, 2 rejected$" err &&
	grep "^crm-score: some input records were rejected (see above)$" err
'

test_expect_success '--strict stops at the first bad record and writes nothing' '
	printf "activity_id,customer_id,rep_id,ts,type\nB1,C1,R1,2026-11-16,proposal\nB2,C2,R2,2026-11-31,call\n" >bad.csv &&
	test_expect_code 2 crm-score --strict --week 2026-W47 bad.csv >actual 2>err &&
	test_must_be_empty actual &&
	grep "^crm-score: bad.csv:3: field .ts.: not a date or time .2026-11-31.$" err
'

test_expect_success 'a missing column is fatal, with the columns seen' '
	printf "activity_id,customer_id,rep_id,ts\nB1,C1,R1,2026-11-16\n" >notype.csv &&
	test_expect_code 2 crm-score --week 2026-W47 notype.csv >actual 2>err &&
	test_must_be_empty actual &&
	grep "^crm-score: notype.csv:1: missing column .type." err
'

test_expect_success 'an unreadable input is fatal' '
	test_expect_code 2 crm-score --week 2026-W47 nonexistent.csv >actual 2>err &&
	test_must_be_empty actual &&
	grep "^crm-score: nonexistent.csv: " err
'

test_expect_success 'a broken quote is reported with its line' '
	printf "activity_id,customer_id,rep_id,ts,type\nB1,C1,R1,2026-11-16,proposal\nB2,\"C2,R2,2026-11-16,call\n" >q.csv &&
	test_expect_code 2 crm-score --week 2026-W47 q.csv >actual 2>err &&
	grep "^crm-score: q.csv:3: " err
'

test_expect_success 'standard input is read once' '
	test_expect_code 2 crm-score --weights - <"$D/custom.csv" 2>err &&
	grep "^crm-score: standard input can be read once" err &&
	test_expect_code 2 crm-score -r - - <"$D/reps.csv" 2>err &&
	test_expect_code 2 crm-score "$D/ties.csv" - - <"$D/ties.csv" 2>err &&
	grep "^crm-score: standard input can be read once" err
'

test_expect_success 'a full disk is exit 2' '
	test_expect_code 2 crm-score --week 2026-W47 "$D/ties.csv" >/dev/full 2>err &&
	grep "crm-score: .*write error" err
'

test_expect_success 'the same input and --as-of give byte-identical output' '
	crm-score --as-of 2026-11-27 -r "$D/reps.csv" "$D/groups.csv" >one 2>/dev/null &&
	CRM_TODAY=2030-01-01 crm-score --as-of 2026-11-27 -r "$D/reps.csv" "$D/groups.csv" >two 2>/dev/null &&
	test_cmp one two &&
	test $(wc -l <one) = 8
'

test_done
