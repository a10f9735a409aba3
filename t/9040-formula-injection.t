#!/bin/sh
test_description='formula injection: every dangerous prefix through every CSV writer'
. "${0%/*}/lib.sh"
. "$TOP/t/bad.sh"

# crm(7): a cell starting with = + - @ TAB CR LF or the full-width ＝ ＋ －
# ＠ gets a leading apostrophe, unless it is a plain number such as -12.5.
# Each prefix P goes into a text cell as "Pcmd|' ' calc'!A1" (quoted in the
# input, so CR, LF and TAB survive the reader) and must come out as 'Pcmd...
# in the CSV of crm-import, crm-stale, crm-score, crm-clcc and crm-health.

# make_inputs P: customers, activities, reps and a ledger whose text cells
# (name, region, rep_id, customer_id) start with P.
make_inputs() {
	v="\"$1cmd\""
	printf "customer_id,name,region,rep_id,updated_at\nC1,%s,%s,R1,2026-11-20\nC2,-12.5,-12.5,R2,2026-11-20\n" "$v" "$v" >cust.csv &&
	printf "activity_id,customer_id,rep_id,ts,type\nA1,C1,R1,2026-11-20T10:00,visit\nA2,C2,R2,2026-11-20T10:00,visit\n" >acts.csv &&
	printf "rep_id,name,manager_id,region,role\nR1,%s,,%s,rep\nR2,-12.5,,-12.5,rep\n" "$v" "$v" >reps.csv &&
	printf "customer_id,date,kind,amount\n%s,2026-01-05,acquisition,100\n-12.5,2026-01-05,acquisition,-12.5\n" "$v" >led.csv
}

# run_writers P: every CSV writer on the inputs; the escaped cell and the
# plain -12.5 are checked in each output.
run_writers() {
	make_inputs "$1" &&
	run_bad 0 crm-import cust.csv && cp out import.out &&
	run_bad 0 crm-stale --as-of $AS_OF -d 1 -a acts.csv cust.csv && cp out stale.out &&
	run_bad 0 crm-score --as-of $AS_OF --from 2026-11-01 --to 2026-11-27 -r reps.csv acts.csv && cp out score.out &&
	run_bad 0 crm-clcc --as-of $AS_OF -b customer led.csv && cp out clcc.out &&
	run_bad 0 crm-health --as-of $AS_OF --customers cust.csv -a acts.csv -b region && cp out health.out &&
	for o in import stale score clcc health; do
		grep -- "-12.5," $o.out >/dev/null && ! grep -- "'-12.5" $o.out ||
		{ echo "$o: -12.5 missing or escaped" >&2; exit 1; }
	done
}

for p in = + - @ ＝ ＋ － ＠; do
	test_expect_success "prefix '$p' is escaped by every CSV writer" '
		run_writers "$p" &&
		for o in import stale score clcc health; do
			has_cell $o.out "$p" && no_raw $o.out "$p" || exit 1
		done
	'
done

# crm-import(1) trims blanks around values, so its leading TAB is gone;
# nothing may start with a raw TAB either way.
test_expect_success 'prefix TAB is escaped by every CSV writer (trimmed by crm-import)' '
	t=$(printf "\t") &&
	run_writers "$t" &&
	grep "^C1,cmd," import.out && no_raw import.out "$t" &&
	for o in stale score clcc health; do
		has_cell $o.out "$t" && no_raw $o.out "$t" || exit 1
	done
'

test_expect_success 'prefix CR is escaped by every CSV writer' '
	r=$(printf "\r") &&
	run_writers "$r" &&
	for o in import stale score clcc health; do
		has_cell $o.out "$r" && no_raw $o.out "$r" || exit 1
	done
'

test_expect_success 'prefix LF is escaped by every CSV writer' '
	run_writers "
" &&
	for o in import stale score clcc health; do
		has_cell $o.out "
" && no_raw $o.out "
" || exit 1
	done
'

test_expect_success '--raw turns the escape off; JSON Lines is never escaped' '
	make_inputs "=" &&
	run_bad 0 crm-stale --raw --as-of $AS_OF -d 1 -a acts.csv cust.csv && grep "^C1,=cmd,=cmd," out &&
	run_bad 0 crm-import -j cust.csv && grep "\"name\":\"=cmd\"" out &&
	run_bad 0 crm-clcc --raw --as-of $AS_OF -b customer led.csv && grep "^=cmd," out
'

test_expect_success 'plain numbers stay numbers; a number-like text does not' '
	printf "customer_id,name\nC1,-12.5\nC2,+12.5\nC3,-1e5\nC4,-12.5x\nC5,=12.5\n" >n.csv &&
	run_bad 0 crm-stale --as-of $AS_OF n.csv &&
	grep "^C1,-12.5," out && grep "^C4,'"'"'-12.5x," out && grep "^C5,'"'"'=12.5," out &&
	! grep "^C3,-1e5," out
'

test_done
